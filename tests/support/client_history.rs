//! A second, independent checker, from the outside (Jepsen/Maelstrom's Kafka workload, in
//! small): it judges a run only by what the clients observed — each send with the
//! responses the producer got (and the offset of the acknowledgement), and each poll
//! with the offsets and values the consumer received. It never looks at a log, a high
//! watermark or an ISR, so a bug in the simulator's own checker (`src/sim/checker.rs`)
//! or in the state it reads cannot hide a loss from this one.
//!
//! Each check is something Kafka forbids under safe settings (acks=all, min.insync.replicas
//! met, clean elections, an idempotent producer); the comment on each says why. Under
//! unsafe settings some are expected to fire: that is the point of the unsafe sweep.
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use replication_playground::script::ScriptRun;
use replication_playground::sim::ids::{ClientId, PartitionId};
use replication_playground::sim::EventKind;

/// What the producer learned of one record it sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Send {
    pub value: String,
    pub partition: String,
    /// Sent with sequence numbers (enable.idempotence and acks=all): the broker drops a
    /// retried copy, so the record is written at most once.
    pub idempotent: bool,
    /// Kafka's name of every response the producer got, in order (`NONE` last when acked).
    pub responses: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A success response, with the offset the broker returned for the record.
    Acked { offset: u64 },
    /// The producer gave up (delivery.timeout.ms, or an error it does not retry).
    Failed,
    /// No final answer when the run ended (queued, or in flight).
    Pending,
}

/// One fetch response a consumer received, in the order it received them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    pub consumer: String,
    pub partition: String,
    /// The position the consumer fetched from.
    pub from: u64,
    /// The consumer positioned itself (`from=`, a seek) before this poll: ordering starts over.
    pub after_seek: bool,
    /// (offset, value) of each record, as delivered.
    pub records: Vec<(u64, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub sends: Vec<Send>,
    pub polls: Vec<Poll>,
    /// Every partition of the topic (what the final reader must have read in full).
    pub partitions: Vec<String>,
    /// The consumer that read every partition from offset 0 after healing.
    pub final_reader: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anomaly {
    LostWrite { partition: String, value: String, offset: u64 },
    AckedOffsetOverwritten { partition: String, value: String, offset: u64, seen: String },
    Duplicate { partition: String, value: String, offsets: Vec<u64> },
    DivergentRead { partition: String, offset: u64, values: Vec<String> },
    Backwards { consumer: String, partition: String, expected: u64, got: u64 },
    Skipped { consumer: String, partition: String, expected: u64, got: u64 },
    PhantomRead { partition: String, offset: u64, value: String, why: &'static str },
    FinalReadIncomplete { partition: String, why: String },
}

impl Anomaly {
    pub fn is_lost_write(&self) -> bool {
        matches!(self, Anomaly::LostWrite { .. })
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Anomaly::LostWrite { .. } => "lost write",
            Anomaly::AckedOffsetOverwritten { .. } => "acked offset overwritten",
            Anomaly::Duplicate { .. } => "duplicate",
            Anomaly::DivergentRead { .. } => "divergent read",
            Anomaly::Backwards { .. } => "backwards poll",
            Anomaly::Skipped { .. } => "skipped offsets",
            Anomaly::PhantomRead { .. } => "phantom read",
            Anomaly::FinalReadIncomplete { .. } => "final read incomplete",
        }
    }
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anomaly::LostWrite { partition, value, offset } => {
                write!(f, "lost write: '{value}' acked at {partition} offset {offset} is not in the final read")
            }
            Anomaly::AckedOffsetOverwritten { partition, value, offset, seen } => {
                write!(f, "acked offset overwritten: '{value}' was acked at {partition} offset {offset}, a consumer read '{seen}' there")
            }
            Anomaly::Duplicate { partition, value, offsets } => {
                write!(f, "duplicate: '{value}' read at offsets {offsets:?} of {partition}")
            }
            Anomaly::DivergentRead { partition, offset, values } => {
                write!(f, "divergent read: {partition} offset {offset} held {values:?}")
            }
            Anomaly::Backwards { consumer, partition, expected, got } => {
                write!(f, "backwards poll: {consumer} on {partition} expected offset {expected}, got {got}")
            }
            Anomaly::Skipped { consumer, partition, expected, got } => {
                write!(f, "skipped offsets: {consumer} on {partition} expected offset {expected}, got {got}")
            }
            Anomaly::PhantomRead { partition, offset, value, why } => {
                write!(f, "phantom read: '{value}' at {partition} offset {offset}: {why}")
            }
            Anomaly::FinalReadIncomplete { partition, why } => write!(f, "final read of {partition} incomplete: {why}"),
        }
    }
}

