//! The safety checker: Kafka's replication guarantees (KAFKA-RULES.md, "Safety
//! properties"; the TLA+ spec's `LeaderInIsr` and `StrongIsr`) judged by an observer, as
//! TigerBeetle checks its `invariants()` after every event. After each step and each
//! command the cluster hands it the events that step produced and a read-only view of the
//! world (`World`); the protocol handlers never call it. It owns its own state (what it
//! has seen and reported) and answers with violations, which the cluster adds to the
//! trace. Each event is judged where a violation could arise, so none goes unchecked and
//! none costs a full scan.
//!
//! A violation is reported once, as an event with its evidence, never as a panic. It is
//! placed right after the event that revealed it (what the step did after that is
//! unrelated); those judged on the world as a whole go at the end of the step. With safe
//! settings it stays silent; unclean elections, acks=1 and high-watermark truncation let
//! it speak.
mod leadership;
mod losses;
mod strong_isr;

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::event::{ElectionKind, Event, EventKind, Property, Violation};
use crate::sim::id_map::IdMap;
use crate::sim::ids::{BrokerId, ClientId, Millis, PartitionId, RecordId};
use crate::sim::world::World;

#[derive(Clone, Debug, Default)]
pub struct Checker {
    /// How many of each partition's acknowledged records (the record table's list) the
    /// checker has seen acknowledged.
    acked_seen: IdMap<PartitionId, usize>,
    /// How much of the metadata log has been judged (LeaderInIsr).
    metadata_seen: u64,
    /// The highest HW seen per partition in its current leader epoch.
    hw_in_epoch: IdMap<PartitionId, (u32, u64)>,
    leader_of_epoch: BTreeMap<(PartitionId, u32), BrokerId>,
    last_election: IdMap<PartitionId, ElectionKind>,
    power_offs: Vec<(Millis, BrokerId)>,
    /// Which brokers' copies of an acknowledged record went, and how, in order: the
    /// evidence for a loss report (a power-off before the flush, or which truncation).
    /// Grows only with the acknowledged copies removed.
    copies_gone: BTreeMap<(PartitionId, RecordId), Vec<(BrokerId, losses::CopyGone)>>,
    reported: BTreeSet<(Property, PartitionId, u64)>,
    /// The properties violated, in the order reported (the `violations` query).
    reported_in_order: Vec<Property>,
    violations: u64,
    /// Acknowledgements from a leader whose epoch the controller had already
    /// superseded: the evidence for the report if the record is later lost. Rare.
    zombie_acks: BTreeMap<RecordId, losses::ZombieAck>,
}
crate::codec!(struct Checker { acked_seen, metadata_seen, hw_in_epoch, leader_of_epoch, last_election, power_offs, copies_gone, reported, reported_in_order, violations, zombie_acks });

/// A violation and where it goes in the trace: after the first `after` events of the
/// observed ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub after: usize,
    pub violation: Violation,
}
crate::codec!(struct Finding { after, violation });

impl Checker {
    /// Judges the events of one step (or command) against the world as it stands after
    /// it. Nearly always finds nothing, and then allocates nothing.
    pub fn observe(&mut self, events: &[Event], world: &World) -> Vec<Finding> {
        let mut pass = Pass { checker: self, world, after: 0, pending: Vec::new(), found: Vec::new() };
        for (index, event) in events.iter().enumerate() {
            if may_reveal_a_violation(&event.kind) {
                pass.after = index + 1;
                pass.event(event);
            }
        }
        pass.after = events.len();
        pass.metadata_committed();
        pass.judge_pending_losses();
        pass.found
    }

    /// True when `observe` has nothing to look at: no events, no new metadata.
    pub fn is_idle(&self, events: &[Event], world: &World) -> bool {
        events.is_empty() && self.metadata_seen == world.controller.log_end()
    }

    pub fn violations(&self) -> u64 {
        self.violations
    }

