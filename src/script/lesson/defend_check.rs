//! A defend challenge proven by the seed sweep (`script::defend`, docs/lessons.md): its
//! reference choices must pass every seed checked, and every other choice (one setting
//! changed from the reference at a time) must lose or fail availability on one of them, so
//! each wrong choice is shown to be wrong by a run the learner can replay. The page runs the
//! same sweep on the learner's choices.
use super::model::{Defend, Lesson};
use crate::script::defend::{setup_with_choices, sweep, Budget, Verdict};

/// Seeds `kafka-sim lesson check` sweeps by default (the page runs 200; `make sweep` more).
pub const DEFEND_SEEDS: u64 = 1_000;

/// The scene as the sweep runs it with these choices.
pub fn defend_setup(lesson: &Lesson, choices: &[(String, String)]) -> String {
    setup_with_choices(&lesson.final_script(), choices)
}

/// The challenge's budgets as the sweep takes them.
pub fn defend_budgets(defend: &Defend) -> Vec<Budget> {
    defend.budgets.iter().map(|b| Budget { count: b.count, verbs: b.verbs.clone() }).collect()
}

/// Checks `lesson`'s reference and every wrong choice over seeds `0..seeds`.
pub fn check_defend(lesson: &Lesson, defend: &Defend, seeds: u64) -> Result<(), String> {
    let budgets = defend_budgets(defend);
    let reference = &defend.reference;
    match sweep(&defend_setup(lesson, reference), &budgets, 0..seeds)? {
        Verdict::Pass => {}
        other => return Err(format!("the reference choices do not pass the sweep: {}", verdict_text(&other))),
    }
    for choose in &defend.chooses {
        for option in choose.options.iter().filter(|o| reference.iter().all(|(k, v)| k != &choose.key || v != *o)) {
            let choices: Vec<(String, String)> = reference
                .iter()
                .map(|(k, v)| (k.clone(), if k == &choose.key { option.clone() } else { v.clone() }))
                .collect();
            if sweep(&defend_setup(lesson, &choices), &budgets, 0..seeds)? == Verdict::Pass {
                return Err(format!("{} = {option} passes {seeds} seeds: nothing shows it is wrong", choose.key));
            }
        }
    }
    Ok(())
}

/// A verdict in words, for the checker and the page.
pub fn verdict_text(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Pass => "no run lost an acknowledged record, and the cluster stayed available".to_owned(),
        Verdict::Lost { seed, lost, .. } => format!("seed {seed} lost acknowledged records: {}", lost.join(", ")),
        Verdict::Offline { seed, .. } => {
            format!("seed {seed} left the partition without a leader after everything healed")
        }
        Verdict::Unavailable { acked_fraction } => format!(
            "only {:.1} % of the records sent while at most one fault was active were acknowledged (95 % needed)",
            acked_fraction * 100.0
        ),
    }
}
