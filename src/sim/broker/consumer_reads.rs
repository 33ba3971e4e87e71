//! The leader serving consumers: fetches, only below the HW (`FetchIsolation.HIGH_WATERMARK`),
//! and the OffsetsForLeaderEpoch question a consumer asks after a leader change (KIP-320).
//! Both check the consumer's leader epoch first, as `Partition.localLogWithEpochOrThrow` does,
//! on the broker that is asked, with a `Ctx` for the answer.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::ids::NodeId;
use crate::sim::message::{
    ConsumerFetchRequest, ConsumerFetchResponse, Message, OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochResponse,
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

impl Broker {
    /// A consumer reads from the leader, only below the HW: at or past the HW it gets
    /// nothing and no error; past the LEO, OFFSET_OUT_OF_RANGE.
    pub fn answer_consumer_fetch(&self, from: NodeId, request: ConsumerFetchRequest, cx: &mut Ctx) {
        let ConsumerFetchRequest { request: request_id, partition, offset, current_leader_epoch } = request;
        let mut response = ConsumerFetchResponse {
            request: request_id,
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
        cx.send(NodeId::Broker(self.id), from, Message::ConsumerFetchResponse(response));
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
