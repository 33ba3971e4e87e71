//! The playground session's time travel, against an independent reference: a plain
//! `ScriptRun` fed the same lines. Random seeds and random timed command logs (faults,
//! produce, consume, cuts, awaits, advances and single steps) check that
//! (a) seeking away and back, or rebuilding the live end by replay, changes nothing;
//! (b) seek(t) shows exactly the state of a straight run to t;
//! (c) an exported session re-imports (and runs in `kafka-sim`) to the same trace;
//! (d) acting in the past discards the future, and the new branch is itself replayable;
//! (e) refused, malformed and failing lines change nothing, live or in the past.
//! Every scenario in `scenarios/` must also run the same as a session as in the runner.
use std::path::Path;

use proptest::prelude::*;
use replication_playground::script::ast::Statement;
use replication_playground::script::parse::parse_line;
use replication_playground::script::session::{MarkerKind, Session, MAX_SESSION_MS};
use replication_playground::script::ScriptErrorKind;
use replication_playground::script::ScriptRun;

/// Something the playground's user does.
#[derive(Clone, Debug)]
enum Op {
    /// `produce` to `orders` (default partitioner) or to `orders-N`, with a fresh value.
    Produce(Option<u32>),
    Line(String),
    Advance(u64),
    Step,
}

fn broker_line() -> impl Strategy<Value = String> {
    // Broker 4 does not exist in most setups: those lines are refused.
    let broker = 1u32..=4;
    prop_oneof![
        broker.clone().prop_map(|b| format!("crash broker {b}")),
        broker.clone().prop_map(|b| format!("restart broker {b}")),
        broker.clone().prop_map(|b| format!("power-off broker {b}")),
        broker.clone().prop_map(|b| format!("stop broker {b}")),
        broker.clone().prop_map(|b| format!("isolate broker {b}")),
        broker.clone().prop_map(|b| format!("flush broker {b}")),
        broker.clone().prop_map(|b| format!("pause-fetch broker {b}")),
        broker.clone().prop_map(|b| format!("resume-fetch broker {b}")),
        (broker.clone(), broker.clone()).prop_map(|(a, b)| format!("cut {a} {b}")),
        broker.prop_map(|b| format!("cut {b} controller")),
        Just("heal".to_string()),
        Just("restart controller 1".to_string()),
        Just("crash controller 1".to_string()),
    ]
}

fn other_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("elect preferred".to_string()),
        (0u32..=3).prop_map(|p| format!("consume orders-{p}")),
        (0u32..=2).prop_map(|p| format!("consume orders-{p} from=0")),
        (0u32..=2, 1u32..=3).prop_map(|(p, b)| format!("await leader orders-{p} = {b} within 2s")),
        (0u32..=2, 1u32..=3).prop_map(|(p, b)| format!("expect leader orders-{p} = {b}")),
        (1u64..3000).prop_map(|ms| format!("run {ms}ms")),
        (1u32..4).prop_map(|n| format!("step {n}")),
        Just("produce nowhere-0 x".to_string()),
        Just("crash brokr 1".to_string()),
        Just("# a comment".to_string()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => proptest::option::of(0u32..=2).prop_map(Op::Produce),
        4 => broker_line().prop_map(Op::Line),
        3 => other_line().prop_map(Op::Line),
        2 => (1u64..40).prop_map(Op::Advance),
        2 => (40u64..6000).prop_map(Op::Advance),
        2 => Just(Op::Step),
    ]
}

/// Snapshots as tiny as possible or close to the default: short random sessions then
/// restore from mid-history snapshots, thin them, and fill gaps while replaying.
fn policy() -> impl Strategy<Value = (u64, usize)> {
    prop_oneof![(1u64..60, 3usize..10), (200u64..2_000, 3usize..40)]
}

/// A seed and the setup lines: the default-like cluster, sometimes with unsafe settings
/// (so that safety violations and unclean elections show up too).
fn setup() -> impl Strategy<Value = Vec<String>> {
    (0u64..1_000_000, 1u32..=3, any::<bool>()).prop_map(|(seed, partitions, risky)| {
        let mut lines = vec![format!("seed {seed}"), "brokers 3 racks=a,b,c".to_string()];
        if risky {
            lines.extend(
                ["set unclean.leader.election.enable true", "set acks 1", "set sim.truncation high-watermark"]
                    .map(String::from),
            );
        }
        lines.push(format!("topic create orders partitions={partitions} rf=3 min-isr=2"));
        lines
    })
}

