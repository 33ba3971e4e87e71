//! Events as the JS API hands them out: where and when, the kind, and the narration.
use serde_json::{json, Value};

use crate::sim::event::Event;
use crate::sim::Cluster;

/// `events[since..]` as `[{ index, time_ms, kind, category, partition, brokers, text }]`.
pub fn events_value(cluster: &Cluster, events: &[Event], since: usize) -> Value {
    let list = events.iter().enumerate().skip(since).map(|(index, event)| {
        json!({
            "index": index,
            "time_ms": event.at,
            "kind": kind_name(event),
            "category": event.kind.category(),
            "partition": event.kind.partition().map(|p| cluster.partition_name(p)),
            "brokers": event.kind.brokers(),
            "text": cluster.narrate(&event.kind),
        })
    });
    Value::Array(list.collect())
}

/// The event's variant (`HighWatermarkAdvanced`), which JS code can switch on.
fn kind_name(event: &Event) -> String {
    let debug = format!("{:?}", event.kind);
    debug.split([' ', '(', '{']).next().unwrap_or_default().to_string()
}
