//! The fetch loop and a record's trip as the page draws them, read off the world (nothing
//! here is stored or changes the run): the follower fetches a leader holds until data arrives
//! or `replica.fetch.wait.max.ms` passes (the long poll, Kafka's `DelayedFetch`), each with
//! the moment the leader answers it anyway; and whether a record is on the wire (a produce,
//! a fetch answer with data, the producer's ack), which the page slows time down to show.
use crate::sim::cluster::Cluster;
use crate::sim::ids::{BrokerId, Millis, PartitionId};
use crate::sim::message::Message;

/// A follower's fetch waiting at its leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkedFetchView {
    pub leader: BrokerId,
    pub follower: BrokerId,
    /// The offset it asks for of the partition asked about (`None` when none was).
    pub fetch_offset: Option<u64>,
    /// How many partitions the fetch session carries.
    pub partitions: usize,
    /// When the leader answers it even if no record arrives.
    pub deadline_ms: Millis,
}

impl Cluster {
    /// The parked follower fetches, by leader then in the order parked: those carrying
    /// `partition` (the one the page shows up close) with its fetch offset, or every one
    /// without an offset when `None` (a cluster of 50 brokers holds up to 2,450).
    pub fn parked_fetches(&self, partition: Option<PartitionId>) -> Vec<ParkedFetchView> {
        let mut parked = Vec::new();
        for (leader, broker) in self.brokers.iter().filter(|(_, b)| b.is_alive()) {
            parked.extend(broker.parked_fetches.iter().filter_map(|f| {
                let shown = f.partitions.iter().find(|p| Some(p.partition) == partition);
                if partition.is_some() && shown.is_none() {
                    return None;
                }
                Some(ParkedFetchView {
                    leader: *leader,
                    follower: f.follower,
                    fetch_offset: shown.map(|p| p.fetch_offset),
                    partitions: f.partitions.len(),
                    deadline_ms: f.deadline,
                })
            }));
        }
        parked
    }

    /// The shortest hop, in ms, of the messages on the wire that carry records or a produce's
    /// answer; `None` when none does.
    pub fn record_trip_hop_ms(&self) -> Option<Millis> {
        self.queue
            .in_flight()
            .into_iter()
            .filter(|(_, e)| match &e.message {
                Message::Produce(_) | Message::ProduceResponse(_) => true,
                Message::FetchResponse(r) => r.partitions.iter().any(|p| !p.slice.records.is_empty()),
                Message::ConsumerFetchResponse(r) => !r.records.is_empty(),
                _ => false,
            })
            .map(|(arrives_at, e)| arrives_at.saturating_sub(e.sent_at).max(1))
            .min()
    }
}

#[cfg(test)]
mod tests {
    use crate::script::ScriptRun;
    use crate::sim::ids::PartitionId;

    /// Idle, each follower's fetch waits at the leader for up to replica.fetch.wait.max.ms;
    /// a record answers it at once, and the follower's next fetch asks for the offset after it.
    #[test]
    fn idle_followers_fetches_wait_at_the_leader_until_a_record_arrives() {
        let mut run = ScriptRun::new();
        run.run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\nrun 1s\n").expect("runs");
        let t0 = Some(PartitionId(0));
        let now = run.cluster().now_ms();
        let parked = run.cluster().parked_fetches(t0);
        let mut followers: Vec<u32> = parked.iter().map(|p| p.follower).collect();
        followers.sort_unstable();
        assert_eq!(followers, vec![2, 3], "{parked:?}");
        assert!(parked.iter().all(|p| p.leader == 1 && p.fetch_offset == Some(0) && p.partitions == 1));
        assert!(parked.iter().all(|p| p.deadline_ms > now && p.deadline_ms <= now + 500), "{parked:?}");
        run.run_script("produce t-0 a acks=all\nrun 20ms\n").expect("runs");
        let parked = run.cluster().parked_fetches(t0);
        assert!(parked.iter().all(|p| p.fetch_offset == Some(1)), "{parked:?}");
        assert!(run.cluster().parked_fetches(None).iter().all(|p| p.fetch_offset.is_none()));
    }

    /// A record's trip is seen on the wire: its produce, the fetch answers carrying it and the
    /// ack; an idle fetch loop carries none.
    #[test]
    fn a_record_on_the_wire_is_told_apart_from_an_idle_fetch_loop() {
        let mut run = ScriptRun::new();
        run.run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\nrun 1s\n").expect("runs");
        for _ in 0..600 {
            run.run_script("run 1ms").expect("runs");
            assert_eq!(run.cluster().record_trip_hop_ms(), None, "idle");
        }
        run.run_script("produce t-0 a acks=all").expect("runs");
        let mut seen = 0;
        for _ in 0..50 {
            run.run_script("run 1ms").expect("runs");
            seen += usize::from(run.cluster().record_trip_hop_ms() == Some(1));
        }
        assert!(seen >= 3, "the produce, the fetch answers and the ack: {seen} ms on the wire");
    }
}
