//! The follower's fetch loop, one session per leader broker (`ReplicaFetcherThread`,
//! `AbstractFetcherThread.maybeFetch`): send a fetch at the log end of every partition
//! followed there, let the response be applied (`follower.rs`), and fetch again at once;
//! after a failure back off; a fetch unanswered within replica.socket.timeout.ms is given up.
use crate::sim::broker::{Broker, FetcherSession};
use crate::sim::config::{ReplicationMode, TruncationMode};
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::message::{FetchPartition, FetchRequest, FetchResponse, Message, RequestId};
use crate::sim::queue::Timer;
use crate::sim::replica::Replica;

/// Kafka's default `reconnect.backoff.ms` (CommonClientConfigs).
const RECONNECT_BACKOFF_MS: u64 = 50;

impl Broker {
    /// Sends the next fetch of the session to `leader` unless one is in flight, the
    /// fetcher is backing off or paused, or there is nothing to fetch.
    pub fn maybe_send_fetch(&mut self, leader: BrokerId, cx: &mut Ctx) {
        let now = cx.now;
        let auto = cx.config.replication == ReplicationMode::Auto;
        if !self.is_alive() || !self.registered || self.fetch_paused || !auto || leader == self.id {
            return;
        }
        let session = self.fetchers.get(&leader).cloned().unwrap_or_default();
        if session.in_flight.is_some() {
            return;
        }
        if session.backoff_until > now {
            return self.arm_fetcher_wake(leader, session.backoff_until, cx);
        }
        let followed = || self.replicas.values().filter(|r| r.followed_leader() == Some(leader));
        let with_epoch = cx.config.truncation == TruncationMode::LeaderEpoch;
        let mut ready = cx.fetch_buffers.request();
        ready.extend(followed().filter(|r| r.fetch_backoff_until <= now).map(|r| fetch_partition(r, with_epoch)));
        if ready.is_empty() {
            cx.fetch_buffers.give_back_request(ready);
            if let Some(next) = followed().map(|r| r.fetch_backoff_until).min() {
                self.arm_fetcher_wake(leader, next, cx);
            }
            return;
        }
        let request = FetchRequest {
            request: cx.request_ids.allocate(),
            follower: self.id,
            partitions: ready,
            answer_immediately: false,
        };
        let deadline = now + cx.config.replica_socket_timeout_ms;
        self.fetchers.get_or_insert_with(leader, FetcherSession::default).in_flight = Some((request.request, deadline));
        self.arm_fetcher_wake(leader, deadline, cx);
        cx.emit(EventKind::FetchSent { follower: self.id, leader, partitions: request.partitions.len() as u32 });
        cx.send(NodeId::Broker(self.id), NodeId::Broker(leader), Message::Fetch(request));
    }

    /// `fetch N T-P`: one fetch for one partition, answered at once.
    pub fn send_manual_fetch(&mut self, leader: BrokerId, partition: PartitionId, cx: &mut Ctx) {
        let with_epoch = cx.config.truncation == TruncationMode::LeaderEpoch;
        let partitions = vec![fetch_partition(&self.replicas[&partition], with_epoch)];
        let request = FetchRequest {
            request: cx.request_ids.allocate(),
            follower: self.id,
            partitions,
            answer_immediately: true,
        };
        self.manual_fetches.insert(request.request, leader);
        cx.emit(EventKind::FetchSent { follower: self.id, leader, partitions: 1 });
        cx.send(NodeId::Broker(self.id), NodeId::Broker(leader), Message::Fetch(request));
    }

    fn arm_fetcher_wake(&mut self, leader: BrokerId, at: u64, cx: &mut Ctx) {
        let (broker, incarnation) = (self.id, self.incarnation);
        let session = self.fetchers.get_or_insert_with(leader, FetcherSession::default);
        if session.wake_armed.is_some_and(|armed| armed <= at) {
            return;
        }
        session.wake_armed = Some(at);
        cx.schedule(at, Timer::FetcherWake { broker, incarnation, leader });
    }

    /// The session's timer: give up a fetch past its deadline, or send the next one.
    pub fn on_fetcher_wake(&mut self, leader: BrokerId, cx: &mut Ctx) {
        let session = self.fetchers.get_or_insert_with(leader, FetcherSession::default);
        session.wake_armed = None;
        if let Some((request, deadline)) = session.in_flight {
            if deadline <= cx.now {
                // No answer within replica.socket.timeout.ms: the fetch is given up.
                cx.forget(request);
                self.fetch_failed(leader, cx);
            } else {
                self.arm_fetcher_wake(leader, deadline, cx);
            }
            return;
        }
        self.maybe_send_fetch(leader, cx);
    }

    /// The fetch failed (disconnect or timeout): back off, then try again. Both close the
    /// connection, and Kafka's NetworkClient reconnects to a node no sooner than
    /// `reconnect.backoff.ms` (50 ms by default), so even `replica.fetch.backoff.ms 0`
    /// does not resend to a dead leader in a loop at one instant.
    fn fetch_failed(&mut self, leader: BrokerId, cx: &mut Ctx) {
        let until = cx.now + cx.config.replica_fetch_backoff_ms.max(RECONNECT_BACKOFF_MS);
        let session = self.fetchers.get_or_insert_with(leader, FetcherSession::default);
        session.in_flight = None;
        session.backoff_until = until;
        self.arm_fetcher_wake(leader, until, cx);
    }

    /// Every session fetches if it can (the fetchers were resumed).
    pub fn kick_all_fetchers(&mut self, cx: &mut Ctx) {
        let mut leaders: Vec<BrokerId> = self.replicas.values().filter_map(|r| r.followed_leader()).collect();
        crate::sim::sorting::sort_ids(&mut leaders);
        leaders.dedup();
        for leader in leaders {
            self.maybe_send_fetch(leader, cx);
        }
    }

    /// A fetch response from `leader`: applied (`follower.rs`), its list kept for the next
    /// round trip; the next fetch goes at once if it answered the fetch in flight.
    pub fn on_fetch_response(&mut self, leader: BrokerId, response: FetchResponse, cx: &mut Ctx) {
        let current = self.apply_fetch_response(leader, &response, cx);
        cx.fetch_buffers.give_back_answers(response.partitions);
        if current {
            self.maybe_send_fetch(leader, cx);
        }
    }

    /// A request of this broker's failed on a broken connection: a manual fetch is
    /// forgotten, a session's fetch backs off, a pending ISR change may be proposed again.
    pub fn on_disconnect(&mut self, request: RequestId, cx: &mut Ctx) {
        if self.manual_fetches.remove(&request).is_some() {
            return;
        }
        let session =
            self.fetchers.iter().find(|(_, s)| s.in_flight.is_some_and(|(r, _)| r == request)).map(|(l, _)| *l);
        if let Some(leader) = session {
            return self.fetch_failed(leader, cx);
        }
        for replica in self.replicas.values_mut() {
            if let Some(leader) = replica.leader_state_mut() {
                if leader.pending_isr.as_ref().is_some_and(|p| p.request == request) {
                    leader.pending_isr = None;
                }
            }
        }
    }
}

/// What a follower asks for one partition: everything from its log end; with leader
/// epochs, also the epoch of its last record (KIP-320), so the leader can spot divergence.
fn fetch_partition(replica: &Replica, with_epoch: bool) -> FetchPartition {
    FetchPartition {
        partition: replica.partition,
        fetch_offset: replica.log.leo(),
        last_fetched_epoch: if with_epoch { replica.log.latest_epoch() } else { None },
        current_leader_epoch: replica.epoch,
    }
}

#[cfg(test)]
#[path = "fetcher_tests.rs"]
mod tests;
