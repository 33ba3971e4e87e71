//! The scrub bar under the cluster: the whole session from 0 to its live end, painted with
//! what happened (elections with their epoch, ISR shrinks and expands, faults, recoveries,
//! violations, each with its own glyph and lane), and the moment shown. Drag the slider or
//! click a marker to look at that moment; ← / → step through it (see `keyboard`).
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::script::session::{Marker, MarkerKind};
use crate::ui::decimal::fixed;
use crate::ui::labels::{marker_glyph, marker_kind_name, timeline_time};

/// Markers closer than this fraction of the bar share one tick (per kind), so a long,
/// busy session paints at most a few hundred.
const BUCKETS: f64 = 400.0;

/// What the timeline shows. A plain function, not a component: the moment shown changes on
/// every tick of play, so a component would redraw as often and only add to the bundle.
pub struct TimelineProps {
    pub now_ms: u64,
    pub end_ms: u64,
    pub live: bool,
    pub markers: Rc<Vec<Marker>>,
    /// Show the session at this simulated time.
    pub on_seek: Callback<u64>,
    pub on_back_to_live: Callback<()>,
}

fn kind_id(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Election => "election",
        MarkerKind::IsrShrink => "isr-shrink",
        MarkerKind::IsrExpand => "isr-expand",
        MarkerKind::Fault => "fault",
        MarkerKind::Recovery => "recovery",
        MarkerKind::Violation => "violation",
    }
}

const KINDS: [MarkerKind; 6] = [
    MarkerKind::Election,
    MarkerKind::IsrShrink,
    MarkerKind::IsrExpand,
    MarkerKind::Fault,
    MarkerKind::Recovery,
    MarkerKind::Violation,
];

pub fn timeline(props: TimelineProps) -> Html {
    let end = props.end_ms.max(1);
    let on_input = {
        let on_seek = props.on_seek.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(ms) = crate::ui::dom::event_value(&e).parse::<u64>() {
                on_seek.emit(ms);
            }
        })
    };
    let mut painted = BTreeSet::new();
    let ticks = props.markers.iter().filter(|m| painted.insert(((m.time_ms as f64 / end as f64 * BUCKETS) as u64, kind_id(m.kind)))).map(|m| {
        let pct = (m.time_ms as f64 / end as f64 * 100.0).min(100.0);
        // The name begins with the visible glyph ("◆e1"), so it says what is seen, and more.
        let glyph = marker_glyph(m.kind, &m.label);
        let name = format!("{glyph} {} at {}: {}", marker_kind_name(m.kind), timeline_time(m.time_ms), m.label);
        let onclick = { let ms = m.time_ms; props.on_seek.reform(move |_: MouseEvent| ms) };
        html! {
            <button type="button" class={classes!("marker", format!("marker--{}", kind_id(m.kind)))} style={format!("left: {}%", fixed(pct, 3))}
                data-testid="timeline-marker" data-kind={kind_id(m.kind)} data-time-ms={m.time_ms.to_string()}
                title={name.clone()} aria-label={name} {onclick}>{ glyph }</button>
        }
    });
    let legend = KINDS.iter().map(|&k| html! {
        <li class={classes!("marker-key", format!("marker--{}", kind_id(k)))}>
            <span class="marker-key__glyph" aria-hidden="true">{ marker_glyph(k, if k == MarkerKind::Election { "epoch N" } else { "" }) }</span>
            { marker_kind_name(k) }
        </li>
    });
    let on_live = props.on_back_to_live.reform(|_: MouseEvent| ());
    let position = if props.live {
        format!("{} (live)", timeline_time(props.now_ms))
    } else {
        format!("{} of {} (live end)", timeline_time(props.now_ms), timeline_time(props.end_ms))
    };
    html! {
        <div class={classes!("timeline", (!props.live).then_some("timeline--past"))} data-testid="timeline" data-live={props.live.to_string()}>
            <div class="timeline__head">
                <output class="timeline__position mono" data-testid="timeline-position">{ position.clone() }</output>
                <button type="button" class="button" data-testid="back-to-live" disabled={props.live} onclick={on_live}
                    title="Return to the live end (L)">{ "Back to live (L)" }</button>
            </div>
            <div class="timeline__track">
                <div class="timeline__markers" data-testid="timeline-markers">{ for ticks }</div>
                <input type="range" class="timeline__slider" data-testid="timeline-slider" aria-label="Simulated time shown"
                    min="0" max={props.end_ms.to_string()} step="1" value={props.now_ms.to_string()}
                    aria-valuetext={position.clone()} oninput={on_input} />
                <div class="timeline__scale small muted" aria-hidden="true"><span>{ "0" }</span><span>{ timeline_time(props.end_ms) }</span></div>
            </div>
            <ul class="timeline__legend small" aria-label="Marker kinds">{ for legend }</ul>
        </div>
    }
}
