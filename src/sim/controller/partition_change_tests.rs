//! `PartitionChangeBuilder`'s rules, each on a partition alone: replicas [1,2,3], min ISR 2,
//! as KIP-966's worked example runs (fence 3, fence 2, fence 1, then a return).
use super::*;

fn state(isr: &[BrokerId], elr: &[BrokerId], leader: Option<BrokerId>, last_known: Option<BrokerId>) -> PartitionState {
    PartitionState {
        replicas: vec![1, 2, 3],
        isr: isr.to_vec(),
        elr: elr.to_vec(),
        last_known_leader: last_known,
        leader,
        leader_epoch: 0,
        partition_epoch: 0,
        recovering: false,
    }
}

fn remove(old: &PartitionState, broker: BrokerId, elr_enabled: bool) -> ChangeRequest {
    ChangeRequest {
        target_isr: old.isr.iter().copied().filter(|b| *b != broker).collect(),
        election: Election::Online,
        effective_min_isr: 2,
        elr_enabled,
        unclean_shutdown: None,
        leader_recovered: false,
    }
}

/// Brokers in `active` may lead.
fn active(ids: &'static [BrokerId]) -> impl Fn(BrokerId) -> bool {
    move |b| ids.contains(&b)
}

#[test]
fn the_isr_at_min_isr_keeps_the_elr_empty() {
    let old = state(&[1, 2, 3], &[], Some(1), None);
    let change = build(&old, &remove(&old, 3, true), active(&[1, 2])).expect("3 leaves the ISR");
    assert_eq!((change.state.isr, change.state.elr, change.elected), (vec![1, 2], vec![], None));
}

#[test]
fn below_min_isr_the_removed_member_joins_the_elr_and_the_leader_stays() {
    let old = state(&[1, 2], &[], Some(1), None);
    let change = build(&old, &remove(&old, 2, true), active(&[1])).expect("2 leaves the ISR");
    assert_eq!((change.state.isr, change.state.elr), (vec![1], vec![2]));
    assert_eq!((change.state.leader, change.elected), (Some(1), None), "no election: the leader is still valid");
}

#[test]
fn the_last_member_fenced_empties_the_isr_and_is_remembered_as_last_known_leader() {
    let old = state(&[1], &[2], Some(1), None);
    let change = build(&old, &remove(&old, 1, true), active(&[])).expect("1 is fenced");
    let s = change.state;
    assert_eq!((s.isr, s.elr, s.leader, s.last_known_leader), (vec![], vec![1, 2], None, Some(1)));
    assert_eq!(change.elected, Some(ElectionKind::Clean), "the leader changed, to none");
}

#[test]
fn an_elr_member_that_returns_leads_cleanly_and_alone_in_the_isr() {
    let old = state(&[], &[1, 2], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], ..remove(&old, 0, true) };
    let change = build(&old, &request, active(&[2])).expect("2 unfenced");
    let s = change.state;
    assert_eq!((s.leader, s.isr, s.elr, s.last_known_leader), (Some(2), vec![2], vec![1], None));
    assert_eq!(change.elected, Some(ElectionKind::Elr));
}

#[test]
fn an_unclean_restart_leaves_the_elr_but_not_the_last_known_leader() {
    let old = state(&[], &[1, 2], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], unclean_shutdown: Some(1), ..remove(&old, 0, true) };
    let change = build(&old, &request, active(&[])).expect("1 re-registers after an unclean shutdown");
    assert_eq!((change.state.elr, change.state.last_known_leader), (vec![2], Some(1)));
}

#[test]
fn with_isr_and_elr_empty_the_last_known_leader_leads_as_an_unclean_choice() {
    let old = state(&[], &[], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], ..remove(&old, 0, true) };
    let change = build(&old, &request, active(&[1, 3])).expect("1 is back");
    let s = change.state;
    assert_eq!((s.leader, s.isr, s.last_known_leader), (Some(1), vec![1], None));
    assert_eq!(change.elected, Some(ElectionKind::LastKnownLeader));
}

