//! What the describe leaves unsaid, filled in and written down: broker id 0 (the simulator
//! numbers brokers from 1), partitions a filtered describe (`--under-replicated-partitions`,
//! `--unavailable-partitions`) did not print, and its missing topic header.
use super::model::{Description, PartitionState, TopicHeader, TopicState};

/// Shifts every broker id by one when the describe names broker 0, so Kafka's 0 is the
/// simulator's 1; returns the shift.
pub fn shift_ids(description: &mut Description, notes: &mut Vec<String>) -> u32 {
    if description.broker_ids().first() != Some(&0) {
        return 0;
    }
    notes.push(
        "broker ids shifted by one: the simulator numbers brokers from 1, so Kafka's broker 0 is broker 1 here".into(),
    );
    for p in description.topics.iter_mut().flat_map(|t| t.partitions.iter_mut()) {
        let lists = [Some(&mut p.replicas), Some(&mut p.isr), p.elr.as_mut(), p.last_known_elr.as_mut()];
        for id in lists.into_iter().flatten().flat_map(|l| l.iter_mut()) {
            *id += 1;
        }
        p.leader = p.leader.map(|l| l + 1);
    }
    1
}

/// The brokers a topic's described partitions use, in order of first appearance, at least
/// `rf` of them (1..rf when none is described).
fn topic_brokers(topic: &TopicState, rf: u32) -> Vec<u32> {
    let mut brokers: Vec<u32> = Vec::new();
    for id in topic.partitions.iter().flat_map(|p| &p.replicas) {
        if !brokers.contains(id) {
            brokers.push(*id);
        }
    }
    let mut next = 1;
    while (brokers.len() as u32) < rf {
        if !brokers.contains(&next) {
            brokers.push(next);
        }
        next += 1;
    }
    brokers
}

/// A partition nobody described: in sync, its replicas a rotation of the topic's brokers
/// (as `assignReplicasToBrokers` rotates them), led by the first.
fn synthetic(index: u32, brokers: &[u32], rf: u32, with_elr: bool) -> PartitionState {
    let replicas: Vec<u32> = (0..rf as usize).map(|i| brokers[(index as usize + i) % brokers.len()]).collect();
    PartitionState {
        partition: index,
        leader: replicas.first().copied(),
        isr: replicas.clone(),
        replicas,
        elr: with_elr.then(Vec::new),
        last_known_elr: with_elr.then(Vec::new),
        ..PartitionState::default()
    }
}

/// Gives a topic its header and every partition up to its count, noting what was guessed.
fn complete_topic(topic: &mut TopicState, with_elr: bool, notes: &mut Vec<String>) {
    let count = topic.partition_count();
    let rf = topic.header.as_ref().map_or_else(
        || topic.partitions.iter().map(|p| p.replicas.len() as u32).max().unwrap_or(1),
        |h| h.replication_factor,
    );
    if topic.header.is_none() {
        notes.push(format!(
            "{}: no topic header (a filtered describe): partition count {count} inferred from the highest partition listed, replication factor {rf}, no config overrides",
            topic.name
        ));
        topic.header = Some(TopicHeader { partition_count: count, replication_factor: rf, ..TopicHeader::default() });
    }
    let missing: Vec<u32> = (0..count).filter(|i| topic.partition(*i).is_none()).collect();
    if missing.is_empty() {
        return;
    }
    let brokers = topic_brokers(topic, rf);
    let names: Vec<String> = missing.iter().map(|i| format!("{}-{i}", topic.name)).collect();
    notes.push(format!(
        "{} not in the input: created on brokers the topic uses, led by the first; their end state is not compared",
        names.join(", ")
    ));
    topic.partitions.extend(missing.iter().map(|i| synthetic(*i, &brokers, rf, with_elr)));
    crate::sim::sorting::sort_by_u64_key(&mut topic.partitions, |p| u64::from(p.partition));
}

/// Whether the describe came from a cluster with ELR on: a 3.8+ TopicCommand prints lists
/// (not `N/A`), and a server with ELR off sends empty ones, so empty lists with an offline
/// partition that kept its last ISR member (what the ISR does without ELR; with it, that
/// member moves to the ELR) mean it was off; an empty ISR means it was on, whatever the
/// columns (only ELR lets the ISR empty: a 3.7 client may describe a 4.x cluster).
pub fn has_elr(description: &Description) -> bool {
    let partitions = || description.topics.iter().flat_map(|t| &t.partitions);
    let empty_isr = partitions().any(|p| p.leader.is_none() && p.isr.is_empty());
    if empty_isr || partitions().any(|p| p.elr.as_ref().is_some_and(|e| !e.is_empty())) {
        return true;
    }
    let printed = partitions().any(|p| p.elr.is_some());
    printed && !partitions().any(|p| p.leader.is_none() && !p.isr.is_empty())
}

/// A reassignment under way (`Adding Replicas:`): the simulator has no reassignment, so the
/// replicas being added are left out and the partition keeps its old assignment.
fn drop_adding(topic: &mut TopicState, notes: &mut Vec<String>) {
    for p in topic.partitions.iter_mut().filter(|p| !p.adding.is_empty()) {
        let adding = std::mem::take(&mut p.adding);
        let lists = [Some(&mut p.replicas), Some(&mut p.isr), p.elr.as_mut(), p.last_known_elr.as_mut()];
        for list in lists.into_iter().flatten() {
            list.retain(|id| !adding.contains(id));
        }
        let added: Vec<String> = adding.iter().map(u32::to_string).collect();
        notes.push(format!(
            "{}-{}: a reassignment was under way; the replicas being added ({}) are left out",
            topic.name,
            p.partition,
            added.join(",")
        ));
    }
}

/// Every topic with a header and all its partitions.
pub fn complete(description: &mut Description, notes: &mut Vec<String>) {
    let with_elr = has_elr(description);
    for topic in &mut description.topics {
        drop_adding(topic, notes);
        complete_topic(topic, with_elr, notes);
    }
}
