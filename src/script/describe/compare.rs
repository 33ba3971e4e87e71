//! Two descriptions compared on what the importer promises: for every partition the first
//! one printed, the same assignment, leader, ISR and ELR (ISR and ELR as sets, as Kafka
//! keeps no order in them that means anything). `LastKnownElr` is compared only when the
//! first lists brokers: the simulator keeps one last known leader, not a list.
use super::model::{Description, PartitionState};

fn set_eq(a: &[u32], b: &[u32]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn ids(list: &[u32]) -> String {
    list.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn differences(want: &PartitionState, got: &PartitionState) -> Vec<String> {
    let mut found = Vec::new();
    let leader = |l: Option<u32>| l.map_or("none".to_string(), |l| l.to_string());
    if want.replicas != got.replicas {
        found.push(format!("replicas {} (wanted {})", ids(&got.replicas), ids(&want.replicas)));
    }
    if want.leader != got.leader {
        found.push(format!("leader {} (wanted {})", leader(got.leader), leader(want.leader)));
    }
    if !set_eq(&want.isr, &got.isr) {
        found.push(format!("ISR {} (wanted {})", ids(&got.isr), ids(&want.isr)));
    }
    let got_elr = got.elr.as_deref().unwrap_or_default();
    if let Some(elr) = want.elr.as_deref().filter(|e| !set_eq(e, got_elr)) {
        found.push(format!("ELR {} (wanted {})", ids(got_elr), ids(elr)));
    }
    let got_last = got.last_known_elr.as_deref().unwrap_or_default();
    if let Some(last) = want.last_known_elr.as_deref().filter(|l| !l.is_empty() && !set_eq(l, got_last)) {
        found.push(format!("last known ELR {} (wanted {})", ids(got_last), ids(last)));
    }
    found
}

/// One sentence per partition of `want` (the input's, line > 0) that `got` does not match.
pub fn compare(want: &Description, got: &Description) -> Vec<String> {
    let mut found = Vec::new();
    for topic in &want.topics {
        for p in topic.partitions.iter().filter(|p| p.line > 0) {
            let name = format!("{}-{}", topic.name, p.partition);
            let Some(other) = got.topic(&topic.name).and_then(|t| t.partition(p.partition)) else {
                found.push(format!("{name}: missing"));
                continue;
            };
            let diff = differences(p, other);
            if !diff.is_empty() {
                found.push(format!("{name}: {}", diff.join(", ")));
            }
        }
    }
    found
}
