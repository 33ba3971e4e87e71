//! The parser: the contract's own examples parse, and every malformed line is named.
use super::*;

pub(super) const EXAMPLE: &str = "lesson: leaders-and-followers
title: One broker, two roles
part: 1
learn: Name the leader and the followers of any partition.
try: topic create t2 partitions=10 rf=3 placer=striped

scene: The lecture's cluster
seed 1
brokers 6
topic create orders partitions=10 rf=3 start=0

step: Thirty replicas
say: Ten partitions with three replicas each make 30 replicas. Kafka deals them over the six
say: brokers, so every broker holds some.
rule: AdminUtils.assignReplicasToBrokers (rack-unaware).
look: broker 4
ask: How many of broker 4's replicas are leaders?
choices: 1 | 2 | 3 | 6
answer: leaders broker 4
then: Broker 4 leads {leaders broker 4} partitions and follows in {followers broker 4}.
";

pub(super) const ZOMBIE: &str = "challenge: zombie-ack
title: The zombie's acknowledgement
part: break
goal: Lose a record the producer saw acknowledged, with as few faults as you can.
after: leader-acks failover

scene: Three brokers, acks=1
seed 2
set acks 1
brokers 3
topic create t partitions=1 rf=3 start=0
produce t-0 a
await acked a = yes within 2s

win: lost != []
par: 1
hint: The idea
hint: The lesson
hint: The first command
solution:
cut 1 controller
run 10s
produce t-0 z1
run 2s
";

const DEFEND: &str = "challenge: defend-unclean
title: Defend against unclean elections
part: defend
goal: Choose settings so that no schedule of up to 3 faults loses an acknowledged record.

scene: rf 3, min.insync.replicas 2
brokers 3
topic create t partitions=1 rf=3 min-isr=2 start=0

choose: acks = 1 | 0 | all
choose: unclean.leader.election.enable = true | false
budget: 3 of crash stop isolate cut pause-fetch
solution: acks=all unclean.leader.election.enable=false
";

/// The errors of `text`, as `line N: message` strings.
fn errors(text: &str) -> Vec<String> {
    parse_lesson(text).expect_err("malformed").iter().map(ToString::to_string).collect()
}

fn assert_error(text: &str, line: usize, fragment: &str) {
    let all = errors(text);
    let prefix = format!("line {line}: ");
    assert!(
        all.iter().any(|e| e.starts_with(&prefix) && e.contains(fragment)),
        "wanted {prefix}…{fragment}… in {all:#?}"
    );
}

#[test]
fn the_contracts_lesson_example_parses_into_its_parts() {
    let lesson = parse_lesson(EXAMPLE).unwrap();
    assert_eq!((lesson.id.as_str(), lesson.kind), ("leaders-and-followers", Kind::Lesson { part: 1 }));
    assert_eq!(lesson.tries, ["topic create t2 partitions=10 rf=3 placer=striped"]);
    assert_eq!(lesson.scenes[0].setup.iter().map(|l| l.number).collect::<Vec<_>>(), [8, 9, 10]);
    let step = &lesson.steps[0];
    assert!(step.say.starts_with("Ten partitions") && step.say.contains("six brokers, so"), "{}", step.say);
    assert_eq!(step.look, [Pointer::Broker(4)]);
    let question = step.question.as_ref().unwrap();
    assert_eq!(question.choices, Choices::List(vec!["1".into(), "2".into(), "3".into(), "6".into()]));
    assert_eq!(question.answer, "leaders broker 4");
    assert!(step.opening.is_empty() && step.reveal.is_empty());
}

#[test]
fn the_contracts_challenge_examples_parse() {
    let zombie = parse_lesson(ZOMBIE).unwrap();
    let challenge = zombie.challenge.as_ref().unwrap();
    assert_eq!(zombie.kind, Kind::Break);
    assert_eq!(challenge.win, Some(Win { query: "lost".into(), negated: true, value: "[]".into() }));
    assert_eq!((challenge.par, challenge.solution.len(), challenge.hints.len()), (1, 4, 3));
    assert_eq!(challenge.faults.len(), DEFAULT_FAULT_VERBS.len());
    let defend = parse_lesson(DEFEND).unwrap();
    let choices = defend.challenge.unwrap().defend.unwrap();
    assert_eq!(choices.chooses[0].options, ["1", "0", "all"]);
    assert_eq!(
        choices.budgets,
        [Budget { count: 3, verbs: "crash stop isolate cut pause-fetch".split(' ').map(String::from).collect() }]
    );
    assert_eq!(choices.reference[0], ("acks".to_string(), "all".to_string()));
}

