//! The spacetime diagram's SVG: a vertical line per node, each message an arrow from its
//! sender at its send time to its receiver at its arrival (a cross at the end when it was
//! dropped or lost, dashed while on the wire), and a line at the moment shown. Each arrow
//! has its message as a tooltip and, focused with Tab, as its accessible name. The SVG
//! carries its own styles so its export looks as it does on the page.
use yew::prelude::*;

use super::gather::{Ending, SpaceMessage};
use super::layout::{captions_that_fit, rows, size, x_of, y_of, LEFT, TOP};
use crate::sim::ids::NodeId;
use crate::ui::decimal::fixed;
use crate::ui::labels::sim_time;
use crate::ui::stable_keys::unique_keys;

/// The diagram's own styles, inside the SVG (so the exported file keeps them).
const STYLE: &str = "\
.st-lane{stroke:#8a94a3;stroke-width:1.5}\
.st-name{font:600 12px sans-serif;fill:#1b2330}\
.st-time{font:10px monospace;fill:#5b6675}\
.st-now{stroke:#2458d3;stroke-dasharray:4 3}\
.st-msg line{stroke:#1b2330;stroke-width:1.4}\
.st-msg--fetch line{stroke:#1d6fa5}\
.st-msg--produce line{stroke:#7a3fb0}\
.st-msg--crossed line,.st-msg--doomed line{stroke:#b3261e}\
.st-msg--flight line{stroke-dasharray:5 3}\
.st-msg text{font:10px sans-serif;fill:#1b2330;paint-order:stroke;stroke:#fff;stroke-width:3px}\
.st-msg:focus{outline:none}.st-msg:focus line{stroke-width:3}\
.st-cross{stroke:#b3261e;stroke-width:2}";

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub lanes: Vec<NodeId>,
    /// Each lane's name, in the lanes' order.
    pub names: Vec<String>,
    pub messages: Vec<SpaceMessage>,
    pub now_ms: u64,
}

fn ending_words(ending: Ending) -> &'static str {
    match ending {
        Ending::Arrived => "delivered",
        Ending::Crossed => "dropped (a cut link, or a dead sender or receiver)",
        Ending::InFlight { doomed: false } => "on the wire",
        Ending::InFlight { doomed: true } => "on the wire, to be dropped (the link is cut)",
    }
}

fn family(m: &SpaceMessage) -> &'static str {
    let label = m.kind.label();
    if label.starts_with("fetch") {
        "fetch"
    } else if label.starts_with("produce") {
        "produce"
    } else {
        "other"
    }
}

fn cross(x: f64, y: f64) -> Html {
    let d = 4.5;
    let path = format!("M{},{}L{},{}M{},{}L{},{}", x - d, y - d, x + d, y + d, x - d, y + d, x + d, y - d);
    html! { <path class="st-cross" d={path} /> }
}

/// Where an arrow's caption goes: nearer the receiver, where messages from one sender at one
/// moment (the controller's pushes) fan out; above an arrow going right, below one going
/// left, so a request and the answer crossing it keep their captions apart.
fn caption_at(m: &SpaceMessage, lanes: &[NodeId], rows: &[u64]) -> (f64, f64) {
    let (x1, y1) = (x_of(m.from, lanes), y_of(m.sent_at, rows));
    let (x2, y2) = (x_of(m.to, lanes), y_of(m.arrived_at, rows));
    let below = if x2 < x1 { 11.0 } else { -4.0 };
    (x1 + (x2 - x1) * 0.6, y1 + (y2 - y1) * 0.6 + below)
}

struct Drawn<'a> {
    key: String,
    /// Whether its caption is written on the drawing (`captions_that_fit`).
    captioned: bool,
    name_of: &'a dyn Fn(NodeId) -> String,
}

