//! The consumer checks its position after a leader change (KIP-320, Kafka 2.1+;
//! `OffsetsForLeaderEpochUtils`, `SubscriptionState.maybeCompleteValidation`): when its
//! metadata names a newer leader epoch than the one it last fetched in, it asks the leader
//! where the epoch of the last record it consumed ends. If that is below its position, the
//! records it read there were truncated away (an unclean election, or an acks=1 write the
//! new leader never had). With a reset policy (`latest`, `earliest`: Kafka's
//! `hasDefaultOffsetResetPolicy`) it moves back to that offset, the divergence point,
//! rather than silently skipping what the new leader wrote there, and reports no error;
//! only with `none` does it stop with `LogTruncationException` (`LOG_TRUNCATION`), its
//! position unmoved. A position set by a seek (`from=`) has no epoch to check.
use crate::sim::client::context::ClientCtx;
use crate::sim::client::PositionEpochs;
use crate::sim::config::OffsetReset;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::message::{Message, OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochResponse};
use crate::sim::records::ErrorCode;

impl ClientCtx<'_> {
    /// The `offsetEpoch` to check the position with, when the leader epoch moved on since
    /// the position was last good.
    pub(crate) fn position_to_validate(&mut self, partition: PartitionId, leader_epoch: u32) -> Option<u32> {
        let epochs = self.consumer_mut().position_epochs.get(&partition)?;
        (leader_epoch > epochs.leader_epoch).then_some(epochs.offset_epoch)
    }

    pub(crate) fn send_validation(&mut self, index: usize, leader: BrokerId, leader_epoch: u32, offset_epoch: u32) {
        let client = self.id();
        let request = self.request_ids.allocate();
        let c = self.consumer_mut();
        let pending = &mut c.fetches[index];
        (pending.in_flight, pending.validating, pending.leader_epoch) = (Some((request, leader)), true, leader_epoch);
        let (partition, give_up_at) = (pending.partition, pending.give_up_at);
        let position = c.positions.get(&partition).copied().unwrap_or(0);
        self.arm_client_wake(give_up_at);
        self.emit(EventKind::ConsumerValidating { client, broker: leader, partition, epoch: offset_epoch, position });
        let ask = OffsetsForLeaderEpochRequest {
            request,
            partition,
            current_leader_epoch: leader_epoch,
            leader_epoch: offset_epoch,
        };
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::OffsetsForLeaderEpoch(ask));
    }

    /// The leader's answer to OffsetsForLeaderEpoch: where the position's epoch ends.
    pub(crate) fn on_epoch_end_response(&mut self, response: OffsetsForLeaderEpochResponse) {
        let client = self.id();
        let retry_at = self.now + self.config.retry_backoff_ms;
        let policy = self.config.auto_offset_reset;
        let c = self.consumer_mut();
        let Some(index) = c.fetches.iter().position(|f| f.in_flight.is_some_and(|(r, _)| r == response.request)) else {
            return;
        };
        let pending = &mut c.fetches[index];
        pending.in_flight = None;
        let (partition, leader_epoch) = (pending.partition, pending.leader_epoch);
        match (response.error, response.end) {
            (ErrorCode::None, Some((epoch, end))) => {
                self.complete_validation(index, partition, epoch, end, leader_epoch)
            }
            // The leader knows no epoch that old: the position cannot be placed, so it is
            // reset by the policy, or with `none` the truncation is the application's error
            // (`maybeCompleteValidation`, UNDEFINED_EPOCH_OFFSET).
            (ErrorCode::None, None) if policy == OffsetReset::None => {
                c.last_error = Some(ErrorCode::LogTruncation);
                c.fetches.remove(index);
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error: ErrorCode::LogTruncation });
            }
            (ErrorCode::None, None) => self.reset_position(partition, response.high_watermark),
            (error, _) if error.is_retriable() => {
                c.last_error = Some(error);
                c.metadata.stale = true;
                c.fetches[index].retry_at = retry_at;
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error });
            }
            (error, _) => {
                c.last_error = Some(error);
                c.fetches.remove(index);
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error });
            }
        }
        self.pump_consumer();
    }

    /// The leader ends the consumer's epoch at `end` (as `epoch`): below the position, the
    /// log was truncated under it.
    fn complete_validation(&mut self, index: usize, partition: PartitionId, epoch: u32, end: u64, leader_epoch: u32) {
        let client = self.id();
        let policy = self.config.auto_offset_reset;
        let c = self.consumer_mut();
        let position = c.positions.get(&partition).copied().unwrap_or(0);
        if !c.position_epochs.contains_key(&partition) {
            // A seek while the question was in flight: the answer is about a position the
            // consumer has left (`maybeCompleteValidation`: "no longer matches").
            return;
        }
        if end >= position {
            c.position_epochs.insert(partition, PositionEpochs { offset_epoch: epoch, leader_epoch });
            return;
        }
        // Only without a reset policy is the truncation the application's error
        // (`LogTruncationException`); with one, Kafka logs it and seeks to the divergence
        // (`maybeCompleteValidation` → `seekValidated`), and the consumer's error stays as it was.
        if policy == OffsetReset::None {
            c.last_error = Some(ErrorCode::LogTruncation);
            c.fetches.remove(index);
            self.emit(EventKind::ConsumerFetchFailed { client, partition, error: ErrorCode::LogTruncation });
            return;
        }
        c.positions.insert(partition, end);
        c.position_epochs.insert(partition, PositionEpochs { offset_epoch: epoch, leader_epoch });
        self.emit(EventKind::ConsumerTruncationDetected { client, partition, from: position, to: end });
    }
}
