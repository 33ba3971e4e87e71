//! The JS API (`dist/sim/`, src/js_api) in headless Chromium: what a course page's script
//! gets back. Values arrive as plain JS objects and arrays, failures as JS `Error`s with the
//! scenario language's message, and a script gives the page's trace.
//! Run with the feature: `cargo test --target wasm32-unknown-unknown --features js-api --test wasm_js_api`.
#![cfg(all(target_arch = "wasm32", feature = "js-api"))]

use js_sys::{Array, Object, Reflect};
use replication_playground::js_api::Simulation;
use replication_playground::script::session::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("a readable property")
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value = JsValue::from(error);
    let error = value.dyn_into::<js_sys::Error>().expect("a JS Error");
    String::from(error.message())
}

/// The partition `name` of a `view()`.
fn partition(view: &JsValue, name: &str) -> JsValue {
    let partitions = Array::from(&get(view, "partitions"));
    partitions.iter().find(|p| get(p, "name").as_string().as_deref() == Some(name)).expect("the partition")
}

#[wasm_bindgen_test]
fn the_default_cluster_fails_over_when_its_leader_crashes() {
    let mut sim = Simulation::preset("default", None).expect("the default preset");
    let view = sim.view().expect("a view");
    assert!(
        view.is_object() && Object::get_prototype_of(&view) == Object::get_prototype_of(&Object::new()),
        "a plain object"
    );
    let before = partition(&view, "orders-0");
    let leader = get(&before, "leader").as_f64().expect("a leader") as u32;
    assert_eq!(Array::from(&get(&before, "isr")).length(), 3);
    assert_eq!(sim.query("leader orders-0").unwrap(), leader.to_string());

    sim.exec(&format!("crash broker {leader}")).expect("a crash");
    sim.run(30_000.0).expect("time passes");
    assert_eq!(sim.now_ms(), 30_010.0);
    let after = partition(&sim.view().unwrap(), "orders-0");
    let new_leader = get(&after, "leader").as_f64().expect("a new leader") as u32;
    assert_ne!(new_leader, leader);
    assert_eq!(get(&after, "epoch").as_f64(), Some(1.0));
    let isr: Vec<u32> = Array::from(&get(&after, "isr")).iter().map(|b| b.as_f64().unwrap() as u32).collect();
    assert!(!isr.contains(&leader), "the crashed broker left the ISR: {isr:?}");
}

#[wasm_bindgen_test]
fn events_are_plain_objects_from_an_index_on() {
    let mut sim = Simulation::preset("default", None).unwrap();
    let all = Array::from(&sim.events(None).unwrap());
    assert!(all.length() > 10);
    sim.exec("crash broker 1").unwrap();
    let since = all.length();
    let new = Array::from(&sim.events(Some(since)).unwrap());
    let first = new.get(0);
    assert_eq!(get(&first, "index").as_f64(), Some(since as f64));
    assert_eq!(get(&first, "kind").as_string().as_deref(), Some("BrokerCrashed"));
    assert!(get(&first, "text").as_string().unwrap().contains("roker 1"), "narrated");
}

#[wasm_bindgen_test]
fn failures_are_js_errors_with_the_scripts_message() {
    let mut sim = Simulation::new();
    assert!(error_message(sim.exec("crash brokr 1").unwrap_err()).contains("broker"), "a suggestion");
    assert!(error_message(Simulation::from_script("brokers 3\ntopic create t partitions=0 rf=1").err().unwrap())
        .contains("line 2"));
    assert!(error_message(Simulation::preset("tiny", None).err().unwrap()).contains("default"));
    assert!(error_message(sim.run(-1.0).unwrap_err()).contains("-1"));
    assert!(error_message(sim.run(f64::NAN).unwrap_err()).contains("NaN"));
    assert!(error_message(sim.query("leader").unwrap_err()).contains("topic"));
}

#[wasm_bindgen_test]
fn a_script_gives_the_pages_trace() {
    let script =
        "seed 7\nbrokers 3\ntopic create t partitions=2 rf=3\nproduce t-0 a\nrun 2s\ncrash broker 1\nrun 20s\n";
    let sim = Simulation::from_script(script).unwrap();
    let page = Session::from_script(script).unwrap();
    assert_eq!(sim.trace_hash(), format!("{:016x}", page.trace_hash()));
    let replayed = Simulation::from_script(&sim.script()).unwrap();
    assert_eq!(replayed.trace_hash(), sim.trace_hash());
}

#[wasm_bindgen_test]
fn describe_prints_kafkas_layout_and_imports_back() {
    let mut sim = Simulation::preset("default", None).unwrap();
    sim.exec("crash broker 1").unwrap();
    sim.run(20_000.0).unwrap();
    let text = sim.describe(None).unwrap();
    assert!(text.starts_with("Topic: orders\t"), "{text}");
    assert!(text.contains("\tElr: "), "4.x has Elr: {text}");
    assert!(!sim.describe(Some("3.7".into())).unwrap().contains("Elr"));
    assert!(error_message(sim.describe(Some("2.0".into())).unwrap_err()).contains("3.7"));
    let imported = Simulation::from_describe(&text).unwrap();
    assert_eq!(
        imported.describe(None).unwrap().lines().skip(1).collect::<Vec<_>>(),
        text.lines().skip(1).collect::<Vec<_>>(),
        "the same partitions, leaders, ISR and ELR"
    );
    assert!(error_message(Simulation::from_describe("Topic: t\tPartition: x").err().unwrap()).contains("line 1"));
}

#[wasm_bindgen_test]
fn what_if_answers_from_a_copy_and_leaves_the_simulation_as_it_was() {
    let sim = Simulation::preset("default", None).unwrap();
    let answer = sim.what_if(vec![1, 2]).unwrap();
    assert!(answer.starts_with("If brokers 1 and 2 fail"), "{answer}");
    assert!(answer.contains("NOT_ENOUGH_REPLICAS"), "{answer}");
    assert_eq!(sim.query("leader orders-0").unwrap(), "1", "untouched");
    assert!(error_message(sim.what_if(vec![]).unwrap_err()).contains("at least one broker"));
}
