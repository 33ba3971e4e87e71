//! The follower's side of a fetch response, on the broker and replicas that own the
//! state (`ReplicaFetcherThread.processPartitionData`, `AbstractFetcherThread`): append
//! what the leader sent and take its HW, capped at the own LEO (so a follower's HW trails
//! the leader's by a round trip); truncate when the leader reports a diverging epoch or
//! an offset out of range; back off after an error. Events go to the `Ctx`'s outbox.
use crate::sim::broker::{Broker, FetcherSession};
use crate::sim::ctx::Ctx;
use crate::sim::event::{AckedRecords, EventKind, TruncationReason};
use crate::sim::ids::BrokerId;
use crate::sim::message::{FetchResponse, FetchedPartition};
use crate::sim::records::ErrorCode;
use crate::sim::replica::Replica;

impl Broker {
    /// A fetch response from `leader`. Applies it if it answers the fetch in flight or a
    /// manual one (`fetch N T-P`); true if it was the fetch in flight, so the next one
    /// may go. An answer to a fetch already given up (timed out) is ignored.
    pub fn apply_fetch_response(&mut self, leader: BrokerId, response: &FetchResponse, cx: &mut Ctx) -> bool {
        let manual = self.manual_fetches.remove(&response.request).is_some();
        let session = self.fetchers.get_or_insert_with(leader, FetcherSession::default);
        let current = session.in_flight.is_some_and(|(r, _)| r == response.request);
        if current {
            session.in_flight = None;
        } else if !manual {
            return false;
        }
        for fetched in &response.partitions {
            self.apply_fetched(leader, fetched, cx);
        }
        current
    }

    /// One partition of the response, if this broker still follows `leader` for it.
    fn apply_fetched(&mut self, leader: BrokerId, fetched: &FetchedPartition, cx: &mut Ctx) {
        let id = self.id;
        let partition = fetched.partition;
        let Some(replica) = self.replicas.get_mut(&partition) else { return };
        if replica.followed_leader() != Some(leader) {
            return;
        }
        match fetched.error {
            ErrorCode::None => {}
            ErrorCode::OffsetOutOfRange => {
                replica.truncate(id, fetched.leader_leo, TruncationReason::OffsetOutOfRange, cx);
                return;
            }
            error => {
                cx.emit(EventKind::FetchError { follower: id, leader, partition, error });
                replica.fetch_backoff_until = cx.now + cx.config.replica_fetch_backoff_ms;
                return;
            }
        }
        if let Some((epoch, end_offset)) = fetched.diverging_epoch {
            cx.emit(EventKind::DivergenceFound { follower: id, leader, partition, epoch, end_offset });
            let to = replica.truncation_point(epoch, end_offset);
            replica.truncate(id, to, TruncationReason::DivergingEpoch, cx);
            return;
        }
        replica.append_fetched(id, leader, fetched, cx);
    }
}

impl Replica {
    /// Appends what the leader sent at this replica's log end and takes the leader's HW,
    /// capped at the own LEO (KAFKA-RULES.md: follower HW = min(own LEO, HW in the
    /// response)). Followers build producer state as they replicate (`UnifiedLog.append`
    /// with origin REPLICATION), so a retry is recognised after a failover too.
    pub fn append_fetched(&mut self, broker: BrokerId, leader: BrokerId, fetched: &FetchedPartition, cx: &mut Ctx) {
        let slice = &fetched.slice;
        if !slice.records.is_empty() && slice.first_offset != self.log.leo() {
            return; // read for a log end this follower no longer has
        }
        let from = self.log.leo();
        let count = slice.records.len() as u32;
        if count > 0 {
            self.log.append_fetched(slice);
            for (i, record) in slice.records.iter().enumerate() {
                self.producer_state.note_record(&cx.records.meta(*record), from + i as u64);
            }
        }
        let old_hw = self.hw;
        self.hw = self.log.leo().min(fetched.high_watermark);
        let (partition, hw) = (self.partition, self.hw);
        if count > 0 {
            cx.emit(EventKind::FollowerFetched { follower: broker, leader, partition, from, count, hw });
        } else if hw != old_hw {
            cx.emit(EventKind::FollowerUpToDate { follower: broker, leader, partition, leo: from, hw });
        }
    }

    /// Where to truncate on a diverging epoch (`AbstractFetcherThread.getOffsetTruncationState`):
    /// the smaller of the leader's end of that epoch and the own end of it; lacking that
    /// epoch, the end of the own largest lower epoch (the next fetch asks again from
    /// there); with no epoch to compare at all, the leader's end. Never past the own LEO.
    /// Each answer so removes records or at least the latest (empty) epoch entry
    /// (`UnifiedLog.truncateTo` always truncates the epoch cache), so the follower's last
    /// fetched epoch or LEO goes down every round and the exchange ends.
    pub fn truncation_point(&self, epoch: u32, leader_end: u64) -> u64 {
        let to = match self.log.epochs().end_offset_for(epoch, self.log.leo()) {
            Some((own_epoch, own_end)) if own_epoch == epoch => own_end.min(leader_end),
            Some((_, own_end)) => own_end,
            None => leader_end,
        };
        to.min(self.log.leo())
    }

    /// Truncates the log (and the HW with it) to `to` and reports it, naming the
    /// acknowledged records it removed for the safety checker.
    pub fn truncate(&mut self, broker: BrokerId, to: u64, reason: TruncationReason, cx: &mut Ctx) {
        let acked = self.acked_records_from(to, cx.records);
        let removed = self.log.truncate_to(to);
        if removed == 0 {
            return;
        }
        self.hw = self.hw.min(self.log.leo());
        self.hw_checkpoint = self.hw_checkpoint.min(self.log.leo());
        self.rebuild_producer_state(cx.records);
        let partition = self.partition;
        let acked_removed = (!acked.is_empty())
            .then(|| Box::new(AckedRecords { records: acked.into_iter().map(|r| (partition, r)).collect() }));
        cx.emit(EventKind::Truncated { broker, partition, to, removed, reason, acked_removed });
    }
}

#[cfg(test)]
#[path = "follower_tests.rs"]
mod tests;
