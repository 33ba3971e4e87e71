//! The consumer: `consume` sends one fetch to the leader it knows, from its position;
//! the leader returns only records below the HW. Leader moves and disconnects are
//! retried after a metadata refresh until request.timeout.ms.
use super::Cluster;
use crate::sim::client::{Consumer, ConsumerFetch, PositionEpochs};
use crate::sim::config::OffsetReset;
use crate::sim::error::SimError;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, ClientId, NodeId, PartitionId};
use crate::sim::message::{ConsumerFetchRequest, ConsumerFetchResponse, Message, RequestId};
use crate::sim::records::ErrorCode;

impl Cluster {
    /// `consume T-P [from=OFFSET] [consumer=NAME]`.
    pub(crate) fn consume(
        &mut self,
        partition: PartitionId,
        from: Option<u64>,
        consumer: &str,
    ) -> Result<(), SimError> {
        let client = self.ensure_client(consumer, false)?;
        let give_up_at = self.now + self.config.request_timeout_ms;
        let c = self.consumer_mut(client);
        if let Some(offset) = from {
            // A seek: the new position has no epoch to validate (`SubscriptionState.seek`).
            c.positions.insert(partition, offset);
            c.position_epochs.remove(&partition);
        }
        let fetch =
            ConsumerFetch { partition, in_flight: None, validating: false, leader_epoch: 0, retry_at: 0, give_up_at };
        c.fetches.push(fetch);
        self.pump_consumer(client);
        self.observe();
        Ok(())
    }

    pub(super) fn consumer_mut(&mut self, client: ClientId) -> &mut Consumer {
        match &mut self.clients[client.index()].role {
            crate::sim::client::ClientRole::Consumer(c) => c,
            crate::sim::client::ClientRole::Producer(_) => unreachable!("checked by ensure_client"),
        }
    }

    pub(crate) fn pump_consumer(&mut self, client: ClientId) {
        let now = self.now;
        let mut index = 0;
        while index < self.consumer_mut(client).fetches.len() {
            let c = self.consumer_mut(client);
            let fetch = c.fetches[index].clone();
            if fetch.in_flight.is_some() {
                index += 1;
                continue;
            }
            if fetch.give_up_at <= now {
                c.fetches.remove(index);
                self.emit(EventKind::ConsumerFetchFailed {
                    client,
                    partition: fetch.partition,
                    error: ErrorCode::RequestTimedOut,
                });
                continue;
            }
            if fetch.retry_at > now {
                self.arm_client_wake(client, fetch.retry_at);
                index += 1;
                continue;
            }
            let known = c.metadata.leaders.get(&fetch.partition).copied().filter(|_| !c.metadata.stale);
            match known {
                Some((Some(leader), leader_epoch)) => {
                    match self.position_to_validate(client, fetch.partition, leader_epoch) {
                        Some(offset_epoch) => self.send_validation(client, index, leader, leader_epoch, offset_epoch),
                        None => self.send_consumer_fetch(client, index, leader, leader_epoch),
                    }
                }
                _ => self.request_metadata(client),
            }
            index += 1;
        }
    }

