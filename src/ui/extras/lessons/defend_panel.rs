//! A defend-it challenge (`data-testid="defend-panel"`): the learner chooses the settings the
//! challenge leaves open, and the page runs the seed sweep on them (`script::defend`, 200
//! seeds, a few per frame so the page stays responsive): a steady producer under randomly
//! drawn fault schedules from the challenge's budget. The choices pass when no run loses an
//! acknowledged record and the cluster stays available; a losing run opens in the page to
//! be watched. Hints, then the reference choices.
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::challenge_panel::challenge_head;
use super::panel::PageHooks;
use super::resume::{carry_out, opening};
use crate::script::defend::{run_seed, SweepTally, Verdict};
use crate::script::lesson::{defend_budgets, defend_setup, verdict_text, Defend, Lesson};
use crate::ui::extras::session_prop::SessionProp;
use crate::ui::lesson_steps::resumed_choices;

/// Seeds the page sweeps (`kafka-sim lesson check` runs the reference on more).
pub const PAGE_SEEDS: u64 = 200;
/// Seeds run between two frames.
const SEEDS_PER_SLICE: u64 = 2;

#[derive(Properties, PartialEq)]
pub struct DefendPanelProps {
    pub lesson: Rc<Lesson>,
    pub page: PageHooks,
    pub on_won: Callback<u32>,
    pub on_close: Callback<bool>,
    pub on_map: Callback<()>,
    /// The page's session: after a reload, the scene the learner left, with their choices.
    pub session: SessionProp,
}

/// The sweep as it stands: seeds run so far and what they found.
#[derive(Clone, PartialEq)]
struct Sweep {
    choices: Vec<(String, String)>,
    done: u64,
    tally: SweepTally,
    error: Option<String>,
}

#[component]
pub fn DefendPanel(props: &DefendPanelProps) -> Html {
    let Some(defend) = props.lesson.challenge.as_ref().and_then(|c| c.defend.clone()) else { return Html::default() };
    // The settings of the scene the page's session carries on (a reload while trying them),
    // kept as the learner left it; else each setting's first option, on a fresh scene.
    let resumed = use_memo((), |()| resumed_choices(&props.lesson, &defend, &props.session.borrow()));
    let first_options: Vec<(String, String)> =
        defend.chooses.iter().map(|c| (c.key.clone(), c.options[0].clone())).collect();
    let choices = use_state(|| (*resumed).clone().unwrap_or(first_options));
    let sweep = use_state(|| None::<Sweep>);
    let hints = use_state(|| 0_usize);
    let first = use_mut_ref(|| true);
    {
        // The page shows the scene with the settings chosen (`resume` on the first).
        let (lesson, on_import, chosen) = (props.lesson.clone(), props.page.on_import.clone(), (*choices).clone());
        let (on_map, found) = (props.on_map.clone(), resumed.is_some());
        use_effect_with(chosen.clone(), move |_| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            let opening = opening(&lesson.id, first, || found);
            let import = || on_import.emit((format!("challenge {}", lesson.id), defend_setup(&lesson, &chosen)));
            carry_out(opening, &lesson.id, import, &on_map);
        });
    }
    let on_choose = {
        let (choices, sweep) = (choices.clone(), sweep.clone());
        Callback::from(move |(key, value): (String, String)| {
            let next =
                choices.iter().map(|(k, v)| (k.clone(), if *k == key { value.clone() } else { v.clone() })).collect();
            choices.set(next);
            sweep.set(None);
        })
    };
    let on_run = run_callback(props, &defend, &choices, &sweep);
    html! {
        <section class="lesson challenge" data-testid="defend-panel" data-lesson={props.lesson.id.clone()} aria-labelledby="defend-title">
            { challenge_head("defend-title", &props.lesson.title, &props.on_map, &props.on_close) }
            <p class="challenge__goal"><strong>{ "Goal: " }</strong>{ props.lesson.challenge.as_ref().map(|c| c.goal.clone()).unwrap_or_default() }</p>
            { choice_fields(&defend, &choices, &on_choose) }
            <p class="small muted">{ budget_text(&defend) }</p>
            <button type="button" class="button button--primary" data-testid="defend-run" onclick={on_run}
                disabled={sweep.as_ref().is_some_and(|s| s.done < PAGE_SEEDS && !s.tally.decided() && s.error.is_none())}>
                { format!("Check these settings on {PAGE_SEEDS} fault schedules") }</button>
            if let Some(sweep) = &*sweep { { sweep_view(sweep, &props.page.on_import) } }
            { hints_view(props.lesson.challenge.as_ref().map(|c| c.hints.as_slice()).unwrap_or_default(), &defend, &hints) }
        </section>
    }
}

fn choice_fields(
    defend: &Defend,
    choices: &UseStateHandle<Vec<(String, String)>>,
    on_choose: &Callback<(String, String)>,
) -> Html {
    let fields = defend.chooses.iter().map(|choose| {
        let key = choose.key.clone();
        let chosen = choices.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        let options = choose
            .options
            .iter()
            .map(|o| html! { <option value={o.clone()} selected={*o == chosen}>{ o.clone() }</option> });
        let onchange = on_choose.reform(move |e: Event| (key.clone(), crate::ui::dom::event_value(&e)));
        html! {
            <label class="field field--inline">
                <span class="mono">{ choose.key.clone() }</span>
                <select data-testid={format!("defend-choice-{}", choose.key)} {onchange}>{ for options }</select>
            </label>
        }
    });
    html! { <div class="form-row defend__choices">{ for fields }</div> }
}

