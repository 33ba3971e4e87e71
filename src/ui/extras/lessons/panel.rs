//! The lesson panel (`data-testid="lesson-panel"`): one step at a time. A step opens (its
//! lines run, and when it follows the step before in the same scene, the page plays them),
//! its narration and rule show, and its prediction waits for the learner; the answer runs the
//! decisive moment, the page plays it, and the reveal marks the simulator's value beside the
//! learner's. The page's session is the lesson's at every moment (each step imports its
//! script), so the timeline scrubs through the whole scene. PageDown / PageUp (a presenter's
//! clicker) reveal and move on.
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::replay::use_replay;
use super::resume::{carry_out, opening, Opening};
use super::step_view::{narration, prediction, reveal, watching_bar};
use crate::script::lesson::{Lesson, Pointer};
use crate::ui::extras::session_prop::SessionProp;
use crate::ui::lesson_steps::{carries_on, open_step, reveal_step, OpenedStep, Revealed};
use crate::ui::state::Highlight;

/// What the panel does to the page.
#[derive(Clone, PartialEq)]
pub struct PageHooks {
    pub on_import: Callback<(String, String)>,
    pub on_seek: Callback<u64>,
    pub on_live: Callback<()>,
    pub on_highlight: Callback<Option<Highlight>>,
    pub on_select: Callback<String>,
    pub on_line: Callback<String>,
}

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub lesson: Rc<Lesson>,
    /// The step to show (from 0); the panel opens it when it changes.
    pub step: usize,
    pub reduced_motion: bool,
    pub page: PageHooks,
    /// Asks for another step (the parent keeps the step, the progress and the link).
    pub on_step: Callback<usize>,
    /// The last step was seen.
    pub on_finished: Callback<()>,
    /// Closes the lesson: `true` keeps this cluster in the sandbox, `false` goes back to
    /// the session the learner had before.
    pub on_close: Callback<bool>,
    pub on_map: Callback<()>,
    /// The page's session: what the panel finds when it opens (`use_open_step`).
    pub session: SessionProp,
}

/// The step shown and, once answered, its reveal.
#[derive(Clone, PartialEq)]
struct Shown {
    opened: Result<Rc<OpenedStep>, String>,
    revealed: Option<Rc<Revealed>>,
}

#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let shown = use_state(|| None::<Shown>);
    let played = use_state(|| true);
    let animate_next = use_mut_ref(|| false);
    let replay = use_replay(
        &props.page.on_seek,
        &props.page.on_live,
        {
            let p = played.clone();
            Callback::from(move |()| p.set(true))
        },
        props.reduced_motion,
        props.session.borrow().now_ms(),
    );
    use_open_step(props, &shown, &animate_next, &replay.start);
    let on_choose = choose_callback(props, &shown, &played, &replay.start);
    let on_next = {
        let (on_step, on_finished, animate_next, step, last) = (
            props.on_step.clone(),
            props.on_finished.clone(),
            animate_next.clone(),
            props.step,
            props.lesson.steps.len() - 1,
        );
        Callback::from(move |()| {
            if step >= last {
                return on_finished.emit(());
            }
            *animate_next.borrow_mut() = true;
            on_step.emit(step + 1);
        })
    };
    let asking =
        (*shown).as_ref().is_some_and(|s| s.revealed.is_none() && s.opened.as_ref().is_ok_and(|o| o.ask.is_some()));
    let watching = !*played || replay.playing;
    let phase = if asking {
        Phase::Asking
    } else if watching {
        Phase::Watching
    } else {
        Phase::Ready
    };
    use_presenter_keys(phase, &on_choose, &on_next, &replay.skip, props);
    let picking =
        phase == Phase::Asking && (*shown).as_ref().is_some_and(|s| s.opened.as_ref().is_ok_and(|o| o.pick_broker));
    use_broker_clicks(picking, &on_choose);
    let Some(current) = &*shown else { return Html::default() };
    let lesson = &props.lesson;
    let body = match &current.opened {
        Err(why) => html! { <p class="field-message field-message--error" role="alert">{ why.clone() }</p> },
        Ok(opened) => step_body(opened, current.revealed.as_deref(), &on_choose, watching, &replay.skip),
    };
    let last = props.step + 1 == lesson.steps.len();
    html! {
        <section class="lesson" data-testid="lesson-panel" data-lesson={lesson.id.clone()} data-step={(props.step + 1).to_string()} aria-labelledby="lesson-title">
            { header(lesson, props) }
            <h3 class="lesson__step" id="lesson-step-title" tabindex="-1">{ step_title(lesson, props.step, &current.opened) }</h3>
            { body }
            <div class="lesson__nav">
                <button type="button" class="button" data-testid="lesson-previous" disabled={props.step == 0}
                    onclick={props.on_step.reform({ let s = props.step; move |_: MouseEvent| s.saturating_sub(1) })}>{ "← Previous" }</button>
                if phase == Phase::Ready {
                    <button type="button" class="button button--primary" data-testid="lesson-next" onclick={on_next.reform(|_: MouseEvent| ())}>
                        { if last { "Finish the lesson" } else { "Next step →" } }</button>
                }
            </div>
        </section>
    }
}