    fn send_consumer_fetch(&mut self, client: ClientId, index: usize, leader: BrokerId, leader_epoch: u32) {
        let request = self.net.new_request_id();
        let c = self.consumer_mut(client);
        let partition = c.fetches[index].partition;
        let offset = c.positions.get(&partition).copied().unwrap_or(0);
        let pending = &mut c.fetches[index];
        (pending.in_flight, pending.validating, pending.leader_epoch) = (Some((request, leader)), false, leader_epoch);
        let give_up_at = pending.give_up_at;
        self.arm_client_wake(client, give_up_at);
        let fetch = ConsumerFetchRequest { request, partition, offset, current_leader_epoch: leader_epoch };
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::ConsumerFetch(fetch));
    }

    pub(crate) fn consumer_handle_response(
        &mut self,
        client: ClientId,
        broker: BrokerId,
        response: ConsumerFetchResponse,
    ) {
        let retry_at = self.now + self.config.retry_backoff_ms;
        let c = self.consumer_mut(client);
        let Some(index) = c.fetches.iter().position(|f| f.in_flight.is_some_and(|(r, _)| r == response.request)) else {
            return;
        };
        let partition = response.partition;
        match response.error {
            ErrorCode::None => {
                let sent_in = c.fetches.remove(index).leader_epoch;
                let from = response.first_offset;
                let count = response.records.len() as u32;
                c.positions.insert(partition, from + count as u64);
                note_position_epochs(c, partition, response.last_epoch, sent_in);
                c.consumed.extend_from_slice(&response.records);
                let hw = response.high_watermark;
                self.emit(EventKind::ConsumerFetched { client, broker, partition, from, count, hw });
            }
            ErrorCode::OffsetOutOfRange => {
                c.fetches.remove(index);
                c.last_error = Some(ErrorCode::OffsetOutOfRange);
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error: ErrorCode::OffsetOutOfRange });
                self.reset_position(client, partition, response.high_watermark);
            }
            error if error.is_retriable() => {
                c.last_error = Some(error);
                c.metadata.stale = true;
                c.fetches[index].in_flight = None;
                c.fetches[index].retry_at = retry_at;
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error });
            }
            error => {
                c.last_error = Some(error);
                c.fetches.remove(index);
                self.emit(EventKind::ConsumerFetchFailed { client, partition, error });
            }
        }
        self.pump_consumer(client);
    }

    /// After OFFSET_OUT_OF_RANGE (or a validation the leader cannot answer) the consumer moves its position by `auto.offset.reset`
    /// (`FetchCollector` → `SubscriptionState.requestOffsetReset`): `latest` to the high
    /// watermark, `earliest` to the log start (0: no retention here); `none` keeps it, and
    /// the error stands (Kafka throws `OffsetOutOfRangeException` to the application). Kafka
    /// asks the leader with ListOffsets; the fetch response already carries the HW and the
    /// log start, so the playground takes them from there, one round trip sooner.
    pub(super) fn reset_position(&mut self, client: ClientId, partition: PartitionId, high_watermark: u64) {
        let to = match self.config.auto_offset_reset {
            OffsetReset::Latest => high_watermark,
            OffsetReset::Earliest => 0,
            OffsetReset::None => return,
        };
        let c = self.consumer_mut(client);
        c.positions.insert(partition, to);
        c.position_epochs.remove(&partition);
        let policy = self.config.auto_offset_reset;
        self.emit(EventKind::ConsumerPositionReset { client, partition, to, policy });
    }

    /// A consumer's next offset to fetch on a partition, if it has one.
    pub fn consumer_position(&self, consumer: &str, partition: PartitionId) -> Option<Option<u64>> {
        let client = self.client_by_name(consumer)?;
        let c = self.clients[client.index()].as_consumer()?;
        Some(c.positions.get(&partition).copied())
    }

    /// The latest error a consumer's fetch was answered with.
    pub fn consumer_error(&self, consumer: &str) -> Option<Option<ErrorCode>> {
        let client = self.client_by_name(consumer)?;
        Some(self.clients[client.index()].as_consumer()?.last_error)
    }

    pub(crate) fn consumer_request_failed(&mut self, client: ClientId, request: RequestId) {
        let retry_at = self.now + self.config.retry_backoff_ms;
        let c = self.consumer_mut(client);
        let Some(fetch) = c.fetches.iter_mut().find(|f| f.in_flight.is_some_and(|(r, _)| r == request)) else { return };
        fetch.in_flight = None;
        fetch.retry_at = retry_at;
        c.metadata.stale = true;
        self.pump_consumer(client);
    }

    /// A fetch with no answer by its give-up time is abandoned.
    pub(crate) fn consumer_expire_requests(&mut self, client: ClientId) {
        let now = self.now;
        let expired: Vec<RequestId> = self
            .consumer_mut(client)
            .fetches
            .iter()
            .filter(|f| f.give_up_at <= now)
            .filter_map(|f| f.in_flight.map(|(r, _)| r))
            .collect();
        for request in expired {
            self.net.answered(request);
            let c = self.consumer_mut(client);
            if let Some(f) = c.fetches.iter_mut().find(|f| f.in_flight.is_some_and(|(r, _)| r == request)) {
                f.in_flight = None;
            }
        }
    }

    /// What a consumer has received, in order.
    pub fn consumed(&self, consumer: &str) -> Option<Vec<String>> {
        let client = self.client_by_name(consumer)?;
        let c = self.clients[client.index()].as_consumer()?;
        Some(c.consumed.iter().map(|id| self.records.value(*id).to_string()).collect())
    }

    pub(crate) fn partition_of(&self, topic: &str, index: u32) -> Option<PartitionId> {
        let t = self.topics.iter().find(|t| t.name == topic)?;
        (index < t.partitions).then_some(PartitionId(t.first_partition.0 + index))
    }
}

/// After a fetch answered in `sent_in`: the position was good in that leader epoch, and if
/// records came, their last one's epoch is the position's `offsetEpoch` now.
fn note_position_epochs(c: &mut Consumer, partition: PartitionId, last_epoch: Option<u32>, sent_in: u32) {
    match (last_epoch, c.position_epochs.get_mut(&partition)) {
        (Some(offset_epoch), _) => {
            c.position_epochs.insert(partition, PositionEpochs { offset_epoch, leader_epoch: sent_in });
        }
        (None, Some(epochs)) => epochs.leader_epoch = sent_in,
        (None, None) => {}
    }
}
