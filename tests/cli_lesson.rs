//! `kafka-sim lesson check`, run as a person runs it: the binary on a directory of lesson
//! files, its standard output, standard error and exit status.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kafka_sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kafka-sim")).args(args).output().expect("kafka-sim runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory under the target dir holding the given files.
fn lesson_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, body) in files {
        std::fs::write(dir.join(file), body).unwrap();
    }
    dir
}

const GOOD: &str = "lesson: two-leaders
title: Two leaders
part: 1
learn: Count leaders.

scene: Three brokers
seed 1
brokers 3
topic create t partitions=3 rf=2 start=0

step: One each
say: Three partitions over three brokers.
look: broker 1
ask: How many partitions does broker 1 lead?
choices: 0 | 1 | 2
answer: leaders broker 1
then: Broker 1 leads {leaders broker 1}.
";

#[test]
fn every_lesson_in_lessons_is_true_of_the_simulator() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let out = kafka_sim(&["lesson", "check", lessons.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with("ok  leaders-and-followers ("), "{stdout}");
    assert!(stdout.ends_with(" lessons ok\n"), "{stdout}");
}

#[test]
fn a_good_lesson_prints_ok_with_its_steps_and_predictions() {
    let dir = lesson_dir("lesson-good", &[("01-two.lesson", GOOD), ("notes.txt", "not a lesson")]);
    let out = kafka_sim(&["lesson", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok  two-leaders (1 step, 1 prediction)\n1 lesson ok\n");
}

#[test]
fn a_wrong_prediction_fails_naming_the_lesson_and_the_step() {
    let wrong =
        GOOD.replace("lesson: two-leaders", "lesson: wrong").replace("choices: 0 | 1 | 2", "choices: 0 | 2 | 3");
    let dir = lesson_dir("lesson-wrong", &[("01-two.lesson", GOOD), ("02-wrong.lesson", &wrong)]);
    let out = kafka_sim(&["lesson", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "ok  two-leaders (1 step, 1 prediction)\n\
         FAIL lesson wrong, step \"One each\": the answer query leaders broker 1 gives 1 but no choice is 1\n\
         1 of 2 lessons failed\n"
    );
}

#[test]
fn a_malformed_file_names_the_file_and_the_line_and_exits_2() {
    let bad = GOOD.replace("answer: leaders broker 1\n", "").replace("brokers 3", "brokers three");
    let dir = lesson_dir("lesson-malformed", &[("01-bad.lesson", &bad)]);
    let out = kafka_sim(&["lesson", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    let file = dir.join("01-bad.lesson");
    assert!(stderr.contains(&format!("{}: line 8: not a scenario line", file.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}: line 14: ask: without answer:", file.display())), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is checked when a file is malformed");
}

#[test]
fn a_missing_or_empty_directory_and_a_bad_subcommand_exit_2() {
    let empty = lesson_dir("lesson-empty", &[]);
    let out = kafka_sim(&["lesson", "check", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no *.lesson file in"), "{}", text(&out.stderr));
    assert_eq!(kafka_sim(&["lesson", "check", "/nonexistent/lessons"]).status.code(), Some(2));
    let usage = kafka_sim(&["lesson", "verify"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(text(&usage.stderr).contains("kafka-sim lesson check [DIR]"));
}

#[test]
fn help_lists_the_lesson_command() {
    let help = text(&kafka_sim(&["--help"]).stdout);
    assert!(
        help.contains("kafka-sim lesson check [DIR] [--seeds N]") && help.contains("lesson check [DIR] [--seeds N]\n"),
        "{help}"
    );
}

/// `--seeds N` sets the defend sweep's seeds; anything else after `check` is a usage error.
#[test]
fn seeds_is_the_only_option() {
    let bad = kafka_sim(&["lesson", "check", "lessons", "--seeds", "zero"]);
    assert_eq!(bad.status.code(), Some(2));
    let unknown = kafka_sim(&["lesson", "check", "--fast"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("--seeds N"));
}
