//! One partition's part of the partition gauges, read off the world: what each live
//! broker that leads it reports (Kafka's `Partition.isUnderReplicated`, `isUnderMinIsr`,
//! `isAtMinIsr`, all "am I leader, and my ISR against..."), and what the controller's
//! metadata says (no leader: `ControllerMetricsChanges` counts it offline; its ELR).
use crate::sim::ids::PartitionId;
use crate::sim::world::World;

/// What one partition adds to each partition gauge. A partition two live brokers both
/// believe they lead (a zombie beside the new leader) adds for both, as Kafka's brokers
/// would each report it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub under_replicated: u32,
    pub under_min_isr: u32,
    pub at_min_isr: u32,
    pub offline: u32,
    pub elr: u32,
}
crate::codec!(struct Share { under_replicated, under_min_isr, at_min_isr, offline, elr });

/// The partition's share now, and whether it is settled: every live leader's ISR is the
/// committed one. An unsettled partition is read again after each step, because a leader
/// learns a committed ISR (an AlterPartition answer, a metadata push) without an event.
pub fn share_of(world: &World, partition: PartitionId) -> (Share, bool) {
    let mut share = Share::default();
    let Some(committed) = world.committed(partition) else { return (share, true) };
    share.offline = committed.leader.is_none() as u32;
    share.elr = committed.elr.len() as u32;
    let mut settled = true;
    for &broker in &committed.replicas {
        let Some(b) = world.brokers.get(&broker).filter(|b| b.is_alive()) else { continue };
        let Some(leader) = b.replicas.get(&partition).and_then(|r| r.leader_state()) else { continue };
        // Kafka: `replicationFactor - isr.size > 0`; min ISR capped by the replica count.
        let isr = leader.isr.len();
        let min_isr = leader.effective_min_isr();
        share.under_replicated += (isr < leader.replication_factor as usize) as u32;
        share.under_min_isr += (isr < min_isr) as u32;
        share.at_min_isr += (isr == min_isr) as u32;
        let agrees = committed.leader == Some(broker)
            && leader.isr.len() == committed.isr.len()
            && leader.isr.iter().all(|m| committed.isr.contains(m));
        settled &= agrees;
    }
    (share, settled)
}
