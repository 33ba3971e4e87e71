//! One message in flight on the network diagram: a dot moving along a curved link, coloured
//! by what kind of message it is, with its caption while few are on the wire. A message on a
//! cut link (doomed) is drawn red and turns into a ✕ before it would arrive.
use yew::prelude::*;

use crate::sim::message::MessageKind;
use crate::sim::view_detail::MessageView;
use crate::ui::decimal::fixed;
use crate::ui::layout::{along, bow, progress, Point};

/// The colour family of a message: a request and its response share one.
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

/// `m` at `now_ms`, (now - sent) / (arrives - sent) of the way along its link. `labelled`:
/// few enough messages are drawn that their captions do not pile up.
pub fn message_in_flight(m: &MessageView, from: Point, to: Point, now_ms: f64, labelled: bool) -> Html {
    let t = progress(now_ms, m.sent_at, m.arrives_at);
    let at = along(from, to, t);
    let failing = m.doomed && t > 0.75;
    let class = classes!("msg", format!("msg--{}", kind_class(m.kind)), m.doomed.then_some("msg--doomed"));
    let title = format!("{}: {} ({} → {}ms)", m.kind.label(), m.caption, m.sent_at, m.arrives_at);
    html! {
        <g class={class} data-testid="message" data-kind={kind_class(m.kind)} data-doomed={m.doomed.to_string()}>
            <path class="msg__path" d={curve(from, to)} />
            if failing {
                <text class="msg__fail" x={fixed(at.x, 1)} y={fixed(at.y + 5.0, 1)} text-anchor="middle">{ "✕" }</text>
            } else {
                <circle class="msg__dot" cx={fixed(at.x, 1)} cy={fixed(at.y, 1)} r="6"><title>{ title }</title></circle>
            }
            if labelled && !is_heartbeat(m.kind) {
                <text class="msg__caption" x={fixed(at.x + 9.0, 1)} y={fixed(at.y - 8.0, 1)}>
                    { if m.doomed { format!("{} (will be dropped)", m.caption) } else { m.caption.clone() } }
                </text>
            }
        </g>
    }
}
