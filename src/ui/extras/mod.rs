//! The full page's panels (`full` feature, loaded on demand: `ui::start`): the lessons, the
//! metrics with the spacetime diagram, and the what-if preview. Each sits in the page's grid
//! where the layout keeps a place for it (styles.css: `lesson` above the stage, `metrics`
//! below it), and reads and drives the same session as the rest of the page.
mod metrics;
mod spacetime;

use yew::prelude::*;

use crate::ui::page_callbacks::PageCallbacks;
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
    // Each panel in its place in the page's grid (styles.css: `lesson`, `metrics`); the
    // health strip is always on top (base.css: `extras-top`).
    let panels = html! {
        <>
            <div class="extras-top"><metrics::OnBeat beat={metrics::beat_of(state, metrics::FRAMES_PER_BEAT, 0)} draw={draw_strip} /></div>
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
