//! One run of the sweep: the scene, a steady producer, the seed's fault plan played against
//! the partition as it is at each moment, then the liveness phase, and what the run lost and
//! how much it acknowledged.
use super::driver::Driver;
use super::fault::{resolve, Resolved, Undo};
use super::plan::{draw_plan, FaultPlan, Wait, CHANGE_WAIT_MAX_MS};
use super::{Budget, ACK_DEADLINE_MS, FAULT_WINDOW_MS, RECORDS_PER_SECOND, SETTLE_MS};
use crate::sim::ids::PartitionId;

/// The gap between two records of the steady producer.
const RECORD_GAP_MS: u64 = 1_000 / RECORDS_PER_SECOND as u64;
/// How often a wait for the partition to change looks at it.
const WATCH_MS: u64 = 100;
/// The restart of a broker whose controlled shutdown is still under way (it waits until
/// every other active broker has caught up) is tried again this often; in the liveness phase
/// this many times.
const RESTART_RETRY_MS: u64 = 1_000;
const RESTART_TRIES: u32 = 60;

/// What one seed's run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedOutcome {
    pub seed: u64,
    /// `lost` after the liveness phase: acknowledged records the partition's leader lacks.
    pub lost: Vec<String>,
    /// Records sent while at most one fault was active, and how many of them were acked
    /// within `ACK_DEADLINE_MS`.
    pub calm_sent: u64,
    pub calm_acked: u64,
    /// The partition has a leader after the liveness phase (else `lost` cannot be told).
    pub settled: bool,
    /// The run as a scenario script: `kafka-sim run` on it replays it exactly.
    pub script: String,
}

/// Runs the scene `setup` (the choices already applied as `set` lines; a `seed` line in it
/// gives way to `seed`) under the faults that `seed` draws from `budgets`.
pub fn run_seed(setup: &str, budgets: &[Budget], seed: u64) -> Result<SeedOutcome, String> {
    let plan = draw_plan(budgets, seed)?;
    let mut driver = Driver::start(setup, seed)?;
    let (name, partition) = driver.watch_first_partition()?;
    driver.line(&format!("steady-rate {name} {RECORDS_PER_SECOND}"))?;
    let started_ms = driver.cluster.now_ms();
    let mut faults = play_faults(&mut driver, &plan, partition, started_ms)?;
    driver.line("steady-rate off")?;
    let sent = (driver.cluster.now_ms() - started_ms) / RECORD_GAP_MS + 1;
    let settle_from_ms = driver.cluster.now_ms();
    settle(&mut driver, &mut faults)?;
    let acked = driver.ack_times(partition);
    let (mut calm_sent, mut calm_acked) = (0, 0);
    for n in 1..=sent {
        let sent_ms = started_ms + (n - 1) * RECORD_GAP_MS;
        if faults.iter().filter(|f| f.active_at(sent_ms, settle_from_ms)).count() <= 1 {
            calm_sent += 1;
            let in_time = acked.get(&format!("r{n}")).is_some_and(|at| *at <= sent_ms + ACK_DEADLINE_MS);
            calm_acked += u64::from(in_time);
        }
    }
    let lost = driver.cluster.lost();
    Ok(SeedOutcome {
        seed,
        settled: lost.is_ok(),
        lost: lost.unwrap_or_default(),
        calm_sent,
        calm_acked,
        script: driver.script(),
    })
}

/// A fault the cluster accepted: its lines, and when it started, is to be healed and ended.
struct Applied {
    resolved: Resolved,
    from_ms: u64,
    heal_at_ms: Option<u64>,
    until_ms: Option<u64>,
}

impl Applied {
    /// Active at `ms`; a fault still on when the liveness phase begins ends there.
    fn active_at(&self, ms: u64, settle_from_ms: u64) -> bool {
        self.from_ms <= ms && ms < self.until_ms.unwrap_or(settle_from_ms)
    }
}

/// Starts the plan's faults one after another, each after its wait, and heals each when
/// its while is up, until the window closes (the producer stops just before). A fault the
/// cluster refuses (a crash of a broker already down) is dropped; a heal it refuses is left
/// to the liveness phase.
fn play_faults(
    driver: &mut Driver,
    plan: &FaultPlan,
    partition: PartitionId,
    started_ms: u64,
) -> Result<Vec<Applied>, String> {
    let window_end_ms = started_ms + FAULT_WINDOW_MS - RECORD_GAP_MS / 2;
    let brokers = driver.cluster.view().brokers.len() as u32;
    let latency_ms = driver.cluster.config().network_latency_ms;
    let mut faults: Vec<Applied> = Vec::new();
    let mut previous_ms = started_ms;
    for planned in &plan.faults {
        let start_ms = match planned.wait {
            Wait::Fixed(ms) => Some(previous_ms + ms),
            Wait::Change(ms) => wait_for_change(driver, &mut faults, partition, window_end_ms)?.map(|at| at + ms),
        };
        let Some(start_ms) = start_ms.filter(|at| *at < window_end_ms) else { break };
        advance(driver, &mut faults, start_ms)?;
        previous_ms = start_ms;
        let down: Vec<u32> = faults.iter().filter(|f| f.until_ms.is_none()).filter_map(|f| f.resolved.down).collect();
        let resolved = resolve(planned, driver.cluster.leader_of(partition), brokers, &down, latency_ms);
        if driver.try_line(&resolved.start)? {
            let heal_at_ms = planned.lasts_ms.map(|l| start_ms + l).filter(|at| *at < window_end_ms);
            faults.push(Applied { resolved, from_ms: start_ms, heal_at_ms, until_ms: None });
        }
    }
    advance(driver, &mut faults, window_end_ms)?;
    Ok(faults)
}

