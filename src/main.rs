//! The browser entry point that trunk builds (index.html: `data-bin="replication-playground"`).
//! Everything else lives in the library, so tests can render `ui::App` themselves.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<replication_playground::ui::App>::new().render();
}

// `cargo test` builds every bin natively, so this one must compile there too.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "replication-playground is the browser build: run `make serve` and open http://127.0.0.1:8080, \
         or use the native CLI: `cargo run --bin kafka-sim -- --help`"
    );
}