fn header(lesson: &Lesson, props: &LessonPanelProps) -> Html {
    html! {
        <div class="lesson__head">
            <h2 id="lesson-title">{ lesson.title.clone() }</h2>
            <span class="lesson__count muted">{ format!("Step {} of {}", props.step + 1, lesson.steps.len()) }</span>
            <button type="button" class="button button--quiet" data-testid="lesson-map-open" onclick={props.on_map.reform(|_: MouseEvent| ())}>{ "All lessons" }</button>
            <button type="button" class="button button--quiet" data-testid="lesson-close" onclick={props.on_close.reform(|_: MouseEvent| true)}
                title="Close the lesson and keep this cluster to try things yourself">{ "Close" }</button>
        </div>
    }
}

fn step_title(lesson: &Lesson, step: usize, opened: &Result<Rc<OpenedStep>, String>) -> String {
    let scene = lesson.steps.get(step).and_then(|s| lesson.scenes.get(s.scene)).map(|s| s.title.as_str());
    match (opened, scene) {
        (Ok(opened), Some(scene)) if lesson.scenes.len() > 1 => format!("{scene} · {}", opened.title),
        (Ok(opened), _) => opened.title.clone(),
        (Err(_), _) => "This step could not open".to_owned(),
    }
}

fn step_body(
    opened: &OpenedStep,
    revealed: Option<&Revealed>,
    on_choose: &Callback<Option<String>>,
    watching: bool,
    on_skip: &Callback<()>,
) -> Html {
    html! {
        <>
            { narration(opened) }
            { prediction(opened, revealed, on_choose, watching) }
            if let Some(revealed) = revealed { { reveal(revealed, watching, on_skip) } }
            else if watching { { watching_bar(on_skip) } }
        </>
    }
}

/// Opens the step the props name whenever it changes: runs its script in the page, plays
/// its lines when it follows the step before in the same scene, and points at what to watch.
/// The first step the panel opens may find the learner's session instead (`resume`).
#[hook]
fn use_open_step(
    props: &LessonPanelProps,
    shown: &UseStateHandle<Option<Shown>>,
    animate_next: &Rc<std::cell::RefCell<bool>>,
    start: &Callback<(u64, u64)>,
) {
    let first = use_mut_ref(|| true);
    let (lesson, page, shown, animate_next, start) =
        (props.lesson.clone(), props.page.clone(), shown.clone(), animate_next.clone(), start.clone());
    let (session, on_map) = (props.session.clone(), props.on_map.clone());
    use_effect_with((props.lesson.id.clone(), props.step), move |&(_, step)| {
        let opened = open_step(&lesson, step).map(Rc::new);
        if let Ok(opened) = &opened {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            let here = format!("{}&step={}", lesson.id, step + 1);
            let opening = opening(&here, first, || carries_on(&session.borrow(), &opened.script));
            let import =
                || page.on_import.emit((format!("lesson {}, step {}", lesson.id, step + 1), opened.script.clone()));
            carry_out(opening, &here, import, &on_map);
            if opening == Opening::LeftIt {
                return;
            }
            point_at(&opened.look, &page);
            let animate = std::mem::take(&mut *animate_next.borrow_mut());
            if let (true, Some(from_ms)) = (animate, opened.from_ms) {
                start.emit((from_ms, opened.open_ms));
            }
        }
        shown.set(Some(Shown { opened, revealed: None }));
        focus_step_title();
    });
}

