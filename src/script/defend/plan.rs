//! A run's fault plan, drawn from its seed before the run starts: which verbs, when, aimed at
//! the leader or not, and for how long. Only the targets wait for the run: "the partition's
//! current leader" is whoever leads at that moment (CURRICULUM §3: at least half of the
//! faults aim at it, so the known losing schedules turn up).
use super::budget::Budget;
use crate::sim::rng::SimRng;

/// Decorrelates the plan's draws from the cluster's own, which start from the same seed.
const PLAN_SALT: u64 = 0xDEF3_ED5E_ED00_0001;
/// The first fault falls between these times (ms after the producer starts), so every run
/// begins with some calm records and leaves room for the faults that follow.
const FIRST_FAULT_MS: (u64, u64) = (5_000, 30_000);
/// The wait before the next fault: half of the time, a wait for the partition to change
/// (its leader or ISR, but no longer than a long gap) and a short delay after it: the moment a
/// nemesis would pick, just after the ISR has shrunk or a new leader was elected, where D1's
/// `pause-fetch 3 ; crash 1 ; crash 2` and D2's `stop 2 ; stop 3 ; power-off 1` strike.
/// Otherwise a fixed gap, as likely short (within one 5 s flush interval, so a power-off can
/// follow a fault before the leader's log reaches disk), medium (past a 9 s session timeout:
/// C1's zombie) or long (past replica.lag.time.max.ms, 30 s, so a stalled follower has left
/// the ISR).
const GAPS_MS: [(u64, u64); 3] = [(50, 3_000), (5_000, 20_000), (30_000, 40_000)];
const CHANGE_PERCENT: u64 = 50;
const AFTER_CHANGE_MS: (u64, u64) = (0, 1_000);
/// A wait for a change gives up after this long (the fault then strikes anyway).
pub const CHANGE_WAIT_MAX_MS: u64 = 40_000;
/// A healed fault lasts this long; half of the faults are kept until the liveness phase, so
/// that chains of faults (each one still on when the next strikes) are common.
const LASTS_MS: (u64, u64) = (1_000, 60_000);
const KEPT_PERCENT: u64 = 50;
/// `latency` faults slow a link to this one-way delay.
const LATENCY_MS: (u64, u64) = (100, 2_000);

/// One fault of the plan. The broker it hits is resolved when it starts: the leader of that
/// moment when `aimed_at_leader`, else one of the other brokers, drawn by `pick`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedFault {
    pub verb: String,
    /// When it starts, after the previous fault started (the first: after the producer).
    pub wait: Wait,
    /// How long it lasts before it is healed; `None`: kept until the liveness phase.
    pub lasts_ms: Option<u64>,
    pub aimed_at_leader: bool,
    /// Draws resolved at the start: the broker when not aimed, and the other end of a `cut`
    /// or `latency` (even: the controller quorum; odd: another broker).
    pub pick: u64,
    pub other_end: u64,
    pub latency_ms: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// This many ms.
    Fixed(u64),
    /// Until the partition's leader or ISR differs from what it was just after the previous
    /// fault started (at most `CHANGE_WAIT_MAX_MS`), then this many ms more.
    Change(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultPlan {
    /// In starting order.
    pub faults: Vec<PlannedFault>,
}

/// Draws the plan of one run: every budget's faults, shuffled together so any verb may come
/// first; those that start after `FAULT_WINDOW_MS` are dropped when the run gets there.
pub fn draw_plan(budgets: &[Budget], seed: u64) -> Result<FaultPlan, String> {
    let mut rng = SimRng::new(seed ^ PLAN_SALT);
    let mut verbs = Vec::new();
    for budget in budgets {
        budget.validate()?;
        for _ in 0..budget.count {
            verbs.push(budget.verbs[rng.below(budget.verbs.len() as u64) as usize].clone());
        }
    }
    shuffle(&mut verbs, &mut rng);
    let aimed = aimed_flags(verbs.len(), &mut rng);
    let mut wait = Wait::Fixed(between(&mut rng, FIRST_FAULT_MS));
    let mut faults = Vec::with_capacity(verbs.len());
    for (verb, aimed_at_leader) in verbs.into_iter().zip(aimed) {
        let lasts_ms = if rng.chance(KEPT_PERCENT) { None } else { Some(between(&mut rng, LASTS_MS)) };
        faults.push(PlannedFault {
            verb,
            wait,
            lasts_ms,
            aimed_at_leader,
            pick: rng.next_u64(),
            other_end: rng.next_u64(),
            latency_ms: between(&mut rng, LATENCY_MS),
        });
        wait = if rng.chance(CHANGE_PERCENT) {
            Wait::Change(between(&mut rng, AFTER_CHANGE_MS))
        } else {
            let gap = GAPS_MS[rng.below(GAPS_MS.len() as u64) as usize];
            Wait::Fixed(between(&mut rng, gap))
        };
    }
    Ok(FaultPlan { faults })
}

/// Exactly half of the faults, rounded up, aim at the leader: which ones is drawn.
fn aimed_flags(count: usize, rng: &mut SimRng) -> Vec<bool> {
    let mut flags: Vec<bool> = (0..count).map(|i| i < count.div_ceil(2)).collect();
    shuffle(&mut flags, rng);
    flags
}

/// Fisher–Yates, drawing from the run's generator.
fn shuffle<T>(items: &mut [T], rng: &mut SimRng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

fn between(rng: &mut SimRng, (low, high): (u64, u64)) -> u64 {
    low + rng.below(high - low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::defend::FAULT_WINDOW_MS;

    #[test]
    fn half_rounded_up_aim_at_the_leader() {
        let budgets = [Budget::new(2, &["stop", "cut"]), Budget::new(1, &["power-off"])];
        for seed in 0..50 {
            let plan = draw_plan(&budgets, seed).unwrap();
            assert_eq!(plan.faults.len(), 3);
            assert_eq!(plan.faults.iter().filter(|f| f.aimed_at_leader).count(), 2);
            assert_eq!(plan.faults.iter().filter(|f| f.verb == "power-off").count(), 1);
            assert!(matches!(plan.faults[0].wait, Wait::Fixed(ms) if ms < FAULT_WINDOW_MS));
        }
    }

    #[test]
    fn an_unknown_verb_is_refused() {
        assert!(draw_plan(&[Budget::new(1, &["elect"])], 0).is_err());
    }
}
