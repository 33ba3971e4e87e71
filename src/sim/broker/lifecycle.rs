//! A broker's process starting and ending, on the broker's own state: the commands `crash`,
//! `power-off`, `stop` (at its end) and `restart` decide when, the cluster breaks the
//! connections and tells what happened; what the broker keeps and loses is decided here.
use crate::sim::broker::{Broker, BrokerStatus};
use crate::sim::ids::{PartitionId, RecordId};
use crate::sim::records::RecordTable;

impl Broker {
    /// The process ends, crashed or stopped cleanly: what it held in memory goes (its
    /// metadata image, fetchers, parked requests; each replica keeps only its log and its
    /// HW checkpoint).
    pub fn die(&mut self, status: BrokerStatus, clean: bool) {
        self.status = status;
        self.last_shutdown_clean = clean;
        self.lose_memory();
    }

    /// A power-off after the process died: the page cache goes too, so each log keeps only
    /// what was flushed and the HW falls back to its checkpoint. How many records went, and
    /// the acknowledged ones among them with their partitions (the checker judges them).
    pub fn lose_page_cache(&mut self, records: &RecordTable) -> (u64, Vec<(PartitionId, RecordId)>) {
        let acked: Vec<(PartitionId, RecordId)> = self
            .replicas
            .iter()
            .flat_map(|(p, r)| r.acked_records_from(r.log.flushed_len(), records).into_iter().map(|id| (*p, id)))
            .collect();
        let mut lost = 0;
        for replica in self.replicas.values_mut() {
            lost += replica.log.lose_unflushed();
            replica.hw = replica.hw_checkpoint.min(replica.log.leo());
            replica.hw_checkpoint = replica.hw;
        }
        (lost, acked)
    }

    /// The process starts again: a new incarnation that has not registered yet, each log
    /// loaded as `LogLoader.load` does (the epoch cache cut back to the log end) and its
    /// producer state rebuilt from it (`UnifiedLog`'s recovery). Whether any replica came
    /// back with a HW from its checkpoint.
    pub fn start_again(&mut self, records: &RecordTable) -> bool {
        self.status = BrokerStatus::Alive;
        self.incarnation += 1;
        self.registered = false;
        for replica in self.replicas.values_mut() {
            replica.log.load();
            replica.rebuild_producer_state(records);
        }
        self.replicas.values().any(|r| r.hw > 0)
    }
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
