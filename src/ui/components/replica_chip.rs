//! One replica of one partition on a broker. Its role shows as a badge letter, a border shape
//! and (for the roles a letter can't tell apart) a note, so colour is never the only cue. A
//! plain function, not a component: it holds no state, and each component adds to the bundle.

use yew::prelude::*;

use crate::sim::ReplicaRole;
use crate::ui::labels::{role_badge, role_class, role_note};

/// `partition`'s replica (e.g. "orders-0") in `role`; `selected`: its partition is the one
/// shown in the partition view. A button: pressing it (click, Enter or Space) shows that
/// partition, through the one handler on the broker's list of chips (`chips_list`), so a
/// cluster of 1,500 replicas does not make 1,500 listeners every frame.
pub fn replica_chip(partition: &str, role: ReplicaRole, selected: bool) -> Html {
    // The name read out is the text shown (the partition) and the role, hidden from sight:
    // a label that differed from the visible text would confuse voice control.
    let role_text = format!(": {}", role.label());
    html! {
        <li key={partition.to_string()} class="chips__item" data-testid="replica-chip"
            data-partition={partition.to_string()} data-role={role_class(&role)}>
            <button type="button" class={classes!("chip", format!("chip--{}", role_class(&role)), selected.then_some("chip--selected"))}
                data-partition={partition.to_string()} title={format!("{partition}{role_text}: show it in the partition view")}
                aria-pressed={selected.to_string()}>
                <span class="chip__badge" aria-hidden="true">{ role_badge(&role) }</span>
                <span class="chip__name">{ partition.to_string() }</span>
                <span class="visually-hidden">{ role_text }</span>
                if let Some(note) = role_note(&role) {
                    <span class="chip__note" aria-hidden="true">{ note }</span>
                }
            </button>
        </li>
    }
}

/// A broker's replica chips, with one click handler for all of them: it reads the partition
/// of the chip pressed and hands it to `on_select`.
pub fn chips_list(label: String, chips: Html, on_select: &Callback<String>) -> Html {
    let on_select = on_select.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if let Some(partition) = partition_pressed(&event) {
            on_select.emit(partition);
        }
    });
    html! { <ul class="chips" aria-label={label} {onclick}>{ chips }</ul> }
}

/// The partition of the chip an event came from (a press between chips names none).
fn partition_pressed(event: &MouseEvent) -> Option<String> {
    let target = event.target_dyn_into::<web_sys::Element>()?;
    target.closest("[data-partition]").ok().flatten()?.get_attribute("data-partition")
}
