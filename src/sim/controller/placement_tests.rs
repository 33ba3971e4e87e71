//! Kafka's own placement tests (AdminRackAwareTest, AdminUtilsTest, RackAwareTest) and
//! the playground's, for `placement.rs`: exact assignments where Kafka's tests give them,
//! their balance and rack-spread properties otherwise.
use super::*;

fn plain(ids: &[u32]) -> Vec<BrokerPlacement> {
    ids.iter().map(|&id| BrokerPlacement { id, rack: None }).collect()
}

fn racked(map: &[(u32, &str)]) -> Vec<BrokerPlacement> {
    map.iter().map(|&(id, rack)| BrokerPlacement { id, rack: Some(rack.to_string()) }).collect()
}

fn rack_of(brokers: &[BrokerPlacement], id: u32) -> &str {
    brokers.iter().find(|b| b.id == id).and_then(|b| b.rack.as_deref()).expect("broker has a rack")
}

/// Kafka's `RackAwareTest.checkReplicaDistribution` / `assertReplicaDistribution`:
/// no broker twice in a partition, always; optionally every replica on its own rack,
/// the same leader count on every broker, the same replica count on every broker.
fn check_distribution(
    assignment: &[Vec<u32>],
    brokers: &[BrokerPlacement],
    rf: u32,
    (rack_aware, leaders_even, replicas_even): (bool, bool, bool),
) {
    let partitions = assignment.len();
    let mut leader_count: BTreeMap<u32, usize> = BTreeMap::new();
    let mut replica_count: BTreeMap<u32, usize> = BTreeMap::new();
    for replicas in assignment {
        assert_eq!(replicas.len(), rf as usize, "{replicas:?}");
        let distinct: BTreeSet<u32> = replicas.iter().copied().collect();
        assert_eq!(distinct.len(), replicas.len(), "a broker twice in {replicas:?}");
        *leader_count.entry(replicas[0]).or_default() += 1;
        for &b in replicas {
            *replica_count.entry(b).or_default() += 1;
        }
        if rack_aware {
            let racks: BTreeSet<&str> = replicas.iter().map(|&b| rack_of(brokers, b)).collect();
            assert_eq!(racks.len(), rf as usize, "two replicas on one rack in {replicas:?}");
        }
    }
    let n = brokers.len();
    if leaders_even {
        assert_eq!(leader_count.len(), n, "some broker leads nothing: {leader_count:?}");
        assert!(leader_count.values().all(|&c| c == partitions / n), "{leader_count:?}");
    }
    if replicas_even {
        let per_broker = partitions * rf as usize / n;
        assert_eq!(replica_count.len(), n, "some broker holds nothing: {replica_count:?}");
        assert!(replica_count.values().all(|&c| c == per_broker), "{replica_count:?}");
    }
}

/// Every (start, shift) Kafka's `RAND.nextInt(n)` could draw, for the tests that
/// Kafka runs with a random start: they must pass whatever the draw.
fn for_every_draw(n: u32, mut check: impl FnMut(u32, u32)) {
    for start in 0..n {
        for shift in 0..n {
            check(start, shift);
        }
    }
}

fn distinct_racks(assignment: &[Vec<u32>], brokers: &[BrokerPlacement]) -> Vec<usize> {
    assignment.iter().map(|r| r.iter().map(|&b| rack_of(brokers, b)).collect::<BTreeSet<_>>().len()).collect()
}

// ---- plain (no racks) ----

#[test]
fn kafka_admin_test_replica_assignment() {
    // AdminTest / AdminRackAwareTest.testReplicaAssignment: brokers 0..4, 10
    // partitions, rf 3, fixed start 0 (also the table in AdminUtils' Javadoc).
    let got = assign_replicas(&plain(&[0, 1, 2, 3, 4]), 10, 3, 0, 0).unwrap();
    let expected = vec![
        vec![0, 1, 2],
        vec![1, 2, 3],
        vec![2, 3, 4],
        vec![3, 4, 0],
        vec![4, 0, 1],
        vec![0, 2, 3],
        vec![1, 3, 4],
        vec![2, 4, 0],
        vec![3, 0, 1],
        vec![4, 1, 2],
    ];
    assert_eq!(got, expected);
}

