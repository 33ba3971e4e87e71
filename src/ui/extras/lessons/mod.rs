//! The lessons (issue 14) in the full page: the map, a lesson's panel, a challenge's. A
//! lesson replaces the page's session with its own at every step; the learner's session is
//! kept aside when the first lesson opens and comes back when they leave ("back to my
//! session"), or stays restorable from the session bar when they keep the lesson's cluster
//! to try things themselves. `#lesson=ID&step=N` opens any lesson at any step.
mod catalog;
mod challenge_panel;
mod challenge_status;
mod defend_panel;
mod link;
mod map;
mod panel;
mod progress;
mod replay;
mod resume;
mod step_view;

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use self::challenge_panel::ChallengePanel;
use self::defend_panel::DefendPanel;
use self::panel::LessonPanel;
pub use self::panel::PageHooks;
use super::session_prop::SessionProp;
use crate::script::lesson::{Kind, Lesson};

#[derive(Clone, PartialEq)]
enum Showing {
    Map,
    Lesson { lesson: Rc<Lesson>, step: usize },
    Finished { lesson: Rc<Lesson> },
    Challenge { lesson: Rc<Lesson> },
    Defend { lesson: Rc<Lesson> },
}

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub session: SessionProp,
    pub reduced_motion: bool,
    /// Inside another page (`ui::embed`): nothing is kept in storage.
    pub embedded: bool,
    pub page: PageHooks,
    /// Closes the lessons panel.
    pub on_close: Callback<()>,
}

/// What a lesson link (or none) opens.
fn showing_for(link: Option<(String, usize)>) -> Showing {
    let Some((id, step)) = link else { return Showing::Map };
    match catalog::find(&id) {
        Some(lesson) if matches!(lesson.kind, Kind::Lesson { .. }) => {
            let step = step.min(lesson.steps.len().saturating_sub(1));
            Showing::Lesson { lesson, step }
        }
        Some(lesson) if lesson.kind == Kind::Defend => Showing::Defend { lesson },
        Some(lesson) => Showing::Challenge { lesson },
        None => Showing::Map,
    }
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    if props.embedded {
        progress::keep_nothing();
    }
    let showing = use_state(|| showing_for(link::current()));
    let progress = use_state(progress::load_all);
    let open = open_callback(props, &showing);
    use_lesson_links(&open);
    {
        // Whatever opens first (a link or the map's choice) finds the learner's own session.
        let script = props.session.0.export_script();
        use_effect_with((), move |()| {
            if link::current().is_some() {
                progress::keep_session_before(&script);
            }
        });
    }
    let close = close_callback(props, &showing);
    match (*showing).clone() {
        Showing::Map => map::lesson_map(&progress, &open.reform(|id| (id, 0)), &close.reform(|()| true)),
        Showing::Lesson { lesson, step } => lesson_panel(props, &lesson, step, &showing, &progress, &close),
        Showing::Finished { lesson } => finished(props, &lesson, &open, &close, &showing),
        Showing::Challenge { lesson } => {
            let (on_won, on_map) = (won_callback(&lesson, &progress, true), map_callback(&showing));
            let id = lesson.id.clone();
            // Keyed by the challenge: another one (a link) starts with its own hints and choices.
            html! { <ChallengePanel key={id} {lesson} session={props.session.clone()} page={props.page.clone()} {on_won} on_close={close} {on_map} /> }
        }
        Showing::Defend { lesson } => {
            let (on_won, on_map) = (won_callback(&lesson, &progress, false), map_callback(&showing));
            let id = lesson.id.clone();
            html! { <DefendPanel key={id} {lesson} page={props.page.clone()} {on_won} on_close={close} {on_map} session={props.session.clone()} /> }
        }
    }
}

/// Records a won challenge: with its faults (the fewest so far) for a break-it one.
fn won_callback(
    lesson: &Lesson,
    progress: &UseStateHandle<std::collections::BTreeMap<String, progress::Progress>>,
    scored: bool,
) -> Callback<u32> {
    let (id, progress) = (lesson.id.clone(), progress.clone());
    Callback::from(move |faults: u32| {
        progress.set(progress::update(&id, |p| {
            p.done = true;
            if scored {
                p.best_faults = Some(p.best_faults.map_or(faults, |b| b.min(faults)));
            }
        }))
    })
}

fn map_callback(showing: &UseStateHandle<Showing>) -> Callback<()> {
    let showing = showing.clone();
    Callback::from(move |()| showing.set(Showing::Map))
}

/// Opens lesson or challenge `id` at `step`, keeping the learner's session aside first.
fn open_callback(props: &LessonsProps, showing: &UseStateHandle<Showing>) -> Callback<(String, usize)> {
    let (session, showing) = (props.session.clone(), showing.clone());
    Callback::from(move |(id, step): (String, usize)| {
        progress::keep_session_before(&session.0.export_script());
        progress::forget_shown();
        let next = showing_for(Some((id.clone(), step)));
        if next != Showing::Map {
            link::show(&id, step);
        }
        showing.set(next);
    })
}

