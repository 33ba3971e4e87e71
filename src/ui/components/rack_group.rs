//! One rack: a column of broker cards under the rack's name. A plain function, not a
//! component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

use crate::ui::labels::rack_heading;

pub fn rack_group(rack: Option<String>, cards: Html) -> Html {
    let heading = rack_heading(rack.as_deref());
    let rack = rack.unwrap_or_default();
    html! {
        <section key={rack.clone()} class="rack" data-testid="rack-group" data-rack={rack} aria-label={heading.clone()}>
            <h3 class="rack__name">{ heading }</h3>
            <div class="rack__brokers">{ cards }</div>
        </section>
    }
}
