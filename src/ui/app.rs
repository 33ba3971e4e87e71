//! The whole page: time controls, the cluster (network, quorum, clients, brokers by rack),
//! the selected partition up close, the controls, the event feed and the console.

use yew::prelude::*;

use super::branch_notice::BranchNotice;
use super::header::Header;
use super::key_help::KeyHelp;
use super::keyboard::use_keyboard;
use super::panels::{
    brokers_panel, console_panel, controls_panel, feed_panel, network_panel, partition_panel, partitions_panel, timeline_panel,
};
use super::persist;
use super::play_loop::use_play_loop;
use super::state::{Action, PlaygroundState};
use super::violation_banner::ViolationBanner;

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

/// A callback that does its work (exporting, say) only when called, on the state as of the
/// page's last render, rather than on every render.
fn read_state(
    state: &UseReducerHandle<PlaygroundState>,
    read: impl Fn(&PlaygroundState) -> String + 'static,
) -> Callback<(), String> {
    let state = state.clone();
    Callback::from(move |()| read(&state))
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
    let partitions: Vec<String> = view.partitions.iter().map(|p| p.name.clone()).collect();
    let broker_ids: Vec<u32> = view.brokers.iter().map(|b| b.id).collect();
    let export = read_state(&state, PlaygroundState::export_script);
    let trace = read_state(&state, PlaygroundState::trace_text);
    let on_close_help = { let d = d.clone(); Callback::from(move |()| d.dispatch(Action::Help(Some(false)))) };

    html! {
        <div class={classes!("app", (!state.live).then_some("app--past"))}>
            <Header now_ms={view.now_ms} playing={state.playing} speed={state.speed} seed={state.seed}
                preset={state.preset} seed_message={state.field_message("seed")}
                clock_message={state.field_message("clock")} dispatcher={d.clone()} />
            <BranchNotice now_ms={view.now_ms} end_ms={state.end_ms} live={state.live} dispatcher={d.clone()} />
            <KeyHelp open={state.help_open} on_close={on_close_help} />
            <ViolationBanner violations={state.violations.clone()} />
            <main class="page">
                { network_panel(&state, &highlight, &d) }
                { brokers_panel(&state, &highlight, &d) }
                { timeline_panel(&state, export.clone(), trace, &d) }
                { partition_panel(&state, &d) }
                { partitions_panel(&state, &highlight, &d) }
                { controls_panel(&state, partitions.clone(), broker_ids.clone(), &d) }
                { feed_panel(&state, partitions, broker_ids, &d) }
                { console_panel(&state, export, &d) }
            </main>
        </div>
    }
}
