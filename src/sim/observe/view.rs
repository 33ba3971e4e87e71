//! A read-only picture of the cluster for the UI: brokers with their replicas as a
//! learner counts them on a slide, partitions with leader, ISR, epoch and HW.
use crate::sim::broker::BrokerStatus;
use crate::sim::cluster::Cluster;
use crate::sim::ids::PartitionId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicaRole {
    Leader,
    InSyncFollower,
    OutOfSyncFollower,
    Offline,
}

impl ReplicaRole {
    pub fn label(&self) -> &'static str {
        match self {
            ReplicaRole::Leader => "leader",
            ReplicaRole::InSyncFollower => "in-sync follower",
            ReplicaRole::OutOfSyncFollower => "out-of-sync follower",
            ReplicaRole::Offline => "offline",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaChip {
    pub partition: String,
    pub role: ReplicaRole,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerView {
    pub id: u32,
    pub rack: Option<String>,
    pub status: BrokerStatus,
    pub fenced: bool,
    /// The running process has registered with the controller (a restarted one waits while
    /// its old process's session is valid).
    pub registered: bool,
    pub isolated: bool,
    pub fetch_paused: bool,
    pub shutting_down: bool,
    pub replicas: Vec<ReplicaChip>,
    pub leaders: usize,
    pub followers: usize,
    /// The active controller fences this broker in this many ms unless a heartbeat comes
    /// (`Some` only while one is overdue).
    pub fenced_in_ms: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionView {
    pub name: String,
    pub leader: Option<u32>,
    pub epoch: u32,
    pub replicas: Vec<u32>,
    pub isr: Vec<u32>,
    /// Eligible Leader Replicas (KIP-966), and the last known leader while there is none.
    pub elr: Vec<u32>,
    pub last_known_leader: Option<u32>,
    /// Which algorithm placed the topic's replicas; `None` for an explicit assignment.
    pub placed_by: Option<crate::sim::placement::Placer>,
    pub hw: u64,
    pub leo: u64,
    /// The leader's process is down: `hw` is the one it held when it died.
    pub hw_last_known: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    pub now_ms: u64,
    pub brokers: Vec<BrokerView>,
    pub partitions: Vec<PartitionView>,
    pub active_controller: Option<u32>,
}

impl Cluster {
    /// One pass over the partitions builds every broker's chips and counts, so the view
    /// costs O(partitions × rf), not O(brokers × partitions): it is rebuilt every frame.
    pub fn view(&self) -> ClusterView {
        // Broker ids ascending (the id map's order), each with its chips and counts.
        let ids: Vec<u32> = self.brokers.keys().copied().collect();
        let mut chips: Vec<(Vec<ReplicaChip>, usize, usize)> = ids.iter().map(|_| (Vec::new(), 0, 0)).collect();
        for p in 0..self.partition_count() {
            let partition = PartitionId(p);
            let Some(state) = self.controller.image.partition(partition) else { continue };
            let name = self.partition_name(partition);
            for broker in &state.replicas {
                let Ok(index) = ids.binary_search(broker) else { continue };
                let entry = &mut chips[index];
                let alive = self.brokers.get(broker).is_some_and(|b| b.is_alive());
                let leads = state.leader == Some(*broker);
                let role = match (alive, leads, state.in_isr(*broker)) {
                    (false, _, _) => ReplicaRole::Offline,
                    (true, true, _) => ReplicaRole::Leader,
                    (true, false, true) => ReplicaRole::InSyncFollower,
                    _ => ReplicaRole::OutOfSyncFollower,
                };
                entry.0.push(ReplicaChip { partition: name.clone(), role });
                if leads {
                    entry.1 += 1;
                } else {
                    entry.2 += 1;
                }
            }
        }
        let brokers = ids
            .into_iter()
            .zip(chips)
            .map(|(id, (replicas, leaders, followers))| self.broker_view(id, replicas, leaders, followers))
            .collect();
        ClusterView {
            now_ms: self.now,
            brokers,
            partitions: (0..self.partition_count()).map(|p| self.partition_view(PartitionId(p))).collect(),
            active_controller: self.controller.active,
        }
    }

    /// Roles as the controller's committed metadata has them: what `kafka-topics
    /// --describe` shows, and what "broker 4: 2 leaders, 4 followers" counts.
    fn broker_view(&self, id: u32, replicas: Vec<ReplicaChip>, leaders: usize, followers: usize) -> BrokerView {
        let broker = &self.brokers[&id];
        let fenced = self.controller.image.brokers.get(&id).is_none_or(|r| r.fenced);
        BrokerView {
            id,
            rack: broker.rack.clone(),
            status: broker.status,
            fenced,
            registered: broker.registered,
            isolated: self.net.is_isolated(id),
            fetch_paused: broker.fetch_paused,
            shutting_down: broker.shutting_down,
            replicas,
            leaders,
            followers,
            fenced_in_ms: self.session_countdown_ms(id),
        }
    }

    fn partition_view(&self, partition: PartitionId) -> PartitionView {
        let state = self.controller.image.partition(partition);
        let leader = state.and_then(|s| s.leader);
        let leader_replica = leader.and_then(|l| self.replica(l, partition));
        let leader_alive = leader.and_then(|l| self.brokers.get(&l)).is_some_and(|b| b.is_alive());
        PartitionView {
            name: self.partition_name(partition),
            leader,
            epoch: state.map_or(0, |s| s.leader_epoch),
            replicas: state.map_or_else(Vec::new, |s| s.replicas.clone()),
            isr: state.map_or_else(Vec::new, |s| s.isr.clone()),
            elr: state.map_or_else(Vec::new, |s| s.elr.clone()),
            last_known_leader: state.and_then(|s| s.last_known_leader),
            placed_by: self.topic_of(partition).and_then(|(t, _)| t.placed_by),
            hw: leader.and_then(|l| self.shown_hw(l, partition)).unwrap_or(0),
            leo: leader_replica.map_or(0, |r| r.log.leo()),
            hw_last_known: leader_replica.is_some() && !leader_alive,
        }
    }

    /// Partitions whose committed leader is this broker.
    pub fn count_leaders(&self, id: u32) -> u32 {
        self.controller.image.partitions.iter().flatten().filter(|s| s.leader == Some(id)).count() as u32
    }

    /// Replicas this broker hosts of partitions it does not lead.
    pub fn count_followers(&self, id: u32) -> u32 {
        self.controller.image.partitions.iter().flatten().filter(|s| s.is_replica(id) && s.leader != Some(id)).count()
            as u32
    }
}
