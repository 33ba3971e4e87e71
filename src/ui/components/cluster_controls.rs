//! Change the cluster's shape: add a broker (with a rack), remove one, create a topic.
//! Each form builds a typed command (`form_commands`); what it did or why it was refused
//! shows next to it.
use yew::prelude::*;

use super::field_message::field_message;
use crate::ui::dom::{bind, bind_input};
use crate::ui::form_commands::{add_broker, broker_to_remove, create_topic, remove_broker};
use crate::ui::page_callbacks::Submitted;

#[derive(Properties, PartialEq)]
pub struct ClusterControlsProps {
    pub broker_ids: Vec<u32>,
    pub add_message: Option<(bool, String)>,
    pub remove_message: Option<(bool, String)>,
    pub topic_message: Option<(bool, String)>,
    pub on_add: Callback<Submitted>,
    pub on_remove: Callback<Submitted>,
    pub on_create_topic: Callback<Submitted>,
}

/// The create-topic form's fields, as typed.
#[derive(Clone)]
struct TopicFields {
    name: UseStateHandle<String>,
    partitions: UseStateHandle<String>,
    rf: UseStateHandle<String>,
    min_isr: UseStateHandle<String>,
}

impl TopicFields {
    fn command(&self) -> Submitted {
        create_topic(&self.name, &self.partitions, &self.rf, &self.min_isr)
    }
}

/// Submitting hands on what `command()` makes of the fields as they are then.
fn on_submit(submit: &Callback<Submitted>, command: impl Fn() -> Submitted + 'static) -> Callback<SubmitEvent> {
    submit.reform(move |e: SubmitEvent| {
        e.prevent_default();
        command()
    })
}

#[component]
pub fn ClusterControls(props: &ClusterControlsProps) -> Html {
    let rack = use_state(|| "a".to_string());
    let remove_id = use_state(String::new);
    let topic = TopicFields {
        name: use_state(|| "payments".to_string()),
        partitions: use_state(|| "3".to_string()),
        rf: use_state(|| "3".to_string()),
        min_isr: use_state(|| "2".to_string()),
    };

    let on_add = {
        let rack = rack.clone();
        on_submit(&props.on_add, move || add_broker(&rack))
    };
    let on_remove = {
        let (remove_id, ids) = (remove_id.clone(), props.broker_ids.clone());
        on_submit(&props.on_remove, move || remove_broker(&remove_id, &ids))
    };
    let on_topic = {
        let topic = topic.clone();
        on_submit(&props.on_create_topic, move || topic.command())
    };
    let chosen = broker_to_remove(&remove_id, &props.broker_ids);
    let remove_options = props.broker_ids.iter().rev().map(|id| {
        html! { <option value={id.to_string()} selected={id.to_string() == chosen}>{ format!("Broker {id}") }</option> }
    });

    html! {
        <div class="controls" data-testid="cluster-controls">
            <form class="form-row" onsubmit={on_add} aria-label="Add a broker">
                <label class="field"><span>{ "Rack of the new broker" }</span>
                    <input type="text" size="6" data-testid="add-broker-rack" value={(*rack).clone()} oninput={bind_input(&rack)} /></label>
                <button type="submit" class="button" data-testid="add-broker">{ "Add broker" }</button>
                { field_message(props.add_message.clone(), "add-broker-message") }
            </form>
            <form class="form-row" onsubmit={on_remove} aria-label="Remove a broker">
                <label class="field"><span>{ "Broker to remove" }</span>
                    <select data-testid="remove-broker-id" onchange={bind(&remove_id)}>{ for remove_options }</select></label>
                <button type="submit" class="button" data-testid="remove-broker">{ "Remove broker" }</button>
                { field_message(props.remove_message.clone(), "remove-broker-message") }
            </form>
            <form class="form-row" onsubmit={on_topic} aria-label="Create a topic">
                <label class="field"><span>{ "Topic" }</span>
                    <input type="text" size="10" data-testid="topic-name" value={(*topic.name).clone()} oninput={bind_input(&topic.name)} /></label>
                <label class="field"><span>{ "Partitions" }</span>
                    <input type="number" min="1" max="1000" data-testid="topic-partitions" value={(*topic.partitions).clone()} oninput={bind_input(&topic.partitions)} /></label>
                <label class="field"><span>{ "Replication factor" }</span>
                    <input type="number" min="1" data-testid="topic-rf" value={(*topic.rf).clone()} oninput={bind_input(&topic.rf)} /></label>
                <label class="field"><span>{ "min-ISR" }</span>
                    <input type="number" min="1" data-testid="topic-min-isr" value={(*topic.min_isr).clone()} oninput={bind_input(&topic.min_isr)} /></label>
                <button type="submit" class="button" data-testid="create-topic">{ "Create topic" }</button>
                { field_message(props.topic_message.clone(), "topic-message") }
            </form>
        </div>
    }
}
