//! The language's vocabulary: `VERBS`, every command and query with its syntax, meaning and
//! an example (what `kafka-sim --help` and the console print), and the did-you-mean
//! suggestions the parser adds to an unknown word. Kept apart from the parser because the
//! table is read on its own (help text, the console's verb list) and the suggestions only
//! need the words, not the grammar.
use crate::sim::edit_distance::edit_distance;

/// Every command and query: (verb, syntax, whether it is a query). Commands come first;
/// queries follow. The console offers the syntaxes as it is typed into and `kafka-sim
/// --help` prints them; the parser takes its words (and its suggestions) from here.
pub const VERBS: &[(&str, &str, bool)] = &[
    ("seed", "seed N", false),
    ("set", "set KEY VALUE", false),
    ("brokers", "brokers N [racks=a,b,c]", false),
    ("broker add", "broker add [id=N] [rack=R]", false),
    ("broker remove", "broker remove N", false),
    (
        "topic create",
        "topic create NAME partitions=P rf=R [min-isr=M] [start=K] [placer=admin-utils|striped] [replicas=1,2,3/2,3,1]",
        false,
    ),
    ("produce", "produce TOPIC[-N] VALUE [key=K] [acks=all|1|0] [producer=NAME]", false),
    ("steady-rate", "steady-rate TOPIC[-N] PER_SECOND [acks=all|1|0] [producer=NAME]", false),
    ("steady-rate off", "steady-rate off [producer=NAME]", false),
    ("consume", "consume TOPIC-N [from=OFFSET] [consumer=NAME]", false),
    ("crash broker", "crash broker N", false),
    ("crash controller", "crash controller N", false),
    ("power-off broker", "power-off broker N", false),
    ("flush broker", "flush broker N", false),
    ("stop broker", "stop broker N", false),
    ("restart broker", "restart broker N", false),
    ("restart controller", "restart controller N", false),
    ("cut", "cut A B", false),
    ("heal", "heal [A B]", false),
    ("isolate broker", "isolate broker N", false),
    ("pause-fetch broker", "pause-fetch broker N", false),
    ("resume-fetch broker", "resume-fetch broker N", false),
    ("fetch", "fetch N TOPIC-N", false),
    ("elect preferred", "elect preferred [TOPIC-N]", false),
    ("elect unclean", "elect unclean TOPIC-N", false),
    ("latency", "latency A B D", false),
    ("run", "run D", false),
    ("step", "step [N]", false),
    ("await", "await QUERY = VALUE [within D]", false),
    ("expect", "expect QUERY = VALUE", false),
    ("leader", "leader TOPIC-N", true),
    ("epoch", "epoch TOPIC-N", true),
    ("replicas", "replicas TOPIC-N", true),
    ("isr", "isr TOPIC-N", true),
    ("elr", "elr TOPIC-N", true),
    ("last-leader", "last-leader TOPIC-N", true),
    ("leader-recovery", "leader-recovery TOPIC-N", true),
    ("hw", "hw TOPIC-N[@B]", true),
    ("leo", "leo TOPIC-N[@B]", true),
    ("log", "log TOPIC-N[@B]", true),
    ("acked", "acked VALUE", true),
    ("response", "response VALUE", true),
    ("responses", "responses VALUE", true),
    ("count", "count TOPIC-N VALUE", true),
    ("consumed", "consumed [NAME]", true),
    ("position", "position TOPIC-N [NAME]", true),
    ("consumer-error", "consumer-error [NAME]", true),
    ("lost", "lost", true),
    ("violations", "violations", true),
    ("diverged", "diverged TOPIC-N", true),
    ("leaders", "leaders broker N", true),
    ("followers", "followers broker N", true),
    ("controller", "controller", true),
    ("fenced", "fenced broker N", true),
    ("election", "election TOPIC-N", true),
    ("placer", "placer TOPIC", true),
    ("metric", "metric NAME", true),
];

