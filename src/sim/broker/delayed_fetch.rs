//! A follower's fetch as the leading broker takes it (`ReplicaManager.fetchMessages`):
//! each partition is served (`leader_fetch.rs`); with nothing to send, the fetch is parked
//! until data arrives, the leader steps down or the wait expires (long poll, `DelayedFetch`),
//! and then answered read afresh (`DelayedFetch.onComplete`).
use crate::sim::broker::{Broker, ParkedFetch};
use crate::sim::config::ReplicationMode;
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::leader_fetch::fetch_error;
use crate::sim::message::{FetchRequest, FetchResponse, FetchedPartition, Message, RequestId};
use crate::sim::records::ErrorCode;

impl Broker {
    /// A follower's fetch: answered at once when there is something to say, else parked.
    pub fn on_fetch(&mut self, request: FetchRequest, cx: &mut Ctx) {
        let mut partitions = cx.fetch_buffers.answers();
        for fetch in &request.partitions {
            let answer = self.serve_follower_fetch(request.follower, fetch, cx);
            partitions.push(answer);
        }
        let has_answer = partitions
            .iter()
            .any(|p| p.error != ErrorCode::None || p.diverging_epoch.is_some() || !p.slice.records.is_empty());
        let wait = cx.config.replica_fetch_wait_max_ms;
        if has_answer || wait == 0 {
            answer_fetch(cx, self.id, request.follower, request.request, partitions);
            cx.fetch_buffers.give_back_request(request.partitions);
            return;
        }
        // Most fetches are parked (long poll), not answered: the answers' list goes back.
        cx.fetch_buffers.give_back_answers(partitions);
        let deadline = cx.now + wait;
        let parked = ParkedFetch {
            request: request.request,
            follower: request.follower,
            partitions: request.partitions,
            deadline,
        };
        if request.answer_immediately || cx.config.replication == ReplicationMode::Manual {
            // By hand, a fetch Kafka would park is answered at once, as if its long poll
            // ended now: read afresh (`DelayedFetch.onComplete`), so after this fetch moved
            // the HW, not before it as an immediate answer is read.
            self.answer_parked(parked, cx);
            return;
        }
        self.parked_fetches.push(parked);
        cx.emit(EventKind::FetchParked { leader: self.id, follower: request.follower });
        self.arm_purgatory_at(deadline, cx);
    }

    /// Answers parked fetches that include `partition` (all parked fetches when `None`):
    /// new data arrived, or the leader is stepping down. The answer is read afresh; the
    /// follower's progress was recorded when the fetch arrived (`readFromPurgatory`). The
    /// consumers' held fetches of the partition are checked too, by their own rule (the
    /// HW passed their offset, or the broker can no longer serve them): Kafka's fetch
    /// purgatory is keyed by partition, followers' and consumers' fetches alike.
    pub fn complete_parked_fetches(&mut self, partition: Option<PartitionId>, cx: &mut Ctx) {
        if let Some(partition) = partition {
            self.try_complete_consumer_fetches(partition, cx);
        }
        let wanted = |f: &ParkedFetch| partition.is_none_or(|p| f.partitions.iter().any(|fp| fp.partition == p));
        let mut index = 0;
        while let Some(parked) = self.parked_fetches.get(index) {
            if wanted(parked) {
                let parked = self.parked_fetches.remove(index);
                self.answer_parked(parked, cx);
            } else {
                index += 1;
            }
        }
    }

    /// Parked fetches past their wait are answered with what there is now (maybe nothing).
    pub fn expire_parked_fetches(&mut self, cx: &mut Ctx) {
        let now = cx.now;
        let (expired, waiting): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.parked_fetches).into_iter().partition(|f| f.deadline <= now);
        self.parked_fetches = waiting;
        for parked in expired {
            self.answer_parked(parked, cx);
        }
    }

    fn answer_parked(&self, parked: ParkedFetch, cx: &mut Ctx) {
        let mut partitions = cx.fetch_buffers.answers();
        let max_records = cx.config.replica_fetch_max_records;
        partitions.extend(parked.partitions.iter().map(
            |fetch| match self.check_follower_fetch(parked.follower, fetch) {
                Ok(()) => self.read_for_follower(fetch, max_records),
                Err(error) => fetch_error(fetch.partition, error),
            },
        ));
        answer_fetch(cx, self.id, parked.follower, parked.request, partitions);
        cx.fetch_buffers.give_back_request(parked.partitions);
    }
}

fn answer_fetch(
    cx: &mut Ctx,
    leader: BrokerId,
    follower: BrokerId,
    request: RequestId,
    partitions: Vec<FetchedPartition>,
) {
    let response = FetchResponse { request, partitions };
    cx.send(NodeId::Broker(leader), NodeId::Broker(follower), Message::FetchResponse(response));
}

#[cfg(test)]
#[path = "delayed_fetch_tests.rs"]
mod tests;
