//! `kafka-topics.sh --describe` in and out. In: the text any Kafka since the ZooKeeper era
//! printed (parse.rs; by `Key:`, not by column, wrapped lines joined) becomes a scenario
//! script that builds that cluster with the language's own verbs (to_script.rs), run once
//! here to check it does (compare.rs): what could not be reached is said, never hidden.
//! Out: a cluster's state printed as Kafka 4.x or 3.7 prints it (export.rs).
pub mod check;
pub mod compare;
pub mod complete;
pub mod error;
pub mod export;
pub mod fields;
pub mod model;
pub mod moves;
pub mod parse;
pub mod plan;
pub mod records;
pub mod snapshot;
pub mod to_script;
pub mod topic_id;

pub use compare::compare;
pub use error::{report, DescribeError};
pub use export::{format_description, Format};
pub use model::Description;
pub use parse::parse_describe;
pub use snapshot::describe_cluster;

use crate::script::ScriptRun;
use crate::sim::Cluster;

/// An imported describe: the script and what it assumes or could not reproduce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub script: String,
    pub assumptions: Vec<String>,
    /// The broker id shift applied (1 when the input named broker 0, else 0).
    pub id_shift: u32,
}

impl Import {
    /// The script with its assumptions as `#` comments on top: a `.scenario` file.
    pub fn scenario(&self) -> String {
        let mut text = String::from("# imported from kafka-topics.sh --describe\n");
        for note in &self.assumptions {
            text.push_str(&format!("# assumption: {note}\n"));
        }
        text.push_str(&self.script);
        text
    }
}

/// What is never in a describe, so always assumed.
const ALWAYS: [&str; 3] = [
    "racks unknown: the brokers have none",
    "log contents synthetic: logs are empty but for one record (behind-TOPIC-N) on each partition with a follower behind, which puts it behind",
    "topic ids are not kept: the simulator derives them from the seed and the topic's name",
];

/// `Configs:` entries the simulator has no use for, named once, and topics being deleted.
fn ignored_configs(description: &Description) -> Vec<String> {
    let mut notes = Vec::new();
    for topic in &description.topics {
        let configs = topic.header.as_ref().map(|h| h.configs.as_slice()).unwrap_or_default();
        let ignored: Vec<String> =
            configs.iter().filter(|(k, _)| k != "min.insync.replicas").map(|(k, v)| format!("{k}={v}")).collect();
        if topic.header.as_ref().is_some_and(|h| h.marked_for_deletion) {
            notes.push(format!("{}: marked for deletion in the input; created as a live topic", topic.name));
        }
        if !ignored.is_empty() {
            notes.push(format!(
                "{}: configs ignored (the simulator does not model them): {}",
                topic.name,
                ignored.join(",")
            ));
        }
    }
    notes
}

/// Imports a describe: the script that builds its cluster, checked by running it, or every
/// malformed line.
pub fn import_describe(text: &str) -> Result<Import, Vec<DescribeError>> {
    let mut description = parse_describe(text)?;
    let mut notes: Vec<String> = ALWAYS.iter().map(|s| s.to_string()).collect();
    notes.extend(ignored_configs(&description));
    let id_shift = complete::shift_ids(&mut description, &mut notes);
    complete::complete(&mut description, &mut notes);
    let plan = plan::plan(&description);
    if !plan.partly_behind.is_empty() {
        notes.push(format!(
            "broker(s) {} are out of sync on some partitions and in sync on others led by the same broker: the simulator stalls a broker's whole fetcher or cuts a whole link, so they stay in sync",
            to_script::ids(&plan.partly_behind)
        ));
    }
    if !plan.leader_moves.is_empty() {
        notes.push("leaders other than the preferred were reached by stopping and restarting the brokers before them, with auto.leader.rebalance.enable off".into());
    }
    let with_elr = complete::has_elr(&description);
    let script = to_script::script_lines(&description, &plan, with_elr).join("\n") + "\n";
    notes.extend(verify(&script, &description)?);
    Ok(Import { script, assumptions: notes, id_shift })
}

/// Runs the script and names every partition whose state differs from the input.
fn verify(script: &str, want: &Description) -> Result<Vec<String>, Vec<DescribeError>> {
    let mut run = ScriptRun::new();
    run.run_script(script).map_err(|e| vec![DescribeError::new(0, format!("the generated script failed: {e}"))])?;
    let found = compare(want, &describe_cluster(run.cluster()));
    Ok(found.into_iter().map(|d| format!("not reproduced: {d}")).collect())
}

/// The cluster's describe as Kafka prints it.
pub fn describe(cluster: &Cluster, format: Format) -> String {
    format_description(&describe_cluster(cluster), format)
}