/// A session driven by the ops, and the lines that changed it (a script of what it did:
/// refused and malformed lines and `expect`s left out).
struct Built {
    session: Session,
    lines: Vec<String>,
}

fn drive(session: &mut Session, ops: &[Op], lines: &mut Vec<String>, value_prefix: &str) {
    for (index, op) in ops.iter().enumerate() {
        match op {
            Op::Produce(partition) => {
                let target = partition.map_or("orders".to_string(), |p| format!("orders-{p}"));
                accept(session, &format!("produce {target} {value_prefix}{index}"), lines);
            }
            Op::Line(line) => accept(session, line, lines),
            Op::Advance(ms) => {
                session.advance(*ms);
                lines.push(format!("run {ms}ms"));
            }
            Op::Step => {
                if session.step() {
                    lines.push("step 1".to_string());
                }
            }
        }
    }
}

fn accept(session: &mut Session, line: &str, lines: &mut Vec<String>) {
    let reads_only = matches!(parse_line(line, 1), Ok(Some(Statement::Expect { .. })));
    if session.execute(line).is_ok() && !reads_only {
        lines.push(line.to_string());
    }
}

fn build(setup: &[String], ops: &[Op], (spacing, budget): (u64, usize)) -> Built {
    let mut session = Session::new();
    session.set_snapshot_policy(spacing, budget);
    let mut lines = Vec::new();
    for line in setup {
        session.execute(line).unwrap_or_else(|e| panic!("setup line {line}: {e}"));
        lines.push(line.clone());
    }
    drive(&mut session, ops, &mut lines, "v");
    assert!(session.snapshot_clusters().count() <= budget.max(3), "the snapshot budget holds");
    Built { session, lines }
}

fn statement(line: &str) -> Option<Statement> {
    parse_line(line, 1).unwrap_or_else(|e| panic!("{line}: {e}"))
}

/// The reference: `lines` run by a plain runner up to the end of millisecond `t` (every
/// line that does not take the clock past `t`, then `run` to `t`), and the lines it ran.
fn straight_run_to(lines: &[String], t: u64) -> (ScriptRun, Vec<String>) {
    let mut runner = ScriptRun::new();
    let mut ran = Vec::new();
    for line in lines {
        let Some(statement) = statement(line) else { continue };
        if matches!(statement, Statement::Expect { .. }) {
            continue;
        }
        let mut attempt = runner.clone();
        attempt.execute(&statement, 1).unwrap_or_else(|e| panic!("an accepted line failed in the runner: {line}: {e}"));
        if attempt.cluster().now_ms() > t {
            break;
        }
        runner = attempt;
        ran.push(line.clone());
    }
    let rest = format!("run {}ms", t - runner.cluster().now_ms());
    runner.execute(&statement(&rest).expect("a statement"), 1).expect("run never fails");
    ran.push(rest);
    (runner, ran)
}

/// Every line, no clamping: the live end as a script would reach it.
fn straight_run(lines: &[String]) -> ScriptRun {
    let mut runner = ScriptRun::new();
    for line in lines {
        match statement(line) {
            Some(Statement::Expect { .. }) | None => {}
            Some(s) => {
                runner.execute(&s, 1).unwrap_or_else(|e| panic!("an accepted line failed in the runner: {line}: {e}"))
            }
        }
    }
    runner
}

fn assert_same_state(session: &Session, runner: &ScriptRun, context: &str) {
    assert_eq!(session.cluster().view(), runner.cluster().view(), "{context}: views differ");
    assert_eq!(session.events().len(), runner.trace().len(), "{context}: trace lengths differ");
    assert!(session.events() == runner.trace(), "{context}: traces differ");
    assert_eq!(session.trace_hash(), runner.trace_hash(), "{context}: trace hashes differ");
}

/// Everything a failed line must leave alone.
#[derive(Debug, PartialEq)]
struct Observed {
    view: replication_playground::sim::ClusterView,
    hash: u64,
    events: usize,
    export: String,
    end_ms: u64,
    live: bool,
    markers: usize,
}

