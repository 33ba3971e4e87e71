//! `kafka-sim run --json`: the final state of the run as JSON.
use serde_json::{json, Value};

use super::error::ScriptError;
use crate::sim::Cluster;

pub fn final_state_json(cluster: &Cluster, result: &Result<(), ScriptError>) -> String {
    let outcome = match result {
        Ok(()) => json!({ "ok": true }),
        Err(e) => json!({ "ok": false, "error": e.to_string(), "exit_code": e.exit_code() }),
    };
    let mut state = state_value(cluster);
    state["outcome"] = outcome;
    serde_json::to_string_pretty(&state).unwrap_or_else(|_| "{}".to_string())
}

/// The cluster's state as plain data: `kafka-sim run --json` prints it, and the JS API's
/// `Simulation.view()` hands it to JavaScript as objects.
pub fn state_value(cluster: &Cluster) -> Value {
    let view = cluster.view();
    let brokers: Vec<Value> = view
        .brokers
        .iter()
        .map(|b| {
            json!({
                "id": b.id, "rack": b.rack, "status": b.status.label(), "fenced": b.fenced,
                "leaders": b.leaders, "followers": b.followers,
            })
        })
        .collect();
    let partitions: Vec<Value> = view
        .partitions
        .iter()
        .map(|p| {
            json!({ "name": p.name, "leader": p.leader, "epoch": p.epoch, "replicas": p.replicas, "isr": p.isr,
                    "elr": p.elr, "last_known_leader": p.last_known_leader, "hw": p.hw, "leo": p.leo })
        })
        .collect();
    json!({
        "time_ms": view.now_ms,
        "seed": cluster.seed(),
        "controller": view.active_controller,
        "brokers": brokers,
        "partitions": partitions,
        "lost": cluster.lost().ok(),
        "safety_violations": cluster.safety_violations(),
    })
}
