//! The seed sweep (TigerBeetle's VOPR, in small): thousands of seeds, each a random plan
//! of crashes, restarts, power-offs, cuts, stalled followers and produce/consume. Under
//! safe settings the checker must stay silent and, once everything is healed, every ISR
//! must be full again and every acknowledged record readable. Under unsafe settings the
//! checker must catch losses on some seeds (it can fail). A failing seed writes its plan
//! as a scenario and prints the command that replays it.
//!
//! Beside the built-in checker runs a second one from the outside
//! (`support/client_history.rs`): it sees only what the clients observed, ending with a
//! consumer that reads every partition from offset 0 after healing. Under safe settings
//! both must stay silent; under unsafe settings both must find losses, and every write
//! lost from the outside must have been reported by the built-in checker (`Agreement`).
//!
//! Seeds run on every core (`support/sweep.rs`; results do not depend on the thread
//! count). `SWEEP_SEEDS=N` runs more (or fewer) seeds; `SWEEP_SEED=S` runs one seed;
//! `SWEEP_THREADS=N` sets the threads; `make sweep` is the long run.
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use replication_playground::sim::event::{ElectionKind, IsrChangeReason, Property};
use replication_playground::sim::ids::PartitionId;
use replication_playground::sim::EventKind;
use support::client_history::{self, Anomaly};
use support::fault_plan::{run_plan, run_plan_with_final_read, PlanRun, Settings, FINAL_READER};
use support::sweep::{sweep, sweep_on, Summary, Tally};

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
                    ElectionKind::Elr => "eligible leader replica elected",
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

    fn merge(&mut self, other: Coverage) {
        for (name, count) in other.counts {
            *self.counts.entry(name).or_default() += count;
        }
    }

    fn missing(&self) -> Vec<&'static str> {
        const EXPECTED: &[&str] = &[
            "clean election",
            "controlled-shutdown election",
            "preferred election",
            "offline partition recovered",
            "eligible leader replica elected",
            "ISR shrink by lag",
            "ISR expand",
            "controller ISR shrink",
            "diverging epoch",
            "truncation",
            "power-off losing records",
            "acked write",
            "consumer read",
            "message dropped by a cut",
            "idempotent duplicate dropped",
            "broker fenced",
        ];
        EXPECTED.iter().copied().filter(|name| !self.counts.contains_key(name)).collect()
    }
}

/// Failures kept in full (the count is always exact); more would only flood the output.
const MAX_REPORTED_FAILURES: usize = 50;

/// Failing seeds with what went wrong and the replay command.
#[derive(Default)]
struct Failures {
    list: Vec<(u64, String)>,
}

impl Failures {
    fn add(&mut self, seed: u64, settings: Settings, problems: &[String], run: &PlanRun) {
        if !problems.is_empty() {
            let text = format!("seed {seed}:\n  {}\n  {}", problems.join("\n  "), replay_hint(seed, settings, run));
            self.list.push((seed, text));
        }
    }

    fn merge(&mut self, other: Failures) {
        self.list.extend(other.list);
    }

    /// Sorted by seed, so the report is the same whatever the thread count.
    fn report(&self) -> String {
        let mut sorted: Vec<&(u64, String)> = self.list.iter().collect();
        sorted.sort_by_key(|(seed, _)| *seed);
        let shown: Vec<&str> = sorted.iter().take(MAX_REPORTED_FAILURES).map(|(_, t)| t.as_str()).collect();
        format!("{} failing seeds:\n{}", self.list.len(), shown.join("\n"))
    }
}

