//! What must hold of a described partition and topic for it to be a cluster Kafka could
//! have: the leader is a replica and in the ISR (`LeaderInIsr`), ISR and ELR are replicas
//! and never overlap (KIP-966), a partition number is below its topic's count, and a
//! topic's partitions have its replication factor (unless a reassignment was under way).
use super::error::DescribeError;
use super::model::{Description, PartitionState, TopicState};

fn duplicate(ids: &[u32]) -> Option<u32> {
    ids.iter().enumerate().find(|(i, id)| ids[..*i].contains(id)).map(|(_, id)| *id)
}

fn outside<'a>(ids: &'a [u32], replicas: &[u32]) -> Option<&'a u32> {
    ids.iter().find(|id| !replicas.contains(id))
}

/// The simulator's bounds on a broker id (`broker add id=N`: 1..9999, 0 being renumbered).
pub const MAX_BROKER_ID: u32 = 9_999;

/// Kafka's topic name rule (`org.apache.kafka.common.internals.Topic.validate`): 1 to 249
/// letters, digits, '.', '_' and '-', and not `.` or `..`; the script's rule is the same.
pub fn topic_name(name: &str) -> Result<(), String> {
    let legal = name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if name.is_empty() || name.len() > 249 || !legal || name == "." || name == ".." {
        return Err(format!("Topic: '{name}' is not a legal topic name (letters, digits, '.', '_', '-')"));
    }
    Ok(())
}

/// The first thing wrong with one partition line, in words.
pub fn partition(p: &PartitionState) -> Result<(), String> {
    if let Some(id) = p.replicas.iter().find(|id| **id > MAX_BROKER_ID) {
        return Err(format!("Replicas: broker {id} is beyond the simulator's ids (up to {MAX_BROKER_ID})"));
    }
    if p.replicas.is_empty() {
        return Err("Replicas: is empty".into());
    }
    if let Some(id) = duplicate(&p.replicas) {
        return Err(format!("Replicas: broker {id} is named twice"));
    }
    if let Some(id) = duplicate(&p.isr) {
        return Err(format!("Isr: broker {id} is named twice"));
    }
    if let Some(id) = outside(&p.isr, &p.replicas) {
        return Err(format!("Isr: broker {id} is not one of the Replicas"));
    }
    if let Some(leader) = p.leader {
        if !p.isr.contains(&leader) {
            return Err(format!("Leader: {leader} is not in the Isr (a leader always is)"));
        }
    }
    for (key, list) in [("Elr", &p.elr), ("LastKnownElr", &p.last_known_elr)] {
        let list = list.as_deref().unwrap_or_default();
        if let Some(id) = outside(list, &p.replicas) {
            return Err(format!("{key}: broker {id} is not one of the Replicas"));
        }
    }
    if let Some(id) = p.elr.as_deref().unwrap_or_default().iter().find(|id| p.isr.contains(id)) {
        return Err(format!("Elr: broker {id} is in the Isr too (the two never overlap)"));
    }
    Ok(())
}

fn topic(t: &TopicState) -> Vec<DescribeError> {
    let mut errors = Vec::new();
    let count = t.partition_count();
    let rf = t.header.as_ref().map(|h| h.replication_factor);
    let rf = rf.or_else(|| t.partitions.iter().find(|p| !p.reassigning).map(|p| p.replicas.len() as u32));
    for p in &t.partitions {
        if p.partition >= count {
            let message = format!("{} partition {} but PartitionCount: {count}", t.name, p.partition);
            errors.push(DescribeError::new(p.line, message));
        } else if rf.is_some_and(|rf| rf != p.replicas.len() as u32) && !p.reassigning {
            let message =
                format!("{} replicas but the topic's replication factor is {}", p.replicas.len(), rf.unwrap_or(0));
            errors.push(DescribeError::new(p.line, message));
        }
    }
    errors
}

/// Every topic-level error of a description.
pub fn topics(description: &Description) -> Vec<DescribeError> {
    description.topics.iter().flat_map(topic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(leader: Option<u32>, replicas: &[u32], isr: &[u32], elr: &[u32]) -> PartitionState {
        PartitionState {
            leader,
            replicas: replicas.to_vec(),
            isr: isr.to_vec(),
            elr: Some(elr.to_vec()),
            ..PartitionState::default()
        }
    }

    #[test]
    fn a_leader_outside_the_isr_and_overlapping_lists_are_refused() {
        assert!(partition(&state(Some(1), &[1, 2], &[1, 2], &[])).is_ok());
        assert!(partition(&state(None, &[1, 2], &[], &[1])).is_ok());
        assert!(partition(&state(Some(2), &[1, 2], &[1], &[])).unwrap_err().contains("not in the Isr"));
        assert!(partition(&state(Some(1), &[1, 2], &[1, 3], &[])).unwrap_err().contains("broker 3"));
        assert!(partition(&state(Some(1), &[1, 1], &[1], &[])).unwrap_err().contains("twice"));
        assert!(partition(&state(Some(1), &[1, 2], &[1], &[1])).unwrap_err().contains("overlap"));
    }
}
