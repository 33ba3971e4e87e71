//! The page's panels below the header, one function each. The App lays them out in three
//! places: the stage (the network and the partition up close: what is watched), the rail
//! beside it (producing, the feed, the console, the quorum and clients, the cluster's
//! controls: what is done), and below the stage (the timeline, the brokers by rack, the
//! partition table). Plain functions rather than components: they hold no state of their own,
//! and each component adds to the bundle. Each hands its components the parts of the state
//! they draw and the callbacks they call.
use yew::prelude::*;

use super::broker_card::BrokerCard;
use super::client_node::client_box;
use super::cluster_controls::ClusterControls;
use super::console::Console;
use super::controller_quorum::controller_quorum;
use super::event_feed::EventFeed;
use super::field_message::field_message;
use super::network_diagram::NetworkDiagram;
use super::partition_table::PartitionTable;
use super::partition_view::PartitionViewPanel;
use super::produce_controls::ProduceControls;
use super::rack_group::rack_group;
use super::role_legend::role_legend;
use super::session_bar::SessionBar;
use super::settings_panel::SettingsPanel;
use super::timeline::{timeline, TimelineProps};
use crate::ui::page_callbacks::PageCallbacks;
use crate::ui::racks::group_by_rack;
use crate::ui::shared_session::SharedSession;
use crate::ui::state::{Field, Highlight, PlaygroundState};

pub fn network_panel(state: &PlaygroundState, highlight: &Highlight, on: &PageCallbacks) -> Html {
    let (views, show_heartbeats) = (&state.views, state.prefs.show_heartbeats);
    let on_heartbeats = on.heartbeats.reform(move |_: Event| !show_heartbeats);
    html! {
        <section class="panel panel--network" aria-labelledby="network-heading">
            <div class="panel__head">
                <h2 id="network-heading">{ "Network" }</h2>
                <p class="narration" role="status" aria-live="polite" data-testid="narration">{ views.narration.as_str() }</p>
                <label class="field field--inline">
                    <input type="checkbox" data-testid="heartbeat-toggle" checked={show_heartbeats} onchange={on_heartbeats} />
                    <span>{ "Show heartbeats" }</span>
                </label>
            </div>
            <NetworkDiagram brokers={views.cluster.brokers.clone()} clients={views.clients.clone()} messages={views.messages.clone()}
                now_ms={state.now_exact_ms()} {show_heartbeats} cuts={views.cuts.clone()} active_controller={views.controller.active}
                quorum_alive={views.controller.nodes_alive.clone()} partition={views.detail.clone()} parked={views.parked.clone()}
                stepped={state.prefs.reduced_motion} highlighted={highlight.brokers.clone()} on_highlight={on.highlight.clone()} />
        </section>
    }
}

/// The controller quorum's nodes and the clients, each with what it believes.
pub fn nodes_panel(state: &PlaygroundState, on: &PageCallbacks) -> Html {
    let views = &state.views;
    let shown = state.prefs.selected.as_deref();
    let clients = views.clients.iter().map(|c| client_box(c, shown));
    html! {
        <section class="panel side-nodes" aria-label="Controller quorum and clients">
            { controller_quorum(&views.controller, &on.run_broker) }
            { for clients }
        </section>
    }
}

pub fn brokers_panel(state: &PlaygroundState, highlight: &Highlight, on: &PageCallbacks) -> Html {
    html! {
        <section class="panel panel--brokers" aria-labelledby="brokers-heading">
            <div class="panel__head">
                <h2 id="brokers-heading">{ "Brokers" }</h2>
                { role_legend() }
            </div>
            { field_message(state.field_message(Field::Broker), "broker-message") }
            <div class="racks" data-testid="racks">{ for rack_groups(state, highlight, on) }</div>
        </section>
    }
}

/// One column of broker cards per rack. No broker is marked as the controller: in KRaft the
/// controllers are their own nodes (the quorum), whatever their ids.
fn rack_groups(state: &PlaygroundState, highlight: &Highlight, on: &PageCallbacks) -> Vec<Html> {
    let view = &state.views.cluster;
    group_by_rack(&view.brokers)
        .into_iter()
        .map(|group| {
            let cards = group.brokers.into_iter().map(|broker| {
                let key = broker.id;
                let highlighted = highlight.brokers.contains(&broker.id);
                html! { <BrokerCard {key} {broker} {highlighted}
                selected_partition={state.prefs.selected.clone()} on_run={on.run_broker.clone()}
                on_select={on.select.clone()} /> }
            });
            rack_group(group.rack, html! { <>{ for cards }</> })
        })
        .collect()
}

