//! One rack: a column of broker cards under the rack's name.

use yew::prelude::*;

use crate::ui::labels::rack_heading;

#[derive(Properties, PartialEq)]
pub struct RackGroupProps {
    pub rack: Option<String>,
    pub children: Html,
}

#[component]
pub fn RackGroup(props: &RackGroupProps) -> Html {
    let heading = rack_heading(props.rack.as_deref());
    html! {
        <section class="rack" data-testid="rack-group"
            data-rack={props.rack.clone().unwrap_or_default()} aria-label={heading.clone()}>
            <h3 class="rack__name">{ heading }</h3>
            <div class="rack__brokers">{ props.children.clone() }</div>
        </section>
    }
}
