//! Timeline markers: the events worth a tick on the timeline (elections, ISR shrinks and
//! expansions, faults, recoveries and safety violations), each with a label made when the
//! event is recorded, while the cluster knows every name in it.
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, PartitionId};
use crate::sim::observe::promise::{promise_of, Promise};
use crate::sim::{Cluster, Event};

/// Something worth a tick on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub time_ms: u64,
    pub kind: MarkerKind,
    pub label: String,
}
crate::codec!(struct Marker { time_ms, kind, label });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    Election,
    IsrShrink,
    IsrExpand,
    Fault,
    Recovery,
    Violation,
}
crate::codec!(
    enum MarkerKind {
        Election = 0,
        IsrShrink = 1,
        IsrExpand = 2,
        Fault = 3,
        Recovery = 4,
        Violation = 5,
    }
);

/// The timeline marker an event stands for, if any. Labels are made when the event is
/// recorded, while the cluster knows every name in it.
pub(super) fn marker_for(cluster: &Cluster, event: &Event) -> Option<Marker> {
    let name = |partition: &PartitionId| cluster.partition_name(*partition);
    let (kind, label) = match &event.kind {
        EventKind::LeaderElected { partition, leader: Some(leader), epoch, .. } => {
            (MarkerKind::Election, format!("{}: leader {leader}, epoch {epoch}", name(partition)))
        }
        EventKind::LeaderElected { partition, leader: None, epoch, .. } => {
            (MarkerKind::Election, format!("{}: offline, epoch {epoch}", name(partition)))
        }
        EventKind::IsrChanged { partition, from, to } => return isr_marker(event.at, &name(partition), from, to),
        EventKind::ControllerShrankIsr { partition, broker, to, .. } => {
            (MarkerKind::IsrShrink, format!("{}: ISR {} (broker {broker} removed)", name(partition), broker_list(to)))
        }
        EventKind::SafetyViolation(violation) => match promise_of(cluster, violation) {
            Promise::Broken => {
                (MarkerKind::Violation, format!("{} on {}", violation.property.name(), name(&violation.partition)))
            }
            allowed => (MarkerKind::Violation, format!("{}: {}", name(&violation.partition), allowed.label())),
        },
        other => fault_marker(cluster, other)?,
    };
    Some(Marker { time_ms: event.at, kind, label })
}

fn isr_marker(time_ms: u64, partition: &str, from: &[BrokerId], to: &[BrokerId]) -> Option<Marker> {
    let removed = from.iter().any(|b| !to.contains(b));
    let added = to.iter().any(|b| !from.contains(b));
    let kind = match (removed, added) {
        (true, _) => MarkerKind::IsrShrink,
        (false, true) => MarkerKind::IsrExpand,
        (false, false) => return None,
    };
    Some(Marker { time_ms, kind, label: format!("{partition}: ISR {} → {}", broker_list(from), broker_list(to)) })
}

fn fault_marker(cluster: &Cluster, kind: &EventKind) -> Option<(MarkerKind, String)> {
    let link = |a, b| format!("{} ↔ {}", cluster.node_name(a), cluster.node_name(b));
    let marker = match kind {
        EventKind::BrokerCrashed { broker } => (MarkerKind::Fault, format!("broker {broker} crashed")),
        EventKind::BrokerPoweredOff { broker, .. } => (MarkerKind::Fault, format!("broker {broker} powered off")),
        EventKind::BrokerStopped { broker, .. } => (MarkerKind::Fault, format!("broker {broker} stopped")),
        EventKind::ControllerCrashed { node } => (MarkerKind::Fault, format!("controller {node} crashed")),
        EventKind::QuorumLost => (MarkerKind::Fault, "controller quorum lost".to_string()),
        EventKind::BrokerIsolated { broker } => (MarkerKind::Fault, format!("broker {broker} isolated")),
        EventKind::LinkCut { a, b } => (MarkerKind::Fault, format!("cut {}", link(*a, *b))),
        EventKind::FetchPaused { broker } => (MarkerKind::Fault, format!("broker {broker} stopped fetching")),
        EventKind::BrokerRestarted { broker, .. } => (MarkerKind::Recovery, format!("broker {broker} restarted")),
        EventKind::ControllerRestarted { node } => (MarkerKind::Recovery, format!("controller {node} restarted")),
        EventKind::LinkHealed { a, b } => (MarkerKind::Recovery, format!("healed {}", link(*a, *b))),
        EventKind::AllHealed => (MarkerKind::Recovery, "network healed".to_string()),
        EventKind::FetchResumed { broker } => (MarkerKind::Recovery, format!("broker {broker} fetches again")),
        _ => return None,
    };
    Some(marker)
}

fn broker_list(brokers: &[BrokerId]) -> String {
    let items: Vec<String> = brokers.iter().map(BrokerId::to_string).collect();
    format!("[{}]", items.join(","))
}
