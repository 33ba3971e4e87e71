//! What a role's handler is handed, owned, for unit tests: the settings, a record table,
//! request ids, the fetch lists and an outbox, so a test runs a handler on a broker (or a
//! controller, a client) with no cluster and reads the effects it asked for.
use super::config::Config;
use super::ctx::{Ctx, Effect, Outbox};
use super::event::EventKind;
use super::fetch_buffers::FetchBuffers;
use super::ids::{Acks, ClientId, Millis, PartitionId, RecordId};
use super::message::RequestIds;
use super::records::{NewRecord, RecordTable};
use super::topic::Topic;

#[derive(Default)]
pub(crate) struct Harness {
    pub now: Millis,
    pub config: Config,
    pub records: RecordTable,
    pub topics: Vec<Topic>,
    pub request_ids: RequestIds,
    pub fetch_buffers: FetchBuffers,
    pub out: Outbox,
}

impl Harness {
    pub(crate) fn at(now: Millis) -> Self {
        Harness { now, ..Harness::default() }
    }

    /// Runs `handler` on `target` with a `Ctx` at `now`; the effects stay in `out`.
    pub(crate) fn run<T, R>(&mut self, target: &mut T, handler: impl FnOnce(&mut T, &mut Ctx) -> R) -> R {
        let mut cx = Ctx {
            now: self.now,
            config: &self.config,
            records: &self.records,
            topics: &self.topics,
            request_ids: &mut self.request_ids,
            fetch_buffers: &mut self.fetch_buffers,
            out: &mut self.out,
        };
        handler(target, &mut cx)
    }

    /// `n` acks=all records v0, v1, ... of client 0 for `partition`, sequences from 0, in
    /// the record table (handlers look records up there).
    pub(crate) fn add_records(&mut self, partition: PartitionId, n: u32, idempotent: bool) -> Vec<RecordId> {
        let producer = ClientId(0);
        let add = |sequence: u32| {
            let value = format!("v{sequence}");
            let new = NewRecord { value: &value, producer, partition, sequence, acks: Acks::All, idempotent };
            self.records.add(new)
        };
        (0..n).map(add).collect()
    }

    /// The effects asked for so far, taken out (the next run starts with none).
    pub(crate) fn take(&mut self) -> Vec<Effect> {
        std::iter::from_fn(|| self.out.take_next()).collect()
    }

    /// The events among the effects so far, taken out with them.
    pub(crate) fn take_events(&mut self) -> Vec<EventKind> {
        let effects = self.take();
        effects.into_iter().filter_map(|e| if let Effect::Emit(kind) = e { Some(kind) } else { None }).collect()
    }
}