/// Values of the acknowledged records the built-in checker counts lost: those it reported
/// (`AckedRecordLost`), and, on a partition where it reported in-sync replicas diverging
/// (`StrongIsr`), those missing from the leader at the end. Such a record may keep a copy on a
/// diverged follower (high-watermark truncation, before KIP-101, leaves an old leader's
/// tail in place), so its loss is never certain and never reported as one, yet no leader
/// serves it: the divergence reported is the built-in checker's verdict on it.
fn inside_lost(run: &PlanRun) -> BTreeSet<String> {
    let cluster = run.runner.cluster();
    let mut diverged: BTreeSet<String> = BTreeSet::new();
    let mut lost: BTreeSet<String> = BTreeSet::new();
    for event in run.runner.trace() {
        match &event.kind {
            EventKind::SafetyViolation(v) if v.property == Property::AckedRecordLost => {
                lost.extend(v.record.map(|record| cluster.record_value(record).to_string()));
            }
            EventKind::SafetyViolation(v) if v.property == Property::StrongIsr => {
                diverged.insert(cluster.partition_name(v.partition));
            }
            _ => {}
        }
    }
    if !diverged.is_empty() {
        let missing: BTreeSet<String> = cluster.lost().unwrap_or_default().into_iter().collect();
        let producers = cluster.clients_view(usize::MAX);
        let records = producers.iter().filter(|c| c.is_producer).flat_map(|c| &c.records);
        lost.extend(
            records.filter(|r| diverged.contains(&r.partition) && missing.contains(&r.value)).map(|r| r.value.clone()),
        );
    }
    lost
}

/// How the two checkers' verdicts on lost acknowledged writes compare on one seed.
///
/// The built-in checker reports `AckedRecordLost` the moment a broker takes up
/// leadership without an acknowledged record; the outside checker reports a lost write
/// when an acknowledged value is absent from the final read. They agree when, value by
/// value, every write lost from the outside was reported lost inside (`only_outside` is
/// empty): a loss that lasts to the end must have been seen by the checker that watches
/// every leader change. The converse is not required: the built-in checker also sees
/// transient losses — a leader without the record, later replaced (an unclean election
/// back) by one that still had it — that leave nothing to see at the end. Those are
/// counted as `resurrected`. Without a complete final read nothing is judged.
#[derive(Debug, Default, PartialEq, Eq)]
struct Agreement {
    only_outside: BTreeSet<String>,
    resurrected: BTreeSet<String>,
    judged: bool,
}

impl Agreement {
    fn of(inside: &BTreeSet<String>, anomalies: &[Anomaly]) -> Agreement {
        let judged = !anomalies.iter().any(|a| matches!(a, Anomaly::FinalReadIncomplete { .. }));
        if !judged {
            return Agreement::default();
        }
        let outside: BTreeSet<String> = anomalies
            .iter()
            .filter_map(|a| match a {
                Anomaly::LostWrite { value, .. } => Some(value.clone()),
                _ => None,
            })
            .collect();
        let only_outside = outside.difference(inside).cloned().collect();
        Agreement { only_outside, resurrected: inside.difference(&outside).cloned().collect(), judged }
    }

    fn problems(&self) -> Vec<String> {
        if self.only_outside.is_empty() {
            return Vec::new();
        }
        vec![format!(
            "disagreement: lost from the outside, never reported by the built-in checker: {:?}",
            self.only_outside
        )]
    }
}

#[derive(Default)]
struct SafeTally {
    coverage: Coverage,
    /// The built-in checker, liveness, and acknowledged records readable from the leader.
    inside_failures: Failures,
    /// The outside checker's anomalies, and any disagreement between the two.
    outside_failures: Failures,
    /// Acknowledged writes the outside checker found in a complete, clean final read.
    acked_writes_judged: u64,
    /// Seeds per kind of outside anomaly (a summary of a long sweep's failures).
    outside_anomalies: BTreeMap<&'static str, u64>,
}

impl Tally for SafeTally {
    fn merge(&mut self, other: SafeTally) {
        self.coverage.merge(other.coverage);
        self.inside_failures.merge(other.inside_failures);
        self.outside_failures.merge(other.outside_failures);
        self.acked_writes_judged += other.acked_writes_judged;
        for (kind, count) in other.outside_anomalies {
            *self.outside_anomalies.entry(kind).or_default() += count;
        }
    }
}