/// Responses that prove the broker did not append the batch: Kafka checks these before
/// appending (`ReplicaManager.appendToLocalLog`, `Partition.appendRecordsToLeader`).
/// Everything else is ambiguous — REQUEST_TIMED_OUT and NOT_ENOUGH_REPLICAS_AFTER_APPEND
/// come after the append, NETWORK_EXCEPTION says nothing, and NOT_LEADER_OR_FOLLOWER also
/// ends a write parked in purgatory when leadership moves — so such a record may still be
/// committed and read.
const REJECTED_BEFORE_APPEND: &[&str] = &["NOT_ENOUGH_REPLICAS", "INVALID_REQUIRED_ACKS", "UNKNOWN_TOPIC_OR_PARTITION"];

/// Every check, in a fixed order (the result is deterministic).
pub fn check(history: &History) -> Vec<Anomaly> {
    let observed = Observed::from(history);
    let mut found = Vec::new();
    check_poll_order(history, &mut found);
    check_divergent_reads(&observed, &mut found);
    check_duplicates(history, &observed, &mut found);
    check_acked_offsets(history, &observed, &mut found);
    check_phantom_reads(history, &observed, &mut found);
    check_lost_writes(history, &mut found);
    found
}

/// Every (partition, offset) → values and (partition, value) → offsets any consumer saw.
#[derive(Default)]
struct Observed<'h> {
    at_offset: BTreeMap<(&'h str, u64), BTreeSet<&'h str>>,
    offsets_of: BTreeMap<(&'h str, &'h str), BTreeSet<u64>>,
}

impl<'h> Observed<'h> {
    fn from(history: &'h History) -> Self {
        let mut observed = Observed::default();
        for poll in &history.polls {
            for (offset, value) in &poll.records {
                observed.at_offset.entry((&poll.partition, *offset)).or_default().insert(value);
                observed.offsets_of.entry((&poll.partition, value)).or_default().insert(*offset);
            }
        }
        observed
    }
}

/// A consumer's position only moves forward by what it was given: each poll starts where
/// the previous one on that partition ended, and its records are consecutive offsets
/// (no compaction or transactions here, so no legitimate gaps). Going back re-delivers
/// records; jumping ahead skips them unread. A seek (`after_seek`) starts over.
fn check_poll_order(history: &History, found: &mut Vec<Anomaly>) {
    let mut next: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for poll in &history.polls {
        let key = (poll.consumer.as_str(), poll.partition.as_str());
        let mut expected = match next.get(&key) {
            Some(&position) if !poll.after_seek => position,
            _ => poll.from,
        };
        let starts = std::iter::once(poll.from).chain(poll.records.iter().map(|(o, _)| *o));
        for (index, got) in starts.enumerate() {
            // The first item is the fetch position itself; the records follow it.
            let is_record = index > 0;
            if got < expected {
                found.push(Anomaly::Backwards { consumer: key.0.into(), partition: key.1.into(), expected, got });
            } else if got > expected {
                found.push(Anomaly::Skipped { consumer: key.0.into(), partition: key.1.into(), expected, got });
            }
            expected = got + u64::from(is_record);
        }
        next.insert(key, expected);
    }
}

