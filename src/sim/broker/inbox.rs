//! What reaches a broker, handed to the handler of its kind: the one place a broker's
//! messages and timers are told apart (`KafkaApis.handle` does this for requests), so the
//! cluster routes every one of them the same way.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::ids::NodeId;
use crate::sim::message::Message;
use crate::sim::queue::Timer;

impl Broker {
    /// A message from `from`. True when a controlled shutdown may finish now (the
    /// controller's answer allows it): stopping the process is the cluster's.
    pub fn on_message(&mut self, from: NodeId, message: Message, cx: &mut Ctx) -> bool {
        match message {
            Message::Produce(request) => self.on_produce(from, &request, cx),
            Message::Fetch(request) => self.on_fetch(request, cx),
            Message::FetchResponse(response) => {
                if let NodeId::Broker(leader) = from {
                    self.on_fetch_response(leader, response, cx);
                }
            }
            Message::ConsumerFetch(request) => self.answer_consumer_fetch(from, request, cx),
            Message::OffsetsForLeaderEpoch(request) => self.answer_epoch_end(from, request, cx),
            Message::Metadata(request) => self.answer_metadata(from, request, cx),
            Message::HeartbeatResponse(response) => return self.on_heartbeat_response(&response, cx),
            Message::AlterPartitionResponse(response) => self.on_alter_partition_response(&response, cx),
            Message::MetadataPush { records } => self.apply_metadata(&records, cx),
            Message::Disconnected(request) => self.on_disconnect(request, cx),
            _ => {}
        }
        false
    }

    /// A timer of this broker's current life (the cluster drops those of an earlier one).
    pub fn on_timer(&mut self, timer: Timer, cx: &mut Ctx) {
        match timer {
            Timer::Heartbeat { .. } => self.on_heartbeat_timer(cx),
            Timer::IsrCheck { .. } => self.on_isr_check_timer(cx),
            Timer::Flush { .. } => self.on_flush_timer(cx),
            Timer::FetcherWake { leader, .. } => self.on_fetcher_wake(leader, cx),
            Timer::LeaderPurgatory { .. } => self.on_purgatory_timer(cx),
            Timer::ShutdownHeartbeat { .. } => self.on_shutdown_heartbeat_timer(cx),
            _ => {}
        }
    }
}
