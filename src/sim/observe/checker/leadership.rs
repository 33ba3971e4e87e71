//! Who leads: LeaderInIsr (every partition state the controller commits has its leader in
//! its ISR), at most one leader per partition per epoch, and a new leader holds every
//! record acknowledged before it took over (else an acknowledged record is lost, and the
//! report says which of Kafka's unsafe settings allowed it).
use super::Pass;
use crate::sim::config::TruncationMode;
use crate::sim::event::{ElectionKind, Property, Violation};
use crate::sim::ids::{Acks, BrokerId, PartitionId, RecordId};
use crate::sim::metadata::MetadataRecord;

impl Pass<'_, '_> {
    /// LeaderInIsr over every partition state committed since the last observation (the
    /// metadata log is the world's record of them).
    pub(super) fn metadata_committed(&mut self) {
        let log = &self.world.controller.log;
        // `sim.controllers` starts a new, empty log (before any broker exists).
        let seen = (self.checker.metadata_seen as usize).min(log.len());
        self.checker.metadata_seen = log.len() as u64;
        for record in &log[seen..] {
            let MetadataRecord::Partition { partition, state } = &**record else { continue };
            let Some(leader) = state.leader else { continue };
            if !state.in_isr(leader) {
                let name = self.world.partition_name(*partition);
                let violation = Violation {
                    property: Property::LeaderInIsr,
                    partition: *partition,
                    record: None,
                    offset: None,
                    brokers: vec![leader],
                    detail: format!(
                        "leader {leader} of {name} is not in its ISR {}",
                        crate::sim::observe::narrate::list(&state.isr)
                    ),
                };
                self.report(violation, state.leader_epoch as u64);
            }
        }
    }

    /// A broker took up leadership: no other broker may have led this epoch, and every
    /// acknowledged record must be in its log.
    pub(super) fn new_leader(&mut self, broker: BrokerId, partition: PartitionId, epoch: u32) {
        match self.checker.leader_of_epoch.get(&(partition, epoch)).copied() {
            Some(other) if other != broker => {
                let detail = format!(
                    "brokers {other} and {broker} both led {} in epoch {epoch}",
                    self.world.partition_name(partition)
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
        let Some(replica) = self.world.replica(leader, partition) else { return };
        let records = self.world.records;
        let missing: Vec<(u64, RecordId)> = self
            .acked_in(partition)
            .map(|record| (records.meta(record).acked_offset as u64, record))
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
        let world = self.world;
        let meta = world.records.meta(record);
        let replica = world.replica(leader, partition).expect("leader replica");
        let head = format!(
            "acknowledged record '{}' ({} offset {offset}, acks={}) is missing from new leader {leader}'s log (epoch {}, LEO {})",
            world.records.value(record),
            world.partition_name(partition),
            meta.acks.label(),
            replica.epoch,
            replica.log.leo()
        );
        let election = self.checker.last_election.get(&partition).copied();
        let why = if election == Some(ElectionKind::Unclean) {
            format!("unclean leader election made broker {leader} leader although it was not in the ISR and lacked the record")
        } else if election == Some(ElectionKind::LastKnownLeader) {
            format!("with ISR and ELR empty, broker {leader}, the last known leader, took over (KIP-966), but it had lost the record")
        } else if meta.acks == Acks::One {
            format!("it was acknowledged with acks=1: the old leader answered without waiting for its followers, and broker {leader} had not copied it when it took over")
        } else if world.config.truncation == TruncationMode::HighWatermark {
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
