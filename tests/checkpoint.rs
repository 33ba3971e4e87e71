//! Reload from a checkpoint (`Session::checkpoint` / `Session::resume`): a session resumed
//! from one is the session its saved copy replays to, now and after playing on, and a
//! checkpoint that is missing, damaged, of another build or of another session is refused
//! without changing the result (the saved copy is replayed whole).
mod support;

use proptest::prelude::*;
use replication_playground::script::session::{CheckpointRefusal, Session};
use replication_playground::sim::EventKind;
use support::checkpoint::{assert_same, play_on, played, resume_with};

fn replayed(saved: &Session) -> Session {
    Session::from_script(&saved.export_script()).expect("the saved copy replays")
}

#[test]
fn a_resumed_session_is_the_replayed_one_and_plays_on_the_same() {
    let saved = played();
    let checkpoint = saved.checkpoint().expect("live");
    let mut resumed = resume_with(&saved, &checkpoint);
    let mut replayed = replayed(&saved);
    assert!(!resumed.has_whole_past(), "the past before the checkpoint's tail is not replayed");
    assert_same(&resumed, &replayed);
    play_on(&mut resumed);
    play_on(&mut replayed);
    assert_same(&resumed, &replayed);
    // And a checkpoint of the resumed session resumes again.
    let again = resume_with(&resumed, &resumed.checkpoint().expect("live"));
    assert_same(&again, &replayed);
}

#[test]
fn an_older_checkpoint_resumes_and_replays_only_what_came_after_it() {
    let mut saved = played();
    let checkpoint = saved.checkpoint().expect("live");
    play_on(&mut saved);
    let resumed = resume_with(&saved, &checkpoint);
    assert_same(&resumed, &replayed(&saved));
}

#[test]
fn a_checkpoint_between_single_steps_resumes() {
    let mut saved = played();
    (0..3).for_each(|_| assert!(saved.step()));
    let checkpoint = saved.checkpoint().expect("live");
    assert_same(&resume_with(&saved, &checkpoint), &replayed(&saved));
    (0..4).for_each(|_| assert!(saved.step()));
    assert_same(&resume_with(&saved, &checkpoint), &replayed(&saved));
    saved.advance(2_000);
    assert_same(&resume_with(&saved, &checkpoint), &replayed(&saved));
}

#[test]
fn seeking_before_the_checkpoint_rebuilds_the_past_and_shows_what_a_replay_shows() {
    let saved = played();
    let mut resumed = resume_with(&saved, &saved.checkpoint().expect("live"));
    let mut replayed = replayed(&saved);
    resumed.seek(4_000);
    replayed.seek(4_000);
    assert!(resumed.has_whole_past());
    assert_eq!((resumed.now_ms(), resumed.events().len()), (replayed.now_ms(), replayed.events().len()));
    assert!(resumed.events() == replayed.events());
    assert_same(&resumed, &replayed);
    resumed.back_to_live();
    replayed.back_to_live();
    assert_same(&resumed, &replayed);
    assert!(resumed.events() == replayed.events());
}

#[test]
fn a_short_session_resumed_seeks_before_its_checkpoint_too() {
    // Fewer events than a checkpoint's tail: none elided, but the past still begins at the
    // checkpoint's state until it is rebuilt.
    let mut saved = Session::new();
    saved.execute("brokers 3").unwrap();
    saved.advance(400);
    let mut resumed = resume_with(&saved, &saved.checkpoint().expect("live"));
    let mut replayed = replayed(&saved);
    assert!(!resumed.has_whole_past());
    resumed.seek(100);
    replayed.seek(100);
    assert!(resumed.has_whole_past());
    assert_same(&resumed, &replayed);
    assert!(resumed.events() == replayed.events());
}

#[test]
fn the_past_shown_is_not_checkpointed() {
    let mut session = played();
    session.seek(1_000);
    assert!(session.checkpoint().is_none());
}

fn refused(saved: &Session, checkpoint: &[u8]) -> CheckpointRefusal {
    let resumed = Session::resume(&saved.export_script(), checkpoint).expect("the saved copy replays");
    assert_same(&resumed.session, &replayed(saved));
    assert!(resumed.session.has_whole_past());
    resumed.checkpoint.expect_err("refused")
}

#[test]
fn a_damaged_checkpoint_is_refused_and_the_saved_copy_replayed() {
    let saved = played();
    let checkpoint = saved.checkpoint().expect("live");
    assert_eq!(refused(&saved, &[]), CheckpointRefusal::Unreadable);
    assert_eq!(refused(&saved, b"not a checkpoint at all"), CheckpointRefusal::Unreadable);
    for cut in [5, 16, 17, checkpoint.len() / 2, checkpoint.len() - 1] {
        assert_ne!(refused(&saved, &checkpoint[..cut]), CheckpointRefusal::OtherSession, "cut at {cut}");
    }
    // Not the deflate stream's last byte (len - 5, before the 4-byte Adler-32): its high bits
    // may be padding after the end-of-block code, which no checksum covers, so whether a flip
    // there changes anything depends on where the stream's last code happens to end.
    for at in [20, checkpoint.len() / 3, checkpoint.len() - 6] {
        let mut flipped = checkpoint.clone();
        flipped[at] ^= 0x5a;
        assert_eq!(refused(&saved, &flipped), CheckpointRefusal::Unreadable, "byte {at} flipped");
    }
}

