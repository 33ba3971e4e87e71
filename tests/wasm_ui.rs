//! The real App, rendered by Yew into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`; see .cargo/config.toml and webdriver.json).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod wasm_support;

use wasm_support::*;

wasm_bindgen_test_configure!(run_in_browser);

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
        // What a screen reader hears: the name shown, then the role in hidden text.
        let heard = format!("{}{}", text(&leader_chips[0], ".chip__name"), text(&leader_chips[0], ".visually-hidden"));
        assert_eq!(heard, format!("{partition}: leader"));
    }

    let rows = all(&root, "[data-testid=partition-row]");
    assert_eq!(rows.len(), 3);
    assert!(text(&rows[0], "[data-testid=partition-leader]").starts_with("Broker "));
    // The ISR is a set, listed in the controller's order: compare it sorted.
    let mut isr: Vec<u32> =
        text(&rows[0], "[data-testid=partition-isr]").split(", ").map(|id| id.parse().expect("a broker id")).collect();
    isr.sort_unstable();
    assert_eq!(isr, [1, 2, 3]);
}

#[wasm_bindgen_test]
async fn step_advances_simulated_time_and_reset_returns_to_the_start() {
    let root = render_app().await;
    let clock = || text(&root, "[data-testid=sim-clock]");
    let start = clock();
    let start_ms: u64 = one(&root, "[data-testid=sim-clock]").get_attribute("data-ms").unwrap().parse().unwrap();
    assert_eq!(start, replication_playground::ui::labels::sim_time(start_ms), "the clock reads m:ss.mmm");
    let at = |ms: u64| replication_playground::ui::labels::sim_time(start_ms + ms);

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
