//! The preset chooser in the header. Choosing a preset starts it at once, as a person
//! expects of a menu; when the session holds work (anything run since it started), it asks
//! first, saying the session is kept as the previous one.
use yew::prelude::*;

use crate::ui::dom::event_value;
use crate::ui::state::Preset;

#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    /// The preset the session started from.
    pub preset: Preset,
    /// Starting another would discard something done since the start.
    pub has_work: bool,
    pub on_choose: Callback<Preset>,
}

#[component]
pub fn PresetPicker(props: &PresetPickerProps) -> Html {
    let asking = use_state(|| None::<Preset>);
    // Cancelling puts the menu back on the preset in force: a new key makes a new menu.
    let menu_key = use_state(|| 0_u32);
    let on_change = {
        let (asking, on_choose, has_work) = (asking.clone(), props.on_choose.clone(), props.has_work);
        Callback::from(move |e: Event| {
            let Some(preset) = Preset::from_id(&event_value(&e)) else { return };
            if has_work {
                asking.set(Some(preset));
            } else {
                on_choose.emit(preset);
            }
        })
    };
    let on_yes = {
        let (asking, on_choose) = (asking.clone(), props.on_choose.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(preset) = *asking {
                asking.set(None);
                on_choose.emit(preset);
            }
        })
    };
    let on_no = {
        let (asking, menu_key) = (asking.clone(), menu_key.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(None);
            menu_key.set(*menu_key + 1);
        })
    };
    let shown = asking.unwrap_or(props.preset);
    let options = Preset::ALL.iter().map(|p| {
        html! { <option value={p.id()} selected={*p == shown}>{ p.label() }</option> }
    });
    html! {
        <>
            <label class="field field--inline">
                <span>{ "Preset" }</span>
                <select key={*menu_key} data-testid="preset-select" onchange={on_change}
                    title="Choosing a preset starts it">{ for options }</select>
            </label>
            if let Some(preset) = *asking {
                <span class="confirm" role="alertdialog" aria-label="Start the preset?" data-testid="preset-confirm">
                    <span>{ format!("Start “{}” from scratch? This session is kept as the previous one. ", preset.label()) }</span>
                    <button type="button" class="button button--danger" data-testid="preset-confirm-yes" onclick={on_yes}>{ "Start it" }</button>
                    <button type="button" class="button" data-testid="preset-confirm-no" onclick={on_no}>{ "Cancel" }</button>
                </span>
            }
        </>
    }
}
