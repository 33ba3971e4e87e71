//! The metrics over time: one point per change, at the event that caused it, so a plot can
//! seek to that event. Only changes are kept — 32 bytes a point. A settled cluster adds none;
//! the busiest case, a steady acks=all rate, adds two per produce request (its total and
//! remote time), against at least seven events of 48 bytes, so the series stays a small
//! fraction of the trace, which the session already bounds (`MAX_SESSION_EVENTS`).
use super::catalog::Metric;
use crate::sim::ids::Millis;

/// A metric took `value` at event `event_index` of the trace (sim time `at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricChange {
    pub event_index: u64,
    pub at: Millis,
    pub metric: Metric,
    pub value: u64,
}
crate::codec!(struct MetricChange { event_index, at, metric, value });

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetricSeries {
    points: Vec<MetricChange>,
}

impl MetricSeries {
    pub fn extend(&mut self, changes: impl IntoIterator<Item = MetricChange>) {
        self.points.extend(changes);
    }

    /// Every change, in trace order.
    pub fn points(&self) -> &[MetricChange] {
        &self.points
    }

    /// One metric's changes, in trace order.
    pub fn of(&self, metric: Metric) -> impl Iterator<Item = &MetricChange> + '_ {
        self.points.iter().filter(move |p| p.metric == metric)
    }

    /// The metric's value once the first `events` events had happened (0 before any change).
    pub fn value_after(&self, metric: Metric, events: u64) -> u64 {
        let end = self.points.partition_point(|p| p.event_index < events);
        self.points[..end].iter().rev().find(|p| p.metric == metric).map_or(0, |p| p.value)
    }

    /// Takes out the points at or after event `events` (a session that branches keeps them
    /// aside with the trace's tail, for an undo).
    pub fn split_off_at_event(&mut self, events: u64) -> MetricSeries {
        let end = self.points.partition_point(|p| p.event_index < events);
        MetricSeries { points: self.points.split_off(end) }
    }
}
