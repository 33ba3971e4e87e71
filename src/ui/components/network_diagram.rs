//! The cluster as a diagram: brokers around the controller quorum, the producer left, the
//! consumer right, the links of the partition shown (`network_links`), its followers' fetches
//! waiting at the leader, and the messages in flight moving along their links at the speed of
//! simulated time: a message's place is (now - sent) / (arrives - sent) of the way along its
//! curve. A message on a cut link is drawn red and fails (✕) before it arrives.
use std::rc::Rc;

use yew::prelude::*;

use super::network_links::{link, parked_fetch};
use super::network_message::{is_heartbeat, message_in_flight};
use super::network_nodes::{broker_node, client_node, controller_node, cut_line};
use crate::sim::ids::NodeId;
use crate::sim::observe::fetch_loop::ParkedFetchView;
use crate::sim::view_detail::{ClientView, MessageView, PartitionDetail};
use crate::sim::BrokerView;
use crate::ui::layout::{broker_points, client_point, controller_point, node_point, Point, HEIGHT, WIDTH};
use crate::ui::stable_keys::unique_keys;
use crate::ui::state::Highlight;

/// Beyond this many messages the diagram draws the oldest only and says how many it left out.
pub const MAX_DRAWN: usize = 400;

/// What the shapes mean, under the diagram.
const LEGEND: &str =
    "■ produce · ● fetch · ◆ consume · ▲ metadata · filled: request, hollow: response · ◌ fetch waiting at the leader";

#[derive(Properties, PartialEq)]
pub struct NetworkDiagramProps {
    pub brokers: Vec<BrokerView>,
    pub clients: Rc<Vec<ClientView>>,
    pub messages: Rc<Vec<MessageView>>,
    /// Simulated time with the play loop's fraction of a ms, for smooth motion.
    pub now_ms: f64,
    pub show_heartbeats: bool,
    pub cuts: Rc<Vec<(NodeId, NodeId)>>,
    /// The quorum's active controller, named in the middle of the diagram.
    pub active_controller: Option<u32>,
    /// Which controller nodes are up.
    #[prop_or_default]
    pub quorum_alive: Vec<bool>,
    /// The partition shown up close, whose links are drawn.
    #[prop_or_default]
    pub partition: Option<Rc<PartitionDetail>>,
    /// Follower fetches waiting at their leaders.
    #[prop_or_default]
    pub parked: Rc<Vec<ParkedFetchView>>,
    /// Reduced motion: messages move in steps.
    #[prop_or_default]
    pub stepped: bool,
    #[prop_or_default]
    pub highlighted: Vec<u32>,
    /// A broker clicked: light up what touched it.
    pub on_highlight: Callback<Option<Highlight>>,
}

/// A key per message drawn, the same from frame to frame while it is on the wire.
fn message_keys(messages: &[&MessageView]) -> Vec<String> {
    let base = |m: &&MessageView| format!("{:?}{:?}{:?}{}-{}", m.from, m.to, m.kind, m.sent_at, m.arrives_at);
    unique_keys(messages.iter().map(base))
}

/// The links: every broker to the quorum; the partition's followers and the clients to its leader.
fn links(props: &NetworkDiagramProps, point_of: &dyn Fn(NodeId) -> Option<Point>) -> Vec<Html> {
    let mut lines: Vec<Html> = props
        .brokers
        .iter()
        .filter_map(|b| Some(link(point_of(NodeId::Broker(b.id))?, controller_point(), "link link--control")))
        .collect();
    let Some(detail) = props.partition.as_deref() else { return lines };
    let Some(leader) = detail.leader.and_then(|l| point_of(NodeId::Broker(l))) else { return lines };
    let followers = detail.replicas.iter().filter(|r| Some(r.broker) != detail.leader);
    lines.extend(followers.filter_map(|r| {
        let class = if r.alive { "link link--fetch" } else { "link link--fetch link--down" };
        Some(link(point_of(NodeId::Broker(r.broker))?, leader, class))
    }));
    let clients = props.clients.iter().enumerate();
    lines.extend(clients.map(|(i, c)| link(client_point(i, c.is_producer), leader, "link link--client")));
    lines
}

#[component]
pub fn NetworkDiagram(props: &NetworkDiagramProps) -> Html {
    let ids: Vec<u32> = props.brokers.iter().map(|b| b.id).collect();
    let points = broker_points(&ids);
    let client_kinds: Vec<bool> = props.clients.iter().map(|c| c.is_producer).collect();
    let point_of = |node: NodeId| node_point(node, &points, &client_kinds);
    let small = props.brokers.len() > 16;

    let visible: Vec<&MessageView> =
        props.messages.iter().filter(|m| props.show_heartbeats || !is_heartbeat(m.kind)).collect();
    let hidden = visible.len().saturating_sub(MAX_DRAWN);
    let labelled = visible.len() <= 24;
    let drawn = &visible[..visible.len() - hidden];
    let dots = drawn.iter().zip(message_keys(drawn)).filter_map(|(m, key)| {
        Some(message_in_flight(m, key, (point_of(m.from)?, point_of(m.to)?), props.now_ms, labelled, props.stepped))
    });
    let shown_leader = props.partition.as_ref().and_then(|d| d.leader);
    // Labels only where they fit: few fetches parked, and brokers drawn large (small ones
    // sit so close that a label would cover its neighbours' ids).
    let few_parked = props.parked.len() <= 40 && !small;
    let parked = props.parked.iter().filter_map(|p| {
        let labelled = few_parked && Some(p.leader) == shown_leader;
        Some(parked_fetch(
            p,
            point_of(NodeId::Broker(p.follower))?,
            point_of(NodeId::Broker(p.leader))?,
            props.now_ms,
            labelled,
        ))
    });
    let cut_lines = props.cuts.iter().filter_map(|(a, b)| Some(cut_line(point_of(*a)?, point_of(*b)?)));
    let brokers = props
        .brokers
        .iter()
        .zip(points.iter())
        .map(|(b, (_, p))| broker_node(b, *p, small, props.highlighted.contains(&b.id), &props.on_highlight));
    let clients = props.clients.iter().enumerate().map(|(i, c)| client_node(c, client_point(i, c.is_producer)));

    html! {
        <figure class="network" data-testid="network-diagram">
            <svg viewBox={format!("0 0 {} {}", WIDTH as u32, HEIGHT as u32)} role="group"
                aria-label="The network: brokers around the controller quorum, clients at the sides, the fetch loop's links, messages in flight">
                // One group per kind of shape: Yew matches an element's unkeyed children from
                // their end, so a list whose length changes every frame (the messages) must
                // not share a parent with the brokers, or every broker would be redrawn as
                // its neighbour (`stable_keys`).
                <g class="network__links">{ for links(props, &point_of) }</g>
                { controller_node(props.active_controller, &props.quorum_alive) }
                <g class="network__cuts">{ for cut_lines }</g>
                <g class="network__brokers">{ for brokers }</g>
                <g class="network__clients">{ for clients }</g>
                <g class="network__parked">{ for parked }</g>
                <g class="network__messages">{ for dots }</g>
            </svg>
            <figcaption class="muted">
                <span data-testid="message-count">
                    { format!("{} message{} in flight", visible.len(), if visible.len() == 1 { "" } else { "s" }) }
                    if hidden > 0 { { format!(" ({hidden} not drawn)") } }
                    if !props.show_heartbeats { { " · heartbeats hidden" } }
                </span>
                <span class="network__legend">{ LEGEND }</span>
            </figcaption>
        </figure>
    }
}
