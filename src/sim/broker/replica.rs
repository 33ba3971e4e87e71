//! One broker's replica of one partition, and the leader's bookkeeping of its followers.
//! The rules here are Kafka's `Partition` and `Replica` classes: how a leader learns what
//! a follower holds, when a follower counts as caught up, and how the HW advances.
use crate::sim::ids::{BrokerId, Millis, PartitionId, RecordId};
use crate::sim::log::ReplicaLog;
use crate::sim::message::RequestId;
use crate::sim::producer_state::ProducerStates;

/// The leader's view of one follower (Kafka's `Replica` state on the leader).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowerProgress {
    pub broker: BrokerId,
    /// What the follower holds, as learned from its last fetch offset; `None` until the
    /// follower has fetched from this leader (a new leader knows nothing).
    pub leo: Option<u64>,
    /// When the follower was last known to be caught up; `None`: never (as far as this
    /// leader knows). Kafka uses 0 for "never", which is long ago on a wall clock but
    /// would be "just now" at the start of a simulation.
    pub last_caught_up_ms: Option<Millis>,
    pub last_fetch_ms: Option<Millis>,
    /// The leader's LEO when that last fetch arrived.
    pub last_fetch_leader_leo: u64,
}
crate::codec!(struct FollowerProgress { broker, leo, last_caught_up_ms, last_fetch_ms, last_fetch_leader_leo });

impl FollowerProgress {
    /// As a new leader resets its followers (`Replica.resetReplicaState`): an ISR member
    /// gets `now` as its caught-up time, so it is not dropped before it can fetch.
    pub fn new(broker: BrokerId, in_isr: bool, leader_leo: u64, now: Millis) -> Self {
        FollowerProgress {
            broker,
            leo: None,
            last_caught_up_ms: in_isr.then_some(now),
            last_fetch_ms: None,
            last_fetch_leader_leo: leader_leo,
        }
    }

    /// A fetch at `fetch_offset` arrived while the leader's LEO was `leader_leo`
    /// (`Replica.updateFetchStateOrThrow`): the follower holds everything below the fetch
    /// offset. It is caught up now if it asked for the leader's end; or it was caught up
    /// at its previous fetch if it now holds what the leader held then.
    pub fn record_fetch(&mut self, fetch_offset: u64, leader_leo: u64, now: Millis) {
        if fetch_offset >= leader_leo {
            self.last_caught_up_ms = self.last_caught_up_ms.max(Some(now));
        } else if fetch_offset >= self.last_fetch_leader_leo {
            self.last_caught_up_ms = self.last_caught_up_ms.max(self.last_fetch_ms);
        }
        self.leo = Some(fetch_offset);
        self.last_fetch_leader_leo = leader_leo;
        self.last_fetch_ms = Some(now);
    }

    /// Kafka's `isCaughtUp`: at the leader's end, or caught up within the lag limit.
    pub fn is_caught_up(&self, leader_leo: u64, now: Millis, lag_max_ms: u64) -> bool {
        self.leo == Some(leader_leo) || self.last_caught_up_ms.is_some_and(|t| now.saturating_sub(t) <= lag_max_ms)
    }
}

/// An ISR change sent to the controller and not yet answered. While it is pending the
/// leader counts the *maximal* ISR (current plus additions) for the HW (KIP-497).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingIsrChange {
    pub request: RequestId,
    pub proposed: Vec<BrokerId>,
    pub sent_at: Millis,
}
crate::codec!(struct PendingIsrChange { request, proposed, sent_at });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderState {
    pub epoch_start_offset: u64,
    pub isr: Vec<BrokerId>,
    pub partition_epoch: u32,
    pub min_isr: u32,
    pub replication_factor: u32,
    pub pending_isr: Option<PendingIsrChange>,
    pub followers: Vec<FollowerProgress>,
}
crate::codec!(struct LeaderState { epoch_start_offset, isr, partition_epoch, min_isr, replication_factor, pending_isr, followers });

impl LeaderState {
    /// How many brokers the ISR plus members being added (`maximalIsr`) holds. Counted,
    /// not built: acks=all asks it every time the HW passes a parked write.
    pub fn maximal_isr_len(&self) -> usize {
        let proposed = self.pending_isr.as_ref().map_or(&[][..], |p| &p.proposed[..]);
        let added =
            proposed.iter().enumerate().filter(|(i, b)| !self.isr.contains(b) && !proposed[..*i].contains(b)).count();
        self.isr.len() + added
    }

    pub fn in_maximal_isr(&self, broker: BrokerId) -> bool {
        self.isr.contains(&broker) || self.pending_isr.as_ref().is_some_and(|p| p.proposed.contains(&broker))
    }

