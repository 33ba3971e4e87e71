//! The playground's main components, rendered inside the real App in headless Chromium:
//! the network diagram, the partition view, the settings panel, the console and the feed.
#![cfg(target_arch = "wasm32")]

use replication_playground::script::parse::VERBS;
use replication_playground::sim::config::SETTINGS;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod wasm_support;

use wasm_support::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn network_diagram_draws_every_broker_and_moves_messages_along_links() {
    let root = render_app().await;
    assert_eq!(all(&root, "[data-testid=net-broker]").len(), 3);
    console(&root, "produce orders-0 hello").await;
    poll_until("the produce request on the wire", || {
        all(&root, "[data-testid=message][data-kind=produce]").len()
            + all(&root, "[data-testid=message][data-kind=metadata]").len()
            > 0
    })
    .await;
    let count = text(&root, "[data-testid=message-count]");
    assert!(count.contains("in flight"), "{count}");
    // A cut link dooms what crosses it: drawn as a message that will be dropped.
    console(&root, "set sim.network.latency.ms 200").await;
    console(&root, "run 1s").await;
    console(&root, "isolate broker 1").await;
    poll_until("a doomed message", || !all(&root, "[data-testid=message][data-doomed=true]").is_empty()).await;
}

#[wasm_bindgen_test]
async fn partition_view_shows_each_replica_log_with_hw_leo_and_epoch() {
    let root = render_app().await;
    assert_eq!(all(&root, "[data-testid=partition-view] [data-testid=replica-log]").len(), 3);
    console(&root, "produce orders-0 x1").await;
    console(&root, "run 2s").await;
    poll_until("x1 on every replica", || {
        all(&root, "[data-testid=replica-log]").iter().all(|r| r.get_attribute("data-leo").as_deref() == Some("1"))
    })
    .await;
    let cells = all(&root, "[data-testid=replica-log] [data-testid=log-cell]");
    assert_eq!(cells.len(), 3);
    assert!(cells.iter().all(|c| c.text_content().unwrap().contains("x1") && c.text_content().unwrap().contains("e0")));
    assert_eq!(all(&root, "[data-testid=lag-gauge]").len(), 2, "one gauge per follower");
    assert_eq!(text(&root, "[data-testid=detail-isr]"), "1, 2, 3");
    // Choosing another partition in the table shows it.
    click(&root, "[data-testid=partition-row][data-partition=orders-2] button");
    poll_until("orders-2 in the partition view", || text(&root, "[data-testid=detail-name]") == "orders-2").await;
}

#[wasm_bindgen_test]
async fn settings_panel_lists_every_set_key_and_console_lists_every_verb() {
    let root = render_app().await;
    let settings = all(&root, "[data-testid=settings-panel] .setting");
    assert_eq!(settings.len(), SETTINGS.len());
    for s in SETTINGS {
        assert!(
            root.query_selector(&format!("[data-testid=setting-{}]", s.key.replace('.', "-"))).unwrap().is_some(),
            "{} has its field",
            s.key
        );
    }
    assert_eq!(all(&root, "[data-testid=verb-list] tr").len(), VERBS.len());
    // Manual replication shows a "Fetch now" button on each follower.
    console(&root, "set sim.replication manual").await;
    poll_until("fetch-now buttons", || all(&root, "[data-testid=fetch-now]").len() == 2).await;
}

#[wasm_bindgen_test]
async fn feed_narrates_events_and_filters_by_kind() {
    let root = render_app().await;
    console(&root, "crash broker 9").await;
    poll_until("the refusal next to the console", || {
        text(&root, "[data-testid=console-message]").contains("crash broker 9")
    })
    .await;
    console(&root, "crash broker 2").await;
    poll_until("a fault in the feed", || !all(&root, "[data-testid=feed-item][data-category=fault]").is_empty()).await;
    let select: web_sys::HtmlSelectElement = one(&root, "[data-testid=feed-kind]").dyn_into().unwrap();
    select.set_value("fault");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    poll_until("only faults", || {
        let items = all(&root, "[data-testid=feed-item]");
        !items.is_empty() && items.iter().all(|i| i.get_attribute("data-category").as_deref() == Some("fault"))
    })
    .await;
    let card = one(&root, "[data-testid=broker-card][data-broker-id=\"2\"]");
    assert!(text(&card, "[data-testid=broker-status]").contains("crashed"));
}

/// Buttons and forms run typed statements: what they did reads, next to their field and in
/// the feed, as the script line it is; a form's own refusal changes nothing.
#[wasm_bindgen_test]
async fn buttons_and_forms_say_the_line_they_ran() {
    let root = render_app().await;
    click(&root, "[data-testid=broker-card][data-broker-id=\"2\"] [data-testid=broker-crash]");
    poll_until("the crash next to the broker buttons", || {
        text(&root, "[data-testid=broker-message]") == "✓ crash broker 2"
    })
    .await;
    let card = one(&root, "[data-testid=broker-card][data-broker-id=\"2\"]");
    assert!(text(&card, "[data-testid=broker-status]").contains("crashed"));
    poll_until("the line in the feed", || {
        all(&root, "[data-testid=feed-item][data-category=console]")
            .iter()
            .any(|i| i.text_content().unwrap_or_default().contains("✓ crash broker 2"))
    })
    .await;
    // The produce form refuses an empty value next to itself, and sends nothing.
    let value: web_sys::HtmlInputElement = one(&root, "[data-testid=produce-value]").dyn_into().unwrap();
    value.set_value("  ");
    value.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    gloo_timers::future::TimeoutFuture::new(0).await;
    click(&root, "[data-testid=produce-button]");
    poll_until("the refusal next to the form", || {
        text(&root, "[data-testid=produce-message]").contains("Type a value")
    })
    .await;
    assert!(all(&root, "[data-testid=producer-record]").is_empty());
}

/// KIP-966 on the page: as the ISR falls below min-ISR the removed replicas appear as
/// eligible leader replicas next to the ISR, and the last known leader once there is none.
#[wasm_bindgen_test]
async fn eligible_leader_replicas_show_next_to_the_isr() {
    let root = render_app().await;
    let elr_of = |root: &web_sys::Element| {
        text(root, "[data-testid=partition-row][data-partition=orders-0] [data-testid=partition-elr]")
    };
    assert_eq!(elr_of(&root), "–", "a full ISR: no eligible leader replicas");
    for line in ["crash broker 2", "run 15s", "crash broker 3", "run 15s"] {
        console(&root, line).await;
    }
    poll_until("broker 3 eligible (ISR [1] is below min-ISR 2)", || elr_of(&root) == "3").await;
    assert_eq!(text(&root, "[data-testid=detail-elr]"), "3");
    console(&root, "crash broker 1").await;
    console(&root, "run 15s").await;
    poll_until("ISR empty, ELR [1,3], last leader 1", || elr_of(&root) == "1, 3 last: 1").await;
    assert!(text(&root, "[data-testid=detail-last-leader]").contains("last known leader 1"));
    assert!(text(&root, "[data-testid=placement-note]").contains("orders by AdminUtils.assignReplicasToBrokers"));
}
