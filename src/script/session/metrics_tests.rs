//! The session keeps Kafka's metrics series beside its trace: the same points as
//! `kafka-sim` records for the same script, untouched by seeks, and cut where a branch
//! discards the future.
use crate::script::session::Session;
use crate::script::ScriptRun;
use crate::sim::metrics::Metric;

const SCRIPT: &str = "brokers 3 racks=a,b,c
topic create orders partitions=3 rf=3 min-isr=2 start=0
run 1s
crash broker 1
run 20s
restart broker 1
run 30s
";

fn urp(session: &Session) -> Vec<u64> {
    session.metric_series().of(Metric::UnderReplicatedPartitions).map(|p| p.value).collect()
}

#[test]
fn the_series_is_the_script_runs_and_survives_seeks() {
    let mut session = Session::from_script(SCRIPT).unwrap();
    let mut run = ScriptRun::new();
    run.run_script(SCRIPT).unwrap();
    assert_eq!(session.metric_series(), run.metric_series());
    assert_eq!(urp(&session), [1, 2, 3, 2, 1, 0]);
    let recorded = session.metric_series().clone();
    session.seek(10_000);
    assert_eq!(session.cluster().metric(Metric::UnderReplicatedPartitions), 3, "the shown state's own value");
    session.back_to_live();
    assert_eq!(session.metric_series(), &recorded);
    assert!(session.metric_series().points().iter().all(|p| (p.event_index as usize) < session.events().len()));
}

#[test]
fn a_branch_cuts_the_series_where_it_cuts_the_trace() {
    let mut session = Session::from_script(SCRIPT).unwrap();
    session.seek(10_000);
    session.execute("restart broker 1").unwrap();
    assert_eq!(urp(&session), [1, 2, 3]);
    session.advance(30_000);
    assert_eq!(urp(&session), [1, 2, 3, 2, 1, 0]);
    let last = session.metric_series().points().last().unwrap().event_index as usize;
    assert!(last < session.events().len());
}
