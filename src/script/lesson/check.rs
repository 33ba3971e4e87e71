//! `kafka-sim lesson check`: proves a lesson true by running it natively. Every line must
//! run (a failing `expect`/`await` or a refused command names its line), every `{query}`
//! must evaluate where the page shows it, every prediction must have exactly one correct
//! choice, every `look:` must point at something that exists, and a break challenge's
//! reference solution must win within par while obeying its own rules.
use std::fmt;

use super::defend_check::{check_defend, DEFEND_SEEDS};
use super::model::{Challenge, Choices, Kind, Lesson, Line, Pointer, Question, Step};
use super::text::{answer_value, choice_matches, fill_text, offered_choices, query_value};
use crate::script::parse::parse_line;
use crate::script::ScriptRun;
use crate::sim::Cluster;

/// What a passing check found, for the one line `lesson check` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub id: String,
    pub kind: Kind,
    pub steps: usize,
    pub predictions: usize,
    /// A break challenge's reference: the faults it used to win.
    pub solution_faults: Option<u32>,
    /// A defend challenge: the seeds its reference passed (and every other choice failed on).
    pub defend_seeds: Option<u64>,
}

impl CheckReport {
    /// `leaders-and-followers (6 steps, 4 predictions)`, `zombie-ack (break: the reference wins with 1 fault, par 1)`.
    pub fn summary(&self) -> String {
        match (self.kind, self.solution_faults) {
            (Kind::Break, Some(faults)) => {
                format!("{} (break: the reference wins with {faults} fault{})", self.id, plural(faults as usize))
            }
            (Kind::Defend, _) => format!(
                "{} (defend: the reference passes {} seeds; every other choice loses)",
                self.id,
                self.defend_seeds.unwrap_or(0)
            ),
            _ => format!(
                "{} ({} step{}, {} prediction{})",
                self.id,
                self.steps,
                plural(self.steps),
                self.predictions,
                plural(self.predictions)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Why a lesson is not true: the lesson, the step when there is one, and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonFailure {
    pub lesson: String,
    pub step: Option<String>,
    pub reason: String,
}

impl fmt::Display for LessonFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.step {
            Some(step) => write!(f, "lesson {}, step \"{step}\": {}", self.lesson, self.reason),
            None => write!(f, "lesson {}: {}", self.lesson, self.reason),
        }
    }
}

impl std::error::Error for LessonFailure {}

/// Runs the lesson (or challenge) natively and checks everything the page will show; a
/// defend challenge over `DEFEND_SEEDS` seeds.
pub fn check_lesson(lesson: &Lesson) -> Result<CheckReport, LessonFailure> {
    check_lesson_with_seeds(lesson, DEFEND_SEEDS)
}

/// `check_lesson`, a defend challenge's sweep over `defend_seeds` seeds.
pub fn check_lesson_with_seeds(lesson: &Lesson, defend_seeds: u64) -> Result<CheckReport, LessonFailure> {
    let fail = |step: Option<&Step>, reason: String| LessonFailure {
        lesson: lesson.id.clone(),
        step: step.map(|s| s.title.clone()),
        reason,
    };
    let mut report = CheckReport {
        id: lesson.id.clone(),
        kind: lesson.kind,
        steps: lesson.steps.len(),
        predictions: 0,
        solution_faults: None,
        defend_seeds: None,
    };
    match (&lesson.kind, &lesson.challenge) {
        (Kind::Break, Some(challenge)) => {
            report.solution_faults = Some(check_break(lesson, challenge).map_err(|reason| fail(None, reason))?);
        }
        (Kind::Defend, Some(Challenge { defend: Some(defend), .. })) => {
            scene_run(lesson, 0).map_err(|reason| fail(None, reason))?;
            check_defend(lesson, defend, defend_seeds).map_err(|reason| fail(None, reason))?;
            report.defend_seeds = Some(defend_seeds);
        }
        _ => report.predictions = check_steps(lesson, &fail)?,
    }
    Ok(report)
}

/// Every step in order, a fresh cluster at each scene; the number of predictions.
fn check_steps(lesson: &Lesson, fail: &dyn Fn(Option<&Step>, String) -> LessonFailure) -> Result<usize, LessonFailure> {
    let mut predictions = 0;
    let mut run = ScriptRun::new();
    for (index, step) in lesson.steps.iter().enumerate() {
        if lesson.is_new_scene(index) {
            run = scene_run(lesson, step.scene).map_err(|reason| fail(Some(step), reason))?;
        }
        predictions += check_step(step, &mut run).map_err(|reason| fail(Some(step), reason))?;
    }
    check_tries(lesson, &run).map_err(|reason| fail(None, reason))?;
    Ok(predictions)
}

/// A fresh run with the scene's setup done.
fn scene_run(lesson: &Lesson, scene: usize) -> Result<ScriptRun, String> {
    let mut run = ScriptRun::new();
    run_lines(&mut run, &lesson.scenes[scene].setup)?;
    Ok(run)
}

fn run_lines<'a>(run: &mut ScriptRun, lines: impl IntoIterator<Item = &'a Line>) -> Result<(), String> {
    for line in lines {
        run_line(run, line)?;
    }
    Ok(())
}

/// Runs one line as `kafka-sim run` would: its failure names the lesson's line.
fn run_line(run: &mut ScriptRun, line: &Line) -> Result<(), String> {
    let number = u32::try_from(line.number).unwrap_or(u32::MAX);
    let statement = match parse_line(&line.text, number) {
        Ok(Some(statement)) => statement,
        Ok(None) => return Ok(()),
        Err(e) => return Err(format!("line {}: {}", line.number, e.message)),
    };
    run.execute(&statement, number).map_err(|e| e.to_string())
}

/// One step: opening, its text and pointers, the reveal, the prediction, the `then:`.
/// Returns 1 for a step with a prediction, else 0.
fn check_step(step: &Step, run: &mut ScriptRun) -> Result<usize, String> {
    run_lines(run, &step.opening)?;
    fill_text(&step.say, run.cluster()).map_err(|e| format!("say: {e}"))?;
    // A named client comes to be with its first command, which may be this step's moment
    // itself (the page lights it once it appears); the cluster's parts exist when it opens.
    let is_client = |p: &&Pointer| matches!(p, Pointer::Producer(_) | Pointer::Consumer(_));
    for pointer in step.look.iter().filter(|p| !is_client(p)) {
        pointer.exists_in(run.cluster()).map_err(|e| format!("look: {e}"))?;
    }
    if let Some(question) = &step.question {
        fill_text(&question.ask, run.cluster()).map_err(|e| format!("ask: {e}"))?;
    }
    run_lines(run, &step.reveal)?;
    for pointer in step.look.iter().filter(is_client) {
        pointer.exists_in(run.cluster()).map_err(|e| format!("look: {e}"))?;
    }
    if let Some(question) = &step.question {
        check_prediction(question, run.cluster())?;
    }
    fill_text(&step.then, run.cluster()).map_err(|e| format!("then: {e}"))?;
    Ok(usize::from(step.question.is_some()))
}

/// Exactly one offered choice equals the answer's value after the reveal.
fn check_prediction(question: &Question, cluster: &Cluster) -> Result<(), String> {
    let value = answer_value(question, cluster).map_err(|e| format!("the answer query {}: {e}", question.answer))?;
    for also in &question.also {
        query_value(also, cluster).map_err(|e| format!("also: {also}: {e}"))?;
    }
    let brokers: Vec<u32> = cluster.view().brokers.iter().map(|b| b.id).collect();
    let mut correct = Vec::new();
    for choice in offered_choices(question, &brokers) {
        if choice_matches(question, &choice, cluster)? {
            correct.push(choice);
        }
    }
    let answer = &question.answer;
    match (correct.len(), &question.choices) {
        (1, _) => Ok(()),
        (0, Choices::PickBroker) => {
            Err(format!("the answer query {answer} gives {value}, which is not a broker to pick"))
        }
        (0, _) => Err(format!("the answer query {answer} gives {value} but no choice is {value}")),
        (_, _) => Err(format!(
            "the answer query {answer} gives {value} and {} choices match it: {}",
            correct.len(),
            correct.join(", ")
        )),
    }
}

/// Each `try:` suggestion, run alone on a copy of the final state: the sandbox must not
/// refuse what the lesson suggests.
fn check_tries(lesson: &Lesson, end: &ScriptRun) -> Result<(), String> {
    // In order, on one copy: the page lists them in order, and a later one may build on an
    // earlier one (create a topic, then produce to it).
    let mut run = end.clone();
    for suggestion in &lesson.tries {
        run_line(&mut run, &Line { number: 0, text: suggestion.clone() })
            .map_err(|e| format!("try: {suggestion}: refused at the end of the lesson: {e}"))?;
    }
    Ok(())
}

/// The scene, then the reference line by line under the page's rules, until `win:` holds.
/// Returns the faults it used.
fn check_break(lesson: &Lesson, challenge: &Challenge) -> Result<u32, String> {
    let mut run = scene_run(lesson, 0)?;
    if challenge.won(run.cluster()) == Ok(true) {
        return Err("win: already holds after the scene, before any command".into());
    }
    let mut used: Vec<String> = Vec::new();
    for line in &challenge.solution {
        if let Some(refusal) = challenge.refusal(&line.text, &used) {
            return Err(format!(
                "line {}: the page would refuse the reference's '{}': {refusal}",
                line.number, line.text
            ));
        }
        if challenge.counts_as_fault(&line.text) {
            used.push(line.text.clone());
        }
        run_line(&mut run, line)?;
        if challenge.won(run.cluster()).map_err(|e| format!("line {}: win: {e}", line.number))? {
            return within_par(challenge, used.len());
        }
    }
    Err("the reference solution never makes win: hold".into())
}

fn within_par(challenge: &Challenge, faults: usize) -> Result<u32, String> {
    let faults = u32::try_from(faults).unwrap_or(u32::MAX);
    match faults <= challenge.par {
        true => Ok(faults),
        false => Err(format!("the reference wins with {faults} faults, above par {}", challenge.par)),
    }
}
