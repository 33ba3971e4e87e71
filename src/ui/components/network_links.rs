//! The links of the network diagram and the fetch loop on them: every broker to the controller
//! quorum (heartbeats, registration), each follower of the partition shown to its leader (the
//! fetch loop), the clients to that leader; and each follower fetch the leader holds (long
//! poll, `replica.fetch.wait.max.ms`), drawn waiting at the leader's end of its link with the
//! time left before the leader answers it even without new records.
use yew::prelude::*;

use crate::sim::observe::fetch_loop::ParkedFetchView;
use crate::ui::decimal::fixed;
use crate::ui::layout::{along, Point};

pub fn link(a: Point, b: Point, class: &'static str) -> Html {
    html! { <line {class} x1={fixed(a.x, 1)} y1={fixed(a.y, 1)} x2={fixed(b.x, 1)} y2={fixed(b.y, 1)} /> }
}

/// A parked fetch, on the request's arc close to the leader. `labelled`: few are parked, so
/// one carrying the partition shown has its offset and countdown written beside it, on the
/// follower's side (two followers' labels never cross).
pub fn parked_fetch(p: &ParkedFetchView, follower: Point, leader: Point, now_ms: f64, labelled: bool) -> Html {
    let at = along(follower, leader, 0.78);
    let left_ms = (p.deadline_ms as f64 - now_ms).max(0.0) as u64;
    let (x, y) = (fixed(at.x, 1), fixed(at.y, 1));
    let (label_x, anchor) = if follower.x < leader.x { (at.x - 11.0, "end") } else { (at.x + 11.0, "start") };
    html! {
        // One fetch session per follower and leader: one parked fetch.
        <g key={format!("{}-{}", p.follower, p.leader)} class="parked" data-testid="parked-fetch" data-follower={p.follower.to_string()} data-leader={p.leader.to_string()}>
            <title>{ format!("Broker {}'s fetch waits at broker {} for new records, at most {left_ms} ms more (replica.fetch.wait.max.ms)", p.follower, p.leader) }</title>
            <circle class="parked__ring" cx={x} cy={y} r="7" />
            if let Some(offset) = p.fetch_offset.filter(|_| labelled) {
                <text class="parked__label" data-testid="parked-countdown" x={fixed(label_x, 1)} y={fixed(at.y + 4.0, 1)} text-anchor={anchor}>
                    { format!("fetch @{offset} waits {left_ms} ms") }
                </text>
            }
        </g>
    }
}
