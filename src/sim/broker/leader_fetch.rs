//! The leader's side of one partition of a follower's fetch, on the broker that leads
//! (`Partition.fetchRecords`, `updateFollowerFetchState`): check the follower's epoch,
//! look for a diverging log (KIP-320), learn what the follower holds from its fetch
//! offset, which may move the ISR and the HW, and read what comes after that offset.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::log::LogSlice;
use crate::sim::message::{FetchPartition, FetchedPartition};
use crate::sim::records::ErrorCode;

impl Broker {
    /// Answers one partition of `follower`'s fetch; what it learns may grow the ISR and
    /// advance the HW (their events and requests go to the outbox).
    pub fn serve_follower_fetch(
        &mut self,
        follower: BrokerId,
        fetch: &FetchPartition,
        cx: &mut Ctx,
    ) -> FetchedPartition {
        let partition = fetch.partition;
        if let Err(error) = self.check_follower_fetch(follower, fetch) {
            return fetch_error(partition, error);
        }
        let replica = &self.replicas[&partition];
        let (leo, hw) = (replica.log.leo(), replica.hw);
        match self.find_divergence(fetch) {
            // The follower's log diverges: no records and no progress update, it must
            // truncate first (KIP-320's divergingEpoch).
            Ok(Some(diverging)) => {
                let slice = LogSlice { first_offset: fetch.fetch_offset, ..LogSlice::default() };
                let (error, diverging_epoch) = (ErrorCode::None, Some(diverging));
                return FetchedPartition {
                    partition,
                    error,
                    high_watermark: hw,
                    leader_leo: leo,
                    slice,
                    diverging_epoch,
                };
            }
            Ok(None) if fetch.fetch_offset > leo => {
                return out_of_range(partition, ErrorCode::OffsetOutOfRange, leo, hw)
            }
            Ok(None) => {}
            Err(error) => return out_of_range(partition, error, leo, hw),
        }
        // Kafka reads first and learns from the fetch after (`Partition.fetchRecords`:
        // `readFromLocalLog`, then `updateFollowerFetchState`), so an answer sent now carries
        // the HW from before this fetch moved it: the follower learns the new HW from its
        // next answer, a round trip later.
        let answer = self.read_for_follower(fetch, cx.config.replica_fetch_max_records);
        let replica = self.replicas.get_mut(&partition).expect("checked");
        let mut moved = false;
        if let Some(progress) = replica.leader_state_mut().and_then(|s| s.follower_mut(follower)) {
            moved = progress.leo != Some(fetch.fetch_offset);
            progress.record_fetch(fetch.fetch_offset, leo, cx.now);
        }
        self.maybe_expand_isr(partition, follower, cx);
        // The HW is recomputed only when this follower's log end moved
        // (`updateFollowerFetchState`: prevFollowerEndOffset != the new one). Time alone moves
        // nothing: a follower whose lag ran out holds the HW back until the next append,
        // a log end that moves or a committed ISR change recomputes it.
        if moved {
            self.maybe_advance_hw(partition, cx);
        }
        answer
    }

    /// NOT_LEADER_OR_FOLLOWER unless this broker leads the partition and the follower is
    /// one of its replicas; FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH when the follower
    /// is in an older / newer leader epoch.
    pub fn check_follower_fetch(&self, follower: BrokerId, fetch: &FetchPartition) -> Result<(), ErrorCode> {
        let replica = self.replicas.get(&fetch.partition).ok_or(ErrorCode::NotLeaderOrFollower)?;
        let state = replica.leader_state().ok_or(ErrorCode::NotLeaderOrFollower)?;
        if fetch.current_leader_epoch < replica.epoch {
            return Err(ErrorCode::FencedLeaderEpoch);
        }
        if fetch.current_leader_epoch > replica.epoch {
            return Err(ErrorCode::UnknownLeaderEpoch);
        }
        if state.follower(follower).is_none() {
            return Err(ErrorCode::NotLeaderOrFollower);
        }
        Ok(())
    }

    /// `Partition.readRecords` with a lastFetchedEpoch: the follower's last epoch must end,
    /// on the leader, no earlier than the follower's fetch offset; else the leader names
    /// the largest epoch ≤ it that it knows (or, knowing none that old, that epoch itself)
    /// and where it ends (`LeaderEpochFileCache.endOffsetFor`). An end it cannot determine
    /// (UNDEFINED_EPOCH_OFFSET) is OFFSET_OUT_OF_RANGE, as Kafka throws.
    fn find_divergence(&self, fetch: &FetchPartition) -> Result<Option<(u32, u64)>, ErrorCode> {
        let Some(last_epoch) = fetch.last_fetched_epoch else { return Ok(None) };
        if fetch.fetch_offset == 0 {
            return Ok(None); // an empty log cannot diverge
        }
        let Some(log) = self.replicas.get(&fetch.partition).map(|r| &r.log) else { return Ok(None) };
        match log.epochs().end_offset_for(last_epoch, log.leo()) {
            Some((epoch, end)) if epoch < last_epoch || end < fetch.fetch_offset => Ok(Some((epoch, end))),
            Some(_) => Ok(None),
            None => Err(ErrorCode::OffsetOutOfRange),
        }
    }

    /// Up to `max_records` records from the fetch offset, with the HW and LEO now.
    pub fn read_for_follower(&self, fetch: &FetchPartition, max_records: u32) -> FetchedPartition {
        let replica = &self.replicas[&fetch.partition];
        let slice = replica.log.read(fetch.fetch_offset, max_records);
        FetchedPartition {
            partition: fetch.partition,
            error: ErrorCode::None,
            high_watermark: replica.hw,
            leader_leo: replica.log.leo(),
            slice,
            diverging_epoch: None,
        }
    }
}

/// An answer that carries only an error.
pub fn fetch_error(partition: PartitionId, error: ErrorCode) -> FetchedPartition {
    FetchedPartition {
        partition,
        error,
        high_watermark: 0,
        leader_leo: 0,
        slice: LogSlice::default(),
        diverging_epoch: None,
    }
}

/// An error answer that tells the follower where the leader's log ends, so it can cut
/// its own back (OFFSET_OUT_OF_RANGE).
fn out_of_range(partition: PartitionId, error: ErrorCode, leo: u64, hw: u64) -> FetchedPartition {
    FetchedPartition { leader_leo: leo, high_watermark: hw, ..fetch_error(partition, error) }
}

#[cfg(test)]
#[path = "leader_fetch_tests.rs"]
mod tests;
