//! What reaches a client, handed to the handler of its kind: the one place a client's
//! messages are told apart (`NetworkClient.poll` completing a request does this).
use crate::sim::client::context::ClientCtx;
use crate::sim::ids::NodeId;
use crate::sim::message::Message;

impl ClientCtx<'_> {
    /// A message from `from`: a broker's answer, or the news (from the client's own
    /// network layer) that a connection carrying a request broke.
    pub fn on_message(&mut self, from: NodeId, message: Message) {
        let NodeId::Broker(broker) = from else {
            if let Message::Disconnected(request) = message {
                self.on_disconnect(request);
            }
            return;
        };
        match message {
            Message::ProduceResponse(response) => self.on_produce_response(broker, response),
            Message::MetadataResponse(response) => self.on_metadata_response(broker, response),
            Message::ConsumerFetchResponse(response) => self.on_consumer_fetch_response(broker, response),
            Message::OffsetsForLeaderEpochResponse(response) => self.on_epoch_end_response(response),
            Message::Disconnected(request) => self.on_disconnect(request),
            _ => {}
        }
    }
}
