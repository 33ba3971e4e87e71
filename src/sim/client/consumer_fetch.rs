//! The consumer's fetches (`KafkaConsumer.poll` → `Fetcher.sendFetches`): each `consume`
//! sends one fetch to the leader it knows, from its position, with its `fetch.max.wait.ms`
//! (one at a time per partition: a `consume` while one is in flight waits for its answer);
//! the leader returns only records below the HW, and with none there holds the fetch up to
//! that wait (long poll). Leader moves and disconnects are retried after a metadata refresh
//! until request.timeout.ms after the `consume`, which by default (30 s) is far past the
//! wait (500 ms); a `request.timeout.ms` shorter than the wait gives up before a held fetch
//! is answered, as Kafka's request timeout does since 2.0 dropped the check (KIP-266).
use crate::sim::client::context::ClientCtx;
use crate::sim::client::{Consumer, ConsumerFetch, PositionEpochs};
use crate::sim::config::OffsetReset;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, Millis, NodeId, PartitionId};
use crate::sim::message::{ConsumerFetchRequest, ConsumerFetchResponse, Message, RequestId};
use crate::sim::records::ErrorCode;

impl ClientCtx<'_> {
    pub(crate) fn pump_consumer(&mut self) {
        let (client, now) = (self.id(), self.now);
        let mut index = 0;
        while index < self.consumer_mut().fetches.len() {
            let c = self.consumer_mut();
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
                self.arm_client_wake(fetch.retry_at);
                index += 1;
                continue;
            }
            // One fetch of a partition in flight at a time: Kafka sends a node no fetch while
            // one to it is pending (`AbstractFetch.prepareFetchRequests` skips
            // `nodesWithPendingFetchRequests`), and a partition's fetches go to its leader.
            // The earlier fetch goes first (in flight, or waiting out a retry backoff); this
            // one waits for it to end, so fetches of a partition go out in `consume` order.
            if c.fetches[..index].iter().any(|f| f.partition == fetch.partition) {
                index += 1;
                continue;
            }
            let known = c.metadata.leaders.get(&fetch.partition).copied().filter(|_| !c.metadata.stale);
            match known {
                Some((Some(leader), leader_epoch)) => match self.position_to_validate(fetch.partition, leader_epoch) {
                    Some(offset_epoch) => self.send_validation(index, leader, leader_epoch, offset_epoch),
                    None => self.send_consumer_fetch(index, leader, leader_epoch),
                },
                _ => self.request_metadata(),
            }
            index += 1;
        }
    }

    /// `consume`: a fetch of the partition, from the position (after the seek to `from`,
    /// if given), sent now unless one of the partition is still in flight; then it waits
    /// for that answer (`ConsumerFetchWaits`) and goes from the position that leaves.
    pub(crate) fn queue_consumer_fetch(&mut self, partition: PartitionId, from: Option<u64>, give_up_at: Millis) {
        let client = self.id();
        let c = self.consumer_mut();
        if let Some(offset) = from {
            // A seek: the new position has no epoch to validate (`SubscriptionState.seek`).
            c.positions.insert(partition, offset);
            c.position_epochs.remove(&partition);
        }
        let pending = c.fetches.iter().filter(|f| f.partition == partition).find_map(|f| f.in_flight);
        let fetch =
            ConsumerFetch { partition, in_flight: None, validating: false, leader_epoch: 0, retry_at: 0, give_up_at };
        c.fetches.push(fetch);
        if let Some((_, broker)) = pending {
            self.emit(EventKind::ConsumerFetchWaits { client, broker, partition });
        }
        self.pump_consumer();
    }

    fn send_consumer_fetch(&mut self, index: usize, leader: BrokerId, leader_epoch: u32) {
        let client = self.id();
        let request = self.request_ids.allocate();
        let c = self.consumer_mut();
        let partition = c.fetches[index].partition;
        let offset = c.positions.get(&partition).copied().unwrap_or(0);
        let pending = &mut c.fetches[index];
        (pending.in_flight, pending.validating, pending.leader_epoch) = (Some((request, leader)), false, leader_epoch);
        let give_up_at = pending.give_up_at;
        self.arm_client_wake(give_up_at);
        let max_wait_ms = self.config.fetch_max_wait_ms;
        let fetch =
            ConsumerFetchRequest { request, partition, offset, current_leader_epoch: leader_epoch, max_wait_ms };
        self.send(NodeId::Client(client), NodeId::Broker(leader), Message::ConsumerFetch(fetch));
    }

    /// A fetch's answer (`Fetcher.collectFetch`, `FetchCollector`): records move the
    /// position; OFFSET_OUT_OF_RANGE resets it; a retriable error retries after a backoff
    /// with the metadata refreshed; anything else ends the fetch.
    pub(crate) fn on_consumer_fetch_response(&mut self, broker: BrokerId, response: ConsumerFetchResponse) {
        let client = self.id();
        let retry_at = self.now + self.config.retry_backoff_ms;
        let c = self.consumer_mut();
        let Some(index) = c.fetches.iter().position(|f| f.in_flight.is_some_and(|(r, _)| r == response.request)) else {
            return;
        };
        let partition = response.partition;
        let position = c.positions.get(&partition).copied().unwrap_or(0);
        let answers_the_position = matches!(response.error, ErrorCode::None | ErrorCode::OffsetOutOfRange);
        if answers_the_position && response.first_offset != position {
            // A seek (`consume from=`) moved the position while this fetch was in flight:
            // its records or its out-of-range answer are about an offset the consumer has
            // left (`FetchCollector`: "Discarding stale fetch response").
            c.fetches.remove(index);
            let offset = response.first_offset;
            self.emit(EventKind::ConsumerStaleFetchIgnored { client, broker, partition, offset, position });
            self.pump_consumer();
            return;
        }
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
                self.reset_position(partition, response.high_watermark);
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
        self.pump_consumer();
    }

    /// After OFFSET_OUT_OF_RANGE (or a validation the leader cannot answer) the consumer moves its position by `auto.offset.reset`
    /// (`FetchCollector` → `SubscriptionState.requestOffsetReset`): `latest` to the high
    /// watermark, `earliest` to the log start (0: no retention here); `none` keeps it, and
    /// the error stands (Kafka throws `OffsetOutOfRangeException` to the application). Kafka
    /// asks the leader with ListOffsets; the fetch response already carries the HW and the
    /// log start, so the playground takes them from there, one round trip sooner.
    pub(crate) fn reset_position(&mut self, partition: PartitionId, high_watermark: u64) {
        let client = self.id();
        let to = match self.config.auto_offset_reset {
            OffsetReset::Latest => high_watermark,
            OffsetReset::Earliest => 0,
            OffsetReset::None => return,
        };
        let c = self.consumer_mut();
        c.positions.insert(partition, to);
        c.position_epochs.remove(&partition);
        let policy = self.config.auto_offset_reset;
        self.emit(EventKind::ConsumerPositionReset { client, partition, to, policy });
    }

    pub(crate) fn consumer_request_failed(&mut self, request: RequestId) {
        let retry_at = self.now + self.config.retry_backoff_ms;
        let c = self.consumer_mut();
        let Some(fetch) = c.fetches.iter_mut().find(|f| f.in_flight.is_some_and(|(r, _)| r == request)) else { return };
        fetch.in_flight = None;
        fetch.retry_at = retry_at;
        c.metadata.stale = true;
        self.pump_consumer();
    }

    /// A fetch with no answer by its give-up time is abandoned.
    pub(crate) fn consumer_expire_requests(&mut self) {
        let now = self.now;
        let expired: Vec<RequestId> = self
            .consumer_mut()
            .fetches
            .iter()
            .filter(|f| f.give_up_at <= now)
            .filter_map(|f| f.in_flight.map(|(r, _)| r))
            .collect();
        for request in expired {
            self.forget(request);
            let c = self.consumer_mut();
            if let Some(f) = c.fetches.iter_mut().find(|f| f.in_flight.is_some_and(|(r, _)| r == request)) {
                f.in_flight = None;
            }
        }
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

#[cfg(test)]
#[path = "consumer_fetch_tests.rs"]
mod tests;
