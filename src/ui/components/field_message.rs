//! The inline message next to a field: what the line did, or why it was refused.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldMessageProps {
    /// (ok, text), or nothing to show.
    pub message: Option<(bool, String)>,
    pub testid: AttrValue,
}

#[component]
pub fn FieldMessage(props: &FieldMessageProps) -> Html {
    let Some((ok, text)) = props.message.clone() else {
        return html! { <p class="field-msg" data-testid={props.testid.clone()} aria-live="polite"></p> };
    };
    let class = if ok { "field-msg field-msg--ok" } else { "field-msg field-msg--error" };
    html! {
        <p class={class} data-testid={props.testid.clone()} role={(!ok).then_some("alert")} aria-live="polite">
            { text }
        </p>
    }
}