fn budget_text(defend: &Defend) -> String {
    let parts: Vec<String> = defend.budgets.iter().map(|b| format!("{} of {}", b.count, b.verbs.join(", "))).collect();
    format!(
        "Each schedule: a producer sends a record every 200 ms while faults are drawn at random times from {} (at least half aimed at the leader), then everything is healed and restarted.",
        parts.join(", plus ")
    )
}

/// Starts the sweep: a few seeds now, the rest on later timeouts, so frames keep coming.
fn run_callback(
    props: &DefendPanelProps,
    defend: &Defend,
    choices: &UseStateHandle<Vec<(String, String)>>,
    sweep: &UseStateHandle<Option<Sweep>>,
) -> Callback<MouseEvent> {
    let (lesson, budgets, choices, sweep, on_won) =
        (props.lesson.clone(), Rc::new(defend_budgets(defend)), choices.clone(), sweep.clone(), props.on_won.clone());
    Callback::from(move |_: MouseEvent| {
        let start = Sweep { choices: (*choices).clone(), done: 0, tally: SweepTally::new(), error: None };
        let setup = Rc::new(defend_setup(&lesson, &start.choices));
        sweep.set(Some(start.clone()));
        run_slice(start, setup, budgets.clone(), sweep.clone(), on_won.clone());
    })
}

fn run_slice(
    mut now: Sweep,
    setup: Rc<String>,
    budgets: Rc<Vec<crate::script::defend::Budget>>,
    sweep: UseStateHandle<Option<Sweep>>,
    on_won: Callback<u32>,
) {
    Timeout::new(0, move || {
        let end = (now.done + SEEDS_PER_SLICE).min(PAGE_SEEDS);
        for seed in now.done..end {
            match run_seed(&setup, &budgets, seed) {
                Ok(outcome) => now.tally.add(outcome),
                Err(e) => now.error = Some(e),
            }
        }
        now.done = end;
        let finished = now.done >= PAGE_SEEDS || now.tally.decided() || now.error.is_some();
        if finished && now.error.is_none() && now.tally.verdict() == Verdict::Pass {
            on_won.emit(0);
        }
        // The learner may have changed a choice meanwhile: that sweep is over.
        if (*sweep).as_ref().is_some_and(|s| s.choices == now.choices) {
            sweep.set(Some(now.clone()));
            if !finished {
                run_slice(now, setup, budgets, sweep, on_won);
            }
        }
    })
    .forget();
}

fn sweep_view(sweep: &Sweep, on_import: &Callback<(String, String)>) -> Html {
    if let Some(error) = &sweep.error {
        return html! { <p class="lesson__verdict lesson__verdict--wrong" role="alert">{ error.clone() }</p> };
    }
    let verdict = sweep.tally.verdict();
    let running = sweep.done < PAGE_SEEDS && !sweep.tally.decided();
    let (class, text) = match (&verdict, running) {
        (Verdict::Lost { .. }, _) => {
            ("lesson__verdict lesson__verdict--wrong", format!("✗ {}", verdict_text(&verdict)))
        }
        (_, true) => ("lesson__verdict", format!("Running schedule {} of {PAGE_SEEDS}…", sweep.done + 1)),
        (Verdict::Pass, false) => (
            "lesson__verdict lesson__verdict--right",
            format!("✓ Defended: over {} schedules, {}.", sweep.done, verdict_text(&verdict)),
        ),
        (_, false) => ("lesson__verdict lesson__verdict--wrong", format!("✗ {}", verdict_text(&verdict))),
    };
    let replay = match (&verdict, running) {
        (Verdict::Lost { seed, script, .. } | Verdict::Offline { seed, script }, _) => {
            let (name, script, on_import) =
                (format!("the losing schedule (seed {seed})"), script.clone(), on_import.clone());
            html! { <button type="button" class="button" data-testid="defend-open-run" onclick={Callback::from(move |_: MouseEvent| on_import.emit((name.clone(), script.clone())))}>
            { "Open that run in the page and watch it" }</button> }
        }
        _ => Html::default(),
    };
    html! {
        <div class="lesson__reveal" data-testid="defend-result" aria-live="polite">
            <progress max={PAGE_SEEDS.to_string()} value={sweep.done.to_string()}></progress>
            <p class={class}>{ text }</p>
            { replay }
        </div>
    }
}

fn hints_view(hints: &[String], defend: &Defend, shown: &UseStateHandle<usize>) -> Html {
    let count = **shown;
    let items = hints.iter().take(count).map(|h| html! { <li>{ h.clone() }</li> });
    let more = shown.clone();
    let label = if count < hints.len() {
        format!("Hint {} of {}", count + 1, hints.len())
    } else {
        "Show the answer".to_owned()
    };
    let answer: Vec<String> = defend.reference.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    html! {
        <div class="challenge__hints">
            <ol class="challenge__hint-list">{ for items }</ol>
            if count <= hints.len() {
                <button type="button" class="button button--quiet" onclick={Callback::from(move |_: MouseEvent| more.set(count + 1))}>{ label }</button>
            } else {
                <p class="challenge__solution" data-testid="challenge-solution">{ format!("One answer: {}.", answer.join(", ")) }</p>
            }
        </div>
    }
}
