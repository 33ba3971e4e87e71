//! A file dropped anywhere on the full page (issue 16: "paste or drop on the page"): what
//! `kafka-topics.sh --describe` printed becomes the cluster it describes, a `.scenario` file
//! replaces the session, as the console's "Import .scenario…" does. While a file is dragged
//! over the page, the page says what a drop will do (`body[data-dropping]`, www/full/what-if.css).
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::components::console::route_import;
use crate::ui::dom::read_file;

#[hook]
pub fn use_drop_import(on_import: &Callback<(String, String)>, on_import_failed: &Callback<String>) {
    let routed = route_import(on_import, on_import_failed);
    let failed = on_import_failed.clone();
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        // Not passive: a drop is allowed only when dragover's default is prevented.
        let active = EventListenerOptions::enable_prevent_default();
        let over = EventListener::new_with_options(&window, "dragover", active, |e| {
            e.prevent_default();
            set_dropping(true);
        });
        let leave = EventListener::new(&window, "dragleave", |e| {
            // Leaving the window, not one element for another.
            if e.dyn_ref::<web_sys::DragEvent>().is_some_and(|d| d.related_target().is_none()) {
                set_dropping(false);
            }
        });
        let drop = EventListener::new_with_options(&window, "drop", active, move |e| {
            e.prevent_default();
            set_dropping(false);
            let file = e.dyn_ref::<web_sys::DragEvent>().and_then(|d| d.data_transfer()).and_then(|t| t.files());
            match file.and_then(|files| files.get(0)) {
                Some(file) => read_file(file, routed.clone(), failed.clone()),
                None => failed.emit(
                    "Only a file can be dropped here: a .scenario or a kafka-topics --describe output".to_owned(),
                ),
            }
        });
        move || drop_all((over, leave, drop))
    });
}

fn drop_all(listeners: (EventListener, EventListener, EventListener)) {
    drop(listeners);
    set_dropping(false);
}

fn set_dropping(on: bool) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = if on { body.set_attribute("data-dropping", "") } else { body.remove_attribute("data-dropping") };
    }
}
