//! Kafka's replication metrics on the full page: the health strip on top (the key gauges as
//! tiles judged as Strimzi's dashboard judges them) and the metrics panel below the stage
//! (every metric with its value, MBean, meaning and normal value, and a step plot of its
//! series that seeks to the event behind a change). Both show the moment shown: looking at
//! the past, they show the past.
mod health;
mod health_strip;
mod metric_row;
mod metrics_panel;
mod on_beat;
mod plot_scale;
mod series_cache;

pub use health_strip::health_strip;
pub use metrics_panel::{metrics_panel, Moment};
pub use on_beat::{beat_of, OnBeat, FRAMES_PER_BEAT};
pub use series_cache::use_metric_steps;
