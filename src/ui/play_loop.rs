//! The play loop: while playing, a gloo `Interval` measures how much wall time passed and
//! hands it to `on_tick` (the reducer's `Tick`), which turns it into simulated time. The wall clock decides when
//! to step, never what happens. The interval is dropped when playing stops or the page goes.
use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

/// How often the loop ticks, in wall ms (about one frame).
pub const TICK_MS: u32 = 16;

fn wall_now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[hook]
pub fn use_play_loop(playing: bool, on_tick: Callback<f64>) {
    use_effect_with(playing, move |playing| {
        let interval = playing.then(|| {
            let last = Rc::new(Cell::new(wall_now_ms()));
            Interval::new(TICK_MS, move || {
                let now = wall_now_ms();
                let wall_ms = now - last.replace(now);
                on_tick.emit(wall_ms);
            })
        });
        move || drop(interval)
    });
}
