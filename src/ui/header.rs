//! The title bar with simulated time and the controls that move it.

use yew::prelude::*;

use super::labels::sim_time;
use super::state::STEP_MS;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub now_ms: u64,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_step = props.on_step.reform(|_: MouseEvent| ());
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    html! {
        <header class="topbar">
            <div class="topbar__brand">
                <h1 data-testid="app-title">{ "Kafka Replication Playground" }</h1>
                <p class="topbar__tagline">
                    { "Leaders, followers and the in-sync replica set, simulated step by step." }
                </p>
            </div>
            <div class="topbar__clock" role="group" aria-label="Simulated time">
                <span class="topbar__clock-label">{ "Simulated time" }</span>
                <output class="topbar__time" data-testid="sim-clock" aria-live="polite">
                    { sim_time(props.now_ms) }
                </output>
                <button type="button" class="button button--primary" data-testid="step-button"
                    onclick={on_step}>
                    { format!("Step +{STEP_MS} ms") }
                </button>
                <button type="button" class="button" data-testid="reset-button" onclick={on_reset}>
                    { "Reset" }
                </button>
            </div>
        </header>
    }
}
