//! What the spacetime diagram draws for a partition: one lane per node (its replicas'
//! brokers, the controller, and the clients that talked to them), and the latest messages
//! between those nodes, from the cluster's log of deliveries (`Cluster::recent_messages`)
//! and the messages still on the wire. No yew: tested natively (`ui::mod`).
use crate::sim::ids::NodeId;
use crate::sim::message::MessageKind;
use crate::sim::observe::message_log::{Fate, PastMessage};
use crate::sim::view_detail::MessageView;

/// Delivered (or dropped) messages drawn at most: enough for a fetch round trip or two per
/// replica, few enough that the rows stay readable.
pub const MOST_PAST: usize = 18;
/// Messages on the wire drawn at most.
pub const MOST_IN_FLIGHT: usize = 8;

/// How an arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// With an arrowhead, at its receiver.
    Arrived,
    /// With a cross: the link was cut, or its sender or receiver died.
    Crossed,
    /// Not there yet: dashed, to where it will arrive (a cut link's, to a cross).
    InFlight { doomed: bool },
}

/// One message as the diagram draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceMessage {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: MessageKind,
    pub sent_at: u64,
    pub arrived_at: u64,
    pub ending: Ending,
    pub caption: String,
}

fn heartbeat(kind: MessageKind) -> bool {
    matches!(kind, MessageKind::Heartbeat | MessageKind::HeartbeatResponse)
}

/// The latest messages between `nodes`, as of `now_ms`: the delivered ones (oldest first),
/// then those on the wire. Heartbeats only when asked for, as on the network diagram.
pub fn gather<'a>(
    delivered: impl Iterator<Item = &'a PastMessage>,
    in_flight: &[MessageView],
    nodes: &[NodeId],
    now_ms: u64,
    show_heartbeats: bool,
) -> Vec<SpaceMessage> {
    let wanted = |from: NodeId, to: NodeId, kind| {
        nodes.contains(&from) && nodes.contains(&to) && (show_heartbeats || !heartbeat(kind))
    };
    let past: Vec<SpaceMessage> = delivered
        .filter(|m| m.arrived_at <= now_ms && wanted(m.from, m.to, m.kind))
        .map(|m| SpaceMessage {
            from: m.from,
            to: m.to,
            kind: m.kind,
            sent_at: m.sent_at,
            arrived_at: m.arrived_at,
            ending: if m.fate == Fate::Delivered { Ending::Arrived } else { Ending::Crossed },
            caption: m.caption.clone(),
        })
        .collect();
    let mut messages = past[past.len().saturating_sub(MOST_PAST)..].to_vec();
    let on_wire = in_flight.iter().filter(|m| m.sent_at <= now_ms && wanted(m.from, m.to, m.kind));
    messages.extend(on_wire.take(MOST_IN_FLIGHT).map(|m| SpaceMessage {
        from: m.from,
        to: m.to,
        kind: m.kind,
        sent_at: m.sent_at,
        arrived_at: m.arrives_at,
        ending: Ending::InFlight { doomed: m.doomed },
        caption: m.caption.clone(),
    }));
    messages
}

/// The lanes, left to right: the clients that appear in `messages` (in creation order),
/// the replicas' brokers as given, then the controller.
pub fn lanes(replicas: &[u32], clients: usize, messages: &[SpaceMessage]) -> Vec<NodeId> {
    let talked = |node: NodeId| messages.iter().any(|m| m.from == node || m.to == node);
    let clients = (0..clients as u16).map(|i| NodeId::Client(crate::sim::ids::ClientId(i))).filter(|&c| talked(c));
    clients.chain(replicas.iter().map(|&b| NodeId::Broker(b))).chain([NodeId::Controller]).collect()
}

/// The nodes whose messages are wanted: every client, the replicas, the controller.
pub fn nodes(replicas: &[u32], clients: usize) -> Vec<NodeId> {
    let clients = (0..clients as u16).map(|i| NodeId::Client(crate::sim::ids::ClientId(i)));
    clients.chain(replicas.iter().map(|&b| NodeId::Broker(b))).chain([NodeId::Controller]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn past(from: NodeId, to: NodeId, kind: MessageKind, at: u64, fate: Fate) -> PastMessage {
        let caption = format!("{at}");
        PastMessage { from, to, kind, sent_at: at - 1, arrived_at: at, fate, caption }
    }

    #[test]
    fn keeps_the_partitions_latest_messages_and_crosses_out_the_dropped() {
        let (b1, b2, b9) = (NodeId::Broker(1), NodeId::Broker(2), NodeId::Broker(9));
        let mut log: Vec<PastMessage> =
            (1..=40).map(|at| past(b2, b1, MessageKind::Fetch, at, Fate::Delivered)).collect();
        log.push(past(b9, b1, MessageKind::Fetch, 41, Fate::Delivered));
        log.push(past(b1, NodeId::Controller, MessageKind::Heartbeat, 42, Fate::Delivered));
        log.push(past(b1, b2, MessageKind::FetchResponse, 43, Fate::Dropped));
        log.push(past(b1, b2, MessageKind::FetchResponse, 50, Fate::Delivered));
        let wanted = nodes(&[1, 2], 2);
        let drawn = gather(log.iter(), &[], &wanted, 45, false);
        assert_eq!(drawn.len(), MOST_PAST);
        let last = drawn.last().expect("one");
        assert_eq!((last.arrived_at, last.ending), (43, Ending::Crossed), "after now (45) is not drawn");
        assert!(drawn.iter().all(|m| m.from != b9 && m.kind != MessageKind::Heartbeat));
        assert!(gather(log.iter(), &[], &wanted, 45, true).iter().any(|m| m.kind == MessageKind::Heartbeat));
        assert_eq!(lanes(&[1, 2], 2, &drawn), [b1, b2, NodeId::Controller], "no client talked");
    }
}
