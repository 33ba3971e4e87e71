//! Who leads: LeaderInIsr (every partition state the controller commits has its leader in
//! its ISR), at most one leader per partition per epoch, and a new leader holds every
//! record acknowledged before it took over (else an acknowledged record is lost, and the
//! report says which of Kafka's unsafe settings allowed it).
use super::losses::CopyGone;
use super::Pass;
use crate::sim::event::{ElectionKind, Property, TruncationReason, Violation};
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
        // What removed the new leader's own copy, if it had one: the true cause, rather
        // than a guess from the settings (a power-off in high-watermark mode is not a
        // high-watermark truncation).
        let own = match self.copy_gone_from(partition, record, leader) {
            Some(CopyGone::PoweredOff) => Some(format!(
                "broker {leader} had the record but lost power before flushing it to disk, so it came back without it"
            )),
            Some(CopyGone::Truncated(TruncationReason::HighWatermark)) => Some(format!(
                "broker {leader} truncated it away to its own high watermark when it became follower (pre-KIP-101)"
            )),
            Some(CopyGone::Truncated(TruncationReason::DivergingEpoch)) => Some(format!(
                "broker {leader} truncated it away as a follower, where its log diverged from the leader's"
            )),
            Some(CopyGone::Truncated(TruncationReason::OffsetOutOfRange)) => Some(format!(
                "broker {leader} truncated it away as a follower, its log having run past the leader's end (OFFSET_OUT_OF_RANGE)"
            )),
            Some(CopyGone::BeforeTheAck) | None => None,
        };
        let why = match (election, own) {
            (Some(ElectionKind::Unclean), _) => {
                format!("unclean leader election made broker {leader} leader although it was not in the ISR and lacked the record")
            }
            (Some(ElectionKind::LastKnownLeader), own) => {
                let how = own.unwrap_or_else(|| "it had lost the record".to_string());
                format!(
                    "with ISR and ELR empty, broker {leader}, the last known leader, took over (KIP-966), but {how}"
                )
            }
            (_, Some(own)) => format!("{own}, and was then elected"),
            _ if meta.acks == Acks::One => {
                format!("it was acknowledged with acks=1: the old leader answered without waiting for its followers, and broker {leader} had not copied it when it took over")
            }
            _ => match self.powered_off_copies(partition, record).as_slice() {
                [] => "no rule of Kafka's allows this: please report the seed".to_string(),
                lost => format!(
                    "broker {leader} never held it, and power-offs before a flush removed it from broker{} {}",
                    if lost.len() == 1 { "" } else { "s" },
                    lost.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
                ),
            },
        };
        format!("{head}: {why}")
    }
}
