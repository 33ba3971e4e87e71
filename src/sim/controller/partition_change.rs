//! One change to a partition as the KRaft controller builds it (Kafka's
//! `PartitionChangeBuilder`, 4.1): given the ISR the controller wants, it works out the
//! Eligible Leader Replicas (KIP-966), elects a leader if one is needed, and gives the new
//! state, or nothing when nothing changes. Pure: the controller passes in who may lead.
//!
//! The order is `PartitionChangeBuilder.build`'s: populate the ELR from the old ISR
//! (`maybePopulateTargetElr`), elect (`electLeader`, `tryElection`), then fix the ELR and
//! the ISR to write (`maybeUpdateRecordElr`) and the last known leader
//! (`maybeUpdateLastKnownLeader`, 4.1.1).
use crate::sim::event::ElectionKind;
use crate::sim::ids::BrokerId;
use crate::sim::metadata::PartitionState;

/// Which election `PartitionChangeBuilder` runs (`PartitionChangeBuilder.Election`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Election {
    /// Keep a valid leader, else the first valid replica (ISR; ELR when the ISR is empty),
    /// else the last known leader.
    Online,
    /// As `Online`, then any acceptable replica in assignment order
    /// (`unclean.leader.election.enable`, or `kafka-leader-election --election-type unclean`).
    Unclean,
    /// Replica 0 first (`kafka-leader-election --election-type preferred`, auto rebalance).
    Preferred,
}
crate::codec!(
    enum Election {
        Online = 0,
        Unclean = 1,
        Preferred = 2,
    }
);

/// What the controller asks of one partition.
#[derive(Clone, Debug)]
pub struct ChangeRequest {
    /// The ISR it wants (the old one minus a fenced, stopping or restarted broker, or a
    /// leader's AlterPartition).
    pub target_isr: Vec<BrokerId>,
    pub election: Election,
    /// `min(min.insync.replicas, replicas)` (`getTopicEffectiveMinIsr`).
    pub effective_min_isr: usize,
    /// `eligible.leader.replicas.version` ≥ 1.
    pub elr_enabled: bool,
    /// A broker back from an unclean shutdown: it leaves the ELR too (`handleBrokerShutdown`).
    pub unclean_shutdown: Option<BrokerId>,
    /// The leader says it has recovered from an unclean election (an AlterPartition carrying
    /// `LeaderRecoveryState.RECOVERED`: `setTargetLeaderRecoveryState`). Other requests leave
    /// the partition's recovery state as it is.
    pub leader_recovered: bool,
}
crate::codec!(struct ChangeRequest { target_isr, election, effective_min_isr, elr_enabled, unclean_shutdown, leader_recovered });

/// The partition's new state and how its leader was chosen, if it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub state: PartitionState,
    /// `Some` when the leader changed.
    pub elected: Option<ElectionKind>,
}
crate::codec!(struct Change { state, elected });

/// How the election went (`ElectionResult`): the node, and whether it was unclean.
struct Elected {
    leader: Option<BrokerId>,
    unclean: bool,
}

/// Builds the change; `acceptable(b)` says whether `b` may lead (registered, unfenced, not
/// shutting down, not the broker being removed: `isAcceptableLeader`). `None` when the
/// partition would stay as it is. Epochs are the caller's to bump.
pub fn build(old: &PartitionState, request: &ChangeRequest, acceptable: impl Fn(BrokerId) -> bool) -> Option<Change> {
    let mut isr = request.target_isr.clone();
    let mut elr = target_elr(old, request, &isr);
    let elected = elect(old, request.election, &isr, &elr, request.elr_enabled, &acceptable);
    let leader_changed = elected.leader != old.leader;
    let mut unclean_isr = false;
    if leader_changed {
        if let Some(leader) = elected.leader.filter(|l| elr.contains(l)) {
            isr = vec![leader]; // an ELR member leads cleanly; the rest of the ELR stays
            elr.retain(|b| *b != leader);
        }
        if let (true, Some(leader)) = (elected.unclean, elected.leader) {
            isr = vec![leader];
            unclean_isr = true;
        }
    }
    if unclean_isr || !request.elr_enabled {
        elr.clear();
    }
    if isr.is_empty() && !request.elr_enabled {
        isr = old.isr.clone(); // without ELR an ISR never becomes empty: its last member stays
    }
    let last_known_leader = last_known_leader(old, leader_changed.then_some(elected.leader), request.elr_enabled);
    let recovering = recovering_after(old, request, unclean_isr);
    let state = PartitionState { isr, elr, last_known_leader, leader: elected.leader, recovering, ..old.clone() };
    if state == *old {
        return None;
    }
    let elected = leader_changed.then(|| kind_of(&elected, old, request.election));
    Some(Change { state, elected })
}

