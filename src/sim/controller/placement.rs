//! Replica placement at topic creation: Kafka's `AdminUtils.assignReplicasToBrokers`
//! (`server-common/.../org/apache/kafka/admin/AdminUtils.java`, formerly
//! `core/.../kafka/admin/AdminUtils.scala`), the plain and the rack-aware variant.
//!
//! It is what `kafka-topics --create` did for years and what
//! `kafka-reassign-partitions --generate` still does. Replica 0 of each partition is the
//! preferred leader, and the leader at creation.
//!
//! Only the create path is modelled: Kafka's `startPartitionId = -1`, so partition ids
//! count from 0. Kafka draws `startIndex` and the replica shift with `Random.nextInt(n)`
//! unless a fixed start index is given; here the caller passes both, either a fixed value
//! or two draws from the run's seeded `SimRng`, which keeps placement deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::sim::sorting::{sort_by_u64_key, sort_ids};

/// Which algorithm places a new topic's replicas (`topic create ... placer=`, `sim.placer`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placer {
    /// `AdminUtils.assignReplicasToBrokers`: the lecture's, and `kafka-reassign-partitions
    /// --generate`'s (this file).
    #[default]
    AdminUtils,
    /// A KRaft controller's `StripedReplicaPlacer` (`placement_striped`).
    Striped,
}
crate::codec!(
    enum Placer {
        AdminUtils = 0,
        Striped = 1,
    }
);

impl Placer {
    /// The name scripts and settings use.
    pub fn label(self) -> &'static str {
        match self {
            Placer::AdminUtils => "admin-utils",
            Placer::Striped => "striped",
        }
    }

    pub fn from_label(label: &str) -> Option<Placer> {
        [Placer::AdminUtils, Placer::Striped].into_iter().find(|p| p.label() == label)
    }
}

/// A broker as placement sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerPlacement {
    pub id: u32,
    pub rack: Option<String>,
}
crate::codec!(struct BrokerPlacement { id, rack });

/// Why Kafka would refuse to place a topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlacementError {
    /// Partitions must be at least 1 (Kafka's `InvalidPartitionsException`).
    NoPartitions,
    /// The replication factor must be 1..=brokers (Kafka's
    /// `InvalidReplicationFactorException`).
    InvalidReplicationFactor { rf: u32, brokers: u32 },
    /// Some brokers have a rack and some do not (Kafka's `AdminOperationException`
    /// "Not all brokers have rack information"). Ids sorted.
    PartialRackInfo { without_rack: Vec<u32> },
    /// No leader can be placed: every registered broker is fenced (the striped placer's
    /// `InvalidReplicationFactorException`, "All brokers are currently fenced").
    AllBrokersFenced,
}
crate::codec!(enum PlacementError { NoPartitions = 0, InvalidReplicationFactor { rf, brokers } = 1, PartialRackInfo { without_rack } = 2, AllBrokersFenced = 3 });

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementError::NoPartitions => write!(f, "a topic needs at least 1 partition"),
            PlacementError::InvalidReplicationFactor { rf: 0, .. } => {
                write!(f, "the replication factor must be at least 1")
            }
            PlacementError::InvalidReplicationFactor { rf, brokers } => write!(
                f,
                "replication factor {rf} is larger than the {brokers} available broker{}",
                if *brokers == 1 { "" } else { "s" }
            ),
            PlacementError::AllBrokersFenced => {
                write!(f, "every broker is fenced, so no partition could have a leader")
            }
            PlacementError::PartialRackInfo { without_rack } => {
                let ids: Vec<String> = without_rack.iter().map(|id| id.to_string()).collect();
                write!(
                    f,
                    "broker{} {} {} no rack while other brokers have one: \
                     give every broker a rack, or none",
                    if ids.len() == 1 { "" } else { "s" },
                    ids.join(", "),
                    if ids.len() == 1 { "has" } else { "have" }
                )
            }
        }
    }
}

impl std::error::Error for PlacementError {}