/// What each entry of `VERBS` means, with an example, in the same order (a test checks it):
/// apart from `VERBS` because only the command line's help and the console's reference
/// show them, and the page fetches them from the simulator's module (`verbMeanings`) when
/// the reference is opened, instead of carrying 8 kB of text in its first load. The tests
/// check that every example parses.
pub const VERB_MEANINGS: &[&str] = &[
    "seed of the run's only random source (default 0); same script and seed, same run. Example: seed 7",
    "configuration, from then on. Example: set min.insync.replicas 2",
    "add brokers 1..N, racks given round-robin. Example: brokers 3 racks=a,b,c",
    "add one broker (the next free id by default). Example: broker add rack=b",
    "decommission a broker that leads nothing and hosts no replica. Example: broker remove 4",
    "create a topic, placed by assignReplicasToBrokers (admin-utils, the default) or a KRaft controller's StripedReplicaPlacer (striped); fenced brokers count for rf but never lead; the first replica is the preferred leader. Example: topic create orders partitions=3 rf=3 placer=striped",
    "send one record, to TOPIC-N or where the default partitioner puts it. Example: produce orders-0 first acks=all",
    "the producer sends records r1, r2, ... PER_SECOND times a second (1 to 1000) from now on; steady-rate off stops it. Example: steady-rate orders 10 acks=all",
    "stop the producer's steady rate. Example: steady-rate off",
    "the consumer fetches once from the leader it knows, from its position (from= seeks first). One fetch of a partition is in flight at a time, as in Kafka: while one is pending, a new consume waits for its answer, then fetches from the position it leaves (an answer for an offset a seek left is ignored). Example: consume orders-0 from=0",
    "the broker process dies; its log on disk survives. Example: crash broker 1",
    "controller-quorum node N dies. Example: crash controller 1",
    "like crash, and unflushed records and HW checkpoints are lost too. Example: power-off broker 2",
    "broker N writes its logs and HW checkpoint to disk now. Example: flush broker 2",
    "controlled shutdown: leadership moves away first, and the broker stops once the other brokers have learned the new leaders. Example: stop broker 2",
    "start a crashed or stopped broker (a live one crashes first); the controller takes its registration once the old process's session has expired. Example: restart broker 1",
    "start a crashed controller-quorum node. Example: restart controller 1",
    "drop every message between two nodes (a broker number, controller, or a client name). Example: cut 1 controller",
    "remove the cut between A and B, or every cut and isolation. Example: heal 1 controller",
    "cut broker N from every other node. Example: isolate broker 3",
    "broker N's followers stop fetching (a stalled follower). Example: pause-fetch broker 3",
    "broker N's followers fetch again. Example: resume-fetch broker 3",
    "follower broker N sends one fetch to the leader it knows (with set sim.replication manual). Example: fetch 2 t-0",
    "preferred leader election for one or all partitions. Example: elect preferred orders-0",
    "an operator's unclean election (kafka-leader-election --election-type unclean): the first live replica in assignment order leads a leaderless partition, in sync or not. Example: elect unclean orders-0",
    "one-way latency of the link between A and B, both directions. Example: latency 1 3 50ms",
    "advance simulated time by D (250ms, 3s, 2m; a bare number is ms). Example: run 2s",
    "process the next N events (default 1), printing each. Example: step 5",
    "run until the assertion holds; fail if not within D (default 60s). Example: await leader orders-0 = 2 within 30s",
    "fail the script when the query's value differs. Example: expect isr orders-0 = [2,3]",
    "query: the leader's broker number, or none when offline. Example: expect leader orders-0 = 1",
    "query: the leader epoch. Example: expect epoch orders-0 = 1",
    "query: the assignment, in order. Example: expect replicas orders-0 = [1,2,3]",
    "query: the ISR the controller has committed (compared as a set). Example: expect isr orders-0 = [2,3]",
    "query: the eligible leader replicas the controller has committed (KIP-966; compared as a set; [] without ELR). Example: expect elr orders-0 = [3]",
    "query: the last known leader the controller keeps while the partition has none (KIP-966), or none. Example: expect last-leader orders-0 = 1",
    "query: RECOVERING after an unclean election until the leader's first AlterPartition (KIP-704), else RECOVERED. Example: expect leader-recovery orders-0 = RECOVERING",
    "query: high watermark on broker B's replica (default: the leader's). Example: expect hw orders-0@2 = 1",
    "query: log end offset on broker B's replica (default: the leader's). Example: expect leo t-0@2 = 0",
    "query: the record values of that replica's log, offset 0 first. Example: expect log orders-0@3 = [first,second]",
    "query: yes when the producer got a success response for the record, else no. Example: expect acked first = yes",
    "query: the latest response for that record, or none. Example: expect response a3 = NOT_ENOUGH_REPLICAS",
    "query: every response for that record, in order. Example: expect responses a3 = [NOT_ENOUGH_REPLICAS,NONE]",
    "query: how many times the value stands in the leader's log. Example: expect count orders-0 first = 1",
    "query: every value the consumer has received, in order. Example: expect consumed = [first,second]",
    "query: the consumer's next offset to fetch on that partition, or none before its first fetch. Example: expect position orders-0 = 2",
    "query: the latest error the consumer's fetches were answered with (OFFSET_OUT_OF_RANGE, NOT_LEADER_OR_FOLLOWER, ...), or none. Example: expect consumer-error = none",
    "query: acknowledged values missing from their partition leader's log, in send order. Example: expect lost = []",
    "query: the safety properties the checker reported violated, in the order reported. Example: expect violations = [AckedRecordLost]",
    "query: yes when two live replicas hold different records at one offset. Example: expect diverged orders-0 = no",
    "query: how many partition leaders broker N holds. Example: expect leaders broker 1 = 2",
    "query: how many follower replicas broker N holds. Example: expect followers broker 1 = 1",
    "query: the active controller node, or none. Example: expect controller = 1",
    "query: yes when broker N is fenced, else no. Example: expect fenced broker 2 = yes",
    "query: the answer to the last elect for the partition: NONE, ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, or none if never asked. Example: expect election orders-0 = ELECTION_NOT_NEEDED",
    "query: what placed the topic's replicas: admin-utils, striped, or explicit (replicas=). Example: expect placer orders = striped",
    "query: a Kafka metric by its name, now: gauges summed over live brokers (UnderReplicatedPartitions, UnderMinIsrPartitionCount, AtMinIsrPartitionCount, OfflinePartitionsCount, ActiveControllerCount, EligibleLeaderReplicas, ReplicaMaxLag), rates as their count over the run (IsrShrinksPerSec, IsrExpandsPerSec, LeaderElectionRateAndTimeMs, UncleanLeaderElectionsPerSec, ElectionFromEligibleLeaderReplicasPerSec, FailedProduceRequestsPerSec), times in ms (LeaderElectionTimeMs, the latest election's; TotalTimeMs, RemoteTimeMs, LocalTimeMs, the latest produce request's). Example: await metric UnderReplicatedPartitions = 3",
];

