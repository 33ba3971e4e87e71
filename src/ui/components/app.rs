//! The whole page: the time controls on top; the stage (the network with its links and the
//! selected partition's replica logs: the story, on one screen at 1280×720) with the rail
//! beside it (producing, the feed, the console, the quorum and clients, the cluster's
//! controls); the timeline, the brokers by rack and the partition table below. The grid
//! keeps a place above the stage for a lesson and below it for a metrics strip (styles.css).

use yew::prelude::*;

use super::branch_notice::{branch_notice, BranchNoticeProps};
use super::header::Header;
use super::key_help::key_help;
use super::panels::{
    brokers_panel, console_panel, controls_panel, feed_panel, network_panel, nodes_panel, partition_panel,
    partitions_panel, produce_panel, timeline_panel,
};
use super::violation_banner::violation_banner;
use crate::ui::dom::prefers_reduced_motion;
use crate::ui::embed::{embedded_link, embedded_state};
use crate::ui::focus_trap::use_focus_trap;
use crate::ui::keyboard::use_keyboard;
use crate::ui::page_callbacks::PageCallbacks;
use crate::ui::persist;
use crate::ui::persist_checkpoint;
use crate::ui::play_loop::use_play_loop;
use crate::ui::shared_session::SharedSession;
use crate::ui::state::{Action, Field, PlaygroundState};

/// The session the page opens with (`PlaygroundState::opening`: a share link, else this
/// tab's or this browser's saved session with its checkpoint, else the default cluster) at
/// the speed last chosen. The link leaves the address bar once read, so a reload keeps what
/// was done since.
fn initial_state() -> PlaygroundState {
    let hash = persist::location_hash();
    if let Some(link) = embedded_link(&hash) {
        let mut state = embedded_state(link);
        state.prefs.reduced_motion = prefers_reduced_motion();
        return state;
    }
    let link = Some(hash.as_str()).filter(|h| !h.trim_start_matches('#').trim().is_empty() && !h.contains("lesson="));
    let saved_copy = persist::load_saved();
    let checkpoint = saved_copy.as_ref().and_then(|copy| persist_checkpoint::take(copy.in_tab));
    let saved = saved_copy.map(|copy| copy.script);
    let bytes = checkpoint.as_ref().map(|taken| taken.bytes.as_slice());
    let mut state = PlaygroundState::opening(link, saved.as_deref(), bytes);
    // Resumed without a replay: the checkpoint fits the saved copy, so other new tabs may
    // open from it too (a resumed session holds only its latest events until it rebuilds).
    if let Some(taken) = checkpoint.filter(|_| !state.session().has_whole_past()) {
        persist_checkpoint::put_back(taken);
    }
    if link.is_some() {
        persist::clear_hash();
        if state.session.save_version > 0 {
            // The link replaces the saved session: keep that one restorable.
            saved.as_deref().into_iter().for_each(persist::keep_previous);
        }
    }
    if let Some(speed) = persist::load_speed() {
        state.apply(Action::SetSpeed(speed));
    }
    if persist::load_presenting() {
        state.apply(Action::Present(Some(true)));
    }
    state.prefs.reduced_motion = prefers_reduced_motion();
    #[cfg(not(feature = "full"))]
    if crate::ui::start::full_page_failed() {
        let text = "The lessons and tools could not be loaded (offline?); your session is as it was.";
        state.messages.show(Field::Link, false, text.to_owned());
    }
    state
}

