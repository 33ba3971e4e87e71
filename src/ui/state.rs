//! The page's state and everything that can happen to it, as a reducer.
//!
//! The reducer only advances or replaces the simulation: the wall clock (a play loop's
//! interval) and storage belong in components' `use_effect_with`, never here, so the same
//! actions always give the same state.

use crate::sim::{presets, Cluster, ClusterView};

/// How far one press of "Step" advances simulated time.
pub const STEP_MS: u64 = 100;

#[derive(Clone, Debug)]
pub struct PlaygroundState {
    cluster: Cluster,
    /// The view of `cluster`, computed once per change rather than once per render.
    view: ClusterView,
}

/// What a person (or, later, the play loop) can do to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Advance simulated time by this many milliseconds.
    Advance { ms: u64 },
    /// Start again from the default cluster.
    Reset,
}

impl PlaygroundState {
    pub fn new(cluster: Cluster) -> Self {
        let view = cluster.view();
        Self { cluster, view }
    }

    pub fn view(&self) -> &ClusterView {
        &self.view
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Advance { ms } => self.cluster.run_for(ms),
            Action::Reset => self.cluster = presets::default_cluster(),
        }
        self.view = self.cluster.view();
    }
}

impl Default for PlaygroundState {
    fn default() -> Self {
        Self::new(presets::default_cluster())
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        let mut next = std::rc::Rc::unwrap_or_clone(self);
        next.apply(action);
        std::rc::Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_the_clock_and_reset_returns_to_the_start() {
        let mut state = PlaygroundState::default();
        let start = state.view().clone();
        state.apply(Action::Advance { ms: STEP_MS });
        assert_eq!(state.view().now_ms, start.now_ms + STEP_MS);
        state.apply(Action::Reset);
        assert_eq!(state.view(), &start);
    }
}