/// `VERBS` with their meanings: (verb, syntax, meaning).
pub fn verbs_with_meanings() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    VERBS.iter().zip(VERB_MEANINGS).map(|((verb, syntax, _), meaning)| (*verb, *syntax, *meaning))
}

/// First words of every command, in `VERBS` order, without repeats.
pub(super) fn command_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for (verb, _, query) in VERBS {
        let first = verb.split(' ').next().unwrap_or(verb);
        if !query && !words.contains(&first) {
            words.push(first);
        }
    }
    words
}

pub(super) fn query_words() -> Vec<&'static str> {
    VERBS.iter().filter(|(_, _, query)| *query).map(|(verb, _, _)| *verb).collect()
}

/// The known word closest to a typo: within two edits (and fewer edits than the word's
/// length, so `x` does not suggest `run`), or else one that starts with it (`pause` →
/// `pause-fetch`). Ties go to the earlier word, so the suggestion is always the same.
pub(super) fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    const MAX_EDITS: usize = 2;
    const MAX_COMPARED_CHARS: usize = 32;
    let length = word.chars().count();
    if length == 0 || length > MAX_COMPARED_CHARS {
        return None;
    }
    let nearest = known
        .iter()
        .map(|candidate| (edit_distance(word, candidate), *candidate))
        .filter(|(distance, _)| *distance <= MAX_EDITS && *distance < length && *distance > 0)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    nearest.or_else(|| {
        known.iter().copied().find(|candidate| length >= 3 && candidate.starts_with(word) && *candidate != word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_has_its_meaning_in_order_and_queries_are_marked_as_their_meanings_say() {
        assert_eq!(VERBS.len(), VERB_MEANINGS.len());
        for (verb, _, meaning) in verbs_with_meanings() {
            let query = VERBS.iter().find(|(v, _, _)| *v == verb).map(|(_, _, q)| *q);
            assert_eq!(query, Some(meaning.starts_with("query:")), "{verb}: {meaning}");
        }
    }

    #[test]
    fn suggestions_are_close_and_deterministic() {
        assert_eq!(closest("crsh", &["crash", "cut"]), Some("crash"));
        assert_eq!(closest("x", &["run"]), None);
        assert_eq!(closest("cat", &["cut", "set"]), Some("cut"));
        assert_eq!(closest("resume", &["pause-fetch", "resume-fetch"]), Some("resume-fetch"));
        assert_eq!(closest(&"a".repeat(1000), &["seed"]), None);
    }
}