#[test]
fn each_malformed_line_is_named_with_what_is_wrong() {
    assert_error(&EXAMPLE.replace("rule: Admin", "rules: Admin"), 15, "unknown directive 'rules:'");
    assert_error(&EXAMPLE.replace("look: broker 4", "look: broker four"), 16, "'four' is not a broker number");
    assert_error(&EXAMPLE.replace("brokers 6", "brokers six"), 9, "not a scenario line");
    assert_error(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6", "choices: 2"), 18, "at least 2 choices");
    assert_error(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6", "choices: 1 | [2"), 18, "choice '[2' is not a value");
    assert_error(&EXAMPLE.replace("{followers broker 4}", "{followers of 4}"), 20, "is not a query");
    assert_error(&EXAMPLE.replace("{followers broker 4}", "{followers broker 4"), 20, "without its '}'");
    assert_error(&EXAMPLE.replace("answer: leaders broker 4\n", ""), 17, "ask: without answer:");
    assert_error(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6\n", ""), 17, "without choices: or pick: broker");
    assert_error(&EXAMPLE.replace("answer: leaders broker 4", "answer: leaders of 4"), 19, "is not a query");
    assert_error(&EXAMPLE.replace("try: topic create", "try: topic make"), 5, "try: is not a scenario line");
    assert_error(&EXAMPLE.replace("part: 1", "part: 4"), 3, "write 1, 2 or 3");
}

#[test]
fn directives_out_of_place_are_refused() {
    assert_error(&format!("{EXAMPLE}learn: more\n"), 21, "belongs in the header");
    assert_error(&EXAMPLE.replace("step: Thirty replicas\n", ""), 12, "outside a step");
    assert_error(
        &EXAMPLE.replace("ask: How", "say: more\nask: How").replace("then:", "say: late\nthen:"),
        21,
        "say: after ask:",
    );
    assert_error(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6", "win: lost != []"), 18, "belongs to a challenge");
    assert_error(&EXAMPLE.replace("scene: The", "brokers 3\nscene: The"), 7, "before the first scene:");
    assert_error(&ZOMBIE.replace("win: lost", "step: one\nwin: lost"), 15, "a challenge has no steps");
    assert_error(&ZOMBIE.replace("par: 1", "choose: acks = 1 | all"), 16, "belongs to a defend challenge");
    assert_error(&ZOMBIE.replace("hint: The idea\n", "hint: The idea\nproduce t-0 b\n"), 18, "a scenario line among");
    assert_error(&DEFEND.replace("budget:", "par: 1\nbudget:"), 12, "not used by a defend challenge");
}

#[test]
fn what_the_whole_file_lacks_is_named() {
    assert_error(&EXAMPLE.replace("lesson: leaders-and-followers\n", ""), 1, "no lesson:");
    assert_error(&EXAMPLE.replace("title: One broker, two roles\n", ""), 1, "no title:");
    assert_error(
        &EXAMPLE.replace("say: Ten", "rule: x\nrule: Ten").replace("say: brokers", "rule: brokers"),
        12,
        "no say:",
    );
    assert_error(&ZOMBIE.replace("par: 1\n", ""), 15, "win: without par:");
    assert_error(&ZOMBIE.replace("win: lost != []\n", ""), 15, "par: without win:");
    assert_error(&ZOMBIE.replace("hint: The idea\n", ""), 15, "three hints");
    assert_error(&ZOMBIE.replace("win: lost != []", "win: lost is []"), 15, "win:");
    assert_error(&DEFEND.replace("acks=all", "acks=most"), 13, "acks=most is not one of its options");
    assert_error(&format!("{EXAMPLE}scene: Two\nbrokers 1\n"), 22, "the last scene has no step:");
    assert!(parse_lesson("").is_err(), "an empty file is not a lesson");
}

const TWO_SCENES: &str = "lesson: two-scenes
title: Two scenes
part: 2
learn: x

scene: A
brokers 1
step: First
say: one
produce t-0 a
ask: Acked?
choices: yes | no
answer: acked a
await acked a = yes within 2s
step: Second
say: two
run 1s
scene: B
brokers 2
step: Third
say: three
run 2s
";

#[test]
fn a_steps_script_is_its_scene_setup_the_earlier_steps_and_its_own_lines() {
    let lesson = parse_lesson(TWO_SCENES).unwrap();
    assert_eq!(lesson.script_to_open(0), "brokers 1\nproduce t-0 a\n");
    assert_eq!(lesson.script_after_reveal(0), "brokers 1\nproduce t-0 a\nawait acked a = yes within 2s\n");
    assert_eq!(lesson.script_to_open(1), "brokers 1\nproduce t-0 a\nawait acked a = yes within 2s\nrun 1s\n");
    assert_eq!(lesson.script_to_open(2), "brokers 2\nrun 2s\n", "a new scene starts from a fresh cluster");
    assert_eq!(lesson.final_script(), "brokers 2\nrun 2s\n");
    let new_scene: Vec<bool> = (0..4).map(|i| lesson.is_new_scene(i)).collect();
    assert_eq!(new_scene, [true, false, true, false]);
}
