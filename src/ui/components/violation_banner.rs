//! When the safety checker catches a broken guarantee (an acknowledged record lost, two
//! leaders in one epoch...), a banner says which records and why.
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::state::ViolationNote;

#[derive(Properties, PartialEq)]
pub struct ViolationBannerProps {
    pub violations: Rc<Vec<ViolationNote>>,
}

#[component]
pub fn ViolationBanner(props: &ViolationBannerProps) -> Html {
    if props.violations.is_empty() {
        return html! {};
    }
    let items = props.violations.iter().rev().take(5).map(|v| {
        html! {
            <li>
                <strong>{ format!("{} on {} at {} ms", v.property, v.partition, v.at_ms) }</strong>
                if let Some(record) = &v.record { { format!(" · record '{record}'") } }
                { format!(": {}", v.detail) }
            </li>
        }
    });
    html! {
        <div class="banner banner--violation" role="alert" data-testid="violation-banner">
            <h2>{ format!("⚠ Safety violation{}", if props.violations.len() == 1 { "" } else { "s" }) }</h2>
            <ul>{ for items }</ul>
        </div>
    }
}
