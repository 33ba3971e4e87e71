//! The spacetime diagram (a Lamport diagram) for the selected partition, beside the metrics:
//! one vertical line per node, the latest messages between them as arrows across time, up
//! to the moment shown (it follows seeks and play, as the network diagram does), exportable
//! as an SVG file.
mod diagram;
mod gather;
mod layout;

use yew::prelude::*;

use std::rc::Rc;

use crate::sim::ids::NodeId;
use crate::sim::view_detail::{ClientView, MessageView, PartitionDetail};
use crate::ui::state::{PlaygroundState, SessionHandle};
use diagram::Diagram;

/// What the panel draws from, and when it draws again: at every change while paused or
/// stepping, and a few times a second while playing, in turn with the metrics
/// (`metrics::beat_of`), which keeps its cost off most frames of play.
#[derive(Properties, Clone)]
pub struct SpacetimeProps {
    pub session: SessionHandle,
    /// The moment it was last drawn at: (session, beat).
    pub beat: (u64, u64),
    pub detail: Rc<PartitionDetail>,
    pub in_flight: Rc<Vec<MessageView>>,
    pub clients: Rc<Vec<ClientView>>,
    pub now_ms: u64,
    pub show_heartbeats: bool,
}

impl PartialEq for SpacetimeProps {
    fn eq(&self, other: &Self) -> bool {
        (self.beat, self.show_heartbeats, &self.detail.name) == (other.beat, other.show_heartbeats, &other.detail.name)
    }
}

fn lane_name(node: NodeId, clients: &[ClientView]) -> String {
    match node {
        NodeId::Broker(b) => format!("broker {b}"),
        NodeId::Controller => "controller".to_owned(),
        NodeId::Client(c) => clients.get(c.index()).map_or_else(|| "client".to_owned(), |c| c.name.clone()),
    }
}

/// Saves the diagram as drawn, as an SVG file named after the partition and the moment.
fn export(partition: &str, now_ms: u64) {
    let svg = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=spacetime] svg").ok().flatten())
        .map(|svg| svg.outer_html());
    if let Some(svg) = svg {
        crate::ui::dom::download(&format!("spacetime-{partition}-{now_ms}ms.svg"), &svg);
    }
}

/// The panel for the selected partition, if one is shown.
pub fn spacetime(state: &PlaygroundState) -> Html {
    let Some(detail) = state.views.detail.clone() else { return Html::default() };
    // Half as often as the plots: a redraw moves every arrow as the rows slide.
    let beat = super::metrics::beat_of(state, 2 * super::metrics::FRAMES_PER_BEAT, 8);
    html! {
        <SpacetimePanel session={state.session.clone()} {beat} {detail} in_flight={state.views.messages.clone()}
            clients={state.views.clients.clone()} now_ms={state.now_ms()} show_heartbeats={state.prefs.show_heartbeats} />
    }
}

#[component]
fn SpacetimePanel(props: &SpacetimeProps) -> Html {
    let replicas: Vec<u32> = props.detail.replicas.iter().map(|r| r.broker).collect();
    let clients = props.clients.len();
    let now_ms = props.now_ms;
    let messages = {
        let session = props.session.borrow();
        let wanted = gather::nodes(&replicas, clients);
        let delivered = session.cluster().recent_messages();
        gather::gather(delivered, &props.in_flight, &wanted, now_ms, props.show_heartbeats)
    };
    let lanes = gather::lanes(&replicas, clients, &messages);
    let names: Vec<String> = lanes.iter().map(|&n| lane_name(n, &props.clients)).collect();
    let partition = props.detail.name.clone();
    let on_export = {
        let partition = partition.clone();
        Callback::from(move |_: MouseEvent| export(&partition, now_ms))
    };
    html! {
        <section class="panel panel--spacetime" data-testid="spacetime" aria-labelledby="spacetime-heading">
            <div class="panel__head">
                <h2 id="spacetime-heading">{ format!("Spacetime: {partition}") }</h2>
                <button type="button" class="button button--quiet" data-testid="spacetime-export" onclick={on_export}>{ "Export SVG" }</button>
            </div>
            <p class="spacetime__note">{ "Time runs down, one row per millisecond in which something happened. \
                A cross: the message was dropped (cut link) or lost with its process; dashed: still on the wire. \
                Hover or Tab to an arrow to read it." }</p>
            <div class="spacetime__scroll">
                <Diagram {lanes} {names} {messages} {now_ms} />
            </div>
        </section>
    }
}
