//! Drawing the metrics at the page's beat instead of every frame of play: at every change
//! while paused or stepping, and about ten times a second while playing (the feed's beat,
//! `SessionHandle::feed_version`). A plot's cursor moves about a pixel per beat at most, and
//! sixteen plots redrawn on every frame cost the play loop its frame budget (BENCHMARKS.md).
use yew::prelude::*;

use crate::ui::state::PlaygroundState;

/// When the metrics were last drawn: (session, beat).
pub fn beat_of(state: &PlaygroundState) -> (u64, u64) {
    let handle = &state.session;
    (handle.id, if state.clock.playing { handle.feed_version } else { handle.version })
}

#[derive(Properties, Clone)]
pub struct OnBeatProps {
    pub beat: (u64, u64),
    /// Draws the part; called only when the beat moved.
    pub draw: Callback<(), Html>,
}

/// Compared by beat alone: a new closure each frame is the same drawing until the beat moves.
impl PartialEq for OnBeatProps {
    fn eq(&self, other: &Self) -> bool {
        self.beat == other.beat
    }
}

#[component]
pub fn OnBeat(props: &OnBeatProps) -> Html {
    props.draw.emit(())
}
