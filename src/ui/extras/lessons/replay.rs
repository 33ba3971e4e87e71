//! Playing a moment the simulator has already run: the page's session holds the step's
//! result, and the panel seeks its timeline from where the moment began to where it ends,
//! a little each frame, so the learner watches it happen (the messages travel, the HW moves)
//! and can scrub it again afterwards. Seeking only replays the recording, so nothing here
//! changes what happened. A moment lasts about three seconds on screen whatever its
//! simulated length; with reduced motion it is shown at its end at once.
use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

/// Wall time between two seeks: about a frame.
const FRAME_MS: u32 = 16;
/// How long a moment lasts on screen.
const SHOWN_FOR_MS: f64 = 3_000.0;

/// How many simulated ms pass per wall ms when playing `span_ms`: about three seconds in
/// all, never slower than a twentieth of real time (a 5 ms hop is not stretched to 3 s).
pub fn rate_for(span_ms: u64) -> f64 {
    (span_ms as f64 / SHOWN_FOR_MS).clamp(0.05, 1_000.0)
}

#[derive(Clone, PartialEq)]
pub struct Replay {
    /// Whether a moment is playing now.
    pub playing: bool,
    /// Plays (from_ms, to_ms), then calls the `done` the hook was given.
    pub start: Callback<(u64, u64)>,
    /// Jumps to the end now.
    pub skip: Callback<()>,
}

/// Where a moment playing stands: the end it plays to, and whether the page has shown a
/// time before that end since it began (its first seek has landed).
#[derive(Clone, Copy)]
struct Playing {
    to_ms: u64,
    inside: bool,
}

/// `on_seek` moves the page's timeline; `on_live` returns it to the live end; `done` runs
/// once a moment has been shown to its end; `now_ms` is the time the page shows.
#[hook]
pub fn use_replay(
    on_seek: &Callback<u64>,
    on_live: &Callback<()>,
    done: Callback<()>,
    stepped: bool,
    now_ms: u64,
) -> Replay {
    let playing = use_state(|| false);
    let timer = use_mut_ref(|| None::<Interval>);
    let shown = use_mut_ref(|| None::<Playing>);
    let finish = {
        let (timer, playing, on_live, done, shown) =
            (timer.clone(), playing.clone(), on_live.clone(), done.clone(), shown.clone());
        Callback::from(move |()| {
            timer.borrow_mut().take();
            shown.borrow_mut().take();
            playing.set(false);
            on_live.emit(());
            done.emit(());
        })
    };
    {
        // The learner took the page to the end themselves (Back to live, L, playing on):
        // the moment has been shown, and the replay must not pull the page back into it.
        let (shown, finish) = (shown.clone(), finish.clone());
        use_effect_with(now_ms, move |&now_ms| {
            let mut state = shown.borrow_mut();
            let Some(playing) = state.as_mut() else { return };
            playing.inside |= now_ms < playing.to_ms;
            if playing.inside && now_ms >= playing.to_ms {
                drop(state);
                finish.emit(());
            }
        });
    }
    let start = {
        let (timer, playing, on_seek, finish, shown) =
            (timer.clone(), playing.clone(), on_seek.clone(), finish.clone(), shown.clone());
        Callback::from(move |(from_ms, to_ms): (u64, u64)| {
            if stepped || to_ms <= from_ms {
                return finish.emit(());
            }
            *shown.borrow_mut() = Some(Playing { to_ms, inside: false });
            on_seek.emit(from_ms);
            let (at, rate) = (Rc::new(Cell::new(from_ms as f64)), rate_for(to_ms - from_ms));
            let (on_seek, finish) = (on_seek.clone(), finish.clone());
            let interval = Interval::new(FRAME_MS, move || {
                at.set(at.get() + FRAME_MS as f64 * rate);
                match at.get() >= to_ms as f64 {
                    true => finish.emit(()),
                    false => on_seek.emit(at.get() as u64),
                }
            });
            *timer.borrow_mut() = Some(interval);
            playing.set(true);
        })
    };
    let skip = {
        let (timer, finish) = (timer.clone(), finish.clone());
        Callback::from(move |()| {
            if timer.borrow().is_some() {
                finish.emit(());
            }
        })
    };
    Replay { playing: *playing, start, skip }
}
