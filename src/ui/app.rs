//! The whole page: time controls, the cluster (network, quorum, clients, brokers by rack),
//! the selected partition up close, the controls, the event feed and the console.

use std::rc::Rc;

use yew::prelude::*;

use super::broker_card::BrokerCard;
use super::client_node::ClientNode;
use super::cluster_controls::ClusterControls;
use super::console::Console;
use super::controller_quorum::ControllerQuorum;
use super::event_feed::EventFeed;
use super::header::Header;
use super::network_diagram::NetworkDiagram;
use super::partition_table::PartitionTable;
use super::partition_view::PartitionViewPanel;
use super::play_loop::use_play_loop;
use super::produce_controls::ProduceControls;
use super::rack_group::RackGroup;
use super::racks::group_by_rack;
use super::role_legend::RoleLegend;
use super::settings_panel::SettingsPanel;
use super::state::{Action, PlaygroundState};
use super::violation_banner::ViolationBanner;

#[component]
pub fn App() -> Html {
    let state = use_reducer(PlaygroundState::default);
    let d = state.dispatcher();
    use_play_loop(state.playing, d.clone());
    let view = state.view.clone();
    let highlight = state.highlight.clone().unwrap_or_default();

    let controller = view.active_controller;
    let racks = group_by_rack(&view.brokers).into_iter().map(|group| {
        let cards = group.brokers.into_iter().map(|broker| {
            let (key, is_controller) = (broker.id, controller == Some(broker.id));
            let highlighted = highlight.brokers.contains(&broker.id);
            html! { <BrokerCard {key} {broker} {is_controller} {highlighted}
                selected_partition={state.selected.clone()} dispatcher={d.clone()} /> }
        });
        let key = group.rack.clone().unwrap_or_default();
        html! { <RackGroup {key} rack={group.rack}>{ for cards }</RackGroup> }
    });
    let clients = state.clients.iter().map(|c| html! { <ClientNode key={c.name.clone()} client={c.clone()} /> });
    let (cuts, _) = state.session().cluster().network_faults();
    let topics = state.session().cluster().topic_names();
    let partitions: Vec<String> = view.partitions.iter().map(|p| p.name.clone()).collect();
    let broker_ids: Vec<u32> = view.brokers.iter().map(|b| b.id).collect();
    let export = {
        let state = state.clone();
        Callback::from(move |()| state.export_script())
    };
    let on_heartbeats = {
        let (d, on) = (d.clone(), state.show_heartbeats);
        Callback::from(move |_: Event| d.dispatch(Action::SetHeartbeats(!on)))
    };
    let msg = |origin: &str| state.field_message(origin);

    html! {
        <div class="app">
            <Header now_ms={view.now_ms} playing={state.playing} speed={state.speed} seed={state.seed}
                preset={state.preset} seed_message={msg("seed")} dispatcher={d.clone()} />
            <ViolationBanner violations={state.violations.clone()} />
            <main class="page">
                <section class="panel panel--wide" aria-labelledby="network-heading">
                    <div class="panel__head">
                        <h2 id="network-heading">{ "Network" }</h2>
                        <label class="field field--inline">
                            <input type="checkbox" data-testid="heartbeat-toggle" checked={state.show_heartbeats} onchange={on_heartbeats} />
                            <span>{ "Show heartbeats" }</span>
                        </label>
                    </div>
                    <div class="network-row">
                        <NetworkDiagram brokers={view.brokers.clone()} clients={state.clients.clone()} messages={state.messages.clone()}
                            now_ms={state.now_exact_ms()} show_heartbeats={state.show_heartbeats} {cuts}
                            highlighted={highlight.brokers.clone()} dispatcher={d.clone()} />
                        <div class="side-nodes">
                            <ControllerQuorum controller={state.controller.clone()} dispatcher={d.clone()} />
                            { for clients }
                        </div>
                    </div>
                </section>
                <section class="panel panel--wide" aria-labelledby="brokers-heading">
                    <div class="panel__head">
                        <h2 id="brokers-heading">{ "Brokers" }</h2>
                        <RoleLegend />
                    </div>
                    <super::field_message::FieldMessage message={msg("broker")} testid="broker-message" />
                    <div class="racks" data-testid="racks">{ for racks }</div>
                </section>
                <section class="panel panel--wide" aria-labelledby="partition-heading">
                    <div class="panel__head"><h2 id="partition-heading">{ "Partition view" }</h2></div>
                    <PartitionViewPanel detail={state.detail.clone()} clients={state.clients.clone()}
                        manual_replication={state.manual_replication} message={msg("partition")} dispatcher={d.clone()} />
                </section>
                <section class="panel" aria-labelledby="partitions-heading">
                    <div class="panel__head"><h2 id="partitions-heading">{ "Partitions" }</h2></div>
                    <PartitionTable partitions={view.partitions.clone()} selected={state.selected.clone()}
                        highlighted={highlight.partition.clone()} dispatcher={d.clone()} />
                </section>
                <section class="panel" aria-labelledby="controls-heading">
                    <div class="panel__head"><h2 id="controls-heading">{ "Controls" }</h2></div>
                    <h3>{ "Produce" }</h3>
                    <ProduceControls topics={topics} partitions={partitions.clone()} rate_on={state.rate.is_some()}
                        produce_message={msg("produce")} rate_message={msg("rate")} dispatcher={d.clone()} />
                    <h3>{ "Cluster" }</h3>
                    <ClusterControls broker_ids={broker_ids.clone()} add_message={msg("add-broker")}
                        remove_message={msg("remove-broker")} topic_message={msg("topic")} dispatcher={d.clone()} />
                    <details data-testid="settings">
                        <summary>{ "Settings (every set key)" }</summary>
                        <SettingsPanel values={state.settings.clone()} message={msg("settings")} dispatcher={d.clone()} />
                    </details>
                </section>
                <section class="panel" aria-labelledby="feed-heading">
                    <div class="panel__head"><h2 id="feed-heading">{ "Event feed" }</h2></div>
                    <EventFeed state={Rc::new((*state).clone())} partitions={partitions} brokers={broker_ids} dispatcher={d.clone()} />
                </section>
                <section class="panel" aria-labelledby="console-heading">
                    <div class="panel__head"><h2 id="console-heading">{ "Console" }</h2></div>
                    <Console history={state.history.clone()} message={msg("console")} import_message={msg("import")}
                        {export} trace_hash={state.trace_hash()} dispatcher={d.clone()} />
                </section>
            </main>
        </div>
    }
}
