//! What the page shows of a failover while it happens, read off the world (nothing here is
//! stored or changes the run):
//!
//! - the active controller's session countdown for a broker it has stopped hearing from:
//!   KRaft's `BrokerHeartbeatManager` fences a broker whose last heartbeat is older than
//!   `broker.session.timeout.ms`, so the countdown is that deadline less now, from the last
//!   heartbeat the controller received (not the broker's own clock);
//! - a follower whose leader it cannot reach (dead, isolated or cut off): its lag gauge
//!   would otherwise read "never caught up", though it was in sync until the leader died;
//! - a dead replica's HW: the one it held in memory when it died, not the checkpoint it
//!   would restart from.
use crate::sim::cluster::Cluster;
use crate::sim::ids::{BrokerId, Millis, NodeId, PartitionId};

impl Cluster {
    /// How long until the active controller fences `broker` for want of heartbeats, when a
    /// heartbeat is overdue (none for longer than `broker.heartbeat.interval.ms` and a round
    /// trip). `None` while heartbeats arrive, for a fenced broker, and without an active
    /// controller (then nothing is fenced: the countdown would not be true).
    pub fn session_countdown_ms(&self, broker: BrokerId) -> Option<Millis> {
        self.controller.active?;
        let fenced = self.controller.image.brokers.get(&broker).is_none_or(|b| b.fenced);
        let session = self.controller.sessions.get(&broker).filter(|_| !fenced)?;
        let round_trip_ms =
            2 * self.net.latency(NodeId::Broker(broker), NodeId::Controller, self.config.network_latency_ms);
        let silent_ms = self.now.saturating_sub(session.last_heartbeat_ms);
        if silent_ms <= self.config.broker_heartbeat_interval_ms + round_trip_ms {
            return None;
        }
        Some((session.last_heartbeat_ms + self.config.broker_session_timeout_ms).saturating_sub(self.now))
    }

    /// A live follower of `partition` that cannot reach the leader the controller names: the
    /// leader's process is down, or the link between them drops every message.
    pub fn leader_unreachable(&self, follower: BrokerId, partition: PartitionId) -> bool {
        let Some(state) = self.controller.image.partition(partition) else { return false };
        let Some(leader) = state.leader.filter(|l| *l != follower) else { return false };
        let follower_alive = self.brokers.get(&follower).is_some_and(|b| b.is_alive());
        let leader_alive = self.brokers.get(&leader).is_some_and(|b| b.is_alive());
        follower_alive && (!leader_alive || self.net.is_cut(NodeId::Broker(follower), NodeId::Broker(leader)))
    }

    /// The HW to show for a replica: its own while its broker runs, else the one it held
    /// when its process died.
    pub fn shown_hw(&self, broker: BrokerId, partition: PartitionId) -> Option<u64> {
        let replica = self.replica(broker, partition)?;
        let alive = self.brokers.get(&broker).is_some_and(|b| b.is_alive());
        Some(if alive { replica.hw } else { replica.last_known_hw })
    }
}

#[cfg(test)]
mod tests {
    use crate::script::ScriptRun;
    use crate::sim::ids::PartitionId;

    const FAILOVER: &str = "seed 1\nbrokers 3\ntopic create t partitions=1 rf=3 min-isr=2 start=0\nrun 1s\nproduce t a acks=all\nproduce t b acks=all\nproduce t c acks=all\nrun 1s\ncrash broker 1\n";

    /// The lecture's failover: broker 1 leads t-0 and crashes. Its followers cannot reach
    /// it; the controller's countdown starts once a heartbeat is overdue and reaches the
    /// fencing at broker.session.timeout.ms after the last one it received; the dead
    /// leader still shows the HW it had (3), not its checkpoint's (0).
    #[test]
    fn a_crashed_leader_counts_down_to_its_fencing_and_keeps_its_last_known_hw() {
        let mut run = ScriptRun::new();
        run.run_script(FAILOVER).expect("runs");
        let t0 = PartitionId(0);
        let cluster = run.cluster();
        assert_eq!(cluster.session_countdown_ms(1), None, "not overdue yet");
        assert!(cluster.leader_unreachable(2, t0) && cluster.leader_unreachable(3, t0));
        assert_eq!((cluster.shown_hw(1, t0), cluster.shown_hw(2, t0)), (Some(3), Some(3)));
        assert_eq!(cluster.replica(1, t0).unwrap().hw, 0, "the checkpoint it restarts from");

        run.run_script("run 4s").expect("runs");
        let countdown = run.cluster().session_countdown_ms(1).expect("a heartbeat is overdue");
        assert!((1..=5_000).contains(&countdown), "{countdown}");
        assert_eq!(run.cluster().session_countdown_ms(2), None, "broker 2 still heartbeats");
        run.run_script(&format!("run {countdown}ms")).expect("runs");
        assert_eq!(run.cluster().session_countdown_ms(1), None, "fenced now");
        assert!(run.cluster().view().brokers[0].fenced);
        run.run_script("run 1s").expect("runs");
        assert!(!run.cluster().leader_unreachable(2, t0), "a new leader was elected");
    }
}
