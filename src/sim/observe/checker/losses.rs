//! Acknowledged records lost without an election to reveal it. The election check
//! (`leadership.rs`) sees every record acknowledged *before* a leader takes over. A
//! zombie leader — cut off from the controller, it does not know it was replaced —
//! keeps acknowledging acks=1 writes after that; if no further election follows, those
//! records vanish when the zombie rejoins as a follower and truncates them.
//!
//! Such a loss becomes certain the moment the last copy of the record goes: no replica
//! holds it, so no election, clean or unclean, can bring it back. The events that remove
//! copies (a truncation, a power-off) name the acknowledged records they removed; an
//! acknowledgement can arrive after its copy went. Those records are noted while the
//! step's events are read and judged at its end, on the world as it then is. Cost:
//! proportional to the records removed or acknowledged, a few replica lookups each;
//! never a scan of every record.
use super::Pass;
use crate::sim::config::TruncationMode;
use crate::sim::event::{AckedRemoved, ElectionKind, Property, TruncationReason, Violation};
use crate::sim::ids::{Acks, BrokerId, PartitionId, RecordId};
use crate::sim::records::{Delivery, RecordMeta};

/// How a copy of an acknowledged record went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CopyGone {
    Truncated(TruncationReason),
    PoweredOff,
    /// The acknowledgement reached the producer after the acking replica's copy was gone.
    BeforeTheAck,
}
crate::codec!(
    enum CopyGone {
        Truncated(_0) = 0,
        PoweredOff = 1,
        BeforeTheAck = 2,
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PendingLoss {
    partition: PartitionId,
    record: RecordId,
    /// The broker whose copy went.
    broker: BrokerId,
    cause: CopyGone,
}
crate::codec!(struct PendingLoss { partition, record, broker, cause });

/// Broker `broker` acknowledged a record as leader of `epoch` when the controller had
/// already moved leadership on to `new_leader` (none: offline) in `new_epoch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ZombieAck {
    broker: BrokerId,
    epoch: u32,
    new_leader: Option<BrokerId>,
    new_epoch: u32,
}
crate::codec!(struct ZombieAck { broker, epoch, new_leader, new_epoch });

impl Pass<'_, '_> {
    /// An event removed copies of acknowledged records from `broker`'s log: note them.
    pub(super) fn copies_removed(&mut self, broker: BrokerId, removed: &AckedRemoved, cause: CopyGone) {
        let Some(removed) = removed else { return };
        for (partition, record) in removed.records.iter().copied() {
            self.pending.push(PendingLoss { partition, record, broker, cause });
            self.checker.copies_gone.entry((partition, record)).or_default().push((broker, cause));
        }
    }

    /// Producers got success responses from `broker` for the partition's records the
    /// checker has not seen acknowledged yet: keep the evidence if the broker was a
    /// superseded (zombie) leader, and note a record whose copy on that broker is
    /// already gone (it truncated before the answer arrived).
    pub(super) fn acked(&mut self, broker: BrokerId, partition: PartitionId) {
        let records = self.world.records;
        let seen = self.checker.acked_seen.get(&partition).copied().unwrap_or(0);
        let now_acked = records.acked_count(partition);
        self.checker.acked_seen.insert(partition, now_acked);
        for record in (seen..now_acked).filter_map(|i| records.acked_at(partition, i)) {
            self.note_acked(broker, partition, record);
        }
    }

    fn note_acked(&mut self, broker: BrokerId, partition: PartitionId, record: RecordId) {
        let offset = self.world.records.meta(record).acked_offset as u64;
        let Some(replica) = self.world.replica(broker, partition) else {
            return;
        };
        let held = replica.log.record_at(offset) == Some(record);
        let epoch = if held { replica.log.epoch_at(offset).unwrap_or(replica.epoch) } else { replica.epoch };
        if let Some(state) = self.world.committed(partition) {
            if state.leader_epoch > epoch && state.leader != Some(broker) {
                let zombie = ZombieAck { broker, epoch, new_leader: state.leader, new_epoch: state.leader_epoch };
                self.checker.zombie_acks.insert(record, zombie);
            }
        }
        if !held {
            self.pending.push(PendingLoss { partition, record, broker, cause: CopyGone::BeforeTheAck });
        }
    }

    /// How `broker`'s copy of the record went the last time it went, if it ever had one.
    pub(super) fn copy_gone_from(
        &self,
        partition: PartitionId,
        record: RecordId,
        broker: BrokerId,
    ) -> Option<CopyGone> {
        let gone = self.checker.copies_gone.get(&(partition, record))?;
        gone.iter().rev().find(|(b, _)| *b == broker).map(|(_, cause)| *cause)
    }

    /// The brokers whose copy of the record a power-off removed before it was flushed.
    pub(super) fn powered_off_copies(&self, partition: PartitionId, record: RecordId) -> Vec<BrokerId> {
        let mut brokers: Vec<BrokerId> = Vec::new();
        let gone = self.checker.copies_gone.get(&(partition, record)).map_or(&[][..], |g| g.as_slice());
        for (broker, _) in gone.iter().filter(|(_, cause)| *cause == CopyGone::PoweredOff) {
            if !brokers.contains(broker) {
                brokers.push(*broker);
            }
        }
        brokers
    }

    /// At the end of the step: every noted record that no replica holds any more is
    /// lost for good.
    pub(super) fn judge_pending_losses(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for loss in &pending {
            let key = (Property::AckedRecordLost, loss.partition, loss.record.0 as u64);
            let meta = self.world.records.meta(loss.record);
            if meta.delivery != Delivery::Acked
                || self.checker.reported.contains(&key)
                || self.copy_survives(loss.partition, loss.record, &meta)
            {
                continue;
            }
            let offset = meta.acked_offset as u64;
            let detail = self.explain_gone(loss, offset, &meta);
            let mut brokers = vec![loss.broker];
            if let Some(zombie) = self.checker.zombie_acks.remove(&loss.record) {
                for b in std::iter::once(zombie.broker).chain(zombie.new_leader) {
                    if !brokers.contains(&b) {
                        brokers.push(b);
                    }
                }
            }
            let violation = Violation {
                property: Property::AckedRecordLost,
                partition: loss.partition,
                record: Some(loss.record),
                offset: Some(offset),
                brokers,
                detail,
            };
            self.report(violation, loss.record.0 as u64);
        }
    }

    /// True if some replica of the partition (alive or not: a log on disk can still be
    /// elected) holds the record at its acknowledged offset or, rarely, at another one (a
    /// non-idempotent retry can store it twice). The second search runs only for a
    /// record about to be reported.
    fn copy_survives(&self, partition: PartitionId, record: RecordId, meta: &RecordMeta) -> bool {
        let Some(state) = self.world.committed(partition) else {
            return true;
        };
        let offset = meta.acked_offset as u64;
        let replicas = || state.replicas.iter().filter_map(|b| self.world.replica(*b, partition));
        replicas().any(|r| r.log.record_at(offset) == Some(record))
            || replicas().any(|r| r.log.position_of(record).is_some())
    }

    /// Why the last copy of an acknowledged record is gone: who acknowledged it, when,
    /// and what removed the last copy.
    fn explain_gone(&self, loss: &PendingLoss, offset: u64, meta: &RecordMeta) -> String {
        let head = format!(
            "acknowledged record '{}' ({} offset {offset}, acks={}) is gone from every replica",
            self.world.records.value(loss.record),
            self.world.partition_name(loss.partition),
            meta.acks.label()
        );
        let acked = match self.checker.zombie_acks.get(&loss.record) {
            Some(zombie) => describe_zombie_ack(zombie, meta.acks),
            None => self.why_acked_record_can_go(loss, meta),
        };
        let b = loss.broker;
        let removed = match loss.cause {
            CopyGone::Truncated(TruncationReason::HighWatermark) => {
                format!("broker {b} truncated it away on becoming a follower, cutting its log back to its own high watermark (pre-KIP-101)")
            }
            CopyGone::Truncated(TruncationReason::DivergingEpoch) => {
                format!("broker {b} truncated it away on rejoining as a follower: the leader's log diverges there")
            }
            CopyGone::Truncated(TruncationReason::OffsetOutOfRange) => {
                format!("broker {b} truncated it away: its log ran past the leader's end (OFFSET_OUT_OF_RANGE)")
            }
            CopyGone::PoweredOff => format!("broker {b} lost power before flushing it"),
            CopyGone::BeforeTheAck => {
                format!("broker {b}'s copy was gone before its acknowledgement reached the producer")
            }
        };
        format!("{head}: {acked}; {removed}, and no other replica holds it")
    }

    /// For a record no zombie acknowledged: the setting that let its copies go.
    fn why_acked_record_can_go(&self, loss: &PendingLoss, meta: &RecordMeta) -> String {
        let partition = loss.partition;
        let powered_off = self.powered_off_copies(partition, loss.record);
        if meta.acks == Acks::One {
            "it was acknowledged with acks=1, which waits for no follower".to_string()
        } else if self.checker.last_election.get(&partition) == Some(&ElectionKind::Unclean) {
            "an unclean leader election gave the partition to a replica without it".to_string()
        } else if self.checker.last_election.get(&partition) == Some(&ElectionKind::LastKnownLeader) {
            "the last known leader took over with ISR and ELR empty (KIP-966), though it had lost records".to_string()
        } else if loss.cause == CopyGone::Truncated(TruncationReason::HighWatermark) {
            "followers truncate to their own high watermark when they become followers (pre-KIP-101)".to_string()
        } else if !powered_off.is_empty() {
            // The broker that lost the last copy is named after this clause; here, why an
            // acknowledgement does not survive a power-off.
            "Kafka acknowledges a write before flushing it to disk, so a power-off loses what a broker had not flushed yet".to_string()
        } else if self.world.config.truncation == TruncationMode::HighWatermark {
            "followers truncate to their own high watermark when they become followers (pre-KIP-101)".to_string()
        } else {
            "no rule of Kafka's allows this: please report the seed".to_string()
        }
    }
}

/// "broker 2 acknowledged it in epoch 2 after broker 3 became leader in epoch 3 ...".
fn describe_zombie_ack(zombie: &ZombieAck, acks: Acks) -> String {
    let ZombieAck { broker, epoch, new_leader, new_epoch } = *zombie;
    let successor = match new_leader {
        Some(leader) => format!("broker {leader} became leader in epoch {new_epoch}"),
        None => format!("the controller took leadership from it in epoch {new_epoch}"),
    };
    let promise = if acks == Acks::One { "; acks=1 promises nothing across a leader change" } else { "" };
    format!(
        "broker {broker} acknowledged it in epoch {epoch} after {successor} (a zombie leader: cut off from the controller, it did not know it had been replaced{promise})"
    )
}
