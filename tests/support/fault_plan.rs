//! Random fault plans for the seed sweep, written as scenario-script lines so that any
//! failing seed can be replayed with `kafka-sim run`. The plan is built step by step
//! against the running cluster, so it only asks for what is possible at that moment
//! (restart a broker that is down, power off only a healthy cluster, ...).
use std::collections::BTreeMap;

use replication_playground::script::parse::parse_line;
use replication_playground::script::{ScriptError, ScriptRun};
use replication_playground::sim::ids::{Millis, PartitionId};
use replication_playground::sim::rng::SimRng;
use replication_playground::sim::{BrokerStatus, EventKind};

/// Which settings the sweep runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settings {
    /// acks=all, min-isr 2, rf 3, clean elections, leader-epoch truncation.
    Safe,
    /// Unclean elections, acks=1 and high-watermark truncation: losses are possible.
    Unsafe,
}

pub struct PlanRun {
    pub script: Vec<String>,
    pub runner: ScriptRun,
    pub error: Option<ScriptError>,
}

impl PlanRun {
    pub fn script_text(&self) -> String {
        self.script.join("\n") + "\n"
    }
}

struct Planner {
    rng: SimRng,
    run: PlanRun,
    brokers: u32,
    topic_partitions: u32,
    records: u64,
    settings: Settings,
    /// A powered-off broker that has not yet rejoined every ISR. Kafka's durability
    /// assumes at most rf - min-isr replicas lose data; a replica that lost its
    /// unflushed tail has used that allowance until it has caught up again.
    lossy: bool,
    /// Eligible Leader Replicas on (a new 4.1+ cluster) or off (the classic rules).
    elr: bool,
    /// Poll like a real consumer's loop: a partition is polled again only once the last
    /// poll was answered or given up (else two fetches from one position deliver the same
    /// records twice). Off in `run_plan`, whose traces are pinned by the determinism test.
    one_poll_at_a_time: bool,
    /// Per partition: where the trace stood and the time when the last poll was issued.
    last_poll: BTreeMap<u32, (usize, Millis)>,
}

impl Planner {
    fn exec(&mut self, line: String) {
        if self.run.error.is_some() {
            return;
        }
        let number = self.run.script.len() as u32 + 1;
        let statement = parse_line(&line, number).expect("the planner writes valid lines").expect("not blank");
        self.run.script.push(line);
        if let Err(e) = self.run.runner.execute(&statement, number) {
            self.run.error = Some(e);
        }
    }

    fn pick(&mut self, n: u32) -> u32 {
        self.rng.below(n as u64) as u32
    }

    fn brokers_with(&self, status: BrokerStatus) -> Vec<u32> {
        let view = self.run.runner.cluster().view();
        view.brokers.iter().filter(|b| b.status == status).map(|b| b.id).collect()
    }

    fn down_count(&self) -> usize {
        self.run.runner.cluster().view().brokers.iter().filter(|b| b.status != BrokerStatus::Alive).count()
    }

    /// Every broker alive and every ISR full: the only time a power-off is allowed under
    /// safe settings (two replicas losing unflushed writes at once loses acked data in
    /// real Kafka too; that is what flush settings and KIP-966 are about).
    fn healthy(&self) -> bool {
        let view = self.run.runner.cluster().view();
        // A restarted broker the controller has not taken back yet (its old session is still
        // valid) may have lost its tail while the ISR still counts it: not healthy.
        let all_registered = view.brokers.iter().all(|b| b.registered);
        self.down_count() == 0 && all_registered && view.partitions.iter().all(|p| p.isr.len() == p.replicas.len())
    }

    fn setup(&mut self) {
        let seed = self.rng.next_u64() % 1_000_000;
        self.exec(format!("seed {seed}"));
        // Half the plans run the classic rules, half a new 4.1+ cluster's Eligible Leader
        // Replicas (the default): both must stay safe and converge.
        self.elr = self.rng.next_u64() % 2 == 1;
        if !self.elr {
            self.exec("set eligible.leader.replicas.version 0".into());
        }
        if self.settings == Settings::Unsafe {
            self.exec("set unclean.leader.election.enable true".into());
            self.exec("set sim.truncation high-watermark".into());
            self.exec("set acks 1".into());
        }
        self.exec("set replica.lag.time.max.ms 10000".into());
        self.exec(format!("brokers {} racks=a,b,c", self.brokers));
        self.exec(format!("topic create t partitions={} rf=3 min-isr=2", self.topic_partitions));
    }

