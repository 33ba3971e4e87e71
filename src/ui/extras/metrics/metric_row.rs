//! One metric in the metrics panel: its name and value at the moment shown (`data-metric`),
//! what it counts, its MBean and normal value, and a step plot of the whole session with a
//! cursor at that moment. Each change is a point to click or tab to (Enter), which seeks to
//! the millisecond of the event that made it. The line is redrawn only when the series or
//! the time axis' notch changes, not as the cursor moves (`PlotLine`).
use std::rc::Rc;

use yew::prelude::*;

use super::plot_scale::{clickable, step_path, top_of, x_of, y_of, Step, PLOT_HEIGHT, PLOT_WIDTH};
use crate::sim::metrics::Metric;
use crate::ui::decimal::fixed;
use crate::ui::labels::sim_time;

/// Points offered per plot: the latest changes (a request time at a steady rate has many).
const MOST_POINTS: usize = 40;

#[derive(Properties, Clone)]
pub struct MetricRowProps {
    pub metric: Metric,
    pub value: u64,
    pub steps: Rc<Vec<Step>>,
    pub axis_end_ms: u64,
    pub now_ms: u64,
    pub end_ms: u64,
    pub on_seek: Callback<u64>,
}

/// The steps are compared by pointer: the series cache replaces them when they change.
impl PartialEq for MetricRowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.steps, &other.steps)
            && (self.metric, self.value, self.axis_end_ms, self.now_ms, self.end_ms)
                == (other.metric, other.value, other.axis_end_ms, other.now_ms, other.end_ms)
            && self.on_seek == other.on_seek
    }
}

fn point(metric: Metric, step: Step, top: u64, axis_end_ms: u64, on_seek: &Callback<u64>) -> Html {
    let at = step.at;
    let onclick = on_seek.reform(move |_: MouseEvent| at);
    let onkeydown = {
        let on_seek = on_seek.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_seek.emit(at);
            }
        })
    };
    let label = format!("{} became {} at {}: show that moment", metric.name(), step.value, sim_time(at));
    html! {
        <circle key={at} class="plot__point" cx={fixed(x_of(at, axis_end_ms), 1)} cy={fixed(y_of(step.value, top), 1)} r="3"
            tabindex="0" role="button" aria-label={label.clone()} data-ms={at.to_string()} {onclick} {onkeydown}>
            <title>{ label }</title>
        </circle>
    }
}

/// The parts of a plot that change only with its series or the time axis' notch: the line
/// and the points. A component of its own, so the cursor's move each frame of play leaves
/// it undrawn.
#[derive(Properties, Clone)]
struct PlotLineProps {
    metric: Metric,
    steps: Rc<Vec<Step>>,
    axis_end_ms: u64,
    on_seek: Callback<u64>,
}

impl PartialEq for PlotLineProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.steps, &other.steps)
            && (self.metric, self.axis_end_ms) == (other.metric, other.axis_end_ms)
            && self.on_seek == other.on_seek
    }
}

#[component]
fn PlotLine(props: &PlotLineProps) -> Html {
    let (metric, axis_end_ms, steps) = (props.metric, props.axis_end_ms, &props.steps);
    let top = top_of(steps);
    let until = steps.last().map_or(0, |s| s.at);
    let points = clickable(steps, MOST_POINTS).iter().map(|s| point(metric, *s, top, axis_end_ms, &props.on_seek));
    html! {
        <>
            <path class="plot__line" d={step_path(steps, axis_end_ms, until)} />
            // Keyed points in a group of their own: as the latest 40 slide by one, Yew adds
            // one and removes one (unkeyed, each would be rewritten as its neighbour).
            <g>{ for points }</g>
        </>
    }
}

#[component]
pub fn MetricRow(props: &MetricRowProps) -> Html {
    let (metric, axis_end_ms) = (props.metric, props.axis_end_ms);
    let top = top_of(&props.steps);
    let last = props.steps.last().copied().unwrap_or(Step { at: 0, value: 0 });
    let tail_y = fixed(y_of(last.value, top), 1);
    // Whole units of the 240-wide plot (about a pixel): while playing, the cursor's
    // attribute then changes only when it moves a pixel, not on every frame.
    let cursor_x = fixed(x_of(props.now_ms, axis_end_ms).round(), 0);
    let name = metric.name();
    let plot_label = format!("{name} over the session, {} changes, up to {top}", props.steps.len());
    html! {
        <li class="metric" data-testid="metric-row">
            <div class="metric__head">
                <span class="metric__name">{ name }</span>
                <output class="metric__value" data-metric={name}>{ props.value }</output>
            </div>
            <svg class="plot" viewBox={format!("0 0 {PLOT_WIDTH} {PLOT_HEIGHT}")}
                role="group" aria-label={plot_label} data-plot={name}>
                <line class="plot__line plot__tail" x1={fixed(x_of(last.at, axis_end_ms), 1)} y1={tail_y.clone()}
                    x2={fixed(x_of(props.end_ms, axis_end_ms).round(), 0)} y2={tail_y} />
                <line class="plot__cursor" x1={cursor_x.clone()} x2={cursor_x} y1="0" y2={PLOT_HEIGHT.to_string()} />
                <PlotLine {metric} steps={props.steps.clone()} {axis_end_ms} on_seek={props.on_seek.clone()} />
            </svg>
            <p class="metric__about">{ metric.meaning() }<span class="metric__normal">{ format!(" Normal: {}.", metric.normal()) }</span></p>
            <p class="metric__mbean"><code>{ metric.mbean() }</code></p>
        </li>
    }
}
