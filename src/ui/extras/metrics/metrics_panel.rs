//! The metrics panel (the header's "Metrics" button): every metric of the catalog, in the
//! command line's order, as `kafka-sim run --metrics` prints them, each with its plot.
use yew::prelude::*;

use super::metric_row::MetricRow;
use super::plot_scale::axis_end_ms;
use super::series_cache::MetricSteps;
use crate::sim::metrics::ALL_METRICS;
use crate::sim::Cluster;
use crate::ui::labels::sim_time;

/// The moment shown and the session's span, for the plots' cursors and axes.
pub struct Moment {
    pub now_ms: u64,
    pub end_ms: u64,
}

pub fn metrics_panel(cluster: &Cluster, steps: &MetricSteps, moment: Moment, on_seek: &Callback<u64>) -> Html {
    let axis_end = axis_end_ms(moment.end_ms);
    let rows = ALL_METRICS.into_iter().map(|metric| {
        let steps = steps[metric as usize].clone();
        html! { <MetricRow key={metric.name()} {metric} value={cluster.metric(metric)} {steps} axis_end_ms={axis_end}
        now_ms={moment.now_ms} end_ms={moment.end_ms} on_seek={on_seek.clone()} /> }
    });
    html! {
        <section class="panel panel--metrics" data-testid="metrics-panel" aria-labelledby="metrics-heading">
            <div class="panel__head">
                <h2 id="metrics-heading">{ "Metrics" }</h2>
                // Not the moment shown (the header's clock says it): a text changing on every
                // frame of play would lay the panel out again each time.
                <p class="metrics__note">{ format!("Kafka's replication metrics at the moment shown (the red cursor), \
                    summed over the live brokers; each plot spans 0 to {}. A point is a change: click it \
                    (or Tab to it, Enter) to see that moment.", sim_time(axis_end)) }</p>
            </div>
            <ul class="metrics__list">{ for rows }</ul>
        </section>
    }
}
