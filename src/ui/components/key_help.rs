//! The `?` overlay: every keyboard shortcut. Esc, `?` or the close button closes it. A
//! dialog: it takes the focus, keeps Tab inside, and gives the focus back when it closes.
use yew::prelude::*;

use crate::ui::focus_trap::keep_tab_inside;

/// (key, what it does), as the overlay lists them.
pub const KEYS: [(&str, &str); 9] = [
    ("Space", "play / pause"),
    ("→", "step forward one event (in the past, to the next recorded one)"),
    ("←", "step back (to the previous event's moment, or 1 ms)"),
    ("[", "slower"),
    ("]", "faster"),
    ("L", "back to live"),
    ("P", "presentation mode (larger type, fewer panels)"),
    ("?", "show or hide this list"),
    ("Esc", "close this list"),
];

/// The overlay while `open`. A plain function, not a component (each adds to the bundle): the
/// App holds its focus with `use_focus_trap`.
pub fn key_help(open: bool, on_close: &Callback<()>) -> Html {
    if !open {
        return html! {};
    }
    let on_close = on_close.reform(|_: MouseEvent| ());
    let rows = KEYS.iter().map(|(key, what)| html! { <tr><td><kbd>{ *key }</kbd></td><td>{ *what }</td></tr> });
    html! {
        <div class="overlay" data-testid="key-help" role="dialog" aria-modal="true" aria-labelledby="key-help-heading"
            onkeydown={Callback::from(keep_tab_inside)}>
            <div class="overlay__box">
                <h2 id="key-help-heading">{ "Keyboard" }</h2>
                <table class="table table--compact"><tbody>{ for rows }</tbody></table>
                <p class="small muted">{ "Keys do nothing while you type in a field; Space and Enter press the focused button. Tab moves through the controls, ↑ ↓ through the event feed." }</p>
                <button type="button" class="button" data-testid="key-help-close" onclick={on_close}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
