//! The leader's side of replication: a follower's fetch is answered with what the leading
//! broker serves for each partition (`sim/leader_fetch.rs`: the records after the fetch
//! offset and the leader's HW) — or parked until data arrives (`DelayedFetch`). Consumers
//! are served in `consumer_reads.rs`.
use super::Cluster;
use crate::sim::broker::ParkedFetch;
use crate::sim::config::ReplicationMode;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::leader_fetch::fetch_error;
use crate::sim::message::{FetchRequest, FetchResponse, FetchedPartition, Message, RequestId};
use crate::sim::records::ErrorCode;

impl Cluster {
    pub(crate) fn leader_handle_fetch(&mut self, id: BrokerId, request: FetchRequest) {
        let mut partitions = self.fetch_buffers.answers();
        self.with_broker(id, |broker, cx| {
            partitions.extend(
                request.partitions.iter().map(|fetch| broker.serve_follower_fetch(request.follower, fetch, cx)),
            );
        });
        let has_answer = partitions
            .iter()
            .any(|p| p.error != ErrorCode::None || p.diverging_epoch.is_some() || !p.slice.records.is_empty());
        let wait = self.config.replica_fetch_wait_max_ms;
        if has_answer || wait == 0 {
            self.answer_fetch(id, request.follower, request.request, partitions);
            self.fetch_buffers.give_back_request(request.partitions);
            return;
        }
        // Most fetches are parked (long poll), not answered: the answers' list goes back.
        self.fetch_buffers.give_back_answers(partitions);
        let deadline = self.now + wait;
        let parked = ParkedFetch {
            request: request.request,
            follower: request.follower,
            partitions: request.partitions,
            deadline,
        };
        if request.answer_immediately || self.config.replication == ReplicationMode::Manual {
            // By hand, a fetch Kafka would park is answered at once, as if its long poll
            // ended now: read afresh (`DelayedFetch.onComplete`), so after this fetch moved
            // the HW, not before it as an immediate answer is read.
            self.answer_parked(id, parked);
            return;
        }
        self.brokers.get_mut(&id).expect("alive").parked_fetches.push(parked);
        self.emit(EventKind::FetchParked { leader: id, follower: request.follower });
        self.arm_purgatory_at(id, deadline);
    }

    fn answer_fetch(
        &mut self,
        id: BrokerId,
        follower: BrokerId,
        request: RequestId,
        partitions: Vec<FetchedPartition>,
    ) {
        let response = FetchResponse { request, partitions };
        self.send(NodeId::Broker(id), NodeId::Broker(follower), Message::FetchResponse(response));
    }

    /// Answers parked fetches that include `partition` (all parked fetches when `None`):
    /// new data arrived, or the leader is stepping down. The answer is read afresh; the
    /// follower's progress was recorded when the fetch arrived (`readFromPurgatory`).
    pub(crate) fn complete_parked_fetches(&mut self, id: BrokerId, partition: Option<PartitionId>) {
        let wanted = |f: &ParkedFetch| partition.is_none_or(|p| f.partitions.iter().any(|fp| fp.partition == p));
        let mut index = 0;
        loop {
            let Some(broker) = self.brokers.get_mut(&id) else { return };
            let Some(parked) = broker.parked_fetches.get(index) else { return };
            if wanted(parked) {
                let parked = broker.parked_fetches.remove(index);
                self.answer_parked(id, parked);
            } else {
                index += 1;
            }
        }
    }

    fn answer_parked(&mut self, id: BrokerId, parked: ParkedFetch) {
        let mut partitions = self.fetch_buffers.answers();
        let (broker, max_records) = (&self.brokers[&id], self.config.replica_fetch_max_records);
        partitions.extend(parked.partitions.iter().map(
            |fetch| match broker.check_follower_fetch(parked.follower, fetch) {
                Ok(()) => broker.read_for_follower(fetch, max_records),
                Err(error) => fetch_error(fetch.partition, error),
            },
        ));
        self.answer_fetch(id, parked.follower, parked.request, partitions);
        self.fetch_buffers.give_back_request(parked.partitions);
    }

    pub(crate) fn expire_parked_fetches(&mut self, id: BrokerId) {
        let now = self.now;
        let broker = self.brokers.get_mut(&id).expect("alive");
        let (expired, waiting): (Vec<_>, Vec<_>) =
            std::mem::take(&mut broker.parked_fetches).into_iter().partition(|f| f.deadline <= now);
        broker.parked_fetches = waiting;
        for parked in expired {
            self.answer_parked(id, parked);
        }
    }
}
