//! Handing a role its `Ctx`: a handler on `Broker` or `Replica` runs with the time, the
//! settings, the record table and an outbox; then the cluster carries out the effects it
//! asked for, in order, as if the handler had emitted and sent them itself.
use super::Cluster;
use crate::sim::broker::Broker;
use crate::sim::ctx::{Ctx, Effect, Outbox};
use crate::sim::ids::BrokerId;

impl Cluster {
    /// Runs a handler of broker `id` (which must exist), then flushes its outbox.
    pub(crate) fn with_broker<R>(&mut self, id: BrokerId, handle: impl FnOnce(&mut Broker, &mut Ctx) -> R) -> R {
        let mut out = std::mem::take(&mut self.outbox);
        let broker = self.brokers.get_mut(&id).expect("a broker's handler runs on an existing broker");
        let request_ids = &mut self.net.request_ids;
        let mut cx = Ctx { now: self.now, config: &self.config, records: &self.records, request_ids, out: &mut out };
        let result = handle(broker, &mut cx);
        self.flush(&mut out);
        // Hand the buffer back: its capacity is reused handler after handler.
        self.outbox = out;
        result
    }

    fn flush(&mut self, out: &mut Outbox) {
        for effect in out.drain() {
            match effect {
                Effect::Emit(kind) => self.emit(kind),
                Effect::Send { from, to, message } => self.send(from, to, message),
                Effect::Schedule { at, timer } => self.schedule(at, timer),
            }
        }
    }
}
