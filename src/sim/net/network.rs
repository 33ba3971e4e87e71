//! The simulated network: per-link latency, cut links, isolated brokers, and the
//! requests still waiting for an answer (so a crashed peer can break them at once).
use std::collections::{BTreeMap, BTreeSet};

use crate::sim::ids::{BrokerId, Millis, NodeId};
use crate::sim::message::{MessageKind, RequestId, RequestIds};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outstanding {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: MessageKind,
    pub sent_at: Millis,
}
crate::codec!(struct Outstanding { from, to, kind, sent_at });

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    cuts: BTreeSet<(NodeId, NodeId)>,
    isolated: BTreeSet<BrokerId>,
    latency_overrides: BTreeMap<(NodeId, NodeId), Millis>,
    /// Requests awaiting an answer, in the order they were sent (ids only grow). A few
    /// dozen at a time, so a vector beats a tree.
    outstanding: Vec<(RequestId, Outstanding)>,
    /// Public so that a role's handler can be handed them in its `Ctx`.
    pub request_ids: RequestIds,
}
crate::codec!(struct Network { cuts, isolated, latency_overrides, outstanding, request_ids });

fn ordered(a: NodeId, b: NodeId) -> (NodeId, NodeId) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

impl Network {
    pub fn new_request_id(&mut self) -> RequestId {
        self.request_ids.allocate()
    }

    pub fn cut(&mut self, a: NodeId, b: NodeId) {
        self.cuts.insert(ordered(a, b));
    }

    pub fn heal_link(&mut self, a: NodeId, b: NodeId) {
        self.cuts.remove(&ordered(a, b));
    }

    pub fn isolate(&mut self, broker: BrokerId) {
        self.isolated.insert(broker);
    }

    pub fn heal_all(&mut self) {
        self.cuts.clear();
        self.isolated.clear();
    }

    pub fn cuts(&self) -> impl Iterator<Item = &(NodeId, NodeId)> {
        self.cuts.iter()
    }

    pub fn isolated(&self) -> impl Iterator<Item = &BrokerId> {
        self.isolated.iter()
    }

    pub fn is_isolated(&self, broker: BrokerId) -> bool {
        self.isolated.contains(&broker)
    }

    /// True when messages between the two nodes are dropped.
    pub fn is_cut(&self, a: NodeId, b: NodeId) -> bool {
        let isolated = |n: NodeId| matches!(n, NodeId::Broker(id) if self.isolated.contains(&id));
        a != b && (isolated(a) || isolated(b) || self.cuts.contains(&ordered(a, b)))
    }

    pub fn set_latency(&mut self, a: NodeId, b: NodeId, latency_ms: Millis) {
        self.latency_overrides.insert(ordered(a, b), latency_ms);
    }

    pub fn latency(&self, a: NodeId, b: NodeId, default_ms: Millis) -> Millis {
        self.latency_overrides.get(&ordered(a, b)).copied().unwrap_or(default_ms)
    }

    pub fn track(&mut self, request: RequestId, outstanding: Outstanding) {
        self.outstanding.push((request, outstanding));
    }

    pub fn answered(&mut self, request: RequestId) {
        if let Some(p) = self.outstanding.iter().position(|(r, _)| *r == request) {
            self.outstanding.remove(p);
        }
    }

    /// Forgets the requests a dying node sent, and returns those it was asked, so their
    /// senders can be told the connection broke.
    pub fn break_connections(&mut self, node: NodeId) -> Vec<(RequestId, Outstanding)> {
        self.outstanding.retain(|(_, o)| o.from != node);
        let broken: Vec<(RequestId, Outstanding)> =
            self.outstanding.iter().filter(|(_, o)| o.to == node).copied().collect();
        self.outstanding.retain(|(_, o)| o.to != node);
        broken
    }

    pub fn outstanding(&self) -> impl Iterator<Item = &(RequestId, Outstanding)> {
        self.outstanding.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_are_symmetric_and_isolation_cuts_every_link() {
        let mut net = Network::default();
        net.cut(NodeId::Broker(1), NodeId::Broker(2));
        assert!(net.is_cut(NodeId::Broker(2), NodeId::Broker(1)));
        assert!(!net.is_cut(NodeId::Broker(1), NodeId::Broker(3)));
        net.isolate(3);
        assert!(net.is_cut(NodeId::Controller, NodeId::Broker(3)));
        net.heal_all();
        assert!(!net.is_cut(NodeId::Broker(1), NodeId::Broker(2)));
    }

    #[test]
    fn a_dying_node_breaks_requests_sent_to_it() {
        let mut net = Network::default();
        let to_2 = net.new_request_id();
        let from_2 = net.new_request_id();
        let o = |from, to| Outstanding { from, to, kind: MessageKind::Fetch, sent_at: 0 };
        net.track(to_2, o(NodeId::Broker(1), NodeId::Broker(2)));
        net.track(from_2, o(NodeId::Broker(2), NodeId::Broker(1)));
        let broken = net.break_connections(NodeId::Broker(2));
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].0, to_2);
        assert_eq!(net.outstanding().count(), 0);
    }
}
