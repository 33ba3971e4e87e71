//! A broker's periodic work and its conversation with the controller: heartbeats and
//! registration, flushing logs and the HW checkpoint, the ISR check, controlled
//! shutdown, and answering clients' metadata requests from its (possibly stale) cache.
use super::Cluster;
use crate::sim::broker::BrokerStatus;
use crate::sim::event::EventKind;
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::{HeartbeatResponse, Message, MetadataResponse, PartitionLeader, Registration, RequestId};
use crate::sim::queue::Timer;

impl Cluster {
    pub(crate) fn schedule_broker_timers(&mut self, id: BrokerId) {
        let incarnation = self.brokers[&id].incarnation;
        let now = self.now;
        self.schedule(now + self.config.broker_heartbeat_interval_ms, Timer::Heartbeat { broker: id, incarnation });
        self.schedule(now + self.isr_check_interval(), Timer::IsrCheck { broker: id, incarnation });
        self.schedule(now + self.config.flush_interval_ms, Timer::Flush { broker: id, incarnation });
    }

    /// Kafka runs the ISR expiration check every replica.lag.time.max.ms / 2.
    fn isr_check_interval(&self) -> u64 {
        (self.config.replica_lag_time_max_ms / 2).max(1)
    }

    pub(crate) fn on_heartbeat_timer(&mut self, id: BrokerId, incarnation: u32) {
        if !self.broker_in(id, incarnation) {
            return;
        }
        if self.brokers[&id].registered {
            self.send_heartbeat(id);
        } else {
            self.send_registration(id);
        }
        let next = self.now + self.config.broker_heartbeat_interval_ms;
        self.schedule(next, Timer::Heartbeat { broker: id, incarnation });
    }

    pub(crate) fn send_registration(&mut self, id: BrokerId) {
        let broker = &self.brokers[&id];
        let registration = Registration {
            request: self.net.new_request_id(),
            broker: id,
            incarnation: broker.incarnation,
            clean_shutdown: broker.last_shutdown_clean,
        };
        self.send(NodeId::Broker(id), NodeId::Controller, Message::Registration(registration));
    }

    pub(crate) fn broker_handle_heartbeat_response(&mut self, id: BrokerId, response: HeartbeatResponse) {
        let broker = self.brokers.get_mut(&id).expect("delivered to a live broker");
        if !broker.registered {
            // Registered: take up the roles the metadata gives, then heartbeat at once
            // with the caught-up metadata offset so the controller can unfence us.
            broker.registered = true;
            self.broker_apply_metadata(id, &response.records);
            self.send_heartbeat(id);
            return;
        }
        self.broker_apply_metadata(id, &response.records);
        let broker = self.brokers.get_mut(&id).expect("delivered to a live broker");
        if response.should_shut_down && broker.shutting_down {
            self.finish_shutdown(id, true);
        }
    }

    /// Controlled shutdown finished (or gave up waiting): flush and stop cleanly.
    fn finish_shutdown(&mut self, id: BrokerId, controlled: bool) {
        self.flush_logs(id);
        self.kill_broker(id, BrokerStatus::Stopped, true);
        self.emit(EventKind::BrokerStopped { broker: id, controlled });
    }

    pub(crate) fn on_shutdown_deadline(&mut self, id: BrokerId, incarnation: u32) {
        if self.broker_in(id, incarnation) && self.brokers[&id].shutting_down {
            self.finish_shutdown(id, false);
        }
    }

    pub(crate) fn on_flush_timer(&mut self, id: BrokerId, incarnation: u32) {
        if !self.broker_in(id, incarnation) {
            return;
        }
        self.flush_logs(id);
        let next = self.now + self.config.flush_interval_ms;
        self.schedule(next, Timer::Flush { broker: id, incarnation });
    }

    /// Writes every log and the HW checkpoint to disk.
    pub(crate) fn flush_logs(&mut self, id: BrokerId) {
        let Some(broker) = self.brokers.get_mut(&id) else { return };
        for replica in broker.replicas.values_mut() {
            replica.log.flush();
            replica.hw_checkpoint = replica.hw;
        }
    }

    pub(crate) fn on_isr_check_timer(&mut self, id: BrokerId, incarnation: u32) {
        if !self.broker_in(id, incarnation) {
            return;
        }
        self.with_broker(id, |broker, cx| broker.shrink_lagging_isrs(cx));
        let next = self.now + self.isr_check_interval();
        self.schedule(next, Timer::IsrCheck { broker: id, incarnation });
    }

    /// A metadata request is answered from this broker's own cache, stale or not.
    pub(crate) fn broker_answer_metadata(&mut self, id: BrokerId, from: NodeId, request: RequestId) {
        let image = &self.brokers[&id].image;
        let topics = image.topics.iter().map(|t| (t.name.clone(), t.first_partition, t.partitions)).collect();
        let partitions = image
            .partitions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let s = s.as_ref()?;
                Some(PartitionLeader {
                    partition: crate::sim::ids::PartitionId(i as u32),
                    leader: s.leader,
                    epoch: s.leader_epoch,
                })
            })
            .collect();
        let response = MetadataResponse { request, topics, partitions };
        self.send(NodeId::Broker(id), from, Message::MetadataResponse(response));
    }
}
