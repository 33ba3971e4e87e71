//! A consumer fetch the leader holds (long poll): `ReplicaManager.fetchMessages` parks a
//! consumer fetch with nothing below the HW as a `DelayedFetch`, and `DelayedFetch.tryComplete`
//! completes it when the HW passes its offset (at least `fetch.min.bytes`, 1 here, below the
//! HW; checked from `Partition.maybeIncrementLeaderHW` → `tryCompleteDelayedRequests`), when
//! the broker can no longer serve it (cases A–F: not the leader, a fenced epoch, an offset
//! past the log end) or at `fetch.max.wait.ms`. Each answer is read afresh
//! (`DelayedFetch.onComplete`), so it carries the records, the error, or nothing.
use crate::sim::broker::consumer_reads::waits_for_the_hw;
use crate::sim::broker::{Broker, ParkedConsumerFetch};
use crate::sim::ctx::Ctx;
use crate::sim::event::EventKind;
use crate::sim::ids::{ClientId, NodeId, PartitionId};
use crate::sim::message::{ConsumerFetchRequest, ConsumerFetchResponse, Message};

impl Broker {
    /// Holds `request` until the HW passes its offset or its wait ends.
    pub(crate) fn park_consumer_fetch(&mut self, consumer: ClientId, request: &ConsumerFetchRequest, cx: &mut Ctx) {
        let deadline = cx.now + request.max_wait_ms;
        self.parked_consumer_fetches.push(ParkedConsumerFetch {
            request: request.request,
            consumer,
            partition: request.partition,
            offset: request.offset,
            current_leader_epoch: request.current_leader_epoch,
            deadline,
        });
        cx.emit(EventKind::ConsumerFetchParked {
            leader: self.id,
            client: consumer,
            partition: request.partition,
            offset: request.offset,
            wait_ms: request.max_wait_ms,
        });
        self.arm_purgatory_at(deadline, cx);
    }

    /// `DelayedFetch.tryComplete` for the consumer fetches held on `partition`, in arrival
    /// order: answered when a fresh read returns records (the HW passed the offset) or an
    /// error (the broker stepped down, the epoch moved on); the others keep waiting.
    pub fn try_complete_consumer_fetches(&mut self, partition: PartitionId, cx: &mut Ctx) {
        let mut index = 0;
        while let Some(parked) = self.parked_consumer_fetches.get(index) {
            if parked.partition != partition {
                index += 1;
                continue;
            }
            let response = self.read_parked(parked);
            if waits_for_the_hw(&response) {
                index += 1;
                continue;
            }
            let parked = self.parked_consumer_fetches.remove(index);
            self.answer_parked_consumer(&parked, response, false, cx);
        }
    }

    /// Held consumer fetches past their wait are answered with what there is now: nothing,
    /// unless something completed them in the same instant.
    pub fn expire_consumer_fetches(&mut self, cx: &mut Ctx) {
        let now = cx.now;
        let mut index = 0;
        while let Some(parked) = self.parked_consumer_fetches.get(index) {
            if parked.deadline > now {
                index += 1;
                continue;
            }
            let parked = self.parked_consumer_fetches.remove(index);
            let response = self.read_parked(&parked);
            self.answer_parked_consumer(&parked, response, true, cx);
        }
    }

    fn read_parked(&self, parked: &ParkedConsumerFetch) -> ConsumerFetchResponse {
        self.read_for_consumer(parked.request, parked.partition, parked.offset, parked.current_leader_epoch)
    }

    fn answer_parked_consumer(
        &self,
        parked: &ParkedConsumerFetch,
        response: ConsumerFetchResponse,
        expired: bool,
        cx: &mut Ctx,
    ) {
        cx.emit(EventKind::ConsumerFetchCompleted {
            leader: self.id,
            client: parked.consumer,
            partition: parked.partition,
            offset: parked.offset,
            hw: response.high_watermark,
            error: response.error,
            expired: expired && waits_for_the_hw(&response),
        });
        let to = NodeId::Client(parked.consumer);
        cx.send(NodeId::Broker(self.id), to, Message::ConsumerFetchResponse(response));
    }
}

#[cfg(test)]
#[path = "consumer_long_poll_tests.rs"]
mod tests;
