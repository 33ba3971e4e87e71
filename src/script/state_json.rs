//! `kafka-sim run --json`: the final state of the run as JSON.
use serde_json::{json, Value};

use super::error::ScriptError;
use crate::sim::Cluster;

pub fn final_state_json(cluster: &Cluster, result: &Result<(), ScriptError>) -> String {
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
        .map(|p| json!({ "name": p.name, "leader": p.leader, "epoch": p.epoch, "replicas": p.replicas, "isr": p.isr, "hw": p.hw, "leo": p.leo }))
        .collect();
    let outcome = match result {
        Ok(()) => json!({ "ok": true }),
        Err(e) => json!({ "ok": false, "error": e.to_string(), "exit_code": e.exit_code() }),
    };
    let state = json!({
        "time_ms": view.now_ms,
        "seed": cluster.seed(),
        "controller": view.active_controller,
        "brokers": brokers,
        "partitions": partitions,
        "lost": cluster.lost().ok(),
        "safety_violations": cluster.safety_violations(),
        "outcome": outcome,
    });
    serde_json::to_string_pretty(&state).unwrap_or_else(|_| "{}".to_string())
}
