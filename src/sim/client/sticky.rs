//! Where keyless records go: Kafka's built-in sticky partitioner (Kafka 3.3+, KIP-480 and
//! KIP-794, `BuiltInPartitioner`). All of a topic's keyless records go to one partition
//! until `batch.size` bytes have been produced to it, so batches fill up; then it draws the
//! next partition uniformly among those with a known leader (`nextPartition`; adaptive
//! partitioning weighs by queue sizes only when they differ, and the simulator's queues
//! rarely do). The draw comes from the seed.
use crate::sim::rng::SimRng;

/// The partition a topic's keyless records stick to, and the bytes produced to it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StickyPartition {
    pub index: u32,
    pub produced_bytes: u32,
}
crate::codec!(struct StickyPartition { index, produced_bytes });

/// `BuiltInPartitioner.nextPartition` without load stats: `toPositive(random) % n` over the
/// partitions whose leader is known (`availablePartitionsForTopic`), or over all of them
/// when none is.
pub fn next_partition(available: &[u32], partitions: u32, rng: &mut SimRng) -> StickyPartition {
    let random = (rng.next_u64() as u32) & 0x7fff_ffff;
    let index = match available.len() as u32 {
        0 => random % partitions.max(1),
        n => available[(random % n) as usize],
    };
    StickyPartition { index, produced_bytes: 0 }
}

/// `BuiltInPartitioner.updatePartitionInfo`: switch once `batch.size` bytes went to the
/// partition and its last batch is full (`enable_switch`), or in any case at twice that,
/// "to better align with batch boundary".
pub fn should_switch(sticky: StickyPartition, batch_size: u32, enable_switch: bool) -> bool {
    let produced = u64::from(sticky.produced_bytes);
    let size = u64::from(batch_size);
    (produced >= size && enable_switch) || produced >= 2 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_uniform_over_partitions_with_a_leader() {
        let mut rng = SimRng::new(3);
        let mut seen = [0u32; 6];
        for _ in 0..6_000 {
            seen[next_partition(&[1, 3, 5], 6, &mut rng).index as usize] += 1;
        }
        assert_eq!([seen[0], seen[2], seen[4]], [0, 0, 0], "never a partition without a leader");
        assert!([seen[1], seen[3], seen[5]].iter().all(|n| (1_800..2_200).contains(n)), "{seen:?}");
    }

    #[test]
    fn with_no_known_leader_any_partition_may_be_drawn() {
        let mut rng = SimRng::new(3);
        assert!((0..50).any(|_| next_partition(&[], 4, &mut rng).index == 3));
    }

    #[test]
    fn it_switches_after_batch_size_bytes_once_the_batch_is_full() {
        let at = |produced_bytes| StickyPartition { index: 0, produced_bytes };
        assert!(!should_switch(at(16_383), 16_384, true));
        assert!(should_switch(at(16_384), 16_384, true));
        assert!(!should_switch(at(20_000), 16_384, false), "a half-filled batch holds the partition");
        assert!(should_switch(at(32_768), 16_384, false), "but not past twice batch.size");
    }
}
