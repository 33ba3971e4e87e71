//! Messages in flight, drawn moving along the links at the speed of simulated time: a dot's
//! place is (now - sent) / (arrives - sent) of the way along its curve. Brokers sit around
//! the controller quorum; the producer left, the consumer right. A message on a cut link is
//! drawn red and fails (✕) before it arrives.
use std::rc::Rc;

use yew::prelude::*;

use super::network_message::{is_heartbeat, message_in_flight};
use super::network_nodes::{broker_node, client_node, controller_node, cut_line};
use crate::sim::ids::NodeId;
use crate::sim::view_detail::{ClientView, MessageView};
use crate::sim::BrokerView;
use crate::ui::layout::{broker_points, client_point, node_point, HEIGHT, WIDTH};
use crate::ui::state::Highlight;

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
    pub cuts: Rc<Vec<(NodeId, NodeId)>>,
    /// The quorum's active controller, named in the middle of the diagram.
    pub active_controller: Option<u32>,
    #[prop_or_default]
    pub highlighted: Vec<u32>,
    /// A broker clicked: light up what touched it.
    pub on_highlight: Callback<Option<Highlight>>,
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
    let dots = visible
        .iter()
        .take(MAX_DRAWN)
        .filter_map(|m| Some(message_in_flight(m, point_of(m.from)?, point_of(m.to)?, props.now_ms, labelled)));
    let cut_lines = props.cuts.iter().filter_map(|(a, b)| Some(cut_line(point_of(*a)?, point_of(*b)?)));
    let brokers = props
        .brokers
        .iter()
        .zip(points.iter())
        .map(|(b, (_, p))| broker_node(b, *p, small, props.highlighted.contains(&b.id), &props.on_highlight));
    let clients = props.clients.iter().enumerate().map(|(i, c)| client_node(c, client_point(i, c.is_producer)));

    html! {
        <figure class="network" data-testid="network-diagram">
            <svg viewBox={format!("0 0 {} {}", WIDTH as u32, HEIGHT as u32)} role="img"
                aria-label="The network: brokers around the controller quorum, clients at the sides, messages in flight">
                { controller_node(props.active_controller) }
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
