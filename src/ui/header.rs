//! The title bar with the simulated clock and the controls that move time: play / pause,
//! step one event, +100 ms, speed, the seed (editable: start over with it) and the preset.
use yew::prelude::*;

use super::dom::{bind, bind_input};
use super::field_message::FieldMessage;
use super::labels::{sim_time, speed_label};
use super::state::{Action, PlaygroundState, Preset, SPEEDS, STEP_MS};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub now_ms: u64,
    pub playing: bool,
    pub speed: usize,
    pub seed: u64,
    pub preset: Preset,
    pub seed_message: Option<(bool, String)>,
    /// Why time stopped (the session's time limit), next to the clock.
    pub clock_message: Option<(bool, String)>,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

/// A button's click dispatches the action `action` makes: a closure rather than an `Action`
/// to clone, which would add the enum's clone to the bundle.
fn dispatch_on_click(
    d: &UseReducerDispatcher<PlaygroundState>,
    action: impl Fn() -> Action + 'static,
) -> Callback<MouseEvent> {
    let d = d.clone();
    Callback::from(move |_: MouseEvent| d.dispatch(action()))
}

fn on_speed(d: &UseReducerDispatcher<PlaygroundState>) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        if let Ok(i) = super::dom::event_value(&e).parse::<usize>() {
            d.dispatch(Action::SetSpeed(i));
        }
    })
}

/// Start over with the typed seed and the chosen preset, or say why the seed is no seed.
fn on_restart(
    d: &UseReducerDispatcher<PlaygroundState>,
    seed_text: &UseStateHandle<String>,
    preset_id: &UseStateHandle<String>,
) -> Callback<SubmitEvent> {
    let (d, seed_text, preset_id) = (d.clone(), seed_text.clone(), preset_id.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let preset = Preset::from_id(&preset_id).unwrap_or(Preset::Default);
        match seed_text.trim().parse::<u64>() {
            Ok(seed) => d.dispatch(Action::Restart { seed, preset }),
            Err(_) => d.dispatch(Action::FieldMessage {
                origin: "seed".into(),
                ok: false,
                text: format!("'{}' is not a seed: use a whole number from 0 to {}", seed_text.trim(), u64::MAX),
            }),
        }
    })
}

fn brand() -> Html {
    html! {
        <div class="topbar__brand">
            <h1 data-testid="app-title">{ "Kafka Replication Playground" }</h1>
            <p class="topbar__tagline">
                { "Producers write to the leader; followers copy from it in an endless fetch loop, so one can take over when it dies." }
            </p>
        </div>
    }
}

/// The clock and what moves it: play / pause, step one event, +100 ms, +1 s and the speed.
fn time_controls(props: &HeaderProps) -> Html {
    let (d, playing) = (&props.dispatcher, props.playing);
    let speeds = SPEEDS.iter().enumerate().map(|(i, s)| {
        html! { <option value={i.to_string()} selected={i == props.speed}>{ speed_label(*s) }</option> }
    });
    html! {
        <div class="topbar__time" role="group" aria-label="Simulated time">
            <div class="clock">
                <span class="clock__label">{ "Simulated time" }</span>
                <output class="clock__value" data-testid="sim-clock" aria-live="off">{ sim_time(props.now_ms) }</output>
            </div>
            <button type="button" class="button button--primary" data-testid="play-button"
                aria-pressed={playing.to_string()} onclick={dispatch_on_click(d, move || Action::SetPlaying(!playing))}>
                { if playing { "❚❚ Pause" } else { "▶ Play" } }
            </button>
            <button type="button" class="button" data-testid="step-event-button" onclick={dispatch_on_click(d, || Action::StepEvent)}
                title="Process the next queued event (a message arriving or a timer firing)">
                { "Step one event" }
            </button>
            <button type="button" class="button" data-testid="step-button" onclick={dispatch_on_click(d, || Action::Advance { ms: STEP_MS })}>
                { format!("Step +{STEP_MS} ms") }
            </button>
            <button type="button" class="button" data-testid="second-button"
                onclick={dispatch_on_click(d, || Action::Advance { ms: 1000 })}>{ "+1 s" }</button>
            <label class="field field--inline">
                <span>{ "Speed" }</span>
                <select data-testid="speed-select" onchange={on_speed(d)}
                    title="1× is real time; 0.01× shows a 1 ms network hop over 100 ms">{ for speeds }</select>
            </label>
            <FieldMessage message={props.clock_message.clone()} testid="clock-message" />
        </div>
    }
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let seed_text = use_state(|| props.seed.to_string());
    let preset_id = use_state(|| props.preset.id().to_string());
    {
        // A restart or an import changes the seed: show the one in force.
        let (seed_text, seed) = (seed_text.clone(), props.seed);
        use_effect_with(seed, move |seed| seed_text.set(seed.to_string()));
    }
    let on_restart = on_restart(&props.dispatcher, &seed_text, &preset_id);
    let presets = Preset::ALL.iter().map(|p| {
        html! { <option value={p.id()} selected={p.id() == *preset_id}>{ p.label() }</option> }
    });
    html! {
        <header class="topbar">
            { brand() }
            { time_controls(props) }
            <form class="topbar__restart" onsubmit={on_restart} aria-label="Start over">
                <label class="field field--inline">
                    <span>{ "Seed" }</span>
                    <input type="text" inputmode="numeric" size="8" data-testid="seed-input"
                        value={(*seed_text).clone()} oninput={bind_input(&seed_text)} />
                </label>
                <label class="field field--inline">
                    <span>{ "Preset" }</span>
                    <select data-testid="preset-select" onchange={bind(&preset_id)}>{ for presets }</select>
                </label>
                <button type="submit" class="button" data-testid="reset-button">{ "Start over" }</button>
                <FieldMessage message={props.seed_message.clone()} testid="seed-message" />
            </form>
        </header>
    }
}
