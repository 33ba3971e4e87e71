//! A `.lesson` file's text → `Lesson` (docs/lessons.md). One pass over the lines: a line
//! whose first word ends in `:` is a directive, any other non-blank, non-`#` line a
//! scenario line, parsed by the scenario language's own parser. Every malformed line is
//! reported with its number, and nothing half-parsed is returned: a page that showed a
//! lesson with a step missing would teach something its author never checked.
use super::model::{Challenge, Choices, Kind, Lesson, LessonError, Line, Pointer, Question, Scene, Step};
use super::parse_tail::Tail;
use super::text::{assertion, pieces};
use crate::script::parse::{parse_line, parse_query_line};

/// Parses a lesson or a challenge; every problem, each naming its line, or the whole lesson.
pub fn parse_lesson(text: &str) -> Result<Lesson, Vec<LessonError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::default();
    for (index, raw) in text.lines().enumerate() {
        parser.line(index + 1, raw.trim());
    }
    parser.finish()
}

/// Where the parser is in the file: which directives may come next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Region {
    #[default]
    Header,
    Scene,
    Step,
    /// A challenge's directives after its scene.
    Tail,
    /// After a break challenge's `solution:`: the rest of the file is its reference.
    Solution,
}

/// A prediction being read: its parts may come in any order until the step ends.
#[derive(Clone, Debug, Default)]
struct PendingQuestion {
    ask: String,
    ask_line: usize,
    choices: Option<(Choices, usize)>,
    answer: Option<String>,
    also: Vec<String>,
}

#[derive(Debug, Default)]
struct Parser {
    errors: Vec<LessonError>,
    region: Region,
    /// `lesson:` or `challenge:`: the id, its line, and whether it is a challenge.
    id: Option<(String, usize, bool)>,
    title: Option<String>,
    part: Option<(String, usize)>,
    goal: Option<String>,
    learn: Vec<String>,
    after: Vec<String>,
    tries: Vec<String>,
    scenes: Vec<Scene>,
    steps: Vec<Step>,
    /// The line of the step being read (a step without `say:` is named by it).
    step_line: usize,
    /// The step's prediction while it is read (its parts may come in any order).
    question: Option<PendingQuestion>,
    tail: Tail,
}

const HEADER: &[&str] = &["lesson", "challenge", "title", "part", "learn", "after", "try", "goal"];
const STEP: &[&str] = &["say", "rule", "look", "ask", "choices", "pick", "answer", "also", "then"];
const TAIL: &[&str] = &["win", "par", "faults", "limit", "forbid", "allow", "hint", "solution", "choose", "budget"];