    fn random_action(&mut self) {
        let broker = 1 + self.pick(self.brokers);
        let partition = self.pick(self.topic_partitions);
        if self.lossy && self.healthy() {
            self.lossy = false;
        }
        let action = self.pick(20);
        if self.lossy && (8..=17).contains(&action) {
            // No further faults while a replica that lost data catches up.
            self.restart_one();
            return;
        }
        if action == 11 && self.settings == Settings::Safe && self.elr && self.healthy() {
            self.lossy = true;
        }
        match action {
            0..=6 => self.produce_some(),
            7 => self.poll(partition),
            8..=9 if self.down_count() + 1 < self.brokers as usize => self.exec_if_alive(broker, "crash broker"),
            10 if self.down_count() + 1 < self.brokers as usize => self.exec_if_alive(broker, "stop broker"),
            // Without ELR a power-off is outside the safe envelope: the controller may count the
            // broker that lost its tail as the ISR's last member and elect it (the double fault
            // of power-off-last-isr-member-loses-acked-without-elr.scenario; what KIP-966 fixes).
            11 if self.settings == Settings::Unsafe || (self.elr && self.healthy()) => {
                self.exec_if_alive(broker, "power-off broker")
            }
            12..=13 => self.restart_one(),
            14 => self.cut_something(),
            15 => self.exec("heal".into()),
            16 => self.exec(format!("pause-fetch broker {broker}")),
            17 => self.exec(format!("resume-fetch broker {broker}")),
            18 => self.exec_if_alive(broker, "flush broker"),
            _ => self.exec("elect preferred".into()),
        }
    }

    fn poll(&mut self, partition: u32) {
        if self.one_poll_at_a_time && self.poll_outstanding(partition) {
            return;
        }
        let at = (self.run.runner.trace().len(), self.run.runner.cluster().now_ms());
        self.last_poll.insert(partition, at);
        self.exec(format!("consume t-{partition}"));
    }

    /// The consumer's last poll of `partition` is neither answered nor past the
    /// consumer's give-up time (request.timeout.ms, plus a second for the retry timer).
    fn poll_outstanding(&self, partition: u32) -> bool {
        let Some(&(before, issued_ms)) = self.last_poll.get(&partition) else { return false };
        let cluster = self.run.runner.cluster();
        if cluster.now_ms() > issued_ms + cluster.config().request_timeout_ms + 1_000 {
            return false;
        }
        let Some(consumer) = cluster.client_by_name(CONSUMER) else { return false };
        let answered = self.run.runner.trace()[before..].iter().any(|e| {
            matches!(e.kind, EventKind::ConsumerFetched { client, partition: p, .. } if client == consumer && p == PartitionId(partition))
        });
        !answered
    }

    fn exec_if_alive(&mut self, broker: u32, verb: &str) {
        if self.brokers_with(BrokerStatus::Alive).contains(&broker) {
            self.exec(format!("{verb} {broker}"));
        }
    }

    fn restart_one(&mut self) {
        let mut down = self.brokers_with(BrokerStatus::Crashed);
        down.extend(self.brokers_with(BrokerStatus::Stopped));
        if !down.is_empty() {
            let b = down[self.pick(down.len() as u32) as usize];
            self.exec(format!("restart broker {b}"));
        }
    }

    fn cut_something(&mut self) {
        let a = 1 + self.pick(self.brokers);
        match self.pick(4) {
            0 => self.exec(format!("cut {a} controller")),
            1 => self.exec(format!("cut {a} producer")),
            2 => self.exec(format!("isolate broker {a}")),
            _ => {
                let b = 1 + (a + self.pick(self.brokers - 1)) % self.brokers;
                if a != b {
                    self.exec(format!("cut {a} {b}"));
                }
            }
        }
    }