/// Consumers read only committed records (below the HW), and a committed offset never
/// changes what it holds: every reader sees the same value at the same offset.
fn check_divergent_reads(observed: &Observed<'_>, found: &mut Vec<Anomaly>) {
    for ((partition, offset), values) in &observed.at_offset {
        if values.len() > 1 {
            let values = values.iter().map(|v| v.to_string()).collect();
            found.push(Anomaly::DivergentRead { partition: partition.to_string(), offset: *offset, values });
        }
    }
}

/// Every value is sent once by the application; an idempotent producer's retries are
/// dropped by the broker, so the value may sit at one offset only. Without idempotence a
/// retry after a lost response writes it twice, which Kafka allows: not flagged.
fn check_duplicates(history: &History, observed: &Observed<'_>, found: &mut Vec<Anomaly>) {
    let idempotent: BTreeSet<(&str, &str)> =
        history.sends.iter().filter(|s| s.idempotent).map(|s| (s.partition.as_str(), s.value.as_str())).collect();
    for ((partition, value), offsets) in &observed.offsets_of {
        if offsets.len() > 1 && idempotent.contains(&(*partition, *value)) {
            let offsets = offsets.iter().copied().collect();
            found.push(Anomaly::Duplicate { partition: partition.to_string(), value: value.to_string(), offsets });
        }
    }
}

/// The offset in a success response is where the committed record lives for good:
/// nobody may ever read another value there.
fn check_acked_offsets(history: &History, observed: &Observed<'_>, found: &mut Vec<Anomaly>) {
    for send in &history.sends {
        let Outcome::Acked { offset } = send.outcome else {
            continue;
        };
        let Some(values) = observed.at_offset.get(&(send.partition.as_str(), offset)) else {
            continue;
        };
        for seen in values.iter().filter(|v| **v != send.value) {
            let (partition, value) = (send.partition.clone(), send.value.clone());
            found.push(Anomaly::AckedOffsetOverwritten { partition, value, offset, seen: seen.to_string() });
        }
    }
}

/// A consumer may read only what some producer sent to that partition, and not a record
/// whose every attempt was refused before the append (or that was never sent at all).
/// A record that failed after an ambiguous response may well be committed and read.
fn check_phantom_reads(history: &History, observed: &Observed<'_>, found: &mut Vec<Anomaly>) {
    let mut sends: BTreeMap<(&str, &str), Vec<&Send>> = BTreeMap::new();
    for send in &history.sends {
        sends.entry((&send.partition, &send.value)).or_default().push(send);
    }
    for ((partition, offset), values) in &observed.at_offset {
        for value in values {
            let why = match sends.get(&(*partition, *value)) {
                None => "no producer sent it to this partition",
                Some(all) if all.iter().all(|s| never_appended(s)) => {
                    "every attempt to send it was refused before the append"
                }
                Some(_) => continue,
            };
            found.push(Anomaly::PhantomRead {
                partition: partition.to_string(),
                offset: *offset,
                value: value.to_string(),
                why,
            });
        }
    }
}

fn never_appended(send: &Send) -> bool {
    send.outcome == Outcome::Failed && send.responses.iter().all(|r| REJECTED_BEFORE_APPEND.contains(&r.as_str()))
}

/// An acknowledged record (acks=all, min-ISR met, clean elections) is committed and stays
/// readable: after healing, a consumer reading the whole partition from offset 0 must
/// find it. Only judged where that final read is complete.
fn check_lost_writes(history: &History, found: &mut Vec<Anomaly>) {
    for partition in &history.partitions {
        let log = match final_read(history, partition) {
            Ok(log) => log,
            Err(why) => {
                found.push(Anomaly::FinalReadIncomplete { partition: partition.clone(), why });
                continue;
            }
        };
        let present: BTreeSet<&str> = log.iter().map(String::as_str).collect();
        for send in history.sends.iter().filter(|s| &s.partition == partition) {
            if let Outcome::Acked { offset } = send.outcome {
                if !present.contains(send.value.as_str()) {
                    found.push(Anomaly::LostWrite { partition: partition.clone(), value: send.value.clone(), offset });
                }
            }
        }
    }
}

