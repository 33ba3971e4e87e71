//! The defend sweep (src/script/defend) against CURRICULUM §3's two defend challenges: each
//! reference passes over the page's 200 seeds, and each wrong choice fails within them, by a
//! loss or by refusing too much. Plus: the same seed runs the same way, and a losing run's
//! script replays to the same loss.
use replication_playground::script::defend::{run_seed, setup_with_choices, sweep, Budget, Verdict};
use replication_playground::script::ScriptRun;
use replication_playground::sim::Cluster;

/// The page's sweep (docs/lessons.md): the references must pass it and every wrong choice
/// must fail within it.
const SEEDS: std::ops::Range<u64> = 0..200;

const D1_FILE: &str = "lessons/30-defend-unclean.lesson";
const D2_FILE: &str = "lessons/31-defend-last-replica.lesson";

/// The scene's lines and the budgets of a defend challenge file, read as docs/lessons.md
/// defines them (the lesson parser is not this test's subject): the scene runs from `scene:`
/// to the next directive; `budget: N of VERB ...` lines.
fn challenge(path: &str) -> (String, Vec<Budget>) {
    let text = std::fs::read_to_string(path).unwrap();
    let directive = |line: &str| line.split_whitespace().next().is_some_and(|w| w.ends_with(':'));
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("scene:")).unwrap() + 1;
    let scene: Vec<&str> = lines[start..].iter().take_while(|l| !directive(l)).copied().collect();
    let budgets = lines
        .iter()
        .filter_map(|l| l.strip_prefix("budget: "))
        .map(|b| {
            let (count, verbs) = b.split_once(" of ").unwrap();
            Budget::new(count.parse().unwrap(), &verbs.split_whitespace().collect::<Vec<_>>())
        })
        .collect();
    (scene.join("\n"), budgets)
}

fn d1_budget() -> Vec<Budget> {
    challenge(D1_FILE).1
}

fn d2_budget() -> Vec<Budget> {
    challenge(D2_FILE).1
}

fn with_choices(path: &str, choices: &[(&str, &str)]) -> String {
    let choices: Vec<(String, String)> = choices.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    setup_with_choices(&challenge(path).0, &choices)
}

fn d1(acks: &str, unclean: &str, truncation: &str) -> String {
    with_choices(
        D1_FILE,
        &[("acks", acks), ("unclean.leader.election.enable", unclean), ("sim.truncation", truncation)],
    )
}

fn d2(min_isr: &str, elr: &str) -> String {
    with_choices(D2_FILE, &[("min.insync.replicas", min_isr), ("eligible.leader.replicas.version", elr)])
}

#[test]
fn the_budgets_are_the_curriculums() {
    assert_eq!(d1_budget(), vec![Budget::new(3, &["crash", "stop", "isolate", "cut", "pause-fetch"])]);
    assert_eq!(
        d2_budget(),
        vec![Budget::new(2, &["stop", "isolate", "cut", "pause-fetch"]), Budget::new(1, &["power-off"])]
    );
}

fn assert_lost(verdict: Verdict, what: &str) {
    match verdict {
        Verdict::Lost { seed, lost, script } => {
            assert!(!lost.is_empty());
            // The losing schedule replays as a plain script to the same loss.
            let mut run = ScriptRun::new();
            run.run_script(&script).unwrap_or_else(|e| panic!("{what}: seed {seed}'s script does not replay: {e}"));
            assert_eq!(lost_of(run.cluster()), lost, "{what}: seed {seed}'s replay");
        }
        other => panic!("{what} should lose an acknowledged record within {SEEDS:?}, got {other:?}"),
    }
}

fn lost_of(cluster: &Cluster) -> Vec<String> {
    cluster.lost().unwrap()
}

fn assert_unavailable(verdict: Verdict, what: &str) {
    assert!(matches!(verdict, Verdict::Unavailable { acked_fraction } if acked_fraction < 0.95), "{what}: {verdict:?}");
}

#[test]
fn d1_reference_passes() {
    assert_eq!(sweep(&d1("all", "false", "leader-epoch"), &d1_budget(), SEEDS).unwrap(), Verdict::Pass);
}

#[test]
fn d1_acks_1_loses_to_the_zombie() {
    assert_lost(sweep(&d1("1", "false", "leader-epoch"), &d1_budget(), SEEDS).unwrap(), "acks=1");
}

#[test]
fn d1_acks_0_fails_availability() {
    assert_unavailable(sweep(&d1("0", "false", "leader-epoch"), &d1_budget(), SEEDS).unwrap(), "acks=0");
}

#[test]
fn d1_unclean_election_loses() {
    assert_lost(sweep(&d1("all", "true", "leader-epoch"), &d1_budget(), SEEDS).unwrap(), "unclean on");
}

#[test]
fn d1_high_watermark_truncation_loses() {
    assert_lost(sweep(&d1("all", "false", "high-watermark"), &d1_budget(), SEEDS).unwrap(), "high-watermark");
}

#[test]
fn d2_reference_passes() {
    assert_eq!(sweep(&d2("2", "1"), &d2_budget(), SEEDS).unwrap(), Verdict::Pass);
}

#[test]
fn d2_min_isr_1_loses() {
    assert_lost(sweep(&d2("1", "1"), &d2_budget(), SEEDS).unwrap(), "min ISR 1");
}

#[test]
fn d2_without_elr_loses() {
    assert_lost(sweep(&d2("2", "0"), &d2_budget(), SEEDS).unwrap(), "min ISR 2, ELR 0");
}

#[test]
fn d2_min_isr_3_fails_availability() {
    assert_unavailable(sweep(&d2("3", "1"), &d2_budget(), SEEDS).unwrap(), "min ISR 3");
}

#[test]
fn the_same_seed_runs_the_same_way() {
    let setup = d2("2", "0");
    for seed in [3, 10, 77] {
        assert_eq!(run_seed(&setup, &d2_budget(), seed).unwrap(), run_seed(&setup, &d2_budget(), seed).unwrap());
    }
}

#[test]
fn a_seed_that_keeps_everything_replays_to_the_same_records() {
    let outcome = run_seed(&d1("all", "false", "leader-epoch"), &d1_budget(), 5).unwrap();
    let mut run = ScriptRun::new();
    run.run_script(&outcome.script).unwrap();
    assert_eq!(lost_of(run.cluster()), outcome.lost);
    assert!(outcome.calm_sent > 0 && outcome.calm_acked <= outcome.calm_sent);
}

#[test]
fn a_scene_without_a_topic_is_an_error() {
    assert!(run_seed("brokers 3\n", &d1_budget(), 0).is_err());
}

/// The references over many more seeds, as `lesson check` runs them (CURRICULUM §3: 5,000 in
/// CI): `cargo test --test defend_sweep -- --ignored`.
#[test]
#[ignore]
fn references_pass_over_5000_seeds() {
    assert_eq!(sweep(&d1("all", "false", "leader-epoch"), &d1_budget(), 0..5_000).unwrap(), Verdict::Pass);
    assert_eq!(sweep(&d2("2", "1"), &d2_budget(), 0..5_000).unwrap(), Verdict::Pass);
}
