//! One message in flight on the network diagram: a shape moving along a curved link, with its
//! caption while few are on the wire. Its shape says its family (a square for a produce, a
//! circle for a follower's fetch, a diamond for a consumer's, a triangle for metadata, a small
//! dot for a heartbeat, a bar for the rest) and its fill the direction (a request filled, a
//! response hollow), so colour is never the only sign; the shapes are defined once, in
//! index.html (`#m-produce`...). A message on a cut link (doomed) is
//! drawn red and dashed and turns into a ✕ before it would arrive. With reduced motion asked
//! for, it moves in four steps instead of gliding.
use yew::prelude::*;

use crate::sim::message::MessageKind;
use crate::sim::view_detail::MessageView;
use crate::ui::decimal::fixed;
use crate::ui::layout::{along, bow, progress, Point};

/// The family of a message, which names its shape and colour: a request and its response share one.
fn kind_class(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Produce | MessageKind::ProduceResponse => "produce",
        MessageKind::Fetch | MessageKind::FetchResponse => "fetch",
        MessageKind::ConsumerFetch
        | MessageKind::ConsumerFetchResponse
        | MessageKind::OffsetsForLeaderEpoch
        | MessageKind::OffsetsForLeaderEpochResponse => "consume",
        MessageKind::Metadata | MessageKind::MetadataResponse | MessageKind::MetadataPush => "metadata",
        MessageKind::Heartbeat | MessageKind::HeartbeatResponse => "heartbeat",
        _ => "control",
    }
}

fn is_response(kind: MessageKind) -> bool {
    matches!(
        kind,
        MessageKind::ProduceResponse
            | MessageKind::FetchResponse
            | MessageKind::ConsumerFetchResponse
            | MessageKind::OffsetsForLeaderEpochResponse
            | MessageKind::MetadataResponse
            | MessageKind::HeartbeatResponse
            | MessageKind::AlterPartitionResponse
    )
}

pub fn is_heartbeat(kind: MessageKind) -> bool {
    matches!(kind, MessageKind::Heartbeat | MessageKind::HeartbeatResponse)
}

/// The SVG path of the link from `from` to `to`, bowed so that a request and its response
/// do not draw over each other.
fn curve(from: Point, to: Point) -> String {
    let c = bow(from, to);
    let [fx, fy, cx, cy, tx, ty] = [from.x, from.y, c.x, c.y, to.x, to.y].map(|v| fixed(v, 1));
    format!("M{fx},{fy} Q{cx},{cy} {tx},{ty}")
}

/// Near either end of its link a message sits on a node, and its caption would cover the
/// node's name: captions show only on the way between.
fn clear_of_nodes(t: f64) -> bool {
    (0.12..=0.88).contains(&t)
}

/// `m` at `now_ms`, (now - sent) / (arrives - sent) of the way along its link. `labelled`:
/// few enough messages are drawn that their captions do not pile up. `stepped`: reduced
/// motion, so it jumps a quarter of the way at a time.
/// `key`: the message's own (`stable_keys`), so a shape stays with its message.
pub fn message_in_flight(
    m: &MessageView,
    key: String,
    (from, to): (Point, Point),
    now_ms: f64,
    labelled: bool,
    stepped: bool,
) -> Html {
    let t = progress(now_ms, m.sent_at, m.arrives_at);
    let at = along(from, to, if stepped { (t * 4.0).floor() / 4.0 } else { t });
    let failing = m.doomed && t > 0.75;
    let family = kind_class(m.kind);
    let class = classes!(
        "msg",
        format!("msg--{family}"),
        is_response(m.kind).then_some("msg--response"),
        m.doomed.then_some("msg--doomed")
    );
    html! {
        <g {key} class={class} data-testid="message" data-kind={family} data-doomed={m.doomed.to_string()}>
            <path class="msg__path" d={curve(from, to)} />
            if failing {
                <text class="msg__fail" x={fixed(at.x, 1)} y={fixed(at.y + 5.0, 1)} text-anchor="middle">{ "✕" }</text>
            } else {
                <use class="msg__dot" href={format!("#m-{family}")} x={fixed(at.x, 1)} y={fixed(at.y, 1)}><title>{ m.caption.as_str() }</title></use>
            }
            if labelled && !is_heartbeat(m.kind) && clear_of_nodes(t) {
                <text class="msg__caption" x={fixed(at.x + 10.0, 1)} y={fixed(at.y - 9.0, 1)}>
                    { if m.doomed { format!("{} (will be dropped)", m.caption) } else { m.caption.clone() } }
                </text>
            }
        </g>
    }
}
