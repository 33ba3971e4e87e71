//! Every file of `lessons/` is true of the simulator (`check_lesson`), and the page's two
//! ways of reaching a step agree: loading `script_to_open` (a `#lesson=ID&step=N` link)
//! and running the lines one by one as the learner advances give the same trace.
use std::path::Path;

use replication_playground::script::lesson::{check_lesson, fill_text, parse_lesson, Lesson};
use replication_playground::script::session::Session;

fn lessons() -> Vec<(String, Lesson)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "lesson"));
    files.sort();
    assert!(!files.is_empty(), "lessons/ holds lesson files");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let lesson = parse_lesson(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            (name, lesson)
        })
        .collect()
}

#[test]
fn every_lesson_file_parses_and_checks() {
    for (name, lesson) in lessons() {
        if let Err(failure) = check_lesson(&lesson) {
            panic!("{name}: {failure}");
        }
    }
}

/// A fresh session driven line by line, as the page does when the learner advances.
fn line_by_line(script: &str) -> Session {
    let mut session = Session::new();
    for line in script.lines() {
        session.execute(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
    session
}

#[test]
fn a_steps_link_and_the_learners_clicks_reach_the_same_trace() {
    for (name, lesson) in lessons() {
        for step in 0..lesson.steps.len() {
            for script in [lesson.script_to_open(step), lesson.script_after_reveal(step)] {
                let loaded = Session::from_script(&script).unwrap_or_else(|e| panic!("{name} step {step}: {e}"));
                let clicked = line_by_line(&script);
                assert_eq!(loaded.trace_hash(), clicked.trace_hash(), "{name} step {step}");
            }
            let opened = Session::from_script(&lesson.script_to_open(step)).unwrap();
            fill_text(&lesson.steps[step].say, opened.cluster()).unwrap();
        }
        Session::from_script(&lesson.final_script()).unwrap_or_else(|e| panic!("{name} final: {e}"));
    }
}
