//! The reducer's own tests: typed statements, refusals, the feed's filter.
use super::*;
use crate::script::ast::{Command, NodeRef, ProduceTarget};

#[test]
fn advance_moves_the_clock_and_reset_returns_to_the_start() {
    let mut state = PlaygroundState::default();
    let start = state.views.cluster.clone();
    state.apply(Action::Advance { ms: STEP_MS });
    assert_eq!(state.views.cluster.now_ms, start.now_ms + STEP_MS);
    state.apply(Action::Reset);
    assert_eq!(*state.views.cluster, *start);
}

/// A typed statement the cluster refuses (there is no broker 9) says why next to its
/// field and changes nothing: not the session, its export, its trace, nor the views.
#[test]
fn a_refused_typed_statement_shows_why_and_changes_nothing() {
    let mut state = PlaygroundState::default();
    let (script, hash, cluster) = (state.export_script(), state.trace_hash(), state.views.cluster.clone());
    let crash_9 = Statement::Command(Command::Crash(NodeRef::Broker(9)));
    state.apply(Action::Run { statement: crash_9, field: Field::Broker });
    let (ok, text) = state.field_message(Field::Broker).unwrap();
    assert_eq!((ok, text.as_str()), (false, "crash broker 9: refused: there is no broker 9"));
    assert_eq!((state.export_script(), state.trace_hash()), (script, hash));
    assert_eq!(*state.views.cluster, *cluster);
    assert_eq!(state.field_message(Field::Console), None, "shown next to its own field only");
    let crash_1 = Statement::Command(Command::Crash(NodeRef::Broker(1)));
    state.apply(Action::Run { statement: crash_1, field: Field::Broker });
    assert_eq!(state.field_message(Field::Broker), Some((true, "✓ crash broker 1".into())));
    let feed: Vec<String> = state.views.feed.iter().take(2).map(|l| l.text.clone()).collect();
    assert!(feed.contains(&"> ✓ crash broker 1".to_string()), "the feed reads the script line: {feed:?}");
}

/// A statement that would print as a line reading back as something else (a record
/// value with a line break) is refused before it runs, so an export always replays.
#[test]
fn a_statement_that_would_not_replay_as_itself_is_refused() {
    let mut state = PlaygroundState::default();
    let script = state.export_script();
    let produce = Command::Produce {
        target: ProduceTarget::Topic("orders".into()),
        value: "two\nlines".into(),
        key: None,
        acks: None,
        producer: None,
    };
    state.apply(Action::Run { statement: Statement::Command(produce), field: Field::Produce });
    let (ok, text) = state.field_message(Field::Produce).unwrap();
    assert!(!ok && text.contains("malformed"), "{text}");
    assert_eq!(state.export_script(), script);
}

/// The feed's lines are a view: the filter is a preference, and the lines follow it
/// without the session changing.
#[test]
fn the_feed_view_follows_its_filter_and_the_session_stays() {
    let mut state = PlaygroundState::default();
    state.apply(Action::Run { statement: statement("crash broker 2"), field: Field::Broker });
    let (script, hash) = (state.export_script(), state.trace_hash());
    let faults = FeedFilter { category: Some("fault".into()), ..FeedFilter::default() };
    state.apply(Action::Filter(faults.clone()));
    assert_eq!(state.prefs.feed_filter, faults);
    assert!(!state.views.feed.is_empty() && state.views.feed.iter().all(|l| l.category == "fault"));
    assert_eq!((state.export_script(), state.trace_hash()), (script, hash));
    state.apply(Action::Filter(FeedFilter::default()));
    assert!(state.views.feed.iter().any(|l| l.category == "console"));
}

/// A pasted 100k-character topic name is refused with its reason on screen: the page
/// quotes at most ~80 characters of what was typed.
#[test]
fn a_huge_refused_line_is_quoted_short_with_its_reason() {
    let mut state = PlaygroundState::default();
    let name = "x".repeat(100_000);
    state.apply(Action::Console { line: format!("topic create {name} partitions=1 rf=1") });
    let (ok, text) = state.field_message(Field::Console).unwrap();
    assert!(!ok, "{text}");
    assert!(text.chars().count() < 400, "{} characters", text.chars().count());
    assert!(text.contains("topic name"), "{text}");
}
