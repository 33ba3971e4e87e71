//! The lesson map (`data-testid="lesson-map"`): the path in its three parts, then the
//! challenges, each with the learner's progress (kept in this browser) and, for what is
//! best taken later, the lessons to take first. Everything can be opened at any time.
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::catalog::{all, part_title};
use super::progress::Progress;
use crate::script::lesson::{Kind, Lesson};

pub fn lesson_map(progress: &BTreeMap<String, Progress>, on_open: &Callback<String>, on_close: &Callback<()>) -> Html {
    let lessons = all();
    let mut parts: Vec<(&'static str, Vec<Rc<Lesson>>)> = Vec::new();
    for lesson in lessons.iter() {
        let title = part_title(lesson.kind);
        match parts.iter_mut().find(|(t, _)| *t == title) {
            Some((_, list)) => list.push(lesson.clone()),
            None => parts.push((title, vec![lesson.clone()])),
        }
    }
    let sections = parts.into_iter().map(|(title, list)| {
        let items = list.iter().map(|lesson| map_item(lesson, progress, on_open));
        html! { <div class="lesson-map__part"><h3>{ title }</h3><ol class="lesson-map__list">{ for items }</ol></div> }
    });
    let finished = lessons.iter().filter(|l| progress.get(&l.id).is_some_and(|p| p.done)).count();
    html! {
        <section class="lesson lesson-map" data-testid="lesson-map" aria-labelledby="lesson-map-title">
            <div class="lesson__head">
                <h2 id="lesson-map-title">{ "Lessons and challenges" }</h2>
                <span class="muted">{ format!("{finished} of {} done", lessons.len()) }</span>
                <button type="button" class="button button--quiet" data-testid="lesson-close" onclick={on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
            <p class="small">{ "Each lesson runs on the simulator: you predict what Kafka does at the decisive moment, then watch it happen. Challenges ask you to break (or defend) a cluster; the simulator checks the win." }</p>
            <div class="lesson-map__parts">{ for sections }</div>
        </section>
    }
}

fn map_item(lesson: &Lesson, progress: &BTreeMap<String, Progress>, on_open: &Callback<String>) -> Html {
    let mine = progress.get(&lesson.id).cloned().unwrap_or_default();
    let status = match (lesson.kind, &mine) {
        (_, Progress { done: true, best_faults: Some(f), .. }) => {
            format!("✓ won with {f} fault{}", if *f == 1 { "" } else { "s" })
        }
        (_, Progress { done: true, .. }) => "✓ done".to_owned(),
        (Kind::Lesson { .. }, Progress { step, .. }) if *step > 0 => {
            format!("step {} of {}", step + 1, lesson.steps.len())
        }
        (Kind::Lesson { .. }, _) => format!("{} steps", lesson.steps.len()),
        _ => "not won yet".to_owned(),
    };
    let waiting: Vec<String> = lesson
        .after
        .iter()
        .filter(|id| !progress.get(*id).is_some_and(|p| p.done))
        .filter_map(|id| super::catalog::find(id).map(|l| l.title.clone()))
        .collect();
    let id = lesson.id.clone();
    html! {
        <li class={classes!("lesson-map__item", mine.done.then_some("lesson-map__item--done"))}>
            <button type="button" class="lesson-map__open" data-testid="lesson-map-item" data-lesson={lesson.id.clone()}
                onclick={on_open.reform(move |_: MouseEvent| id.clone())}>
                <span class="lesson-map__title">{ lesson.title.clone() }</span>
                <span class="lesson-map__status muted small">{ status }</span>
            </button>
            if !waiting.is_empty() {
                <span class="lesson-map__after small muted">{ format!("Best after: {}", waiting.join(" · ")) }</span>
            }
        </li>
    }
}
