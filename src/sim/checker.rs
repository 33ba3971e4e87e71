//! The safety checker: Kafka's replication guarantees (KAFKA-RULES.md, "Safety
//! properties"; the TLA+ spec's `LeaderInIsr` and `StrongIsr`) checked as the cluster
//! changes, each check at the point where a violation could arise so that no event goes
//! unchecked and none costs a full scan. A violation is reported once, as an event with
//! its evidence, never as a panic. With safe settings it stays silent; unclean
//! elections, acks=1 and high-watermark truncation let it speak.
//!
//! Losses that no election reveals (a zombie leader's acks=1 writes, thrown away when it
//! rejoins as a follower) are judged after each step, in `checker/losses.rs`.
mod losses;

pub(crate) use losses::CopyGone;

use std::collections::{BTreeMap, BTreeSet};

use super::chunked::ChunkedVec;
use super::cluster::Cluster;
use super::config::TruncationMode;
use super::event::{ElectionKind, EventKind, Property, Violation};
use super::id_map::IdMap;
use super::ids::{Acks, BrokerId, ClientId, Millis, PartitionId, RecordId};

#[derive(Clone, Debug, Default)]
pub struct Checker {
    /// Acknowledged records per partition, in acknowledgement order (the offset each
    /// ack reported is in the record table).
    acked: IdMap<PartitionId, ChunkedVec<RecordId>>,
    /// The highest HW seen per partition in its current leader epoch.
    hw_in_epoch: IdMap<PartitionId, (u32, u64)>,
    leader_of_epoch: BTreeMap<(PartitionId, u32), BrokerId>,
    last_election: IdMap<PartitionId, ElectionKind>,
    power_offs: Vec<(Millis, BrokerId)>,
    reported: BTreeSet<(Property, PartitionId, u64)>,
    /// The properties violated, in the order reported (the `violations` query).
    reported_in_order: Vec<Property>,
    violations: u64,
    /// Acknowledged records whose copies went away during the current step, judged
    /// once the step is done (`losses.rs`). Empty between steps.
    pending_losses: Vec<losses::PendingLoss>,
    /// Acknowledgements from a leader whose epoch the controller had already
    /// superseded: the evidence for the report if the record is later lost. Rare.
    zombie_acks: BTreeMap<RecordId, losses::ZombieAck>,
}

impl Checker {
    pub fn note_acked(&mut self, partition: PartitionId, record: RecordId) {
        self.acked.get_or_insert_with(partition, ChunkedVec::default).push(record);
    }

    pub fn violations(&self) -> u64 {
        self.violations
    }

    #[inline]
    pub(crate) fn has_pending_losses(&self) -> bool {
        !self.pending_losses.is_empty()
    }

    /// The properties violated so far, in the order they were reported.
    pub fn violated_properties(&self) -> &[Property] {
        &self.reported_in_order
    }

    pub fn acked_in(&self, partition: PartitionId) -> impl Iterator<Item = RecordId> + '_ {
        self.acked.get(&partition).into_iter().flat_map(|v| v.iter())
    }

    pub fn heap_bytes(&self) -> usize {
        self.acked.values().map(ChunkedVec::heap_bytes).sum()
    }
}

impl Cluster {
    fn report(&mut self, violation: Violation, key: u64) {
        let id = (violation.property, violation.partition, key);
        if !self.checker.reported.insert(id) {
            return;
        }
        self.checker.violations += 1;
        self.checker.reported_in_order.push(violation.property);
        self.emit(EventKind::SafetyViolation(Box::new(violation)));
    }

    /// Live brokers whose current incarnation the controller accepted: only their logs
    /// are observable (a dead broker's log serves no one until it registers again).
    fn active_isr(&self, partition: PartitionId) -> Vec<BrokerId> {
        let Some(state) = self.controller.image.partition(partition) else { return Vec::new() };
        state.isr.iter().copied().filter(|b| self.is_observable(*b)).collect()
    }

