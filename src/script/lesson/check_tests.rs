//! The checker: a true lesson passes, and each way of being untrue fails naming the step.
use super::parse_tests::{EXAMPLE, ZOMBIE};
use super::*;
use crate::script::ScriptRun;

fn failure(text: &str) -> String {
    let lesson = parse_lesson(text).expect("parses");
    check_lesson(&lesson).expect_err("the check fails").to_string()
}

#[test]
fn the_contracts_example_is_true_of_the_simulator() {
    let report = check_lesson(&parse_lesson(EXAMPLE).unwrap()).unwrap();
    assert_eq!(report.summary(), "leaders-and-followers (1 step, 1 prediction)");
}

#[test]
fn a_prediction_without_its_correct_choice_fails_naming_the_step() {
    assert_eq!(
        failure(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6", "choices: 1 | 3 | 6")),
        "lesson leaders-and-followers, step \"Thirty replicas\": the answer query leaders broker 4 gives 2 but no choice is 2"
    );
    let twice = failure(&EXAMPLE.replace("choices: 1 | 2 | 3 | 6", "choices: 2 | 02 | 6"));
    assert!(twice.ends_with("gives 2 and 2 choices match it: 2, 02"), "{twice}");
}

#[test]
fn a_failing_line_a_missing_look_and_an_unevaluable_query_fail() {
    let failed = failure(&EXAMPLE.replace("look: broker 4", "expect leader orders-0 = 2\nlook: broker 4"));
    assert!(failed.ends_with("step \"Thirty replicas\": line 16: expected leader orders-0 = 2, actual 1"), "{failed}");
    let refused = failure(&EXAMPLE.replace("look: broker 4", "crash broker 9\nlook: broker 4"));
    assert!(refused.contains("line 16: refused: there is no broker 9"), "{refused}");
    let look = failure(&EXAMPLE.replace("look: broker 4", "look: replica orders-0@6"));
    assert!(look.ends_with("look: broker 6 holds no replica of orders-0"), "{look}");
    let query = failure(&EXAMPLE.replace("{followers broker 4}", "{leader nope-0}"));
    assert!(query.contains("then: {leader nope-0}:"), "{query}");
}

#[test]
fn pick_broker_needs_an_answer_that_is_a_broker() {
    let good = EXAMPLE
        .replace("choices: 1 | 2 | 3 | 6", "pick: broker")
        .replace("answer: leaders broker 4", "answer: leader orders-9");
    assert!(check_lesson(&parse_lesson(&good).unwrap()).is_ok());
    let none = good.replace("answer: leader orders-9", "answer: epoch orders-0");
    let failed = failure(&none);
    assert!(failed.contains("which is not a broker to pick"), "{failed}");
}

#[test]
fn a_try_suggestion_the_sandbox_refuses_fails() {
    let failed = failure(&EXAMPLE.replace("rf=3 placer=striped", "rf=9"));
    assert!(failed.starts_with("lesson leaders-and-followers: try: topic create t2"), "{failed}");
}

#[test]
fn the_contracts_break_challenge_wins_at_par_and_its_rules_are_enforced() {
    let report = check_lesson(&parse_lesson(ZOMBIE).unwrap()).unwrap();
    assert_eq!(report.solution_faults, Some(1));
    let over_par = failure(&ZOMBIE.replace("cut 1 controller", "pause-fetch broker 3\ncut 1 controller"));
    assert!(over_par.ends_with("the reference wins with 2 faults, above par 1"), "{over_par}");
    let forbidden = failure(&ZOMBIE.replace("par: 1", "par: 1\nforbid: cut"));
    assert!(forbidden.contains("'cut' is not allowed in this challenge"), "{forbidden}");
    let never = failure(&ZOMBIE.replace("produce t-0 z1\n", ""));
    assert!(never.ends_with("the reference solution never makes win: hold"), "{never}");
}

#[test]
fn a_challenge_counts_faults_refuses_what_it_forbids_and_gives_stars() {
    let lesson = parse_lesson(&ZOMBIE.replace("par: 1", "par: 1\nlimit: crash stop = 1")).unwrap();
    let challenge = lesson.challenge.unwrap();
    assert!(challenge.counts_as_fault("cut 1 controller") && !challenge.counts_as_fault("heal"));
    assert!(challenge.refusal("elect unclean t-0", &[]).unwrap().contains("'elect' is not allowed"));
    assert_eq!(challenge.refusal("crash broker 1", &[]), None);
    let used = ["crash broker 1".to_string()];
    assert!(challenge.refusal("stop broker 2", &used).unwrap().contains("at most 1 use of crash, stop"));
    assert_eq!(challenge.refusal("cut 1 2", &used), None);
    assert_eq!([1, 2, 3, 7].map(|f| challenge.stars(f)), [3, 2, 1, 1]);
    assert_eq!(challenge.stars(0), 3);
}

#[test]
fn won_and_answers_compare_as_expect_compares() {
    let mut run = ScriptRun::new();
    run.run_script("brokers 3\ntopic create t partitions=1 rf=3 start=0\nrun 1s\n").unwrap();
    let question = Question {
        ask: String::new(),
        choices: Choices::List(vec!["[3,2,1]".into(), "[1,2]".into()]),
        answer: "isr t-0".into(),
        also: Vec::new(),
    };
    assert_eq!(answer_value(&question, run.cluster()).unwrap(), "[1,2,3]");
    assert!(choice_matches(&question, "[3,2,1]", run.cluster()).unwrap(), "the ISR compares as a set");
    assert!(!choice_matches(&question, "[1,2]", run.cluster()).unwrap());
    assert_eq!(fill_text("leader {leader t-0}, {{braces}", run.cluster()).unwrap(), "leader 1, {braces}");
    let replicas = Question { answer: "replicas t-0".into(), ..question };
    assert!(!choice_matches(&replicas, "[3,2,1]", run.cluster()).unwrap(), "replicas compare in order");
}
