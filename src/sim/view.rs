//! A read-only picture of the cluster for the UI: brokers with their replicas as a
//! learner counts them on a slide, partitions with leader, ISR, epoch and HW.
use super::broker::BrokerStatus;
use super::cluster::Cluster;
use super::ids::PartitionId;

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
    pub isolated: bool,
    pub fetch_paused: bool,
    pub shutting_down: bool,
    pub replicas: Vec<ReplicaChip>,
    pub leaders: usize,
    pub followers: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionView {
    pub name: String,
    pub leader: Option<u32>,
    pub epoch: u32,
    pub replicas: Vec<u32>,
    pub isr: Vec<u32>,
    pub hw: u64,
    pub leo: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    pub now_ms: u64,
    pub brokers: Vec<BrokerView>,
    pub partitions: Vec<PartitionView>,
    pub active_controller: Option<u32>,
}

impl Cluster {
    pub fn view(&self) -> ClusterView {
        ClusterView {
            now_ms: self.now,
            brokers: self.brokers.keys().map(|b| self.broker_view(*b)).collect(),
            partitions: (0..self.partition_count()).map(|p| self.partition_view(PartitionId(p))).collect(),
            active_controller: self.controller.active,
        }
    }

    /// Roles as the controller's committed metadata has them: what `kafka-topics
    /// --describe` shows, and what "broker 4: 2 leaders, 4 followers" counts.
    fn broker_view(&self, id: u32) -> BrokerView {
        let broker = &self.brokers[&id];
        let mut replicas = Vec::new();
        for p in 0..self.partition_count() {
            let partition = PartitionId(p);
            let Some(state) = self.controller.image.partition(partition) else { continue };
            if !state.is_replica(id) {
                continue;
            }
            let role = if !broker.is_alive() {
                ReplicaRole::Offline
            } else if state.leader == Some(id) {
                ReplicaRole::Leader
            } else if state.in_isr(id) {
                ReplicaRole::InSyncFollower
            } else {
                ReplicaRole::OutOfSyncFollower
            };
            replicas.push(ReplicaChip { partition: self.partition_name(partition), role });
        }
        let leaders = self.count_leaders(id) as usize;
        let followers = self.count_followers(id) as usize;
        let fenced = self.controller.image.brokers.get(&id).is_none_or(|r| r.fenced);
        BrokerView {
            id,
            rack: broker.rack.clone(),
            status: broker.status,
            fenced,
            isolated: self.net.is_isolated(id),
            fetch_paused: broker.fetch_paused,
            shutting_down: broker.shutting_down,
            replicas,
            leaders,
            followers,
        }
    }

    fn partition_view(&self, partition: PartitionId) -> PartitionView {
        let state = self.controller.image.partition(partition);
        let leader = state.and_then(|s| s.leader);
        let leader_replica = leader.and_then(|l| self.replica(l, partition));
        PartitionView {
            name: self.partition_name(partition),
            leader,
            epoch: state.map_or(0, |s| s.leader_epoch),
            replicas: state.map_or_else(Vec::new, |s| s.replicas.clone()),
            isr: state.map_or_else(Vec::new, |s| s.isr.clone()),
            hw: leader_replica.map_or(0, |r| r.hw),
            leo: leader_replica.map_or(0, |r| r.log.leo()),
        }
    }

    /// Partitions whose committed leader is this broker.
    pub fn count_leaders(&self, id: u32) -> u32 {
        self.controller.image.partitions.iter().flatten().filter(|s| s.leader == Some(id)).count() as u32
    }

    /// Replicas this broker hosts of partitions it does not lead.
    pub fn count_followers(&self, id: u32) -> u32 {
        self.controller.image.partitions.iter().flatten().filter(|s| s.is_replica(id) && s.leader != Some(id)).count() as u32
    }
}
