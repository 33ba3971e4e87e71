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
use super::branch_notice::BranchNotice;
use super::key_help::KeyHelp;
use super::keyboard::use_keyboard;
use super::persist;
use super::session_bar::SessionBar;
use super::timeline::Timeline;

/// The session the page opens with: a share link in the URL wins, then the session saved
/// in this browser, then the default cluster. The link leaves the address bar once read,
/// so a reload afterwards keeps what was done since.
fn initial_state() -> PlaygroundState {
    let hash = persist::location_hash();
    if !hash.trim_start_matches('#').trim().is_empty() {
        let state = PlaygroundState::from_link(&hash);
        persist::clear_hash();
        return state;
    }
    persist::load_saved().map_or_else(PlaygroundState::default, |script| PlaygroundState::from_saved(&script))
}

/// Writes the session to local storage after each command (`save_version`), while live.
/// Past the size bound, saving stops for good and says so; the last good copy stays.
#[hook]
fn use_saving(state: &UseReducerHandle<PlaygroundState>) {
    let stopped = use_mut_ref(|| false);
    let (handle, d) = (state.clone(), state.dispatcher());
    use_effect_with((state.save_version, state.live), move |&(version, live)| {
        if version > 0 && live && !*stopped.borrow() {
            match persist::save(&handle.export_script()) {
                // The address bar no longer describes the session: drop a stale link.
                Ok(()) => persist::clear_hash(),
                Err(e) => {
                    *stopped.borrow_mut() = true;
                    d.dispatch(Action::FieldMessage { origin: "storage".into(), ok: false, text: e.message() });
                }
            }
        }
    });
}

/// A link pasted into the address bar of the open page opens like a fresh load.
#[hook]
fn use_hash_links(d: UseReducerDispatcher<PlaygroundState>) {
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
            let fragment = persist::location_hash();
            if !fragment.trim_start_matches('#').trim().is_empty() {
                d.dispatch(Action::OpenLink { fragment });
            }
        });
        move || drop(listener)
    });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let d = state.dispatcher();
    use_play_loop(state.playing, d.clone());
    use_keyboard(d.clone());
    use_saving(&state);
    use_hash_links(d.clone());
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
    let trace = {
        let state = state.clone();
        Callback::from(move |()| state.trace_text())
    };
    let on_close_help = { let d = d.clone(); Callback::from(move |()| d.dispatch(Action::Help(Some(false)))) };
    let on_open_help = { let d = d.clone(); Callback::from(move |_: MouseEvent| d.dispatch(Action::Help(Some(true)))) };
    let msg = |origin: &str| state.field_message(origin);

    html! {
        <div class={classes!("app", (!state.live).then_some("app--past"))}>
            <Header now_ms={view.now_ms} playing={state.playing} speed={state.speed} seed={state.seed}
                preset={state.preset} seed_message={msg("seed")} dispatcher={d.clone()} />
            <BranchNotice now_ms={view.now_ms} end_ms={state.end_ms} live={state.live} dispatcher={d.clone()} />
            <KeyHelp open={state.help_open} on_close={on_close_help} />
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
                <section class="panel panel--wide" aria-labelledby="timeline-heading">
                    <div class="panel__head">
                        <h2 id="timeline-heading">{ "Timeline" }</h2>
                        <button type="button" class="button button--quiet" data-testid="key-help-open" onclick={on_open_help}>{ "Keys (?)" }</button>
                    </div>
                    <Timeline now_ms={view.now_ms} end_ms={state.end_ms} live={state.live} markers={state.markers.clone()} dispatcher={d.clone()} />
                    <SessionBar export={export.clone()} {trace} live={state.live} link_message={msg("link")}
                        storage_message={msg("storage")} dispatcher={d.clone()} />
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
