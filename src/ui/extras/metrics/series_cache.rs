//! Each metric's steps, read from the session's series as it grows: only the points added
//! since the last frame are read, so a long session costs nothing per frame once read. A
//! series that shrank or changed under the cache (a branch, an undo, another session) is
//! read again from the start.
use std::rc::Rc;

use yew::prelude::*;

use super::plot_scale::{push_change, Step};
use crate::sim::metrics::{MetricChange, ALL_METRICS};
use crate::ui::state::PlaygroundState;

/// The steps of every metric, indexed by the metric. Each `Rc` is replaced only when its
/// metric changed, so a plot compares its steps by pointer.
pub type MetricSteps = Vec<Rc<Vec<Step>>>;

#[derive(Default)]
struct Cache {
    session: u64,
    read: usize,
    last: Option<MetricChange>,
    steps: MetricSteps,
}

impl Cache {
    fn reset(&mut self, session: u64) {
        *self = Cache { session, steps: vec![Rc::default(); ALL_METRICS.len()], ..Cache::default() };
    }

    fn catch_up(&mut self, session: u64, points: &[MetricChange]) {
        let still_ours = self.session == session
            && self.steps.len() == ALL_METRICS.len()
            && points.len() >= self.read
            && self.read.checked_sub(1).map(|i| points[i]) == self.last;
        if !still_ours {
            self.reset(session);
        }
        for point in &points[self.read..] {
            push_change(Rc::make_mut(&mut self.steps[point.metric as usize]), point.at, point.value);
        }
        self.read = points.len();
        self.last = points.last().copied();
    }
}

#[hook]
pub fn use_metric_steps(state: &PlaygroundState) -> MetricSteps {
    let cache = use_mut_ref(Cache::default);
    let mut cache = cache.borrow_mut();
    cache.catch_up(state.session.id, state.session().metric_series().points());
    cache.steps.clone()
}
