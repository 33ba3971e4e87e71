//! Shared by tests/checkpoint.rs (native) and tests/wasm_checkpoint.rs (Chromium): a
//! session resumed from a checkpoint must be the session its saved copy replays to.
use replication_playground::script::session::{Resumed, Session};

/// A played session: a steady rate, a crash and an election, a restart, a few records.
pub const PLAYED: &[&str] = &[
    "seed 11",
    "brokers 3 racks=a,b,c",
    "topic create orders partitions=3 rf=3 min-isr=2 start=0",
    "run 10ms",
    "steady-rate orders 20 acks=all",
    "run 3s",
    "crash broker 2",
    "run 20s",
    "restart broker 2",
];

pub fn played() -> Session {
    let mut session = Session::new();
    for line in PLAYED {
        session.execute(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    session.advance(7_000);
    session
}

/// Resumes `saved` (its export) with `checkpoint`, which must be used.
pub fn resume_with(saved: &Session, checkpoint: &[u8]) -> Session {
    let Resumed { session, checkpoint } = Session::resume(&saved.export_script(), checkpoint).expect("resumes");
    assert_eq!(checkpoint, Ok(()), "the checkpoint was used");
    session
}

/// Everything a person or a test can see of the two sessions is the same: the trace (by
/// its hash, and the latest events), the saved copy, the time, the markers, the state.
pub fn assert_same(resumed: &Session, replayed: &Session) {
    assert_eq!(resumed.trace_hash(), replayed.trace_hash(), "trace hash");
    assert_eq!(resumed.export_script(), replayed.export_script(), "saved copy");
    assert_eq!((resumed.now_ms(), resumed.end_ms()), (replayed.now_ms(), replayed.end_ms()));
    assert_eq!(resumed.markers(), replayed.markers(), "markers");
    let held = resumed.events();
    assert!(replayed.events().ends_with(held), "the events held are the latest of the trace");
    assert!(held.len() >= replayed.events().len().min(2_048), "the feed's events are held");
    assert_eq!(state(resumed), state(replayed), "the cluster's whole state");
    assert_eq!(resumed.cluster().queue_items_processed(), replayed.cluster().queue_items_processed());
}

fn state(session: &Session) -> Vec<u8> {
    replication_playground::sim::codec::to_bytes(session.cluster())
}

/// Plays on the same way in both: a command, time, single steps.
pub fn play_on(session: &mut Session) {
    session.execute("produce orders-1 later").expect("produces");
    session.advance(1_500);
    for _ in 0..5 {
        session.step();
    }
    session.execute("crash broker 1").expect("crashes");
    session.advance(12_000);
}
