//! What a role's handler is handed (raft-rs's `step`, which pushes its replies into an
//! outbox, STYLE.md): the time, the settings, the record table, request ids, and an
//! ordered outbox of effects. A handler on `Broker` or `Replica` touches only `self` and its `Ctx`, so it is
//! unit-tested with no cluster around it; the cluster carries out the effects in order
//! once the handler returns, exactly where the handler would have emitted or sent them
//! itself, so sequence numbers and traces do not change.
use super::config::Config;
use super::event::EventKind;
use super::fetch_buffers::FetchBuffers;
use super::ids::{Millis, NodeId};
use super::message::{Message, RequestId, RequestIds};
use super::queue::Timer;
use super::records::RecordTable;
use super::topic::Topic;

pub struct Ctx<'a> {
    pub now: Millis,
    pub config: &'a Config,
    pub records: &'a RecordTable,
    /// The topics as created (their min.insync.replicas and replication factor).
    pub topics: &'a [Topic],
    /// For a handler that sends a request (the cluster's one counter).
    pub request_ids: &'a mut RequestIds,
    /// The fetch lists reused round trip after round trip (`fetch_buffers.rs`).
    pub fetch_buffers: &'a mut FetchBuffers,
    pub out: &'a mut Outbox,
}

impl Ctx<'_> {
    /// A fact for the trace, at `now`.
    pub fn emit(&mut self, kind: EventKind) {
        self.out.effects.push_back(Effect::Emit(kind));
    }

    pub fn send(&mut self, from: NodeId, to: NodeId, message: Message) {
        self.out.effects.push_back(Effect::Send { from, to, message });
    }

    pub fn schedule(&mut self, at: Millis, timer: Timer) {
        self.out.effects.push_back(Effect::Schedule { at, timer });
    }

    /// The handler stopped waiting for `request` (it timed out or was refused): the
    /// network no longer holds it open, so a later crash of the peer does not report it.
    pub fn forget(&mut self, request: RequestId) {
        self.out.effects.push_back(Effect::Forget(request));
    }
}

/// The effects a role's handler asks for, the same for every role whose handlers are
/// methods of its context (`ControllerCtx`, `ClientCtx`): pushed to its outbox in order.
pub trait Acts {
    fn outbox(&mut self) -> &mut Outbox;

    /// A fact for the trace, at `now`.
    fn emit(&mut self, kind: EventKind) {
        self.outbox().push(Effect::Emit(kind));
    }

    fn send(&mut self, from: NodeId, to: NodeId, message: Message) {
        self.outbox().push(Effect::Send { from, to, message });
    }

    fn schedule(&mut self, at: Millis, timer: Timer) {
        self.outbox().push(Effect::Schedule { at, timer });
    }

    /// The handler stopped waiting for `request`: the network no longer holds it open.
    fn forget(&mut self, request: RequestId) {
        self.outbox().push(Effect::Forget(request));
    }
}

/// One thing a handler wants done outside itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Emit(EventKind),
    Send {
        from: NodeId,
        to: NodeId,
        message: Message,
    },
    Schedule {
        at: Millis,
        timer: Timer,
    },
    Forget(RequestId),
    /// A process is gone: the requests it was serving fail at once for their senders.
    BreakConnections(NodeId),
}

/// Effects in the order the handler asked for them. The cluster keeps one and reuses its
/// buffer handler after handler (a queue: taken out from the front, nothing to shift).
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    effects: std::collections::VecDeque<Effect>,
}
crate::codec_scratch!(Outbox);

impl Outbox {
    /// One more effect, after the others.
    pub fn push(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// A copy of the effects not carried out yet (for tests and inspection).
    pub fn effects(&self) -> Vec<Effect> {
        self.effects.iter().cloned().collect()
    }

    /// The first effect not carried out yet.
    pub fn take_next(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// The events among the effects (what tests mostly look at).
    pub fn events(&self) -> impl Iterator<Item = &EventKind> + '_ {
        self.effects.iter().filter_map(|e| if let Effect::Emit(kind) = e { Some(kind) } else { None })
    }
}