/// Saves the session (this tab's and the browser's latest) after each command, about once a
/// second of play (so a reload resumes where it was), and when the page is hidden or closed.
/// When a link, an import or "new session" replaced the session, the one it replaced is kept
/// as the previous session first. A session too large to save says so and the page goes on.
#[hook]
fn use_saving(state: &UseReducerHandle<PlaygroundState>) -> bool {
    let has_previous = use_state(|| persist::load_previous().is_some());
    let last_saved = use_mut_ref(|| None::<PlaygroundState>);
    let latest = use_mut_ref(|| None::<PlaygroundState>);
    *latest.borrow_mut() = Some((**state).clone());
    let (handle, d, kept) = (state.clone(), state.dispatcher(), has_previous.clone());
    let play_beat = if state.clock.playing { state.session.version / 64 } else { 0 };
    // An embedded page (`ui::embed`) keeps nothing: the site's storage is the learner's.
    let saves = !state.prefs.embedded;
    use_effect_with((state.session.save_version, state.views.live, play_beat), move |&(version, live, _)| {
        if saves && version > 0 && live && save_now(&handle, &last_saved, &d) && !*kept {
            kept.set(true);
        }
    });
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let listener = gloo::events::EventListener::new(&window, "pagehide", move |_| {
            if let Some(state) = latest.borrow().as_ref().filter(|s| s.views.live && !s.prefs.embedded) {
                if persist::save(&state.export_script()).is_ok() {
                    persist_checkpoint::save_for(&state.session(), false);
                }
            }
        });
        move || drop(listener)
    });
    let speed = state.prefs.speed;
    use_effect_with(speed, move |&speed| {
        if saves {
            persist::save_speed(speed);
        }
    });
    use_effect_with(state.prefs.presenting, move |&on| {
        if saves {
            persist::save_presenting(on);
        }
    });
    *has_previous
}

/// Saves `state`; true when it first kept the session it replaced as the previous one.
fn save_now(
    state: &PlaygroundState,
    last_saved: &std::rc::Rc<std::cell::RefCell<Option<PlaygroundState>>>,
    d: &UseReducerDispatcher<PlaygroundState>,
) -> bool {
    let mut last = last_saved.borrow_mut();
    let replaced =
        last.as_ref().filter(|p| !p.session.same_session(&state.session)).map(PlaygroundState::export_script);
    if let Some(previous) = &replaced {
        persist::keep_previous(previous);
    }
    match persist::save(&state.export_script()) {
        // The address bar no longer describes the session: drop a stale link.
        Ok(()) => {
            persist::clear_hash();
            persist_checkpoint::save_for(&state.session(), state.clock.playing);
        }
        Err(e) if state.field_message(Field::Storage).is_none_or(|(_, text)| text != e.message()) => {
            d.dispatch(Action::FieldMessage { field: Field::Storage, ok: false, text: e.message() });
        }
        Err(_) => {}
    }
    *last = Some(state.clone());
    replaced.is_some()
}

/// The header's buttons for the lessons, metrics and what-if panels: this page does not
/// carry them, so a button saves the session and starts the full page (`ui::start`) with
/// that panel open. An embedded page keeps nothing, so it has no such step.
#[cfg(not(feature = "full"))]
#[hook]
fn use_open_panel(state: &UseReducerHandle<PlaygroundState>) -> (Option<&'static str>, Callback<&'static str>, Html) {
    let state = state.clone();
    let on_open = Callback::from(move |panel: &'static str| {
        if !state.prefs.embedded && persist::save(&state.export_script()).is_ok() {
            persist_checkpoint::save_for(&state.session(), false);
            crate::ui::start::open_in_full_page(panel);
        }
    });
    (None, on_open, Html::default())
}