/// The replicas of partitions `0..partitions`, replica 0 first (the preferred leader).
///
/// `start_index` and `shift` are Kafka's `fixedStartIndex` / `nextReplicaShift` seeds: a
/// script's `start=K` passes K for both (as Kafka's fixed start index does); otherwise the
/// caller draws each from its seeded PRNG in `0..brokers.len()`, as Kafka's
/// `RAND.nextInt(n)` does. Broker ids must be unique; their order does not matter (they
/// are sorted by id here, as Kafka's callers sort them).
pub fn assign_replicas(
    brokers: &[BrokerPlacement],
    partitions: u32,
    rf: u32,
    start_index: u32,
    shift: u32,
) -> Result<Vec<Vec<u32>>, PlacementError> {
    // Same checks, in the same order, as assignReplicasToBrokers: partitions first, so
    // "0 partitions, rf 0" reports the partitions (AdminRackAwareTest checks this order).
    if partitions == 0 {
        return Err(PlacementError::NoPartitions);
    }
    let n = brokers.len() as u32;
    if rf == 0 || rf > n {
        return Err(PlacementError::InvalidReplicationFactor { rf, brokers: n });
    }
    let mut sorted: Vec<&BrokerPlacement> = brokers.iter().collect();
    sort_by_u64_key(&mut sorted, |b| u64::from(b.id));
    debug_assert!(sorted.windows(2).all(|w| w[0].id != w[1].id), "duplicate broker id");

    let without_rack: Vec<u32> = sorted.iter().filter(|b| b.rack.is_none()).map(|b| b.id).collect();
    let assignment = if without_rack.len() == sorted.len() {
        let ids: Vec<u32> = sorted.iter().map(|b| b.id).collect();
        assign_plain(&ids, partitions, rf, start_index, shift)
    } else if without_rack.is_empty() {
        assign_rack_aware(&RackLayout::new(&sorted), partitions, rf, start_index, shift)
    } else {
        return Err(PlacementError::PartialRackInfo { without_rack });
    };
    debug_assert_eq!(assignment.len(), partitions as usize);
    Ok(assignment)
}

/// Kafka's rack-alternated broker list (`getRackAlternatedBrokerList`): racks in sorted
/// order, ids sorted within a rack, one broker per rack in turn until all are listed.
/// Racks {0:r1, 1:r3, 2:r3, 3:r2, 4:r2, 5:r1} give 0, 3, 1, 5, 4, 2. Brokers without a
/// rack are left out (`assign_replicas` never mixes the two).
pub fn rack_alternated_list(brokers: &[BrokerPlacement]) -> Vec<u32> {
    alternate_racks(brokers.iter().filter_map(|b| Some((b.id, b.rack.as_deref()?))))
}

fn alternate_racks<'a>(brokers: impl IntoIterator<Item = (u32, &'a str)>) -> Vec<u32> {
    let mut by_rack: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, rack) in brokers {
        by_rack.entry(rack).or_default().push(id);
    }
    // Kafka sorts rack names with String.compareTo (UTF-16 order) and &str sorts by
    // bytes (code point order); the two agree except for characters above U+FFFF.
    by_rack.values_mut().for_each(sort_ids);
    let rounds = by_rack.values().map(Vec::len).max().unwrap_or(0);
    // Kafka cycles an iterator per rack, skipping exhausted racks; taking the i-th
    // broker of every rack that has one, round by round, yields the same list.
    let mut list = Vec::new();
    for round in 0..rounds {
        list.extend(by_rack.values().filter_map(|ids| ids.get(round)));
    }
    list
}

/// Index of the follower `j` of a partition whose first replica sits at `first`.
/// Kafka's `replicaIndex`: `(first + 1 + (shift + j) % (n - 1)) % n`. The `1 +` and the
/// `% (n - 1)` keep the follower off `first`; the shift grows with every full round of
/// leaders so later rounds pair each leader with different followers.
fn replica_index(first: u64, shift: u64, j: u64, n: u64) -> u64 {
    debug_assert!(n >= 2, "followers need at least 2 brokers");
    (first + 1 + (shift + j) % (n - 1)) % n
}

/// Kafka's `assignReplicasToBrokersRackUnaware`, over ids sorted by broker id.
/// u64 arithmetic: Kafka's int math never overflows for the values it draws, and
/// neither does this for any u32 inputs.
fn assign_plain(ids: &[u32], partitions: u32, rf: u32, start_index: u32, shift: u32) -> Vec<Vec<u32>> {
    let n = ids.len() as u64;
    let mut next_shift = u64::from(shift);
    let mut assignment = Vec::with_capacity(partitions as usize);
    for p in 0..u64::from(partitions) {
        // A new round of leaders starts: shift the followers (Kafka's
        // `currentPartitionId > 0 && currentPartitionId % n == 0`).
        if p > 0 && p % n == 0 {
            next_shift += 1;
        }
        let first = (p + u64::from(start_index)) % n;
        let mut replicas = Vec::with_capacity(rf as usize);
        replicas.push(ids[first as usize]);
        for j in 0..u64::from(rf - 1) {
            replicas.push(ids[replica_index(first, next_shift, j, n) as usize]);
        }
        assignment.push(replicas);
    }
    assignment
}

