//! A dialog's focus: when it opens it takes the focus (its `[data-autofocus]` control, else
//! its first), Tab and Shift+Tab stay inside it, and when it closes the focus goes back to
//! where it was, so a keyboard user carries on from the control that opened it.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

const FOCUSABLE: &str = "button:not([disabled]),[href],input,select,textarea,[tabindex]:not([tabindex='-1'])";

fn focusables(container: &Element) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// Tab on the last control goes to the first, Shift+Tab on the first to the last.
fn keep_tab_inside(e: &KeyboardEvent, container: &Element) {
    let inside = focusables(container);
    let (Some(first), Some(last)) = (inside.first(), inside.last()) else { return };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<Element>());
    let wrap_to = if e.shift_key() && (at(first) || !active.as_ref().is_some_and(|a| container.contains(Some(a)))) {
        last
    } else if !e.shift_key() && at(last) {
        first
    } else {
        return;
    };
    e.prevent_default();
    let _ = wrap_to.focus();
}

/// The node to put on the dialog and its `onkeydown`. `open`: the dialog is shown.
#[hook]
pub fn use_focus_trap(open: bool) -> (NodeRef, Callback<KeyboardEvent>) {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(open, move |&open| {
            let document = web_sys::window().and_then(|w| w.document());
            let previous = document.filter(|_| open).and_then(|d| d.active_element());
            if let Some(container) = node.cast::<Element>().filter(|_| open) {
                let chosen = container.query_selector("[data-autofocus]").ok().flatten();
                let target = chosen.and_then(|e| e.dyn_into::<HtmlElement>().ok());
                if let Some(target) = target.or_else(|| focusables(&container).into_iter().next()) {
                    let _ = target.focus();
                }
            }
            move || {
                if let Some(previous) = previous.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    let _ = previous.focus();
                }
            }
        });
    }
    let on_keydown = {
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(container) = node.cast::<Element>().filter(|_| e.key() == "Tab") {
                keep_tab_inside(&e, &container);
            }
        })
    };
    (node, on_keydown)
}
