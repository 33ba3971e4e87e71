//! The page's panels below the header, one function each, in the order the App lays them
//! out: the network, the brokers by rack, the timeline, the partition up close, the
//! partition table, the controls, the event feed and the console. Plain functions rather
//! than components: they hold no state of their own, and each component adds to the bundle.
use std::rc::Rc;

use yew::prelude::*;

use super::broker_card::BrokerCard;
use super::client_node::ClientNode;
use super::cluster_controls::ClusterControls;
use super::console::Console;
use super::controller_quorum::ControllerQuorum;
use super::event_feed::EventFeed;
use super::field_message::FieldMessage;
use super::network_diagram::NetworkDiagram;
use super::partition_table::PartitionTable;
use super::partition_view::PartitionViewPanel;
use super::produce_controls::ProduceControls;
use super::rack_group::RackGroup;
use super::racks::group_by_rack;
use super::role_legend::RoleLegend;
use super::session_bar::SessionBar;
use super::settings_panel::SettingsPanel;
use super::state::{Action, Highlight, PlaygroundState};
use super::timeline::Timeline;

pub fn network_panel(
    state: &PlaygroundState,
    highlight: &Highlight,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    let on_heartbeats = {
        let (d, on) = (d.clone(), state.show_heartbeats);
        Callback::from(move |_: Event| d.dispatch(Action::SetHeartbeats(!on)))
    };
    let clients = state.clients.iter().map(|c| html! { <ClientNode key={c.name.clone()} client={c.clone()} /> });
    let (cuts, _) = state.session().cluster().network_faults();
    html! {
        <section class="panel panel--wide" aria-labelledby="network-heading">
            <div class="panel__head">
                <h2 id="network-heading">{ "Network" }</h2>
                <label class="field field--inline">
                    <input type="checkbox" data-testid="heartbeat-toggle" checked={state.show_heartbeats} onchange={on_heartbeats} />
                    <span>{ "Show heartbeats" }</span>
                </label>
            </div>
            <div class="network-row">
                <NetworkDiagram brokers={state.view.brokers.clone()} clients={state.clients.clone()} messages={state.messages.clone()}
                    now_ms={state.now_exact_ms()} show_heartbeats={state.show_heartbeats} {cuts}
                    highlighted={highlight.brokers.clone()} dispatcher={d.clone()} />
                <div class="side-nodes">
                    <ControllerQuorum controller={state.controller.clone()} dispatcher={d.clone()} />
                    { for clients }
                </div>
            </div>
        </section>
    }
}

pub fn brokers_panel(
    state: &PlaygroundState,
    highlight: &Highlight,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    html! {
        <section class="panel panel--wide" aria-labelledby="brokers-heading">
            <div class="panel__head">
                <h2 id="brokers-heading">{ "Brokers" }</h2>
                <RoleLegend />
            </div>
            <FieldMessage message={state.field_message("broker")} testid="broker-message" />
            <div class="racks" data-testid="racks">{ for rack_groups(state, highlight, d) }</div>
        </section>
    }
}

/// One column of broker cards per rack, the active controller's card marked.
fn rack_groups(state: &PlaygroundState, highlight: &Highlight, d: &UseReducerDispatcher<PlaygroundState>) -> Vec<Html> {
    let controller = state.view.active_controller;
    group_by_rack(&state.view.brokers)
        .into_iter()
        .map(|group| {
            let cards = group.brokers.into_iter().map(|broker| {
                let (key, is_controller) = (broker.id, controller == Some(broker.id));
                let highlighted = highlight.brokers.contains(&broker.id);
                html! { <BrokerCard {key} {broker} {is_controller} {highlighted}
                selected_partition={state.selected.clone()} dispatcher={d.clone()} /> }
            });
            let key = group.rack.clone().unwrap_or_default();
            html! { <RackGroup {key} rack={group.rack}>{ for cards }</RackGroup> }
        })
        .collect()
}

