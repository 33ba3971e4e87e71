//! The follower's side of replication: an endless fetch loop per leader broker
//! (`ReplicaFetcherThread`): send a fetch at the log end, let the broker apply what comes
//! back (`sim/follower.rs`: append, take the leader's HW, truncate on a diverging epoch),
//! and fetch again at once.
use super::Cluster;
use crate::sim::broker::FetcherSession;
use crate::sim::config::{ReplicationMode, TruncationMode};
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::message::{FetchPartition, FetchRequest, FetchResponse, Message};
use crate::sim::queue::Timer;

/// Kafka's default `reconnect.backoff.ms` (CommonClientConfigs).
const RECONNECT_BACKOFF_MS: u64 = 50;

impl Cluster {
    /// Sends the next fetch of the session to `leader` unless one is in flight, the
    /// fetcher is backing off or paused, or there is nothing to fetch.
    pub(crate) fn maybe_send_fetch(&mut self, id: BrokerId, leader: BrokerId) {
        let now = self.now;
        let auto = self.config.replication == ReplicationMode::Auto;
        let Some(broker) = self.brokers.get(&id) else { return };
        if !broker.is_alive() || !broker.registered || broker.fetch_paused || !auto || leader == id {
            return;
        }
        let session = broker.fetchers.get(&leader).cloned().unwrap_or_default();
        if session.in_flight.is_some() {
            return;
        }
        if session.backoff_until > now {
            self.arm_fetcher_wake(id, leader, session.backoff_until);
            return;
        }
        let followed = || broker.replicas.values().filter(|r| r.followed_leader() == Some(leader));
        let with_epoch = self.config.truncation == TruncationMode::LeaderEpoch;
        let mut ready = self.fetch_buffers.request();
        ready.extend(followed().filter(|r| r.fetch_backoff_until <= now).map(|r| fetch_partition(r, with_epoch)));
        if ready.is_empty() {
            self.fetch_buffers.give_back_request(ready);
            if let Some(next) = followed().map(|r| r.fetch_backoff_until).min() {
                self.arm_fetcher_wake(id, leader, next);
            }
            return;
        }
        let request = FetchRequest {
            request: self.net.new_request_id(),
            follower: id,
            partitions: ready,
            answer_immediately: false,
        };
        let deadline = now + self.config.replica_socket_timeout_ms;
        self.brokers
            .get_mut(&id)
            .expect("alive")
            .fetchers
            .get_or_insert_with(leader, FetcherSession::default)
            .in_flight = Some((request.request, deadline));
        self.arm_fetcher_wake(id, leader, deadline);
        self.emit(EventKind::FetchSent { follower: id, leader, partitions: request.partitions.len() as u32 });
        self.send(NodeId::Broker(id), NodeId::Broker(leader), Message::Fetch(request));
    }

    fn build_fetch(&mut self, id: BrokerId, partitions: &[PartitionId], answer_immediately: bool) -> FetchRequest {
        let with_epoch = self.config.truncation == TruncationMode::LeaderEpoch;
        let broker = &self.brokers[&id];
        let partitions = partitions.iter().map(|p| fetch_partition(&broker.replicas[p], with_epoch)).collect();
        FetchRequest { request: self.net.new_request_id(), follower: id, partitions, answer_immediately }
    }

    /// `fetch N T-P`: one fetch for one partition, answered at once.
    pub(crate) fn send_manual_fetch(&mut self, id: BrokerId, leader: BrokerId, partition: PartitionId) {
        let request = self.build_fetch(id, &[partition], true);
        self.brokers.get_mut(&id).expect("alive").manual_fetches.insert(request.request, leader);
        self.emit(EventKind::FetchSent { follower: id, leader, partitions: 1 });
        self.send(NodeId::Broker(id), NodeId::Broker(leader), Message::Fetch(request));
    }

    fn arm_fetcher_wake(&mut self, id: BrokerId, leader: BrokerId, at: u64) {
        let broker = self.brokers.get_mut(&id).expect("alive");
        let incarnation = broker.incarnation;
        let session = broker.fetchers.get_or_insert_with(leader, FetcherSession::default);
        if session.wake_armed.is_some_and(|armed| armed <= at) {
            return;
        }
        session.wake_armed = Some(at);
        self.schedule(at, Timer::FetcherWake { broker: id, incarnation, leader });
    }

    pub(crate) fn on_fetcher_wake(&mut self, id: BrokerId, incarnation: u32, leader: BrokerId) {
        if !self.broker_in(id, incarnation) {
            return;
        }
        let now = self.now;
        let session =
            self.brokers.get_mut(&id).expect("alive").fetchers.get_or_insert_with(leader, FetcherSession::default);
        session.wake_armed = None;
        if let Some((request, deadline)) = session.in_flight {
            if deadline <= now {
                // No answer within replica.socket.timeout.ms: the fetch is given up.
                self.net.answered(request);
                self.fetch_failed(id, leader);
            } else {
                self.arm_fetcher_wake(id, leader, deadline);
            }
            return;
        }
        self.maybe_send_fetch(id, leader);
    }

    /// The fetch failed (disconnect or timeout): back off, then try again. Both close the
    /// connection, and Kafka's NetworkClient reconnects to a node no sooner than
    /// `reconnect.backoff.ms` (50 ms by default), so even `replica.fetch.backoff.ms 0`
    /// does not resend to a dead leader in a loop at one instant.
    pub(crate) fn fetch_failed(&mut self, id: BrokerId, leader: BrokerId) {
        let until = self.now + self.config.replica_fetch_backoff_ms.max(RECONNECT_BACKOFF_MS);
        let session =
            self.brokers.get_mut(&id).expect("alive").fetchers.get_or_insert_with(leader, FetcherSession::default);
        session.in_flight = None;
        session.backoff_until = until;
        self.arm_fetcher_wake(id, leader, until);
    }

    pub(crate) fn kick_all_fetchers(&mut self, id: BrokerId) {
        let Some(broker) = self.brokers.get(&id) else { return };
        let mut leaders: Vec<BrokerId> = broker.replicas.values().filter_map(|r| r.followed_leader()).collect();
        crate::sim::sorting::sort_ids(&mut leaders);
        leaders.dedup();
        for leader in leaders {
            self.maybe_send_fetch(id, leader);
        }
    }

    /// A fetch response: the broker applies it (`follower.rs`); the next fetch goes at
    /// once if it answered the fetch in flight.
    pub(crate) fn follower_handle_fetch_response(&mut self, id: BrokerId, leader: BrokerId, response: FetchResponse) {
        let current = self.with_broker(id, |broker, cx| broker.on_fetch_response(leader, &response, cx));
        self.fetch_buffers.give_back_answers(response.partitions);
        if current {
            self.maybe_send_fetch(id, leader);
        }
    }
}

/// What a follower asks for one partition: everything from its log end; with leader
/// epochs, also the epoch of its last record (KIP-320), so the leader can spot divergence.
fn fetch_partition(replica: &crate::sim::replica::Replica, with_epoch: bool) -> FetchPartition {
    FetchPartition {
        partition: replica.partition,
        fetch_offset: replica.log.leo(),
        last_fetched_epoch: if with_epoch { replica.log.latest_epoch() } else { None },
        current_leader_epoch: replica.epoch,
    }
}
