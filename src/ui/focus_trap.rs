//! A dialog's focus: when it opens it takes the focus (its `[data-autofocus]` control, else
//! its first button), Tab and Shift+Tab stay inside it, and when it closes the focus goes back
//! to where it was, so a keyboard user carries on from the control that opened it.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

fn focus(element: Option<Element>) {
    if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// The dialog's `onkeydown`: Tab on its last button goes to the first, Shift+Tab on the first
/// to the last (its controls are buttons).
pub fn keep_tab_inside(e: KeyboardEvent) {
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok()).filter(|_| e.key() == "Tab");
    let Some(dialog) = target.and_then(|t| t.closest("[role=dialog],[role=alertdialog]").ok().flatten()) else {
        return;
    };
    let (Ok(first), Ok(last)) = (dialog.query_selector("button"), dialog.query_selector("button:last-of-type")) else {
        return;
    };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let (wrap_from, wrap_to) = if e.shift_key() { (first, last) } else { (last, first) };
    if active.is_none_or(|a| wrap_from.as_ref() == Some(&a) || !dialog.contains(Some(&a))) {
        e.prevent_default();
        focus(wrap_to);
    }
}

/// While `open`, the dialog `selector` names holds the focus; on closing, it goes back.
#[hook]
pub fn use_focus_trap(open: bool, selector: &'static str) {
    use_effect_with(open, move |&open| {
        let document = web_sys::window().and_then(|w| w.document()).filter(|_| open);
        let previous = document.as_ref().and_then(|d| d.active_element());
        if let Some(dialog) = document.and_then(|d| d.query_selector(selector).ok().flatten()) {
            let chosen = dialog.query_selector("[data-autofocus]").ok().flatten();
            focus(chosen.or_else(|| dialog.query_selector("button").ok().flatten()));
        }
        move || focus(previous)
    });
}
