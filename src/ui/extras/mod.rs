//! The full page's panels (`full` feature, loaded on demand: `ui::start`): the lessons, the
//! metrics with the spacetime diagram, and the what-if preview. Each sits in the page's grid
//! where the layout keeps a place for it (styles.css: `lesson` above the stage, `metrics`
//! below it), and reads and drives the same session as the rest of the page.
mod drop_import;
mod lessons;
mod metrics;
mod session_prop;
mod spacetime;
mod what_if;

use yew::prelude::*;

use self::lessons::{Lessons, PageHooks};
use self::session_prop::SessionProp;
use self::what_if::WhatIfPanel;
use crate::sim::broker::BrokerStatus;
use crate::ui::page_callbacks::PageCallbacks;
use crate::ui::state::Field;
use crate::ui::state::PlaygroundState;

/// The panel the header's buttons open, one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Lessons,
    Metrics,
    WhatIf,
}

impl Panel {
    pub fn id(self) -> &'static str {
        match self {
            Panel::Lessons => "lessons",
            Panel::Metrics => "metrics",
            Panel::WhatIf => "what-if",
        }
    }

    pub fn from_id(id: &str) -> Option<Panel> {
        [Panel::Lessons, Panel::Metrics, Panel::WhatIf].into_iter().find(|p| p.id() == id)
    }
}

/// The panel asked for when the page started: a lesson's link, else the button pressed on
/// the page before (sessionStorage, `ui::start`).
fn opening_panel() -> Option<Panel> {
    if crate::ui::persist::location_hash().contains("lesson=") {
        return Some(Panel::Lessons);
    }
    let tab = web_sys::window()?.session_storage().ok()??;
    let asked = tab.get_item(crate::ui::start::OPEN_KEY).ok()??;
    let _ = tab.remove_item(crate::ui::start::OPEN_KEY);
    Panel::from_id(&asked)
}

/// The open panel, the header's callback that opens or closes one, and the panels to place
/// in the page.
#[hook]
pub fn use_extras(
    state: &UseReducerHandle<PlaygroundState>,
    on: &PageCallbacks,
) -> (Option<&'static str>, Callback<&'static str>, Html) {
    let open = use_state(opening_panel);
    let on_open = {
        let open = open.clone();
        Callback::from(move |id: &'static str| {
            let asked = Panel::from_id(id);
            open.set(if *open == asked { None } else { asked });
        })
    };
    drop_import::use_drop_import(&on.import, &on.import_failed);
    {
        // A lesson's link pasted into the address bar opens the lessons (whose panel, once
        // open, follows further links itself).
        let open = open.clone();
        use_effect_with((), move |()| {
            let window = web_sys::window().expect("a window");
            let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
                if crate::ui::persist::location_hash().contains("lesson=") {
                    open.set(Some(Panel::Lessons));
                }
            });
            move || drop(listener)
        });
    }
    {
        // The metrics sit below the stage, out of sight on a laptop's screen: opening them
        // brings them into view (at once when the learner asked for reduced motion).
        let reduced_motion = state.prefs.reduced_motion;
        use_effect_with(*open, move |open| {
            if *open == Some(Panel::Metrics) {
                scroll_into_view(".extras-metrics", reduced_motion);
            }
        });
    }
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(None))
    };
    let metric_steps = metrics::use_metric_steps(state);
    let draw_strip = {
        let state = state.clone();
        Callback::from(move |()| metrics::health_strip(state.session().cluster(), state.views.live))
    };
    let draw_metrics = {
        let (state, seek) = (state.clone(), on.seek.clone());
        Callback::from(move |()| {
            let moment = metrics::Moment { now_ms: state.now_ms(), end_ms: state.views.end_ms };
            metrics::metrics_panel(state.session().cluster(), &metric_steps, moment, &seek)
        })
    };
    // Each panel in its place in the page's grid (styles.css: `lesson`, `metrics`): on top the
    // health strip, always, then a lesson or the what-if preview (base.css: `extras-top`).
    let panels = html! {
        <>
            <div class="extras-top">
                <metrics::OnBeat beat={metrics::beat_of(state, metrics::FRAMES_PER_BEAT, 0)} draw={draw_strip} />
                if *open == Some(Panel::Lessons) { { lessons_panel(state, on, &close) } }
                if *open == Some(Panel::WhatIf) { { what_if_panel(state, on) } }
            </div>
            if *open == Some(Panel::Metrics) {
                <div class="extras-metrics">
                    <metrics::OnBeat beat={metrics::beat_of(state, metrics::FRAMES_PER_BEAT, 4)} draw={draw_metrics} />
                    { spacetime::spacetime(state) }
                </div>
            }
        </>
    };
    ((*open).map(Panel::id), on_open, panels)
}

fn scroll_into_view(selector: &str, reduced_motion: bool) {
    let found = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = found {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        options.set_behavior(if reduced_motion {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

fn what_if_panel(state: &PlaygroundState, on: &PageCallbacks) -> Html {
    let brokers: Vec<(u32, bool)> =
        state.views.cluster.brokers.iter().map(|b| (b.id, b.status == BrokerStatus::Alive)).collect();
    html! {
        <WhatIfPanel session={SessionProp(state.session.clone())} {brokers}
            import_message={state.field_message(Field::Import)} on_line={on.console.clone()} on_play={on.play.clone()}
            on_import={on.import.clone()} on_import_failed={on.import_failed.clone()} />
    }
}

fn lessons_panel(state: &PlaygroundState, on: &PageCallbacks, close: &Callback<()>) -> Html {
    let page = PageHooks {
        on_import: on.import.clone(),
        on_seek: on.seek.clone(),
        on_live: on.back_to_live.clone(),
        on_highlight: on.highlight.clone(),
        on_select: on.select.clone(),
        on_line: on.console.clone(),
    };
    html! {
        <div class="lesson-area">
            <Lessons session={SessionProp(state.session.clone())} reduced_motion={state.prefs.reduced_motion}
                embedded={state.prefs.embedded} {page} on_close={close.clone()} />
        </div>
    }
}
