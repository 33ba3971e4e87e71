//! Messages in flight, drawn moving along the links at the speed of simulated time: a dot's
//! place is (now - sent) / (arrives - sent) of the way along its curve. Brokers sit around
//! the controller quorum; the producer left, the consumer right. A message on a cut link is
//! drawn red and fails (✕) before it arrives.
use std::rc::Rc;

use yew::prelude::*;

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
    format!("M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}", from.x, from.y, c.x, c.y, to.x, to.y)
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
                    <text class="msg__fail" x={format!("{:.1}", at.x)} y={format!("{:.1}", at.y + 5.0)} text-anchor="middle">{ "✕" }</text>
                } else {
                    <circle class="msg__dot" cx={format!("{:.1}", at.x)} cy={format!("{:.1}", at.y)} r="6"><title>{ title }</title></circle>
                }
                if labelled && !is_heartbeat(m.kind) {
                    <text class="msg__caption" x={format!("{:.1}", at.x + 9.0)} y={format!("{:.1}", at.y - 8.0)}>
                        { if m.doomed { format!("{} (will be dropped)", m.caption) } else { m.caption.clone() } }
                    </text>
                }
            </g>
        })
    });

    let cut_lines = props.cuts.iter().filter_map(|(a, b)| {
        let (pa, pb) = (node_point(*a, &points, &client_kinds)?, node_point(*b, &points, &client_kinds)?);
        Some(html! { <line class="link--cut" x1={pa.x.to_string()} y1={pa.y.to_string()} x2={pb.x.to_string()} y2={pb.y.to_string()} /> })
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
                <circle cx={p.x.to_string()} cy={p.y.to_string()} r={radius.to_string()} />
                <text x={p.x.to_string()} y={format!("{:.1}", p.y + 4.0)} text-anchor="middle">
                    { if small { b.id.to_string() } else { format!("B{}", b.id) } }
                </text>
                if !small {
                    <text class="node__sub" x={p.x.to_string()} y={format!("{:.1}", p.y + radius + 13.0)} text-anchor="middle">
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
                <rect x={(p.x - 46.0).to_string()} y={(p.y - 16.0).to_string()} width="92" height="32" rx="6" />
                <text x={p.x.to_string()} y={(p.y + 4.0).to_string()} text-anchor="middle">{ &c.name }</text>
            </g>
        }
    });
    let cp = controller_point();

    html! {
        <figure class="network" data-testid="network-diagram">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label="The network: brokers around the controller quorum, clients at the sides, messages in flight">
                <g class="node node--controller">
                    <rect x={(cp.x - 56.0).to_string()} y={(cp.y - 18.0).to_string()} width="112" height="36" rx="18" />
                    <text x={cp.x.to_string()} y={(cp.y + 4.0).to_string()} text-anchor="middle">{ "controller" }</text>
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
