//! Small browser helpers the components share: read an input's value, download a text
//! file, read a chosen file. Side effects live here and in components, never in the reducer.
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The value of the input, select or textarea an event came from.
pub fn event_value(e: &Event) -> String {
    let Some(target) = e.target() else { return String::new() };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return input.value();
    }
    if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        return select.value();
    }
    target.dyn_ref::<HtmlTextAreaElement>().map(HtmlTextAreaElement::value).unwrap_or_default()
}

/// `oninput` / `onchange` into a `UseStateHandle<String>`.
pub fn bind(handle: &UseStateHandle<String>) -> Callback<Event> {
    let handle = handle.clone();
    Callback::from(move |e: Event| handle.set(event_value(&e)))
}

pub fn bind_input(handle: &UseStateHandle<String>) -> Callback<InputEvent> {
    let handle = handle.clone();
    Callback::from(move |e: InputEvent| handle.set(event_value(&e)))
}

/// The person asked for reduced motion (`prefers-reduced-motion: reduce`).
pub fn prefers_reduced_motion() -> bool {
    let query = web_sys::window().and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten());
    query.is_some_and(|q| q.matches())
}

/// Offers `text` as a file download named `name`. Failures are ignored: nothing to undo.
pub fn download(name: &str, text: &str) {
    let _ = try_download(name, text);
}

fn try_download(name: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    document.body()?.append_child(&anchor).ok()?;
    anchor.click();
    anchor.remove();
    web_sys::Url::revoke_object_url(&url).ok()
}

/// Reads the first file chosen in a file input, then calls `done(name, text)`; `failed`
/// gets a message when the file cannot be read as text.
pub fn read_chosen_file(e: &Event, done: Callback<(String, String)>, failed: Callback<String>) {
    let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
    // The same file can be chosen again after an edit.
    input.set_value("");
    read_file(file, done, failed);
}

/// Reads `file` as text, then calls `done(name, text)`, or `failed` with why not.
pub fn read_file(file: web_sys::File, done: Callback<(String, String)>, failed: Callback<String>) {
    let name = file.name();
    let max = crate::script::share::MAX_SCRIPT_BYTES;
    if file.size() > max as f64 {
        // Checked before reading: a 50 MB file never reaches the page's memory.
        let size_kib = (file.size() / 1024.0) as u64;
        return failed.emit(format!(
            "{name} is {size_kib} KiB, more than the {} KiB a session may hold; nothing changed",
            max / 1024
        ));
    }
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => done.emit((name, text.as_string().unwrap_or_default())),
            Err(_) => failed.emit(format!("{name} could not be read as text")),
        }
    });
}
