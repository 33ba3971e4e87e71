//! The simulator as an ES module for other pages (issue 16): `make build` emits `dist/sim/`,
//! the `kafka-sim-module` bin run through wasm-bindgen, whose `Simulation` a teacher's
//! course page or slide drives with a few lines of JavaScript. Values cross as plain JS
//! objects (serde-wasm-bindgen), failures as JS `Error`s carrying the scenario language's
//! own message. Built only with the `js-api` feature, so the playground's page, which has
//! a size budget, never carries it.
//!
//! It wraps the same `Session` the page uses, so a script gives the same trace here, in
//! the page and on the command line.

mod events;

use wasm_bindgen::prelude::*;

use crate::script::describe::{describe, import_describe, report, Format};
use crate::script::parse::{parse_query_line, VERB_MEANINGS};
use crate::script::preset::Preset;
use crate::script::query::evaluate;
use crate::script::session::{Session, MAX_SESSION_MS};
use crate::script::state_json::state_value;
use crate::script::what_if::what_if;
use crate::sim::setting_explanations::SETTING_EXPLANATIONS;

// The shapes `view()` and `events()` return, for the module's .d.ts (serde gives them no
// types of their own).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A broker as `view()` shows it. */
export interface BrokerState { id: number; rack: string | null; status: string; fenced: boolean; leaders: number; followers: number }
/** A partition as `view()` shows it: its leader (null: offline), epoch, replicas, ISR, ELR (KIP-966), HW and LEO. */
export interface PartitionState { name: string; leader: number | null; epoch: number; replicas: number[]; isr: number[]; elr: number[]; last_known_leader: number | null; hw: number; leo: number }
/** The cluster at `time_ms`: the active controller, brokers, partitions, the acknowledged records lost so far (null: the query failed), and how many safety violations the checker has seen. */
export interface ClusterState { time_ms: number; seed: number; controller: number | null; brokers: BrokerState[]; partitions: PartitionState[]; lost: string[] | null; safety_violations: number }
/** One event of the trace, with the playground's narration as `text`. */
export interface SimEvent { index: number; time_ms: number; kind: string; category: string; partition: string | null; brokers: number[]; text: string }
"#;

/// What `kafka-topics.sh --describe` printed, as a scenario that builds that cluster:
/// `{ scenario, assumptions }` (the scenario carries the assumptions as `#` comments on top
/// too). A malformed input is an `Error` naming every bad line. The playground's page calls
/// this to import a describe without carrying the importer in its own bundle.
#[wasm_bindgen(js_name = importDescribe, unchecked_return_type = "{ scenario: string; assumptions: string[] }")]
pub fn import_describe_text(text: &str) -> Result<JsValue, JsError> {
    let import = import_describe(text).map_err(|errors| JsError::new(report(&errors).trim_end()))?;
    to_js(&serde_json::json!({ "scenario": import.scenario(), "assumptions": import.assumptions }))
}

/// What each verb and query of the scenario language means, with an example, in the order
/// of the language's table (the playground's console shows them beside the syntaxes it
/// carries itself).
#[wasm_bindgen(js_name = verbMeanings)]
pub fn verb_meanings() -> Vec<String> {
    VERB_MEANINGS.iter().map(|m| m.to_string()).collect()
}

/// What each `set` key means, one line each, in the order of the playground's settings
/// table (its settings panel shows them beside the keys it carries itself).
#[wasm_bindgen(js_name = settingExplanations)]
pub fn setting_explanations() -> Vec<String> {
    SETTING_EXPLANATIONS.iter().map(|(_, e)| e.to_string()).collect()
}

/// One simulated cluster and everything that happened in it.
#[wasm_bindgen]
pub struct Simulation {
    session: Session,
}

