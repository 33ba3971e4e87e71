//! A broker's periodic timers with a `Ctx`, no cluster.
use super::*;
use crate::sim::ctx::Effect;
use crate::sim::ctx_fixture::Harness;
use crate::sim::ids::{PartitionId, RecordId};
use crate::sim::replica::Replica;

#[test]
fn a_life_arms_its_heartbeat_isr_check_and_flush_timers() {
    let mut harness = Harness::at(10);
    let mut broker = Broker::new(4, None);
    broker.incarnation = 2;
    harness.run(&mut broker, |b, cx| b.schedule_timers(cx));
    let config = &harness.config;
    let (broker, incarnation) = (4, 2);
    let expected = vec![
        Effect::Schedule {
            at: 10 + config.broker_heartbeat_interval_ms,
            timer: Timer::Heartbeat { broker, incarnation },
        },
        Effect::Schedule {
            at: 10 + config.replica_lag_time_max_ms / 2,
            timer: Timer::IsrCheck { broker, incarnation },
        },
        Effect::Schedule { at: 10 + config.flush_interval_ms, timer: Timer::Flush { broker, incarnation } },
    ];
    assert_eq!(harness.take(), expected);
}

#[test]
fn a_flush_writes_the_logs_and_the_hw_checkpoint() {
    let mut harness = Harness::at(10);
    let mut broker = Broker::new(1, None);
    let mut replica = Replica::new(PartitionId(0));
    replica.log.append_as_leader(0, &[RecordId(0), RecordId(1)]);
    replica.hw = 1;
    broker.replicas.insert(PartitionId(0), replica);
    harness.run(&mut broker, |b, cx| b.on_flush_timer(cx));
    let replica = &broker.replicas[&PartitionId(0)];
    assert_eq!((replica.log.flushed_len(), replica.hw_checkpoint), (2, 1));
    assert!(matches!(harness.take()[..], [Effect::Schedule { timer: Timer::Flush { .. }, .. }]));
}
