//! Replica placement as a KRaft controller does it: Kafka's `StripedReplicaPlacer`
//! (`metadata/.../placement/StripedReplicaPlacer.java`), what `kafka-topics --create` gets
//! from a 3.x/4.x cluster without an explicit assignment.
//!
//! Racks (sorted by name, a broker without a rack in the unnamed rack, which sorts first) are
//! visited round-robin from a random offset that advances by one per partition, so replica
//! lists stripe across racks; within a rack, brokers (sorted by id, unfenced ones before
//! fenced ones) are taken round-robin from a random offset too. The leader (replica 0) is
//! never a fenced broker; fenced brokers still count as registered for the replication
//! factor. After as many partitions as there are unfenced brokers, racks and brokers are
//! shuffled so the same lists do not repeat. Kafka draws its offsets and shuffles with
//! `java.util.Random`; here every draw comes from the run's seeded `SimRng`, in a fixed order
//! (racks by name; in each, fenced then unfenced; then the rack offset).
use crate::sim::placement::PlacementError;
use crate::sim::rng::SimRng;

/// A registered broker as the striped placer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsableBroker {
    pub id: u32,
    pub rack: Option<String>,
    pub fenced: bool,
}
crate::codec!(struct UsableBroker { id, rack, fenced });

/// The replicas of partitions `0..partitions`, replica 0 first (the preferred leader).
pub fn place_striped(
    brokers: &[UsableBroker],
    partitions: u32,
    rf: u32,
    rng: &mut SimRng,
) -> Result<Vec<Vec<u32>>, PlacementError> {
    if partitions == 0 {
        return Err(PlacementError::NoPartitions);
    }
    let mut racks = RackList::new(brokers, rng);
    if rf == 0 || rf as usize > brokers.len() {
        return Err(PlacementError::InvalidReplicationFactor { rf, brokers: brokers.len() as u32 });
    }
    if racks.unfenced == 0 {
        return Err(PlacementError::AllBrokersFenced);
    }
    Ok((0..partitions).map(|_| racks.place(rf as usize, rng)).collect())
}

/// Brokers taken round-robin from an offset; each "epoch" (one partition) starts one further.
#[derive(Clone, Debug, Default)]
struct BrokerList {
    brokers: Vec<u32>,
    /// How many were taken in the current epoch.
    index: usize,
    offset: usize,
    epoch: usize,
}
crate::codec!(struct BrokerList { brokers, index, offset, epoch });

impl BrokerList {
    fn initialize(&mut self, rng: &mut SimRng) {
        if !self.brokers.is_empty() {
            crate::sim::sorting::sort_ids(&mut self.brokers);
            self.offset = rng.below(self.brokers.len() as u64) as usize;
        }
    }

    /// The next broker of this epoch, or `None` when every one was taken in it.
    fn next(&mut self, epoch: usize) -> Option<u32> {
        if self.brokers.is_empty() {
            return None;
        }
        if self.epoch != epoch {
            self.epoch = epoch;
            self.index = 0;
            self.offset = (self.offset + 1) % self.brokers.len();
        }
        if self.index >= self.brokers.len() {
            return None;
        }
        let broker = self.brokers[(self.index + self.offset) % self.brokers.len()];
        self.index += 1;
        Some(broker)
    }
}

#[derive(Clone, Debug, Default)]
struct Rack {
    fenced: BrokerList,
    unfenced: BrokerList,
}
crate::codec!(struct Rack { fenced, unfenced });

impl Rack {
    /// Unfenced brokers first; fenced ones only when those are used up.
    fn next(&mut self, epoch: usize) -> Option<u32> {
        self.unfenced.next(epoch).or_else(|| self.fenced.next(epoch))
    }
}

struct RackList {
    /// Sorted by rack name at first (the unnamed rack first); shuffled later.
    racks: Vec<Rack>,
    unfenced: usize,
    epoch: usize,
    offset: usize,
}

impl RackList {
    fn new(brokers: &[UsableBroker], rng: &mut SimRng) -> Self {
        let mut names: Vec<Option<&str>> = brokers.iter().map(|b| b.rack.as_deref()).collect();
        // A handful of racks: an insertion sort, not another instance of std's sort for
        // this element type (a few kB of wasm).
        for i in 1..names.len() {
            let mut j = i;
            while j > 0 && names[j - 1] > names[j] {
                names.swap(j - 1, j);
                j -= 1;
            }
        }
        names.dedup();
        let mut racks: Vec<Rack> = names.iter().map(|_| Rack::default()).collect();
        for broker in brokers {
            let index = names.binary_search(&broker.rack.as_deref()).unwrap_or_default();
            let list = if broker.fenced { &mut racks[index].fenced } else { &mut racks[index].unfenced };
            list.brokers.push(broker.id);
        }
        for rack in &mut racks {
            rack.fenced.initialize(rng);
            rack.unfenced.initialize(rng);
        }
        let offset = if racks.is_empty() { 0 } else { rng.below(racks.len() as u64) as usize };
        let unfenced = brokers.iter().filter(|b| !b.fenced).count();
        RackList { racks, unfenced, epoch: 0, offset }
    }

