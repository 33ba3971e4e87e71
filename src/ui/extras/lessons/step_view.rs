//! The lesson panel's step: the narration, the rule, the prediction with its choices, and
//! after the answer the reveal (the learner's choice beside the simulator's value). Plain
//! functions of what `lesson_steps` computed; the panel (`panel.rs`) holds the state.
use yew::prelude::*;

use crate::ui::lesson_steps::{OpenedStep, Revealed};

/// The narration and the Kafka rule it shows.
pub fn narration(opened: &OpenedStep) -> Html {
    html! {
        <div class="lesson__text">
            <p class="lesson__say" data-testid="lesson-say">{ opened.say.clone() }</p>
            if let Some(rule) = &opened.rule {
                <p class="lesson__rule"><span class="lesson__rule-label">{ "Kafka: " }</span>{ rule.clone() }</p>
            }
        </div>
    }
}

/// The prediction: the question and one button per choice, or (once answered) the choices
/// with the learner's marked. Presenting to a class, the choices are read aloud and the
/// presenter reveals without choosing (PageDown).
pub fn prediction(
    opened: &OpenedStep,
    revealed: Option<&Revealed>,
    on_choose: &Callback<Option<String>>,
    busy: bool,
) -> Html {
    let Some((ask, choices)) = &opened.ask else { return Html::default() };
    let answered = revealed.is_some();
    let buttons = choices.iter().map(|choice| {
        let picked = revealed.and_then(|r| r.chosen.as_deref()) == Some(choice.as_str());
        let value = choice.clone();
        let onclick = on_choose.reform(move |_: MouseEvent| Some(value.clone()));
        let class = classes!("button", "lesson__choice", picked.then_some("lesson__choice--picked"));
        html! { <button type="button" {class} disabled={answered || busy} aria-pressed={picked.to_string()} {onclick}>{ choice.clone() }</button> }
    });
    let skip = on_choose.reform(|_: MouseEvent| None);
    html! {
        <div class="lesson__prediction" data-testid="lesson-prediction" role="group" aria-labelledby="lesson-ask">
            <p class="lesson__ask" id="lesson-ask"><strong>{ "Predict: " }</strong>{ ask.clone() }
                if opened.pick_broker && !answered { <span class="muted small">{ " Pick one below, or click the broker on the page." }</span> }</p>
            <div class="lesson__choices">{ for buttons }</div>
            if !answered {
                <button type="button" class="button button--quiet" data-testid="lesson-skip" onclick={skip} disabled={busy}>
                    { "Just show me" }</button>
            }
        </div>
    }
}

/// The reveal: the learner's answer beside the simulator's value, the other values, and
/// what it means. While the moment plays, only "watching" and a way to skip to the end.
pub fn reveal(revealed: &Revealed, watching: bool, on_skip: &Callback<()>) -> Html {
    if watching {
        return watching_bar(on_skip);
    }
    let verdict = match (revealed.correct, &revealed.chosen) {
        (Some(true), Some(chosen)) => {
            html! { <p class="lesson__verdict lesson__verdict--right">{ format!("✓ Right: you said {chosen}, and the simulator shows {}.", revealed.value) }</p> }
        }
        (Some(false), Some(chosen)) => {
            html! { <p class="lesson__verdict lesson__verdict--wrong">{ format!("✗ You said {chosen}; the simulator shows {}.", revealed.value) }</p> }
        }
        _ if revealed.value.is_empty() => Html::default(),
        _ => html! { <p class="lesson__verdict">{ format!("The simulator shows {}.", revealed.value) }</p> },
    };
    let also = revealed.also.iter().map(
        |(query, value)| html! { <li><code>{ query.clone() }</code>{ " = " }<strong>{ value.clone() }</strong></li> },
    );
    html! {
        <div class="lesson__reveal" data-testid="lesson-reveal" aria-live="polite">
            { verdict }
            if !revealed.also.is_empty() { <ul class="lesson__also">{ for also }</ul> }
            if !revealed.then.is_empty() { <p class="lesson__then">{ revealed.then.clone() }</p> }
        </div>
    }
}

/// While a moment plays on the page: what to do, and a way to skip to its end.
pub fn watching_bar(on_skip: &Callback<()>) -> Html {
    html! {
        <div class="lesson__reveal lesson__reveal--watching" data-testid="lesson-watching" aria-live="polite">
            <span>{ "▶ Watch it play on the diagram and the timeline…" }</span>
            <button type="button" class="button button--quiet" onclick={on_skip.reform(|_: MouseEvent| ())}>{ "Skip to the end" }</button>
        </div>
    }
}
