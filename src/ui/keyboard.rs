//! The page's keyboard shortcuts, as one `keydown` listener on the window (dropped with the
//! page). Keys typed into a field, Space and Enter on a focused button (they press it), and
//! keys with Ctrl, Alt or Meta, are left alone.
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::Action;

/// The focused element handles the key itself: typing in a field, or Space / Enter pressing a
/// button, opening a summary or following a link (Space must not toggle Play there).
fn handled_where_focused(e: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    let tag = element.tag_name();
    let presses =
        matches!(e.key().as_str(), " " | "Spacebar" | "Enter") && matches!(tag.as_str(), "BUTTON" | "SUMMARY" | "A");
    presses || matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.is_content_editable()
}

/// What a key does, if anything.
pub fn action_for_key(key: &str) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlaying,
        "ArrowRight" => Action::StepForward,
        "ArrowLeft" => Action::StepBack,
        "[" => Action::SpeedBy(-1),
        "]" => Action::SpeedBy(1),
        "l" | "L" => Action::BackToLive,
        "?" => Action::Help(None),
        "p" | "P" => Action::Present(None),
        "Escape" => Action::Help(Some(false)),
        _ => return None,
    })
}

#[hook]
pub fn use_keyboard(on_key: Callback<Action>) {
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&window, "keydown", options, move |event| {
            let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if e.ctrl_key() || e.alt_key() || e.meta_key() || handled_where_focused(e) {
                return;
            }
            if let Some(action) = action_for_key(&e.key()) {
                // Space would scroll and arrows would move a focused button's page.
                e.prevent_default();
                on_key.emit(action);
            }
        });
        move || drop(listener)
    });
}
