//! A completed description and its plan written as a scenario script, with only the
//! language's verbs (SCENARIO-SCRIPT.md): create what the describe shows healthy, then
//! break it the way it broke — move leaders, stall followers, crash brokers — waiting
//! after each step as long as Kafka would take to notice.
use super::model::{Description, TopicState};
use super::plan::Plan;

/// Long enough for a crashed broker's session to expire (`broker.session.timeout.ms`
/// 9000) and the controller's change to reach every broker.
const FENCE_WAIT: &str = "run 12s";
/// Long enough for a restarted broker to catch up and rejoin every ISR.
const REJOIN_WAIT: &str = "run 10s";
/// A stalled follower leaves the ISR at the leader's first check (every half of
/// `replica.lag.time.max.ms`, Kafka's `isr-expiration` task) after 30 s behind: up to 45 s.
const LAG_WAIT: &str = "run 50s";

/// `replicas=1,2,3/2,3,1`: the partitions' assignments in partition order.
fn assignment(topic: &TopicState) -> String {
    let lists: Vec<String> =
        topic.partitions.iter().map(|p| p.replicas.iter().map(u32::to_string).collect::<Vec<_>>().join(",")).collect();
    lists.join("/")
}

/// `topic create` for one topic; its `min.insync.replicas` override becomes `min-isr=`.
fn create_line(topic: &TopicState) -> String {
    let h = topic.header.as_ref().map_or((0, 0), |h| (h.partition_count, h.replication_factor));
    let mut line = format!("topic create {} partitions={} rf={}", topic.name, h.0, h.1);
    if let Some(min_isr) = topic.config("min.insync.replicas") {
        line.push_str(&format!(" min-isr={min_isr}"));
    }
    line.push_str(&format!(" replicas={}", assignment(topic)));
    line
}

/// Stopping (a controlled shutdown) moves each leadership to the next in-sync replica in
/// assignment order; restarting brings the brokers back as followers, and with the
/// periodic preferred-leader election off they stay so (moves.rs says in which order).
fn leader_moves(plan: &Plan, lines: &mut Vec<String>) {
    for m in &plan.leader_moves {
        lines.push(format!("# move leadership of {} past broker(s) {}", m.partitions.join(", "), ids(&m.before)));
        lines.extend(m.partitions.iter().map(|p| format!("elect preferred {p}")));
        lines.extend(m.before.iter().map(|b| format!("stop broker {b}")));
        lines.push(FENCE_WAIT.into());
        lines.extend(m.before.iter().map(|b| format!("restart broker {b}")));
        lines.push(REJOIN_WAIT.into());
    }
}

/// A partition led by its first replica may have lost it to a move: a preferred election
/// gives it back (Kafka answers ELECTION_NOT_NEEDED when it already has it).
fn preferred_elections(description: &Description, plan: &Plan, lines: &mut Vec<String>) {
    let moved = |b: u32| plan.leader_moves.iter().any(|m| m.before.contains(&b));
    for topic in &description.topics {
        for p in &topic.partitions {
            if p.leader.is_some() && p.leader == p.replicas.first().copied() && moved(p.replicas[0]) {
                lines.push(format!("elect preferred {}-{}", topic.name, p.partition));
            }
        }
    }
}

/// A follower whose log ends where the leader's does is caught up however long it has not
/// fetched (Kafka's `Replica.isCaughtUp`: `leaderEndOffset == logEndOffset` or a fetch within
/// `replica.lag.time.max.ms`), so a stalled follower leaves the ISR only once the leader
/// has written something it lacks: one record (acks=1, not to wait on the ISR) to each
/// partition with a follower made to fall behind in this stage.
fn behind_writes(description: &Description, stage: u32, behind: impl Fn(u32, u32) -> bool, lines: &mut Vec<String>) {
    for topic in &description.topics {
        for p in topic.partitions.iter().filter(|p| p.leader.is_some()) {
            let leader = p.leader.unwrap_or_default();
            if p.replicas.iter().any(|r| *r != leader && behind(*r, leader) && !p.isr.contains(r)) {
                let name = format!("{}-{}", topic.name, p.partition);
                lines.push(format!("produce {name} behind-{stage}-{name} acks=1"));
            }
        }
    }
}

/// Whether a broker is in some partition's ELR.
fn in_elr(description: &Description, broker: u32) -> bool {
    let partitions = description.topics.iter().flat_map(|t| &t.partitions);
    partitions.filter(|p| p.line > 0).any(|p| p.elr.as_ref().is_some_and(|e| e.contains(&broker)))
}

/// Followers fall behind in two stages: first those in no ELR, then the ELR's members.
/// KIP-966 puts a replica in the ELR when it leaves an ISR already below
/// `min.insync.replicas`; one that left while the ISR was big enough is in no list, so it
/// must have left first.
fn fall_behind(description: &Description, plan: &Plan, lines: &mut Vec<String>) {
    for stage in [1, 2] {
        let now = |b: u32| in_elr(description, b) == (stage == 2);
        let paused: Vec<u32> = plan.paused.iter().copied().filter(|b| now(*b)).collect();
        let cuts: Vec<(u32, u32)> = plan.cuts.iter().copied().filter(|(f, _)| now(*f)).collect();
        if paused.is_empty() && cuts.is_empty() {
            continue;
        }
        lines.push("# followers that fall behind: they stop fetching, or lose their leader, and leave the ISR".into());
        lines.extend(paused.iter().map(|b| format!("pause-fetch broker {b}")));
        lines.extend(cuts.iter().map(|(a, b)| format!("cut {a} {b}")));
        let behind = |f: u32, l: u32| paused.contains(&f) || cuts.contains(&(f, l)) || cuts.contains(&(l, f));
        behind_writes(description, stage, behind, lines);
        lines.push(LAG_WAIT.into());
    }
}

pub fn ids(list: &[u32]) -> String {
    list.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

/// The script's lines, without the assumptions.
/// `brokers N` when the ids are 1..N, else one `broker add id=X` each (Kafka's
/// auto-generated ids start at 1001).
fn broker_lines(description: &Description, lines: &mut Vec<String>) {
    let ids = description.broker_ids();
    if ids.iter().enumerate().all(|(i, id)| *id == i as u32 + 1) {
        lines.push(format!("brokers {}", ids.len().max(1)));
    } else {
        lines.extend(ids.iter().map(|id| format!("broker add id={id}")));
    }
}

pub fn script_lines(description: &Description, plan: &Plan, with_elr: bool) -> Vec<String> {
    let mut lines = vec!["seed 0".to_string()];
    if !with_elr {
        lines.push("# the describe has no ELR: a Kafka before KIP-966 (3.7 and earlier), or with it off".into());
        lines.push("set eligible.leader.replicas.version 0".into());
    }
    if !plan.leader_moves.is_empty() {
        lines.push("# leaders other than the preferred stay where they are".into());
        lines.push("set auto.leader.rebalance.enable false".into());
    }
    broker_lines(description, &mut lines);
    lines.extend(description.topics.iter().map(create_line));
    lines.push("run 1s".into());
    leader_moves(plan, &mut lines);
    preferred_elections(description, plan, &mut lines);
    fall_behind(description, plan, &mut lines);
    if !plan.down.is_empty() {
        lines.push("# brokers that lead nothing and are in no ISR: down, crashed one at a time".into());
    }
    for b in &plan.down {
        lines.push(format!("crash broker {b}"));
        lines.push(FENCE_WAIT.into());
    }
    lines
}
