//! The leader serving consumers: fetches, only below the HW (`FetchIsolation.HIGH_WATERMARK`),
//! and the OffsetsForLeaderEpoch question a consumer asks after a leader change (KIP-320).
//! Both check the consumer's leader epoch first, as `Partition.localLogWithEpochOrThrow` does,
//! on the broker that is asked, with a `Ctx` for the answer.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::ids::{NodeId, PartitionId};
use crate::sim::message::{
    ConsumerFetchRequest, ConsumerFetchResponse, Message, OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochResponse,
    RequestId,
};
use crate::sim::records::ErrorCode;
use crate::sim::replica::Replica;

/// Most records a consumer fetch returns.
const CONSUMER_FETCH_MAX_RECORDS: u64 = 500;

/// The leader's replica if `id` leads in `epoch`: NOT_LEADER_OR_FOLLOWER, or
/// FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH for a consumer in an older / newer epoch.
fn leader_in_epoch(replica: Option<&Replica>, epoch: u32) -> Result<&Replica, ErrorCode> {
    let replica = replica.filter(|r| r.is_leader()).ok_or(ErrorCode::NotLeaderOrFollower)?;
    match epoch.cmp(&replica.epoch) {
        std::cmp::Ordering::Less => Err(ErrorCode::FencedLeaderEpoch),
        std::cmp::Ordering::Greater => Err(ErrorCode::UnknownLeaderEpoch),
        std::cmp::Ordering::Equal => Ok(replica),
    }
}

/// An answer with no records and no error: what a long poll waits on (`DelayedFetch`'s
/// minimum of one byte below the HW not yet met).
pub(crate) fn waits_for_the_hw(response: &ConsumerFetchResponse) -> bool {
    response.error == ErrorCode::None && response.records.is_empty()
}

impl Broker {
    /// A consumer reads from the leader, only below the HW: records below it are answered at
    /// once; at or past the HW there is nothing to return, so the leader holds the fetch for
    /// up to its `fetch.max.wait.ms` until the HW passes its offset (long poll:
    /// `ReplicaManager.fetchMessages` answers at once only with data, an error or
    /// `maxWaitMs <= 0`, else parks a `DelayedFetch`; `consumer_long_poll.rs`), and answers
    /// it empty, with no error, if the wait ends first; past the LEO, OFFSET_OUT_OF_RANGE.
    /// KAFKA-RULES.md says a fetch in [HW, LEO] "returns nothing and no error": that is its
    /// final answer, but Kafka parks it first, and the source wins.
    pub fn answer_consumer_fetch(&mut self, from: NodeId, request: ConsumerFetchRequest, cx: &mut Ctx) {
        let response =
            self.read_for_consumer(request.request, request.partition, request.offset, request.current_leader_epoch);
        if let (NodeId::Client(consumer), true) = (from, waits_for_the_hw(&response) && request.max_wait_ms > 0) {
            self.park_consumer_fetch(consumer, &request, cx);
            return;
        }
        cx.send(NodeId::Broker(self.id), from, Message::ConsumerFetchResponse(response));
    }

    /// What a consumer fetch gets now (`Partition.fetchRecords` with `HIGH_WATERMARK`
    /// isolation): the leader's check of the consumer's epoch, then the records below the HW.
    pub(crate) fn read_for_consumer(
        &self,
        request: RequestId,
        partition: PartitionId,
        offset: u64,
        current_leader_epoch: u32,
    ) -> ConsumerFetchResponse {
        let mut response = ConsumerFetchResponse {
            request,
            partition,
            error: ErrorCode::None,
            first_offset: offset,
            records: Vec::new(),
            high_watermark: 0,
            last_epoch: None,
        };
        match leader_in_epoch(self.replicas.get(&partition), current_leader_epoch) {
            Ok(replica) => {
                response.high_watermark = replica.hw;
                if offset > replica.log.leo() {
                    response.error = ErrorCode::OffsetOutOfRange;
                } else if offset < replica.hw {
                    let count = (replica.hw - offset).min(CONSUMER_FETCH_MAX_RECORDS) as u32;
                    response.records = replica.log.read(offset, count).records;
                    let last = offset + response.records.len() as u64 - 1;
                    response.last_epoch = replica.log.epoch_at(last);
                }
            }
            Err(error) => response.error = error,
        }
        response
    }

    /// Where the consumer's epoch ends on this leader's log (`Partition.lastOffsetForLeaderEpoch`
    /// → `LeaderEpochFileCache.endOffsetFor`): the largest epoch at most the one asked, and
    /// the offset where the next epoch begins (the LEO for the current one).
    pub fn answer_epoch_end(&self, from: NodeId, request: OffsetsForLeaderEpochRequest, cx: &mut Ctx) {
        let mut response = OffsetsForLeaderEpochResponse {
            request: request.request,
            partition: request.partition,
            error: ErrorCode::None,
            end: None,
            high_watermark: 0,
        };
        match leader_in_epoch(self.replicas.get(&request.partition), request.current_leader_epoch) {
            Ok(replica) => {
                response.high_watermark = replica.hw;
                response.end = replica.log.epochs().end_offset_for(request.leader_epoch, replica.log.leo());
            }
            Err(error) => response.error = error,
        }
        cx.send(NodeId::Broker(self.id), from, Message::OffsetsForLeaderEpochResponse(response));
    }
}

#[cfg(test)]
#[path = "consumer_reads_tests.rs"]
mod tests;
