//! The seed sweep (TigerBeetle's VOPR, in small): thousands of seeds, each a random plan
//! of crashes, restarts, power-offs, cuts, stalled followers and produce/consume. Under
//! safe settings the checker must stay silent and, once everything is healed, every ISR
//! must be full again and every acknowledged record readable. Under unsafe settings the
//! checker must catch losses on some seeds (it can fail). A failing seed writes its plan
//! as a scenario and prints the command that replays it.
//!
//! `SWEEP_SEEDS=N` runs more (or fewer) seeds; `SWEEP_SEED=S` runs one seed.
mod support;

use replication_playground::sim::ids::PartitionId;
use replication_playground::sim::event::{ElectionKind, IsrChangeReason};
use replication_playground::sim::EventKind;
use support::fault_plan::{run_plan, PlanRun, Settings};

const DEFAULT_SAFE_SEEDS: u64 = 5_000;
const DEFAULT_UNSAFE_SEEDS: u64 = 1_000;
const ACTIONS_PER_PLAN: u32 = 40;

fn seeds(default: u64) -> Vec<u64> {
    if let Ok(one) = std::env::var("SWEEP_SEED") {
        return vec![one.parse().expect("SWEEP_SEED is a number")];
    }
    let count = std::env::var("SWEEP_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    (0..count).collect()
}

fn violations(run: &PlanRun) -> Vec<String> {
    let cluster = run.runner.cluster();
    run.runner
        .trace()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::SafetyViolation(_)))
        .map(|e| cluster.trace_line(e))
        .collect()
}

/// Writes the plan where a person can replay it and returns the command.
fn replay_hint(seed: u64, settings: Settings, run: &PlanRun) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sweep-failures");
    std::fs::create_dir_all(&dir).ok();
    let file = dir.join(format!("{settings:?}-seed-{seed}.scenario").to_lowercase());
    std::fs::write(&file, run.script_text()).ok();
    format!(
        "replay: cargo run --bin kafka-sim -- run {}\n   or: SWEEP_SEED={seed} cargo test --test seed_sweep",
        file.display()
    )
}

/// Every acknowledged record is in its partition leader's log, below the HW.
fn unreadable_acked(run: &PlanRun) -> Vec<String> {
    let cluster = run.runner.cluster();
    let mut missing = Vec::new();
    for p in 0..cluster.partition_count() {
        let partition = PartitionId(p);
        let (Ok(hw), Ok(log)) = (cluster.replica_hw(partition, None), cluster.replica_log(partition, None)) else {
            missing.push(format!("{} has no leader", cluster.partition_name(partition)));
            continue;
        };
        let committed = &log[..(hw as usize).min(log.len())];
        for value in cluster.acked_values_in(partition) {
            if !committed.contains(&value) {
                missing.push(format!("{value} (in {})", cluster.partition_name(partition)));
            }
        }
    }
    missing
}

/// What the sweep exercised, so a sweep that stopped exercising faults fails loudly.
#[derive(Default)]
struct Coverage {
    counts: std::collections::BTreeMap<&'static str, u64>,
}

impl Coverage {
    fn add(&mut self, run: &PlanRun) {
        for event in run.runner.trace() {
            let name = match &event.kind {
                EventKind::LeaderElected { kind, .. } => match kind {
                    ElectionKind::Clean => "clean election",
                    ElectionKind::ControlledShutdown => "controlled-shutdown election",
                    ElectionKind::Preferred => "preferred election",
                    ElectionKind::Recovered => "offline partition recovered",
                    _ => continue,
                },
                EventKind::IsrChangeProposed { reason: IsrChangeReason::Lagging, .. } => "ISR shrink by lag",
                EventKind::IsrChangeProposed { reason: IsrChangeReason::CaughtUp, .. } => "ISR expand",
                EventKind::ControllerShrankIsr { .. } => "controller ISR shrink",
                EventKind::DivergenceFound { .. } => "diverging epoch",
                EventKind::Truncated { .. } => "truncation",
                EventKind::BrokerPoweredOff { lost_records, .. } if *lost_records > 0 => "power-off losing records",
                EventKind::ProducerAcked { .. } => "acked write",
                EventKind::ConsumerFetched { count, .. } if *count > 0 => "consumer read",
                EventKind::MessageDropped { .. } => "message dropped by a cut",
                EventKind::DuplicateDropped { .. } => "idempotent duplicate dropped",
                EventKind::BrokerFenced { .. } => "broker fenced",
                _ => continue,
            };
            *self.counts.entry(name).or_default() += 1;
        }
    }

    fn missing(&self) -> Vec<&'static str> {
        const EXPECTED: &[&str] = &[
            "clean election", "controlled-shutdown election", "preferred election", "offline partition recovered",
            "ISR shrink by lag", "ISR expand", "controller ISR shrink", "diverging epoch", "truncation",
            "power-off losing records", "acked write", "consumer read", "message dropped by a cut",
            "idempotent duplicate dropped", "broker fenced",
        ];
        EXPECTED.iter().copied().filter(|name| !self.counts.contains_key(name)).collect()
    }
}

#[test]
fn safe_settings_never_violate_safety_and_always_converge() {
    let mut failures = Vec::new();
    let mut coverage = Coverage::default();
    let all_seeds = seeds(DEFAULT_SAFE_SEEDS);
    let sweeping = all_seeds.len() > 100;
    for seed in all_seeds {
        let run = run_plan(seed, Settings::Safe, ACTIONS_PER_PLAN, true);
        coverage.add(&run);
        let mut problems = violations(&run);
        if let Some(error) = &run.error {
            problems.push(format!("liveness: {error}"));
        }
        let unreadable = unreadable_acked(&run);
        if !unreadable.is_empty() {
            problems.push(format!("acknowledged but not readable after healing: {}", unreadable.join(", ")));
        }
        if !problems.is_empty() {
            failures.push(format!("seed {seed}:\n  {}\n  {}", problems.join("\n  "), replay_hint(seed, Settings::Safe, &run)));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{} failing seeds:\n{}", failures.len(), failures.join("\n"));
    eprintln!("safe sweep exercised: {:?}", coverage.counts);
    if sweeping {
        assert!(coverage.missing().is_empty(), "the sweep never exercised: {:?}", coverage.missing());
    }
}

#[test]
fn unsafe_settings_let_the_checker_catch_losses() {
    let mut caught = 0;
    let mut losses = 0;
    let mut total = 0;
    for seed in seeds(DEFAULT_UNSAFE_SEEDS) {
        let run = run_plan(seed, Settings::Unsafe, ACTIONS_PER_PLAN, false);
        total += 1;
        let found = violations(&run);
        caught += u64::from(!found.is_empty());
        losses += u64::from(found.iter().any(|v| v.contains("AckedRecordLost")));
    }
    if std::env::var("SWEEP_SEED").is_err() {
        assert!(caught > 0, "the checker reported nothing in {total} unsafe runs: it cannot fail");
        assert!(losses > 0, "no acknowledged record was ever reported lost under unsafe settings");
    }
    eprintln!("unsafe settings: violations caught on {caught} of {total} seeds");
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    for seed in [1, 17, 404] {
        let a = run_plan(seed, Settings::Safe, 25, false);
        let b = run_plan(seed, Settings::Safe, 25, false);
        assert_eq!(a.script, b.script);
        assert_eq!(a.runner.trace_lines(), b.runner.trace_lines(), "seed {seed}");
    }
}
