//! The parser and runner never panic, whatever the text: arbitrary strings, and scripts
//! built from the language's own words in random order with random arguments (so most
//! lines parse and reach the core: unknown brokers, absent topics, crashes of crashed
//! brokers, fetches by non-followers, ...). Durations are kept small so a case stays fast.
use proptest::prelude::*;
use replication_playground::script::ScriptRun;

fn line() -> impl Strategy<Value = String> {
    let broker = 0u32..7;
    let small = 0u32..5;
    prop_oneof![
        (1u32..6).prop_map(|n| format!("brokers {n}")),
        (1u32..6).prop_map(|n| format!("brokers {n} racks=a,b")),
        (small.clone(), 0u32..5).prop_map(|(p, r)| format!("topic create t partitions={p} rf={r} min-isr=2")),
        (1u32..4, 1u32..4).prop_map(|(p, r)| format!("topic create u partitions={p} rf={r} start=0")),
        (small.clone(), any::<u16>()).prop_map(|(p, v)| format!("produce t-{p} v{v}")),
        any::<u16>().prop_map(|v| format!("produce t k{v} key=a acks=1")),
        (small.clone(), any::<u16>()).prop_map(|(p, v)| format!("produce u-{p} w{v} acks=0 producer=p2")),
        small.clone().prop_map(|p| format!("consume t-{p} from=0")),
        broker.clone().prop_map(|b| format!("crash broker {b}")),
        broker.clone().prop_map(|b| format!("power-off broker {b}")),
        broker.clone().prop_map(|b| format!("restart broker {b}")),
        broker.clone().prop_map(|b| format!("stop broker {b}")),
        broker.clone().prop_map(|b| format!("flush broker {b}")),
        broker.clone().prop_map(|b| format!("isolate broker {b}")),
        broker.clone().prop_map(|b| format!("pause-fetch broker {b}")),
        broker.clone().prop_map(|b| format!("resume-fetch broker {b}")),
        (broker.clone(), small.clone()).prop_map(|(b, p)| format!("fetch {b} t-{p}")),
        (broker.clone(), broker.clone()).prop_map(|(a, b)| format!("cut {a} {b}")),
        broker.clone().prop_map(|b| format!("cut {b} controller")),
        broker.clone().prop_map(|b| format!("cut {b} producer")),
        (0u32..5).prop_map(|n| format!("crash controller {n}")),
        (0u32..5).prop_map(|n| format!("restart controller {n}")),
        Just("heal".to_string()),
        Just("elect preferred".to_string()),
        small.clone().prop_map(|p| format!("elect preferred t-{p}")),
        (0u32..3000).prop_map(|d| format!("run {d}")),
        (0u32..50).prop_map(|n| format!("step {n}")),
        (small.clone(), broker.clone()).prop_map(|(p, b)| format!("await leader t-{p} = {b} within 2s")),
        (small.clone(), broker.clone()).prop_map(|(p, b)| format!("expect hw t-{p}@{b} = 0")),
        Just("expect lost = []".to_string()),
        (small.clone(), 0u32..3).prop_map(|(p, n)| format!("expect isr t-{p} = [{n}]")),
        Just("set unclean.leader.election.enable true".to_string()),
        Just("set sim.truncation high-watermark".to_string()),
        Just("set sim.replication manual".to_string()),
        Just("set sim.controllers 1".to_string()),
        broker.clone().prop_map(|b| format!("broker remove {b}")),
        broker.prop_map(|b| format!("broker add id={b} rack=r")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = ScriptRun::new().run_script(&text);
    }

    /// Runs every line, ignoring failures, so later lines still reach the core.
    #[test]
    fn random_scripts_never_panic(lines in prop::collection::vec(line(), 1..40)) {
        let mut runner = ScriptRun::new();
        for (i, text) in lines.iter().enumerate() {
            if let Ok(Some(statement)) = replication_playground::script::parse::parse_line(text, i as u32 + 1) {
                let _ = runner.execute(&statement, i as u32 + 1);
            }
        }
        let _ = runner.cluster().view();
    }
}
