//! A client's metadata request, answered from the broker's own cache, stale or not
//! (`KafkaApis.handleTopicMetadataRequest` reads the broker's `MetadataCache`): a client
//! learns of a new leader only once the broker it asks has applied the change.
use crate::sim::broker::Broker;
use crate::sim::ctx::Ctx;
use crate::sim::ids::{NodeId, PartitionId};
use crate::sim::message::{Message, MetadataResponse, PartitionLeader, RequestId};

impl Broker {
    pub fn answer_metadata(&self, from: NodeId, request: RequestId, cx: &mut Ctx) {
        let image = &self.image;
        let topics = image.topics.iter().map(|t| (t.name.clone(), t.first_partition, t.partitions)).collect();
        let partitions = image
            .partitions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let s = s.as_ref()?;
                Some(PartitionLeader { partition: PartitionId(i as u32), leader: s.leader, epoch: s.leader_epoch })
            })
            .collect();
        let response = MetadataResponse { request, topics, partitions };
        cx.send(NodeId::Broker(self.id), from, Message::MetadataResponse(response));
    }
}
