//! Every `set` key with its current value and a one-line explanation (from
//! `sim::config::SETTINGS`, so the panel and the parser cannot drift apart).
use std::rc::Rc;

use yew::prelude::*;

use super::field_message::field_message;
use crate::sim::config::{SettingKind, SETTINGS};
use crate::ui::dom::event_value;
use crate::ui::form_commands::setting;
use crate::ui::page_callbacks::Submitted;

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub values: Rc<Vec<(&'static str, String)>>,
    pub message: Option<(bool, String)>,
    /// Runs `set KEY VALUE`, or says why the value is none.
    pub on_set: Callback<Submitted>,
}

#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let rows = SETTINGS.iter().map(|s| {
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
                <span class="muted small">{ s.explanation }</span>
            </li>
        }
    });
    html! {
        <div data-testid="settings-panel">
            <p class="muted small">{ "A change runs `set KEY VALUE` when you leave the field (Enter or Tab)." }</p>
            { field_message(props.message.clone(), "settings-message") }
            <ul class="settings">{ for rows }</ul>
        </div>
    }
}
