//! Acknowledged records lost without an election to reveal it. The election check
//! (`check_new_leader`) sees every record acknowledged *before* a leader takes over. A
//! zombie leader — cut off from the controller, it does not know it was replaced —
//! keeps acknowledging acks=1 writes after that; if no further election follows, those
//! records vanish when the zombie rejoins as a follower and truncates them.
//!
//! Such a loss becomes certain the moment the last copy of the record goes: no replica
//! holds it, so no election, clean or unclean, can bring it back. Handlers only note
//! the records whose copies go (a truncation, a power-off) or that were acknowledged
//! after their copy went; after the step the checker judges the world as it then is
//! (TigerBeetle's `invariants()`). Cost: proportional to the records truncated or
//! acknowledged, a few replica lookups each; never a scan of every record.
use super::super::cluster::Cluster;
use super::super::config::TruncationMode;
use super::super::event::{ElectionKind, Property, TruncationReason, Violation};
use super::super::ids::{Acks, BrokerId, PartitionId, RecordId};
use super::super::records::{Delivery, RecordMeta};

/// How a copy of an acknowledged record went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CopyGone {
    Truncated(TruncationReason),
    PoweredOff,
    /// The acknowledgement reached the producer after the acking replica's copy was gone.
    BeforeTheAck,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PendingLoss {
    partition: PartitionId,
    record: RecordId,
    /// The broker whose copy went.
    broker: BrokerId,
    cause: CopyGone,
}

/// Broker `broker` acknowledged a record as leader of `epoch` when the controller had
/// already moved leadership on to `new_leader` (none: offline) in `new_epoch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ZombieAck {
    broker: BrokerId,
    epoch: u32,
    new_leader: Option<BrokerId>,
    new_epoch: u32,
}

impl Cluster {
    /// The records at `from..` of the broker's replica are about to go: note the
    /// acknowledged ones. Proportional to the records removed.
    pub(crate) fn note_copies_removed(&mut self, broker: BrokerId, partition: PartitionId, from: u64, cause: CopyGone) {
        let Some(replica) = self.brokers.get(&broker).and_then(|b| b.replicas.get(&partition)) else {
            return;
        };
        let pending = &mut self.checker.pending_losses;
        for record in (from..replica.log.leo()).filter_map(|o| replica.log.record_at(o)) {
            if self.records.meta(record).delivery == Delivery::Acked {
                pending.push(PendingLoss { partition, record, broker, cause });
            }
        }
    }

    /// The producer got a success response from `broker` for `record`. Keeps the
    /// evidence if the broker was a superseded (zombie) leader, and notes the record if
    /// the broker's copy is already gone (it truncated before the answer arrived).
    pub(crate) fn note_acked(&mut self, broker: BrokerId, partition: PartitionId, record: RecordId) {
        self.checker.note_acked(partition, record);
        let offset = self.records.meta(record).acked_offset as u64;
        let Some(replica) = self.replica(broker, partition) else {
            return;
        };
        let held = replica.log.record_at(offset) == Some(record);
        let epoch = if held { replica.log.epoch_at(offset).unwrap_or(replica.epoch) } else { replica.epoch };
        if let Some(state) = self.controller.image.partition(partition) {
            if state.leader_epoch > epoch && state.leader != Some(broker) {
                let zombie = ZombieAck { broker, epoch, new_leader: state.leader, new_epoch: state.leader_epoch };
                self.checker.zombie_acks.insert(record, zombie);
            }
        }
        if !held {
            self.checker.pending_losses.push(PendingLoss { partition, record, broker, cause: CopyGone::BeforeTheAck });
        }
    }

    /// After a step: every noted record that no replica holds any more is lost for good.
    pub(crate) fn check_pending_losses(&mut self) {
        let pending = std::mem::take(&mut self.checker.pending_losses);
        for loss in &pending {
            let key = (Property::AckedRecordLost, loss.partition, loss.record.0 as u64);
            let meta = self.records.meta(loss.record);
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
        // Hand the buffer back: its capacity is reused step after step.
        let mut pending = pending;
        pending.clear();
        self.checker.pending_losses = pending;
    }

    /// True if some replica of the partition (alive or not: a log on disk can still be
    /// elected) holds the record at its acknowledged offset or, rarely, at another one (a
    /// non-idempotent retry can store it twice). The second search runs only for a
    /// record about to be reported.
    fn copy_survives(&self, partition: PartitionId, record: RecordId, meta: &RecordMeta) -> bool {
        let Some(state) = self.controller.image.partition(partition) else {
            return true;
        };
        let offset = meta.acked_offset as u64;
        let replicas = || state.replicas.iter().filter_map(|b| self.replica(*b, partition));
        replicas().any(|r| r.log.record_at(offset) == Some(record))
            || replicas().any(|r| r.log.position_of(record).is_some())
    }

    /// Why the last copy of an acknowledged record is gone: who acknowledged it, when,
    /// and what removed the last copy.
    fn explain_gone(&self, loss: &PendingLoss, offset: u64, meta: &RecordMeta) -> String {
        let head = format!(
            "acknowledged record '{}' ({} offset {offset}, acks={}) is gone from every replica",
            self.records.value(loss.record),
            self.partition_name(loss.partition),
            meta.acks.label()
        );
        let acked = match self.checker.zombie_acks.get(&loss.record) {
            Some(zombie) => describe_zombie_ack(zombie, meta.acks),
            None => self.why_acked_record_can_go(loss.partition, meta),
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
    fn why_acked_record_can_go(&self, partition: PartitionId, meta: &RecordMeta) -> String {
        if meta.acks == Acks::One {
            "it was acknowledged with acks=1, which waits for no follower".to_string()
        } else if self.checker.last_election.get(&partition) == Some(&ElectionKind::Unclean) {
            "an unclean leader election gave the partition to a replica without it".to_string()
        } else if self.config.truncation == TruncationMode::HighWatermark {
            "followers truncate to their own high watermark when they become followers (pre-KIP-101)".to_string()
        } else if !self.checker.power_offs.is_empty() {
            "power-offs lost records not yet flushed to disk".to_string()
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
