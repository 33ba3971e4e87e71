//! Produce one record (value, key, acks) or a steady rate, to a topic (the default
//! partitioner picks the partition) or to one partition.
use yew::prelude::*;

use super::field_message::field_message;
use crate::script::ast::Command;
use crate::ui::dom::{bind, bind_input};
use crate::ui::form_commands::{produce, steady_rate};
use crate::ui::page_callbacks::Submitted;

#[derive(Properties, PartialEq)]
pub struct ProduceControlsProps {
    pub topics: Vec<String>,
    pub partitions: Vec<String>,
    pub rate_on: bool,
    pub produce_message: Option<(bool, String)>,
    pub rate_message: Option<(bool, String)>,
    pub on_produce: Callback<Submitted>,
    /// Starts (or stops) the steady rate.
    pub on_rate: Callback<Submitted>,
}

/// The form's fields, as typed or picked.
#[derive(Clone)]
struct ProduceFields {
    target: UseStateHandle<String>,
    value: UseStateHandle<String>,
    key: UseStateHandle<String>,
    acks: UseStateHandle<String>,
    rate: UseStateHandle<String>,
}

impl ProduceFields {
    /// The topic or partition picked, else `first_topic`, which the select shows first.
    fn target_or(&self, first_topic: &str) -> String {
        if self.target.is_empty() {
            first_topic.to_string()
        } else {
            (*self.target).clone()
        }
    }
}

fn on_produce(submit: &Callback<Submitted>, fields: &ProduceFields, first_topic: String) -> Callback<SubmitEvent> {
    let fields = fields.clone();
    submit.reform(move |e: SubmitEvent| {
        e.prevent_default();
        produce(&fields.value, &fields.key, &fields.acks, &fields.target_or(&first_topic))
    })
}

/// Stops the steady rate when on; else starts it at the typed rate: one `steady-rate` command.
fn on_rate(
    submit: &Callback<Submitted>,
    fields: &ProduceFields,
    rate_on: bool,
    first_topic: String,
) -> Callback<MouseEvent> {
    let fields = fields.clone();
    submit.reform(move |_: MouseEvent| {
        if rate_on {
            return Ok(Command::SteadyRateOff { producer: None });
        }
        steady_rate(&fields.rate, &fields.acks, &fields.target_or(&first_topic))
    })
}

#[component]
pub fn ProduceControls(props: &ProduceControlsProps) -> Html {
    let first_topic = props.topics.first().cloned().unwrap_or_default();
    let fields = ProduceFields {
        target: use_state(|| first_topic.clone()),
        value: use_state(|| "hello".to_string()),
        key: use_state(String::new),
        acks: use_state(|| "all".to_string()),
        rate: use_state(|| "10".to_string()),
    };
    let on_produce = on_produce(&props.on_produce, &fields, first_topic.clone());
    let on_rate = on_rate(&props.on_rate, &fields, props.rate_on, first_topic);
    let targets = props
        .topics
        .iter()
        .map(|t| (t.clone(), format!("{t} (partitioner picks)")))
        .chain(props.partitions.iter().map(|p| (p.clone(), p.clone())))
        .map(|(v, label)| html! { <option value={v.clone()} selected={*fields.target == v}>{ label }</option> });
    let ack_options =
        ["all", "1", "0"].map(|a| html! { <option value={a} selected={*fields.acks == a}>{ a }</option> });

    html! {
        <div class="controls" data-testid="produce-controls">
            <form class="form-row" onsubmit={on_produce} aria-label="Produce a record">
                <label class="field"><span>{ "To" }</span>
                    <select data-testid="produce-target" onchange={bind(&fields.target)}>{ for targets }</select></label>
                <label class="field"><span>{ "Value" }</span>
                    <input type="text" size="10" data-testid="produce-value" value={(*fields.value).clone()} oninput={bind_input(&fields.value)} /></label>
                <label class="field"><span>{ "Key (optional)" }</span>
                    <input type="text" size="6" data-testid="produce-key" value={(*fields.key).clone()} oninput={bind_input(&fields.key)} /></label>
                <label class="field"><span>{ "acks" }</span>
                    <select data-testid="produce-acks" onchange={bind(&fields.acks)}>{ for ack_options }</select></label>
                <button type="submit" class="button button--primary" data-testid="produce-button">{ "Produce" }</button>
                { field_message(props.produce_message.clone(), "produce-message") }
            </form>
            <div class="form-row">
                <label class="field"><span>{ "Steady rate (records/s)" }</span>
                    <input type="number" min="1" max="1000" data-testid="rate-input" value={(*fields.rate).clone()} oninput={bind_input(&fields.rate)} /></label>
                <button type="button" class="button" data-testid="rate-button" aria-pressed={props.rate_on.to_string()} onclick={on_rate}>
                    { if props.rate_on { "Stop steady rate" } else { "Start steady rate" } }
                </button>
                { field_message(props.rate_message.clone(), "rate-message") }
            </div>
        </div>
    }
}