#[test]
fn playground_brokers_numbered_from_one() {
    // The playground numbers brokers from 1: same layout, ids shifted by one.
    let got = assign_replicas(&plain(&[1, 2, 3, 4, 5]), 10, 3, 0, 0).unwrap();
    assert_eq!(got[0], vec![1, 2, 3]);
    assert_eq!(got[3], vec![4, 5, 1]);
    assert_eq!(got[5], vec![1, 3, 4]);
    assert_eq!(got[9], vec![5, 2, 3]);
    let zero_based = assign_replicas(&plain(&[0, 1, 2, 3, 4]), 10, 3, 0, 0).unwrap();
    let shifted: Vec<Vec<u32>> = zero_based.iter().map(|r| r.iter().map(|b| b + 1).collect()).collect();
    assert_eq!(got, shifted);
}

#[test]
fn brokers_are_sorted_by_id_inside() {
    let sorted = assign_replicas(&plain(&[1, 2, 3, 4, 5]), 7, 2, 3, 1).unwrap();
    let shuffled = assign_replicas(&plain(&[4, 1, 5, 3, 2]), 7, 2, 3, 1).unwrap();
    assert_eq!(sorted, shuffled);
}

#[test]
fn start_and_shift_move_leaders_and_followers() {
    // start=2, shift=1 by hand: first = (p + 2) % 5; follower j at
    // first + 1 + (shift + j) % 4, and shift becomes 2 at partition 5.
    let got = assign_replicas(&plain(&[1, 2, 3, 4, 5]), 6, 3, 2, 1).unwrap();
    assert_eq!(got[0], vec![3, 5, 1]);
    assert_eq!(got[1], vec![4, 1, 2]);
    assert_eq!(got[4], vec![2, 4, 5]);
    assert_eq!(got[5], vec![3, 1, 2]);
}

#[test]
fn fixed_start_larger_than_broker_count_wraps() {
    // Kafka takes any fixedStartIndex >= 0 and reduces it modulo n.
    let got = assign_replicas(&plain(&[1, 2, 3]), 4, 2, 7, 7).unwrap();
    let leaders: Vec<u32> = got.iter().map(|r| r[0]).collect();
    assert_eq!(leaders, vec![2, 3, 1, 2]);
    check_distribution(&got, &plain(&[1, 2, 3]), 2, (false, false, false));
}

#[test]
fn plain_sweep_is_always_valid() {
    for n in 1..=7u32 {
        let brokers = plain(&(1..=n).collect::<Vec<_>>());
        for rf in 1..=n {
            for_every_draw(n, |start, shift| {
                let got = assign_replicas(&brokers, 3 * n, rf, start, shift).unwrap();
                // Leaders round-robin, so 3n partitions give each broker 3; followers
                // are balanced too (Kafka's goal 1).
                check_distribution(&got, &brokers, rf, (false, true, true));
            });
        }
    }
}

#[test]
fn single_broker_rf_one() {
    assert_eq!(assign_replicas(&plain(&[7]), 3, 1, 0, 0).unwrap(), vec![vec![7]; 3]);
    assert_eq!(assign_replicas(&racked(&[(7, "a")]), 2, 1, 0, 0).unwrap(), vec![vec![7]; 2]);
}

// ---- rack-alternated list ----

