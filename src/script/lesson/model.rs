//! A lesson or a challenge as data, exactly as its file says it (docs/lessons.md).
use std::fmt;

/// The verbs that count as faults when a challenge has no `faults:` line (CURRICULUM §3).
pub const DEFAULT_FAULT_VERBS: &[&str] = &["crash", "power-off", "stop", "isolate", "cut", "pause-fetch", "latency"];

/// A malformed line of a lesson file (line 0: the file as a whole, e.g. `lesson:` missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LessonError {}

/// A scenario line of the file, with its 1-based line number (failures name it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

/// What the file is: a lesson of a part of the path, or one of the two kinds of challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `part: 1`, `2` or `3`.
    Lesson { part: u8 },
    /// `part: break`: win by making something happen.
    Break,
    /// `part: defend`: choose settings that the seed sweep cannot break.
    Defend,
}

/// A parsed `.lesson` file. `id` comes from `lesson:` or `challenge:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub learn: Vec<String>,
    pub after: Vec<String>,
    pub tries: Vec<String>,
    pub scenes: Vec<Scene>,
    /// Every step of every scene, in file order (`Step::scene` says which scene).
    pub steps: Vec<Step>,
    /// `Some` exactly for a challenge (`challenge:`).
    pub challenge: Option<Challenge>,
}

/// `scene: TITLE`: a fresh cluster, built by its setup lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scene {
    pub title: String,
    pub setup: Vec<Line>,
}

/// `step: TITLE` and what follows it up to the next `step:` or `scene:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    /// Index into `Lesson::scenes`.
    pub scene: usize,
    /// The scenario lines before `ask:` (all of them when there is no `ask:`).
    pub opening: Vec<Line>,
    /// The `say:` lines joined by spaces; may hold `{query}`.
    pub say: String,
    pub rule: Option<String>,
    pub look: Vec<Pointer>,
    pub question: Option<Question>,
    /// The scenario lines after `ask:`: the decisive moment.
    pub reveal: Vec<Line>,
    /// The `then:` lines joined by spaces; may hold `{query}`, evaluated after the reveal.
    pub then: String,
}

/// A prediction: `ask:`, `choices:` or `pick: broker`, `answer:`, `also:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub ask: String,
    pub choices: Choices,
    /// The query whose value after the reveal is the correct answer.
    pub answer: String,
    pub also: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choices {
    /// `choices: A | B | C`: values as `expect` writes them.
    List(Vec<String>),
    /// `pick: broker`: every broker of the cluster is a choice.
    PickBroker,
}

/// `look: THING`, what the page highlights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pointer {
    Broker(u32),
    /// `partition T-N`, as written.
    Partition(String),
    /// `replica T-N@B`: the partition as written and the broker.
    Replica(String, u32),
    Controller,
    Producer(Option<String>),
    Consumer(Option<String>),
}

/// `win: QUERY = VALUE` or `win: QUERY != VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Win {
    pub query: String,
    pub negated: bool,
    pub value: String,
}

/// Everything after a challenge's scene.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub goal: String,
    /// `None` only for `part: defend`, which the sweep decides.
    pub win: Option<Win>,
    pub par: u32,
    /// The verbs that count as faults (`faults:`, else `DEFAULT_FAULT_VERBS`).
    pub faults: Vec<String>,
    /// `limit: VERB ... = N`: at most N uses of these verbs together.
    pub limit: Option<(Vec<String>, u32)>,
    pub forbid: Vec<String>,
    pub allow: Vec<String>,
    pub hints: Vec<String>,
    /// A break challenge's reference solution: run after the scene.
    pub solution: Vec<Line>,
    pub defend: Option<Defend>,
}

/// What only a `part: defend` challenge has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defend {
    pub chooses: Vec<Choose>,
    pub budgets: Vec<Budget>,
    /// `solution: KEY=VALUE ...`, the reference choices in the order written.
    pub reference: Vec<(String, String)>,
}

/// `choose: KEY = A | B | C`; the page starts at the first option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choose {
    pub key: String,
    pub options: Vec<String>,
}

/// `budget: N of VERB ...`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub count: u32,
    pub verbs: Vec<String>,
}
