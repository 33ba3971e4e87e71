//! StrongIsr (every offset below the leader's HW holds the same record on every ISR
//! member) and HighWatermarkDecreased (the HW never falls within a leader epoch), judged
//! where they could break: a leader's HW advance, a follower's append, an ISR expansion,
//! a truncation. Each compares only the offsets the event touched.
use super::Pass;
use crate::sim::event::{Property, Violation};
use crate::sim::ids::{BrokerId, PartitionId};

impl Pass<'_, '_> {
    /// Live brokers whose current incarnation the controller accepted: only their logs
    /// are observable (a dead broker's log serves no one until it registers again).
    fn is_observable(&self, broker: BrokerId) -> bool {
        self.world.brokers.get(&broker).is_some_and(|b| b.is_alive() && b.registered)
    }

    fn in_active_isr(&self, partition: PartitionId, broker: BrokerId) -> bool {
        self.world.committed(partition).is_some_and(|s| s.in_isr(broker)) && self.is_observable(broker)
    }

    /// The committed leader, if it is acting as leader; with its HW.
    fn acting_leader(&self, partition: PartitionId) -> Option<(BrokerId, u64)> {
        let leader = self.world.committed(partition)?.leader?;
        let replica = self.world.replica(leader, partition)?;
        (replica.is_leader() && self.world.brokers[&leader].is_alive()).then_some((leader, replica.hw))
    }

    /// StrongIsr over `from..to`: every active ISR member holds the leader's record there.
    /// A read-only pass finds mismatches (almost always none, and then nothing is
    /// allocated); only then are they reported.
    fn check_range_against_leader(
        &mut self,
        partition: PartitionId,
        leader: BrokerId,
        members: &[BrokerId],
        from: u64,
        to: u64,
    ) {
        let Some(lead) = self.world.replica(leader, partition) else { return };
        let mut mismatches = Vec::new();
        for member in members.iter().copied().filter(|m| *m != leader) {
            let Some(copy) = self.world.replica(member, partition) else { continue };
            if let Some(offset) = (from..to).find(|o| lead.log.record_at(*o) != copy.log.record_at(*o)) {
                mismatches.push((member, offset));
            }
        }
        for (member, offset) in mismatches {
            self.report_strong_isr(partition, leader, member, offset);
        }
    }

    fn report_strong_isr(&mut self, partition: PartitionId, leader: BrokerId, member: BrokerId, offset: u64) {
        let world = self.world;
        let (Some(lead), Some(copy)) = (world.replica(leader, partition), world.replica(member, partition)) else {
            return;
        };
        let what = match copy.log.record_at(offset) {
            None => "does not hold it".to_string(),
            Some(r) => format!("holds '{}' instead", world.records.value(r)),
        };
        let expected =
            lead.log.record_at(offset).map_or("nothing".to_string(), |r| format!("'{}'", world.records.value(r)));
        let detail = format!(
            "offset {offset} of {} is below leader {leader}'s HW and holds {expected} there, but in-sync replica {member} {what}",
            world.partition_name(partition)
        );
        let record = lead.log.record_at(offset);
        let violation = Violation {
            property: Property::StrongIsr,
            partition,
            record,
            offset: Some(offset),
            brokers: vec![leader, member],
            detail,
        };
        self.report(violation, offset);
    }

    /// A leader advanced its HW from `old` to `new` in `epoch`: the HW may not fall within
    /// an epoch, and the newly committed offsets must match on every ISR follower.
    pub(super) fn hw_advanced(&mut self, broker: BrokerId, partition: PartitionId, epoch: u32, old: u64, new: u64) {
        match self.checker.hw_in_epoch.get(&partition).copied() {
            Some((e, max)) if e == epoch && new < max => {
                let detail = format!(
                    "the HW of {} fell from {max} to {new} within leader epoch {epoch}",
                    self.world.partition_name(partition)
                );
                let violation = Violation {
                    property: Property::HighWatermarkDecreased,
                    partition,
                    record: None,
                    offset: Some(new),
                    brokers: vec![broker],
                    detail,
                };
                self.report(violation, epoch as u64);
            }
            Some((e, _)) if e > epoch => {}
            _ => {
                self.checker.hw_in_epoch.insert(partition, (epoch, new));
            }
        }
        // Followers only: the leader trivially agrees with itself. The ISR is copied into
        // a small array: this runs on every HW advance.
        let mut members = [0 as BrokerId; 16];
        let mut count = 0;
        if let Some(state) = self.world.committed(partition) {
            for b in state.isr.iter().copied().filter(|b| *b != broker && self.is_observable(*b)).take(16) {
                members[count] = b;
                count += 1;
            }
        }
        if count > 0 {
            self.check_range_against_leader(partition, broker, &members[..count], old, new);
        }
    }

    /// A follower appended `from..to`: what of it is below the acting leader's HW must be
    /// the leader's records, if the follower is in the ISR.
    pub(super) fn follower_appended(&mut self, broker: BrokerId, partition: PartitionId, from: u64, to: u64) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        // Usually the copied records are above the HW: nothing to compare, decided cheaply.
        if from >= hw || !self.in_active_isr(partition, broker) {
            return;
        }
        self.check_range_against_leader(partition, leader, &[broker], from, to.min(hw));
    }

    /// The controller committed a new ISR: every member must hold what the leader committed.
    pub(super) fn isr_changed(&mut self, partition: PartitionId) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        let Some(state) = self.world.committed(partition) else { return };
        let members: Vec<BrokerId> = state.isr.iter().copied().filter(|b| self.is_observable(*b)).collect();
        self.check_range_against_leader(partition, leader, &members, 0, hw);
    }

    /// An in-sync follower may not truncate below the acting leader's HW: those records
    /// are committed.
    pub(super) fn truncated(&mut self, broker: BrokerId, partition: PartitionId, to: u64) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        if leader != broker && to < hw && self.in_active_isr(partition, broker) {
            let detail = format!(
                "in-sync replica {broker} truncated {} to offset {to}, below leader {leader}'s HW {hw}: committed records are gone from it",
                self.world.partition_name(partition)
            );
            let violation = Violation {
                property: Property::StrongIsr,
                partition,
                record: None,
                offset: Some(to),
                brokers: vec![broker, leader],
                detail,
            };
            self.report(violation, to);
        }
    }
}
