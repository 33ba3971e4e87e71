//! A key to the replica chips, drawn with the same shapes as the chips themselves. A plain
//! function, not a component: it holds no state, and each component adds to the bundle.

use yew::prelude::*;

use crate::sim::ReplicaRole;
use crate::ui::labels::{role_badge, role_class};

const ROLES: [ReplicaRole; 4] =
    [ReplicaRole::Leader, ReplicaRole::InSyncFollower, ReplicaRole::OutOfSyncFollower, ReplicaRole::Offline];

pub fn role_legend() -> Html {
    let items = ROLES.iter().map(|role| {
        html! {
            <li class={classes!("chip", "chip--legend", format!("chip--{}", role_class(role)))}>
                <span class="chip__badge" aria-hidden="true">{ role_badge(role) }</span>
                <span class="chip__name">{ role.label() }</span>
            </li>
        }
    });
    html! {
        <ul class="legend" aria-label="Replica roles" data-testid="role-legend">{ for items }</ul>
    }
}
