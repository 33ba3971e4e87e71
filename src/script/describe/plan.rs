//! What each broker must be for the cluster to describe as the input does, read from the
//! partitions the input printed (line > 0; a partition filled in by complete.rs says
//! nothing): a broker that leads nothing and is in no ISR of a led partition is down; a
//! live replica outside its partition's ISR is a follower that has fallen behind; a leader
//! other than the first replica got there because the brokers before it were away.
use super::model::{Description, PartitionState};
pub use super::moves::LeaderMove;

/// The brokers' roles and the leader moves the script must make.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Brokers to crash, in the order to crash them.
    pub down: Vec<u32>,
    /// Brokers whose followers stop fetching (`pause-fetch`).
    pub paused: Vec<u32>,
    /// (follower, leader) links to cut: the follower is behind on every partition it
    /// follows that leader in (and the leader on every one it follows the follower in), but
    /// in sync elsewhere.
    pub cuts: Vec<(u32, u32)>,
    /// Brokers out of sync on some partitions and in sync on others of the same leader:
    /// neither stalling the broker's fetcher nor cutting a link can do that, so these stay
    /// in sync.
    pub partly_behind: Vec<u32>,
    /// Brokers to stop and restart so that leadership passes over them, with the
    /// partitions (`orders-0`) that move so; the farthest moves first (moves.rs).
    pub leader_moves: Vec<LeaderMove>,
}

fn described(description: &Description) -> impl Iterator<Item = &PartitionState> {
    description.topics.iter().flat_map(|t| &t.partitions).filter(|p| p.line > 0)
}

/// Alive: leads something, or is in the ISR of a partition that has a leader. The ISR of
/// a leaderless partition keeps its last member (ZooKeeper, and KRaft without ELR) though
/// it is down.
fn alive(description: &Description, broker: u32) -> bool {
    described(description).any(|p| p.leader == Some(broker) || (p.leader.is_some() && p.isr.contains(&broker)))
}

/// Down brokers in crash order: the ones in no list first, then ELR members, then the last
/// ISR members of offline partitions, so each list fills as it did when they left.
fn crash_order(description: &Description, down: &[u32]) -> Vec<u32> {
    let rank = |b: u32| {
        let in_isr = described(description).any(|p| p.isr.contains(&b));
        let in_elr = described(description).any(|p| p.elr.as_ref().is_some_and(|e| e.contains(&b)));
        u64::from(in_isr) * 2 + u64::from(in_elr)
    };
    let mut order = down.to_vec();
    crate::sim::sorting::sort_by_u64_key(&mut order, |b| rank(*b) << 32 | u64::from(*b));
    order
}

/// Live replicas outside the ISR of a led partition: behind everywhere they follow, or
/// only somewhere.
fn behind(description: &Description, broker: u32) -> (bool, bool) {
    let followed: Vec<&PartitionState> = described(description)
        .filter(|p| p.leader.is_some_and(|l| l != broker) && p.replicas.contains(&broker))
        .collect();
    let out = followed.iter().filter(|p| !p.isr.contains(&broker)).count();
    (out > 0 && out == followed.len(), out > 0 && out < followed.len())
}

/// The brokers before the wanted leader in the assignment, unless they are all to be down
/// anyway (crashing them at the end moves the leadership).
fn leader_move(p: &PartitionState, down: &[u32]) -> Option<Vec<u32>> {
    let leader = p.leader?;
    let before: Vec<u32> = p.replicas.iter().take_while(|r| **r != leader).copied().collect();
    (!before.is_empty() && !before.iter().all(|b| down.contains(b))).then_some(before)
}

/// Whether cutting `a` from `b` drops only replicas the describe shows out of sync: on
/// every partition one leads and the other follows, the follower is outside the ISR.
fn cut_fits(description: &Description, a: u32, b: u32) -> bool {
    described(description).all(|p| match p.leader {
        Some(l) if l == a && p.replicas.contains(&b) => !p.isr.contains(&b),
        Some(l) if l == b && p.replicas.contains(&a) => !p.isr.contains(&a),
        _ => true,
    })
}

/// The links to cut for a broker behind on some partitions only, or `None` when a leader
/// it is behind has it in sync on another partition.
fn cuts_for(description: &Description, broker: u32) -> Option<Vec<(u32, u32)>> {
    let mut cuts = Vec::new();
    for p in described(description).filter(|p| p.replicas.contains(&broker) && !p.isr.contains(&broker)) {
        let leader = p.leader.filter(|l| *l != broker)?;
        if !cut_fits(description, broker, leader) {
            return None;
        }
        if !cuts.contains(&(broker, leader)) {
            cuts.push((broker, leader));
        }
    }
    Some(cuts)
}

pub fn plan(description: &Description) -> Plan {
    let brokers = description.broker_ids();
    let down: Vec<u32> = brokers.iter().copied().filter(|b| !alive(description, *b)).collect();
    let mut plan = Plan { down: crash_order(description, &down), ..Plan::default() };
    for b in brokers.iter().copied().filter(|b| !down.contains(b)) {
        match behind(description, b) {
            (true, _) => plan.paused.push(b),
            (_, true) => match cuts_for(description, b) {
                Some(cuts) => {
                    for (follower, leader) in cuts {
                        if !plan.cuts.contains(&(leader, follower)) {
                            plan.cuts.push((follower, leader));
                        }
                    }
                }
                None => plan.partly_behind.push(b),
            },
            _ => {}
        }
    }
    for topic in &description.topics {
        for p in topic.partitions.iter().filter(|p| p.line > 0) {
            if let Some(before) = leader_move(p, &down) {
                let name = format!("{}-{}", topic.name, p.partition);
                super::moves::add(&mut plan.leader_moves, before, name, p.leader.unwrap_or_default());
            }
        }
    }
    super::moves::order(&mut plan.leader_moves);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::describe::parse::parse_describe;

    #[test]
    fn down_lagging_and_moved_leaders_are_read_from_the_lists() {
        let text = "Topic: a Partition: 0 Leader: 2 Replicas: 1,2,3 Isr: 2,3\n\
                    Topic: b Partition: 0 Leader: 1 Replicas: 1,2 Isr: 1\n\
                    Topic: b Partition: 1 Leader: none Replicas: 4,5 Isr: 5 Elr: 4\n\
                    Topic: b Partition: 2 Leader: 3 Replicas: 3,2 Isr: 3,2";
        let p = plan(&parse_describe(text).unwrap());
        assert_eq!(p.down, vec![4, 5]);
        assert_eq!(p.paused, vec![1]);
        assert_eq!(p.cuts, vec![(2, 1)]);
        assert!(p.partly_behind.is_empty());
        assert_eq!(
            p.leader_moves,
            vec![LeaderMove { before: vec![1], partitions: vec!["a-0".into()], leaders: vec![2] }]
        );
    }
}