pub fn timeline_panel(
    state: &PlaygroundState,
    has_previous: bool,
    on: &PageCallbacks,
    session: &SharedSession,
) -> Html {
    let views = &state.views;
    let on_open_help = on.help.reform(|_: MouseEvent| Some(true));
    html! {
        <section class="panel panel--timeline" aria-labelledby="timeline-heading">
            <div class="panel__head">
                <h2 id="timeline-heading">{ "Timeline" }</h2>
                <button type="button" class="button button--quiet" data-testid="key-help-open" onclick={on_open_help}>{ "Keys (?)" }</button>
            </div>
            { timeline(TimelineProps {
                now_ms: views.cluster.now_ms,
                end_ms: views.end_ms,
                live: views.live,
                markers: views.markers.clone(),
                on_seek: on.seek.clone(),
                on_back_to_live: on.back_to_live.clone(),
            }) }
            <SessionBar session={session.clone()} {has_previous} live={views.live} link_message={state.field_message(Field::Link)}
                storage_message={state.field_message(Field::Storage)} on_link_copied={on.link_copied.clone()}
                on_new_session={on.new_session.clone()} on_restore_previous={on.restore_previous.clone()} />
        </section>
    }
}

pub fn partition_panel(state: &PlaygroundState, on: &PageCallbacks) -> Html {
    let views = &state.views;
    html! {
        <section class="panel panel--partition" aria-labelledby="partition-heading">
            <div class="panel__head"><h2 id="partition-heading">{ "Partition view" }</h2></div>
            <PartitionViewPanel detail={views.detail.clone()} clients={views.clients.clone()}
                manual_replication={views.manual_replication} message={state.field_message(Field::Partition)}
                on_run={on.run_partition.clone()} />
        </section>
    }
}

pub fn partitions_panel(state: &PlaygroundState, highlight: &Highlight, on: &PageCallbacks) -> Html {
    html! {
        <section class="panel panel--partitions" aria-labelledby="partitions-heading">
            <div class="panel__head"><h2 id="partitions-heading">{ "Partitions" }</h2></div>
            <PartitionTable partitions={state.views.cluster.partitions.clone()} selected={state.prefs.selected.clone()}
                highlighted={highlight.partition.clone()} on_select={on.select.clone()} />
        </section>
    }
}

pub fn produce_panel(state: &PlaygroundState, partitions: Vec<String>, on: &PageCallbacks) -> Html {
    let topics = (*state.views.topics).clone();
    html! {
        <section class="panel panel--produce" aria-labelledby="produce-heading">
            <div class="panel__head"><h2 id="produce-heading">{ "Produce" }</h2></div>
            <ProduceControls {topics} {partitions} rate_on={state.views.rate.is_some()}
                produce_message={state.field_message(Field::Produce)} rate_message={state.field_message(Field::Rate)}
                on_produce={on.submit_produce.clone()} on_rate={on.submit_rate.clone()} />
        </section>
    }
}

pub fn controls_panel(state: &PlaygroundState, broker_ids: Vec<u32>, on: &PageCallbacks) -> Html {
    let msg = |field: Field| state.field_message(field);
    html! {
        <section class="panel panel--controls" aria-labelledby="controls-heading">
            <div class="panel__head"><h2 id="controls-heading">{ "Cluster" }</h2></div>
            <ClusterControls {broker_ids} add_message={msg(Field::AddBroker)}
                remove_message={msg(Field::RemoveBroker)} topic_message={msg(Field::Topic)}
                on_add={on.submit_add_broker.clone()} on_remove={on.submit_remove_broker.clone()}
                on_create_topic={on.submit_topic.clone()} />
            <SettingsPanel values={state.views.settings.clone()} message={msg(Field::Settings)} on_set={on.submit_setting.clone()} />
        </section>
    }
}

pub fn feed_panel(state: &PlaygroundState, partitions: Vec<String>, brokers: Vec<u32>, on: &PageCallbacks) -> Html {
    html! {
        <section class="panel panel--feed" aria-labelledby="feed-heading">
            <div class="panel__head"><h2 id="feed-heading">{ "Event feed" }</h2></div>
            <EventFeed lines={state.views.feed.clone()} filter={state.prefs.feed_filter.clone()} {partitions} {brokers}
                on_filter={on.filter.clone()} on_highlight={on.highlight.clone()} />
        </section>
    }
}

pub fn console_panel(state: &PlaygroundState, on: &PageCallbacks, session: &SharedSession) -> Html {
    html! {
        <section class="panel panel--console" aria-labelledby="console-heading">
            <div class="panel__head"><h2 id="console-heading">{ "Console" }</h2></div>
            <Console session={session.clone()} history={state.messages.history.clone()} message={state.field_message(Field::Console)}
                import_message={state.field_message(Field::Import)} trace_hash={state.views.trace_hash}
                on_line={on.console.clone()} on_import={on.import.clone()} on_import_failed={on.import_failed.clone()} />
        </section>
    }
}