    /// The properties violated so far, in the order they were reported.
    pub fn violated_properties(&self) -> &[Property] {
        &self.reported_in_order
    }
}

/// The kinds of event the checker judges or learns from; most of a trace (fetches sent
/// and parked, heartbeats, appends) is neither, and is passed over at the cost of a
/// comparison.
#[inline]
fn may_reveal_a_violation(kind: &EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        HighWatermarkAdvanced { .. }
            | FollowerFetched { .. }
            | Truncated { .. }
            | BrokerPoweredOff { .. }
            | BecameLeader { .. }
            | IsrChanged { .. }
            | LeaderElected { .. }
            | ConsumerFetched { .. }
            | ProducerAcked { .. }
    )
}

/// One observation: the checker, the world it looks at, and what it found so far.
struct Pass<'c, 'w> {
    checker: &'c mut Checker,
    world: &'w World<'w>,
    /// Where a violation found now goes (after this many of the observed events).
    after: usize,
    /// Acknowledged records whose copies went during the step, judged at its end.
    pending: Vec<losses::PendingLoss>,
    found: Vec<Finding>,
}

impl Pass<'_, '_> {
    fn event(&mut self, event: &Event) {
        use EventKind::*;
        match &event.kind {
            HighWatermarkAdvanced { broker, partition, from, to, epoch } => {
                self.hw_advanced(*broker, *partition, *epoch, *from, *to);
            }
            FollowerFetched { follower, partition, from, count, .. } => {
                self.follower_appended(*follower, *partition, *from, *from + *count as u64);
            }
            Truncated { broker, partition, to, reason, acked_removed, .. } => {
                self.copies_removed(*broker, acked_removed, losses::CopyGone::Truncated(*reason));
                self.truncated(*broker, *partition, *to);
            }
            BrokerPoweredOff { broker, acked_removed, .. } => {
                self.copies_removed(*broker, acked_removed, losses::CopyGone::PoweredOff);
                self.checker.power_offs.push((event.at, *broker));
            }
            BecameLeader { broker, partition, epoch, .. } => self.new_leader(*broker, *partition, *epoch),
            IsrChanged { partition, .. } => self.isr_changed(*partition),
            LeaderElected { partition, kind, .. } => {
                self.checker.last_election.insert(*partition, *kind);
            }
            ConsumerFetched { client, partition, from, count, hw, .. } => {
                self.consumer_read(*client, *partition, *from, *count as u64, *hw);
            }
            ProducerAcked { broker, partition, .. } => self.acked(*broker, *partition),
            _ => {}
        }
    }

    fn report(&mut self, violation: Violation, key: u64) {
        let id = (violation.property, violation.partition, key);
        if !self.checker.reported.insert(id) {
            return;
        }
        self.checker.violations += 1;
        self.checker.reported_in_order.push(violation.property);
        self.found.push(Finding { after: self.after, violation });
    }

    /// The acknowledged records the checker has seen so far for the partition.
    fn acked_in(&self, partition: PartitionId) -> impl Iterator<Item = RecordId> + '_ {
        let seen = self.checker.acked_seen.get(&partition).copied().unwrap_or(0);
        self.world.records.acked_in(partition).take(seen)
    }

    /// A consumer never receives a record at or above the HW (KAFKA-RULES.md, "Fetch":
    /// consumers read only below it): judged on what the consumer got.
    fn consumer_read(&mut self, client: ClientId, partition: PartitionId, from: u64, count: u64, hw: u64) {
        if count > 0 && from + count > hw {
            let detail = format!(
                "consumer {} was served offsets {from}..{} of {}, at or above the HW {hw}",
                self.world.client_name(client),
                from + count,
                self.world.partition_name(partition)
            );
            let violation = Violation {
                property: Property::ConsumerBeyondHighWatermark,
                partition,
                record: None,
                offset: Some(hw),
                brokers: Vec::new(),
                detail,
            };
            self.report(violation, hw);
        }
    }
}

#[cfg(test)]
mod tests;
