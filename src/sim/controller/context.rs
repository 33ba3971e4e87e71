//! The active controller stepping on its own state with a context (raft-rs's `Raft`, which
//! holds its state and the messages it sends): the `Controller` it owns, the time, the
//! settings, which brokers a metadata push reaches, and an ordered outbox the cluster
//! carries out once the handler returns, exactly as if the handler had acted itself.
//!
//! The controller's handlers are methods of this type (`sessions.rs`, `commit.rs`,
//! `alter_partition.rs`, `quorum.rs`, `elections.rs`), so they touch only the controller
//! and this context, and are unit-tested with no brokers and no cluster.
use crate::sim::config::Config;
use crate::sim::controller::Controller;
use crate::sim::ctx::{Acts, Effect, Outbox};
use crate::sim::ids::{BrokerId, Millis, NodeId};

pub struct ControllerCtx<'a> {
    pub controller: &'a mut Controller,
    pub config: &'a Config,
    pub now: Millis,
    /// Which brokers take metadata pushes now (what the network and the brokers would
    /// answer; the controller only asks).
    pub listening: &'a dyn Listeners,
    pub out: &'a mut Outbox,
}

/// Whether a broker takes metadata pushes now: its process is alive and this life has
/// registered (the cluster answers from its brokers; a test, as it likes).
pub trait Listeners {
    fn listens(&self, broker: BrokerId) -> bool;
}

impl Acts for ControllerCtx<'_> {
    fn outbox(&mut self) -> &mut Outbox {
        self.out
    }
}

impl ControllerCtx<'_> {
    /// The active controller is gone: the requests it was serving fail at once for their
    /// senders (the OS closes the connections).
    pub fn break_connections(&mut self, node: NodeId) {
        self.out.push(Effect::BreakConnections(node));
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A controller with two or three registered brokers and a topic, for the handlers'
    //! unit tests: no brokers, no cluster.
    use super::*;
    use crate::sim::ctx::Effect;
    use crate::sim::event::EventKind;
    use crate::sim::ids::PartitionId;
    use crate::sim::metadata::{MetadataRecord, PartitionState};

    struct EveryBroker;

    impl Listeners for EveryBroker {
        fn listens(&self, _: BrokerId) -> bool {
            true
        }
    }

    pub(crate) struct Fixture {
        pub controller: Controller,
        pub config: Config,
        pub now: Millis,
        pub out: Outbox,
    }

    impl Fixture {
        /// Brokers 1..=3 registered and unfenced with sessions heard at 0; partition 0 of
        /// topic `t` (min-ISR 2) on [1, 2, 3] led by 1 in epoch 0 with the ISR [1, 2, 3].
        pub(crate) fn three_brokers() -> Self {
            let mut controller = Controller::new(1);
            let mut records = Vec::new();
            for broker in [1, 2, 3] {
                let registration_offset = u64::from(broker) - 1;
                let session = crate::sim::controller::BrokerSession::new(1, 0, registration_offset);
                controller.sessions.insert(broker, session);
                records.push(MetadataRecord::RegisterBroker { broker, rack: None, fenced: false });
            }
            let partition = PartitionId(0);
            records.push(MetadataRecord::Topic {
                name: "t".into(),
                first_partition: partition,
                partitions: 1,
                min_isr: Some(2),
            });
            let state = PartitionState {
                replicas: vec![1, 2, 3],
                isr: vec![1, 2, 3],
                elr: Vec::new(),
                last_known_leader: None,
                leader: Some(1),
                leader_epoch: 0,
                partition_epoch: 0,
                recovering: false,
            };
            records.push(MetadataRecord::Partition { partition, state });
            controller.commit(records);
            Fixture { controller, config: Config::default(), now: 1_000, out: Outbox::default() }
        }

        /// Runs a handler with every broker listening; the effects stay in `out`.
        pub(crate) fn run<R>(&mut self, handle: impl FnOnce(&mut ControllerCtx) -> R) -> R {
            let mut cx = ControllerCtx {
                controller: &mut self.controller,
                config: &self.config,
                now: self.now,
                listening: &EveryBroker,
                out: &mut self.out,
            };
            handle(&mut cx)
        }

        /// The effects so far, taken out.
        pub(crate) fn take(&mut self) -> Vec<Effect> {
            std::iter::from_fn(|| self.out.take_next()).collect()
        }

        pub(crate) fn take_events(&mut self) -> Vec<EventKind> {
            let effects = self.take();
            effects.into_iter().filter_map(|e| if let Effect::Emit(kind) = e { Some(kind) } else { None }).collect()
        }

        pub(crate) fn partition(&self) -> &PartitionState {
            self.controller.image.partition(PartitionId(0)).expect("partition 0")
        }
    }
}