fn arrow(m: &SpaceMessage, drawn: Drawn, props: &DiagramProps, rows: &[u64]) -> Html {
    let Drawn { key, captioned, name_of } = drawn;
    let (x1, y1) = (x_of(m.from, &props.lanes), y_of(m.sent_at, rows));
    let (x2, y2) = (x_of(m.to, &props.lanes), y_of(m.arrived_at, rows));
    let crossed = matches!(m.ending, Ending::Crossed | Ending::InFlight { doomed: true });
    let label = format!(
        "{} ({}): {} → {}, sent {}, {} {}, {}",
        m.caption,
        m.kind.label(),
        name_of(m.from),
        name_of(m.to),
        sim_time(m.sent_at),
        if matches!(m.ending, Ending::InFlight { .. }) { "due" } else { "ends" },
        sim_time(m.arrived_at),
        ending_words(m.ending),
    );
    let class = classes!(
        "st-msg",
        format!("st-msg--{}", family(m)),
        matches!(m.ending, Ending::Crossed).then_some("st-msg--crossed"),
        matches!(m.ending, Ending::InFlight { .. }).then_some("st-msg--flight"),
        matches!(m.ending, Ending::InFlight { doomed: true }).then_some("st-msg--doomed")
    );
    let marker = (!crossed).then_some("url(#st-head)");
    let (mx, my) = caption_at(m, &props.lanes, rows);
    html! {
        <g {key} {class} data-testid="spacetime-message" data-ending={ending_words(m.ending)} tabindex="0" role="img" aria-label={label.clone()}>
            <title>{ label }</title>
            <line x1={fixed(x1, 1)} y1={fixed(y1, 1)} x2={fixed(x2, 1)} y2={fixed(y2, 1)} marker-end={marker} />
            if captioned { <text x={fixed(mx, 1)} y={fixed(my, 1)} text-anchor="middle">{ m.caption.clone() }</text> }
            if crossed { { cross(x2, y2) } }
        </g>
    }
}

/// A key per message that stays with it as the window slides (so Yew moves one arrow in
/// and one out instead of rewriting them all).
fn keys(messages: &[SpaceMessage]) -> Vec<String> {
    unique_keys(messages.iter().map(|m| format!("{:?}{:?}{:?}{}-{}", m.from, m.to, m.kind, m.sent_at, m.arrived_at)))
}

#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let rows = rows(props.messages.iter().flat_map(|m| [m.sent_at, m.arrived_at]), props.now_ms);
    let (width, height) = size(props.lanes.len(), rows.len());
    let names = props.names.clone();
    let lanes_for_names = props.lanes.clone();
    let name_of = move |node: NodeId| {
        lanes_for_names.iter().position(|&n| n == node).and_then(|i| names.get(i).cloned()).unwrap_or_default()
    };
    let lane_lines = props.lanes.iter().zip(&props.names).map(|(&node, name)| {
        let x = fixed(x_of(node, &props.lanes), 1);
        html! { <g>
            <text class="st-name" x={x.clone()} y="16" text-anchor="middle">{ name.clone() }</text>
            <line class="st-lane" x1={x.clone()} x2={x} y1={fixed(TOP - 10.0, 1)} y2={fixed(height - 4.0, 1)} />
        </g> }
    });
    let times = rows.iter().map(|&ms| {
        html! { <text key={ms} class="st-time" x="4" y={fixed(y_of(ms, &rows) + 3.0, 1)}>{ sim_time(ms) }</text> }
    });
    let now_y = fixed(y_of(props.now_ms, &rows), 1);
    // The newest captions first: they are the ones nearest the moment shown.
    let places: Vec<(f64, f64, usize)> = props
        .messages
        .iter()
        .rev()
        .map(|m| {
            let (x, y) = caption_at(m, &props.lanes, &rows);
            (x, y, m.caption.chars().count())
        })
        .collect();
    let mut fits = captions_that_fit(&places);
    fits.reverse();
    let arrows = props
        .messages
        .iter()
        .zip(keys(&props.messages))
        .zip(fits)
        .map(|((m, key), captioned)| arrow(m, Drawn { key, captioned, name_of: &name_of }, props, &rows));
    html! {
        <svg xmlns="http://www.w3.org/2000/svg" class="spacetime__svg" width={fixed(width, 0)} height={fixed(height, 0)}
            viewBox={format!("0 0 {} {}", fixed(width, 0), fixed(height, 0))} role="group"
            aria-label={format!("Spacetime diagram: {} messages between {} nodes, time running down", props.messages.len(), props.lanes.len())}>
            <style>{ STYLE }</style>
            <defs>
                <marker id="st-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0L10,5L0,10z" fill="#1b2330" />
                </marker>
            </defs>
            // A group per list: Yew matches unkeyed children from their end, and the rows'
            // count changes as the window slides (`stable_keys`).
            <g>{ for lane_lines }</g>
            <g>{ for times }</g>
            <line class="st-now" x1={fixed(LEFT - 4.0, 1)} x2={fixed(width, 1)} y1={now_y.clone()} y2={now_y} />
            <g>{ for arrows }</g>
            <text class="st-time" x="4" y="16">{ "time ↓" }</text>
        </svg>
    }
}
