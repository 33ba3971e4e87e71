//! Starting the page, and the step from the page's first load to the whole playground.
//!
//! The page's first load has a budget (BENCHMARKS.md), so it carries the playground without
//! the lessons, the metrics panel, the spacetime diagram and the what-if preview. Those are a
//! second build of the same page with the `full` feature (`scripts/build-full-page.sh`,
//! `dist/full/`), loaded on demand: a "Lessons" or "Metrics" button, or a `#lesson=ID` link,
//! saves the session, takes this page down and starts the full one, which opens the same
//! session from storage. Once opened, the browser keeps to the full page on later visits.
use std::cell::RefCell;

use yew::AppHandle;

use super::components::app::App;

thread_local! {
    /// The mounted page, so the step to the full page can take it down first.
    static MOUNTED: RefCell<Option<AppHandle<App>>> = const { RefCell::new(None) };
}

/// Which panel the full page opens with (sessionStorage: this tab only).
pub const OPEN_KEY: &str = "kafka-playground.open";
/// The browser keeps to the full page once it was opened (localStorage).
#[cfg(not(feature = "full"))]
const FULL_KEY: &str = "kafka-playground.full";

/// Mounts the page in `#app`, or, when a lesson link or an earlier visit asks for the full
/// page, starts that instead.
pub fn start() {
    #[cfg(not(feature = "full"))]
    if wants_full_page() {
        return load_full_page();
    }
    #[cfg(feature = "browser-inflate")]
    return wasm_bindgen_futures::spawn_local(async {
        super::inflate::prepare_startup().await;
        mount();
    });
    #[cfg(not(feature = "browser-inflate"))]
    mount();
}

fn mount() {
    #[cfg(feature = "full")]
    add_full_page_styles();
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    let handle = match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// The full page's own styles (www/full/*.css, joined into dist/full/full.css), beside the page's.
#[cfg(feature = "full")]
fn add_full_page_styles() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let (Ok(link), Ok(Some(head))) = (document.create_element("link"), document.query_selector("head")) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", "full/full.css");
        let _ = head.append_child(&link);
    }
}

/// Opens `panel` ("lessons", "metrics", ...) in the full page. The caller has saved the
/// session: the full page opens it from storage.
#[cfg(not(feature = "full"))]
pub fn open_in_full_page(panel: &str) {
    let window = web_sys::window().expect("a window");
    if let Ok(Some(tab)) = window.session_storage() {
        let _ = tab.set_item(OPEN_KEY, panel);
    }
    // Taken down outside the click's own dispatch, which Yew is still running.
    wasm_bindgen_futures::spawn_local(async {
        if let Some(handle) = MOUNTED.with(|m| m.borrow_mut().take()) {
            handle.destroy();
        }
        load_full_page();
    });
}

#[cfg(not(feature = "full"))]
fn wants_full_page() -> bool {
    let hash = super::persist::location_hash();
    let kept = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(FULL_KEY).ok().flatten());
    hash.contains("lesson=") || (kept.is_some() && !hash.starts_with("#embed"))
}

/// Starts the full page; if it cannot load (offline before it was ever loaded, a server
/// without it), this page mounts again and says so.
#[cfg(not(feature = "full"))]
fn load_full_page() {
    wasm_bindgen_futures::spawn_local(async {
        match super::js_glue::load_full_page().await {
            // An embedded page keeps nothing (`ui::embed`), this choice included.
            Ok(_) if super::persist::location_hash().starts_with("#embed") => {}
            Ok(_) => {
                if let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = store.set_item(FULL_KEY, "1");
                }
            }
            Err(_) => {
                if let Some(tab) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
                    let _ = tab.set_item(OPEN_KEY, "failed");
                }
                mount();
            }
        }
    });
}

/// True once, on the page mounted again after the full page failed to load.
#[cfg(not(feature = "full"))]
pub fn full_page_failed() -> bool {
    let tab = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let failed = tab.as_ref().and_then(|t| t.get_item(OPEN_KEY).ok().flatten()).is_some_and(|v| v == "failed");
    if let Some(tab) = tab.filter(|_| failed) {
        let _ = tab.remove_item(OPEN_KEY);
    }
    failed
}