#[test]
fn kafka_rack_alternated_list() {
    // AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers.
    let map = [(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2"), (4, "rack2"), (5, "rack1")];
    assert_eq!(rack_alternated_list(&racked(&map)), vec![0, 3, 1, 5, 4, 2]);
    assert_eq!(rack_alternated_list(&racked(&map[..5])), vec![0, 3, 1, 4, 2]);
    // AdminUtils' Javadoc example.
    let nine = [
        (0, "rack1"),
        (1, "rack1"),
        (2, "rack1"),
        (3, "rack2"),
        (4, "rack2"),
        (5, "rack2"),
        (6, "rack3"),
        (7, "rack3"),
        (8, "rack3"),
    ];
    assert_eq!(rack_alternated_list(&racked(&nine)), vec![0, 3, 6, 1, 4, 7, 2, 5, 8]);
}

// ---- rack-aware: AdminRackAwareTest ----

#[test]
fn kafka_rack_aware_exact_assignment() {
    // AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers:
    // 7 partitions, rf 3, fixed start 0; partition 6 starts a new round, so its
    // followers shift (0,4,2 rather than 0,3,1).
    let map = [(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2"), (4, "rack2"), (5, "rack1")];
    let got = assign_replicas(&racked(&map), 7, 3, 0, 0).unwrap();
    let expected =
        vec![vec![0, 3, 1], vec![3, 1, 5], vec![1, 5, 4], vec![5, 4, 2], vec![4, 2, 0], vec![2, 0, 3], vec![0, 4, 2]];
    assert_eq!(got, expected);
}

const SIX: [(u32, &str); 6] = [(0, "rack1"), (1, "rack2"), (2, "rack2"), (3, "rack3"), (4, "rack3"), (5, "rack1")];

#[test]
fn kafka_assignment_with_rack_aware() {
    // testAssignmentWithRackAware (fixed start 2) and ...WithRandomStartIndex.
    let brokers = racked(&SIX);
    let got = assign_replicas(&brokers, 6, 3, 2, 2).unwrap();
    check_distribution(&got, &brokers, 3, (true, true, true));
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 6, 3, start, shift).unwrap();
        check_distribution(&got, &brokers, 3, (true, true, true));
    });
}

#[test]
fn kafka_rack_aware_uneven_replicas() {
    // testAssignmentWithRackAwareWithUnevenReplicas: 13 partitions, fixed start 0.
    let brokers = racked(&SIX);
    let got = assign_replicas(&brokers, 13, 3, 0, 0).unwrap();
    check_distribution(&got, &brokers, 3, (true, false, false));
}

#[test]
fn kafka_rack_aware_uneven_racks() {
    // testAssignmentWithRackAwareWithUnevenRacks: rack1 has 3 brokers, rack2 one.
    let brokers = racked(&[(0, "rack1"), (1, "rack1"), (2, "rack2"), (3, "rack3"), (4, "rack3"), (5, "rack1")]);
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 12, 3, start, shift).unwrap();
        check_distribution(&got, &brokers, 3, (true, true, false));
    });
}

#[test]
fn kafka_two_replicas_rack_aware() {
    // testAssignmentWith2ReplicasRackAware (12 partitions) and ...With6Partitions
    // (the Java test uses ids 6..11 there).
    let brokers = racked(&SIX);
    let high: Vec<(u32, &str)> = SIX.iter().map(|&(id, r)| (id + 6, r)).collect();
    let high = racked(&high);
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 12, 2, start, shift).unwrap();
        check_distribution(&got, &brokers, 2, (true, true, true));
        let got = assign_replicas(&high, 6, 2, start, shift).unwrap();
        check_distribution(&got, &high, 2, (true, true, true));
    });
}

#[test]
fn kafka_two_replicas_three_brokers() {
    // testAssignmentWith2ReplicasRackAwareWith6PartitionsAnd3Brokers.
    let brokers = racked(&[(0, "rack1"), (1, "rack2"), (4, "rack3")]);
    for_every_draw(3, |start, shift| {
        let got = assign_replicas(&brokers, 3, 2, start, shift).unwrap();
        check_distribution(&got, &brokers, 2, (true, true, true));
    });
}

