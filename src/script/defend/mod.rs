//! The defend sweep (CURRICULUM §3 "Defend it", docs/lessons.md "A defend challenge"): the
//! learner's choices are checked not by one script but by many runs of the scene, each with
//! its own seed. One run (`run_seed`) is a steady producer (a record every 200 ms) under faults
//! drawn from the challenge's budget at random times within 2 minutes, at least half of them
//! aimed at the partition's leader of that moment, each healed after a random while or kept;
//! then everything is healed and restarted and the cluster settles (TigerBeetle's VOPR: a
//! safety phase under faults, then a liveness phase). The choices pass when no run loses an
//! acknowledged record and at least 95 % of the records sent while at most one fault was
//! active were acknowledged (`SweepTally`). Pure and deterministic: the only randomness is
//! `SimRng`, seeded by the run's seed, so a losing seed replays as the script it returns.
mod budget;
mod driver;
mod fault;
mod plan;
mod run;
mod tally;

pub use budget::{setup_with_choices, Budget, FAULT_VERBS};
pub use plan::{draw_plan, FaultPlan, PlannedFault, Wait};
pub use run::{run_seed, SeedOutcome};
pub use tally::{sweep, SweepTally, Verdict};

/// The producer's rate: one record every 200 ms (CURRICULUM §3).
pub const RECORDS_PER_SECOND: u32 = 5;
/// Faults fall within this window after the producer starts; the producer stops at its end.
pub const FAULT_WINDOW_MS: u64 = 120_000;
/// The liveness phase: long enough for a broker's session to expire (9 s), the restarted
/// brokers to register and catch up, and the producer's retries to be answered.
pub const SETTLE_MS: u64 = 60_000;
/// A calm record counts as acknowledged when its acknowledgement came within this long of
/// its send. The producer retries a refused write for delivery.timeout.ms (2 minutes), so
/// without a bound nearly every record is acknowledged at last, once the liveness phase has
/// healed everything, and a min ISR equal to rf would pass (CURRICULUM §3 rules it out).
pub const ACK_DEADLINE_MS: u64 = 60_000;
/// The share of the calm records (sent while at most one fault was active) that must be
/// acknowledged, in percent.
pub const MIN_ACKED_PERCENT: u64 = 95;
