//! The browser entry point that trunk builds (index.html: `data-bin="replication-playground"`).
//! Everything else lives in the library, so tests can render `ui::App` themselves.

/// The page mounts in `#app`, not the body, which also holds the diagram's message shapes
/// (index.html) that mounting would otherwise clear (`ui::start`). Built with the `full`
/// feature, this is also the full page (lessons, metrics), loaded on demand.
#[cfg(target_arch = "wasm32")]
fn main() {
    replication_playground::ui::start();
}

// `cargo test` builds every bin natively, so this one must compile there too.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "replication-playground is the browser build: run `make serve` and open http://127.0.0.1:8080, \
         or use the native CLI: `cargo run --bin kafka-sim -- --help`"
    );
}