    fn produce_some(&mut self) {
        for _ in 0..1 + self.pick(3) {
            self.records += 1;
            let value = format!("r{}", self.records);
            if self.pick(2) == 0 {
                self.exec(format!("produce t {value}"));
            } else {
                let partition = self.pick(self.topic_partitions);
                self.exec(format!("produce t-{partition} {value}"));
            }
        }
    }

    /// Heal everything and bring every broker back: the cluster must converge.
    fn heal_everything(&mut self) {
        self.exec("heal".into());
        for b in 1..=self.brokers {
            self.exec(format!("resume-fetch broker {b}"));
        }
        // A controlled shutdown still under way finishes (or gives up) within the
        // session timeout: wait it out so every broker that ends up down is restarted.
        self.exec("run 10s".into());
        for b in self.brokers_with(BrokerStatus::Crashed).into_iter().chain(self.brokers_with(BrokerStatus::Stopped)) {
            self.exec(format!("restart broker {b}"));
        }
    }
}

/// The consumer of `consume` without `consumer=`.
const CONSUMER: &str = "consumer";

/// The consumer that reads every partition from offset 0 once everything is healed, so
/// that a lost write is visible from the outside (`client_history.rs`).
pub const FINAL_READER: &str = "final-reader";

/// At most this many polls per partition in the final read (a poll returns up to 500
/// records, a plan sends a few hundred at most: two or three polls reach the end).
const MAX_FINAL_POLLS: u32 = 8;

/// At most this many 200 ms steps waiting for one poll to be answered: 32 s, past the
/// consumer's 30 s give-up (request.timeout.ms), so no fetch outlives the wait.
const MAX_POLL_WAIT_STEPS: u32 = 160;

impl Planner {
    /// The consumer `final-reader` reads each partition from offset 0, one poll at a time
    /// (as a real consumer's poll loop: never two fetches of a partition at once), until
    /// a poll comes back empty — it reached the end of what is committed.
    fn final_read(&mut self) {
        for p in 0..self.topic_partitions {
            let mut from = " from=0";
            for _ in 0..MAX_FINAL_POLLS {
                let before = self.run.runner.trace().len();
                self.exec(format!("consume t-{p}{from} consumer={FINAL_READER}"));
                from = "";
                match self.await_final_poll(p, before) {
                    Some(0) => break,
                    _ if self.run.error.is_some() => return,
                    // Records, or no answer: poll again from where the reader stands.
                    _ => {}
                }
            }
        }
    }

    /// Runs until the final reader's poll of partition `p` issued after trace position
    /// `before` is answered: `Some(records received)`, or `None` when no answer came
    /// within the consumer's give-up time (a fetch that failed is retried by the
    /// consumer until then, so only waiting it out guarantees no fetch is left behind).
    fn await_final_poll(&mut self, p: u32, before: usize) -> Option<u32> {
        for _ in 0..MAX_POLL_WAIT_STEPS {
            if let Some(count) = self.final_poll_count(p, before) {
                return Some(count);
            }
            if self.run.error.is_some() {
                return None;
            }
            self.exec("run 200ms".into());
        }
        None
    }

    fn final_poll_count(&self, p: u32, before: usize) -> Option<u32> {
        let reader = self.run.runner.cluster().client_by_name(FINAL_READER)?;
        self.run.runner.trace()[before..].iter().find_map(|event| match event.kind {
            EventKind::ConsumerFetched { client, partition, count, .. }
                if client == reader && partition == PartitionId(p) =>
            {
                Some(count)
            }
            _ => None,
        })
    }

    /// Waits (up to delivery.timeout.ms) until the producer has a final answer for every
    /// send: an ack arriving after the final read began would look lost from the outside.
    fn await_sends_answered(&mut self) {
        let steps = self.run.runner.cluster().config().delivery_timeout_ms / 1_000 + 2;
        for _ in 0..steps {
            let clients = self.run.runner.cluster().clients_view(usize::MAX);
            let pending = clients.iter().flat_map(|c| &c.records).any(|r| r.status == "pending");
            if !pending || self.run.error.is_some() {
                return;
            }
            self.exec("run 1s".into());
        }
    }

