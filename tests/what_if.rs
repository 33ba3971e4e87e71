//! "What if these brokers fail?" (script::what_if): the answer is a run of the simulator on a
//! copy, and the cluster asked about is left as it was.
use replication_playground::script::session::Session;
use replication_playground::script::what_if::what_if;

fn session(script: &str) -> Session {
    Session::from_script(script).expect("the script runs")
}

#[test]
fn a_leader_moves_to_the_next_in_sync_replica_and_two_failures_leave_writes_under_min_isr() {
    let s = session("brokers 3\ntopic create orders partitions=3 rf=3 min-isr=2 start=0\nrun 1s\n");
    let one = what_if(s.cluster(), &[1]).unwrap();
    let orders0 = one.partitions.iter().find(|p| p.partition == "orders-0").expect("orders-0 changes");
    assert_eq!((orders0.leader_before, orders0.leader_after), (Some(1), Some(2)));
    assert!(!orders0.under_min_isr() && !orders0.offline());
    assert!(one.report().contains("orders-0: leader 1 → 2, ISR [2,3]"), "{}", one.report());
    let two = what_if(s.cluster(), &[1, 2]).unwrap();
    assert!(two.partitions.iter().all(|p| p.leader_after == Some(3) && p.under_min_isr()), "{two:?}");
    assert!(two.report().contains("NOT_ENOUGH_REPLICAS"));
    assert_eq!(s.cluster().view().partitions[0].leader, Some(1), "the cluster asked about is untouched");
}

#[test]
fn an_offline_partition_says_what_an_unclean_election_would_lose() {
    let script =
        "brokers 3\ntopic create pair partitions=1 rf=2 min-isr=1 replicas=1,3\nrun 1s\npause-fetch broker 3\nrun 1s\n\
                  produce pair-0 p1 acks=1\nproduce pair-0 p2 acks=1\nrun 60s\n";
    let s = session(script);
    let answer = what_if(s.cluster(), &[1]).unwrap();
    let pair = &answer.partitions[0];
    assert!(pair.offline());
    assert_eq!(pair.unclean, Some((3, vec!["p1".to_string(), "p2".to_string()])));
    assert!(answer.report().contains("lose 2 acknowledged records: p1, p2"), "{}", answer.report());
    let both = what_if(s.cluster(), &[1, 3]).unwrap();
    assert_eq!(both.partitions[0].unclean, None);
    assert!(both.report().contains("none is alive"));
}

#[test]
fn a_broker_that_cannot_fail_is_an_error() {
    let s = session("brokers 3\n");
    assert!(what_if(s.cluster(), &[]).is_err());
    assert!(what_if(s.cluster(), &[9]).unwrap_err().contains("crash broker 9"));
}