/// `export` and `trace` read the session when pressed, not when drawn.
pub fn timeline_panel(
    state: &PlaygroundState,
    export: Callback<(), String>,
    trace: Callback<(), String>,
    has_previous: bool,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    let on_open_help = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Help(Some(true))))
    };
    html! {
        <section class="panel panel--wide" aria-labelledby="timeline-heading">
            <div class="panel__head">
                <h2 id="timeline-heading">{ "Timeline" }</h2>
                <button type="button" class="button button--quiet" data-testid="key-help-open" onclick={on_open_help}>{ "Keys (?)" }</button>
            </div>
            <Timeline now_ms={state.view.now_ms} end_ms={state.end_ms} live={state.live} markers={state.markers.clone()} dispatcher={d.clone()} />
            <SessionBar {export} {trace} {has_previous} live={state.live} link_message={state.field_message("link")}
                storage_message={state.field_message("storage")} dispatcher={d.clone()} />
        </section>
    }
}

pub fn partition_panel(state: &PlaygroundState, d: &UseReducerDispatcher<PlaygroundState>) -> Html {
    html! {
        <section class="panel panel--wide" aria-labelledby="partition-heading">
            <div class="panel__head"><h2 id="partition-heading">{ "Partition view" }</h2></div>
            <PartitionViewPanel detail={state.detail.clone()} clients={state.clients.clone()}
                manual_replication={state.manual_replication} message={state.field_message("partition")} dispatcher={d.clone()} />
        </section>
    }
}

pub fn partitions_panel(
    state: &PlaygroundState,
    highlight: &Highlight,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    html! {
        <section class="panel" aria-labelledby="partitions-heading">
            <div class="panel__head"><h2 id="partitions-heading">{ "Partitions" }</h2></div>
            <PartitionTable partitions={state.view.partitions.clone()} selected={state.selected.clone()}
                highlighted={highlight.partition.clone()} dispatcher={d.clone()} />
        </section>
    }
}

pub fn controls_panel(
    state: &PlaygroundState,
    partitions: Vec<String>,
    broker_ids: Vec<u32>,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    let topics = state.session().cluster().topic_names();
    let msg = |origin: &str| state.field_message(origin);
    html! {
        <section class="panel" aria-labelledby="controls-heading">
            <div class="panel__head"><h2 id="controls-heading">{ "Controls" }</h2></div>
            <h3>{ "Produce" }</h3>
            <ProduceControls {topics} {partitions} rate_on={state.rate.is_some()}
                produce_message={msg("produce")} rate_message={msg("rate")} dispatcher={d.clone()} />
            <h3>{ "Cluster" }</h3>
            <ClusterControls {broker_ids} add_message={msg("add-broker")}
                remove_message={msg("remove-broker")} topic_message={msg("topic")} dispatcher={d.clone()} />
            <details data-testid="settings">
                <summary>{ "Settings (every set key)" }</summary>
                <SettingsPanel values={state.settings.clone()} message={msg("settings")} dispatcher={d.clone()} />
            </details>
        </section>
    }
}

pub fn feed_panel(
    state: &PlaygroundState,
    partitions: Vec<String>,
    brokers: Vec<u32>,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    html! {
        <section class="panel" aria-labelledby="feed-heading">
            <div class="panel__head"><h2 id="feed-heading">{ "Event feed" }</h2></div>
            <EventFeed state={Rc::new(state.clone())} {partitions} {brokers} dispatcher={d.clone()} />
        </section>
    }
}

/// `export` reads the session when pressed, not when drawn.
pub fn console_panel(
    state: &PlaygroundState,
    export: Callback<(), String>,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> Html {
    html! {
        <section class="panel" aria-labelledby="console-heading">
            <div class="panel__head"><h2 id="console-heading">{ "Console" }</h2></div>
            <Console history={state.history.clone()} message={state.field_message("console")}
                import_message={state.field_message("import")} {export} trace_hash={state.trace_hash()} dispatcher={d.clone()} />
        </section>
    }
}
