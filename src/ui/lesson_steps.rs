//! What the lesson panel shows for a step, computed from the simulator (issue 14): the
//! step's text with its `{query}` values filled in at the moment it opens, the choices of
//! its prediction, and at the reveal the answer's value, the other values and the closing
//! text, each from a fresh run of the lesson's script, exactly as `kafka-sim lesson check`
//! runs it. Nothing the learner is told comes from a constant. Pure (no yew), so it is
//! tested natively; the panel (`ui::extras::lessons`) only draws it and drives the page.
use crate::script::lesson::{
    answer_value, choice_matches, defend_setup, fill_text, Choices, Defend, Lesson, Pointer, Question,
};
use crate::script::parse::parse_query_line;
use crate::script::query::evaluate;
use crate::script::session::Session;

/// A step as it opens.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedStep {
    pub index: usize,
    pub title: String,
    pub say: String,
    pub rule: Option<String>,
    pub look: Vec<Pointer>,
    /// The prediction, filled in, and its choices (every broker for `pick: broker`).
    pub ask: Option<(String, Vec<String>)>,
    /// The prediction is `pick: broker`: a click on a broker of the page answers it too.
    pub pick_broker: bool,
    /// The script that brings a fresh session here, and the simulated time it ends at.
    pub script: String,
    pub open_ms: u64,
    /// Where the scene stood before this step's lines ran (the page plays them from there);
    /// `None` for the first step of a scene.
    pub from_ms: Option<u64>,
}

/// A step's reveal: what the learner chose, the simulator's value, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Revealed {
    pub chosen: Option<String>,
    /// `None` when the learner chose nothing (a skip, or presenting to a class).
    pub correct: Option<bool>,
    pub value: String,
    /// The other values shown beside it: (query, value).
    pub also: Vec<(String, String)>,
    pub then: String,
    pub script: String,
    pub end_ms: u64,
}

fn run(script: &str) -> Result<Session, String> {
    Session::from_script(script).map_err(|e| format!("the lesson's script does not run here: {e}"))
}

/// Whether `session` is the scene `script` brings, carried on from there: after a reload, the
/// page restored what the learner did in a step or a challenge, and that is theirs to keep.
pub fn carries_on(session: &Session, script: &str) -> bool {
    run(script).is_ok_and(|start| session.continues(&start))
}

/// A defend challenge's choices whose scene `session` carries on (the page reloaded while the
/// learner tried them), if any: each combination of the options, in order.
pub fn resumed_choices(lesson: &Lesson, defend: &Defend, session: &Session) -> Option<Vec<(String, String)>> {
    /// Beyond this many combinations the page starts from the first options instead.
    const MOST_COMBINATIONS: usize = 64;
    let mut combinations: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for choose in &defend.chooses {
        combinations = combinations
            .iter()
            .flat_map(|chosen| {
                choose.options.iter().map(move |option| {
                    let mut next = chosen.clone();
                    next.push((choose.key.clone(), option.clone()));
                    next
                })
            })
            .collect();
        if combinations.len() > MOST_COMBINATIONS {
            return None;
        }
    }
    combinations.into_iter().find(|chosen| carries_on(session, &defend_setup(lesson, chosen)))
}

/// Step `index` of `lesson`, opened.
pub fn open_step(lesson: &Lesson, index: usize) -> Result<OpenedStep, String> {
    let step = lesson.steps.get(index).ok_or_else(|| format!("{} has no step {}", lesson.id, index + 1))?;
    let script = lesson.script_to_open(index);
    let session = run(&script)?;
    let cluster = session.cluster();
    let ask = match &step.question {
        Some(question) => Some((fill_text(&question.ask, cluster)?, choices(question, &session))),
        None => None,
    };
    let from_ms = match lesson.is_new_scene(index) {
        true => None,
        false => Some(run(&lesson.script_after_reveal(index - 1))?.now_ms()),
    };
    Ok(OpenedStep {
        index,
        title: step.title.clone(),
        say: fill_text(&step.say, cluster)?,
        pick_broker: step.question.as_ref().is_some_and(|q| q.choices == Choices::PickBroker),
        rule: step.rule.clone(),
        look: step.look.clone(),
        ask,
        open_ms: session.now_ms(),
        script,
        from_ms,
    })
}

fn choices(question: &Question, session: &Session) -> Vec<String> {
    match &question.choices {
        Choices::List(list) => list.clone(),
        Choices::PickBroker => session.cluster().view().brokers.iter().map(|b| b.id.to_string()).collect(),
    }
}

