//! A `Description` printed as `kafka-topics.sh --describe` prints it, tab for tab
//! (tools/src/main/java/org/apache/kafka/tools/TopicCommand.java, `TopicDescription` and
//! `PartitionDescription.printDescription`).
use super::model::{Description, PartitionState, TopicState};

/// Which TopicCommand's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// 3.8 and later (4.x): `Elr:` and `LastKnownElr:` after `Isr:`.
    #[default]
    Kafka4,
    /// 3.7 and before (back to 2.8, when `TopicId:` came): no ELR columns.
    Kafka37,
}

fn ids(list: &[u32]) -> String {
    list.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// `Topic: orders\tTopicId: ...\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: a=1,b=2`.
/// TopicCommand leaves out `TopicId:` only for the zero id, which no topic here has.
fn header_line(topic: &TopicState, out: &mut String) {
    let Some(h) = &topic.header else { return };
    out.push_str(&format!("Topic: {}", topic.name));
    if let Some(id) = &h.topic_id {
        out.push_str(&format!("\tTopicId: {id}"));
    }
    let configs: Vec<String> = h.configs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    out.push_str(&format!(
        "\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n",
        h.partition_count,
        h.replication_factor,
        configs.join(",")
    ));
}

/// `\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: \tLastKnownElr: `:
/// an empty list prints as nothing after the key's space, a leaderless partition as
/// `Leader: none`, a list the server did not send as `N/A`.
fn partition_line(topic: &str, p: &PartitionState, format: Format, out: &mut String) {
    let leader = p.leader.map_or("none".to_string(), |l| l.to_string());
    out.push_str(&format!("\tTopic: {topic}\tPartition: {}\tLeader: {leader}", p.partition));
    out.push_str(&format!("\tReplicas: {}\tIsr: {}", ids(&p.replicas), ids(&p.isr)));
    if format == Format::Kafka4 {
        let list = |l: &Option<Vec<u32>>| l.as_deref().map_or("N/A".to_string(), ids);
        out.push_str(&format!("\tElr: {}\tLastKnownElr: {}", list(&p.elr), list(&p.last_known_elr)));
    }
    out.push('\n');
}

/// The whole describe: each topic's header, then its partitions in order.
pub fn format_description(description: &Description, format: Format) -> String {
    let mut out = String::new();
    for topic in &description.topics {
        header_line(topic, &mut out);
        for p in &topic.partitions {
            partition_line(&topic.name, p, format, &mut out);
        }
    }
    out
}
