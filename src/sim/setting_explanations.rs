//! What each `set` key means, in one line for learners, in `SETTINGS` order (a test keeps
//! them in step). Apart from the table of keys because the page's first load leaves the
//! text out: its settings panel fetches it from the simulator's module (`dist/sim/`,
//! `settingExplanations`) when first opened; the command line and the JS API carry it.

/// (key, explanation), one per `SETTINGS` entry, in its order.
pub const SETTING_EXPLANATIONS: &[(&str, &str)] = &[
    ("min.insync.replicas", "Default min-ISR of every topic created without min-isr=, now and after: acks=all writes need at least this many in-sync replicas."),
    ("eligible.leader.replicas.version", "1 (a new 4.1+ cluster): when the ISR falls below min ISR, the removed replicas become eligible leader replicas (KIP-966), and the ISR may become empty. 0: the classic rules."),
    ("unclean.leader.election.enable", "Let an out-of-sync replica become leader when no in-sync one is alive (availability over durability)."),
    ("controller.quorum.fetch.timeout.ms", "How long the controller quorum's voters go without hearing from the active controller before they elect a new one."),
    ("unclean.leader.election.interval.ms", "How often the controller elects an out-of-sync leader for offline partitions when unclean.leader.election.enable was turned on after they went offline."),
    ("replica.lag.time.max.ms", "A follower not caught up with the leader for this long is removed from the ISR."),
    ("replica.fetch.wait.max.ms", "How long a leader parks a follower's fetch when there is no new data (long poll)."),
    ("replica.fetch.backoff.ms", "How long a follower waits before fetching again after an error."),
    ("replica.socket.timeout.ms", "How long a follower waits for a fetch response before giving up on it."),
    ("sim.fetch.max.records", "Most records one fetch returns per partition (stands in for replica.fetch.max.bytes)."),
    ("broker.session.timeout.ms", "A broker silent to the controller for this long is fenced and removed from every ISR."),
    ("broker.heartbeat.interval.ms", "How often each broker heartbeats the active controller."),
    ("auto.leader.rebalance.enable", "Periodically move leadership back to each partition's preferred replica."),
    ("leader.imbalance.check.interval.seconds", "How often (seconds) the controller checks for leaders away from their preferred replica."),
    ("acks", "Producer default: wait for all in-sync replicas, the leader only, or nothing."),
    ("auto.offset.reset", "Consumer default: after OFFSET_OUT_OF_RANGE, go to the high watermark (latest), the log start (earliest), or stop with an error (none)."),
    ("fetch.max.wait.ms", "Consumer default: how long the leader may hold a fetch with nothing committed to return (long poll); 0 answers at once."),
    ("enable.idempotence", "Producer default: the leader drops retried batches it already has, so retries never duplicate."),
    ("request.timeout.ms", "How long a client waits for a response; also how long a leader parks an acks=all write."),
    ("delivery.timeout.ms", "How long the producer keeps retrying a record before reporting it failed."),
    ("retry.backoff.ms", "How long a client waits before retrying a failed request."),
    ("retry.backoff.max.ms", "The longest a client's retry backoff grows to: it doubles per failed attempt from retry.backoff.ms, ±20 % jitter."),
    ("linger.ms", "How long the producer lets a batch wait for more records before sending it (unless it is full)."),
    ("batch.size", "Bytes the producer gathers per partition before a batch is full and goes at once; keyless records switch partition after this many."),
    ("max.in.flight.requests.per.connection", "How many batches the producer sends before it waits for an answer (kept in order by sequence numbers)."),
    ("sim.network.latency.ms", "One-way latency of every network link."),
    ("sim.replication", "auto: followers fetch continuously; manual: only when you press fetch."),
    ("sim.truncation", "How followers truncate: by leader epoch (Kafka 2.8+) or to their high watermark (before KIP-101)."),
    ("sim.placer", "How new topics are placed: AdminUtils' assignReplicasToBrokers (the lecture's, and kafka-reassign-partitions') or a KRaft controller's StripedReplicaPlacer."),
    ("sim.controllers", "Size of the KRaft controller quorum (set before the first broker)."),
    ("sim.flush.interval.ms", "How often brokers flush logs and checkpoint the HW; a power-off loses what is not flushed."),
];

#[cfg(test)]
mod tests {
    use super::SETTING_EXPLANATIONS;
    use crate::sim::config::SETTINGS;

    #[test]
    fn every_setting_has_its_explanation_in_order() {
        let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        let explained: Vec<&str> = SETTING_EXPLANATIONS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, explained);
        assert!(SETTING_EXPLANATIONS.iter().all(|(_, e)| e.len() > 20));
    }
}