    /// min(min.insync.replicas, replication factor), as `acks=all` checks it.
    pub fn effective_min_isr(&self) -> usize {
        self.min_isr.min(self.replication_factor).max(1) as usize
    }

    pub fn follower_mut(&mut self, broker: BrokerId) -> Option<&mut FollowerProgress> {
        self.followers.iter_mut().find(|f| f.broker == broker)
    }

    pub fn follower(&self, broker: BrokerId) -> Option<&FollowerProgress> {
        self.followers.iter().find(|f| f.broker == broker)
    }

    /// The HW the leader may advance to (`maybeIncrementLeaderHW`): the smallest LEO among
    /// the leader, every (maximal) ISR member, and every caught-up follower that is
    /// eligible to join the ISR. From Kafka 3.7 no advance while the ISR is below min-ISR.
    pub fn hw_candidate(
        &self,
        leader_leo: u64,
        now: Millis,
        lag_max_ms: u64,
        eligible: impl Fn(BrokerId) -> bool,
    ) -> Option<u64> {
        if self.isr.len() < self.effective_min_isr() {
            return None;
        }
        let mut hw = leader_leo;
        for f in &self.followers {
            let must_wait =
                self.in_maximal_isr(f.broker) || (f.is_caught_up(leader_leo, now, lag_max_ms) && eligible(f.broker));
            if must_wait {
                hw = hw.min(f.leo.unwrap_or(0));
            }
        }
        Some(hw)
    }

