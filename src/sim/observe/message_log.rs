//! The latest messages the network carried, each with when it was sent, when it arrived and
//! what became of it, for the page's spacetime diagram (one line per node, messages as
//! arrows across time). The event queue forgets a message once delivered and the trace
//! names only some sends and receipts, so the cluster notes each delivery here as it
//! happens. Only in builds with the `metrics` feature (the full page, the command line, the
//! tests): the page's first load neither links nor fills it.
//!
//! Not part of the trace (so the trace hash is untouched) nor of a saved checkpoint: a
//! session reopened from storage starts with an empty log, and a seek replays from a
//! snapshot, whose clone carries the log as it was then, so the past shows its own messages.
#[cfg(feature = "metrics")]
use std::collections::VecDeque;

use crate::sim::ids::{Millis, NodeId};
use crate::sim::message::MessageKind;

/// How many deliveries are kept: the newest ones, enough for a few seconds of a small
/// cluster, while each snapshot's copy stays small (about 60 bytes and a caption each).
pub const MESSAGE_LOG_CAPACITY: usize = 256;

/// What became of a message at its arrival time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    Delivered,
    /// The link between its ends was cut (`MessageDropped` in the trace).
    Dropped,
    /// Its sender or its receiver died (or restarted) while it was on the wire.
    Lost,
}

/// One message the network carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastMessage {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: MessageKind,
    pub sent_at: Millis,
    pub arrived_at: Millis,
    pub fate: Fate,
    /// As the network diagram captions it: "fetch @5", "ack @3".
    pub caption: String,
}

#[derive(Clone, Debug, Default)]
pub struct MessageLog {
    #[cfg(feature = "metrics")]
    recent: VecDeque<PastMessage>,
}

impl MessageLog {
    /// Notes a delivery, forgetting the oldest past the capacity.
    #[cfg(feature = "metrics")]
    pub fn record(&mut self, message: PastMessage) {
        if self.recent.len() == MESSAGE_LOG_CAPACITY {
            self.recent.pop_front();
        }
        self.recent.push_back(message);
    }

    /// The kept deliveries, oldest first (in arrival order).
    pub fn recent(&self) -> impl Iterator<Item = &PastMessage> + '_ {
        #[cfg(feature = "metrics")]
        return self.recent.iter();
        #[cfg(not(feature = "metrics"))]
        return std::iter::empty();
    }
}

/// Never written down: a checkpoint reopens with an empty log (see the module's comment).
impl crate::sim::codec::Codec for MessageLog {
    fn encode(&self, _out: &mut Vec<u8>) {}
    fn decode(_input: &mut &[u8]) -> Option<Self> {
        Some(MessageLog::default())
    }
}

#[cfg(all(test, feature = "metrics"))]
mod tests {
    use super::*;
    use crate::sim::presets::default_cluster;
    use crate::sim::{Command, NodeRef};

    fn message(sent_at: Millis) -> PastMessage {
        let (from, to) = (NodeId::Controller, NodeId::Controller);
        let kind = MessageKind::Produce;
        PastMessage { from, to, kind, sent_at, arrived_at: sent_at + 1, fate: Fate::Delivered, caption: String::new() }
    }

    #[test]
    fn keeps_the_newest_messages_up_to_its_capacity() {
        let mut log = MessageLog::default();
        for sent_at in 0..(MESSAGE_LOG_CAPACITY as u64 + 10) {
            log.record(message(sent_at));
        }
        assert_eq!(log.recent().count(), MESSAGE_LOG_CAPACITY);
        assert_eq!(log.recent().next().map(|m| m.sent_at), Some(10));
    }

    #[test]
    fn a_running_cluster_logs_its_deliveries_in_arrival_order_and_the_crashed_brokers_as_lost() {
        let mut cluster = default_cluster();
        cluster.run_for(1_000);
        let logged: Vec<&PastMessage> = cluster.recent_messages().collect();
        assert!(!logged.is_empty());
        assert!(logged.windows(2).all(|w| w[0].arrived_at <= w[1].arrived_at));
        assert!(logged.iter().all(|m| m.sent_at <= m.arrived_at && m.fate == Fate::Delivered));
        // Crash broker 1 while a message to it is on the wire: that message is lost.
        let to_broker_1 = NodeId::Broker(1);
        while !cluster.messages_in_flight().iter().any(|m| m.to == to_broker_1) {
            cluster.step();
        }
        cluster.apply(&Command::Crash(NodeRef::Broker(1))).unwrap();
        cluster.run_for(1_000);
        assert!(cluster.recent_messages().any(|m| m.to == to_broker_1 && m.fate == Fate::Lost));
    }

    #[test]
    fn a_cut_link_drops_its_messages() {
        let mut cluster = default_cluster();
        let (a, b) = (crate::sim::Endpoint::Broker(1), crate::sim::Endpoint::Broker(2));
        cluster.apply(&Command::Cut(a, b)).unwrap();
        cluster.run_for(2_000);
        assert!(cluster.recent_messages().any(|m| m.fate == Fate::Dropped));
    }
}