/// The final reader's view of a partition: polls from offset 0, each where the last one
/// ended, until a poll came back empty (the consumer reached the end of what is committed).
pub fn final_read(history: &History, partition: &str) -> Result<Vec<String>, String> {
    let Some(reader) = history.final_reader.as_deref() else {
        return Err("no final reader".into());
    };
    let polls: Vec<&Poll> = history.polls.iter().filter(|p| p.consumer == reader && p.partition == partition).collect();
    let mut log = Vec::new();
    for poll in &polls {
        if poll.from != log.len() as u64 {
            return Err(format!("a poll started at {} after reading {} records", poll.from, log.len()));
        }
        log.extend(poll.records.iter().map(|(_, v)| v.clone()));
    }
    match polls.last() {
        Some(last) if last.records.is_empty() => Ok(log),
        Some(_) => Err(format!("no empty poll after {} records: the end was never reached", log.len())),
        None => Err("never polled".into()),
    }
}

/// The clients' observations of a run, and nothing else: each producer's record list
/// (value, partition, responses, the acked offset — what its send callbacks saw) and
/// each consumer's fetch responses (the `ConsumerFetched` fact that a response arrived,
/// with its position and count, paired in order with the values the consumer received).
/// The sweep's consumers never seek themselves (the final reader's `from=0` is its first
/// poll of each partition); a poll after the consumer reset its position (`auto.offset.reset`)
/// or moved back from a truncation it detected (KIP-320) is marked `after_seek`, as the
/// client logs both.
pub fn observe(runner: &ScriptRun, final_reader: Option<&str>) -> History {
    let cluster = runner.cluster();
    let clients = cluster.clients_view(usize::MAX);
    let idempotence = cluster.config().enable_idempotence;
    let mut history = History { final_reader: final_reader.map(str::to_string), ..History::default() };
    history.partitions = (0..cluster.partition_count())
        .map(|p| cluster.partition_name(replication_playground::sim::ids::PartitionId(p)))
        .collect();
    for record in clients.iter().filter(|c| c.is_producer).flat_map(|c| &c.records) {
        let outcome = match (record.status, record.offset) {
            ("acked", Some(offset)) => Outcome::Acked { offset },
            ("failed", _) => Outcome::Failed,
            _ => Outcome::Pending,
        };
        let responses = record.responses.iter().map(|r| r.to_string()).collect();
        let idempotent = idempotence && record.acks == "all";
        history.sends.push(Send {
            value: record.value.clone(),
            partition: record.partition.clone(),
            idempotent,
            responses,
            outcome,
        });
    }
    let mut cursors = vec![0usize; clients.len()];
    let mut moved: Vec<(ClientId, PartitionId)> = Vec::new();
    for event in runner.trace() {
        let (client, partition, from, count) = match event.kind {
            EventKind::ConsumerFetched { client, partition, from, count, .. } => (client, partition, from, count),
            EventKind::ConsumerPositionReset { client, partition, .. }
            | EventKind::ConsumerTruncationDetected { client, partition, .. } => {
                moved.push((client, partition));
                continue;
            }
            _ => continue,
        };
        let after_seek = moved.contains(&(client, partition));
        moved.retain(|m| *m != (client, partition));
        let (view, cursor) = (&clients[client.index()], &mut cursors[client.index()]);
        let values = &view.consumed[*cursor..*cursor + count as usize];
        *cursor += count as usize;
        let records = values.iter().enumerate().map(|(i, v)| (from + i as u64, v.clone())).collect();
        let partition = cluster.partition_name(partition);
        history.polls.push(Poll { consumer: view.name.clone(), partition, from, after_seek, records });
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acked(value: &str, offset: u64) -> Send {
        Send {
            value: value.into(),
            partition: "t-0".into(),
            idempotent: true,
            responses: vec!["NONE".into()],
            outcome: Outcome::Acked { offset },
        }
    }

    fn poll(consumer: &str, from: u64, values: &[&str]) -> Poll {
        let records = values.iter().enumerate().map(|(i, v)| (from + i as u64, v.to_string())).collect();
        Poll { consumer: consumer.into(), partition: "t-0".into(), from, after_seek: false, records }
    }

    /// Two acked records, read by a consumer and then in full by the final reader.
    fn clean() -> History {
        History {
            sends: vec![acked("a", 0), acked("b", 1)],
            polls: vec![
                poll("c", 0, &["a"]),
                poll("c", 1, &["b"]),
                poll("final", 0, &["a", "b"]),
                poll("final", 2, &[]),
            ],
            partitions: vec!["t-0".into()],
            final_reader: Some("final".into()),
        }
    }

    fn kinds(history: &History) -> Vec<&'static str> {
        check(history).iter().map(Anomaly::kind).collect()
    }

    #[test]
    fn a_clean_history_passes() {
        assert_eq!(check(&clean()), vec![]);
    }

    #[test]
    fn an_acked_write_missing_from_the_final_read_is_lost() {
        let mut h = clean();
        h.polls.truncate(2);
        h.polls.push(poll("final", 0, &["a"]));
        h.polls.push(poll("final", 1, &[]));
        let found = check(&h);
        assert_eq!(found, vec![Anomaly::LostWrite { partition: "t-0".into(), value: "b".into(), offset: 1 }]);
    }

    #[test]
    fn without_a_complete_final_read_nothing_is_judged_lost() {
        let mut h = clean();
        h.polls.pop(); // never saw the empty poll that proves the end was reached
        assert_eq!(kinds(&h), vec!["final read incomplete"]);
        h.final_reader = None;
        assert_eq!(kinds(&h), vec!["final read incomplete"]);
    }

    #[test]
    fn an_idempotent_value_at_two_offsets_is_a_duplicate_but_not_without_idempotence() {
        let mut h = clean();
        h.sends.push(acked("c", 2));
        h.polls[3] = poll("final", 2, &["c", "b"]);
        h.polls.push(poll("final", 4, &[]));
        assert_eq!(kinds(&h), vec!["duplicate"]);
        h.sends[1].idempotent = false;
        assert_eq!(kinds(&h), Vec::<&str>::new());
    }

    #[test]
    fn polls_going_backwards_or_skipping_are_flagged_unless_after_a_seek() {
        let mut h = clean();
        h.polls.insert(2, poll("c", 0, &["a", "b"]));
        assert_eq!(kinds(&h), vec!["backwards poll"]);
        h.polls[2].after_seek = true;
        assert_eq!(kinds(&h), Vec::<&str>::new());
        h.polls[1] = poll("c", 2, &[]);
        assert_eq!(kinds(&h), vec!["skipped offsets"]);
    }

    #[test]
    fn a_gap_inside_one_poll_is_skipped_offsets() {
        let mut h = clean();
        h.sends.push(Send { outcome: Outcome::Pending, ..acked("c", 2) });
        h.polls[0].records = vec![(0, "a".into()), (2, "c".into())];
        h.polls[1] = poll("c", 3, &[]);
        assert_eq!(kinds(&h), vec!["skipped offsets"]);
    }

    #[test]
    fn two_values_at_one_offset_diverge_and_overwrite_the_acked_one() {
        let mut h = clean();
        h.sends.push(Send { outcome: Outcome::Pending, ..acked("x", 0) });
        h.polls[0] = poll("c", 0, &["x"]);
        assert_eq!(kinds(&h), vec!["divergent read", "acked offset overwritten"]);
    }

    #[test]
    fn reading_a_refused_or_unsent_value_is_a_phantom_but_a_timed_out_one_is_not() {
        let mut h = clean();
        h.sends[1] = Send { responses: vec!["NOT_ENOUGH_REPLICAS".into()], outcome: Outcome::Failed, ..acked("b", 1) };
        assert_eq!(kinds(&h), vec!["phantom read"]);
        h.sends[1].responses.push("REQUEST_TIMED_OUT".into());
        assert_eq!(kinds(&h), Vec::<&str>::new(), "a timed-out attempt may have been appended and committed");
        h.sends.pop();
        assert_eq!(kinds(&h), vec!["phantom read"], "nobody sent 'b'");
    }
}
