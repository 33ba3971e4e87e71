//! How clients learn where leaders are: a metadata request to any broker (answered from
//! that broker's cache, which may be stale), refreshed after NOT_LEADER_OR_FOLLOWER or a
//! disconnect, never more often than retry.backoff.ms. Also the clients' wake-up timer.
use crate::sim::client::context::ClientCtx;
use crate::sim::client::ClientRole;
use crate::sim::ctx::Acts;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::{Message, MetadataResponse, RequestId};
use crate::sim::queue::Timer;

impl ClientCtx<'_> {
    /// Asks a broker for metadata unless a request is in flight or the backoff runs.
    pub(crate) fn request_metadata(&mut self) {
        let client = self.id();
        let now = self.now;
        let metadata = self.client.metadata();
        if metadata.in_flight.is_some() {
            return;
        }
        if metadata.next_refresh_ms > now {
            let at = metadata.next_refresh_ms;
            self.arm_client_wake(at);
            return;
        }
        let avoid = metadata.unreachable.clone();
        let Some(broker) = self.pick_bootstrap_broker(&avoid) else { return };
        let request = self.request_ids.allocate();
        let deadline = now + self.config.request_timeout_ms;
        let backoff = self.config.retry_backoff_ms;
        let metadata = self.client.metadata_mut();
        metadata.in_flight = Some((request, broker, deadline));
        metadata.next_refresh_ms = now + backoff;
        self.arm_client_wake(deadline);
        self.emit(EventKind::MetadataRequested { client, broker });
        self.send(NodeId::Client(client), NodeId::Broker(broker), Message::Metadata(request));
    }

    /// Any broker will do (the client does not know which are alive), except those that
    /// failed since the last answer, until all have. The choice is drawn from the run's
    /// seeded PRNG, as Kafka's `leastLoadedNode` starts at a random node.
    fn pick_bootstrap_broker(&mut self, avoid: &[BrokerId]) -> Option<BrokerId> {
        let all: Vec<BrokerId> = self.brokers.broker_ids();
        let candidates: Vec<BrokerId> = all.iter().copied().filter(|b| !avoid.contains(b)).collect();
        let ids = if candidates.is_empty() { all } else { candidates };
        if ids.is_empty() {
            return None;
        }
        let start = self.rng.below(ids.len() as u64) as usize;
        Some(ids[start])
    }

    /// A metadata request failed (refused or timed out): try another broker next time.
    fn metadata_request_failed(&mut self, broker: BrokerId) {
        let all = self.brokers.broker_count();
        let metadata = self.client.metadata_mut();
        metadata.in_flight = None;
        metadata.unreachable.push(broker);
        if metadata.unreachable.len() >= all {
            metadata.unreachable.clear();
        }
    }

    /// A metadata answer (`Metadata.update`): topics, and each partition's leader unless
    /// the client already knows a newer leader epoch for it.
    pub(crate) fn on_metadata_response(&mut self, broker: BrokerId, response: MetadataResponse) {
        let client = self.id();
        let metadata = self.client.metadata_mut();
        if metadata.in_flight.is_some_and(|(r, _, _)| r == response.request) {
            metadata.in_flight = None;
        }
        metadata.unreachable.clear();
        for (name, first, count) in &response.topics {
            metadata.topics.insert(name.clone(), (*first, *count));
        }
        let mut known = 0;
        for leader in &response.partitions {
            let newer = metadata.leaders.get(&leader.partition).is_none_or(|(_, epoch)| leader.epoch >= *epoch);
            if newer {
                metadata.leaders.insert(leader.partition, (leader.leader, leader.epoch));
            }
            known += u32::from(leader.leader.is_some());
        }
        metadata.stale = false;
        self.emit(EventKind::MetadataReceived { client, broker, leaders_known: known });
        self.pump_client();
    }

    /// A request of this client's failed on a broken connection: a metadata request tries
    /// another broker next; a produce or a fetch fails as NETWORK_EXCEPTION would.
    pub(crate) fn on_disconnect(&mut self, request: RequestId) {
        let metadata = self.client.metadata();
        if let Some((r, broker, _)) = metadata.in_flight {
            if r == request {
                self.metadata_request_failed(broker);
                self.pump_client();
                return;
            }
        }
        match &self.client.role {
            ClientRole::Producer(_) => {
                self.producer_request_failed(request, crate::sim::records::ErrorCode::NetworkException)
            }
            ClientRole::Consumer(_) => self.consumer_request_failed(request),
        }
    }

    /// Makes sure the client wakes by `at` (one timer serves every deadline it has).
    pub(crate) fn arm_client_wake(&mut self, at: u64) {
        let client = self.id();
        let c = &mut self.client;
        if c.wake_armed.is_some_and(|armed| armed <= at && armed >= self.now) {
            return;
        }
        c.wake_armed = Some(at);
        self.schedule(at.max(self.now), Timer::ClientWake { client });
    }

    /// The client's timer: requests past their timeout fail, then the client does what it
    /// can now and arms the timer for its next deadline.
    pub(crate) fn on_wake(&mut self) {
        let now = self.now;
        let c = &mut self.client;
        if c.wake_armed.is_some_and(|armed| armed > now) {
            return; // superseded by an earlier wake that already ran
        }
        c.wake_armed = None;
        if let Some((request, broker, deadline)) = c.metadata().in_flight {
            if deadline <= now {
                self.forget(request);
                self.metadata_request_failed(broker);
            }
        }
        match &self.client.role {
            ClientRole::Producer(_) => self.producer_expire_requests(),
            ClientRole::Consumer(_) => self.consumer_expire_requests(),
        }
        self.pump_client();
        if let Some(next) = self.next_client_deadline() {
            self.arm_client_wake(next);
        }
    }

    /// The client's earliest pending deadline: a request timeout, a retry, a record's
    /// delivery timeout, a metadata refresh. One wake-up slot serves them all, so after
    /// each wake it is armed again for whatever comes next.
    fn next_client_deadline(&self) -> Option<u64> {
        let c = &self.client;
        let metadata = c.metadata();
        let mut deadlines: Vec<u64> = metadata.in_flight.map(|(_, _, d)| d).into_iter().collect();
        match &c.role {
            ClientRole::Producer(p) => {
                let limits = self.config.batch_limits();
                deadlines.extend(
                    p.lanes
                        .values()
                        .filter_map(|lane| lane.next_deadline(self.now, limits, self.config.delivery_timeout_ms)),
                );
                if !p.unrouted.is_empty() {
                    deadlines.push(metadata.next_refresh_ms);
                }
            }
            ClientRole::Consumer(consumer) => {
                for fetch in &consumer.fetches {
                    deadlines.push(fetch.give_up_at);
                    deadlines.push(fetch.retry_at);
                }
            }
        }
        deadlines.into_iter().filter(|d| *d > self.now).min()
    }

    /// The client sends whatever may go now.
    pub(crate) fn pump_client(&mut self) {
        match &self.client.role {
            ClientRole::Producer(_) => self.pump_producer(),
            ClientRole::Consumer(_) => self.pump_consumer(),
        }
    }
}

#[cfg(test)]
#[path = "metadata_client_tests.rs"]
mod tests;