    fn is_observable(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| b.is_alive() && b.registered)
    }

    /// The committed leader, if it is acting as leader; with its HW.
    fn acting_leader(&self, partition: PartitionId) -> Option<(BrokerId, u64)> {
        let leader = self.controller.image.partition(partition)?.leader?;
        let replica = self.replica(leader, partition)?;
        (replica.is_leader() && self.brokers[&leader].is_alive()).then_some((leader, replica.hw))
    }

    pub(crate) fn check_leader_in_isr(&mut self, partition: PartitionId) {
        let Some(state) = self.controller.image.partition(partition).cloned() else { return };
        let Some(leader) = state.leader else { return };
        if !state.in_isr(leader) {
            let detail =
                format!("leader {leader} of {} is not in its ISR {:?}", self.partition_name(partition), state.isr);
            let violation = Violation {
                property: super::event::Property::LeaderInIsr,
                partition,
                record: None,
                offset: None,
                brokers: vec![leader],
                detail,
            };
            self.report(violation, state.leader_epoch as u64);
        }
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
        let Some(lead) = self.replica(leader, partition) else { return };
        let mut mismatches = Vec::new();
        for member in members.iter().copied().filter(|m| *m != leader) {
            let Some(copy) = self.replica(member, partition) else { continue };
            if let Some(offset) = (from..to).find(|o| lead.log.record_at(*o) != copy.log.record_at(*o)) {
                mismatches.push((member, offset));
            }
        }
        for (member, offset) in mismatches {
            self.report_strong_isr(partition, leader, member, offset);
        }
    }

    fn report_strong_isr(&mut self, partition: PartitionId, leader: BrokerId, member: BrokerId, offset: u64) {
        let (Some(lead), Some(copy)) = (self.replica(leader, partition), self.replica(member, partition)) else {
            return;
        };
        let what = match copy.log.record_at(offset) {
            None => "does not hold it".to_string(),
            Some(r) => format!("holds '{}' instead", self.records.value(r)),
        };
        let expected =
            lead.log.record_at(offset).map_or("nothing".to_string(), |r| format!("'{}'", self.records.value(r)));
        let detail = format!(
            "offset {offset} of {} is below leader {leader}'s HW and holds {expected} there, but in-sync replica {member} {what}",
            self.partition_name(partition)
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

    pub(crate) fn check_hw_advance(&mut self, broker: BrokerId, partition: PartitionId, old: u64, new: u64) {
        let epoch = self.replica(broker, partition).map_or(0, |r| r.epoch);
        match self.checker.hw_in_epoch.get(&partition).copied() {
            Some((e, max)) if e == epoch && new < max => {
                let detail = format!(
                    "the HW of {} fell from {max} to {new} within leader epoch {epoch}",
                    self.partition_name(partition)
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
        if let Some(state) = self.controller.image.partition(partition) {
            for b in state.isr.iter().copied().filter(|b| *b != broker && self.is_observable(*b)).take(16) {
                members[count] = b;
                count += 1;
            }
        }
        if count > 0 {
            self.check_range_against_leader(partition, broker, &members[..count], old, new);
        }
    }

    pub(crate) fn check_follower_append(&mut self, broker: BrokerId, partition: PartitionId, from: u64, to: u64) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        // Usually the copied records are above the HW: nothing to compare, decided cheaply.
        if from >= hw || !self.active_isr(partition).contains(&broker) {
            return;
        }
        self.check_range_against_leader(partition, leader, &[broker], from, to.min(hw));
    }

    pub(crate) fn check_isr_expansion(&mut self, partition: PartitionId) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        let members = self.active_isr(partition);
        self.check_range_against_leader(partition, leader, &members, 0, hw);
    }

    pub(crate) fn check_truncation(&mut self, broker: BrokerId, partition: PartitionId, to: u64) {
        let Some((leader, hw)) = self.acting_leader(partition) else { return };
        if leader != broker && to < hw && self.active_isr(partition).contains(&broker) {
            let detail = format!(
                "in-sync replica {broker} truncated {} to offset {to}, below leader {leader}'s HW {hw}: committed records are gone from it",
                self.partition_name(partition)
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

    pub(crate) fn check_consumer_read(
        &mut self,
        client: ClientId,
        partition: PartitionId,
        from: u64,
        count: u64,
        hw: u64,
    ) {
        if count > 0 && from + count > hw {
            let name = self.clients[client.index()].name.clone();
            let detail = format!(
                "consumer {name} was served offsets {from}..{} of {}, at or above the HW {hw}",
                from + count,
                self.partition_name(partition)
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

    pub(crate) fn note_election(&mut self, partition: PartitionId, kind: ElectionKind) {
        self.checker.last_election.insert(partition, kind);
    }

    pub(crate) fn after_broker_logs_lost(&mut self, broker: BrokerId) {
        self.checker.power_offs.push((self.now, broker));
    }

    /// A broker took up leadership: no other broker may have led this epoch, and every
    /// acknowledged record must be in its log.
    pub(crate) fn check_new_leader(&mut self, broker: BrokerId, partition: PartitionId) {
        let epoch = self.replica(broker, partition).map_or(0, |r| r.epoch);
        match self.checker.leader_of_epoch.get(&(partition, epoch)).copied() {
            Some(other) if other != broker => {
                let detail = format!(
                    "brokers {other} and {broker} both led {} in epoch {epoch}",
                    self.partition_name(partition)
                );
                let violation = Violation {
                    property: Property::TwoLeadersInOneEpoch,
                    partition,
                    record: None,
                    offset: None,
                    brokers: vec![other, broker],
                    detail,
                };
                self.report(violation, epoch as u64);
            }
            _ => {
                self.checker.leader_of_epoch.insert((partition, epoch), broker);
            }
        }
        self.check_acked_records(broker, partition);
    }

    fn check_acked_records(&mut self, leader: BrokerId, partition: PartitionId) {
        let Some(replica) = self.replica(leader, partition) else { return };
        let missing: Vec<(u64, RecordId)> = self
            .checker
            .acked_in(partition)
            .map(|record| (self.records.meta(record).acked_offset as u64, record))
            .filter(|(offset, record)| {
                replica.log.record_at(*offset) != Some(*record) && replica.log.position_of(*record).is_none()
            })
            .collect();
        for (offset, record) in missing {
            let detail = self.explain_loss(leader, partition, offset, record);
            let violation = Violation {
                property: Property::AckedRecordLost,
                partition,
                record: Some(record),
                offset: Some(offset),
                brokers: vec![leader],
                detail,
            };
            self.report(violation, record.0 as u64);
        }
    }

    /// Why an acknowledged record is gone, in the terms the playground teaches.
    fn explain_loss(&self, leader: BrokerId, partition: PartitionId, offset: u64, record: RecordId) -> String {
        let meta = self.records.meta(record);
        let replica = self.replica(leader, partition).expect("leader replica");
        let head = format!(
            "acknowledged record '{}' ({} offset {offset}, acks={}) is missing from new leader {leader}'s log (epoch {}, LEO {})",
            self.records.value(record),
            self.partition_name(partition),
            meta.acks.label(),
            replica.epoch,
            replica.log.leo()
        );
        let election = self.checker.last_election.get(&partition).copied();
        let why = if election == Some(ElectionKind::Unclean) {
            format!("unclean leader election made broker {leader} leader although it was not in the ISR and lacked the record")
        } else if meta.acks == Acks::One {
            format!("it was acknowledged with acks=1: the old leader answered without waiting for its followers, and broker {leader} had not copied it when it took over")
        } else if self.config.truncation == TruncationMode::HighWatermark {
            "a follower truncated it away to its own high watermark when it became follower (pre-KIP-101) and was then elected".to_string()
        } else if !self.checker.power_offs.is_empty() {
            let brokers: Vec<String> = self.checker.power_offs.iter().map(|(_, b)| b.to_string()).collect();
            format!("power-offs lost records not yet flushed to disk on brokers {}", brokers.join(", "))
        } else {
            "no rule of Kafka's allows this: please report the seed".to_string()
        };
        format!("{head}: {why}")
    }
}
