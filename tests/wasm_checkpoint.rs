//! Reload from a checkpoint in the wasm build, in headless Chromium: a checkpoint written
//! and read back there resumes to the session its saved copy replays to, and plays on the
//! same (tests/checkpoint.rs checks the rest natively).
#![cfg(target_arch = "wasm32")]
mod support;

use replication_playground::script::session::{CheckpointRefusal, Session};
use support::checkpoint::{assert_same, play_on, played, resume_with};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_checkpoint_resumes_in_the_browser_as_the_replayed_session() {
    let mut saved = played();
    let checkpoint = saved.checkpoint().expect("live");
    let mut resumed = resume_with(&saved, &checkpoint);
    let mut replayed = Session::from_script(&saved.export_script()).expect("replays");
    assert_same(&resumed, &replayed);
    play_on(&mut resumed);
    play_on(&mut replayed);
    assert_same(&resumed, &replayed);
    // An older checkpoint with a longer saved copy; a damaged one is refused.
    play_on(&mut saved);
    assert_same(&resume_with(&saved, &checkpoint), &Session::from_script(&saved.export_script()).unwrap());
    let refused = Session::resume(&saved.export_script(), &checkpoint[..checkpoint.len() / 2]).unwrap();
    assert_eq!(refused.checkpoint, Err(CheckpointRefusal::Unreadable));
    assert_same(&refused.session, &Session::from_script(&saved.export_script()).unwrap());
}
