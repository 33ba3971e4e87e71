//! The preset menu in the header. Choosing a preset starts it at once, as a person expects
//! of a menu; when the session holds work (anything run since it started), the browser's own
//! confirmation asks first (it takes and returns focus by itself, and costs the bundle next
//! to nothing), saying the session is kept as the previous one. Cancelled, the menu shows the
//! preset in force again.
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::dom::event_value;
use crate::ui::state::Preset;

/// The person agreed to start `preset` in place of this session.
fn confirmed(preset: Preset) -> bool {
    let question = format!(
        "Start “{}” from scratch?\n\nThis session is kept as the previous one: “Restore previous session” brings it back.",
        preset.label()
    );
    web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false)
}

/// The menu. `has_work`: starting another preset would discard something done since the start.
pub fn preset_menu(preset: Preset, has_work: bool, on_choose: &Callback<Preset>) -> Html {
    let on_choose = on_choose.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(chosen) = Preset::from_id(&event_value(&e)) else { return };
        if !has_work || confirmed(chosen) {
            on_choose.emit(chosen);
        } else if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
            select.set_value(preset.id());
        }
    });
    let options = Preset::ALL.iter().map(|p| {
        html! { <option value={p.id()} selected={*p == preset}>{ p.label() }</option> }
    });
    html! {
        <label class="field field--inline">
            <span>{ "Preset" }</span>
            <select data-testid="preset-select" {onchange} title="Choosing a preset starts it">{ for options }</select>
        </label>
    }
}