fn observe(session: &Session) -> Observed {
    Observed {
        view: session.cluster().view(),
        hash: session.trace_hash(),
        events: session.events().len(),
        export: session.export_script(),
        end_ms: session.end_ms(),
        live: session.is_live(),
        markers: session.markers().len(),
    }
}

fn moments(end_ms: u64, fractions: &[u16]) -> Vec<u64> {
    fractions.iter().map(|f| end_ms.saturating_sub(1) * u64::from(*f) / 1000).collect()
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_seeking_away_and_back_or_replaying_to_the_end_changes_nothing(
        setup in setup(), policy in policy(), ops in prop::collection::vec(op(), 5..60), fractions in prop::collection::vec(0u16..=1000, 1..4)
    ) {
        let Built { mut session, lines } = build(&setup, &ops, policy);
        let reference = straight_run(&lines);
        assert_same_state(&session, &reference, "live end");
        let live = observe(&session);
        for t in moments(session.end_ms(), &fractions) {
            session.seek(t);
            prop_assert_eq!(session.now_ms(), t);
            session.seek(session.end_ms());
            prop_assert_eq!(&observe(&session), &live);
        }
        // A refused line at the live end rebuilds the live state by replay from a snapshot.
        prop_assert!(session.execute("crash broker 42").is_err());
        prop_assert_eq!(&observe(&session), &live);
        assert_same_state(&session, &reference, "live end after a replay");
    }

    #[test]
    fn b_seek_shows_exactly_a_straight_run_to_that_moment(
        setup in setup(), policy in policy(), ops in prop::collection::vec(op(), 5..60), fractions in prop::collection::vec(0u16..=1000, 1..5)
    ) {
        let Built { mut session, lines } = build(&setup, &ops, policy);
        prop_assume!(session.end_ms() > 0);
        let mut ascending = moments(session.end_ms(), &fractions);
        ascending.sort();
        // Backwards from the live end first, then scrubbing forward through the past.
        let mut order = vec![ascending[ascending.len() / 2]];
        order.extend(ascending.iter().copied());
        let recorded: Vec<u64> = session.events().iter().map(|e| e.at).collect();
        prop_assert_eq!(session.next_event_ms(), None, "nothing recorded beyond the live end");
        for t in order {
            session.seek(t);
            prop_assert!(!session.is_live() && session.would_branch());
            let (reference, _) = straight_run_to(&lines, t);
            assert_same_state(&session, &reference, &format!("seek({t})"));
            let now = session.now_ms();
            prop_assert_eq!(session.next_event_ms(), recorded.iter().copied().find(|&at| at > now), "next event after {}", now);
        }
        let end = session.end_ms();
        session.seek(end + 1_000);
        prop_assert!(session.is_live());
        prop_assert_eq!(session.now_ms(), end);
    }

    #[test]
    fn c_an_export_reimports_and_runs_to_the_same_state(
        setup in setup(), policy in policy(), ops in prop::collection::vec(op(), 5..60), fraction in 0u16..=1000
    ) {
        let Built { mut session, .. } = build(&setup, &ops, policy);
        for _ in 0..2 {
            let script = session.export_script();
            let imported = Session::from_script(&script).unwrap_or_else(|e| panic!("{e}\n{script}"));
            prop_assert_eq!(imported.trace_hash(), session.trace_hash(), "{}", script);
            prop_assert_eq!(imported.cluster().view(), session.cluster().view());
            let mut runner = ScriptRun::new();
            runner.run_script(&script).unwrap_or_else(|e| panic!("{e}\n{script}"));
            assert_same_state(&session, &runner, "kafka-sim run of the export");
            // Then the same from the past: the export is the history up to the moment shown.
            session.seek(moments(session.end_ms(), &[fraction])[0]);
        }
    }

    #[test]
    fn d_acting_in_the_past_discards_the_future_and_the_branch_replays(
        setup in setup(), policy in policy(), ops in prop::collection::vec(op(), 5..30), branch_ops in prop::collection::vec(op(), 1..15),
        fraction in 0u16..=1000, later in prop::collection::vec(0u16..=1000, 1..3)
    ) {
        let Built { mut session, lines } = build(&setup, &ops, policy);
        prop_assume!(session.end_ms() > 0);
        let t = moments(session.end_ms(), &[fraction])[0];
        session.seek(t);
        let (_, mut branch_lines) = straight_run_to(&lines, t);
        drive(&mut session, &branch_ops, &mut branch_lines, "w");
        if session.is_live() {
            // Acting branched: the old future is gone, the new one is what was done since.
            let reference = straight_run(&branch_lines);
            assert_same_state(&session, &reference, "branch end");
            let script = session.export_script();
            let imported = Session::from_script(&script).unwrap_or_else(|e| panic!("{e}\n{script}"));
            prop_assert_eq!(imported.trace_hash(), session.trace_hash());
            for u in moments(session.end_ms(), &later) {
                session.seek(u);
                let (reference, _) = straight_run_to(&branch_lines, u);
                assert_same_state(&session, &reference, &format!("seek({u}) in the branch"));
            }
        } else {
            // Only `expect`s, comments and failed lines: nothing was discarded.
            prop_assert_eq!(session.now_ms(), t);
            prop_assert!(session.end_ms() > t);
        }
    }

    #[test]
    fn e_refused_malformed_and_failing_lines_change_nothing(
        setup in setup(), policy in policy(), ops in prop::collection::vec(op(), 5..30), fraction in 0u16..=1000
    ) {
        let Built { mut session, .. } = build(&setup, &ops, policy);
        let failing = [
            "crash broker 42",
            "produce nowhere-0 x",
            "consume orders-9",
            "crash brokr 1",
            "topic create orders partitions=1 rf=3",
            "seed 5",
            "expect leader orders-0 = 42",
            "await leader orders-0 = 42 within 1500ms",
            "run 100000m",
        ];
        for in_the_past in [false, true] {
            if in_the_past {
                session.seek(moments(session.end_ms(), &[fraction])[0]);
            }
            let before = observe(&session);
            for line in failing {
                prop_assert!(session.execute(line).is_err(), "{} should fail", line);
                prop_assert_eq!(&observe(&session), &before, "after {}", line);
            }
            prop_assert!(session.execute("   # nothing but a comment").is_ok());
            prop_assert!(session.execute("").is_ok());
            prop_assert_eq!(&observe(&session), &before);
        }
    }
}