/// One safe seed: both checkers silent, convergence, every acknowledged record readable.
fn run_safe_seed(seed: u64, tally: &mut SafeTally) -> bool {
    let run = run_plan_with_final_read(seed, Settings::Safe, ACTIONS_PER_PLAN);
    tally.coverage.add(&run);
    let mut inside = violations(&run);
    if let Some(error) = &run.error {
        inside.push(format!("liveness: {error}"));
    }
    let unreadable = unreadable_acked(&run);
    if !unreadable.is_empty() {
        inside.push(format!("acknowledged but not readable after healing: {}", unreadable.join(", ")));
    }
    let history = client_history::observe(&run.runner, Some(FINAL_READER));
    let anomalies = client_history::check(&history);
    let mut outside: Vec<String> = anomalies.iter().map(|a| format!("outside checker: {a}")).collect();
    outside.extend(Agreement::of(&inside_lost(&run), &anomalies).problems());
    for kind in anomalies.iter().map(Anomaly::kind).collect::<BTreeSet<_>>() {
        *tally.outside_anomalies.entry(kind).or_default() += 1;
    }
    if anomalies.is_empty() {
        let acked = history.sends.iter().filter(|s| matches!(s.outcome, client_history::Outcome::Acked { .. }));
        tally.acked_writes_judged += acked.count() as u64;
    }
    tally.inside_failures.add(seed, Settings::Safe, &inside, &run);
    tally.outside_failures.add(seed, Settings::Safe, &outside, &run);
    !inside.is_empty() || !outside.is_empty()
}

/// The safe sweep runs once per test binary; each test below asserts one side of it.
fn safe_sweep() -> &'static Summary<SafeTally> {
    static SWEEP: OnceLock<Summary<SafeTally>> = OnceLock::new();
    SWEEP.get_or_init(|| {
        let summary = sweep("safe sweep", &seeds(DEFAULT_SAFE_SEEDS), run_safe_seed);
        eprintln!("{}", summary.line("safe sweep"));
        eprintln!("safe sweep exercised: {:?}", summary.tally.coverage.counts);
        eprintln!("safe sweep, outside anomalies (seeds): {:?}", summary.tally.outside_anomalies);
        summary
    })
}

#[test]
fn safe_settings_never_violate_safety_and_always_converge() {
    let summary = safe_sweep();
    assert!(summary.panicked.is_empty(), "seeds that panicked: {:?}", summary.panicked);
    assert!(summary.tally.inside_failures.list.is_empty(), "{}", summary.tally.inside_failures.report());
    if summary.seeds > 100 {
        assert!(
            summary.tally.coverage.missing().is_empty(),
            "the sweep never exercised: {:?}",
            summary.tally.coverage.missing()
        );
    }
}

#[test]
fn safe_settings_look_right_from_the_outside() {
    let summary = safe_sweep();
    assert!(summary.tally.outside_failures.list.is_empty(), "{}", summary.tally.outside_failures.report());
    if summary.seeds > 100 {
        assert!(
            summary.tally.acked_writes_judged > 0,
            "the outside checker never judged an acknowledged write: it cannot fail"
        );
    }
}

#[derive(Default)]
struct UnsafeTally {
    /// Seeds where the built-in checker reported any violation / an acked record lost.
    caught: u64,
    inside_losses: u64,
    /// Seeds where the outside checker found a lost write; seeds per kind of anomaly.
    outside_losses: u64,
    outside_anomalies: BTreeMap<&'static str, u64>,
    /// Seeds with a write lost inside but back by the end / whose final read was incomplete.
    resurrected: u64,
    unjudged: u64,
    disagreements: Failures,
}

impl Tally for UnsafeTally {
    fn merge(&mut self, other: UnsafeTally) {
        self.caught += other.caught;
        self.inside_losses += other.inside_losses;
        self.outside_losses += other.outside_losses;
        for (kind, count) in other.outside_anomalies {
            *self.outside_anomalies.entry(kind).or_default() += count;
        }
        self.resurrected += other.resurrected;
        self.unjudged += other.unjudged;
        self.disagreements.merge(other.disagreements);
    }
}

