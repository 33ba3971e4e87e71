//! One replica of one partition on a broker. Its role shows as a badge letter, a border shape
//! and (for the roles a letter can't tell apart) a note, so colour is never the only cue. A
//! plain function, not a component: it holds no state, and each component adds to the bundle.
//!
//! A chip is a button that shows its partition in the partition view. The 50-broker preset
//! draws 1,500 of them and redraws them with their card, so a chip adds no element and no
//! listener of its own: one handler on each broker's group of chips reads the chip pressed,
//! and the group is one Tab stop whose chips the arrow keys walk (a roving focus, as in the
//! WAI-ARIA toolbar pattern), so a big cluster does not put 1,500 stops before the console.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::sim::ReplicaRole;
use crate::ui::labels::{role_badge, role_class, role_note};

/// `partition`'s replica (e.g. "orders-0") in `role`; `selected`: its partition is the one
/// shown in the partition view; `first`: the chip the group's Tab stop lands on.
pub fn replica_chip(partition: &str, role: ReplicaRole, selected: bool, first: bool) -> Html {
    // The name read out is the text shown and the role in hidden text, with no aria-label: a
    // label that differed from what is seen would confuse voice control (axe:
    // label-content-name-mismatch).
    html! {
        <span key={partition.to_string()} class={classes!("chip", format!("chip--{}", role_class(&role)), selected.then_some("chip--selected"))}
            role="button" tabindex={if first { "0" } else { "-1" }} aria-pressed={if selected { "true" } else { "false" }}
            data-testid="replica-chip" data-partition={partition.to_string()}
            data-role={role_class(&role)} title={format!("{partition}: {}", role.label())}>
            <span class="chip__badge" aria-hidden="true">{ role_badge(&role) }</span>
            <span class="chip__name">{ partition.to_string() }</span>
            <span class="visually-hidden">{ ": " }{ role.label() }</span>
            if let Some(note) = role_note(&role) {
                <span class="chip__note" aria-hidden="true">{ note }</span>
            }
        </span>
    }
}

/// A broker's replica chips: a click, Enter or Space on a chip hands its partition to
/// `on_select`; the arrow keys, Home and End move the focus between the chips.
pub fn chips_group(label: String, chips: Html, on_select: &Callback<String>) -> Html {
    let on_click = on_select.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if let Some(partition) = chip_of(event.target()).and_then(|chip| chip.get_attribute("data-partition")) {
            on_click.emit(partition);
        }
    });
    let on_key = on_select.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        let Some(chip) = chip_of(event.target()) else { return };
        let target = match event.key().as_str() {
            "Enter" | " " => {
                if let Some(partition) = chip.get_attribute("data-partition") {
                    on_key.emit(partition);
                }
                None
            }
            "ArrowRight" | "ArrowDown" => chip.next_element_sibling(),
            "ArrowLeft" | "ArrowUp" => chip.previous_element_sibling(),
            "Home" => chip.parent_element().and_then(|group| group.first_element_child()),
            "End" => chip.parent_element().and_then(|group| group.last_element_child()),
            _ => return,
        };
        // The page's own keys (Space plays, the arrows step) must not act as well.
        event.prevent_default();
        event.stop_propagation();
        if let Some(next) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = next.focus();
        }
    });
    html! { <div class="chips" role="group" aria-label={label} {onclick} {onkeydown}>{ chips }</div> }
}

/// The chip an event came from (a press between chips names none).
fn chip_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    element.closest("[data-partition]").ok().flatten()
}
