//! The inline message next to a field: what the line did, or why it was refused. A plain
//! function, not a component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

/// `message`: (ok, text), or nothing to show.
pub fn field_message(message: Option<(bool, String)>, testid: &'static str) -> Html {
    let Some((ok, text)) = message else {
        return html! { <p class="field-msg" data-testid={testid} aria-live="polite"></p> };
    };
    let class = if ok { "field-msg field-msg--ok" } else { "field-msg field-msg--error" };
    html! {
        <p class={class} data-testid={testid} role={(!ok).then_some("alert")} aria-live="polite">
            { text }
        </p>
    }
}