/// The reveal of step `index` after the learner chose `chosen` (or nothing).
pub fn reveal_step(lesson: &Lesson, index: usize, chosen: Option<&str>) -> Result<Revealed, String> {
    let step = lesson.steps.get(index).ok_or_else(|| format!("{} has no step {}", lesson.id, index + 1))?;
    let script = lesson.script_after_reveal(index);
    let session = run(&script)?;
    let cluster = session.cluster();
    let (value, correct, also) = match &step.question {
        Some(question) => {
            let correct = chosen.map(|c| choice_matches(question, c, cluster)).transpose()?;
            let also = question
                .also
                .iter()
                .map(|q| Ok((q.clone(), query_value(q, &session)?)))
                .collect::<Result<_, String>>()?;
            (answer_value(question, cluster)?, correct, also)
        }
        None => (String::new(), None, Vec::new()),
    };
    Ok(Revealed {
        chosen: chosen.map(str::to_owned),
        correct,
        value,
        also,
        then: fill_text(&step.then, cluster)?,
        end_ms: session.now_ms(),
        script,
    })
}

fn query_value(query: &str, session: &Session) -> Result<String, String> {
    let parsed = parse_query_line(query).map_err(|e| e.to_string())?;
    evaluate(session.cluster(), &parsed).map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::lesson::catalog::LESSON_FILES;
    use crate::script::lesson::parse_lesson;

    fn lesson(id: &str) -> Lesson {
        let (_, text) = LESSON_FILES.iter().find(|(name, _)| name.contains(id)).expect("a lesson file");
        parse_lesson(text).expect("parses")
    }

    /// The lecture's first prediction: the choice equal to the simulator's value is right,
    /// another is wrong, and the text carries the simulator's numbers.
    #[test]
    fn a_prediction_is_marked_by_the_simulators_value() {
        let lesson = lesson("leaders-and-followers");
        let index = lesson.steps.iter().position(|s| s.question.is_some()).expect("a prediction");
        let opened = open_step(&lesson, index).expect("opens");
        let (_, choices) = opened.ask.clone().expect("asks");
        let revealed = reveal_step(&lesson, index, None).expect("reveals");
        let right = choices.iter().find(|c| **c == revealed.value).expect("one choice is the value");
        let wrong = choices.iter().find(|c| **c != revealed.value).expect("a wrong choice");
        assert_eq!(reveal_step(&lesson, index, Some(right)).unwrap().correct, Some(true));
        assert_eq!(reveal_step(&lesson, index, Some(wrong)).unwrap().correct, Some(false));
        assert!(!opened.say.contains('{'), "every query filled: {}", opened.say);
    }

    /// A reload finds the step where the learner left it, their own commands kept; the step
    /// before it, or their own session from before the lesson, is not it.
    #[test]
    fn a_step_carried_on_is_recognised_after_a_reload() {
        let lesson = lesson("failover");
        let opened = open_step(&lesson, 2).unwrap();
        let mut learner = run(&opened.script).unwrap();
        learner.execute("crash broker 2").unwrap();
        let reloaded = run(&learner.export_script()).unwrap();
        assert!(carries_on(&reloaded, &opened.script));
        let before = run(&open_step(&lesson, 0).unwrap().script).unwrap();
        assert!(!carries_on(&before, &opened.script), "the step before");
        assert!(!carries_on(&Session::new(), &opened.script), "a session of their own");
    }

    /// A reload during a defend challenge finds the settings the learner chose from the
    /// session they left; another session finds none.
    #[test]
    fn a_defend_challenges_choices_are_found_again_after_a_reload() {
        let lesson = lesson("defend-unclean");
        let defend = lesson.challenge.as_ref().and_then(|c| c.defend.clone()).expect("a defend challenge");
        let chosen: Vec<(String, String)> =
            defend.chooses.iter().map(|c| (c.key.clone(), c.options[1].clone())).collect();
        let mut learner = run(&defend_setup(&lesson, &chosen)).unwrap();
        learner.execute("crash broker 1").unwrap();
        let reloaded = run(&learner.export_script()).unwrap();
        assert_eq!(resumed_choices(&lesson, &defend, &reloaded), Some(chosen));
        assert_eq!(resumed_choices(&lesson, &defend, &Session::new()), None);
    }

    /// A later step of a scene plays from where the one before it ended; a new scene does not.
    #[test]
    fn a_step_plays_from_where_the_last_one_ended() {
        let lesson = lesson("failover");
        let first = open_step(&lesson, 0).unwrap();
        assert_eq!(first.from_ms, None);
        let second = open_step(&lesson, 1).unwrap();
        let before = reveal_step(&lesson, 0, None).unwrap();
        assert_eq!(second.from_ms, Some(before.end_ms));
        assert!(second.open_ms >= before.end_ms);
    }

    /// `pick: broker` offers every broker of the cluster.
    #[test]
    fn picking_a_broker_offers_each_one() {
        let lesson = lesson("failover");
        let index = lesson
            .steps
            .iter()
            .position(|s| matches!(s.question.as_ref().map(|q| &q.choices), Some(Choices::PickBroker)))
            .unwrap();
        let (_, choices) = open_step(&lesson, index).unwrap().ask.unwrap();
        assert_eq!(choices, ["1", "2", "3"]);
    }
}
