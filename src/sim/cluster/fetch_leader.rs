//! The leader's side of replication: a follower's fetch tells the leader what the
//! follower holds (its fetch offset), may move the HW and the ISR, and is answered with
//! the records after that offset and the leader's HW — or parked until data arrives
//! (`Partition.fetchRecords`, `updateFollowerFetchState`, `DelayedFetch`). Consumers'
//! fetches are served here too, only below the HW.
use super::Cluster;
use crate::sim::broker::ParkedFetch;
use crate::sim::config::ReplicationMode;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId, PartitionId};
use crate::sim::log::LogSlice;
use crate::sim::message::{
    ConsumerFetchRequest, ConsumerFetchResponse, FetchPartition, FetchRequest, FetchResponse, FetchedPartition,
    Message, RequestId,
};
use crate::sim::records::ErrorCode;

/// Most records a consumer fetch returns.
const CONSUMER_FETCH_MAX_RECORDS: u64 = 500;

impl Cluster {
    pub(crate) fn leader_handle_fetch(&mut self, id: BrokerId, request: FetchRequest) {
        let mut partitions = self.fetch_buffers.answers();
        for fetch in &request.partitions {
            let answer = self.serve_follower_fetch(id, request.follower, fetch);
            partitions.push(answer);
        }
        let has_answer = partitions
            .iter()
            .any(|p| p.error != ErrorCode::None || p.diverging_epoch.is_some() || !p.slice.records.is_empty());
        let wait = self.config.replica_fetch_wait_max_ms;
        let immediate = request.answer_immediately || self.config.replication == ReplicationMode::Manual || wait == 0;
        if has_answer || immediate {
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
        self.brokers.get_mut(&id).expect("alive").parked_fetches.push(parked);
        self.emit(EventKind::FetchParked { leader: id, follower: request.follower });
        self.arm_purgatory_at(id, deadline);
    }

    /// One partition of a follower's fetch: check it, learn the follower's progress, and
    /// read what comes after its fetch offset.
    fn serve_follower_fetch(&mut self, id: BrokerId, follower: BrokerId, fetch: &FetchPartition) -> FetchedPartition {
        if let Err(error) = self.check_follower_fetch(id, follower, fetch) {
            return fetch_error(fetch.partition, error);
        }
        let divergence = match self.find_divergence(id, fetch) {
            Ok(divergence) => divergence,
            Err(error) => {
                let replica = self.replica(id, fetch.partition).expect("checked");
                let mut answer = fetch_error(fetch.partition, error);
                (answer.leader_leo, answer.high_watermark) = (replica.log.leo(), replica.hw);
                return answer;
            }
        };
        if let Some(diverging) = divergence {
            // The follower's log diverges: no records and no progress update, it must
            // truncate first (KIP-320's divergingEpoch).
            let replica = self.replica(id, fetch.partition).expect("checked");
            return FetchedPartition {
                partition: fetch.partition,
                error: ErrorCode::None,
                high_watermark: replica.hw,
                leader_leo: replica.log.leo(),
                slice: LogSlice { first_offset: fetch.fetch_offset, ..LogSlice::default() },
                diverging_epoch: Some(diverging),
            };
        }
        let now = self.now;
        let replica = self.replica_mut(id, fetch.partition);
        let leo = replica.log.leo();
        if fetch.fetch_offset > leo {
            let mut answer = fetch_error(fetch.partition, ErrorCode::OffsetOutOfRange);
            answer.leader_leo = leo;
            answer.high_watermark = replica.hw;
            return answer;
        }
        if let Some(progress) = replica.leader_state_mut().and_then(|s| s.follower_mut(follower)) {
            progress.record_fetch(fetch.fetch_offset, leo, now);
        }
        self.maybe_expand_isr(id, fetch.partition, follower);
        self.maybe_advance_hw(id, fetch.partition);
        self.read_for_follower(id, fetch)
    }

    fn check_follower_fetch(&self, id: BrokerId, follower: BrokerId, fetch: &FetchPartition) -> Result<(), ErrorCode> {
        let replica = self.replica(id, fetch.partition).ok_or(ErrorCode::NotLeaderOrFollower)?;
        let state = replica.leader_state().ok_or(ErrorCode::NotLeaderOrFollower)?;
        if fetch.current_leader_epoch < replica.epoch {
            return Err(ErrorCode::FencedLeaderEpoch);
        }
        if fetch.current_leader_epoch > replica.epoch {
            return Err(ErrorCode::UnknownLeaderEpoch);
        }
        if state.follower(follower).is_none() {
            return Err(ErrorCode::NotLeaderOrFollower);
        }
        Ok(())
    }

    /// `Partition.readRecords` with a lastFetchedEpoch: the follower's last epoch must end,
    /// on the leader, no earlier than the follower's fetch offset; else the leader names
    /// the largest epoch ≤ it that it knows (or, knowing none that old, that epoch itself)
    /// and where it ends (`LeaderEpochFileCache.endOffsetFor`). An end it cannot determine
    /// (UNDEFINED_EPOCH_OFFSET) is OFFSET_OUT_OF_RANGE, as Kafka throws.
    fn find_divergence(&self, id: BrokerId, fetch: &FetchPartition) -> Result<Option<(u32, u64)>, ErrorCode> {
        let Some(last_epoch) = fetch.last_fetched_epoch else { return Ok(None) };
        if fetch.fetch_offset == 0 {
            return Ok(None); // an empty log cannot diverge
        }
        let Some(log) = self.replica(id, fetch.partition).map(|r| &r.log) else { return Ok(None) };
        match log.epochs().end_offset_for(last_epoch, log.leo()) {
            Some((epoch, end)) if epoch < last_epoch || end < fetch.fetch_offset => Ok(Some((epoch, end))),
            Some(_) => Ok(None),
            None => Err(ErrorCode::OffsetOutOfRange),
        }
    }

    fn read_for_follower(&self, id: BrokerId, fetch: &FetchPartition) -> FetchedPartition {
        let replica = self.replica(id, fetch.partition).expect("checked");
        let slice = replica.log.read(fetch.fetch_offset, self.config.replica_fetch_max_records);
        FetchedPartition {
            partition: fetch.partition,
            error: ErrorCode::None,
            high_watermark: replica.hw,
            leader_leo: replica.log.leo(),
            slice,
            diverging_epoch: None,
        }
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
        partitions.extend(parked.partitions.iter().map(|fetch| {
            match self.check_follower_fetch(id, parked.follower, fetch) {
                Ok(()) => self.read_for_follower(id, fetch),
                Err(error) => fetch_error(fetch.partition, error),
            }
        }));
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

    /// A consumer reads from the leader, only below the HW: at or past the HW it gets
    /// nothing and no error; past the LEO, OFFSET_OUT_OF_RANGE (`FetchIsolation.HIGH_WATERMARK`).
    pub(crate) fn leader_handle_consumer_fetch(&mut self, id: BrokerId, from: NodeId, request: ConsumerFetchRequest) {
        let ConsumerFetchRequest { request: request_id, partition, offset } = request;
        let mut response = ConsumerFetchResponse {
            request: request_id,
            partition,
            error: ErrorCode::None,
            first_offset: offset,
            records: Vec::new(),
            high_watermark: 0,
        };
        match self.replica(id, partition) {
            Some(replica) if replica.is_leader() => {
                response.high_watermark = replica.hw;
                if offset > replica.log.leo() {
                    response.error = ErrorCode::OffsetOutOfRange;
                } else if offset < replica.hw {
                    let count = (replica.hw - offset).min(CONSUMER_FETCH_MAX_RECORDS) as u32;
                    response.records = replica.log.read(offset, count).records;
                }
            }
            _ => response.error = ErrorCode::NotLeaderOrFollower,
        }
        self.send(NodeId::Broker(id), from, Message::ConsumerFetchResponse(response));
    }
}

fn fetch_error(partition: PartitionId, error: ErrorCode) -> FetchedPartition {
    FetchedPartition {
        partition,
        error,
        high_watermark: 0,
        leader_leo: 0,
        slice: LogSlice::default(),
        diverging_epoch: None,
    }
}