/// A link pasted into the address bar of the open page opens like a fresh load; a
/// lesson's link is the lesson panel's (`ui::extras`), which this page reloads to reach.
#[hook]
fn use_hash_links(d: UseReducerDispatcher<PlaygroundState>) {
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
            let hash = persist::location_hash();
            if hash.contains("lesson=") {
                // The lessons are the full page's: a reload starts it (the session is saved
                // on the way out, `pagehide`); the full page's lessons panel opens the link.
                #[cfg(not(feature = "full"))]
                let _ = web_sys::window().map(|w| w.location().reload());
                return;
            }
            // In an embedded page, `#embed:LINK` names the session to show.
            let fragment = embedded_link(&hash).unwrap_or(&hash).to_owned();
            if !fragment.trim_start_matches('#').trim().is_empty() {
                let d = d.clone();
                // The page's first load inflates with the browser, first (`ui::inflate`).
                wasm_bindgen_futures::spawn_local(async move {
                    #[cfg(feature = "browser-inflate")]
                    crate::ui::inflate::prepare_link(&fragment).await;
                    d.dispatch(Action::OpenLink { fragment });
                });
            }
        });
        move || drop(listener)
    });
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let d = state.dispatcher();
    // Made once: every component keeps the same callbacks for the page's life.
    let on = use_memo((), |()| PageCallbacks::new(&d));
    use_play_loop(state.clock.playing || state.clock.pending_run.is_some(), on.tick.clone());
    use_keyboard(d.clone().into());
    let has_previous = use_saving(&state);
    use_hash_links(d.clone());
    let session = {
        let handle = state.session.clone();
        use_memo((handle.id, handle.version), move |_| SharedSession::new(&handle))
    };
    #[cfg(not(feature = "full"))]
    let (open, on_open, extras) = use_open_panel(&state);
    #[cfg(feature = "full")]
    let (open, on_open, extras) = crate::ui::extras::use_extras(&state, &on);
    let view = &state.views.cluster;
    let highlight = state.prefs.highlight.clone().unwrap_or_default();
    let partitions: Vec<String> = view.partitions.iter().map(|p| p.name.clone()).collect();
    let broker_ids: Vec<u32> = view.brokers.iter().map(|b| b.id).collect();
    let on_close_help = on.help.reform(|()| Some(false));
    use_focus_trap(state.prefs.help_open, "[data-testid=key-help]");
    use_focus_trap(state.branching.pending.is_some(), "[data-testid=branch-confirm]");
    let class = classes!(
        "app",
        (!state.views.live).then_some("app--past"),
        state.prefs.presenting.then_some("app--present"),
        state.prefs.embedded.then_some("app--embed")
    );

    html! {
        <div {class}>
            <Header now_ms={view.now_ms} playing={state.clock.playing} speed={state.prefs.speed} slow_motion={state.slow_motion()}
                presenting={state.prefs.presenting} seed={state.seed}
                preset={state.preset} has_work={state.has_work()} seed_message={state.field_message(Field::Seed)}
                clock_message={state.field_message(Field::Clock)} on_play={on.play.clone()} on_step_event={on.step_event.clone()}
                on_advance={on.advance.clone()} on_speed={on.speed.clone()} on_restart={on.restart.clone()}
                on_seed_refused={on.seed_refused.clone()} on_present={on.present.clone()} {open} {on_open} />
            { branch_notice(&BranchNoticeProps { now_ms: view.now_ms, end_ms: state.views.end_ms, live: state.views.live,
                pending: state.branching.pending.as_ref().map(|p| p.line.clone()), set_aside: state.views.set_aside,
                undoable: state.session().future_fits_aside(), markers: state.views.markers.clone(),
                on_back_to_live: on.back_to_live.clone(), on_confirm: on.confirm_branch.clone(), on_cancel: on.cancel_branch.clone(),
                on_undo: on.undo_branch.clone(), on_keep: on.keep_branch.clone() }) }
            { key_help(state.prefs.help_open, &on_close_help) }
            { violation_banner(&state.views.violations) }
            <main class="page">
                { extras }
                <div class="stage">
                    { network_panel(&state, &highlight, &on) }
                    { partition_panel(&state, &on) }
                </div>
                <aside class="rail" aria-label="Produce, events, console and controls">
                    { produce_panel(&state, partitions.clone(), &on) }
                    { feed_panel(&state, partitions, broker_ids.clone(), &on) }
                    { console_panel(&state, &on, &session) }
                    { nodes_panel(&state, &on) }
                    { controls_panel(&state, broker_ids, &on) }
                </aside>
                <div class="below">
                    { timeline_panel(&state, has_previous, &on, &session) }
                    { brokers_panel(&state, &highlight, &on) }
                    { partitions_panel(&state, &highlight, &on) }
                </div>
            </main>
        </div>
    }
}
