//! One replica of one partition on a broker. Its role shows as a badge letter, a border shape
//! and (for the roles a letter can't tell apart) a note, so colour is never the only cue.

use yew::prelude::*;

use crate::sim::ReplicaRole;
use crate::ui::labels::{role_badge, role_class, role_note};

#[derive(Properties, PartialEq)]
pub struct ReplicaChipProps {
    /// The partition this replica belongs to, e.g. "orders-0".
    pub partition: AttrValue,
    pub role: ReplicaRole,
    /// Its partition is the one shown in the partition view.
    #[prop_or_default]
    pub selected: bool,
}

#[component]
pub fn ReplicaChip(props: &ReplicaChipProps) -> Html {
    let description = format!("{}: {}", props.partition, props.role.label());
    html! {
        <li class={classes!("chip", format!("chip--{}", role_class(&props.role)), props.selected.then_some("chip--selected"))}
            data-testid="replica-chip" data-partition={props.partition.clone()}
            data-role={role_class(&props.role)} title={description.clone()}
            aria-label={description}>
            <span class="chip__badge" aria-hidden="true">{ role_badge(&props.role) }</span>
            <span class="chip__name">{ props.partition.clone() }</span>
            if let Some(note) = role_note(&props.role) {
                <span class="chip__note" aria-hidden="true">{ note }</span>
            }
        </li>
    }
}