#[wasm_bindgen]
impl Simulation {
    /// An empty cluster at seed 0: add brokers and topics with `exec`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Simulation {
        Simulation { session: Session::new() }
    }

    /// Runs a whole scenario script; the first failing line is the error, with its number.
    #[wasm_bindgen(js_name = fromScript)]
    pub fn from_script(text: &str) -> Result<Simulation, JsError> {
        Session::from_script(text).map(|session| Simulation { session }).map_err(|e| JsError::new(&e.to_string()))
    }

    /// One of the playground's ready-made clusters: `default` (3 brokers, `orders` with 3
    /// partitions, rf 3), `lecture` (6 brokers, 10 partitions), `12x60` or `50x500`.
    pub fn preset(name: &str, seed: Option<u32>) -> Result<Simulation, JsError> {
        let Some(preset) = Preset::from_id(name) else {
            let known: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
            return Err(JsError::new(&format!("unknown preset '{name}': one of {}", known.join(", "))));
        };
        Simulation::from_script(&format!("seed {}\n{}", seed.unwrap_or(0), preset.script()))
    }

    /// One line of the scenario language (`crash broker 1`, `produce orders-0 hello`,
    /// `expect leader orders-0 = 2`, ...). A failing line changes nothing.
    pub fn exec(&mut self, line: &str) -> Result<(), JsError> {
        self.session.execute(line).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Simulated time passes: `ms` milliseconds (a session simulates at most 8 hours).
    pub fn run(&mut self, ms: f64) -> Result<(), JsError> {
        if !ms.is_finite() || ms < 0.0 || ms.fract() != 0.0 {
            return Err(JsError::new(&format!("run: {ms} is not a whole number of milliseconds ≥ 0")));
        }
        // Beyond 8 hours the session stops at its end anyway; the cast saturates.
        self.session.advance((ms as u64).min(MAX_SESSION_MS));
        Ok(())
    }

    /// The cluster now: `{ time_ms, seed, controller, brokers: [...], partitions: [{ name,
    /// leader, epoch, replicas, isr, elr, last_known_leader, hw, leo }], lost, ... }`.
    #[wasm_bindgen(unchecked_return_type = "ClusterState")]
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&state_value(self.session.cluster()))
    }

    /// The events from index `since` on (0 when omitted): `[{ index, time_ms, kind,
    /// category, partition, brokers, text }]`, `text` being the playground's narration.
    #[wasm_bindgen(unchecked_return_type = "SimEvent[]")]
    pub fn events(&self, since: Option<u32>) -> Result<JsValue, JsError> {
        let since = since.unwrap_or(0) as usize;
        to_js(&events::events_value(self.session.cluster(), self.session.events(), since))
    }

    /// A query of the scenario language (`leader orders-0`, `isr orders-0`, `lost`, ...),
    /// answered as `expect` would compare it: `2`, `[1,3]`, `none`, `yes`.
    pub fn query(&self, query: &str) -> Result<String, JsError> {
        let query = parse_query_line(query).map_err(|e| JsError::new(&e.to_string()))?;
        evaluate(self.session.cluster(), &query).map(|v| v.to_string()).map_err(|e| JsError::new(&e))
    }

    /// What `kafka-topics.sh --describe` would print now: Kafka 4.x's layout (with `Elr` and
    /// `LastKnownElr`), or 3.7's with `format` "3.7".
    pub fn describe(&self, format: Option<String>) -> Result<String, JsError> {
        let format = match format.as_deref() {
            None | Some("4") | Some("4.x") => Format::Kafka4,
            Some("3.7") => Format::Kafka37,
            Some(other) => {
                return Err(JsError::new(&format!("describe: unknown format '{other}': \"4.x\" or \"3.7\"")))
            }
        };
        Ok(describe(self.session.cluster(), format))
    }

    /// The cluster a `kafka-topics.sh --describe` output shows, built by a scenario script
    /// (its assumptions as `#` comments on top). A malformed input imports nothing: the
    /// error names every bad line.
    #[wasm_bindgen(js_name = fromDescribe)]
    pub fn from_describe(text: &str) -> Result<Simulation, JsError> {
        let import = import_describe(text).map_err(|errors| JsError::new(report(&errors).trim_end()))?;
        Simulation::from_script(&import.scenario())
    }

    /// What the failure of `brokers` would do, answered by running it on a copy (the
    /// simulation itself is untouched): one line per partition that changes, offline ones
    /// with what an unclean election would elect and lose.
    #[wasm_bindgen(js_name = whatIf)]
    pub fn what_if(&self, brokers: Vec<u32>) -> Result<String, JsError> {
        what_if(self.session.cluster(), &brokers).map(|answer| answer.report()).map_err(|e| JsError::new(&e))
    }

    /// The simulated time, in milliseconds.
    #[wasm_bindgen(getter, js_name = nowMs)]
    pub fn now_ms(&self) -> f64 {
        self.session.now_ms() as f64
    }

    /// Everything done so far as a scenario script, to save or to replay with `fromScript`.
    pub fn script(&self) -> String {
        self.session.export_script()
    }

    /// The trace's fingerprint: equal scripts give equal hashes, here, in the page and in
    /// `kafka-sim`.
    #[wasm_bindgen(getter, js_name = traceHash)]
    pub fn trace_hash(&self) -> String {
        format!("{:016x}", self.session.trace_hash())
    }
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation::new()
    }
}

/// JSON-shaped data as JS objects (maps as plain objects, not `Map`s).
fn to_js(value: &serde_json::Value) -> Result<JsValue, JsError> {
    use serde::Serialize;
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}
