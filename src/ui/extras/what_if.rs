//! "What if?" (issue 16): pick one or two brokers and see, before anything runs, what their
//! failure would do to this cluster: which partitions go offline (and what an operator's
//! unclean election would elect and lose), which fall under min.insync.replicas (acks=all
//! writes refused with NOT_ENOUGH_REPLICAS), which leaders move where. The answer is a run
//! of the simulator on a copy of the cluster (`script::what_if`); then "crash them" runs it
//! for real. Beside it, the box that brings one's own cluster in: what `kafka-topics.sh
//! --describe` printed, pasted here or dropped anywhere on the page (`drop_import`).
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::session_prop::SessionProp;
use crate::script::what_if::{what_if, PartitionFate, WhatIf};
use crate::ui::components::console::import_describe;
use crate::ui::components::field_message::field_message;
use crate::ui::field::InlineMessage;

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub session: SessionProp,
    /// The cluster's brokers: (id, alive).
    pub brokers: Vec<(u32, bool)>,
    pub import_message: Option<InlineMessage>,
    /// Runs a scenario line (the crashes), as the console does.
    pub on_line: Callback<String>,
    pub on_play: Callback<bool>,
    pub on_import: Callback<(String, String)>,
    pub on_import_failed: Callback<String>,
}

/// The preview: for which brokers, at which simulated moment, and what it found.
#[derive(Clone, PartialEq)]
struct Preview {
    at_ms: u64,
    answer: Result<Rc<WhatIf>, String>,
}

#[component]
pub fn WhatIfPanel(props: &WhatIfProps) -> Html {
    let picked = use_state(Vec::<u32>::new);
    let preview = use_state(|| None::<Preview>);
    let on_pick = {
        let (picked, preview, session) = (picked.clone(), preview.clone(), props.session.clone());
        Callback::from(move |broker: u32| {
            let mut next: Vec<u32> = picked.iter().copied().filter(|&b| b != broker).collect();
            if next.len() == picked.len() {
                next.push(broker);
                next.sort_unstable();
            }
            preview.set(preview_of(&session, &next));
            picked.set(next);
        })
    };
    let on_again = {
        let (picked, preview, session) = (picked.clone(), preview.clone(), props.session.clone());
        Callback::from(move |_: MouseEvent| preview.set(preview_of(&session, &picked)))
    };
    let now_ms = props.session.borrow().now_ms();
    html! {
        <section class="panel what-if" data-testid="what-if-panel" aria-labelledby="what-if-heading">
            <div class="panel__head"><h2 id="what-if-heading">{ "What if brokers fail?" }</h2></div>
            <p class="small">{ "Pick one or two brokers. The simulator crashes them on a copy of this cluster, runs until the controller has fenced them and elected what it can, and lists every partition that changes. Nothing happens to your cluster until you press the button below." }</p>
            { broker_picks(&props.brokers, &picked, &on_pick) }
            if let Some(preview) = &*preview {
                { preview_view(preview, now_ms, &on_again) }
                { run_button(props, &picked, preview) }
            }
            { describe_box(props) }
        </section>
    }
}

/// The preview for `brokers` at the moment shown; `None` when none is picked.
fn preview_of(session: &SessionProp, brokers: &[u32]) -> Option<Preview> {
    if brokers.is_empty() {
        return None;
    }
    let session = session.borrow();
    let answer = what_if(session.cluster(), brokers).map(Rc::new);
    Some(Preview { at_ms: session.now_ms(), answer })
}

fn broker_picks(brokers: &[(u32, bool)], picked: &[u32], on_pick: &Callback<u32>) -> Html {
    let boxes = brokers.iter().map(|&(id, alive)| {
        let checked = picked.contains(&id);
        // Two at most: more is rarely a question an operator asks, and each costs a run.
        let disabled = !alive || (!checked && picked.len() >= 2);
        html! {
            <label class="what-if__pick">
                <input type="checkbox" data-testid={format!("what-if-broker-{id}")} {checked} {disabled}
                    onchange={on_pick.reform(move |_: Event| id)} />
                { format!(" broker {id}") }{ if alive { "" } else { " (down)" } }
            </label>
        }
    });
    html! { <fieldset class="what-if__picks"><legend>{ "Brokers to fail (at most two)" }</legend>{ for boxes }</fieldset> }
}

