//! Detailed read-only views for the playground: one partition's replicas with their log
//! cells, the messages on the wire, the clients' beliefs and records, the controller
//! quorum. Everything here is derived from the cluster on demand; nothing is stored.
use crate::sim::cluster::Cluster;
use crate::sim::ids::{BrokerId, Millis, NodeId, PartitionId};
use crate::sim::message::{Message, MessageKind, PartitionResponse};
use crate::sim::records::{Delivery, ErrorCode};
use crate::sim::view::ReplicaRole;

/// One offset of one replica's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogCell {
    pub offset: u64,
    pub value: String,
    pub epoch: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaDetail {
    pub broker: BrokerId,
    pub role: ReplicaRole,
    pub alive: bool,
    /// The last cells of the log (at most the number asked for), oldest first.
    pub cells: Vec<LogCell>,
    pub leo: u64,
    pub hw: u64,
    /// For a follower: what the leader believes it holds (its last fetch offset).
    pub leader_knows_leo: Option<u64>,
    /// For a follower: how long since the leader last saw it caught up (`None`: never).
    pub since_caught_up_ms: Option<Millis>,
    /// For a live follower: its leader is down or cut off from it, so nobody counts its lag.
    pub leader_unreachable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionDetail {
    pub name: String,
    pub leader: Option<BrokerId>,
    pub epoch: u32,
    pub isr: Vec<BrokerId>,
    /// An ISR change the leader has proposed and the controller not yet committed.
    pub pending_isr: Option<Vec<BrokerId>>,
    /// Eligible Leader Replicas (KIP-966), and the last known leader while there is none.
    pub elr: Vec<BrokerId>,
    pub last_known_leader: Option<BrokerId>,
    /// Elected uncleanly and not yet recovered (KIP-704's RECOVERING).
    pub recovering: bool,
    pub min_isr: u32,
    pub lag_max_ms: u64,
    pub replicas: Vec<ReplicaDetail>,
}

/// A message on its way, for the animation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: MessageKind,
    pub sent_at: Millis,
    pub arrives_at: Millis,
    /// Will be dropped on arrival: the link is cut.
    pub doomed: bool,
    /// A short caption: "fetch @5", "3 records, HW 4", "produce 'x'", "ack @3".
    pub caption: String,
    /// How many records it carries (a produce, a fetch response with data).
    pub records: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordView {
    pub value: String,
    pub partition: String,
    pub acks: &'static str,
    /// pending, acked, failed, or sent (acks=0).
    pub status: &'static str,
    pub offset: Option<u64>,
    pub responses: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientView {
    pub name: String,
    pub is_producer: bool,
    /// (partition, leader it believes in, epoch)
    pub believes: Vec<(String, Option<BrokerId>, u32)>,
    pub metadata_stale: bool,
    /// Producers: the most recent records, newest last.
    pub records: Vec<RecordView>,
    /// Consumers: values received, in order.
    pub consumed: Vec<String>,
    /// Consumers: position per partition.
    pub positions: Vec<(String, u64)>,
    /// Producers: records per second of the steady rate running, if one is.
    pub steady_rate: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControllerView {
    pub nodes_alive: Vec<bool>,
    pub active: Option<u32>,
    pub has_majority: bool,
}

/// A produce response: one partition's result as it is (`ack @5`, an error's name); several
/// as how many were acknowledged and the first error (`3 acks`, `1 ack, NOT_LEADER_OR_FOLLOWER`).
fn produce_response_caption(partitions: &[PartitionResponse]) -> String {
    if let [one] = partitions {
        return match (one.error, one.base_offset) {
            (ErrorCode::None, Some(offset)) => format!("ack @{offset}"),
            (ErrorCode::None, None) => "ack".to_string(),
            (error, _) => error.name().to_string(),
        };
    }
    let acked = partitions.iter().filter(|p| p.error == ErrorCode::None).count();
    let acks = format!("{acked} ack{}", if acked == 1 { "" } else { "s" });
    match partitions.iter().find(|p| p.error != ErrorCode::None) {
        None => acks,
        Some(failed) if acked == 0 => failed.error.name().to_string(),
        Some(failed) => format!("{acks}, {}", failed.error.name()),
    }
}

/// The records a message carries to where it goes.
fn records_carried(message: &Message) -> usize {
    match message {
        Message::Produce(r) => r.record_count(),
        Message::FetchResponse(r) => r.partitions.iter().map(|p| p.slice.records.len()).sum(),
        Message::ConsumerFetchResponse(r) => r.records.len(),
        _ => 0,
    }
}

impl Cluster {
    pub fn partition_detail(&self, partition: PartitionId, max_cells: usize) -> Option<PartitionDetail> {
        let state = self.controller.image.partition(partition)?;
        let leader_state = state.leader.and_then(|l| self.replica(l, partition)).and_then(|r| r.leader_state());
        let replicas = state
            .replicas
            .iter()
            .map(|b| self.replica_detail(*b, partition, state.leader, &state.isr, leader_state, max_cells))
            .collect();
        Some(PartitionDetail {
            name: self.partition_name(partition),
            leader: state.leader,
            epoch: state.leader_epoch,
            isr: state.isr.clone(),
            pending_isr: leader_state.and_then(|s| s.pending_isr.as_ref().map(|p| p.proposed.clone())),
            elr: state.elr.clone(),
            last_known_leader: state.last_known_leader,
            recovering: state.recovering,
            min_isr: self.topic_settings(partition).0,
            lag_max_ms: self.config.replica_lag_time_max_ms,
            replicas,
        })
    }

    fn replica_detail(
        &self,
        broker: BrokerId,
        partition: PartitionId,
        leader: Option<BrokerId>,
        isr: &[BrokerId],
        leader_state: Option<&crate::sim::replica::LeaderState>,
        max_cells: usize,
    ) -> ReplicaDetail {
        let alive = self.brokers.get(&broker).is_some_and(|b| b.is_alive());
        let replica = self.replica(broker, partition);
        let role = match (alive, leader == Some(broker), isr.contains(&broker)) {
            (false, _, _) => ReplicaRole::Offline,
            (true, true, _) => ReplicaRole::Leader,
            (true, false, true) => ReplicaRole::InSyncFollower,
            _ => ReplicaRole::OutOfSyncFollower,
        };
        let leo = replica.map_or(0, |r| r.log.leo());
        let hw = self.shown_hw(broker, partition).unwrap_or(0);
        let first = leo.saturating_sub(max_cells as u64);
        let cells = replica
            .map(|r| {
                (first..leo)
                    .filter_map(|o| {
                        Some(LogCell {
                            offset: o,
                            value: self.records.value(r.log.record_at(o)?).to_string(),
                            epoch: r.log.epoch_at(o).unwrap_or(0),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let progress = leader_state.and_then(|s| s.follower(broker));
        ReplicaDetail {
            broker,
            role,
            alive,
            cells,
            leo,
            hw,
            leader_knows_leo: progress.and_then(|p| p.leo),
            since_caught_up_ms: progress.and_then(|p| p.last_caught_up_ms).map(|t| self.now.saturating_sub(t)),
            leader_unreachable: self.leader_unreachable(broker, partition),
        }
    }

    /// Messages on the wire, oldest first.
    pub fn messages_in_flight(&self) -> Vec<MessageView> {
        self.queue
            .in_flight()
            .into_iter()
            .filter(|(_, e)| !matches!(e.message, Message::Disconnected(_)))
            .map(|(arrives_at, e)| MessageView {
                from: e.from,
                to: e.to,
                kind: e.message.kind(),
                sent_at: e.sent_at,
                arrives_at,
                doomed: self.net.is_cut(e.from, e.to),
                caption: self.caption(&e.message),
                records: records_carried(&e.message),
            })
            .collect()
    }

    pub(crate) fn caption(&self, message: &Message) -> String {
        match message {
            Message::Produce(r) => match (r.batches.as_slice(), r.record_count()) {
                ([one], 1) => format!("produce '{}'", self.records.value(one.records[0])),
                ([_], n) => format!("produce {n} records"),
                (many, n) => format!("produce {} batches, {n} records", many.len()),
            },
            Message::ProduceResponse(r) => produce_response_caption(&r.partitions),
            Message::Fetch(r) => match r.partitions.as_slice() {
                [one] => format!("fetch @{}", one.fetch_offset),
                many => format!("fetch ({} partitions)", many.len()),
            },
            Message::FetchResponse(r) => {
                let records: usize = r.partitions.iter().map(|p| p.slice.records.len()).sum();
                let hw = r.partitions.iter().map(|p| p.high_watermark).max().unwrap_or(0);
                format!("{records} record{}, HW {hw}", if records == 1 { "" } else { "s" })
            }
            Message::ConsumerFetch(r) => format!("consume @{}", r.offset),
            Message::ConsumerFetchResponse(r) => format!("{} record(s), HW {}", r.records.len(), r.high_watermark),
            Message::OffsetsForLeaderEpoch(r) => format!("where does epoch {} end?", r.leader_epoch),
            Message::OffsetsForLeaderEpochResponse(r) => match r.end {
                Some((epoch, end)) => format!("epoch {epoch} ends at {end}"),
                None => r.error.name().to_string(),
            },
            Message::AlterPartition(r) => format!("ISR → {}", crate::sim::observe::narrate::list(&r.new_isr)),
            other => other.kind().label().to_string(),
        }
    }

    pub fn clients_view(&self, max_records: usize) -> Vec<ClientView> {
        self.clients.iter().map(|c| self.client_view(c, max_records)).collect()
    }

    fn client_view(&self, c: &crate::sim::client::Client, max_records: usize) -> ClientView {
        let metadata = c.metadata();
        let believes = metadata.leaders.iter().map(|(p, (l, e))| (self.partition_name(*p), *l, *e)).collect();
        let mut view = ClientView {
            name: c.name.clone(),
            is_producer: c.as_producer().is_some(),
            believes,
            metadata_stale: metadata.stale,
            records: Vec::new(),
            consumed: Vec::new(),
            positions: Vec::new(),
            steady_rate: c.as_producer().and_then(|p| p.steady_rate.as_ref()).map(|r| r.per_second),
        };
        if view.is_producer {
            let mine: Vec<_> = self.records.ids().filter(|id| self.records.meta(*id).producer == c.id).collect();
            let start = mine.len().saturating_sub(max_records);
            view.records = mine[start..].iter().map(|id| self.record_view(*id)).collect();
        }
        if let Some(consumer) = c.as_consumer() {
            view.consumed = consumer.consumed.iter().map(|r| self.records.value(*r).to_string()).collect();
            view.positions = consumer.positions.iter().map(|(p, o)| (self.partition_name(*p), *o)).collect();
        }
        view
    }

    fn record_view(&self, id: crate::sim::ids::RecordId) -> RecordView {
        let meta = self.records.meta(id);
        RecordView {
            value: self.records.value(id).to_string(),
            partition: self.partition_name(meta.partition),
            acks: meta.acks.label(),
            status: match meta.delivery {
                Delivery::Pending => "pending",
                Delivery::SentNoAck => "sent (acks=0)",
                Delivery::Acked => "acked",
                Delivery::Failed => "failed",
            },
            offset: (meta.delivery == Delivery::Acked).then_some(meta.acked_offset as u64),
            responses: self.records.responses(id).into_iter().map(ErrorCode::name).collect(),
        }
    }

    pub fn controller_view(&self) -> ControllerView {
        ControllerView {
            nodes_alive: self.controller.nodes_alive.clone(),
            active: self.controller.active,
            has_majority: self.controller.has_majority(),
        }
    }

    /// Cut links and isolated brokers, for drawing the network.
    pub fn network_faults(&self) -> (Vec<(NodeId, NodeId)>, Vec<BrokerId>) {
        (self.net.cuts().copied().collect(), self.net.isolated().copied().collect())
    }

    /// Brokers whose followers are paused (`pause-fetch`).
    pub fn fetch_paused(&self, broker: BrokerId) -> bool {
        self.brokers.get(&broker).is_some_and(|b| b.fetch_paused)
    }
}

#[cfg(test)]
mod tests {
    use crate::script::ScriptRun;

    #[test]
    fn partition_detail_shows_each_replicas_log_hw_and_progress() {
        let mut runner = ScriptRun::new();
        runner
            .run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\nproduce t-0 a\nproduce t-0 b\nrun 2s\n")
            .expect("script runs");
        let cluster = runner.cluster();
        let detail = cluster.partition_detail(crate::sim::ids::PartitionId(0), 10).expect("partition exists");
        assert_eq!(detail.leader, Some(1));
        let values: Vec<&str> = detail.replicas[1].cells.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, vec!["a", "b"]);
        assert_eq!(detail.replicas[0].hw, 2);
        assert_eq!(detail.replicas[1].leader_knows_leo, Some(2));
        let producer = &cluster.clients_view(10)[0];
        assert_eq!(producer.records.iter().map(|r| r.status).collect::<Vec<_>>(), vec!["acked", "acked"]);
    }

    #[test]
    fn messages_in_flight_are_listed_with_captions() {
        let mut runner = ScriptRun::new();
        runner
            .run_script("brokers 2\ntopic create t partitions=1 rf=2 start=0\nrun 10ms\nproduce t-0 hello\nrun 5ms\n")
            .expect("runs");
        // The batch lingers 5 ms (linger.ms), goes at 15 and arrives 1 ms later.
        let messages = runner.cluster().messages_in_flight();
        assert!(messages.iter().any(|m| m.caption == "produce 'hello'" && m.arrives_at == 16), "{messages:?}");
        runner.run_script("run 1ms").expect("runs");
        let messages = runner.cluster().messages_in_flight();
        assert!(messages.iter().any(|m| m.caption == "1 record, HW 0"), "{messages:?}");
    }

    #[test]
    fn a_request_for_several_partitions_counts_its_batches_and_records_and_its_answer_its_acks() {
        let mut runner = ScriptRun::new();
        let script = "brokers 1\ntopic create t partitions=2 rf=1 start=0\nrun 10ms\n\
                      produce t-0 a\nproduce t-0 b\nproduce t-1 c\nrun 5ms\n";
        runner.run_script(script).expect("runs");
        let captions: Vec<String> = runner.cluster().messages_in_flight().into_iter().map(|m| m.caption).collect();
        assert_eq!(captions, vec!["produce 2 batches, 3 records"]);
        runner.run_script("run 1ms").expect("runs");
        let captions: Vec<String> = runner.cluster().messages_in_flight().into_iter().map(|m| m.caption).collect();
        assert_eq!(captions, vec!["2 acks"]);
    }

    #[test]
    fn an_answer_with_an_error_names_it_after_the_acks() {
        use super::produce_response_caption;
        use crate::sim::ids::PartitionId;
        use crate::sim::message::PartitionResponse;
        use crate::sim::records::ErrorCode;
        let ok = PartitionResponse { partition: PartitionId(0), error: ErrorCode::None, base_offset: Some(3) };
        let moved =
            PartitionResponse { partition: PartitionId(1), error: ErrorCode::NotLeaderOrFollower, base_offset: None };
        assert_eq!(produce_response_caption(&[ok]), "ack @3");
        assert_eq!(produce_response_caption(&[ok, moved]), "1 ack, NOT_LEADER_OR_FOLLOWER");
        assert_eq!(produce_response_caption(&[moved, moved]), "NOT_LEADER_OR_FOLLOWER");
    }
}
