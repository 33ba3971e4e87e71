//! What a lesson's or a challenge's panel does with the page's session when it first opens.
//! A reload must lose nothing: the page restored the session the learner left, so a session
//! that carries the scene on is kept (what they did in the step, a challenge's faults), and
//! one that left it (they started over, imported another) is kept too, with the map shown
//! instead of the step. Only a lesson opened afresh (the map, a link) sets its own scene.
use super::{link, progress};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Set the scene (the learner's session was kept aside when the lessons opened).
    Import,
    /// The session carries the scene on: keep it.
    Keep,
    /// This tab showed the scene, and its session has left it since: keep the session and
    /// show the map.
    LeftIt,
}

/// `shown`: what the panel puts on the page (`progress::mark_shown`); `first`: the panel's
/// first opening since it mounted; `carries_on`: whether the session carries its scene on.
pub fn opening(shown: &str, first: bool, carries_on: impl FnOnce() -> bool) -> Opening {
    if !first {
        Opening::Import
    } else if carries_on() {
        Opening::Keep
    } else if progress::was_shown(shown) {
        Opening::LeftIt
    } else {
        Opening::Import
    }
}

/// Carries `opening` out: `import` sets the scene; on leaving, the address bar drops the
/// lesson and `on_map` shows the map.
pub fn carry_out(opening: Opening, shown: &str, import: impl FnOnce(), on_map: &yew::Callback<()>) {
    match opening {
        Opening::Import => import(),
        Opening::Keep => {}
        Opening::LeftIt => {
            link::clear();
            return on_map.emit(());
        }
    }
    progress::mark_shown(shown);
}