fn preview_view(preview: &Preview, now_ms: u64, on_again: &Callback<MouseEvent>) -> Html {
    let stale = (preview.at_ms != now_ms).then(|| {
        html! {
            <button type="button" class="button button--quiet" onclick={on_again.clone()} data-testid="what-if-again">
                { format!("The cluster moved on: preview again at {} ms", now_ms) }</button>
        }
    });
    let body = match &preview.answer {
        Err(why) => html! { <p class="field-message field-message--error" role="alert">{ why.clone() }</p> },
        Ok(answer) if answer.partitions.is_empty() => {
            html! { <p>{ "No partition would change: each keeps its leader and its ISR." }</p> }
        }
        Ok(answer) => html! { <ul class="what-if__fates">{ for answer.partitions.iter().map(fate_item) }</ul> },
    };
    let heading = match &preview.answer {
        Ok(answer) => format!(
            "At {} ms, if broker{} {} failed, {} s later:",
            preview.at_ms,
            if answer.brokers.len() == 1 { "" } else { "s" },
            answer.brokers.iter().map(u32::to_string).collect::<Vec<_>>().join(" and "),
            answer.settled_ms / 1000
        ),
        Err(_) => String::new(),
    };
    html! {
        <div class="what-if__result" data-testid="what-if-result" aria-live="polite">
            <p class="what-if__heading">{ heading }</p>
            { body }
            { for stale }
        </div>
    }
}

/// One partition's fate, its kind as a mark and a word as well as a colour.
fn fate_item(fate: &PartitionFate) -> Html {
    let (class, mark, kind) = if fate.offline() {
        ("fate fate--offline", "✕", "Offline")
    } else if fate.under_min_isr() {
        ("fate fate--under-min", "▲", "Under min ISR")
    } else if fate.leader_moved() {
        ("fate fate--moved", "→", "Leader moves")
    } else {
        ("fate fate--isr", "−", "ISR shrinks")
    };
    html! {
        <li {class} data-testid="what-if-fate" data-partition={fate.partition.clone()}>
            <span class="fate__kind" aria-hidden="true">{ mark }</span>
            <strong>{ kind }{ ": " }</strong>{ fate.line() }
        </li>
    }
}

/// Runs the failure for real (a crash of each broker) and plays, so the learner watches it.
fn run_button(props: &WhatIfProps, picked: &[u32], preview: &Preview) -> Html {
    let (on_line, on_play, brokers) = (props.on_line.clone(), props.on_play.clone(), picked.to_vec());
    let onclick = Callback::from(move |_: MouseEvent| {
        brokers.iter().for_each(|b| on_line.emit(format!("crash broker {b}")));
        on_play.emit(true);
    });
    let disabled = preview.answer.is_err();
    html! {
        <button type="button" class="button button--primary" data-testid="what-if-run" {onclick} {disabled}>
            { "Crash them and watch" }</button>
    }
}

/// A box to paste what `kafka-topics.sh --describe` printed into, folded away.
fn describe_box(props: &WhatIfProps) -> Html {
    let (done, failed) = (props.on_import.clone(), props.on_import_failed.clone());
    let onclick = Callback::from(move |e: MouseEvent| {
        let field = e.target_dyn_into::<web_sys::Element>().and_then(|b| b.closest("details").ok().flatten());
        let input = field.and_then(|d| d.query_selector("textarea").ok().flatten());
        let text = input.and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).map(|t| t.value());
        match text.filter(|t| !t.trim().is_empty()) {
            Some(text) => import_describe(text, done.clone(), failed.clone()),
            None => failed.emit("Paste what kafka-topics.sh --describe printed first".to_owned()),
        }
    });
    html! {
        <details data-testid="describe-import" class="what-if__import">
            <summary>{ "Bring your own cluster: import kafka-topics --describe…" }</summary>
            <label class="field"><span>{ "What kafka-topics.sh --describe printed (any version). You can also drop the file anywhere on the page." }</span>
                <textarea class="mono" rows="6" data-testid="describe-input" spellcheck="false" /></label>
            <button type="button" class="button" data-testid="describe-import-button" {onclick}>{ "Build this cluster" }</button>
            { field_message(props.import_message.clone(), "what-if-import-message") }
        </details>
    }
}
