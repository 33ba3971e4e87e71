//! The spacetime diagram (a Lamport diagram) for the selected partition, beside the metrics:
//! one vertical line per node, the latest messages between them as arrows across time, up
//! to the moment shown (it follows seeks and play, as the network diagram does), exportable
//! as an SVG file.
mod diagram;
mod gather;
mod layout;

use yew::prelude::*;

use crate::sim::ids::NodeId;
use crate::ui::state::PlaygroundState;
use diagram::Diagram;

fn lane_name(node: NodeId, state: &PlaygroundState) -> String {
    match node {
        NodeId::Broker(b) => format!("broker {b}"),
        NodeId::Controller => "controller".to_owned(),
        NodeId::Client(c) => state.views.clients.get(c.index()).map_or_else(|| "client".to_owned(), |c| c.name.clone()),
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

pub fn spacetime(state: &PlaygroundState) -> Html {
    let Some(detail) = state.views.detail.as_ref() else { return Html::default() };
    let replicas: Vec<u32> = detail.replicas.iter().map(|r| r.broker).collect();
    let clients = state.views.clients.len();
    let now_ms = state.now_ms();
    let messages = {
        let session = state.session();
        let wanted = gather::nodes(&replicas, clients);
        let delivered = session.cluster().recent_messages();
        gather::gather(delivered, &state.views.messages, &wanted, now_ms, state.prefs.show_heartbeats)
    };
    let lanes = gather::lanes(&replicas, clients, &messages);
    let names: Vec<String> = lanes.iter().map(|&n| lane_name(n, state)).collect();
    let partition = detail.name.clone();
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