/// Runs until the partition's leader or ISR differs from now, or `CHANGE_WAIT_MAX_MS` has
/// passed; `None` if the window closes first.
fn wait_for_change(
    driver: &mut Driver,
    faults: &mut [Applied],
    partition: PartitionId,
    window_end_ms: u64,
) -> Result<Option<u64>, String> {
    let state = |d: &Driver| (d.cluster.leader_of(partition), d.cluster.isr_of(partition));
    let before = state(driver);
    let give_up_ms = (driver.cluster.now_ms() + CHANGE_WAIT_MAX_MS).min(window_end_ms);
    while driver.cluster.now_ms() < give_up_ms {
        let next = (driver.cluster.now_ms() + WATCH_MS).min(give_up_ms);
        advance(driver, faults, next)?;
        if state(driver) != before {
            return Ok(Some(driver.cluster.now_ms()));
        }
    }
    Ok(Some(driver.cluster.now_ms()).filter(|now| *now < window_end_ms))
}

/// Runs to `ms`, healing on the way every fault whose while is up.
fn advance(driver: &mut Driver, faults: &mut [Applied], ms: u64) -> Result<(), String> {
    loop {
        let due = (0..faults.len())
            .filter(|i| faults[*i].until_ms.is_none())
            .filter_map(|i| faults[i].heal_at_ms.filter(|at| *at <= ms).map(|at| (at, i)))
            .min();
        let Some((at, i)) = due else { break };
        driver.run_to(at);
        if still_running(driver, &faults[i]) {
            // A stopped broker is restarted once its controlled shutdown is complete: a
            // restart before that would kill it, an unclean shutdown the budget never drew.
            faults[i].heal_at_ms = Some(at + RESTART_RETRY_MS);
            continue;
        }
        faults[i].heal_at_ms = None;
        if driver.try_line(&faults[i].resolved.heal.clone())? {
            end_healed(faults, i, at);
        }
    }
    driver.run_to(ms);
    Ok(())
}

/// True for a `stop` whose broker has not finished its controlled shutdown yet.
fn still_running(driver: &Driver, fault: &Applied) -> bool {
    fault.resolved.down.is_some_and(|broker| driver.alive(broker))
}

/// Marks fault `at` healed at `now`; a `heal` of every link also ends every cut.
fn end_healed(faults: &mut [Applied], at: usize, now: u64) {
    let all_links = faults[at].resolved.undo == Undo::AllLinks;
    for (i, fault) in faults.iter_mut().enumerate() {
        let link = matches!(fault.resolved.undo, Undo::Link | Undo::AllLinks);
        if fault.until_ms.is_none() && (i == at || (all_links && link)) {
            fault.until_ms = Some(now);
        }
    }
}

/// The liveness phase: every link healed, every fetcher resumed, every broker restarted once
/// it is down (a controlled shutdown may still be under way), then `SETTLE_MS` of quiet.
fn settle(driver: &mut Driver, faults: &mut [Applied]) -> Result<(), String> {
    driver.line("heal")?;
    let mut restarts = Vec::new();
    for fault in faults.iter().filter(|f| f.until_ms.is_none()) {
        match fault.resolved.undo {
            Undo::Restart => restarts.extend(fault.resolved.down.map(|b| (b, fault.resolved.heal.clone()))),
            Undo::Own => driver.line(&fault.resolved.heal)?,
            Undo::Link | Undo::AllLinks => {}
        }
    }
    restarts.sort();
    restarts.dedup();
    for _ in 0..RESTART_TRIES {
        let mut refused = Vec::new();
        for (broker, line) in restarts {
            if driver.alive(broker) || !driver.try_line(&line)? {
                refused.push((broker, line));
            }
        }
        restarts = refused;
        if restarts.is_empty() {
            break;
        }
        let now = driver.cluster.now_ms();
        driver.run_to(now + RESTART_RETRY_MS);
    }
    let now = driver.cluster.now_ms();
    driver.run_to(now + SETTLE_MS);
    Ok(())
}