    /// Waits until every partition's leader has committed all it holds (HW = LEO), at most
    /// `replica.socket.timeout.ms` plus twice `replica.lag.time.max.ms`: a full ISR does not
    /// mean a committed log yet. A new leader's HW waits for every ISR follower to fetch
    /// from it, and a follower whose fetch was lost on a cut waits out the socket timeout
    /// first, or is dropped from the ISR after the lag time (`Partition.maybeIncrementLeaderHW`,
    /// `AbstractFetcherThread`). Reading before that would call committed records lost.
    fn await_committed(&mut self) {
        let config = self.run.runner.cluster().config();
        let steps = (config.replica_socket_timeout_ms + 2 * config.replica_lag_time_max_ms) / 1_000 + 2;
        for _ in 0..steps {
            let cluster = self.run.runner.cluster();
            let settled = (0..cluster.partition_count()).all(|p| {
                let p = PartitionId(p);
                matches!((cluster.replica_hw(p, None), cluster.replica_leo(p, None)), (Ok(hw), Ok(leo)) if hw == leo)
            });
            if settled || self.run.error.is_some() {
                return;
            }
            self.exec("run 1s".into());
        }
    }

    /// Unsafe settings promise no convergence (an unclean leader may be needed, or none
    /// left): heal, bring everyone back, and give the cluster time to settle.
    fn heal_and_settle(&mut self) {
        self.heal_everything();
        self.exec("run 30s".into());
    }

    fn await_full_isrs(&mut self) {
        for p in 0..self.topic_partitions {
            let isr: Vec<String> =
                self.run.runner.cluster().replicas_of(PartitionId(p)).iter().map(|b| b.to_string()).collect();
            self.exec(format!("await isr t-{p} = [{}] within 3m", isr.join(",")));
        }
        self.exec("run 2s".into());
    }
}

/// Sets up the cluster and runs the fault phase: `actions` random steps.
fn fault_phase(sweep_seed: u64, settings: Settings, actions: u32, one_poll_at_a_time: bool) -> Planner {
    let mut rng = SimRng::new(sweep_seed ^ 0x5eed_5eed);
    let brokers = 3 + rng.below(3) as u32;
    let topic_partitions = 1 + rng.below(3) as u32;
    let run = PlanRun { script: Vec::new(), runner: ScriptRun::new(), error: None };
    let last_poll = BTreeMap::new();
    let mut planner = Planner {
        rng,
        run,
        brokers,
        topic_partitions,
        records: 0,
        settings,
        lossy: false,
        elr: true,
        one_poll_at_a_time,
        last_poll,
    };
    planner.setup();
    for _ in 0..actions {
        planner.random_action();
        let pause = planner.pick(3_000);
        planner.exec(format!("run {pause}"));
    }
    planner
}

/// Builds and runs a random plan: a fault phase of `actions` steps, then (when
/// `liveness` is set) a healing phase that waits for every ISR to be full again.
pub fn run_plan(sweep_seed: u64, settings: Settings, actions: u32, liveness: bool) -> PlanRun {
    let mut planner = fault_phase(sweep_seed, settings, actions, false);
    if liveness {
        planner.heal_everything();
        planner.await_full_isrs();
    }
    planner.run
}

/// The sweep's plan: the fault phase, healing (safe settings must then converge: every
/// ISR full again; unsafe ones get time to settle), then the final read of every
/// partition from offset 0, once every send has its final answer. The same faults as
/// `run_plan(.., true)`, but the consumer polls one partition at a time as a real one does.
pub fn run_plan_with_final_read(sweep_seed: u64, settings: Settings, actions: u32) -> PlanRun {
    let mut planner = fault_phase(sweep_seed, settings, actions, true);
    match settings {
        Settings::Safe => {
            planner.heal_everything();
            planner.await_full_isrs();
        }
        Settings::Unsafe => planner.heal_and_settle(),
    }
    planner.await_sends_answered();
    planner.await_committed();
    planner.final_read();
    planner.run
}
