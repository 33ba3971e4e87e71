//! A broker leading one partition, built directly, for the leader's handler tests (the HW
//! rule, ISR changes): no cluster, no controller, just the state the handler reads.
use crate::sim::broker::Broker;
use crate::sim::ids::{BrokerId, PartitionId, RecordId};
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

impl Leading<'_> {
    /// Broker 1 (with brokers 1 to 3 registered in its metadata) in that state.
    pub(crate) fn broker(&self) -> Broker {
        let mut broker = Broker::new(1, None);
        for b in [1, 2, 3] {
            broker.image.apply(u64::from(b) - 1, &MetadataRecord::RegisterBroker { broker: b, rack: None });
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
            delayed_produces: Vec::new(),
        }));
        broker.replicas.insert(self.partition, replica);
        broker
    }
}
