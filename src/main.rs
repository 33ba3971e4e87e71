//! The browser entry point that trunk builds (index.html: `data-bin="replication-playground"`).
//! Everything else lives in the library, so tests can render `ui::App` themselves.

/// The page mounts in `#app`, not the body, which also holds the diagram's message shapes
/// (index.html) that mounting would otherwise clear.
#[cfg(target_arch = "wasm32")]
fn main() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<replication_playground::ui::App>::with_root(root).render(),
        None => yew::Renderer::<replication_playground::ui::App>::new().render(),
    };
}

// `cargo test` builds every bin natively, so this one must compile there too.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "replication-playground is the browser build: run `make serve` and open http://127.0.0.1:8080, \
         or use the native CLI: `cargo run --bin kafka-sim -- --help`"
    );
}
