//! Lessons and challenges (docs/lessons.md, the contract): a lesson file is the scenario
//! language plus directives. This module turns the text into a `Lesson` (`parse`), builds
//! the scripts the page loads for a step (`scripts`), fills `{query}` text and compares the
//! learner's answers (`text`), scores a challenge (`challenge`) and proves a lesson true
//! natively (`check`). Pure and deterministic: no I/O, no web crates; the page and
//! `kafka-sim lesson check` both build on it. `catalog` embeds every file of `lessons/`.
pub mod catalog;
mod challenge;
mod check;
mod defend_check;
mod model;
mod parse;
mod parse_tail;
mod pointer;
mod scripts;
mod text;

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod parse_tests;

pub use check::{check_lesson, check_lesson_with_seeds, CheckReport, LessonFailure};
pub use defend_check::{defend_budgets, defend_setup, verdict_text, DEFEND_SEEDS};
pub use model::{
    Budget, Challenge, Choices, Choose, Defend, Kind, Lesson, LessonError, Line, Pointer, Question, Scene, Step, Win,
    DEFAULT_FAULT_VERBS,
};
pub use parse::parse_lesson;
pub use text::{answer_value, choice_matches, fill_text};
