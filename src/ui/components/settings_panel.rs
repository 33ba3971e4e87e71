//! Every `set` key with its current value (from `sim::config::SETTINGS`, so the panel and
//! the parser cannot drift apart) and a one-line explanation, folded away. The explanations
//! come from the simulator's module (`dist/sim/`) when the list is first opened: 1.3 kB of
//! gzipped text the page's first load does not carry.
use std::rc::Rc;

use yew::prelude::*;

use super::field_message::field_message;
use crate::sim::config::{SettingKind, SETTINGS};
use crate::ui::dom::event_value;
use crate::ui::form_commands::setting;
use crate::ui::js_glue::setting_explanations;
use crate::ui::page_callbacks::Submitted;

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub values: Rc<Vec<(&'static str, String)>>,
    pub message: Option<(bool, String)>,
    /// Runs `set KEY VALUE`, or says why the value is none.
    pub on_set: Callback<Submitted>,
}

/// Loads the explanations the first time the list is opened.
fn on_first_open(explained: &UseStateHandle<Option<Rc<Vec<String>>>>) -> Callback<Event> {
    let explained = explained.clone();
    Callback::from(move |_: Event| {
        if explained.is_some() {
            return;
        }
        let explained = explained.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let lines = setting_explanations().await.ok().and_then(|text| text.as_string());
            let list = lines.map_or_else(
                || {
                    vec!["The explanations could not be loaded (sim/kafka-sim.js); docs/settings.md has them."
                        .to_owned()]
                },
                |text| text.lines().map(str::to_owned).collect(),
            );
            explained.set(Some(Rc::new(list)));
        });
    })
}

#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let explained = use_state(|| None::<Rc<Vec<String>>>);
    let loaded = (*explained).clone();
    let rows = SETTINGS.iter().enumerate().map(|(i, s)| {
        // All of them, or the one line that says why they could not be loaded.
        let explanation = loaded.as_ref().and_then(|e| e.get(if e.len() == SETTINGS.len() { i } else { i + e.len() })).cloned();
        let explanation = explanation.or_else(|| loaded.as_ref().filter(|e| e.len() == 1 && i == 0).and_then(|e| e.first().cloned())).unwrap_or_default();
        let current = props.values.iter().find(|(k, _)| *k == s.key).map(|(_, v)| v.clone()).unwrap_or_default();
        let key = s.key;
        let id = format!("setting-{}", key.replace('.', "-"));
        let apply = props.on_set.reform(move |value: String| setting(key, &value));
        let input = match s.kind {
            SettingKind::Bool | SettingKind::Choice(_) => {
                let options: Vec<&str> = match s.kind { SettingKind::Choice(o) => o.to_vec(), _ => vec!["true", "false"] };
                let onchange = apply.reform(|e: Event| event_value(&e));
                let opts = options.into_iter().map(|o| html! { <option value={o} selected={o == current}>{ o }</option> });
                html! { <select id={id.clone()} data-testid={id.clone()} {onchange}>{ for opts }</select> }
            }
            _ => {
                let onchange = apply.reform(|e: Event| event_value(&e));
                html! { <input id={id.clone()} data-testid={id.clone()} type="text" inputmode="numeric" size="8" value={current.clone()} {onchange} /> }
            }
        };
        html! {
            <li class="setting" key={key}>
                <label for={id.clone()} class="mono">{ key }</label>
                { input }
                <span class="muted small">{ explanation }</span>
            </li>
        }
    });
    html! {
        <details data-testid="settings" ontoggle={on_first_open(&explained)}>
            <summary>{ "Settings (every set key)" }</summary>
            <div data-testid="settings-panel">
                <p class="muted small">{ "A change runs `set KEY VALUE` when you leave the field (Enter or Tab)." }</p>
                { field_message(props.message.clone(), "settings-message") }
                <ul class="settings">{ for rows }</ul>
            </div>
        </details>
    }
}