#[test]
fn every_scenario_runs_the_same_as_a_session() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("scenarios/").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "scenario"));
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.display();
        let mut runner = ScriptRun::new();
        let expected = runner.run_script(&text);
        let mut session = match Session::from_script(&text) {
            Ok(session) => session,
            Err(e) => {
                assert!(expected.is_err(), "{name}: the session failed ({e}) where the runner did not");
                continue;
            }
        };
        assert!(expected.is_ok(), "{name}: the runner failed where the session did not");
        assert_same_state(&session, &runner, &format!("{name}"));
        let lines: Vec<String> = text.lines().map(String::from).collect();
        // Line by line, as typed into the console, with snapshots every few items.
        let mut typed = Session::new();
        typed.set_snapshot_policy(7, 5);
        for line in &lines {
            typed.execute(line).unwrap_or_else(|e| panic!("{name}: {line}: {e}"));
        }
        assert_same_state(&typed, &runner, &format!("{name}, typed"));
        let end = session.end_ms();
        for t in [0, end / 3, end / 2, end.saturating_sub(1)] {
            if t >= end {
                continue;
            }
            session.seek(t);
            typed.seek(t);
            let (reference, _) = straight_run_to(&lines, t);
            assert_same_state(&session, &reference, &format!("{name} at {t} ms"));
            assert_same_state(&typed, &reference, &format!("{name} at {t} ms, typed"));
        }
        session.back_to_live();
        let imported = Session::from_script(&session.export_script()).expect("the export runs");
        assert_eq!(imported.trace_hash(), session.trace_hash(), "{name}: export");
    }
}

