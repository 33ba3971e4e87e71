//! Messages in flight, drawn moving along the links at the speed of simulated time: a dot's
//! place is (now - sent) / (arrives - sent) of the way along its curve. Brokers sit around
//! the controller quorum; the producer left, the consumer right. A message on a cut link is
//! drawn red and fails (✕) before it arrives.
use std::rc::Rc;

use yew::prelude::*;

use super::decimal::fixed;
use super::layout::{along, bow, broker_points, client_point, controller_point, node_point, progress, Point, HEIGHT, WIDTH};
use super::state::{Action, PlaygroundState};
use crate::sim::ids::NodeId;
use crate::sim::message::MessageKind;
use crate::sim::view_detail::{ClientView, MessageView};
use crate::sim::{BrokerStatus, BrokerView};

/// Beyond this many messages the diagram draws the oldest only and says how many it left out.
pub const MAX_DRAWN: usize = 400;

#[derive(Properties, PartialEq)]
pub struct NetworkDiagramProps {
    pub brokers: Vec<BrokerView>,
    pub clients: Rc<Vec<ClientView>>,
    pub messages: Rc<Vec<MessageView>>,
    /// Simulated time with the play loop's fraction of a ms, for smooth motion.
    pub now_ms: f64,
    pub show_heartbeats: bool,
    pub cuts: Vec<(NodeId, NodeId)>,
    #[prop_or_default]
    pub highlighted: Vec<u32>,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

fn kind_class(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Produce | MessageKind::ProduceResponse => "produce",
        MessageKind::Fetch | MessageKind::FetchResponse => "fetch",
        MessageKind::ConsumerFetch | MessageKind::ConsumerFetchResponse => "consume",
        MessageKind::Metadata | MessageKind::MetadataResponse | MessageKind::MetadataPush => "metadata",
        MessageKind::Heartbeat | MessageKind::HeartbeatResponse => "heartbeat",
        _ => "control",
    }
}

fn is_heartbeat(kind: MessageKind) -> bool {
    matches!(kind, MessageKind::Heartbeat | MessageKind::HeartbeatResponse)
}

fn curve(from: Point, to: Point) -> String {
    let c = bow(from, to);
    let [fx, fy, cx, cy, tx, ty] = [from.x, from.y, c.x, c.y, to.x, to.y].map(|v| fixed(v, 1));
    format!("M{fx},{fy} Q{cx},{cy} {tx},{ty}")
}

#[component]
pub fn NetworkDiagram(props: &NetworkDiagramProps) -> Html {
    let ids: Vec<u32> = props.brokers.iter().map(|b| b.id).collect();
    let points = broker_points(&ids);
    let client_kinds: Vec<bool> = props.clients.iter().map(|c| c.is_producer).collect();
    let small = props.brokers.len() > 16;
    let radius = if small { 9.0 } else { 24.0 };

    let visible: Vec<&MessageView> =
        props.messages.iter().filter(|m| props.show_heartbeats || !is_heartbeat(m.kind)).collect();
    let hidden = visible.len().saturating_sub(MAX_DRAWN);
    let labelled = visible.len() <= 24;
    let dots = visible.iter().take(MAX_DRAWN).filter_map(|m| {
        let from = node_point(m.from, &points, &client_kinds)?;
        let to = node_point(m.to, &points, &client_kinds)?;
        let t = progress(props.now_ms, m.sent_at, m.arrives_at);
        let at = along(from, to, t);
        let failing = m.doomed && t > 0.75;
        let class = classes!("msg", format!("msg--{}", kind_class(m.kind)), m.doomed.then_some("msg--doomed"));
        let title = format!("{}: {} ({} → {}ms)", m.kind.label(), m.caption, m.sent_at, m.arrives_at);
        Some(html! {
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
        })
    });

    let cut_lines = props.cuts.iter().filter_map(|(a, b)| {
        let (pa, pb) = (node_point(*a, &points, &client_kinds)?, node_point(*b, &points, &client_kinds)?);
        Some(html! { <line class="link--cut" x1={fixed(pa.x, 1)} y1={fixed(pa.y, 1)} x2={fixed(pb.x, 1)} y2={fixed(pb.y, 1)} /> })
    });

    let brokers = props.brokers.iter().zip(points.iter()).map(|(b, (_, p))| {
        let state = match b.status {
            BrokerStatus::Alive if b.isolated => "isolated",
            BrokerStatus::Alive => "alive",
            BrokerStatus::Crashed => "crashed",
            BrokerStatus::Stopped => "stopped",
        };
        let lit = props.highlighted.contains(&b.id);
        let d = props.dispatcher.clone();
        let id = b.id;
        let onclick = Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Highlight(Some(super::state::Highlight { brokers: vec![id], partition: None })))
        });
        html! {
            <g class={classes!("node", format!("node--{state}"), lit.then_some("is-highlighted"))}
                data-testid="net-broker" data-broker-id={b.id.to_string()} {onclick}>
                <circle cx={fixed(p.x, 1)} cy={fixed(p.y, 1)} r={fixed(radius, 0)} />
                <text x={fixed(p.x, 1)} y={fixed(p.y + 4.0, 1)} text-anchor="middle">
                    { if small { b.id.to_string() } else { format!("B{}", b.id) } }
                </text>
                if !small {
                    <text class="node__sub" x={fixed(p.x, 1)} y={fixed(p.y + radius + 13.0, 1)} text-anchor="middle">
                        { if state == "alive" { format!("rack {}", b.rack.clone().unwrap_or_default()) } else { state.to_string() } }
                    </text>
                }
            </g>
        }
    });
    let clients = props.clients.iter().enumerate().map(|(i, c)| {
        let p = client_point(i, c.is_producer);
        html! {
            <g class="node node--client">
                <rect x={fixed(p.x - 46.0, 1)} y={fixed(p.y - 16.0, 1)} width="92" height="32" rx="6" />
                <text x={fixed(p.x, 1)} y={fixed(p.y + 4.0, 1)} text-anchor="middle">{ &c.name }</text>
            </g>
        }
    });
    let cp = controller_point();

    html! {
        <figure class="network" data-testid="network-diagram">
            <svg viewBox={format!("0 0 {} {}", WIDTH as u32, HEIGHT as u32)} role="img"
                aria-label="The network: brokers around the controller quorum, clients at the sides, messages in flight">
                <g class="node node--controller">
                    <rect x={fixed(cp.x - 56.0, 1)} y={fixed(cp.y - 18.0, 1)} width="112" height="36" rx="18" />
                    <text x={fixed(cp.x, 1)} y={fixed(cp.y + 4.0, 1)} text-anchor="middle">{ "controller" }</text>
                </g>
                { for cut_lines }
                { for brokers }
                { for clients }
                { for dots }
            </svg>
            <figcaption class="muted" data-testid="message-count">
                { format!("{} message{} in flight", visible.len(), if visible.len() == 1 { "" } else { "s" }) }
                if hidden > 0 { { format!(" ({hidden} not drawn)") } }
                if !props.show_heartbeats { { " · heartbeats hidden" } }
            </figcaption>
        </figure>
    }
}