/// The rack-aware path's view of the cluster: the rack-alternated list and each
/// broker's rack.
struct RackLayout<'a> {
    list: Vec<u32>,
    rack_of: BTreeMap<u32, &'a str>,
    num_racks: usize,
}

impl<'a> RackLayout<'a> {
    /// Every broker must have a rack (checked by the caller).
    fn new(brokers: &[&'a BrokerPlacement]) -> Self {
        // Built by inserting, not `collect()`: see sim::sorting on why the core avoids
        // instantiating std's sort (collecting into a B-tree sorts its input).
        let mut rack_of: BTreeMap<u32, &'a str> = BTreeMap::new();
        for b in brokers {
            if let Some(rack) = b.rack.as_deref() {
                rack_of.insert(b.id, rack);
            }
        }
        let racks: Vec<&str> = rack_of.values().copied().collect();
        let num_racks = racks.iter().enumerate().filter(|(i, rack)| !racks[..*i].contains(rack)).count();
        let list = alternate_racks(rack_of.iter().map(|(&id, &rack)| (id, rack)));
        debug_assert_eq!(list.len(), brokers.len());
        RackLayout { list, rack_of, num_racks }
    }
}

/// Kafka's `assignReplicasToBrokersRackAware`: leaders round-robin over the
/// rack-alternated list; followers walk the same candidate sequence as the plain path
/// (with the shift scaled by the number of racks) but skip a broker whose rack already
/// holds a replica while some rack holds none, and a broker already chosen.
fn assign_rack_aware(layout: &RackLayout, partitions: u32, rf: u32, start_index: u32, shift: u32) -> Vec<Vec<u32>> {
    let n = layout.list.len() as u64;
    let mut next_shift = u64::from(shift);
    let mut assignment = Vec::with_capacity(partitions as usize);
    for p in 0..u64::from(partitions) {
        if p > 0 && p % n == 0 {
            next_shift += 1;
        }
        let first = (p + u64::from(start_index)) % n;
        let leader = layout.list[first as usize];
        let mut replicas = vec![leader];
        let mut racks: BTreeSet<&str> = BTreeSet::new();
        racks.insert(layout.rack_of[&leader]);
        // Kafka's `k` runs on across followers (it is not reset per follower), so the
        // second follower's search starts where the first one's stopped.
        let mut k = 0u64;
        for _ in 1..rf {
            let rack_shift = next_shift * layout.num_racks as u64;
            let broker = next_follower(layout, first, rack_shift, &mut k, &replicas, &racks);
            replicas.push(broker);
            racks.insert(layout.rack_of[&broker]);
        }
        assignment.push(replicas);
    }
    assignment
}

/// The next candidate from position `*k` on that Kafka's loop accepts: its rack is new
/// (or every rack already has a replica) and it is new (or every broker already has
/// one). Advances `*k` past the accepted candidate, as Kafka's `k += 1` does.
fn next_follower(
    layout: &RackLayout,
    first: u64,
    rack_shift: u64,
    k: &mut u64,
    chosen: &[u32],
    chosen_racks: &BTreeSet<&str>,
) -> u32 {
    let n = layout.list.len() as u64;
    // Bounded: n - 1 consecutive k visit every broker but the leader once. While a rack
    // has no replica, its brokers are all unchosen, so one is accepted; once every rack
    // has one, any unchosen broker is, and one exists because rf <= n.
    for _ in 0..n {
        let broker = layout.list[replica_index(first, rack_shift, *k, n) as usize];
        let rack = layout.rack_of[&broker];
        *k += 1;
        let rack_ok = !chosen_racks.contains(rack) || chosen_racks.len() == layout.num_racks;
        let broker_ok = !chosen.contains(&broker) || chosen.len() == layout.list.len();
        if rack_ok && broker_ok {
            return broker;
        }
    }
    unreachable!("rack-aware placement found no follower within {n} candidates")
}

#[cfg(test)]
#[path = "placement_tests.rs"]
mod tests;