/// The answer (or none): runs the decisive moment in the page and plays it; the reveal
/// shows once it has played.
fn choose_callback(
    props: &LessonPanelProps,
    shown: &UseStateHandle<Option<Shown>>,
    played: &UseStateHandle<bool>,
    start: &Callback<(u64, u64)>,
) -> Callback<Option<String>> {
    let (lesson, step, page, shown, played, start) =
        (props.lesson.clone(), props.step, props.page.clone(), shown.clone(), played.clone(), start.clone());
    Callback::from(move |chosen: Option<String>| {
        let Some(Shown { opened: Ok(opened), revealed: None }) = (*shown).clone() else { return };
        let revealed = match reveal_step(&lesson, step, chosen.as_deref()) {
            Ok(revealed) => Rc::new(revealed),
            Err(why) => return shown.set(Some(Shown { opened: Err(why), revealed: None })),
        };
        page.on_import.emit((format!("lesson {}, step {}", lesson.id, step + 1), revealed.script.clone()));
        played.set(false);
        start.emit((opened.open_ms, revealed.end_ms));
        shown.set(Some(Shown { opened: Ok(opened), revealed: Some(revealed) }));
    })
}

/// Lights what the step points at: its brokers, and its partition, shown up close.
fn point_at(look: &[Pointer], page: &PageHooks) {
    let mut highlight = Highlight { brokers: Vec::new(), partition: None };
    for pointer in look {
        match pointer {
            Pointer::Broker(b) => highlight.brokers.push(*b),
            Pointer::Replica(p, b) => {
                highlight.brokers.push(*b);
                highlight.partition = Some(p.clone());
            }
            Pointer::Partition(p) => highlight.partition = Some(p.clone()),
            Pointer::Controller | Pointer::Producer(_) | Pointer::Consumer(_) => {}
        }
    }
    if let Some(partition) = &highlight.partition {
        page.on_select.emit(partition.clone());
    }
    let lit = !highlight.brokers.is_empty() || highlight.partition.is_some();
    page.on_highlight.emit(lit.then_some(highlight));
}

/// A screen reader and the keyboard land on the new step's title.
fn focus_step_title() {
    let title = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("lesson-step-title"));
    if let Some(title) = title.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = title.focus();
    }
}

/// Where a step stands: its prediction waits, its moment plays, or it is done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Asking,
    Watching,
    Ready,
}

/// PageDown reveals (without an answer: a class answered aloud), skips a moment playing, or
/// goes on; PageUp goes back a step. Presenters' clickers send these keys.
#[hook]
fn use_presenter_keys(
    phase: Phase,
    on_choose: &Callback<Option<String>>,
    on_next: &Callback<()>,
    on_skip: &Callback<()>,
    props: &LessonPanelProps,
) {
    let latest = use_mut_ref(|| None::<Callback<String>>);
    let (on_choose, on_next, on_skip, on_step, step) =
        (on_choose.clone(), on_next.clone(), on_skip.clone(), props.on_step.clone(), props.step);
    *latest.borrow_mut() = Some(Callback::from(move |key: String| match (key.as_str(), phase) {
        ("PageDown", Phase::Asking) => on_choose.emit(None),
        ("PageDown", Phase::Watching) => on_skip.emit(()),
        ("PageDown", Phase::Ready) => on_next.emit(()),
        ("PageUp", _) if step > 0 => on_step.emit(step - 1),
        _ => {}
    }));
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("a window");
        // Not passive: the page must not scroll as well.
        let active = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&window, "keydown", active, move |e| {
            let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()) else { return };
            if key == "PageDown" || key == "PageUp" {
                e.prevent_default();
                if let Some(act) = latest.borrow().as_ref() {
                    act.emit(key);
                }
            }
        });
        move || drop(listener)
    });
}

/// While a `pick: broker` prediction waits, a click on a broker anywhere on the page (its
/// node on the diagram, its card, its replica's row) is the answer, as the learner
/// would point at it.
#[hook]
fn use_broker_clicks(picking: bool, on_choose: &Callback<Option<String>>) {
    let on_choose = on_choose.clone();
    use_effect_with(picking, move |&picking| {
        let listener = picking.then(|| {
            let document = web_sys::window().and_then(|w| w.document()).expect("a document");
            let active = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "click", active, move |e| {
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                // A control inside a broker's card (its crash button) does what it says instead.
                let control =
                    target.as_ref().and_then(|t| t.closest("button, input, select, summary, a").ok().flatten());
                let broker =
                    target.and_then(|t| t.closest("[data-broker-id]").ok().flatten()).filter(|_| control.is_none());
                if let Some(id) = broker.and_then(|b| b.get_attribute("data-broker-id")) {
                    e.prevent_default();
                    e.stop_propagation();
                    on_choose.emit(Some(id));
                }
            })
        });
        move || drop(listener)
    });
}