impl Parser {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(LessonError { line, message: message.into() });
    }

    fn is_challenge(&self) -> bool {
        self.id.as_ref().is_some_and(|(_, _, challenge)| *challenge)
    }

    fn line(&mut self, number: usize, text: &str) {
        if text.is_empty() || text.starts_with('#') {
            return;
        }
        if self.region == Region::Solution {
            return self.scenario_line(number, text);
        }
        let first = text.split_whitespace().next().unwrap_or("");
        match first.strip_suffix(':') {
            Some(name) if !name.is_empty() => {
                let rest = text[first.len()..].trim();
                self.directive(number, name, rest);
            }
            _ => self.scenario_line(number, text),
        }
    }

    fn directive(&mut self, number: usize, name: &str, rest: &str) {
        match name {
            "scene" => self.scene(number, rest),
            "step" => self.step(number, rest),
            _ if HEADER.contains(&name) => self.header(number, name, rest),
            _ if STEP.contains(&name) => self.step_directive(number, name, rest),
            _ if TAIL.contains(&name) => self.tail_directive(number, name, rest),
            _ => {
                let known = [HEADER, &["scene", "step"], STEP, TAIL].concat().join(", ");
                self.error(number, format!("unknown directive '{name}:' (known: {known})"));
            }
        }
    }

    fn header(&mut self, number: usize, name: &str, rest: &str) {
        if self.region != Region::Header {
            return self.error(number, format!("'{name}:' belongs in the header, before the first scene:"));
        }
        if rest.is_empty() {
            return self.error(number, format!("'{name}:' needs a value"));
        }
        match name {
            "lesson" | "challenge" => self.identity(number, name, rest),
            "title" if self.title.is_some() => self.error(number, "a second title:"),
            "title" => self.title = Some(rest.to_string()),
            "part" if self.part.is_some() => self.error(number, "a second part:"),
            "part" => self.part = Some((rest.to_string(), number)),
            "learn" => self.learn.push(rest.to_string()),
            "after" => self.after_ids(number, rest),
            "try" => match parse_line(rest, 1) {
                Ok(_) => self.tries.push(rest.to_string()),
                Err(e) => {
                    self.error(number, format!("try: is not a scenario line: col {}: {}", e.column + 5, e.message))
                }
            },
            _ => self.goal(number, rest),
        }
    }

    fn identity(&mut self, number: usize, name: &str, id: &str) {
        if self.id.is_some() {
            return self.error(number, "a second lesson: or challenge: line; a file holds one");
        }
        if !is_id(id) {
            self.error(number, format!("'{id}' is not an id: lower-case words joined by '-'"));
        }
        self.id = Some((id.to_string(), number, name == "challenge"));
    }

    fn after_ids(&mut self, number: usize, rest: &str) {
        for id in rest.split_whitespace() {
            if !is_id(id) {
                self.error(number, format!("after: '{id}' is not an id: lower-case words joined by '-'"));
            }
            self.after.push(id.to_string());
        }
    }

    fn goal(&mut self, number: usize, rest: &str) {
        if !self.is_challenge() {
            return self.error(number, "goal: belongs to a challenge (a lesson states what it teaches with learn:)");
        }
        self.goal = Some(rest.to_string());
    }

    fn scene(&mut self, number: usize, title: &str) {
        self.end_step();
        if title.is_empty() {
            self.error(number, "scene: needs a title");
        }
        if self.is_challenge() && !self.scenes.is_empty() {
            self.error(number, "a challenge has one scene");
        }
        if matches!(self.region, Region::Scene) && !self.is_challenge() {
            self.error(number, "the scene before this one has no step:");
        }
        if matches!(self.region, Region::Tail) {
            self.error(number, "scene: after the challenge's directives; the scene comes first");
        }
        self.scenes.push(Scene { title: title.to_string(), setup: Vec::new() });
        self.region = Region::Scene;
    }

    fn step(&mut self, number: usize, title: &str) {
        if self.is_challenge() {
            return self.error(number, "step: belongs to a lesson; a challenge has no steps");
        }
        if self.scenes.is_empty() {
            return self.error(number, "step: before the first scene: (a step runs in a scene's cluster)");
        }
        self.end_step();
        if title.is_empty() {
            self.error(number, "step: needs a title");
        }
        self.steps.push(Step {
            title: title.to_string(),
            scene: self.scenes.len() - 1,
            opening: Vec::new(),
            say: String::new(),
            rule: None,
            look: Vec::new(),
            question: None,
            reveal: Vec::new(),
            then: String::new(),
        });
        self.step_line = number;
        self.region = Region::Step;
    }

    fn scenario_line(&mut self, number: usize, text: &str) {
        if let Err(e) = parse_line(text, 1) {
            return self.error(number, format!("not a scenario line: col {}: {}", e.column, e.message));
        }
        let line = Line { number, text: text.to_string() };
        match self.region {
            Region::Header => {
                self.error(number, "a scenario line before the first scene: (a scene: TITLE starts the cluster)")
            }
            Region::Scene => self.scenes.last_mut().expect("a scene is open").setup.push(line),
            Region::Step if self.question.is_some() => self.current_step().reveal.push(line),
            Region::Step => self.current_step().opening.push(line),
            Region::Tail => self.error(number, "a scenario line among the challenge's directives (the scene's lines come first; the reference goes after solution:)"),
            Region::Solution => self.tail.solution.push(line),
        }
    }

    fn current_step(&mut self) -> &mut Step {
        self.steps.last_mut().expect("a step is open")
    }

    fn step_directive(&mut self, number: usize, name: &str, rest: &str) {
        if self.region != Region::Step {
            let place = if self.is_challenge() { "a challenge has no steps" } else { "it must follow a step:" };
            return self.error(number, format!("'{name}:' outside a step ({place})"));
        }
        match name {
            "say" | "then" | "ask" => {
                if let Err(why) = pieces(rest) {
                    return self.error(number, format!("{name}: {why}"));
                }
                self.narration(number, name, rest);
            }
            "rule" if self.current_step().rule.is_some() => self.error(number, "a second rule: in this step"),
            "rule" => self.current_step().rule = Some(rest.to_string()),
            "look" => match Pointer::parse(rest) {
                Ok(pointer) => self.current_step().look.push(pointer),
                Err(why) => self.error(number, format!("look: {why}")),
            },
            _ => self.question_part(number, name, rest),
        }
    }

    fn narration(&mut self, number: usize, name: &str, rest: &str) {
        if rest.is_empty() {
            return self.error(number, format!("'{name}:' needs text"));
        }
        match name {
            "ask" if self.question.is_some() => {
                self.error(number, "a second ask: in this step (one prediction a step)")
            }
            "ask" => {
                self.question = Some(PendingQuestion { ask: rest.to_string(), ask_line: number, ..Default::default() })
            }
            "say" if self.question.is_some() => {
                self.error(number, "say: after ask: (the narration after the reveal is then:)")
            }
            "say" => join(&mut self.current_step().say, rest),
            _ => join(&mut self.current_step().then, rest),
        }
    }

    fn question_part(&mut self, number: usize, name: &str, rest: &str) {
        let Some(question) = self.question.as_mut() else {
            return self.error(number, format!("'{name}:' without an ask: before it in this step"));
        };
        let problem = match name {
            "choices" | "pick" if question.choices.is_some() => Some("a second choices: or pick: in this step".into()),
            "choices" => {
                let list: Vec<String> = rest.split('|').map(|c| c.trim().to_string()).collect();
                let count = list.iter().filter(|c| !c.is_empty()).count();
                question.choices = Some((Choices::List(list), number));
                (count < 2).then(|| format!("choices: needs at least 2 choices separated by '|', found {count}"))
            }
            "pick" if rest == "broker" => {
                question.choices = Some((Choices::PickBroker, number));
                None
            }
            "pick" => Some(format!("pick: '{rest}': the learner can pick a broker only (pick: broker)")),
            "answer" if question.answer.is_some() => Some("a second answer: in this step".into()),
            "answer" => {
                question.answer = Some(rest.to_string());
                parse_query_line(rest).err().map(|e| format!("answer: '{rest}' is not a query: {}", e.message))
            }
            _ => {
                question.also.push(rest.to_string());
                parse_query_line(rest).err().map(|e| format!("also: '{rest}' is not a query: {}", e.message))
            }
        };
        if let Some(message) = problem {
            self.error(number, message);
        }
    }

    /// Closes the step being read: its question must be whole.
    fn end_step(&mut self) {
        if self.region == Region::Step && self.current_step().say.is_empty() {
            let line = self.step_line;
            self.error(line, "this step has no say: (every step tells what it shows)");
        }
        let Some(pending) = self.question.take() else { return };
        match finish_question(pending) {
            Ok(question) => self.current_step().question = Some(question),
            Err(errors) => self.errors.extend(errors),
        }
    }

    fn tail_directive(&mut self, number: usize, name: &str, rest: &str) {
        if !self.is_challenge() {
            return self.error(number, format!("'{name}:' belongs to a challenge (this file is a lesson)"));
        }
        if self.scenes.is_empty() {
            return self.error(number, format!("'{name}:' before the scene: (the scene comes first)"));
        }
        self.region = Region::Tail;
        let defend = self.part.as_ref().is_some_and(|(p, _)| p == "defend");
        if let Err(message) = self.tail.directive(name, rest, number, defend) {
            self.error(number, message);
        }
        if name == "solution" && !defend {
            self.region = Region::Solution;
        }
    }

    fn finish(mut self) -> Result<Lesson, Vec<LessonError>> {
        self.end_step();
        let kind = self.kind();
        let challenge = self.challenge(kind);
        self.whole_file_checks(kind);
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|e| e.line);
            return Err(self.errors);
        }
        let (id, _, _) = self.id.expect("checked: the id is there");
        Ok(Lesson {
            id,
            title: self.title.expect("checked: the title is there"),
            kind: kind.expect("checked: the part is valid"),
            learn: self.learn,
            after: self.after,
            tries: self.tries,
            scenes: self.scenes,
            steps: self.steps,
            challenge,
        })
    }

    fn kind(&mut self) -> Option<Kind> {
        let (part, line) = self.part.clone()?;
        let kind = match (self.is_challenge(), part.as_str()) {
            (true, "break") => Some(Kind::Break),
            (true, "defend") => Some(Kind::Defend),
            (false, "1" | "2" | "3") => Some(Kind::Lesson { part: part.parse().expect("a digit") }),
            _ => None,
        };
        if kind.is_none() {
            let allowed = if self.is_challenge() { "break or defend" } else { "1, 2 or 3" };
            self.error(line, format!("part: '{part}': write {allowed}"));
        }
        kind
    }

    fn challenge(&mut self, kind: Option<Kind>) -> Option<Challenge> {
        if !self.is_challenge() {
            return None;
        }
        let goal = self.goal.clone().unwrap_or_default();
        match std::mem::take(&mut self.tail).finish(goal, kind == Some(Kind::Defend)) {
            Ok(challenge) => Some(challenge),
            Err(errors) => {
                self.errors.extend(errors);
                None
            }
        }
    }

    /// What only the whole file can tell: the header is complete, there is a cluster.
    fn whole_file_checks(&mut self, kind: Option<Kind>) {
        let Some((_, id_line, challenge)) = self.id.clone() else {
            return self.error(1, "the file has no lesson: (or challenge:) line naming it");
        };
        if self.title.is_none() {
            self.error(id_line, "the file has no title:");
        }
        if self.part.is_none() {
            self.error(id_line, "the file has no part: (1, 2 or 3 for a lesson; break or defend for a challenge)");
        }
        if self.scenes.is_empty() {
            self.error(id_line, "the file has no scene: (a scene builds the cluster)");
        }
        if challenge {
            if self.goal.is_none() {
                self.error(id_line, "a challenge needs a goal:");
            }
        } else if self.learn.is_empty() {
            self.error(id_line, "a lesson needs at least one learn:");
        }
        if matches!(kind, Some(Kind::Lesson { .. })) && self.region == Region::Scene {
            let line = self.scenes.last().and_then(|s| s.setup.last()).map_or(id_line, |l| l.number);
            self.error(line, "the last scene has no step:");
        }
    }
}

