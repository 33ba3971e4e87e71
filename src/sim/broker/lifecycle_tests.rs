//! A broker's process ending and starting, on the broker alone: what survives a crash, a
//! power-off and a restart.
use super::*;
use crate::sim::broker::leader_fixture::Leading;
use crate::sim::ids::{Acks, ClientId};
use crate::sim::records::{ErrorCode, NewRecord};

const P: PartitionId = PartitionId(0);

/// `n` records r0, r1, ... in a fresh table, the first `acked` of them acknowledged.
fn table(n: u32, acked: u32) -> RecordTable {
    let mut records = RecordTable::default();
    for i in 0..n {
        let value = format!("r{i}");
        let new = NewRecord {
            value: &value,
            producer: ClientId(0),
            partition: P,
            sequence: i,
            acks: Acks::All,
            idempotent: false,
        };
        let id = records.add(new);
        if i < acked {
            records.record_response(id, ErrorCode::None, Some(u64::from(i)));
        }
    }
    records
}

/// Broker 1 leading P with 4 records (none flushed) and HW 3, its HW checkpoint 2.
fn leading() -> Broker {
    let mut broker = Leading { leo: 4, hw: 3, ..Leading::of(P) }.broker();
    broker.replicas.get_mut(&P).expect("leads P").hw_checkpoint = 2;
    broker
}

#[test]
fn a_crash_keeps_the_log_and_falls_back_to_the_hw_checkpoint() {
    let mut broker = leading();
    broker.replicas.get_mut(&P).expect("P").log.flush();
    broker.die(BrokerStatus::Crashed, false);
    let replica = &broker.replicas[&P];
    assert_eq!((broker.status, broker.last_shutdown_clean, broker.registered), (BrokerStatus::Crashed, false, false));
    assert_eq!(
        (replica.log.leo(), replica.hw, replica.last_known_hw),
        (4, 2, 3),
        "the log stays, the HW is the checkpoint's"
    );
}

#[test]
fn a_power_off_loses_what_was_not_flushed_and_names_the_acknowledged_records_it_took() {
    let mut broker = leading();
    broker.die(BrokerStatus::Crashed, false);
    let (lost, acked) = broker.lose_page_cache(&table(4, 3));
    // Nothing was flushed: all 4 records go, r0..r2 of them acknowledged.
    assert_eq!(lost, 4);
    assert_eq!(acked, vec![(P, RecordId(0)), (P, RecordId(1)), (P, RecordId(2))]);
    let replica = &broker.replicas[&P];
    assert_eq!((replica.log.leo(), replica.hw, replica.hw_checkpoint), (0, 0, 0));
}

#[test]
fn a_restart_is_a_new_unregistered_incarnation_with_its_logs_loaded() {
    let mut broker = leading();
    broker.replicas.get_mut(&P).expect("P").log.start_epoch(5);
    broker.die(BrokerStatus::Stopped, true);
    let before = broker.incarnation;
    let recovered = broker.start_again(&table(4, 0));
    let replica = &broker.replicas[&P];
    assert!(recovered, "P's HW came back from its checkpoint");
    assert_eq!((broker.status, broker.incarnation, broker.registered), (BrokerStatus::Alive, before + 1, false));
    assert_eq!(
        replica.log.latest_epoch(),
        Some(0),
        "the epoch begun at the log end without a record is gone (LogLoader)"
    );
}
