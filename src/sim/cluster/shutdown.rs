//! A broker's controlled shutdown ends here (`BrokerServer.shutdown` once
//! `BrokerLifecycleManager` is told it may stop, or when it gives up waiting): the broker
//! flushes, then its process stops, which breaks its connections (the cluster's part).
use super::Cluster;
use crate::sim::broker::BrokerStatus;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, Millis};

/// How long a stopping broker waits for the controller's go-ahead before it stops anyway:
/// `KafkaBroker.shutdown()` gives `BrokerServer.shutdown` five minutes, and it waits on
/// `controlledShutdownFuture` until then. Not a setting in Kafka, so not one here.
pub(crate) const CONTROLLED_SHUTDOWN_TIMEOUT_MS: Millis = 5 * 60 * 1_000;

impl Cluster {
    /// Controlled shutdown finished (or gave up waiting): flush and stop cleanly.
    pub(crate) fn finish_shutdown(&mut self, id: BrokerId, controlled: bool) {
        self.brokers.get_mut(&id).expect("a live broker").flush_logs();
        self.kill_broker(id, BrokerStatus::Stopped, true);
        self.emit(EventKind::BrokerStopped { broker: id, controlled });
    }

    pub(crate) fn on_shutdown_deadline(&mut self, id: BrokerId, incarnation: u32) {
        if self.broker_in(id, incarnation) && self.brokers[&id].shutting_down {
            self.finish_shutdown(id, false);
        }
    }
}
