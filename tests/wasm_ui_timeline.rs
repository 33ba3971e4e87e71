//! The timeline and the keyboard overlay, rendered inside the real App in headless Chromium.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

mod wasm_support;

use wasm_support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A key pressed on `target` (bubbling to the window, where the page listens).
fn press(target: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn timeline_paints_markers_and_seeking_shows_the_past_with_a_branch_notice() {
    let root = render_app().await;
    assert_eq!(one(&root, "[data-testid=timeline]").get_attribute("data-live").as_deref(), Some("true"));
    assert!(all(&root, "[data-testid=branch-notice]").is_empty());
    console(&root, "crash broker 1").await;
    console(&root, "run 12s").await;
    poll_until("an election marker with its epoch", || {
        all(&root, "[data-testid=timeline-marker][data-kind=election]")
            .iter()
            .any(|m| m.text_content().unwrap().contains("e1"))
    })
    .await;
    let fault = one(&root, "[data-testid=timeline-marker][data-kind=fault]");
    assert!(fault.get_attribute("aria-label").unwrap().contains("broker 1 crashed"));
    assert!(!all(&root, "[data-testid=timeline-marker][data-kind=isr-shrink]").is_empty());
    let leader_after = text(&root, "[data-testid=detail-leader]");
    assert_ne!(leader_after, "Broker 1");

    // Drag the slider back to 3 s: the old leader, and the notice before anything branches.
    let slider: HtmlInputElement = one(&root, "[data-testid=timeline-slider]").dyn_into().unwrap();
    assert_eq!(slider.max(), "12010");
    slider.set_value("3000");
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    poll_until("the notice", || !all(&root, "[data-testid=branch-notice]").is_empty()).await;
    let notice = text(&root, "[data-testid=branch-notice]");
    assert!(notice.contains("You are looking at 3.0 s; acting now discards the 9.0 s after it"), "{notice}");
    assert_eq!(text(&root, "[data-testid=detail-leader]"), "Broker 1");
    assert_eq!(text(&root, "[data-testid=sim-clock]"), "0:03.000");
    assert!(text(&root, "[data-testid=timeline-position]").contains("of 12.0 s"));

    // Clicking a marker looks at its moment; "back to live" returns to the end.
    let election = one(&root, "[data-testid=timeline-marker][data-kind=election]");
    let at = election.get_attribute("data-time-ms").unwrap();
    election.dyn_into::<HtmlElement>().unwrap().click();
    let clock_ms = || one(&root, "[data-testid=sim-clock]").get_attribute("data-ms");
    poll_until("the election's moment", || clock_ms().as_deref() == Some(at.as_str())).await;
    click(&root, "[data-testid=back-to-live]");
    poll_until("live again", || all(&root, "[data-testid=branch-notice]").is_empty()).await;
    assert_eq!(text(&root, "[data-testid=sim-clock]"), "0:12.010");
    assert_eq!(text(&root, "[data-testid=detail-leader]"), leader_after);
}

#[wasm_bindgen_test]
async fn keyboard_overlay_lists_the_keys_and_keys_move_through_time_but_not_while_typing() {
    let root = render_app().await;
    let body: Element = web_sys::window().unwrap().document().unwrap().body().unwrap().into();
    assert!(all(&root, "[data-testid=key-help]").is_empty());
    // The App installs its key listener in an effect after the first render: press "?"
    // until the overlay shows, giving each press time to render before pressing again.
    let overlay_shown = || !all(&root, "[data-testid=key-help]").is_empty();
    for _ in 0..50 {
        if overlay_shown() {
            break;
        }
        press(&body, "?");
        for _ in 0..20 {
            if overlay_shown() {
                break;
            }
            TimeoutFuture::new(10).await;
        }
    }
    poll_until("the overlay", overlay_shown).await;
    let overlay = text(&root, "[data-testid=key-help]");
    for key in ["Space", "→", "←", "[", "]", "L", "?", "Esc"] {
        assert!(overlay.contains(key), "{key} in {overlay}");
    }
    press(&body, "Escape");
    poll_until("the overlay closed", || all(&root, "[data-testid=key-help]").is_empty()).await;

    // Typing "?" in the console is typing, not a shortcut. Keys are handled in order, so
    // once a later key's effect shows (] speeds up), the "?" would have shown too.
    let input = one(&root, "[data-testid=console-input]");
    let speed: web_sys::HtmlSelectElement = one(&root, "[data-testid=speed-select]").dyn_into().unwrap();
    let speed_before = speed.selected_index();
    press(&input, "?");
    press(&body, "]");
    poll_until("the later key's effect", || speed.selected_index() == speed_before + 1).await;
    assert!(all(&root, "[data-testid=key-help]").is_empty());
    press(&body, "[");
    poll_until("speed back", || speed.selected_index() == speed_before).await;

    // ← looks back (the notice appears), L returns to live; ] and [ change the speed.
    console(&root, "run 1s").await;
    poll_until("1 s on", || text(&root, "[data-testid=sim-clock]") == "0:01.010").await;
    press(&body, "ArrowLeft");
    poll_until("looking back", || !all(&root, "[data-testid=branch-notice]").is_empty()).await;
    assert!(text(&root, "[data-testid=sim-clock]") != "0:01.010");
    press(&body, "l");
    poll_until("live again", || text(&root, "[data-testid=sim-clock]") == "0:01.010").await;
    let speed: web_sys::HtmlSelectElement = one(&root, "[data-testid=speed-select]").dyn_into().unwrap();
    let before = speed.selected_index();
    press(&body, "]");
    poll_until("faster", || speed.selected_index() == before + 1).await;
    press(&body, "[");
    poll_until("slower", || speed.selected_index() == before).await;
}
