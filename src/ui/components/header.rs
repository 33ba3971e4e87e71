//! The title bar with the simulated clock and the controls that move time: play / pause,
//! step one event, +100 ms, speed (and whether slow motion holds it back), the seed (editable:
//! start over with it), the preset, and presentation mode.
use yew::prelude::*;

use super::field_message::field_message;
use super::preset_picker::preset_menu;
use crate::ui::dom::bind_input;
use crate::ui::labels::{sim_time, speed_label};
use crate::ui::state::{Preset, SPEEDS, STEP_MS};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub now_ms: u64,
    pub playing: bool,
    pub speed: usize,
    /// Time runs slower than the speed chosen, to show a record on the wire.
    #[prop_or_default]
    pub slow_motion: bool,
    /// Presentation mode is on.
    #[prop_or_default]
    pub presenting: bool,
    /// Turns presentation mode on or off.
    #[prop_or_default]
    pub on_present: Callback<bool>,
    pub seed: u64,
    pub preset: Preset,
    /// The session holds work since it started (choosing a preset asks first).
    pub has_work: bool,
    pub seed_message: Option<(bool, String)>,
    /// Why time stopped (the session's time limit), next to the clock.
    pub clock_message: Option<(bool, String)>,
    pub on_play: Callback<bool>,
    pub on_step_event: Callback<()>,
    /// Advance simulated time by this many ms.
    pub on_advance: Callback<u64>,
    /// An index into `SPEEDS`.
    pub on_speed: Callback<usize>,
    /// Start over with (seed, preset).
    pub on_restart: Callback<(u64, Preset)>,
    /// Why the typed seed is no seed.
    pub on_seed_refused: Callback<String>,
    /// The panel of the full page that is open ("lessons", "metrics", ...), if any.
    #[prop_or_default]
    pub open: Option<&'static str>,
    /// Opens (or closes) a panel of the full page (`ui::start`).
    #[prop_or_default]
    pub on_open: Callback<&'static str>,
}

/// The panels beyond the sandbox, each a button: (panel, label, what it shows).
const PANELS: [(&str, &str, &str); 3] = [
    ("lessons", "Lessons", "Guided lessons and challenges: predict, then watch the simulator"),
    ("metrics", "Metrics", "Kafka's replication metrics over time, and the spacetime diagram of the messages"),
    ("what-if", "What if?", "What the failure of one or two brokers would do, before it runs"),
];

/// The buttons that open the lessons, the metrics and the what-if preview.
fn panel_buttons(props: &HeaderProps) -> Html {
    let buttons = PANELS.iter().map(|&(panel, label, title)| {
        html! { <button type="button" class="button button--quiet" data-testid={format!("open-{panel}")} {title}
            aria-pressed={(props.open == Some(panel)).to_string()} onclick={props.on_open.reform(move |_: MouseEvent| panel)}>{ label }</button> }
    });
    html! { <nav class="topbar__panels" aria-label="Lessons and tools">{ for buttons }</nav> }
}

fn on_speed(on_speed: &Callback<usize>) -> Callback<Event> {
    let on_speed = on_speed.clone();
    Callback::from(move |e: Event| {
        if let Ok(i) = crate::ui::dom::event_value(&e).parse::<usize>() {
            on_speed.emit(i);
        }
    })
}

/// Start over with the typed seed and the preset in force, or say why the seed is no seed.
fn on_restart(props: &HeaderProps, seed_text: &UseStateHandle<String>) -> Callback<SubmitEvent> {
    let (on_restart, on_refused) = (props.on_restart.clone(), props.on_seed_refused.clone());
    let (seed_text, preset) = (seed_text.clone(), props.preset);
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        match seed_text.trim().parse::<u64>() {
            Ok(seed) => on_restart.emit((seed, preset)),
            Err(_) => on_refused.emit(format!(
                "'{}' is not a seed: use a whole number from 0 to {}",
                seed_text.trim(),
                u64::MAX
            )),
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
    let playing = props.playing;
    let speeds = SPEEDS.iter().enumerate().map(|(i, s)| {
        html! { <option value={i.to_string()} selected={i == props.speed}>{ speed_label(*s) }</option> }
    });
    html! {
        <div class="topbar__time" role="group" aria-label="Simulated time">
            <div class="clock">
                <span class="clock__label">{ "Simulated time" }</span>
                <output class="clock__value" data-testid="sim-clock" data-ms={props.now_ms.to_string()} aria-live="off"
                    title="Simulated time, minutes:seconds.milliseconds">{ sim_time(props.now_ms) }</output>
            </div>
            <button type="button" class="button button--primary" data-testid="play-button"
                aria-pressed={playing.to_string()} onclick={props.on_play.reform(move |_: MouseEvent| !playing)}>
                { if playing { "❚❚ Pause" } else { "▶ Play" } }
            </button>
            <button type="button" class="button" data-testid="step-event-button" onclick={props.on_step_event.reform(|_: MouseEvent| ())}
                title="Process the next queued event (a message arriving or a timer firing)">
                { "Step one event" }
            </button>
            <button type="button" class="button" data-testid="step-button" onclick={props.on_advance.reform(|_: MouseEvent| STEP_MS)}>
                { format!("Step +{STEP_MS} ms") }
            </button>
            <button type="button" class="button" data-testid="second-button"
                onclick={props.on_advance.reform(|_: MouseEvent| 1000)}>{ "+1 s" }</button>
            <label class="field field--inline">
                <span>{ "Speed" }</span>
                <select data-testid="speed-select" onchange={on_speed(&props.on_speed)}
                    title="1× is real time; up to 1×, time slows while a record is on the wire so each hop lasts 0.7 s">{ for speeds }</select>
            </label>
            if props.slow_motion {
                <span class="tag tag--slow" data-testid="slow-motion" title="A record is on the wire: time slows so each hop lasts 0.7 s on screen">
                    { "◔ slow motion" }</span>
            }
            { field_message(props.clock_message.clone(), "clock-message") }
        </div>
    }
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let seed_text = use_state(|| props.seed.to_string());
    {
        // A restart or an import changes the seed: show the one in force.
        let (seed_text, seed) = (seed_text.clone(), props.seed);
        use_effect_with(seed, move |seed| seed_text.set(seed.to_string()));
    }
    let on_restart = on_restart(props, &seed_text);
    let on_choose = props.on_restart.reform({
        let seed = props.seed;
        move |preset| (seed, preset)
    });
    let presenting = props.presenting;
    html! {
        <header class="topbar">
            { brand() }
            { time_controls(props) }
            { panel_buttons(props) }
            <button type="button" class="button button--quiet" data-testid="presentation-toggle" aria-pressed={presenting.to_string()}
                title="Presentation mode: larger type, fewer panels (P)" onclick={props.on_present.reform(move |_: MouseEvent| !presenting)}>
                { if presenting { "Leave presentation (P)" } else { "Present (P)" } }</button>
            <form class="topbar__restart" onsubmit={on_restart} aria-label="Start over">
                <label class="field field--inline">
                    <span>{ "Seed" }</span>
                    <input type="text" inputmode="numeric" size="8" data-testid="seed-input"
                        value={(*seed_text).clone()} oninput={bind_input(&seed_text)} />
                </label>
                { preset_menu(props.preset, props.has_work, &on_choose) }
                <button type="submit" class="button" data-testid="reset-button">{ "Start over" }</button>
                { field_message(props.seed_message.clone(), "seed-message") }
            </form>
        </header>
    }
}
