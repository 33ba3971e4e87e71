//! The `?` overlay: every keyboard shortcut. Esc, `?` or the close button closes it.
use yew::prelude::*;

/// (key, what it does), as the overlay lists them.
pub const KEYS: [(&str, &str); 8] = [
    ("Space", "play / pause"),
    ("→", "step forward one event (in the past, to the next recorded one)"),
    ("←", "step back (to the previous event's moment, or 1 ms)"),
    ("[", "slower"),
    ("]", "faster"),
    ("L", "back to live"),
    ("?", "show or hide this list"),
    ("Esc", "close this list"),
];

#[derive(Properties, PartialEq)]
pub struct KeyHelpProps {
    pub open: bool,
    pub on_close: Callback<()>,
}

#[component]
pub fn KeyHelp(props: &KeyHelpProps) -> Html {
    if !props.open {
        return html! {};
    }
    let on_close = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let rows = KEYS.iter().map(|(key, what)| html! { <tr><td><kbd>{ *key }</kbd></td><td>{ *what }</td></tr> });
    html! {
        <div class="overlay" data-testid="key-help" role="dialog" aria-modal="true" aria-labelledby="key-help-heading">
            <div class="overlay__box">
                <h2 id="key-help-heading">{ "Keyboard" }</h2>
                <table class="table table--compact"><tbody>{ for rows }</tbody></table>
                <p class="small muted">{ "Keys do nothing while you type in a field." }</p>
                <button type="button" class="button" data-testid="key-help-close" onclick={on_close}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
