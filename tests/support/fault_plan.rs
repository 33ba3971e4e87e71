//! Random fault plans for the seed sweep, written as scenario-script lines so that any
//! failing seed can be replayed with `kafka-sim run`. The plan is built step by step
//! against the running cluster, so it only asks for what is possible at that moment
//! (restart a broker that is down, power off only a healthy cluster, ...).
use replication_playground::script::parse::parse_line;
use replication_playground::script::{RunError, Runner};
use replication_playground::sim::rng::SimRng;
use replication_playground::sim::BrokerStatus;

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
    pub runner: Runner,
    pub error: Option<RunError>,
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
        self.down_count() == 0 && view.partitions.iter().all(|p| p.isr.len() == p.replicas.len())
    }

    fn setup(&mut self) {
        let seed = self.rng.next_u64() % 1_000_000;
        self.exec(format!("seed {seed}"));
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
        if action == 11 && self.settings == Settings::Safe && self.healthy() {
            self.lossy = true;
        }
        match action {
            0..=6 => self.produce_some(),
            7 => self.exec(format!("consume t-{partition}")),
            8..=9 if self.down_count() + 1 < self.brokers as usize => self.exec_if_alive(broker, "crash broker"),
            10 if self.down_count() + 1 < self.brokers as usize => self.exec_if_alive(broker, "stop broker"),
            11 if self.settings == Settings::Unsafe || self.healthy() => self.exec_if_alive(broker, "power-off broker"),
            12..=13 => self.restart_one(),
            14 => self.cut_something(),
            15 => self.exec("heal".into()),
            16 => self.exec(format!("pause-fetch broker {broker}")),
            17 => self.exec(format!("resume-fetch broker {broker}")),
            18 => self.exec_if_alive(broker, "flush broker"),
            _ => self.exec("elect preferred".into()),
        }
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

/// Builds and runs a random plan: a fault phase of `actions` steps, then (when
/// `liveness` is set) a healing phase that waits for every ISR to be full again.
pub fn run_plan(sweep_seed: u64, settings: Settings, actions: u32, liveness: bool) -> PlanRun {
    let mut rng = SimRng::new(sweep_seed ^ 0x5eed_5eed);
    let brokers = 3 + rng.below(3) as u32;
    let topic_partitions = 1 + rng.below(3) as u32;
    let run = PlanRun { script: Vec::new(), runner: Runner::new(), error: None };
    let mut planner = Planner { rng, run, brokers, topic_partitions, records: 0, settings, lossy: false };
    planner.setup();
    for _ in 0..actions {
        planner.random_action();
        let pause = planner.pick(3_000);
        planner.exec(format!("run {pause}"));
    }
    if liveness {
        planner.heal_everything();
        for p in 0..topic_partitions {
            let isr: Vec<String> = planner.run.runner.cluster().replicas_of(replication_playground::sim::ids::PartitionId(p)).iter().map(|b| b.to_string()).collect();
            planner.exec(format!("await isr t-{p} = [{}] within 3m", isr.join(",")));
        }
        planner.exec("run 2s".into());
    }
    planner.run
}