#[test]
fn kafka_large_number_of_partitions() {
    // testLargeNumberPartitionsAssignment: 12 brokers, 96 partitions, rf 3.
    let brokers = racked(&[
        (0, "rack1"),
        (1, "rack2"),
        (2, "rack2"),
        (3, "rack3"),
        (4, "rack3"),
        (5, "rack1"),
        (6, "rack1"),
        (7, "rack2"),
        (8, "rack2"),
        (9, "rack3"),
        (10, "rack1"),
        (11, "rack3"),
    ]);
    for_every_draw(12, |start, shift| {
        let got = assign_replicas(&brokers, 96, 3, start, shift).unwrap();
        check_distribution(&got, &brokers, 3, (true, true, true));
    });
}

const SIX_B: [(u32, &str); 6] = [(0, "rack1"), (1, "rack2"), (2, "rack2"), (3, "rack3"), (4, "rack3"), (5, "rack2")];

#[test]
fn kafka_more_replicas_than_racks() {
    // testMoreReplicasThanRacks: rf 5 over 3 racks; every partition spans all 3.
    let brokers = racked(&SIX_B);
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 6, 5, start, shift).unwrap();
        check_distribution(&got, &brokers, 5, (false, false, false));
        assert_eq!(distinct_racks(&got, &brokers), vec![3; 6]);
    });
}

#[test]
fn kafka_less_replicas_than_racks() {
    // testLessReplicasThanRacks: rf 2 over 3 racks; every partition spans 2.
    let brokers = racked(&SIX_B);
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 6, 2, start, shift).unwrap();
        check_distribution(&got, &brokers, 2, (true, false, false));
        assert_eq!(distinct_racks(&got, &brokers), vec![2; 6]);
    });
}

#[test]
fn kafka_single_rack() {
    // testSingleRack: one rack; each broker leads exactly one of 6 partitions.
    let brokers = racked(&[(0, "rack1"), (1, "rack1"), (2, "rack1"), (3, "rack1"), (4, "rack1"), (5, "rack1")]);
    for_every_draw(6, |start, shift| {
        let got = assign_replicas(&brokers, 6, 3, start, shift).unwrap();
        check_distribution(&got, &brokers, 3, (false, true, false));
        assert_eq!(distinct_racks(&got, &brokers), vec![1; 6]);
    });
}

#[test]
fn kafka_skip_broker_with_replica_already_assigned() {
    // testSkipBrokerWithReplicaAlreadyAssigned: rf 4 over racks a,b,c (a has 3
    // brokers), fixed start 2: once all racks hold a replica the walk must still
    // skip brokers already chosen. Alternated list: 0(a) 1(b) 2(c) 3(a) 4(a).
    let brokers = racked(&[(0, "a"), (1, "b"), (2, "c"), (3, "a"), (4, "a")]);
    let got = assign_replicas(&brokers, 6, 4, 2, 2).unwrap();
    check_distribution(&got, &brokers, 4, (false, false, false));
    // Partition 0 by hand: leader list[2]=2(c); shift 2*3=6, candidates
    // list[(2+1+(6+k)%4)%5] for k=0..: k0 -> list[0]=0(a) new rack, take;
    // k1 -> list[1]=1(b) take; k2 -> list[3]=3(a): every rack holds one now, take.
    assert_eq!(got[0], vec![2, 0, 1, 3]);
    // Partition 2 (leader 4, a) walks k=0: 2(c) take; k1: 3(a) and k2: 0(a) skipped,
    // rack a held while b is not; k3: 1(b) take; k4: 2 skipped, already chosen;
    // k5: 3(a) take. Kafka's test checks only distinctness; the whole assignment
    // below was traced through Kafka's loop by hand and by a line-by-line transcript.
    let expected = vec![
        vec![2, 0, 1, 3],
        vec![3, 1, 2, 4],
        vec![4, 2, 1, 3],
        vec![0, 1, 2, 3],
        vec![1, 4, 2, 3],
        vec![2, 4, 1, 3],
    ];
    assert_eq!(got, expected);
    assert_eq!(distinct_racks(&got, &brokers), vec![3; 6]);
}

