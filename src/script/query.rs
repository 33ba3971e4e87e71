//! Evaluates a script query against the cluster and compares values the way the
//! contract says: lists in order, except `isr`, which compares as a set.
use super::ast::{Query, TopicPartition, Value};
use super::parse_error::excerpt;
use crate::sim::cluster::QueryError;
use crate::sim::ids::PartitionId;
use crate::sim::Cluster;

/// Resolves `orders-0` to the cluster's partition, or says what is wrong.
pub fn resolve_partition(cluster: &Cluster, tp: &TopicPartition) -> Result<PartitionId, String> {
    cluster.resolve(tp).map_err(|e| e.to_string())
}

fn words<T: ToString>(items: impl IntoIterator<Item = T>) -> Value {
    Value::List(items.into_iter().map(|i| Value::Word(i.to_string())).collect())
}

fn numbers(items: impl IntoIterator<Item = u32>) -> Value {
    Value::List(items.into_iter().map(|i| Value::Number(i as u64)).collect())
}

fn yes_no(flag: bool) -> Value {
    Value::Word(if flag { "yes" } else { "no" }.to_string())
}

/// The core's answer in words, with a record value or client name as typed cut by
/// `excerpt` (a record value may hold 1024 bytes; the reason must stay visible).
fn query_error(error: QueryError) -> String {
    match error {
        QueryError::UnknownRecord(value) => format!("no record with value '{}' was produced", excerpt(&value)),
        QueryError::UnknownClient(name) => format!("there is no client named '{}'", excerpt(&name)),
        other => other.to_string(),
    }
}

/// The query's current value.
pub fn evaluate(cluster: &Cluster, query: &Query) -> Result<Value, String> {
    let partition = |tp: &TopicPartition| resolve_partition(cluster, tp);
    let value = match query {
        Query::Leader(tp) => cluster.leader_of(partition(tp)?).map_or(Value::None, |b| Value::Number(b as u64)),
        Query::Epoch(tp) => Value::Number(cluster.epoch_of(partition(tp)?) as u64),
        Query::Replicas(tp) => numbers(cluster.replicas_of(partition(tp)?)),
        Query::Isr(tp) => numbers(cluster.isr_of(partition(tp)?)),
        Query::Elr(tp) => numbers(cluster.elr_of(partition(tp)?)),
        Query::LastLeader(tp) => {
            cluster.last_known_leader_of(partition(tp)?).map_or(Value::None, |b| Value::Number(b as u64))
        }
        Query::LeaderRecovery(tp) => {
            let recovering = cluster.is_leader_recovering(partition(tp)?);
            Value::Word(if recovering { "RECOVERING" } else { "RECOVERED" }.to_string())
        }
        Query::Hw(tp, b) => Value::Number(cluster.replica_hw(partition(tp)?, *b).map_err(query_error)?),
        Query::Leo(tp, b) => Value::Number(cluster.replica_leo(partition(tp)?, *b).map_err(query_error)?),
        Query::Log(tp, b) => words(cluster.replica_log(partition(tp)?, *b).map_err(query_error)?),
        Query::Acked(v) => yes_no(cluster.is_acked(v).map_err(query_error)?),
        Query::Response(v) => match cluster.last_response(v).map_err(query_error)? {
            Some(error) => Value::Word(error.name().to_string()),
            None => Value::None,
        },
        Query::Responses(v) => words(cluster.responses(v).map_err(query_error)?.iter().map(|e| e.name())),
        Query::Count(tp, v) => Value::Number(cluster.count_in_leader(partition(tp)?, v).map_err(query_error)?),
        Query::Consumed(name) => {
            let name = name.as_deref().unwrap_or("consumer");
            words(cluster.consumed(name).ok_or_else(|| format!("there is no consumer named '{}'", excerpt(name)))?)
        }
        Query::Position(tp, name) => {
            let name = name.as_deref().unwrap_or("consumer");
            let position = cluster.consumer_position(name, partition(tp)?).ok_or_else(|| no_consumer(name))?;
            position.map_or(Value::None, Value::Number)
        }
        Query::ConsumerError(name) => {
            let name = name.as_deref().unwrap_or("consumer");
            let error = cluster.consumer_error(name).ok_or_else(|| no_consumer(name))?;
            error.map_or(Value::None, |e| Value::Word(e.name().to_string()))
        }
        Query::Lost => words(cluster.lost().map_err(|e| format!("cannot tell what is lost: {e}"))?),
        Query::Violations => words(cluster.violated_properties()),
        Query::Diverged(tp) => yes_no(cluster.diverged(partition(tp)?)),
        Query::Leaders(b) => Value::Number(broker_count(cluster, *b, Cluster::count_leaders)?),
        Query::Followers(b) => Value::Number(broker_count(cluster, *b, Cluster::count_followers)?),
        Query::Controller => cluster.active_controller().map_or(Value::None, |n| Value::Number(n as u64)),
        Query::Fenced(b) => yes_no(cluster.is_fenced(*b).map_err(query_error)?),
        Query::Election(tp) => {
            cluster.election_result(partition(tp)?).map_or(Value::None, |r| Value::Word(r.name().into()))
        }
        Query::Placer(topic) => {
            let placed_by = cluster.topic_placed_by(topic).map_err(|e| e.to_string())?;
            Value::Word(placed_by.map_or("explicit", |p| p.label()).to_string())
        }
        #[cfg(feature = "metrics")]
        Query::Metric(metric) => Value::Number(cluster.metric(*metric)),
        // The page is built without the fold (Cargo.toml, feature `metrics`).
        #[cfg(not(feature = "metrics"))]
        Query::Metric(metric) => {
            return Err(format!(
                "metric {}: the playground's page does not compute metrics yet; run the script with `kafka-sim run FILE --metrics`",
                metric.name()
            ))
        }
    };
    Ok(value)
}

fn no_consumer(name: &str) -> String {
    format!("there is no consumer named '{}'", excerpt(name))
}

fn broker_count(cluster: &Cluster, broker: u32, count: fn(&Cluster, u32) -> u32) -> Result<u64, String> {
    if !cluster.broker_exists(broker) {
        return Err(format!("there is no broker {broker}"));
    }
    Ok(count(cluster, broker) as u64)
}

/// A value as text, so that `1` and `"1"` compare equal (record values may be digits).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::None => "none".to_string(),
        Value::Word(w) => w.clone(),
        Value::List(_) => value.to_string(),
    }
}

/// Whether two lists hold the same items the same number of times, in any order. ISR lists
/// are a few ids: counting beats sorting, which would add a copy of std's sort to the
/// bundle (see sim::sorting).
fn same_members(e: &[String], a: &[String]) -> bool {
    let count = |list: &[String], x: &String| list.iter().filter(|y| *y == x).count();
    e.len() == a.len() && e.iter().all(|x| count(e, x) == count(a, x))
}

/// Whether `actual` satisfies `expected`; `isr` lists compare as sets.
pub fn matches(query: &Query, expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::List(e), Value::List(a)) => {
            let e: Vec<String> = e.iter().map(scalar_text).collect();
            let a: Vec<String> = a.iter().map(scalar_text).collect();
            if matches!(query, Query::Isr(_) | Query::Elr(_)) {
                same_members(&e, &a)
            } else {
                e == a
            }
        }
        (Value::List(_), _) | (_, Value::List(_)) => false,
        (e, a) => scalar_text(e) == scalar_text(a),
    }
}