/// `LeaderRecoveryState` (KIP-704): an unclean election marks the partition RECOVERING
/// (`tryElection`); the leader's AlterPartition, which says RECOVERED, clears it (`build`
/// sets the target state last). A clean election leaves it as it was.
fn recovering_after(old: &PartitionState, request: &ChangeRequest, unclean_election: bool) -> bool {
    if unclean_election {
        return true;
    }
    old.recovering && !request.leader_recovered
}

/// `maybePopulateTargetElr`: with the ISR at or above the effective min ISR, no ELR; below
/// it, every member of the old ISR or ELR that is not in the new ISR (the HW never passed
/// a record they lack while the ISR was under min ISR: `maybeIncrementLeaderHW`), except a
/// broker back from an unclean shutdown. Sorted by id, as Kafka's set iterates small ids.
fn target_elr(old: &PartitionState, request: &ChangeRequest, isr: &[BrokerId]) -> Vec<BrokerId> {
    if !request.elr_enabled || isr.len() >= request.effective_min_isr {
        return Vec::new();
    }
    let mut elr: Vec<BrokerId> = (old.elr.iter().chain(&old.isr))
        .copied()
        .filter(|b| !isr.contains(b) && Some(*b) != request.unclean_shutdown)
        .collect();
    crate::sim::sorting::sort_ids(&mut elr);
    elr.dedup();
    elr
}

/// `electLeader`: who leads after the change.
fn elect(
    old: &PartitionState,
    election: Election,
    isr: &[BrokerId],
    elr: &[BrokerId],
    elr_enabled: bool,
    acceptable: &impl Fn(BrokerId) -> bool,
) -> Elected {
    // `isValidNewLeader`: in the ISR, or in the ELR when the ISR is empty, and acceptable.
    let valid = |b: BrokerId| (isr.contains(&b) || (isr.is_empty() && elr.contains(&b))) && acceptable(b);
    let clean = |leader| Elected { leader: Some(leader), unclean: false };
    let current = old.leader.filter(|l| valid(*l));
    let preferred = old.replicas.first().copied().filter(|p| valid(*p));
    let first_valid = old.replicas.iter().copied().find(|b| valid(*b));
    let chosen = match election {
        Election::Preferred => preferred.or(current).or(first_valid),
        Election::Online | Election::Unclean => current.or(first_valid),
    };
    if let Some(leader) = chosen {
        return clean(leader);
    }
    // `canElectLastKnownLeader` (4.1.0+, KAFKA-19522): ISR and ELR both empty, and the
    // one last known leader may lead. It may have missed records: an unclean-style choice.
    let last_known =
        old.last_known_leader.filter(|l| elr_enabled && isr.is_empty() && elr.is_empty() && acceptable(*l));
    if let Some(leader) = last_known {
        return Elected { leader: Some(leader), unclean: true };
    }
    if election == Election::Unclean {
        if let Some(leader) = old.replicas.iter().copied().find(|b| acceptable(*b)) {
            return Elected { leader: Some(leader), unclean: true };
        }
    }
    Elected { leader: None, unclean: false }
}

/// `maybeUpdateLastKnownLeader` (4.1.1): the leader the partition had when it went
/// leaderless, kept until it has a leader again. `new_leader` is `Some` when the leader
/// changed in this record.
fn last_known_leader(
    old: &PartitionState,
    new_leader: Option<Option<BrokerId>>,
    elr_enabled: bool,
) -> Option<BrokerId> {
    if !elr_enabled {
        return None;
    }
    match new_leader {
        Some(None) if old.last_known_leader.is_none() => old.leader,
        Some(Some(_)) => None,
        _ => old.last_known_leader,
    }
}

fn kind_of(elected: &Elected, old: &PartitionState, election: Election) -> ElectionKind {
    match (elected.leader, elected.unclean) {
        (Some(leader), true) if Some(leader) == old.last_known_leader => ElectionKind::LastKnownLeader,
        (_, true) => ElectionKind::Unclean,
        (Some(leader), false) if old.elr.contains(&leader) && !old.isr.contains(&leader) => ElectionKind::Elr,
        _ if election == Election::Preferred => ElectionKind::Preferred,
        (None, _) => ElectionKind::Clean,
        (Some(_), false) if old.leader.is_none() => ElectionKind::Recovered,
        _ => ElectionKind::Clean,
    }
}

#[cfg(test)]
#[path = "partition_change_tests.rs"]
mod tests;