#[test]
fn the_last_known_leader_waits_while_an_elr_member_might_return() {
    let old = state(&[], &[2], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], ..remove(&old, 0, true) };
    assert_eq!(build(&old, &request, active(&[1])), None, "2 is fenced and still eligible: nobody leads");
}

#[test]
fn without_elr_the_last_member_stays_in_the_isr_and_the_partition_goes_offline() {
    let old = state(&[1], &[], Some(1), None);
    let change = build(&old, &remove(&old, 1, false), active(&[2, 3])).expect("1 is fenced");
    let s = change.state;
    assert_eq!((s.isr, s.elr, s.leader, s.last_known_leader), (vec![1], vec![], None, None));
}

#[test]
fn an_unclean_election_takes_the_first_live_replica_and_clears_the_elr() {
    // `electAnyLeader` step 4: with unclean election, a fenced ELR member does not hold it up.
    let old = state(&[], &[1], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], election: Election::Unclean, ..remove(&old, 0, true) };
    let change = build(&old, &request, active(&[3])).expect("3 is live");
    let s = change.state;
    assert_eq!((s.leader, s.isr, s.elr, s.last_known_leader), (Some(3), vec![3], vec![], None));
    assert_eq!(change.elected, Some(ElectionKind::Unclean));
    let online = ChangeRequest { election: Election::Online, ..request };
    assert_eq!(build(&old, &online, active(&[3])), None, "without it, 3 waits: 1 may come back");
}

#[test]
fn an_unclean_leader_is_recovering_until_its_alter_partition_says_recovered() {
    // KIP-704: `tryElection` marks an unclean election RECOVERING; a clean change keeps it;
    // the leader's AlterPartition (RECOVERED, as `makeLeader` marked it) ends it.
    let old = state(&[], &[], None, None);
    let unclean = ChangeRequest { target_isr: vec![], election: Election::Unclean, ..remove(&old, 0, false) };
    let elected = build(&old, &unclean, active(&[3])).expect("3 is live").state;
    assert!(elected.recovering);
    let elr_change = ChangeRequest { target_isr: vec![3], ..remove(&elected, 0, true) };
    assert_eq!(build(&elected, &elr_change, active(&[3])), None, "nothing else changes it");
    let expand = ChangeRequest { target_isr: vec![3, 1], leader_recovered: true, ..remove(&elected, 0, true) };
    let recovered = build(&elected, &expand, active(&[1, 3])).expect("the ISR grows").state;
    assert_eq!((recovered.isr, recovered.recovering), (vec![3, 1], false));
}

#[test]
fn a_last_known_leader_election_is_recovering_too() {
    let old = state(&[], &[], None, Some(1));
    let request = ChangeRequest { target_isr: vec![], ..remove(&old, 0, true) };
    let change = build(&old, &request, active(&[1])).expect("1 is back");
    assert_eq!((change.state.leader, change.state.recovering), (Some(1), true));
}

#[test]
fn a_preferred_election_moves_the_leader_to_replica_0_only_when_it_is_in_sync() {
    let old = state(&[1, 2, 3], &[], Some(2), None);
    let preferred =
        ChangeRequest { election: Election::Preferred, target_isr: old.isr.clone(), ..remove(&old, 0, true) };
    let change = build(&old, &preferred, active(&[1, 2, 3])).expect("1 is in sync");
    assert_eq!((change.state.leader, change.elected), (Some(1), Some(ElectionKind::Preferred)));
    let out_of_sync = state(&[2, 3], &[], Some(2), None);
    let preferred = ChangeRequest { target_isr: out_of_sync.isr.clone(), ..preferred };
    assert_eq!(build(&out_of_sync, &preferred, active(&[1, 2, 3])), None, "PREFERRED_LEADER_NOT_AVAILABLE");
}