#[test]
fn rack_aware_sweep_spans_min_rf_racks() {
    // Every rack layout here, every rf, every draw: replicas distinct, and each
    // partition spans min(rf, racks) racks (Kafka's Javadoc guarantee).
    let layouts: [&[(u32, &str)]; 4] = [
        &SIX,
        &SIX_B,
        &[(1, "x"), (2, "y"), (3, "x"), (4, "y"), (5, "z")],
        &[(1, "east"), (2, "east"), (3, "east"), (4, "west")],
    ];
    for layout in layouts {
        let brokers = racked(layout);
        let n = brokers.len() as u32;
        let racks = brokers.iter().map(|b| b.rack.clone()).collect::<BTreeSet<_>>().len();
        for rf in 1..=n {
            for_every_draw(n, |start, shift| {
                let got = assign_replicas(&brokers, 2 * n + 1, rf, start, shift).unwrap();
                check_distribution(&got, &brokers, rf, (false, false, false));
                let want = (rf as usize).min(racks);
                assert!(distinct_racks(&got, &brokers).iter().all(|&r| r == want));
            });
        }
    }
}

// ---- errors ----

#[test]
fn kafka_invalid_parameters() {
    // AdminRackAwareTest.testAssignReplicasToBrokersWithInvalidParameters and
    // testReplicaAssignment: brokers 0..3 with racks, 4 without.
    let mut brokers = racked(&[(0, "rack1"), (1, "rack3"), (2, "rack3"), (3, "rack2")]);
    brokers.push(BrokerPlacement { id: 4, rack: None });
    assert_eq!(assign_replicas(&brokers, 0, 0, 0, 0), Err(PlacementError::NoPartitions));
    assert_eq!(
        assign_replicas(&brokers, 10, 0, 0, 0),
        Err(PlacementError::InvalidReplicationFactor { rf: 0, brokers: 5 })
    );
    assert_eq!(
        assign_replicas(&brokers, 10, 6, 0, 0),
        Err(PlacementError::InvalidReplicationFactor { rf: 6, brokers: 5 })
    );
    assert_eq!(assign_replicas(&brokers, 10, 5, 0, 0), Err(PlacementError::PartialRackInfo { without_rack: vec![4] }));
    let five = plain(&[0, 1, 2, 3, 4]);
    assert!(matches!(
        assign_replicas(&five, 10, 6, 0, 0),
        Err(PlacementError::InvalidReplicationFactor { rf: 6, brokers: 5 })
    ));
    assert_eq!(assign_replicas(&[], 1, 1, 0, 0), Err(PlacementError::InvalidReplicationFactor { rf: 1, brokers: 0 }));
}

#[test]
fn error_messages_are_plain_language() {
    let msg = |e: PlacementError| e.to_string();
    assert_eq!(msg(PlacementError::NoPartitions), "a topic needs at least 1 partition");
    assert_eq!(
        msg(PlacementError::InvalidReplicationFactor { rf: 4, brokers: 3 }),
        "replication factor 4 is larger than the 3 available brokers"
    );
    assert_eq!(
        msg(PlacementError::InvalidReplicationFactor { rf: 2, brokers: 1 }),
        "replication factor 2 is larger than the 1 available broker"
    );
    assert_eq!(
        msg(PlacementError::InvalidReplicationFactor { rf: 0, brokers: 3 }),
        "the replication factor must be at least 1"
    );
    assert_eq!(
        msg(PlacementError::PartialRackInfo { without_rack: vec![4] }),
        "broker 4 has no rack while other brokers have one: give every broker a rack, or none"
    );
    assert_eq!(
        msg(PlacementError::PartialRackInfo { without_rack: vec![2, 5] }),
        "brokers 2, 5 have no rack while other brokers have one: give every broker a rack, or none"
    );
}
