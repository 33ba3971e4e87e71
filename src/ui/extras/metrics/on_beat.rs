//! Drawing the metrics at a beat instead of every frame of play: at every change while
//! paused or stepping, and once every `every` frames while playing, at frame `phase` of
//! them, so the parts that redraw (the strip, the panel, the spacetime diagram) take turns
//! instead of landing on one frame. A plot's cursor moves about a pixel per beat at most,
//! and sixteen plots redrawn on every frame cost the play loop its frame budget
//! (BENCHMARKS.md).
use yew::prelude::*;

use crate::ui::state::PlaygroundState;

/// Frames of play per beat of the strip and the panel (at 60 frames a second, 5 a second).
pub const FRAMES_PER_BEAT: u64 = 12;

/// When a part was last drawn: (session, beat), a beat every `every` frames of play, at
/// frame `phase` of them (so parts drawn at the same rate do not share a frame).
pub fn beat_of(state: &PlaygroundState, every: u64, phase: u64) -> (u64, u64) {
    let handle = &state.session;
    let playing = state.clock.playing.then_some((handle.version + phase) / every);
    (handle.id, playing.map_or(handle.version, |beat| beat | 1 << 63))
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
