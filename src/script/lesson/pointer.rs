//! `look: THING`: what the page highlights, read from the file and checked against the
//! cluster (a highlight on a broker that does not exist would point at nothing).
use super::model::Pointer;
use crate::script::ast::TopicPartition;
use crate::sim::Cluster;

impl Pointer {
    /// Reads `broker N`, `partition T-N`, `replica T-N@B`, `controller`, `producer [NAME]`
    /// or `consumer [NAME]`.
    pub fn parse(text: &str) -> Result<Pointer, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let number = |word: &str, what: &str| word.parse::<u32>().map_err(|_| format!("'{word}' is not {what}"));
        match words.as_slice() {
            ["broker", n] => Ok(Pointer::Broker(number(n, "a broker number")?)),
            ["partition", tp] => {
                partition(tp)?;
                Ok(Pointer::Partition(tp.to_string()))
            }
            ["replica", at] => {
                let (tp, broker) = at.rsplit_once('@').ok_or_else(|| format!("'{at}' is not a replica T-N@B"))?;
                partition(tp)?;
                Ok(Pointer::Replica(tp.to_string(), number(broker, "a broker number")?))
            }
            ["controller"] => Ok(Pointer::Controller),
            ["producer"] => Ok(Pointer::Producer(None)),
            ["producer", name] => Ok(Pointer::Producer(Some(name.to_string()))),
            ["consumer"] => Ok(Pointer::Consumer(None)),
            ["consumer", name] => Ok(Pointer::Consumer(Some(name.to_string()))),
            _ => Err(format!(
                "cannot look at '{text}': write broker N, partition T-N, replica T-N@B, controller, producer [NAME] or consumer [NAME]"
            )),
        }
    }

    /// Whether the thing exists in the cluster now; `Err` says what is missing.
    pub fn exists_in(&self, cluster: &Cluster) -> Result<(), String> {
        match self {
            Pointer::Broker(b) => broker(cluster, *b),
            Pointer::Partition(tp) => cluster.resolve(&partition(tp)?).map(|_| ()).map_err(|e| e.to_string()),
            Pointer::Replica(tp, b) => {
                broker(cluster, *b)?;
                let id = cluster.resolve(&partition(tp)?).map_err(|e| e.to_string())?;
                match cluster.replicas_of(id).contains(b) {
                    true => Ok(()),
                    false => Err(format!("broker {b} holds no replica of {tp}")),
                }
            }
            Pointer::Controller => Ok(()),
            Pointer::Producer(name) => client(cluster, name.as_deref().unwrap_or("producer"), true),
            Pointer::Consumer(name) => client(cluster, name.as_deref().unwrap_or("consumer"), false),
        }
    }
}

fn partition(text: &str) -> Result<TopicPartition, String> {
    let (topic, n) = text.rsplit_once('-').ok_or_else(|| format!("'{text}' is not a partition TOPIC-N"))?;
    let partition = n.parse::<u32>().map_err(|_| format!("'{text}' is not a partition TOPIC-N"))?;
    if topic.is_empty() {
        return Err(format!("'{text}' is not a partition TOPIC-N"));
    }
    Ok(TopicPartition { topic: topic.to_string(), partition })
}

fn broker(cluster: &Cluster, id: u32) -> Result<(), String> {
    match cluster.broker_exists(id) {
        true => Ok(()),
        false => Err(format!("there is no broker {id}")),
    }
}

/// The default producer and consumer always exist; a named one once a line has used it.
fn client(cluster: &Cluster, name: &str, producer: bool) -> Result<(), String> {
    let known = cluster.clients_view(0).iter().any(|c| c.name == name && c.is_producer == producer);
    let default = if producer { "producer" } else { "consumer" };
    match known || name == default {
        true => Ok(()),
        false => Err(format!("there is no {default} named '{name}'")),
    }
}