/// One unsafe seed: losses are allowed, but the two checkers must agree on them.
fn run_unsafe_seed(seed: u64, tally: &mut UnsafeTally) -> bool {
    let run = run_plan_with_final_read(seed, Settings::Unsafe, ACTIONS_PER_PLAN);
    let inside = inside_lost(&run);
    let anomalies = client_history::check(&client_history::observe(&run.runner, Some(FINAL_READER)));
    let agreement = Agreement::of(&inside, &anomalies);
    tally.caught += u64::from(!violations(&run).is_empty());
    tally.inside_losses += u64::from(!inside.is_empty());
    tally.outside_losses += u64::from(anomalies.iter().any(Anomaly::is_lost_write));
    tally.resurrected += u64::from(!agreement.resurrected.is_empty());
    tally.unjudged += u64::from(!agreement.judged);
    for kind in anomalies.iter().map(Anomaly::kind).collect::<BTreeSet<_>>() {
        *tally.outside_anomalies.entry(kind).or_default() += 1;
    }
    let problems = agreement.problems();
    tally.disagreements.add(seed, Settings::Unsafe, &problems, &run);
    !problems.is_empty()
}

fn unsafe_sweep() -> &'static Summary<UnsafeTally> {
    static SWEEP: OnceLock<Summary<UnsafeTally>> = OnceLock::new();
    SWEEP.get_or_init(|| {
        let summary = sweep("unsafe sweep", &seeds(DEFAULT_UNSAFE_SEEDS), run_unsafe_seed);
        let t = &summary.tally;
        eprintln!("{}", summary.line("unsafe sweep"));
        eprintln!(
            "unsafe settings: violations caught on {} of {} seeds; acked writes lost: built-in checker on {} seeds, outside checker on {}; lost inside but back by the end on {}; unjudged (final read incomplete) {}; outside anomalies (seeds): {:?}",
            t.caught, summary.seeds, t.inside_losses, t.outside_losses, t.resurrected, t.unjudged, t.outside_anomalies
        );
        summary
    })
}

#[test]
fn unsafe_settings_let_both_checkers_catch_losses() {
    let summary = unsafe_sweep();
    assert!(summary.panicked.is_empty(), "seeds that panicked: {:?}", summary.panicked);
    if std::env::var("SWEEP_SEED").is_err() {
        let t = &summary.tally;
        assert!(t.caught > 0, "the checker reported nothing in {} unsafe runs: it cannot fail", summary.seeds);
        assert!(t.inside_losses > 0, "no acknowledged record was ever reported lost under unsafe settings");
        assert!(t.outside_losses > 0, "the outside checker never found a lost write under unsafe settings");
    }
}

#[test]
fn unsafe_settings_every_loss_seen_outside_was_caught_inside() {
    let disagreements = &unsafe_sweep().tally.disagreements;
    assert!(disagreements.list.is_empty(), "{}", disagreements.report());
}

#[test]
fn the_agreement_rule_flags_a_loss_the_built_in_checker_missed() {
    let lost = |value: &str| Anomaly::LostWrite { partition: "t-0".into(), value: value.into(), offset: 0 };
    let inside: BTreeSet<String> = ["a".to_string()].into();
    assert!(Agreement::of(&inside, &[lost("a")]).problems().is_empty());
    let back = Agreement::of(&inside, &[]);
    assert!(back.problems().is_empty() && back.resurrected == inside, "lost inside, yet read at the end: transient");
    let missed = Agreement::of(&BTreeSet::new(), &[lost("a")]);
    assert_eq!(missed.only_outside, inside, "lost at the end, never reported inside");
    assert_eq!(missed.problems().len(), 1);
    let incomplete = Anomaly::FinalReadIncomplete { partition: "t-0".into(), why: "never polled".into() };
    let unjudged = Agreement::of(&inside, &[incomplete]);
    assert!(!unjudged.judged && unjudged.problems().is_empty(), "no verdict without a complete final read");
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

#[test]
fn the_sweep_reports_the_same_whatever_the_thread_count() {
    let seeds: Vec<u64> = (0..24).collect();
    let digest = |threads: usize| {
        let summary = sweep_on(threads, "thread check", &seeds, run_unsafe_seed);
        let t = summary.tally;
        (t.caught, t.inside_losses, t.outside_losses, t.outside_anomalies, t.disagreements.report(), summary.failing)
    };
    let one = digest(1);
    assert!(one.1 > 0, "these seeds must lose writes, or the comparison proves little");
    assert_eq!(one, digest(3));
}
