//! A break-it challenge (`data-testid="challenge-panel"`): the goal stays in view; the
//! learner breaks the cluster with the page's own controls and console; after each command
//! the panel reads the session's script back for the faults used and asks the simulator
//! whether the goal holds. Three hints, one at a time, then the reference solution, which
//! can be played in the page.
use std::rc::Rc;

use yew::prelude::*;

use super::challenge_status::{status, ChallengeStatus};
use super::panel::PageHooks;
use super::resume::{carry_out, opening};
use crate::script::lesson::{Challenge, Lesson};
use crate::script::session::Session;
use crate::ui::extras::session_prop::SessionProp;
use crate::ui::lesson_steps::carries_on;

#[derive(Properties, PartialEq)]
pub struct ChallengePanelProps {
    pub lesson: Rc<Lesson>,
    pub session: SessionProp,
    pub page: PageHooks,
    /// Won with this many faults.
    pub on_won: Callback<u32>,
    pub on_close: Callback<bool>,
    pub on_map: Callback<()>,
}

#[component]
pub fn ChallengePanel(props: &ChallengePanelProps) -> Html {
    let Some(challenge) = props.lesson.challenge.clone() else { return Html::default() };
    let hints = use_state(|| 0_usize);
    // The scene as the session exports it: the learner's commands are what follows.
    let scene = use_memo(props.lesson.id.clone(), |_| {
        Session::from_script(&props.lesson.final_script()).map(|s| s.export_script()).unwrap_or_default()
    });
    {
        // A session that carries the challenge on (a reload mid-attempt) keeps the learner's
        // faults: it is their attempt, and its score (`resume`).
        let (lesson, on_import, session, on_map) =
            (props.lesson.clone(), props.page.on_import.clone(), props.session.clone(), props.on_map.clone());
        use_effect_with(lesson.id.clone(), move |_| {
            let script = lesson.final_script();
            let opening = opening(&lesson.id, true, || carries_on(&session.borrow(), &script));
            let import = || on_import.emit((format!("challenge {}", lesson.id), script.clone()));
            carry_out(opening, &lesson.id, import, &on_map);
        });
    }
    let handle = &props.session.0;
    let now = use_memo((handle.id, handle.save_version), |_| Rc::new(status(&challenge, &scene, &handle.borrow())));
    {
        // A win after the solution was shown is the solution's, not the learner's.
        let (on_won, faults, own) = (props.on_won.clone(), now.faults.len() as u32, *hints <= challenge.hints.len());
        use_effect_with(now.won, move |&won| {
            if won && own {
                on_won.emit(faults)
            }
        });
    }
    let restart = {
        let (lesson, on_import) = (props.lesson.clone(), props.page.on_import.clone());
        Callback::from(move |_: MouseEvent| on_import.emit((format!("challenge {}", lesson.id), lesson.final_script())))
    };
    html! {
        <section class="lesson challenge" data-testid="challenge-panel" data-lesson={props.lesson.id.clone()} aria-labelledby="challenge-title">
            { challenge_head("challenge-title", &props.lesson.title, &props.on_map, &props.on_close) }
            <p class="challenge__goal" data-testid="challenge-goal"><strong>{ "Goal: " }</strong>{ challenge.goal.clone() }</p>
            { score(&challenge, &now) }
            <div class="lesson__nav">
                <button type="button" class="button" data-testid="challenge-restart" onclick={restart}>{ "Start again" }</button>
            </div>
            { hints_view(&challenge, &hints, props) }
        </section>
    }
}

/// Faults used against par, what broke the rules, and the win with its stars.
fn score(challenge: &Challenge, now: &ChallengeStatus) -> Html {
    let used = now.faults.len() as u32;
    let line = format!("Faults used: {used} (par {})", challenge.par);
    let state = if now.elsewhere {
        html! { <p class="lesson__verdict">{ "This is no longer the challenge's cluster: press Start again." }</p> }
    } else if let Some(why) = &now.refused {
        html! { <p class="lesson__verdict lesson__verdict--wrong" role="alert">{ format!("✗ Not allowed here: {why}. Press Start again.") }</p> }
    } else if now.won {
        let stars = challenge.stars(used);
        html! { <p class="lesson__verdict lesson__verdict--right" data-testid="challenge-won" role="status">
        { format!("✓ Won with {used} fault{}: {}{}", if used == 1 { "" } else { "s" }, "★".repeat(stars.into()), "☆".repeat((3 - stars).into())) }</p> }
    } else {
        html! { <p class="lesson__verdict">{ "Not yet: use the brokers' buttons, the console or the producer, then run time." }</p> }
    };
    html! {
        <div class="challenge__score" data-testid="challenge-score" aria-live="polite">
            <p>{ line }{ for now.faults.iter().map(|f| html! { <code class="challenge__fault">{ f.clone() }</code> }) }</p>
            { state }
        </div>
    }
}

/// Hints one at a time, then the solution, which plays in the page.
fn hints_view(challenge: &Challenge, shown: &UseStateHandle<usize>, props: &ChallengePanelProps) -> Html {
    let count = **shown;
    let items = challenge.hints.iter().take(count).map(|h| html! { <li>{ h.clone() }</li> });
    let more = shown.clone();
    let next_label = if count < challenge.hints.len() {
        format!("Hint {} of {}", count + 1, challenge.hints.len())
    } else {
        "Show the solution".to_owned()
    };
    let solution: Vec<String> = challenge.solution.iter().map(|l| l.text.clone()).collect();
    let play = {
        let (lesson, on_import, lines) = (props.lesson.clone(), props.page.on_import.clone(), solution.clone());
        Callback::from(move |_: MouseEvent| {
            let script = format!("{}\n{}\n", lesson.final_script().trim_end(), lines.join("\n"));
            on_import.emit((format!("the solution of {}", lesson.id), script));
        })
    };
    html! {
        <div class="challenge__hints">
            <ol class="challenge__hint-list" data-testid="challenge-hints">{ for items }</ol>
            if count <= challenge.hints.len() {
                <button type="button" class="button button--quiet" data-testid="challenge-hint" onclick={Callback::from(move |_: MouseEvent| more.set(count + 1))}>{ next_label }</button>
            }
            if count > challenge.hints.len() {
                <div class="challenge__solution" data-testid="challenge-solution">
                    <pre class="mono">{ solution.join("\n") }</pre>
                    <button type="button" class="button" onclick={play}>{ "Play the solution here" }</button>
                </div>
            }
        </div>
    }
}

/// A challenge's heading with "All lessons" and "Close" (which keeps the cluster), shared by
/// the break-it and defend-it panels; `id` labels the panel's section.
pub fn challenge_head(id: &'static str, title: &str, on_map: &Callback<()>, on_close: &Callback<bool>) -> Html {
    html! {
        <div class="lesson__head">
            <h2 {id}>{ format!("Challenge: {title}") }</h2>
            <button type="button" class="button button--quiet" onclick={on_map.reform(|_: MouseEvent| ())}>{ "All lessons" }</button>
            <button type="button" class="button button--quiet" data-testid="lesson-close" onclick={on_close.reform(|_: MouseEvent| true)}>{ "Close" }</button>
        </div>
    }
}
