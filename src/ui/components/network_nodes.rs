//! The nodes of the network diagram and the cuts between them: the controller quorum in the
//! middle, a circle per broker around it (click to highlight its events), a box per client
//! at the sides, and a line for each cut link.
use yew::prelude::*;

use crate::sim::view_detail::ClientView;
use crate::sim::{BrokerStatus, BrokerView};
use crate::ui::decimal::fixed;
use crate::ui::labels::{fenced_in, rack_on_diagram};
use crate::ui::layout::{controller_point, Point};
use crate::ui::state::Highlight;

/// The controller quorum, naming its active node: in KRaft the controllers are nodes of
/// their own, so the active one is never shown on a broker that happens to share its id.
pub fn controller_node(active: Option<u32>, alive: &[bool]) -> Html {
    let cp = controller_point();
    let label = active.map_or_else(|| "no active controller".to_owned(), |n| format!("★ controller {n}"));
    let up = alive.iter().filter(|a| **a).count();
    html! {
        <g class="node node--controller" data-testid="diagram-controller">
            <title>{ "The KRaft controller quorum; ★ marks its active controller, which fences brokers and elects leaders" }</title>
            <rect x={fixed(cp.x - 76.0, 1)} y={fixed(cp.y - 18.0, 1)} width="152" height="36" rx="18" />
            <text x={fixed(cp.x, 1)} y={fixed(cp.y + 4.0, 1)} text-anchor="middle">{ label }</text>
            if !alive.is_empty() {
                <text class="node__sub" x={fixed(cp.x, 1)} y={fixed(cp.y + 32.0, 1)} text-anchor="middle">
                    { format!("quorum: {up} of {} up", alive.len()) }</text>
            }
        </g>
    }
}

pub fn cut_line(a: Point, b: Point) -> Html {
    html! { <line class="link--cut" x1={fixed(a.x, 1)} y1={fixed(a.y, 1)} x2={fixed(b.x, 1)} y2={fixed(b.y, 1)} /> }
}

/// Broker `b` at `p`. `small`: too many brokers for full circles and labels, so small ones
/// with the bare id. `lit`: an event in the feed touched it.
pub fn broker_node(
    b: &BrokerView,
    p: Point,
    small: bool,
    lit: bool,
    on_highlight: &Callback<Option<Highlight>>,
) -> Html {
    let radius = if small { 9.0 } else { 24.0 };
    let state = match b.status {
        BrokerStatus::Alive if b.isolated => "isolated",
        BrokerStatus::Alive => "alive",
        BrokerStatus::Crashed => "crashed",
        BrokerStatus::Stopped => "stopped",
    };
    let id = b.id;
    let lit_up = move || Some(Highlight { brokers: vec![id], partition: None });
    let onclick = on_highlight.reform(move |_: MouseEvent| lit_up());
    // Enter or Space on a focused broker does what a click does (and does not toggle Play).
    let on_highlight = on_highlight.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if matches!(e.key().as_str(), "Enter" | " ") {
            e.prevent_default();
            e.stop_propagation();
            on_highlight.emit(lit_up());
        }
    });
    html! {
        <g key={b.id} class={classes!("node", format!("node--{state}"), lit.then_some("is-highlighted"))} tabindex="0" role="button"
            data-testid="net-broker" data-broker-id={b.id.to_string()} {onclick} {onkeydown}>
            <circle cx={fixed(p.x, 1)} cy={fixed(p.y, 1)} r={fixed(radius, 0)} />
            <text x={fixed(p.x, 1)} y={fixed(p.y + 4.0, 1)} text-anchor="middle">
                { if small { b.id.to_string() } else { format!("B{}", b.id) } }
            </text>
            if !small {
                <text class="node__sub" x={fixed(p.x, 1)} y={fixed(p.y + radius + 13.0, 1)} text-anchor="middle">
                    { match (state, &b.rack) {
                        ("alive", Some(rack)) => rack_on_diagram(rack),
                        ("alive", None) => String::new(),
                        _ if b.fenced => format!("{state} · fenced"),
                        _ => state.to_string(),
                    } }
                </text>
            }
            // The controller's countdown, where the eye is during a failover.
            if let Some(ms) = b.fenced_in_ms.filter(|_| !small) {
                <text class="node__countdown" data-testid="net-session-countdown" x={fixed(p.x, 1)}
                    y={fixed(p.y + radius + 27.0, 1)} text-anchor="middle">{ fenced_in(ms) }</text>
            }
        </g>
    }
}

pub fn client_node(c: &ClientView, p: Point) -> Html {
    html! {
        <g class="node node--client">
            <rect x={fixed(p.x - 46.0, 1)} y={fixed(p.y - 16.0, 1)} width="92" height="32" rx="6" />
            <text x={fixed(p.x, 1)} y={fixed(p.y + 4.0, 1)} text-anchor="middle">{ &c.name }</text>
        </g>
    }
}
