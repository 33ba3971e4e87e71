//! A broker leading one partition, built directly, for the leader's handler tests (the HW
//! rule, ISR changes): no cluster, no controller, just the state the handler reads.
use crate::sim::broker::delayed_produce::{DelayedProduce, PartitionStatus};
use crate::sim::broker::Broker;
use crate::sim::ids::{BrokerId, ClientId, Millis, PartitionId, RecordId};
use crate::sim::message::RequestId;
use crate::sim::metadata::MetadataRecord;
use crate::sim::replica::{FollowerProgress, LeaderState, Replica, Role};

/// What the leader holds: broker 1 leads `partition` in `epoch` with `leo` records and HW
/// `hw`; followers 2 and 3 last fetched at the offsets in `fetched`, at `fetched_at`.
pub(crate) struct Leading<'a> {
    pub partition: PartitionId,
    pub epoch: u32,
    pub partition_epoch: u32,
    pub leo: u64,
    pub hw: u64,
    pub isr: &'a [BrokerId],
    pub min_isr: u32,
    pub fetched: [u64; 2],
    pub fetched_at: u64,
}

impl Leading<'static> {
    /// Broker 1 leading `partition` in epoch 0 with an empty log, ISR [1, 2, 3], min-ISR 1,
    /// followers at 0 (a test names what it changes: `Leading { leo: 4, ..Leading::of(P) }`).
    pub(crate) fn of(partition: PartitionId) -> Self {
        let isr = &[1, 2, 3];
        Leading {
            partition,
            epoch: 0,
            partition_epoch: 0,
            leo: 0,
            hw: 0,
            isr,
            min_isr: 1,
            fetched: [0, 0],
            fetched_at: 0,
        }
    }
}

/// Parks an acks=all write of `count` records at offset `base` (request and first record
/// numbered `base`, from client 0) on the broker leading `partition`, due at `deadline`.
pub(crate) fn park_write(broker: &mut Broker, partition: PartitionId, base: u64, count: u32, deadline: Millis) {
    let status = PartitionStatus::appended(partition, (RecordId(base as u32), count), base);
    broker.delayed_produces.push(DelayedProduce {
        request: RequestId(base),
        producer: ClientId(0),
        partitions: vec![status],
        deadline,
    });
}

impl Leading<'_> {
    /// Broker 1 (with brokers 1 to 3 registered in its metadata) in that state.
    pub(crate) fn broker(&self) -> Broker {
        let mut broker = Broker::new(1, None);
        for b in [1, 2, 3] {
            broker
                .image
                .apply(u64::from(b) - 1, &MetadataRecord::RegisterBroker { broker: b, rack: None, fenced: false });
        }
        let mut replica = Replica::new(self.partition);
        replica.epoch = self.epoch;
        let records: Vec<RecordId> = (0..self.leo as u32).map(RecordId).collect();
        replica.log.append_as_leader(self.epoch, &records);
        replica.hw = self.hw;
        let followers = [2, 3]
            .into_iter()
            .zip(self.fetched)
            .map(|(b, offset)| {
                let mut follower = FollowerProgress::new(b, self.isr.contains(&b), 0, 0);
                follower.record_fetch(offset, self.leo, self.fetched_at);
                follower
            })
            .collect();
        replica.role = Role::Leader(Box::new(LeaderState {
            epoch_start_offset: 0,
            isr: self.isr.to_vec(),
            partition_epoch: self.partition_epoch,
            min_isr: self.min_isr,
            replication_factor: 3,
            pending_isr: None,
            followers,
        }));
        broker.replicas.insert(self.partition, replica);
        broker
    }
}
