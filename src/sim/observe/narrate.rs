//! One plain-language line per event: the words the playground's feed and the command
//! line's trace both print ("Broker 3 fetched offsets 4–6 of orders-0 from leader 1 and
//! now knows HW 4").
use crate::sim::cluster::Cluster;
use crate::sim::event::{
    ControllerIsrReason, ElectionKind, Event, EventKind, FenceReason, IsrChangeReason, TruncationReason,
};
use crate::sim::ids::{BrokerId, ClientId, NodeId, PartitionId, RecordId};
use crate::sim::records::ErrorCode;

/// `[1,2,3]`, as the scripts write lists (not `Debug`'s `[1, 2, 3]`, whose code the page would carry).
pub(crate) fn list(brokers: &[BrokerId]) -> String {
    let items: Vec<String> = brokers.iter().map(|b| b.to_string()).collect();
    format!("[{}]", items.join(","))
}

fn offsets(from: u64, count: u32) -> String {
    match count {
        1 => format!("offset {from}"),
        _ => format!("offsets {from}–{}", from + count as u64 - 1),
    }
}

fn plural(count: u32, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl Cluster {
    pub fn node_name(&self, node: NodeId) -> String {
        match node {
            NodeId::Broker(b) => format!("broker {b}"),
            NodeId::Controller => "the controller".to_string(),
            NodeId::Client(c) => self.client_phrase(c),
        }
    }

    /// How a sentence starts with a client: "The producer", "Producer fast".
    pub fn client_label(&self, client: ClientId) -> String {
        let Some(c) = self.clients.get(client.index()) else { return format!("Client {}", client.0) };
        let role = if c.as_producer().is_some() { "producer" } else { "consumer" };
        if c.name == role {
            format!("The {role}")
        } else {
            format!("{}{} {}", role[..1].to_ascii_uppercase(), &role[1..], c.name)
        }
    }

    /// A client in the middle of a sentence: "the producer", "producer fast".
    pub fn client_phrase(&self, client: ClientId) -> String {
        let label = self.client_label(client);
        let mut chars = label.chars();
        match chars.next() {
            Some(first) => std::iter::once(first.to_ascii_lowercase()).chain(chars).collect(),
            None => label,
        }
    }

    pub fn client_name(&self, client: ClientId) -> String {
        self.clients.get(client.index()).map_or_else(|| format!("client {}", client.0), |c| c.name.clone())
    }

    fn value_of(&self, record: RecordId) -> String {
        format!("'{}'", self.records.value(record))
    }

    fn records_named(&self, first: RecordId, count: u32) -> String {
        match count {
            1 => self.value_of(first),
            _ => format!("{} and {}", self.value_of(first), plural(count - 1, "more record", "more records")),
        }
    }

    /// `[   1.002s] ` and the narration.
    pub fn trace_line(&self, event: &Event) -> String {
        format!("[{:>4}.{:03}s] {}", event.at / 1000, event.at % 1000, self.narrate(&event.kind))
    }

    pub fn narrate(&self, kind: &EventKind) -> String {
        use EventKind::*;
        match kind {
            ConfigChanged { key, value } => format!("Setting {key} is now {value}"),
            BrokerAdded { broker, rack: Some(rack) } => format!("Broker {broker} joined the cluster on rack {rack}"),
            BrokerAdded { broker, rack: None } => format!("Broker {broker} joined the cluster"),
            BrokerRemoved { broker } => format!("Broker {broker} was removed from the cluster"),
            TopicCreated { first_partition, partitions, rf, min_isr } => {
                let name = self.topic_of(*first_partition).map_or("?".to_string(), |(t, _)| t.name.clone());
                format!(
                    "Topic {name} created: {}, replication factor {rf}, min.insync.replicas {min_isr}",
                    plural(*partitions, "partition", "partitions")
                )
            }
            BrokerCrashed { broker } => {
                format!("Broker {broker} crashed: its process is gone, its log on disk survives")
            }
            BrokerPoweredOff { broker, lost_records: 0, .. } => {
                format!("Broker {broker} lost power: every record was flushed to disk, none is lost")
            }
            BrokerPoweredOff { broker, lost_records, .. } => {
                format!(
                    "Broker {broker} lost power: {} not yet flushed to disk {} gone",
                    plural(*lost_records as u32, "record", "records"),
                    if *lost_records == 1 { "is" } else { "are" }
                )
            }
            BrokerFlushed { broker } => format!("Broker {broker} flushed its logs and HW checkpoint to disk"),
            ShutdownRequested { broker } => format!(
                "Broker {broker} asked the controller for a controlled shutdown: it keeps running until it \
                 leads nothing and every other active broker has caught up with the metadata of its shutdown"
            ),
            BrokerStopped { broker, controlled: true } => {
                // Not "after handing over its leaderships": a partition no other replica could
                // lead was left without a leader (the fencing's narration says why it may go).
                format!("Broker {broker} stopped: its controlled shutdown is complete")
            }
            BrokerStopped { broker, controlled: false } => {
                format!("Broker {broker} stopped without the controller's go-ahead (none came within 5 minutes)")
            }
            BrokerRestarted { broker, .. } => {
                format!("Broker {broker} started again and registers with the controller")
            }
            ControllerCrashed { node } => format!("Controller {node} crashed"),
            ControllerRestarted { node } => format!("Controller {node} started again"),
            ControllerActivated { node } => format!("Controller {node} is now the active controller"),
            QuorumLost => {
                "The controller quorum lost its majority: no metadata can change until it returns".to_string()
            }
            LinkCut { a, b } => format!("Network cut between {} and {}", self.node_name(*a), self.node_name(*b)),
            LinkHealed { a, b } => format!("Network between {} and {} healed", self.node_name(*a), self.node_name(*b)),
            BrokerIsolated { broker } => format!("Broker {broker} is cut off from every other node"),
            AllHealed => "Every network cut is healed".to_string(),
            FetchPaused { broker } => format!("Broker {broker}'s followers stopped fetching"),
            FetchResumed { broker } => format!("Broker {broker}'s followers resumed fetching"),
            MessageDropped { from, to, message, .. } => {
                format!(
                    "A {} from {} to {} was lost on the cut link",
                    message.label(),
                    self.node_name(*from),
                    self.node_name(*to)
                )
            }
            MessageRefused { from, to, message } => {
                format!(
                    "{} could not deliver a {}: {} is down",
                    capitalise(&self.node_name(*from)),
                    message.label(),
                    self.node_name(*to)
                )
            }
            _ => self.narrate_data_path(kind),
        }
    }

    fn narrate_data_path(&self, kind: &EventKind) -> String {
        use EventKind::*;
        match kind {
            MetadataRequested { client, broker } => format!("{} asked broker {broker} for metadata", self.client_label(*client)),
            MetadataReceived { client, broker, leaders_known } => {
                format!("{} learned the leaders of {} from broker {broker}'s metadata cache", self.client_label(*client), plural(*leaders_known, "partition", "partitions"))
            }
            ProduceSent { client, broker, partition, first, count, acks, attempt, batches } => {
                let retry = if *attempt > 1 { format!(" (attempt {attempt})") } else { String::new() };
                let retry = if *batches > 1 { format!("{retry}, one of {batches} batches in one request") } else { retry };
                format!(
                    "{} sent {} to leader {broker} of {} with acks={}{retry}",
                    self.client_label(*client),
                    self.records_named(*first, *count),
                    self.partition_name(*partition),
                    acks.label()
                )
            }
            ProduceRejected { broker, partition, first, error } => {
                format!("Broker {broker} refused {} for {}: {}", self.value_of(*first), self.partition_name(*partition), explain_error(*error))
            }
            LeaderAppended { broker, partition, first_offset, count, epoch } => {
                format!("Leader {broker} appended {} to {} at {} (epoch {epoch})", plural(*count, "record", "records"), self.partition_name(*partition), offsets(*first_offset, *count))
            }
            DuplicateDropped { broker, partition, first, offset } => format!(
                "Leader {broker} already holds {} at offset {offset} of {}: the idempotent producer's retry is not appended again",
                self.value_of(*first),
                self.partition_name(*partition)
            ),
            ProduceAnswered { broker, partition, first, count, error } => {
                format!("Broker {broker} answered the write of {} to {}: {}", self.records_named(*first, *count), self.partition_name(*partition), error.name())
            }
            ProducerAcked { client, partition, first, count, offset, .. } => format!(
                "{} got the acknowledgement for {} ({} of {})",
                self.client_label(*client),
                self.records_named(*first, *count),
                offsets(*offset, *count),
                self.partition_name(*partition)
            ),
            ProducerRetrying { client, partition, first, error } => format!(
                "{} will retry {} to {} after {}",
                self.client_label(*client),
                self.value_of(*first),
                self.partition_name(*partition),
                error.name()
            ),
            ProducerGaveUp { client, partition, record, error } => format!(
                "{} gave up on {} for {} after delivery.timeout.ms{}",
                self.client_label(*client),
                self.value_of(*record),
                self.partition_name(*partition),
                error.map_or(String::new(), |e| format!(" (last error {})", e.name()))
            ),
            _ => self.narrate_replication(kind),
        }
    }

    fn narrate_replication(&self, kind: &EventKind) -> String {
        use EventKind::*;
        match kind {
            FetchSent { follower, leader, partitions } => {
                format!("Broker {follower} sent a fetch to leader {leader} ({})", plural(*partitions, "partition", "partitions"))
            }
            FetchParked { leader, follower } => format!("Leader {leader} holds broker {follower}'s fetch until new records arrive (long poll)"),
            FollowerFetched { follower, leader, partition, from, count, hw } => format!(
                "Broker {follower} copied {} of {} from leader {leader} and now knows HW {hw}",
                offsets(*from, *count),
                self.partition_name(*partition)
            ),
            FollowerUpToDate { follower, leader, partition, leo, hw } => {
                format!("Broker {follower} is caught up with leader {leader} on {} (LEO {leo}) and now knows HW {hw}", self.partition_name(*partition))
            }
            FetchError { follower, leader, partition, error } => {
                format!("Leader {leader} refused broker {follower}'s fetch of {}: {}", self.partition_name(*partition), error.name())
            }
            DivergenceFound { follower, leader, partition, epoch, end_offset } => format!(
                "Leader {leader} told broker {follower} its log of {} diverges: epoch {epoch} ends at offset {end_offset} on the leader",
                self.partition_name(*partition)
            ),
            Truncated { broker, partition, to, removed, reason, .. } => format!(
                "Broker {broker} truncated {} to offset {to}, removing {}: {}",
                self.partition_name(*partition),
                plural(*removed as u32, "record", "records"),
                match reason {
                    TruncationReason::DivergingEpoch => "not in the leader's history",
                    TruncationReason::HighWatermark => "cut back to its own high watermark, as brokers did before KIP-101",
                    TruncationReason::OffsetOutOfRange => "its log ran past the leader's end",
                }
            ),
            HighWatermarkAdvanced { broker, partition, from, to, .. } => {
                format!("Leader {broker} advanced the HW of {} from {from} to {to}: offsets below {to} are committed", self.partition_name(*partition))
            }
            BecameLeader { broker, partition, epoch, leo } => format!("Broker {broker} is now leader of {} in epoch {epoch} (its log ends at {leo})", self.partition_name(*partition)),
            BecameFollower { broker, partition, leader: Some(leader), epoch } => {
                format!("Broker {broker} now follows leader {leader} for {} (epoch {epoch})", self.partition_name(*partition))
            }
            BecameFollower { broker, partition, leader: None, epoch } => {
                format!("Broker {broker} hosts {} but it has no leader (epoch {epoch})", self.partition_name(*partition))
            }
            _ => self.narrate_control(kind),
        }
    }

    fn narrate_control(&self, kind: &EventKind) -> String {
        use EventKind::*;
        match kind {
            IsrChangeProposed { leader, partition, change, reason } => format!(
                "Leader {leader} asks the controller to change the ISR of {} from {} to {} ({})",
                self.partition_name(*partition),
                list(&change.from),
                list(&change.to),
                match reason {
                    IsrChangeReason::Lagging => "a follower fell behind for longer than replica.lag.time.max.ms",
                    IsrChangeReason::CaughtUp => "a follower caught up to the high watermark",
                }
            ),
            IsrChangeRejected { leader, partition, error } => {
                format!(
                    "The controller rejected leader {leader}'s ISR change for {}: {}",
                    self.partition_name(*partition),
                    error.name()
                )
            }
            IsrChanged { partition, from, to } => format!(
                "The controller committed the ISR of {}: {} → {}",
                self.partition_name(*partition),
                list(from),
                list(to)
            ),
            ControllerShrankIsr { partition, broker, to, reason } => format!(
                "The controller removed broker {broker} from the ISR of {} ({}): ISR is now {}",
                self.partition_name(*partition),
                match reason {
                    ControllerIsrReason::Fenced => "it is fenced",
                    ControllerIsrReason::UncleanRestart =>
                        "it restarted after an unclean shutdown and may have lost records",
                    ControllerIsrReason::ShuttingDown => "it is shutting down",
                },
                list(to)
            ),
            ElrChanged { partition, elr, last_known_leader } => self.narrate_elr(*partition, elr, *last_known_leader),
            HeartbeatSent { broker } => format!("Broker {broker} sent a heartbeat to the controller"),
            BrokerRegistered { broker, clean_shutdown } => {
                format!(
                    "The controller registered broker {broker} ({} shutdown before)",
                    if *clean_shutdown { "clean" } else { "unclean" }
                )
            }
            RegistrationRefused { broker } => format!(
                "The controller refused broker {broker}'s registration (DUPLICATE_BROKER_REGISTRATION): \
                 the session of its previous process is still valid; it retries until that session expires"
            ),
            BrokerFenced { broker, reason } => format!(
                "The controller fenced broker {broker}: {}",
                match reason {
                    FenceReason::SessionExpired => "no heartbeat within broker.session.timeout.ms",
                    FenceReason::ShutDown =>
                        "it may shut down: it leads nothing, and every other active broker has caught up with the metadata of its shutdown",
                    FenceReason::Reregistered => "it registered again, so the process the controller knew is gone",
                }
            ),
            BrokerUnfenced { broker } => {
                format!("The controller unfenced broker {broker}: it has caught up with the metadata")
            }
            LeaderElected { partition, leader: Some(leader), epoch, isr, kind } => format!(
                "The controller made broker {leader} leader of {} in epoch {epoch} ({}); ISR {}",
                self.partition_name(*partition),
                election_reason(*kind),
                list(isr)
            ),
            LeaderElected { partition, leader: None, epoch, isr, .. } => format!(
                "Partition {} is offline in epoch {epoch}: no replica may lead, as none in the ISR (nor, with the ISR empty, in the ELR) is on an unfenced broker that is not shutting down (ISR {})",
                self.partition_name(*partition),
                list(isr)
            ),
            ElectionAnswered { partition, election, result } => {
                let kind = if *election == crate::sim::partition_change::Election::Preferred {
                    "Preferred"
                } else {
                    "Unclean"
                };
                let answer = result.map_or("no active controller", |r| r.name());
                format!("{kind} leader election for {}: {answer}", self.partition_name(*partition))
            }
            ConsumerFetched { client, broker, partition, from, count, hw } => format!(
                "{} read {} from leader {broker} of {} at offset {from} (HW {hw})",
                self.client_label(*client),
                plural(*count, "record", "records"),
                self.partition_name(*partition)
            ),
            ConsumerPositionReset { client, partition, to, policy } => format!(
                "{} reset its position on {} to {to} (auto.offset.reset={}: {})",
                self.client_label(*client),
                self.partition_name(*partition),
                policy.label(),
                match policy {
                    crate::sim::config::OffsetReset::Earliest => "the log start",
                    _ => "the high watermark",
                }
            ),
            ConsumerValidating { client, broker, partition, epoch, position } => format!(
                "{} asked leader {broker} where epoch {epoch} ends on {}, to check its position {position} after the leader changed (KIP-320)",
                self.client_label(*client),
                self.partition_name(*partition)
            ),
            ConsumerTruncationDetected { client, partition, from, to } => format!(
                "{} found the log of {} truncated below its position: it moves back from {from} to {to}, where the leader's log and what it read agree, instead of skipping records",
                self.client_label(*client),
                self.partition_name(*partition)
            ),
            ConsumerFetchFailed { client, partition, error } => {
                format!(
                    "The fetch of {} by {} failed: {}",
                    self.partition_name(*partition),
                    self.client_phrase(*client),
                    error.name()
                )
            }
            ConsumerFetchWaits { client, broker, partition } => format!(
                "{} already has a fetch of {} in flight to broker {broker}: a consumer sends a broker one fetch at a time, so this consume waits for that answer and then fetches from the position it leaves",
                self.client_label(*client),
                self.partition_name(*partition)
            ),
            ConsumerStaleFetchIgnored { client, broker, partition, offset, position } => format!(
                "{} ignored broker {broker}'s answer to its fetch of {} at offset {offset}: a seek moved its position to {position} meanwhile",
                self.client_label(*client),
                self.partition_name(*partition)
            ),
            ConsumerFetchParked { leader, client, partition, offset, wait_ms } => format!(
                "Leader {leader} holds {}'s fetch of {} until the HW passes {offset} (long poll, up to {wait_ms} ms)",
                self.client_phrase(*client),
                self.partition_name(*partition)
            ),
            ConsumerFetchCompleted { leader, client, partition, offset, hw, error, expired } => {
                let (who, name) = (self.client_phrase(*client), self.partition_name(*partition));
                let why = if *error != ErrorCode::None {
                    format!("it no longer serves it: {}", error.name())
                } else if *expired {
                    format!("its wait ended with nothing committed past {offset} (HW {hw}), so the answer is empty")
                } else {
                    format!("the HW ({hw}) passed {offset}")
                };
                format!("Leader {leader} answers {who}'s held fetch of {name}: {why}")
            }
            SafetyViolation(v) => format!("SAFETY VIOLATION ({}): {}", v.property.name(), v.detail),
            // Every kind is narrated above; this arm only keeps the match total.
            other => format!("{} event", other.category()),
        }
    }
}

impl Cluster {
    /// KIP-966's two lists, in words: who may still lead cleanly, and who led last.
    fn narrate_elr(&self, partition: PartitionId, elr: &[BrokerId], last_known_leader: Option<BrokerId>) -> String {
        let name = self.partition_name(partition);
        let eligible = if elr.is_empty() {
            format!("{name} has no eligible leader replicas")
        } else {
            format!(
                "Eligible leader replicas of {name}: {} (out of the ISR while it is below min.insync.replicas, \
                 yet holding every committed record)",
                list(elr)
            )
        };
        match last_known_leader {
            Some(leader) => format!("{eligible}; last known leader {leader}"),
            None => eligible,
        }
    }
}

fn election_reason(kind: ElectionKind) -> &'static str {
    match kind {
        ElectionKind::Initial => "the first replica leads a new partition",
        ElectionKind::Clean => {
            "the first in-sync replica in assignment order whose broker is unfenced and not shutting down"
        }
        ElectionKind::Unclean => {
            "UNCLEAN: no in-sync or eligible replica could lead, so the first out-of-sync replica in assignment order on an unfenced broker was chosen; the partition is RECOVERING until its leader's first AlterPartition"
        }
        ElectionKind::ControlledShutdown => "the old leader is shutting down",
        ElectionKind::Preferred => "preferred leader election",
        ElectionKind::AutoRebalance => "automatic rebalance back to the preferred replica",
        ElectionKind::Recovered => "an in-sync replica came back",
        ElectionKind::Elr => {
            "the ISR was empty, so an eligible leader replica took over: it holds every committed record (KIP-966)"
        }
        ElectionKind::LastKnownLeader => {
            "UNCLEAN: ISR and ELR were empty, so the last known leader took over; it may lack records (KIP-966), and the partition is RECOVERING until its first AlterPartition"
        }
    }
}

fn explain_error(error: ErrorCode) -> String {
    match error {
        ErrorCode::NotLeaderOrFollower => "NOT_LEADER_OR_FOLLOWER (it does not lead this partition)".to_string(),
        ErrorCode::NotEnoughReplicas => {
            "NOT_ENOUGH_REPLICAS (the ISR is smaller than min.insync.replicas; nothing was written)".to_string()
        }
        other => other.name().to_string(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Sentences start with ASCII words (broker, the producer, ...): ASCII case keeps
        // Unicode's case tables out of the browser bundle.
        Some(first) => std::iter::once(first.to_ascii_uppercase()).chain(chars).collect(),
        None => String::new(),
    }
}
