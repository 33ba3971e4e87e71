//! What every browser test of the page needs: render the real App into a fresh div, find
//! elements, click and type, and wait for Yew (which renders from its scheduler, after the
//! event that caused it) by polling, never by sleeping for a fixed time.
#![allow(dead_code)] // each test binary uses a different part
use gloo_timers::future::TimeoutFuture;
use replication_playground::ui::App;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Yields to the event loop until `ready` holds, for at most ~5 s (500 turns at the
/// browser's 10 ms timer minimum).
pub async fn poll_until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.dyn_into::<Element>().expect("an element")).collect()
}

pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).expect("valid selector").unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

pub fn click(root: &Element, selector: &str) {
    one(root, selector).dyn_into::<HtmlElement>().expect("an HTML element").click();
}

/// Types a line into the console and submits it (after one turn of the event loop, so
/// Yew has taken the input's new value).
pub async fn console(root: &Element, line: &str) {
    let input: HtmlInputElement = one(root, "[data-testid=console-input]").dyn_into().unwrap();
    input.set_value(line);
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    TimeoutFuture::new(0).await;
    click(root, "[data-testid=console-run]");
}

/// A fresh div in the page with the App rendered into it, once its broker cards are there.
/// The App restores a session an earlier test saved (this tab's, then the browser's), so
/// both storages are cleared first.
pub async fn render_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    poll_until("three broker cards", || all(&root, "[data-testid=broker-card]").len() == 3).await;
    root
}