/// Leaves the lessons: `true` keeps the lesson's cluster (the learner's own session stays
/// restorable from the session bar), `false` brings the learner's session back.
fn close_callback(props: &LessonsProps, showing: &UseStateHandle<Showing>) -> Callback<bool> {
    let (on_import, on_close, showing) = (props.page.on_import.clone(), props.on_close.clone(), showing.clone());
    Callback::from(move |keep: bool| {
        if let Some(script) = progress::take_session_before() {
            match keep {
                true => crate::ui::persist::keep_previous(&script),
                false => on_import.emit(("your session from before the lesson".to_owned(), script)),
            }
        }
        link::clear();
        showing.set(Showing::Map);
        on_close.emit(());
    })
}

fn lesson_panel(
    props: &LessonsProps,
    lesson: &Rc<Lesson>,
    step: usize,
    showing: &UseStateHandle<Showing>,
    progress: &UseStateHandle<std::collections::BTreeMap<String, progress::Progress>>,
    close: &Callback<bool>,
) -> Html {
    let on_step = {
        let (lesson, showing, progress) = (lesson.clone(), showing.clone(), progress.clone());
        Callback::from(move |step: usize| {
            link::show(&lesson.id, step);
            progress.set(progress::update(&lesson.id, |p| p.step = p.step.max(step)));
            showing.set(Showing::Lesson { lesson: lesson.clone(), step });
        })
    };
    let on_finished = {
        let (lesson, showing, progress) = (lesson.clone(), showing.clone(), progress.clone());
        Callback::from(move |()| {
            progress.set(progress::update(&lesson.id, |p| p.done = true));
            showing.set(Showing::Finished { lesson: lesson.clone() });
        })
    };
    let on_map = map_callback(showing);
    html! {
        <LessonPanel lesson={lesson.clone()} {step} reduced_motion={props.reduced_motion} page={props.page.clone()}
            {on_step} {on_finished} on_close={close.clone()} {on_map} session={props.session.clone()} />
    }
}

/// The end of a lesson: what was learnt, "try it yourself" in the sandbox from here, and
/// where to go next.
fn finished(
    props: &LessonsProps,
    lesson: &Rc<Lesson>,
    open: &Callback<(String, usize)>,
    close: &Callback<bool>,
    showing: &UseStateHandle<Showing>,
) -> Html {
    let learnt = lesson.learn.iter().map(|l| html! { <li>{ l.clone() }</li> });
    let tries = lesson.tries.iter().map(|line| {
        let (text, on_line) = (line.clone(), props.page.on_line.clone());
        html! { <li><button type="button" class="button button--quiet mono" data-testid="lesson-try" onclick={Callback::from(move |_: MouseEvent| on_line.emit(text.clone()))}>{ line.clone() }</button></li> }
    });
    let all = catalog::all();
    let next = all.iter().skip_while(|l| l.id != lesson.id).nth(1).cloned();
    let on_map = {
        let s = showing.clone();
        Callback::from(move |_: MouseEvent| s.set(Showing::Map))
    };
    html! {
        <section class="lesson" data-testid="lesson-finished" aria-labelledby="lesson-finished-title">
            <div class="lesson__head"><h2 id="lesson-finished-title">{ format!("✓ Finished: {}", lesson.title) }</h2></div>
            <p>{ "You can now:" }</p><ul>{ for learnt }</ul>
            if !lesson.tries.is_empty() {
                <p><strong>{ "Try it yourself" }</strong>{ ": the cluster is yours. Run one of these, or anything from the console:" }</p>
                <ul class="lesson__tries">{ for tries }</ul>
            }
            <div class="lesson__nav">
                <button type="button" class="button" data-testid="lesson-keep" onclick={close.reform(|_: MouseEvent| true)}>{ "Keep this cluster and close" }</button>
                <button type="button" class="button" data-testid="lesson-restore" onclick={close.reform(|_: MouseEvent| false)}>{ "Back to my own session" }</button>
                <button type="button" class="button" onclick={on_map}>{ "All lessons" }</button>
                if let Some(next) = next {
                    <button type="button" class="button button--primary" data-testid="lesson-next-lesson"
                        onclick={open.reform({ let id = next.id.clone(); move |_: MouseEvent| (id.clone(), 0) })}>{ format!("Next: {} →", next.title) }</button>
                }
            </div>
        </section>
    }
}

/// A lesson link pasted into the address bar opens that lesson.
#[hook]
fn use_lesson_links(open: &Callback<(String, usize)>) {
    let open = open.clone();
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        let listener = EventListener::new(&window, "hashchange", move |_| {
            if let Some(link) = link::current() {
                open.emit(link);
            }
        });
        move || drop(listener)
    });
}
