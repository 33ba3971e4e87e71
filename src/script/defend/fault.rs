//! A planned fault made concrete once its moment has come: the broker it hits (the leader of
//! that moment, or a drawn one), the scenario line that starts it and the line that heals it.
use super::plan::PlannedFault;

/// How a fault is undone, which decides what else its heal undoes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Undo {
    /// `restart broker N`: the process was crashed, powered off or stopped.
    Restart,
    /// `heal A B`, `latency A B default` or `resume-fetch broker N`: this fault alone.
    Own,
    /// `heal` (every cut and isolation): an isolation has no heal of its own.
    AllLinks,
    /// A cut: also ended by an `AllLinks` heal.
    Link,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Resolved {
    pub start: String,
    pub heal: String,
    pub undo: Undo,
    /// The broker whose process it takes down (crash, power-off, stop) until its heal.
    pub down: Option<u32>,
}

/// The lines of `fault` on a cluster of `brokers` brokers whose partition `leader` leads now
/// (`None`: offline, so an aimed fault hits a drawn broker instead); `down` are the brokers
/// an earlier fault has taken down, which a drawn fault spares when it can.
pub(super) fn resolve(
    fault: &PlannedFault,
    leader: Option<u32>,
    brokers: u32,
    down: &[u32],
    default_latency_ms: u64,
) -> Resolved {
    let drawn = drawn(fault.pick, leader, brokers, down);
    let broker = if fault.aimed_at_leader { leader.unwrap_or(drawn) } else { drawn };
    let other = other_end(broker, fault.other_end, brokers);
    let (start, heal, undo) = match fault.verb.as_str() {
        "crash" | "power-off" | "stop" => {
            (format!("{} broker {broker}", fault.verb), format!("restart broker {broker}"), Undo::Restart)
        }
        "isolate" => (format!("isolate broker {broker}"), "heal".to_owned(), Undo::AllLinks),
        "cut" => (format!("cut {broker} {other}"), format!("heal {broker} {other}"), Undo::Link),
        "pause-fetch" => (format!("pause-fetch broker {broker}"), format!("resume-fetch broker {broker}"), Undo::Own),
        // `latency`: the one left in FAULT_VERBS (budgets are validated before a run).
        _ => (
            format!("latency {broker} {other} {}ms", fault.latency_ms),
            format!("latency {broker} {other} {default_latency_ms}ms"),
            Undo::Own,
        ),
    };
    let down = (undo == Undo::Restart).then_some(broker);
    Resolved { start, heal, undo, down }
}

/// A fault not aimed at the leader hits one of the other brokers that is still up (a
/// follower: D1's `pause-fetch 3`, D2's `stop 2 ; stop 3`); failing that, any other broker,
/// or any broker at all.
fn drawn(pick: u64, leader: Option<u32>, brokers: u32, down: &[u32]) -> u32 {
    let all: Vec<u32> = (1..=brokers.max(1)).collect();
    let others: Vec<u32> = all.iter().copied().filter(|b| Some(*b) != leader).collect();
    let up: Vec<u32> = others.iter().copied().filter(|b| !down.contains(b)).collect();
    let candidates = [up, others, all].into_iter().find(|c| !c.is_empty()).unwrap_or_default();
    candidates[(pick % candidates.len() as u64) as usize]
}

/// The other end of a link fault: the controller quorum (C1's zombie is a leader cut from
/// the controller) or another broker (a follower that can no longer fetch).
fn other_end(broker: u32, draw: u64, brokers: u32) -> String {
    if draw % 2 == 0 || brokers < 2 {
        return "controller".to_owned();
    }
    let others: Vec<u32> = (1..=brokers).filter(|b| *b != broker).collect();
    others[((draw / 2) % others.len() as u64) as usize].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(verb: &str, aimed: bool, pick: u64, other_end: u64) -> PlannedFault {
        PlannedFault {
            verb: verb.into(),
            wait: crate::script::defend::Wait::Fixed(0),
            lasts_ms: None,
            aimed_at_leader: aimed,
            pick,
            other_end,
            latency_ms: 300,
        }
    }

    #[test]
    fn an_aimed_fault_hits_the_leader_of_the_moment() {
        let r = resolve(&planned("cut", true, 0, 0), Some(2), 3, &[], 1);
        assert_eq!((r.start.as_str(), r.heal.as_str()), ("cut 2 controller", "heal 2 controller"));
        let r = resolve(&planned("power-off", false, 3, 0), Some(2), 3, &[1], 1);
        assert_eq!((r.start.as_str(), r.heal.as_str()), ("power-off broker 3", "restart broker 3"));
        let r = resolve(&planned("latency", false, 0, 3), None, 3, &[], 1);
        assert_eq!((r.start.as_str(), r.heal.as_str()), ("latency 1 3 300ms", "latency 1 3 1ms"));
    }
}