fn finish_question(pending: PendingQuestion) -> Result<Question, Vec<LessonError>> {
    let at = |line: usize, message: String| LessonError { line, message };
    let Some(answer) = pending.answer else {
        return Err(vec![at(
            pending.ask_line,
            "ask: without answer: (the query whose value is the correct choice)".into(),
        )]);
    };
    let Some((choices, choices_line)) = pending.choices else {
        return Err(vec![at(pending.ask_line, "ask: without choices: or pick: broker".into())]);
    };
    let mut errors = Vec::new();
    if let Choices::List(list) = &choices {
        for choice in list.iter().filter(|c| !c.is_empty()) {
            if let Err(why) = assertion(&answer, choice) {
                errors.push(at(choices_line, format!("choice '{choice}' is not a value of {answer}: {why}")));
            }
        }
        if list.iter().any(|c| c.is_empty()) && list.len() > 1 {
            errors.push(at(choices_line, "an empty choice between two '|'".into()));
        }
    }
    match errors.is_empty() {
        true => Ok(Question { ask: pending.ask, choices, answer, also: pending.also }),
        false => Err(errors),
    }
}

fn join(paragraph: &mut String, line: &str) {
    if !paragraph.is_empty() {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Lower-case words (letters and digits) joined by single `-`.
pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}