    /// One partition's replicas: the leader from the first rack (from the offset on) with an
    /// unfenced broker, then one per rack round-robin from the offset, skipping the leader's
    /// rack on the first pass. The caller checked that `rf` brokers and one unfenced exist.
    fn place(&mut self, rf: usize, rng: &mut SimRng) -> Vec<u32> {
        if self.epoch == self.unfenced && self.unfenced > 1 {
            self.shuffle(rng);
            self.epoch = 0;
        }
        let count = self.racks.len();
        self.offset %= count;
        let epoch = self.epoch;
        let mut leader_rack = self.offset;
        let leader = loop {
            if let Some(broker) = self.racks[leader_rack].unfenced.next(epoch) {
                break broker;
            }
            leader_rack = (leader_rack + 1) % count;
        };
        let mut replicas = vec![leader];
        let (mut rack, mut skip) = (self.offset, Some(leader_rack));
        while replicas.len() < rf {
            if skip == Some(rack) {
                skip = None;
            } else if let Some(broker) = self.racks[rack].next(epoch) {
                replicas.push(broker);
            }
            rack = (rack + 1) % count;
        }
        self.epoch += 1;
        self.offset += 1;
        replicas
    }

    /// Kafka's `Collections.shuffle` of the racks, then of each rack's two lists.
    fn shuffle(&mut self, rng: &mut SimRng) {
        shuffle(&mut self.racks, rng);
        for rack in &mut self.racks {
            shuffle(&mut rack.fenced.brokers, rng);
            shuffle(&mut rack.unfenced.brokers, rng);
        }
    }
}

/// Fisher–Yates from the end, as `java.util.Collections.shuffle` walks it.
fn shuffle<T>(items: &mut [T], rng: &mut SimRng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brokers(racks: &[(u32, Option<&str>, bool)]) -> Vec<UsableBroker> {
        racks
            .iter()
            .map(|(id, rack, fenced)| UsableBroker { id: *id, rack: rack.map(str::to_string), fenced: *fenced })
            .collect()
    }

    fn distinct(list: &[u32]) -> bool {
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        sorted.len() == list.len()
    }

    #[test]
    fn every_partition_gets_rf_distinct_brokers_and_each_rack_once_when_it_can() {
        let layout: Vec<(u32, Option<&str>, bool)> =
            (1..=9).map(|id| (id, Some(["a", "b", "c"][(id as usize - 1) % 3]), false)).collect();
        let brokers = brokers(&layout);
        let rack_of = |id: u32| brokers.iter().find(|b| b.id == id).unwrap().rack.clone();
        for seed in 0..50 {
            let placed = place_striped(&brokers, 12, 3, &mut SimRng::new(seed)).expect("places");
            for replicas in &placed {
                assert!(distinct(replicas), "{replicas:?}");
                let racks: Vec<_> = replicas.iter().map(|b| rack_of(*b)).collect();
                assert!(racks[0] != racks[1] && racks[1] != racks[2] && racks[0] != racks[2], "{replicas:?}");
            }
        }
    }

    #[test]
    fn leaders_stripe_over_the_brokers_and_racks_rotate() {
        let brokers = brokers(&[(1, None, false), (2, None, false), (3, None, false)]);
        let placed = place_striped(&brokers, 3, 3, &mut SimRng::new(7)).expect("places");
        let mut leaders: Vec<u32> = placed.iter().map(|r| r[0]).collect();
        leaders.sort_unstable();
        assert_eq!(leaders, vec![1, 2, 3], "three partitions, three different leaders: {placed:?}");
    }

    #[test]
    fn a_fenced_broker_counts_for_rf_but_never_leads() {
        let brokers = brokers(&[(1, None, false), (2, None, true), (3, None, false)]);
        for seed in 0..50 {
            let placed = place_striped(&brokers, 6, 3, &mut SimRng::new(seed)).expect("rf 3 over 3 registered");
            assert!(placed.iter().all(|r| r[0] != 2 && r.contains(&2) && distinct(r)), "{placed:?}");
        }
    }

    #[test]
    fn refuses_what_kafka_refuses() {
        let rng = &mut SimRng::new(0);
        let two = brokers(&[(1, None, false), (2, None, false)]);
        assert_eq!(place_striped(&two, 1, 3, rng), Err(PlacementError::InvalidReplicationFactor { rf: 3, brokers: 2 }));
        assert_eq!(place_striped(&two, 1, 0, rng), Err(PlacementError::InvalidReplicationFactor { rf: 0, brokers: 2 }));
        assert_eq!(place_striped(&two, 0, 1, rng), Err(PlacementError::NoPartitions));
        let fenced = brokers(&[(1, None, true), (2, None, true)]);
        assert_eq!(place_striped(&fenced, 1, 1, rng), Err(PlacementError::AllBrokersFenced));
    }

    #[test]
    fn the_same_seed_places_the_same_way() {
        let brokers =
            brokers(&[(1, Some("a"), false), (2, Some("b"), false), (3, Some("a"), false), (4, Some("b"), true)]);
        let first = place_striped(&brokers, 20, 2, &mut SimRng::new(42)).unwrap();
        assert_eq!(first, place_striped(&brokers, 20, 2, &mut SimRng::new(42)).unwrap());
    }
}
