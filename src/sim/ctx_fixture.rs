//! What a role's handler is handed, owned, for unit tests: the settings, a record table,
//! request ids, the fetch lists and an outbox, so a test runs a handler on a broker (or a
//! controller, a client) with no cluster and reads the effects it asked for.
use super::config::Config;
use super::ctx::{Ctx, Effect, Outbox};
use super::event::EventKind;
use super::fetch_buffers::FetchBuffers;
use super::ids::Millis;
use super::message::RequestIds;
use super::records::RecordTable;

#[derive(Default)]
pub(crate) struct Harness {
    pub now: Millis,
    pub config: Config,
    pub records: RecordTable,
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
            request_ids: &mut self.request_ids,
            fetch_buffers: &mut self.fetch_buffers,
            out: &mut self.out,
        };
        handler(target, &mut cx)
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
