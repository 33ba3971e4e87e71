//! Produce one record (value, key, acks) or a steady rate, to a topic (the default
//! partitioner picks the partition) or to one partition.
use yew::prelude::*;

use super::cluster_controls::whole;
use super::dom::{bind, bind_input};
use super::field_message::FieldMessage;
use super::state::{Action, PlaygroundState};

#[derive(Properties, PartialEq)]
pub struct ProduceControlsProps {
    pub topics: Vec<String>,
    pub partitions: Vec<String>,
    pub rate_on: bool,
    pub produce_message: Option<(bool, String)>,
    pub rate_message: Option<(bool, String)>,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

/// A record value as a script token: quoted when it has spaces; `None` when it cannot be
/// written (a double quote or a line break inside).
pub fn script_value(value: &str) -> Option<String> {
    if value.is_empty() || value.contains('"') || value.contains('\n') || value.contains('\r') {
        return None;
    }
    Some(if value.chars().any(|c| c.is_whitespace() || c == '#' || c == '=') { format!("\"{value}\"") } else { value.to_string() })
}

#[component]
pub fn ProduceControls(props: &ProduceControlsProps) -> Html {
    let d = props.dispatcher.clone();
    let first_topic = props.topics.first().cloned().unwrap_or_default();
    let target = use_state(|| first_topic.clone());
    let value = use_state(|| "hello".to_string());
    let key = use_state(String::new);
    let acks = use_state(|| "all".to_string());
    let rate = use_state(|| "10".to_string());

    let on_produce = {
        let (d, target, value, key, acks) = (d.clone(), target.clone(), value.clone(), key.clone(), acks.clone());
        let fallback = first_topic.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let say = |text: &str| d.dispatch(Action::FieldMessage { origin: "produce".into(), ok: false, text: text.into() });
            let Some(v) = script_value(value.trim()) else {
                return say("Type a value to send (no double quotes or line breaks)");
            };
            let t = if target.is_empty() { fallback.clone() } else { (*target).clone() };
            if t.is_empty() {
                return say("Create a topic first");
            }
            let mut line = format!("produce {t} {v} acks={}", *acks);
            if !key.trim().is_empty() {
                match script_value(key.trim()) {
                    Some(k) if !k.starts_with('"') => line.push_str(&format!(" key={k}")),
                    _ => return say("A key is one word: no spaces or quotes"),
                }
            }
            d.dispatch(Action::Exec { line, origin: "produce".into() });
        })
    };
    let on_rate = {
        let (d, target, acks, rate) = (d.clone(), target.clone(), acks.clone(), rate.clone());
        let (on, fallback) = (props.rate_on, first_topic);
        Callback::from(move |_: MouseEvent| {
            if on {
                return d.dispatch(Action::StopRate);
            }
            match whole(&rate, "Records per second", 1, 1000) {
                Ok(per_second) => {
                    let topic = if target.is_empty() { fallback.clone() } else { (*target).clone() };
                    d.dispatch(Action::FieldMessage { origin: "rate".into(), ok: true, text: format!("sending {per_second} records/s to {topic} while time runs") });
                    d.dispatch(Action::StartRate { topic, per_second, acks: (*acks).clone() });
                }
                Err(text) => d.dispatch(Action::FieldMessage { origin: "rate".into(), ok: false, text }),
            }
        })
    };
    let targets = props.topics.iter().map(|t| (t.clone(), format!("{t} (partitioner picks)")))
        .chain(props.partitions.iter().map(|p| (p.clone(), p.clone())))
        .map(|(v, label)| html! { <option value={v.clone()} selected={*target == v}>{ label }</option> });
    let ack_options = ["all", "1", "0"].map(|a| html! { <option value={a} selected={*acks == a}>{ a }</option> });

    html! {
        <div class="controls" data-testid="produce-controls">
            <form class="form-row" onsubmit={on_produce} aria-label="Produce a record">
                <label class="field"><span>{ "To" }</span>
                    <select data-testid="produce-target" onchange={bind(&target)}>{ for targets }</select></label>
                <label class="field"><span>{ "Value" }</span>
                    <input type="text" size="10" data-testid="produce-value" value={(*value).clone()} oninput={bind_input(&value)} /></label>
                <label class="field"><span>{ "Key (optional)" }</span>
                    <input type="text" size="6" data-testid="produce-key" value={(*key).clone()} oninput={bind_input(&key)} /></label>
                <label class="field"><span>{ "acks" }</span>
                    <select data-testid="produce-acks" onchange={bind(&acks)}>{ for ack_options }</select></label>
                <button type="submit" class="button button--primary" data-testid="produce-button">{ "Produce" }</button>
                <FieldMessage message={props.produce_message.clone()} testid="produce-message" />
            </form>
            <div class="form-row">
                <label class="field"><span>{ "Steady rate (records/s)" }</span>
                    <input type="number" min="1" max="1000" data-testid="rate-input" value={(*rate).clone()} oninput={bind_input(&rate)} /></label>
                <button type="button" class="button" data-testid="rate-button" aria-pressed={props.rate_on.to_string()} onclick={on_rate}>
                    { if props.rate_on { "Stop steady rate" } else { "Start steady rate" } }
                </button>
                <FieldMessage message={props.rate_message.clone()} testid="rate-message" />
            </div>
        </div>
    }
}
