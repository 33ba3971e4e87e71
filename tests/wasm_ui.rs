//! The real App, rendered by Yew into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`; see .cargo/config.toml and webdriver.json).
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use replication_playground::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders from its scheduler, after `render()` returns: yield to the event loop until
/// `ready` holds, for at most ~5 s (500 turns of the loop at a 10 ms timer minimum).
async fn poll_until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| node.dyn_into::<Element>().expect("an element"))
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// A fresh div in the page with the App rendered into it, once its broker cards are there.
async fn render_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // The App restores the session saved by an earlier test's App: start from the default.
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    poll_until("three broker cards", || {
        all(&root, "[data-testid=broker-card]").len() == 3
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn default_cluster_shows_three_brokers_with_their_roles() {
    let root = render_app().await;

    let cards = all(&root, "[data-testid=broker-card]");
    let names: Vec<String> = cards.iter().map(|c| text(c, "[data-testid=broker-name]")).collect();
    assert_eq!(names, ["Broker 1", "Broker 2", "Broker 3"]);

    let racks: Vec<String> = cards.iter().map(|c| text(c, "[data-testid=broker-rack]")).collect();
    assert_eq!(racks, ["a", "b", "c"]);

    for card in &cards {
        assert_eq!(text(card, "[data-testid=broker-status]").trim(), "● alive");
        assert_eq!(text(card, "[data-testid=broker-counts]"), "1 leader · 2 followers");
        // 3 partitions, replication factor 3: every broker hosts one replica of each.
        let chips = all(card, "[data-testid=replica-chip]");
        assert_eq!(chips.len(), 3, "chips on {}", text(card, "[data-testid=broker-name]"));
        let leaders = chips.iter().filter(|c| c.get_attribute("data-role").as_deref() == Some("leader"));
        assert_eq!(leaders.count(), 1);
    }

    // Each partition has exactly one leader chip across the cluster, labelled for screen readers.
    for partition in ["orders-0", "orders-1", "orders-2"] {
        let selector = format!("[data-testid=replica-chip][data-partition={partition}][data-role=leader]");
        let leader_chips = all(&root, &selector);
        assert_eq!(leader_chips.len(), 1, "leader chips of {partition}");
        assert_eq!(
            leader_chips[0].get_attribute("aria-label").unwrap(),
            format!("{partition}: leader")
        );
    }

    let rows = all(&root, "[data-testid=partition-row]");
    assert_eq!(rows.len(), 3);
    assert!(text(&rows[0], "[data-testid=partition-leader]").starts_with("Broker "));
    // The ISR is a set, listed in the controller's order: compare it sorted.
    let mut isr: Vec<u32> = text(&rows[0], "[data-testid=partition-isr]")
        .split(", ")
        .map(|id| id.parse().expect("a broker id"))
        .collect();
    isr.sort_unstable();
    assert_eq!(isr, [1, 2, 3]);
}

#[wasm_bindgen_test]
async fn step_advances_simulated_time_and_reset_returns_to_the_start() {
    let root = render_app().await;
    let clock = || text(&root, "[data-testid=sim-clock]");
    let start = clock();
    let start_ms: u64 = start.trim_end_matches(" ms").parse().expect("the clock reads \"N ms\"");
    let at = |ms: u64| format!("{} ms", start_ms + ms);

    let click = |testid: &str| {
        root.query_selector(&format!("[data-testid={testid}]"))
            .unwrap()
            .unwrap()
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click()
    };
    click("step-button");
    poll_until("the clock to advance 100 ms", || clock() == at(100)).await;
    click("step-button");
    poll_until("the clock to advance 200 ms", || clock() == at(200)).await;
    click("reset-button");
    poll_until("the clock to return to its start", || clock() == start).await;
}
