//! One replica of one partition on a broker. Its role shows as a badge letter, a border shape
//! and (for the roles a letter can't tell apart) a note, so colour is never the only cue. A
//! plain function, not a component: it holds no state, and each component adds to the bundle.

use yew::prelude::*;

use crate::sim::ReplicaRole;
use crate::ui::labels::{role_badge, role_class, role_note};

/// `partition`'s replica (e.g. "orders-0") in `role`; `selected`: its partition is the one
/// shown in the partition view.
pub fn replica_chip(partition: &str, role: ReplicaRole, selected: bool) -> Html {
    let description = format!("{partition}: {}", role.label());
    html! {
        <li key={partition.to_string()} class={classes!("chip", format!("chip--{}", role_class(&role)), selected.then_some("chip--selected"))}
            data-testid="replica-chip" data-partition={partition.to_string()}
            data-role={role_class(&role)} title={description.clone()}
            aria-label={description}>
            <span class="chip__badge" aria-hidden="true">{ role_badge(&role) }</span>
            <span class="chip__name">{ partition.to_string() }</span>
            if let Some(note) = role_note(&role) {
                <span class="chip__note" aria-hidden="true">{ note }</span>
            }
        </li>
    }
}
