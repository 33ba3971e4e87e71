//! Whether Kafka promised what a safety violation shows broken. The checker reports every
//! acknowledged record that disappears from every replica, but an acks=1 acknowledgement
//! only says the leader appended it: Kafka's documentation of `acks` says that with acks=1
//! "should the leader fail immediately after acknowledging the record but before the
//! followers have replicated it then the record will be lost". Such a loss is allowed, and
//! the page titles it so, apart from a guarantee Kafka does give (an acks=all record
//! committed to the ISR, one leader per epoch, ...). Read-only: the checker and the trace
//! (and so the trace hash) are unchanged.
use crate::sim::event::{Property, Violation};
use crate::sim::ids::Acks;
use crate::sim::Cluster;

/// What a violation means for Kafka's guarantees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promise {
    /// A guarantee Kafka gives was broken.
    Broken,
    /// Lost, but Kafka never promised to keep it: allowed by this setting.
    NotPromised { allowed_by: &'static str },
}

impl Promise {
    /// How the page titles it.
    pub fn title(self) -> &'static str {
        match self {
            Promise::Broken => "Guarantee broken",
            Promise::NotPromised { .. } => "Acknowledged record lost — allowed by acks=1",
        }
    }

    /// The same, inside a sentence or a timeline label (written out: lowercasing at run time
    /// would bring Unicode's case tables into the page, about 15 kB).
    pub fn label(self) -> &'static str {
        match self {
            Promise::Broken => "guarantee broken",
            Promise::NotPromised { .. } => "acknowledged record lost — allowed by acks=1",
        }
    }
}

/// Whether `violation` breaks a promise: an acknowledged record lost that was written with
/// acks=1 does not.
pub fn promise_of(cluster: &Cluster, violation: &Violation) -> Promise {
    let record = match (violation.property, violation.record) {
        (Property::AckedRecordLost, Some(record)) => record,
        _ => return Promise::Broken,
    };
    if cluster.records.meta(record).acks == Acks::One {
        Promise::NotPromised { allowed_by: "acks=1" }
    } else {
        Promise::Broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::ScriptRun;
    use crate::sim::EventKind;

    fn violations(script: &str) -> Vec<Promise> {
        let mut run = ScriptRun::new();
        run.run_script(script).expect("runs");
        let cluster = run.cluster();
        run.trace()
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::SafetyViolation(v) => Some(promise_of(cluster, v)),
                _ => None,
            })
            .collect()
    }

    /// A leader acknowledges an acks=1 write and dies before any follower fetched it: the
    /// checker reports the loss, and it is the one acks=1 allows. An acks=all record lost to
    /// an unclean election is not.
    #[test]
    fn an_acks_1_record_lost_with_its_leader_was_never_promised() {
        let script = std::fs::read_to_string("scenarios/acks1-lost-on-failover.scenario").expect("the scenario");
        let found = violations(&script);
        assert!(!found.is_empty(), "the checker reports the loss");
        assert!(found.iter().all(|p| *p == Promise::NotPromised { allowed_by: "acks=1" }), "{found:?}");
        let script = std::fs::read_to_string("scenarios/unclean-election-loses-acked.scenario").expect("the scenario");
        let found = violations(&script);
        assert!(!found.is_empty() && found.iter().all(|p| *p == Promise::Broken), "{found:?}");
    }
}