#[test]
fn a_checkpoint_of_another_build_is_refused() {
    let saved = played();
    let mut checkpoint = saved.checkpoint().expect("live");
    checkpoint[4] ^= 1; // the format version
    assert_eq!(refused(&saved, &checkpoint), CheckpointRefusal::OtherVersion);
    let mut checkpoint = saved.checkpoint().expect("live");
    checkpoint[12] ^= 1; // the types' fingerprint
    assert_eq!(refused(&saved, &checkpoint), CheckpointRefusal::OtherVersion);
}

#[test]
fn a_checkpoint_of_another_session_is_refused() {
    let saved = played();
    let mut other_seed = Session::new();
    other_seed.execute("seed 12").unwrap();
    other_seed.execute("brokers 3").unwrap();
    assert_eq!(refused(&saved, &other_seed.checkpoint().unwrap()), CheckpointRefusal::OtherSession);
    // The same session, then a branch in the past before the checkpoint: not on its way.
    let mut branched = played();
    let checkpoint = branched.checkpoint().unwrap();
    branched.seek(25_000);
    branched.execute("crash broker 3").unwrap();
    assert_eq!(refused(&branched, &checkpoint), CheckpointRefusal::OtherSession);
    // A later checkpoint than the saved copy reaches.
    let mut ahead = played();
    let short = ahead.export_script();
    ahead.advance(5_000);
    let resumed = Session::resume(&short, &ahead.checkpoint().unwrap()).unwrap();
    assert_eq!(resumed.checkpoint, Err(CheckpointRefusal::OtherSession));
    assert_eq!(resumed.session.export_script(), short);
}

/// Something done to a session between its checkpoint and its saved copy.
#[derive(Clone, Debug)]
enum Op {
    Line(&'static str),
    Advance(u64),
    Step,
    Seek(u64),
}

fn op() -> impl Strategy<Value = Op> {
    let lines =
        ["produce orders x", "crash broker 1", "restart broker 1", "isolate broker 3", "heal", "elect preferred"];
    prop_oneof![
        3 => proptest::sample::select(lines.to_vec()).prop_map(Op::Line),
        3 => (1u64..5_000).prop_map(Op::Advance),
        2 => Just(Op::Step),
        1 => (0u64..60_000).prop_map(Op::Seek),
    ]
}

fn apply(session: &mut Session, op: &Op) {
    match *op {
        Op::Line(line) => {
            let _ = session.execute(line);
        }
        Op::Advance(ms) => session.advance(ms),
        Op::Step => {
            session.step();
        }
        Op::Seek(ms) => session.seek(ms),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Checkpoints at random moments of random sessions (steps, seeks into the past and
    /// branches there included), resumed with a later saved copy: either used, giving the
    /// replayed session, or refused, giving it too.
    #[test]
    fn any_checkpoint_resumes_to_the_replayed_session(
        before in proptest::collection::vec(op(), 0..12),
        after in proptest::collection::vec(op(), 0..12),
    ) {
        let mut session = played();
        before.iter().for_each(|op| apply(&mut session, op));
        session.back_to_live();
        let checkpoint = session.checkpoint().expect("live");
        after.iter().for_each(|op| apply(&mut session, op));
        let resumed = Session::resume(&session.export_script(), &checkpoint).expect("resumes");
        let seeked_back = after.iter().any(|op| matches!(op, Op::Seek(_)));
        prop_assert!(seeked_back || resumed.checkpoint.is_ok(), "{:?}", resumed.checkpoint);
        assert_same(&resumed.session, &replayed(&session));
    }
}

/// The violations a session has found, from its held events and those before them.
fn violations(session: &Session) -> Vec<String> {
    let all = session.violations_before_events().iter().chain(session.events());
    all.filter(|e| matches!(e.kind, EventKind::SafetyViolation(_))).map(|e| session.cluster().trace_line(e)).collect()
}

#[test]
fn a_violation_before_the_checkpoints_tail_is_still_told_after_a_reload() {
    // acks=1 lost on failover (scenarios/acks1-lost-on-failover.scenario), then long enough
    // a run that the violation falls out of the checkpoint's tail of latest events.
    let mut saved = Session::new();
    for line in [
        "seed 4",
        "brokers 3",
        "topic create events partitions=1 rf=3 start=0",
        "produce events-0 e1",
        "run 1s",
        "latency 1 2 300ms",
        "latency 1 3 300ms",
        "produce events-0 e2 acks=1",
        "run 50ms",
        "crash broker 1",
        "run 15s",
        "steady-rate events 50 acks=all",
        "run 2m",
    ] {
        saved.execute(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    let before = violations(&saved);
    assert_eq!(before.len(), 1, "{before:?}");
    let checkpoint = saved.checkpoint().expect("at the live end");
    let resumed = resume_with(&saved, &checkpoint);
    assert!(resumed.events().len() < saved.events().len(), "the violation's event is not held");
    assert_eq!(violations(&resumed), before);
}