    /// ISR followers not caught up for longer than the lag limit (`getOutOfSyncReplicas`).
    pub fn out_of_sync(&self, leader: BrokerId, leader_leo: u64, now: Millis, lag_max_ms: u64) -> Vec<BrokerId> {
        self.isr
            .iter()
            .copied()
            .filter(|b| *b != leader)
            .filter(|b| match self.follower(*b) {
                Some(f) => !f.is_caught_up(leader_leo, now, lag_max_ms),
                None => true,
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// No metadata for this replica yet (a broker that just started).
    Unknown,
    Leader(Box<LeaderState>),
    Follower {
        leader: Option<BrokerId>,
    },
}
crate::codec!(enum Role { Unknown = 0, Leader(_0) = 1, Follower { leader } = 2 });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replica {
    pub partition: PartitionId,
    pub log: ReplicaLog,
    pub hw: u64,
    /// The HW as last written to the checkpoint file (restored after a restart).
    pub hw_checkpoint: u64,
    /// The HW this replica held in memory when its process last died: what the page shows
    /// of a dead replica (its `hw` is then the checkpoint's, which it restarts from). Read
    /// by views only; no protocol rule looks at it.
    pub last_known_hw: u64,
    /// The leader epoch this replica acts in, from the broker's metadata.
    pub epoch: u32,
    pub role: Role,
    /// Idempotent producers' last batches, built by every replica (`ProducerStateManager`).
    pub producer_state: ProducerStates,
    /// A follower partition that got an error waits until this time before fetching again.
    pub fetch_backoff_until: Millis,
}
crate::codec!(struct Replica { partition, log, hw, hw_checkpoint, last_known_hw, epoch, role, producer_state, fetch_backoff_until });

impl Replica {
    pub fn new(partition: PartitionId) -> Self {
        Replica {
            partition,
            log: ReplicaLog::default(),
            hw: 0,
            hw_checkpoint: 0,
            last_known_hw: 0,
            epoch: 0,
            role: Role::Unknown,
            producer_state: ProducerStates::default(),
            fetch_backoff_until: 0,
        }
    }

    pub fn leader_state(&self) -> Option<&LeaderState> {
        match &self.role {
            Role::Leader(state) => Some(state),
            _ => None,
        }
    }

    pub fn leader_state_mut(&mut self) -> Option<&mut LeaderState> {
        match &mut self.role {
            Role::Leader(state) => Some(state),
            _ => None,
        }
    }

    pub fn is_leader(&self) -> bool {
        matches!(self.role, Role::Leader(_))
    }

    pub fn followed_leader(&self) -> Option<BrokerId> {
        match self.role {
            Role::Follower { leader } => leader,
            _ => None,
        }
    }

    /// The acknowledged records this replica holds at `from..`: what cutting its log back
    /// to `from` (a truncation, a power-off losing what was not flushed) takes away from
    /// producers' promises. Proportional to the records past `from`.
    pub fn acked_records_from(&self, from: u64, records: &crate::sim::records::RecordTable) -> Vec<RecordId> {
        let acked = |r: &RecordId| records.meta(*r).delivery == crate::sim::records::Delivery::Acked;
        (from..self.log.leo()).filter_map(|o| self.log.record_at(o)).filter(acked).collect()
    }

    /// Rebuilds the idempotent producers' state from the log (after a truncation), as
    /// Kafka rebuilds its producer state snapshot.
    pub fn rebuild_producer_state(&mut self, records: &crate::sim::records::RecordTable) {
        self.producer_state.clear();
        for (offset, id) in self.log.records().enumerate() {
            self.producer_state.note_record(&records.meta(id), offset as u64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leader(isr: &[BrokerId], followers: Vec<FollowerProgress>) -> LeaderState {
        LeaderState {
            epoch_start_offset: 0,
            isr: isr.to_vec(),
            partition_epoch: 0,
            min_isr: 1,
            replication_factor: 3,
            pending_isr: None,
            followers,
        }
    }

    #[test]
    fn the_maximal_isr_counts_members_being_added_once() {
        let mut state = leader(&[1, 2], Vec::new());
        assert_eq!(state.maximal_isr_len(), 2);
        // An expansion in flight (KIP-497's AlterPartition) adds broker 3, named with the
        // current members; it counts before the controller confirms it.
        let request = crate::sim::message::RequestId(7);
        state.pending_isr = Some(PendingIsrChange { request, proposed: vec![1, 2, 3], sent_at: 0 });
        assert_eq!(state.maximal_isr_len(), 3);
        assert!(state.in_maximal_isr(3));
    }

    #[test]
    fn leader_learns_follower_progress_only_from_the_fetch_offset() {
        let mut f = FollowerProgress::new(2, true, 0, 0);
        f.record_fetch(0, 3, 10);
        assert_eq!(f.leo, Some(0));
        f.record_fetch(3, 3, 12);
        assert_eq!(f.leo, Some(3));
        assert_eq!(f.last_caught_up_ms, Some(12));
    }

    #[test]
    fn caught_up_at_previous_fetch_when_holding_what_the_leader_had_then() {
        let mut f = FollowerProgress::new(2, true, 0, 0);
        f.record_fetch(5, 5, 100); // caught up at 100
        f.record_fetch(5, 8, 200); // leader moved on: not caught up now
        assert_eq!(f.last_caught_up_ms, Some(100));
        f.record_fetch(8, 9, 300); // holds what the leader had at 200
        assert_eq!(f.last_caught_up_ms, Some(200));
    }

    #[test]
    fn hw_is_the_minimum_over_the_isr_and_unknown_followers_hold_it_back() {
        let mut f2 = FollowerProgress::new(2, true, 5, 0);
        let f3 = FollowerProgress::new(3, true, 5, 0);
        f2.record_fetch(4, 5, 1);
        let state = leader(&[1, 2, 3], vec![f2.clone(), f3]);
        assert_eq!(state.hw_candidate(5, 1, 30_000, |_| true), Some(0), "follower 3 has not fetched yet");
        let mut f3 = FollowerProgress::new(3, true, 5, 0);
        f3.record_fetch(5, 5, 1);
        let state = leader(&[1, 2, 3], vec![f2, f3]);
        assert_eq!(state.hw_candidate(5, 1, 30_000, |_| true), Some(4));
    }

    #[test]
    fn a_follower_outside_the_isr_that_never_fetched_is_not_caught_up_even_at_time_zero() {
        let f2 = FollowerProgress::new(2, false, 5, 0);
        assert!(!f2.is_caught_up(5, 10, 30_000));
        let state = leader(&[1], vec![f2]);
        assert_eq!(state.hw_candidate(5, 10, 30_000, |_| true), Some(5), "only the leader is in the ISR");
    }

    #[test]
    fn hw_does_not_advance_below_min_isr() {
        let mut state = leader(&[1], vec![]);
        state.min_isr = 2;
        assert_eq!(state.hw_candidate(5, 0, 30_000, |_| true), None);
        state.replication_factor = 1;
        assert_eq!(state.hw_candidate(5, 0, 30_000, |_| true), Some(5), "min-ISR is capped at the replication factor");
    }

    #[test]
    fn a_lagging_follower_is_out_of_sync_only_after_the_lag_limit() {
        let mut f2 = FollowerProgress::new(2, true, 0, 0);
        f2.record_fetch(1, 1, 1_000);
        let state = leader(&[1, 2], vec![f2]);
        assert!(state.out_of_sync(1, 1, 50_000, 10_000).is_empty(), "at the leader's end: in sync however long");
        assert!(state.out_of_sync(1, 2, 11_000, 10_000).is_empty());
        assert_eq!(state.out_of_sync(1, 2, 11_001, 10_000), vec![2]);
    }
}
