//! Handing a role its context: a handler on `Broker` or `Replica` runs with a `Ctx`, the
//! controller's and a client's as methods of a `ControllerCtx` / `ClientCtx` (the role's
//! state with the time, the settings and an outbox); then the cluster carries out the
//! effects they asked for, in order, as if the handler had emitted and sent them itself.
use super::Cluster;
use crate::sim::broker::Broker;
use crate::sim::client::context::{Bootstrap, ClientCtx};
use crate::sim::controller::context::{ControllerCtx, Listeners};
use crate::sim::ctx::{Ctx, Effect};
use crate::sim::id_map::IdMap;
use crate::sim::ids::{BrokerId, ClientId};

impl Cluster {
    /// Runs a handler of broker `id` (which must exist), then flushes its outbox.
    pub(crate) fn with_broker<R>(&mut self, id: BrokerId, handle: impl FnOnce(&mut Broker, &mut Ctx) -> R) -> R {
        let (broker, mut cx) = self.broker_and_ctx(id);
        let result = handle(broker, &mut cx);
        self.flush();
        result
    }

    /// Broker `id` and the context its handler gets. Not inlined: `with_broker` is one copy
    /// per handler, and the wasm bundle is at its size ceiling.
    #[inline(never)]
    fn broker_and_ctx(&mut self, id: BrokerId) -> (&mut Broker, Ctx<'_>) {
        let broker = self.brokers.get_mut(&id).expect("a broker's handler runs on an existing broker");
        let (request_ids, fetch_buffers, out) = (&mut self.net.request_ids, &mut self.fetch_buffers, &mut self.outbox);
        let (now, config, records, topics) = (self.now, &self.config, &self.records, self.topics.as_slice());
        (broker, Ctx { now, config, records, topics, request_ids, fetch_buffers, out })
    }

    /// Runs a handler of the controller (`sim/controller/context.rs`), then flushes its
    /// outbox. A metadata push reaches the brokers alive and registered in this life.
    pub(crate) fn with_controller<R>(&mut self, handle: impl FnOnce(&mut ControllerCtx) -> R) -> R {
        let mut cx = self.controller_ctx();
        let result = handle(&mut cx);
        self.flush();
        result
    }

    /// The controller's context (not inlined, as `broker_and_ctx`).
    #[inline(never)]
    fn controller_ctx(&mut self) -> ControllerCtx<'_> {
        let (controller, config, now) = (&mut self.controller, &self.config, self.now);
        ControllerCtx { controller, config, now, listening: &self.brokers, out: &mut self.outbox }
    }

    /// Runs a handler of client `id` (`sim/client/context.rs`), then flushes its outbox.
    pub(crate) fn with_client<R>(&mut self, id: ClientId, handle: impl FnOnce(&mut ClientCtx) -> R) -> R {
        let mut cx = self.client_ctx(id);
        let result = handle(&mut cx);
        self.flush();
        result
    }

    /// The client's context (not inlined, as `broker_and_ctx`).
    #[inline(never)]
    fn client_ctx(&mut self, id: ClientId) -> ClientCtx<'_> {
        ClientCtx {
            client: &mut self.clients[id.index()],
            config: &self.config,
            now: self.now,
            records: &mut self.records,
            rng: &mut self.rng,
            request_ids: &mut self.net.request_ids,
            brokers: &self.brokers,
            out: &mut self.outbox,
        }
    }

    /// Runs a broker's timer handler if the timer is of the broker's current life (a timer
    /// armed before a crash or a restart is void).
    pub(crate) fn on_broker_timer(
        &mut self,
        id: BrokerId,
        incarnation: u32,
        handle: impl FnOnce(&mut Broker, &mut Ctx),
    ) {
        if self.broker_in(id, incarnation) {
            self.with_broker(id, handle);
        }
    }

    /// Carries out the outbox's effects in order; its buffer stays for the next handler.
    #[inline(never)]
    fn flush(&mut self) {
        while let Some(effect) = self.outbox.take_next() {
            match effect {
                Effect::Emit(kind) => self.emit(kind),
                Effect::Send { from, to, message } => self.send(from, to, message),
                Effect::Schedule { at, timer } => self.schedule(at, timer),
                Effect::Forget(request) => self.net.answered(request),
                Effect::BreakConnections(node) => self.break_connections_of(node),
            }
        }
    }
}

/// A broker takes the controller's metadata pushes while its process is alive and this
/// life has registered.
impl Listeners for IdMap<BrokerId, Broker> {
    fn listens(&self, broker: BrokerId) -> bool {
        self.get(&broker).is_some_and(|b| b.is_alive() && b.registered)
    }
}

/// A client's bootstrap list is every broker; a connection to a broker whose process is
/// down is refused.
impl Bootstrap for IdMap<BrokerId, Broker> {
    fn broker_ids(&self) -> Vec<BrokerId> {
        self.keys().copied().collect()
    }

    fn broker_count(&self) -> usize {
        self.len()
    }

    fn refuses(&self, broker: BrokerId) -> bool {
        !self.get(&broker).is_some_and(|b| b.is_alive())
    }
}
