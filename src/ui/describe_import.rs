//! Bringing one's own cluster (issue 16): what `kafka-topics.sh --describe` printed, pasted
//! into the what-if panel's "Bring your own cluster" box, dropped on the page or chosen as a
//! file, becomes a session that builds that cluster. The importer lives in the simulator's ES module
//! (`dist/sim/`, `importDescribe`), loaded the first time it is needed, so the page's first
//! load does not carry it; its scenario then opens like any imported `.scenario`.
use wasm_bindgen::JsCast;

use crate::ui::js_glue::import_describe;

/// The name the import is shown under and the scenario, or why it could not be imported
/// (every malformed line, with its number).
pub async fn scenario_of_describe(text: &str) -> Result<(String, String), String> {
    let imported = import_describe(text).await.map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "the importer could not be loaded (sim/kafka-sim.js)".to_owned(),
    })?;
    let joined = imported.as_string().unwrap_or_default();
    let (assumed, scenario) = joined.split_once('\n').unwrap_or_default();
    Ok((format!("the kafka-topics --describe output (assumed: {assumed})"), scenario.to_owned()))
}

/// A text is a describe output, not a scenario, when its first line that is neither blank
/// nor a comment starts with `Topic:` (every era of `TopicCommand` begins so).
pub fn looks_like_describe(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
    first.is_some_and(|line| line.starts_with("Topic:"))
}
