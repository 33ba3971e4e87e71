//! The sweep's verdict, accumulated one run at a time so the page can run its 200 seeds in
//! small chunks between frames: the choices pass when no run lost an acknowledged record and
//! at least 95 % of the records sent while at most one fault was active were acknowledged
//! (CURRICULUM §3: this rules out acks=0 and a min ISR equal to rf).
use super::run::{run_seed, SeedOutcome};
use super::{Budget, MIN_ACKED_PERCENT};

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Pass,
    /// The first run (in the order added) that lost acknowledged records, with its script.
    Lost {
        seed: u64,
        lost: Vec<String>,
        script: String,
    },
    /// A run whose partition still had no leader after the liveness phase.
    Offline {
        seed: u64,
        script: String,
    },
    /// Too few of the calm records were acknowledged, over every run.
    Unavailable {
        acked_fraction: f64,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SweepTally {
    pub runs: u64,
    pub calm_sent: u64,
    pub calm_acked: u64,
    first_lost: Option<SeedOutcome>,
    first_offline: Option<SeedOutcome>,
}

impl SweepTally {
    pub fn new() -> Self {
        SweepTally::default()
    }

    pub fn add(&mut self, outcome: SeedOutcome) {
        self.runs += 1;
        self.calm_sent += outcome.calm_sent;
        self.calm_acked += outcome.calm_acked;
        if !outcome.lost.is_empty() && self.first_lost.is_none() {
            self.first_lost = Some(outcome);
        } else if !outcome.settled && self.first_offline.is_none() {
            self.first_offline = Some(outcome);
        }
    }

    /// The share of calm records acknowledged so far (1 when none was sent).
    pub fn acked_fraction(&self) -> f64 {
        if self.calm_sent == 0 {
            return 1.0;
        }
        self.calm_acked as f64 / self.calm_sent as f64
    }

    /// A loss decides first (it is what the challenge defends against), then a partition
    /// left offline, then availability.
    pub fn verdict(&self) -> Verdict {
        if let Some(run) = &self.first_lost {
            return Verdict::Lost { seed: run.seed, lost: run.lost.clone(), script: run.script.clone() };
        }
        if let Some(run) = &self.first_offline {
            return Verdict::Offline { seed: run.seed, script: run.script.clone() };
        }
        // Integer comparison: acked / sent >= 95 %, exact on every platform.
        if self.calm_acked * 100 < self.calm_sent * MIN_ACKED_PERCENT {
            return Verdict::Unavailable { acked_fraction: self.acked_fraction() };
        }
        Verdict::Pass
    }

    /// True once a run has lost a record: later seeds cannot change the verdict.
    pub fn decided(&self) -> bool {
        self.first_lost.is_some()
    }
}

/// Runs every seed of `seeds` and returns the verdict, stopping at the first loss. A scene
/// or budget the sweep cannot run is an error.
pub fn sweep(setup: &str, budgets: &[Budget], seeds: std::ops::Range<u64>) -> Result<Verdict, String> {
    let mut tally = SweepTally::new();
    for seed in seeds {
        tally.add(run_seed(setup, budgets, seed)?);
        if tally.decided() {
            break;
        }
    }
    Ok(tally.verdict())
}
