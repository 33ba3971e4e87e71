//! Brokers grouped by rack, the way the page lays them out: one column per rack.

use crate::sim::sorting::sort_by_u64_key;
use crate::sim::BrokerView;

/// One rack and its brokers, in broker-id order.
#[derive(Clone, Debug, PartialEq)]
pub struct RackGroup {
    pub rack: Option<String>,
    pub brokers: Vec<BrokerView>,
}

/// Racks in name order, brokers without a rack last (they are the exception worth noticing).
pub fn group_by_rack(brokers: &[BrokerView]) -> Vec<RackGroup> {
    // `None` sorts first in Option's order; key on (is_none, name) to put it last.
    fn order(rack: &Option<String>) -> (bool, Option<&str>) {
        (rack.is_none(), rack.as_deref())
    }
    let mut groups: Vec<RackGroup> = Vec::new();
    for broker in brokers {
        match groups.iter_mut().find(|g| g.rack == broker.rack) {
            Some(group) => group.brokers.push(broker.clone()),
            None => {
                // Inserted in place: a handful of racks, and no copy of std's sort in the
                // bundle (see sim::sorting).
                let at = groups.partition_point(|g| order(&g.rack) < order(&broker.rack));
                groups.insert(at, RackGroup { rack: broker.rack.clone(), brokers: vec![broker.clone()] });
            }
        }
    }
    for group in &mut groups {
        sort_by_u64_key(&mut group.brokers, |b| u64::from(b.id));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::BrokerStatus;

    fn broker(id: u32, rack: Option<&str>) -> BrokerView {
        BrokerView {
            id,
            rack: rack.map(str::to_owned),
            status: BrokerStatus::Alive,
            fenced: false,
            registered: true,
            isolated: false,
            fetch_paused: false,
            shutting_down: false,
            replicas: vec![],
            leaders: 0,
            followers: 0,
            fenced_in_ms: None,
        }
    }

    #[test]
    fn groups_racks_in_name_order_with_rackless_brokers_last() {
        let brokers = [broker(4, None), broker(3, Some("b")), broker(2, Some("a")), broker(1, Some("b"))];
        let groups = group_by_rack(&brokers);
        let shape: Vec<(Option<&str>, Vec<u32>)> =
            groups.iter().map(|g| (g.rack.as_deref(), g.brokers.iter().map(|b| b.id).collect())).collect();
        assert_eq!(shape, vec![(Some("a"), vec![2]), (Some("b"), vec![1, 3]), (None, vec![4])]);
    }

    #[test]
    fn no_brokers_no_groups() {
        assert!(group_by_rack(&[]).is_empty());
    }
}
