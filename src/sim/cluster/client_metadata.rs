//! How clients learn where leaders are: a metadata request to any broker (answered from
//! that broker's cache, which may be stale), refreshed after NOT_LEADER_OR_FOLLOWER or a
//! disconnect, never more often than retry.backoff.ms. Also the clients' wake-up timer.
use super::Cluster;
use crate::sim::client::ClientRole;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, ClientId, NodeId};
use crate::sim::message::{Message, MetadataResponse, RequestId};
use crate::sim::queue::Timer;

impl Cluster {
    /// Asks a broker for metadata unless a request is in flight or the backoff runs.
    pub(crate) fn request_metadata(&mut self, client: ClientId) {
        let now = self.now;
        let metadata = self.clients[client.index()].metadata();
        if metadata.in_flight.is_some() {
            return;
        }
        if metadata.next_refresh_ms > now {
            let at = metadata.next_refresh_ms;
            self.arm_client_wake(client, at);
            return;
        }
        let Some(broker) = self.pick_bootstrap_broker(metadata.last_broker) else { return };
        let request = self.net.new_request_id();
        let deadline = now + self.config.request_timeout_ms;
        let backoff = self.config.retry_backoff_ms;
        let metadata = self.clients[client.index()].metadata_mut();
        metadata.in_flight = Some((request, broker, deadline));
        metadata.next_refresh_ms = now + backoff;
        metadata.last_broker = Some(broker);
        self.arm_client_wake(client, deadline);
        self.emit(EventKind::MetadataRequested { client, broker });
        self.send(NodeId::Client(client), NodeId::Broker(broker), Message::Metadata(request));
    }

    /// Any broker will do (the client does not know which are alive); it avoids the one it
    /// asked last, so a dead broker is not asked twice in a row. The choice is drawn from
    /// the run's seeded PRNG, as Kafka's `leastLoadedNode` starts at a random node.
    fn pick_bootstrap_broker(&mut self, last: Option<BrokerId>) -> Option<BrokerId> {
        let ids: Vec<BrokerId> = self.brokers.keys().copied().collect();
        if ids.is_empty() {
            return None;
        }
        let start = self.rng.below(ids.len() as u64) as usize;
        (0..ids.len()).map(|i| ids[(start + i) % ids.len()]).find(|b| Some(*b) != last || ids.len() == 1)
    }

    pub(crate) fn client_handle_metadata(&mut self, client: ClientId, broker: BrokerId, response: MetadataResponse) {
        let metadata = self.clients[client.index()].metadata_mut();
        if metadata.in_flight.is_some_and(|(r, _, _)| r == response.request) {
            metadata.in_flight = None;
        }
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
        self.pump_client(client);
    }

    pub(crate) fn client_handle_disconnect(&mut self, client: ClientId, request: RequestId) {
        let metadata = self.clients[client.index()].metadata_mut();
        if metadata.in_flight.is_some_and(|(r, _, _)| r == request) {
            metadata.in_flight = None;
            self.pump_client(client);
            return;
        }
        match &self.clients[client.index()].role {
            ClientRole::Producer(_) => self.producer_request_failed(client, request, crate::sim::records::ErrorCode::NetworkException),
            ClientRole::Consumer(_) => self.consumer_request_failed(client, request),
        }
    }

    pub(crate) fn arm_client_wake(&mut self, client: ClientId, at: u64) {
        let c = &mut self.clients[client.index()];
        if c.wake_armed.is_some_and(|armed| armed <= at && armed >= self.now) {
            return;
        }
        c.wake_armed = Some(at);
        self.schedule(at.max(self.now), Timer::ClientWake { client });
    }

    pub(crate) fn on_client_wake(&mut self, client: ClientId) {
        let now = self.now;
        let c = &mut self.clients[client.index()];
        if c.wake_armed.is_some_and(|armed| armed > now) {
            return; // superseded by an earlier wake that already ran
        }
        c.wake_armed = None;
        let metadata = c.metadata_mut();
        if let Some((request, _, deadline)) = metadata.in_flight {
            if deadline <= now {
                metadata.in_flight = None;
                self.net.answered(request);
            }
        }
        match &self.clients[client.index()].role {
            ClientRole::Producer(_) => self.producer_expire_requests(client),
            ClientRole::Consumer(_) => self.consumer_expire_requests(client),
        }
        self.pump_client(client);
    }

    pub(crate) fn pump_client(&mut self, client: ClientId) {
        match &self.clients[client.index()].role {
            ClientRole::Producer(_) => self.pump_producer(client),
            ClientRole::Consumer(_) => self.pump_consumer(client),
        }
    }
}
