//! "What if these brokers fail?" (issue 16), answered by the simulator before anything runs
//! in the session: a copy of the cluster loses the brokers (their processes die, as `crash
//! broker N`), runs until the controller has fenced them and elected what it can
//! (`broker.session.timeout.ms` and a few seconds more), and is compared with the cluster as
//! it is. A partition left without a leader is then shown with what an operator's unclean
//! election (`kafka-leader-election --election-type unclean`) would elect and lose, tried on
//! a copy of that copy. Nothing here is estimated: every answer is a run of the simulator.
use crate::script::parse::parse_line;
use crate::script::runner::Runner;
use crate::sim::topic::settings_of;
use crate::sim::Cluster;

/// Time for the controller to notice the failures and act: its session timeout, then the
/// elections, the ISR changes and the followers' first fetches from the new leaders.
const SETTLE_AFTER_SESSION_TIMEOUT_MS: u64 = 5_000;

/// One partition's fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionFate {
    pub partition: String,
    pub leader_before: Option<u32>,
    pub leader_after: Option<u32>,
    pub isr_after: Vec<u32>,
    pub min_isr: u32,
    /// For a partition left offline: the broker an unclean election would make leader, and
    /// the acknowledged records (their values) it would lose; `None` when no replica is alive.
    pub unclean: Option<(u32, Vec<String>)>,
}

impl PartitionFate {
    pub fn offline(&self) -> bool {
        self.leader_after.is_none()
    }

    /// acks=all writes are refused (`NOT_ENOUGH_REPLICAS`): a leader, but too few in sync.
    pub fn under_min_isr(&self) -> bool {
        self.leader_after.is_some() && (self.isr_after.len() as u32) < self.min_isr
    }

    pub fn leader_moved(&self) -> bool {
        self.leader_after.is_some() && self.leader_after != self.leader_before
    }
}

/// The fate of every partition that changes when `brokers` fail, after `settled_ms`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIf {
    pub brokers: Vec<u32>,
    pub settled_ms: u64,
    pub partitions: Vec<PartitionFate>,
}

/// Runs the failure of `brokers` on a copy of `cluster`; the cluster itself is untouched.
pub fn what_if(cluster: &Cluster, brokers: &[u32]) -> Result<WhatIf, String> {
    if brokers.is_empty() {
        return Err("name at least one broker".to_owned());
    }
    let mut after = cluster.clone();
    for broker in brokers {
        run_line(&mut after, &format!("crash broker {broker}"))?;
    }
    let settled_ms = cluster.config().broker_session_timeout_ms + SETTLE_AFTER_SESSION_TIMEOUT_MS;
    run_line(&mut after, &format!("run {settled_ms}ms"))?;
    let before = cluster.view();
    let view = after.view();
    let mut partitions = Vec::new();
    for (old, new) in before.partitions.iter().zip(&view.partitions) {
        let min_isr = min_isr_of(&after, &new.name);
        let mut fate = PartitionFate {
            partition: new.name.clone(),
            leader_before: old.leader,
            leader_after: new.leader,
            isr_after: new.isr.clone(),
            min_isr,
            unclean: None,
        };
        if fate.offline() {
            fate.unclean = unclean_outcome(&after, &new.name);
        }
        if fate.offline() || fate.under_min_isr() || fate.leader_moved() || old.isr != new.isr {
            partitions.push(fate);
        }
    }
    Ok(WhatIf { brokers: brokers.to_vec(), settled_ms, partitions })
}

/// What an operator's unclean election would do to an offline partition: its new leader and
/// the acknowledged records lost, or `None` when it stays offline (no live replica).
fn unclean_outcome(after: &Cluster, partition: &str) -> Option<(u32, Vec<String>)> {
    let id = partition_id(after, partition)?;
    let acked = after.acked_values_in(id);
    let mut trial = after.clone();
    run_line(&mut trial, &format!("elect unclean {partition}")).ok()?;
    run_line(&mut trial, "run 1s").ok()?;
    let leader = trial.leader_of(id)?;
    // The acknowledged records its new leader's log lacks (Kafka's loss: the new leader's log
    // is the partition's truth from then on, and the followers truncate to it).
    let log = trial.replica_log(id, Some(leader)).ok()?;
    Some((leader, acked.into_iter().filter(|value| !log.contains(value)).collect()))
}

fn partition_id(cluster: &Cluster, partition: &str) -> Option<crate::sim::ids::PartitionId> {
    let (topic, n) = partition.rsplit_once('-')?;
    cluster.partition_by_name(topic, n.parse().ok()?)
}

fn min_isr_of(cluster: &Cluster, partition: &str) -> u32 {
    let id = partition_id(cluster, partition);
    id.map_or(1, |id| settings_of(&cluster.topics, id, cluster.config().min_insync_replicas).0)
}

fn run_line(cluster: &mut Cluster, line: &str) -> Result<(), String> {
    let statement = parse_line(line, 1).map_err(|e| e.to_string())?.ok_or("an empty line")?;
    Runner::new(cluster).execute(&statement).map_err(|e| format!("{line}: {e}"))
}

impl WhatIf {
    /// The answer as a person reads it, one line per partition that changes.
    pub fn report(&self) -> String {
        let names: Vec<String> = self.brokers.iter().map(|b| b.to_string()).collect();
        let one = self.brokers.len() == 1;
        let mut text = format!(
            "If broker{} {} fail{} ({} ms later, once the controller has fenced {}):\n",
            if one { "" } else { "s" },
            names.join(" and "),
            if one { "s" } else { "" },
            self.settled_ms,
            if one { "it" } else { "them" }
        );
        if self.partitions.is_empty() {
            text.push_str("  no partition changes\n");
        }
        for fate in &self.partitions {
            text.push_str(&format!("  {}\n", fate.line()));
        }
        text
    }
}

impl PartitionFate {
    /// One line saying what happens to this partition.
    pub fn line(&self) -> String {
        let isr: Vec<String> = self.isr_after.iter().map(|b| b.to_string()).collect();
        let isr = format!("ISR [{}]", isr.join(","));
        let Some(leader) = self.leader_after else {
            return match &self.unclean {
                Some((to, lost)) if lost.is_empty() => format!("{}: OFFLINE; an unclean election would make broker {to} leader and lose no acknowledged record", self.partition),
                Some((to, lost)) => format!("{}: OFFLINE; an unclean election would make broker {to} leader and lose {} acknowledged record{}: {}", self.partition, lost.len(), if lost.len() == 1 { "" } else { "s" }, lost.join(", ")),
                None => format!("{}: OFFLINE until one of its replicas returns (none is alive)", self.partition),
            };
        };
        let moved = match self.leader_before {
            Some(before) if before != leader => format!("leader {before} → {leader}"),
            _ => format!("leader {leader}"),
        };
        let writes = if self.under_min_isr() {
            format!(", under min.insync.replicas {}: acks=all writes fail with NOT_ENOUGH_REPLICAS", self.min_isr)
        } else {
            String::new()
        };
        format!("{}: {moved}, {isr}{writes}", self.partition)
    }
}
