//! The simulator as an ES module (`src/js_api`): wasm-bindgen makes `dist/sim/` of this bin
//! (scripts/build-sim-module.sh), exporting `Simulation`. Built with the `js-api` feature.
#[cfg(target_arch = "wasm32")]
pub use replication_playground::js_api::Simulation;

fn main() {
    // In the browser the module is used through its exports; there is nothing to start.
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("kafka-sim-module is built for the browser: `make build` puts it in dist/sim/");
}