/// The play loop's session: 16 ms frames, a record every 100 ms, a crash and a restart;
/// as lines, up to `until_ms` (the last frame cut short there).
fn play_loop_lines(until_ms: u64) -> Vec<String> {
    let mut lines: Vec<String> =
        ["seed 11", "brokers 3 racks=a,b,c", "topic create orders partitions=3 rf=3 min-isr=2 start=0"]
            .map(String::from)
            .to_vec();
    let (mut now, mut next_produce, mut record) = (0, 0, 0);
    loop {
        while next_produce <= now {
            lines.push(format!("produce orders r{record}"));
            record += 1;
            next_produce += 100;
        }
        match now {
            60_000 => lines.push("crash broker 2".to_string()),
            100_000 => lines.push("restart broker 2".to_string()),
            _ => {}
        }
        if now >= until_ms {
            return lines;
        }
        let frame = 16.min(until_ms - now);
        lines.push(format!("run {frame}ms"));
        now += frame;
    }
}

#[test]
fn a_long_play_loop_session_seeks_exactly_with_the_default_snapshots() {
    let end_ms = 180_000;
    let mut session = Session::new();
    for line in play_loop_lines(end_ms) {
        match line.strip_prefix("run ").and_then(|d| d.strip_suffix("ms")) {
            Some(ms) => session.advance(ms.parse().expect("a number")),
            None => session.execute(&line).unwrap_or_else(|e| panic!("{line}: {e}")),
        }
    }
    assert!(session.snapshot_clusters().count() > 3, "a long session keeps several snapshots");
    let live_hash = session.trace_hash();
    for t in [150_000, 30_123, 60_000, 99_999, 100_000, 100_001, 179_999, 5] {
        session.seek(t);
        let mut reference = ScriptRun::new();
        let mut lines = play_loop_lines(t);
        lines.push("run 0ms".to_string());
        for line in &lines {
            reference.execute(&statement(line).expect("a statement"), 1).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
        assert_same_state(&session, &reference, &format!("seek({t})"));
    }
    session.back_to_live();
    assert_eq!(session.trace_hash(), live_hash);
}

/// An hour of the default cluster is over 80,000 events: more than two of the history's hash
/// marks (every 32,768 events), so a seek back hashes from the mark before it. Each seek's
/// hash must be a straight run's.
#[test]
fn seeking_back_in_a_long_session_keeps_the_trace_hash_exact() {
    let setup = ["seed 3", "brokers 3 racks=a,b,c", "topic create orders partitions=3 rf=3 min-isr=2 start=0"];
    let mut session = Session::new();
    for line in setup.iter().chain(&["steady-rate orders 5", "run 1h"]) {
        session.execute(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    let events = session.events().len();
    assert!(events > 2 * 32_768, "{events} events");
    let live_hash = session.trace_hash();
    for t in [3_000_000, 600_000, 3_500_000, 2_000_000, 1_000] {
        session.seek(t);
        let mut reference = ScriptRun::new();
        for line in setup.iter().chain(&["steady-rate orders 5"]) {
            reference.execute(&statement(line).expect("a statement"), 1).expect("the setup runs");
        }
        reference.execute(&statement(&format!("run {t}ms")).expect("a statement"), 1).expect("run never fails");
        assert_eq!(session.trace_hash(), reference.trace_hash(), "seek({t})");
    }
    session.back_to_live();
    assert_eq!(session.trace_hash(), live_hash);
}

#[test]
fn a_new_session_is_empty_live_and_at_time_zero() {
    let session = Session::new();
    assert!(session.is_live() && !session.would_branch());
    assert_eq!((session.now_ms(), session.end_ms()), (0, 0));
    assert!(session.cluster().view().brokers.is_empty());
    assert_eq!(session.trace_hash(), ScriptRun::new().trace_hash());
    let imported = Session::from_script(&session.export_script()).expect("an empty export runs");
    assert_eq!(imported.trace_hash(), session.trace_hash());
}

#[test]
fn seed_is_taken_only_before_anything_runs() {
    let mut session = Session::new();
    session.execute("seed 9").expect("before anything: accepted");
    assert_eq!(session.cluster().seed(), 9);
    session.execute("brokers 3").expect("valid");
    let error = session.execute("seed 10").expect_err("after brokers: refused");
    assert!(matches!(error.kind, ScriptErrorKind::SeedTooLate), "{error}");
    assert!(session.export_script().contains("\nseed 9\n"));
}

#[test]
fn errors_are_one_clear_line() {
    let mut session = Session::from_script("brokers 3\ntopic create t partitions=1 rf=3\n").expect("valid");
    let malformed = session.execute("produce").expect_err("malformed");
    assert!(
        matches!(malformed.kind, ScriptErrorKind::Malformed(_)) && malformed.to_string().contains("col"),
        "{malformed}"
    );
    let refused = session.execute("crash broker 7").expect_err("refused");
    assert!(matches!(refused.kind, ScriptErrorKind::Refused(_)), "{refused}");
    let failed = session.execute("expect leader t-0 = 9").expect_err("fails");
    assert!(
        matches!(failed.kind, ScriptErrorKind::AssertionFailed(_)) && failed.to_string().contains("actual"),
        "{failed}"
    );
    let in_script = Session::from_script("brokers 3\n\ncrash broker 7\n").expect_err("refused");
    assert!(in_script.to_string().contains("line 3"), "{in_script}");
    for error in [malformed, refused, failed, in_script] {
        assert!(!error.to_string().contains('\n'));
    }
}

#[test]
fn time_stops_at_the_session_limit() {
    let mut session = Session::from_script("brokers 1\n").expect("valid");
    assert!(session.execute(&format!("run {}ms", MAX_SESSION_MS + 1)).is_err());
    assert_eq!(session.now_ms(), 0);
    session.advance(u64::MAX);
    assert_eq!(session.now_ms(), MAX_SESSION_MS);
    assert!(!session.step(), "nothing is due within the limit any more");
    assert_eq!(session.now_ms(), MAX_SESSION_MS);
}

#[test]
fn markers_show_faults_elections_isr_changes_and_recoveries() {
    let script = "seed 3\nbrokers 3\ntopic create t partitions=1 rf=3 min-isr=2 start=0\nrun 1s\ncrash broker 1\nrun 40s\nrestart broker 1\nrun 40s\n";
    let mut session = Session::from_script(script).expect("valid");
    let markers = session.markers();
    let find = |kind: MarkerKind| {
        markers.iter().find(|m| m.kind == kind).unwrap_or_else(|| panic!("no {kind:?} marker in {markers:?}"))
    };
    assert_eq!(find(MarkerKind::Fault).label, "broker 1 crashed");
    assert_eq!(find(MarkerKind::Fault).time_ms, 1_000);
    assert_eq!(find(MarkerKind::Recovery).label, "broker 1 restarted");
    assert!(
        markers.iter().any(|m| m.kind == MarkerKind::Election && m.label == "t-0: leader 2, epoch 1"),
        "{markers:?}"
    );
    assert!(find(MarkerKind::IsrShrink).label.starts_with("t-0: ISR"));
    assert!(find(MarkerKind::IsrExpand).time_ms > find(MarkerKind::Recovery).time_ms);
    assert!(markers.windows(2).all(|w| w[0].time_ms <= w[1].time_ms));
    // Markers span the whole session, whatever moment is shown.
    session.seek(500);
    assert_eq!(session.markers(), markers);
}

#[test]
fn a_step_leaves_the_rest_of_its_millisecond_and_the_export_keeps_that() {
    let mut session = Session::from_script("seed 1\nbrokers 3\n").expect("valid");
    let mut unsettled_commands = 0;
    for round in 0..40 {
        assert!(session.step());
        // Items still due at this very millisecond: a command here is placed between them.
        if session.cluster().next_event_time() == Some(session.now_ms()) {
            session.execute(&format!("set replica.fetch.wait.max.ms {}", 400 + round)).expect("valid");
            unsettled_commands += 1;
        }
        if round == 20 {
            session.execute("topic create t partitions=2 rf=3 start=0").expect("valid");
            session.advance(1_500);
        }
    }
    assert!(unsettled_commands > 0, "the recipe must place commands between events of one millisecond");
    let script = session.export_script();
    assert!(script.contains("\nstep "), "{script}");
    let imported = Session::from_script(&script).expect("the export runs");
    assert_eq!(imported.trace_hash(), session.trace_hash(), "{script}");
    assert_eq!(imported.cluster().view(), session.cluster().view());
    let mut runner = ScriptRun::new();
    runner.run_script(&script).expect("kafka-sim runs the export");
    assert_same_state(&session, &runner, "kafka-sim run of the export");
}
