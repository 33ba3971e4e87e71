//! Every lesson and challenge of `lessons/` (embedded in the full page by
//! `script::lesson::catalog`), parsed once. `kafka-sim lesson check` proves each one in
//! `make test`, so a file that does not parse here cannot ship; if one did, the map leaves
//! it out rather than failing the page.
use std::rc::Rc;

use crate::script::lesson::catalog::LESSON_FILES;
use crate::script::lesson::{parse_lesson, Kind, Lesson};

thread_local! {
    static LESSONS: Rc<Vec<Rc<Lesson>>> = Rc::new(
        LESSON_FILES.iter().filter_map(|(_, text)| parse_lesson(text).ok()).map(Rc::new).collect()
    );
}

pub fn all() -> Rc<Vec<Rc<Lesson>>> {
    LESSONS.with(Rc::clone)
}

pub fn find(id: &str) -> Option<Rc<Lesson>> {
    all().iter().find(|l| l.id == id).cloned()
}

/// The heading a lesson or challenge is listed under on the map.
pub fn part_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Lesson { part: 1 } => "Part I · The lecture, live",
        Kind::Lesson { part: 2 } => "Part II · When things fail",
        Kind::Lesson { .. } => "Part III · Under the hood",
        Kind::Break => "Challenges · Break it",
        Kind::Defend => "Challenges · Defend it",
    }
}
