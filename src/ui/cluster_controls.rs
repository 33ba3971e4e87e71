//! Change the cluster's shape: add a broker (with a rack), remove one, create a topic.
//! Each form builds a scenario-script line; what it did or why it was refused shows next to it.
use yew::prelude::*;

use super::dom::{bind, bind_input};
use super::field_message::FieldMessage;
use super::state::{Action, PlaygroundState};

#[derive(Properties, PartialEq)]
pub struct ClusterControlsProps {
    pub broker_ids: Vec<u32>,
    pub add_message: Option<(bool, String)>,
    pub remove_message: Option<(bool, String)>,
    pub topic_message: Option<(bool, String)>,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

/// `Ok(n)` for a whole number in `lo..=hi`, else the message to show next to the field.
pub fn whole(text: &str, what: &str, lo: u32, hi: u32) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {lo} to {hi}")),
    }
}

/// A word the script language reads as one token: letters, digits, `.`, `_`, `-`.
pub fn plain_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[component]
pub fn ClusterControls(props: &ClusterControlsProps) -> Html {
    let d = props.dispatcher.clone();
    let rack = use_state(|| "a".to_string());
    let remove_id = use_state(String::new);
    let topic = use_state(|| "payments".to_string());
    let partitions = use_state(|| "3".to_string());
    let rf = use_state(|| "3".to_string());
    let min_isr = use_state(|| "2".to_string());

    let say = |d: &UseReducerDispatcher<PlaygroundState>, origin: &str, text: String| {
        d.dispatch(Action::FieldMessage { origin: origin.into(), ok: false, text })
    };
    let on_add = {
        let (d, rack) = (d.clone(), rack.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let r = rack.trim();
            if !r.is_empty() && !plain_word(r) {
                return say(&d, "add-broker", "A rack name is letters, digits, '.', '_' or '-' (or empty for no rack)".into());
            }
            let line = if r.is_empty() { "broker add".to_string() } else { format!("broker add rack={r}") };
            d.dispatch(Action::Exec { line, origin: "add-broker".into() });
        })
    };
    let on_remove = {
        let (d, remove_id, ids) = (d.clone(), remove_id.clone(), props.broker_ids.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen = if remove_id.is_empty() { ids.last().map(u32::to_string).unwrap_or_default() } else { (*remove_id).clone() };
            if chosen.is_empty() {
                return say(&d, "remove-broker", "There is no broker to remove".into());
            }
            d.dispatch(Action::Exec { line: format!("broker remove {chosen}"), origin: "remove-broker".into() });
        })
    };
    let on_topic = {
        let d = d.clone();
        let (topic, partitions, rf, min_isr) = (topic.clone(), partitions.clone(), rf.clone(), min_isr.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = topic.trim();
            if !plain_word(name) {
                return say(&d, "topic", "A topic name is letters, digits, '.', '_' or '-'".into());
            }
            let checked = (|| -> Result<String, String> {
                let p = whole(&partitions, "Partitions", 1, 1000)?;
                let r = whole(&rf, "Replication factor", 1, 100)?;
                let m = whole(&min_isr, "min-ISR", 1, 100)?;
                if m > r {
                    return Err(format!("min-ISR ({m}) cannot exceed the replication factor ({r}): no write with acks=all could ever succeed"));
                }
                Ok(format!("topic create {name} partitions={p} rf={r} min-isr={m}"))
            })();
            match checked {
                Ok(line) => d.dispatch(Action::Exec { line, origin: "topic".into() }),
                Err(text) => say(&d, "topic", text),
            }
        })
    };
    let default_remove = props.broker_ids.last().map(u32::to_string).unwrap_or_default();
    let chosen = if remove_id.is_empty() { default_remove } else { (*remove_id).clone() };
    let remove_options = props.broker_ids.iter().rev().map(|id| {
        html! { <option value={id.to_string()} selected={id.to_string() == chosen}>{ format!("Broker {id}") }</option> }
    });

    html! {
        <div class="controls" data-testid="cluster-controls">
            <form class="form-row" onsubmit={on_add} aria-label="Add a broker">
                <label class="field"><span>{ "Rack of the new broker" }</span>
                    <input type="text" size="6" data-testid="add-broker-rack" value={(*rack).clone()} oninput={bind_input(&rack)} /></label>
                <button type="submit" class="button" data-testid="add-broker">{ "Add broker" }</button>
                <FieldMessage message={props.add_message.clone()} testid="add-broker-message" />
            </form>
            <form class="form-row" onsubmit={on_remove} aria-label="Remove a broker">
                <label class="field"><span>{ "Broker to remove" }</span>
                    <select data-testid="remove-broker-id" onchange={bind(&remove_id)}>{ for remove_options }</select></label>
                <button type="submit" class="button" data-testid="remove-broker">{ "Remove broker" }</button>
                <FieldMessage message={props.remove_message.clone()} testid="remove-broker-message" />
            </form>
            <form class="form-row" onsubmit={on_topic} aria-label="Create a topic">
                <label class="field"><span>{ "Topic" }</span>
                    <input type="text" size="10" data-testid="topic-name" value={(*topic).clone()} oninput={bind_input(&topic)} /></label>
                <label class="field"><span>{ "Partitions" }</span>
                    <input type="number" min="1" max="1000" data-testid="topic-partitions" value={(*partitions).clone()} oninput={bind_input(&partitions)} /></label>
                <label class="field"><span>{ "Replication factor" }</span>
                    <input type="number" min="1" data-testid="topic-rf" value={(*rf).clone()} oninput={bind_input(&rf)} /></label>
                <label class="field"><span>{ "min-ISR" }</span>
                    <input type="number" min="1" data-testid="topic-min-isr" value={(*min_isr).clone()} oninput={bind_input(&min_isr)} /></label>
                <button type="submit" class="button" data-testid="create-topic">{ "Create topic" }</button>
                <FieldMessage message={props.topic_message.clone()} testid="topic-message" />
            </form>
        </div>
    }
}
