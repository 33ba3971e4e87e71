//! Every partition in one table: who leads, who is in sync, and how far data is committed.
//! Choosing a row shows that partition in the partition view.

use yew::prelude::*;

use crate::sim::placement::Placer;
use crate::sim::PartitionView;
use crate::ui::labels::{broker_ids, leader_label};

#[derive(Properties, PartialEq)]
pub struct PartitionTableProps {
    pub partitions: Vec<PartitionView>,
    pub selected: Option<String>,
    #[prop_or_default]
    pub highlighted: Option<String>,
    /// A partition chosen (by name), to show up close.
    pub on_select: Callback<String>,
}

#[derive(Properties, PartialEq)]
struct RowProps {
    partition: PartitionView,
    selected: bool,
    highlighted: bool,
    on_select: Callback<String>,
}

#[component]
fn PartitionRow(props: &RowProps) -> Html {
    let p = &props.partition;
    // Fewer in-sync replicas than assigned ones: "under-replicated", as Kafka's tools say.
    let under_replicated = p.isr.len() < p.replicas.len();
    let onclick = {
        let name = p.name.clone();
        props.on_select.reform(move |_: MouseEvent| name.clone())
    };
    html! {
        <tr data-testid="partition-row" data-partition={p.name.clone()}
            class={classes!(p.leader.is_none().then_some("row--offline"), props.selected.then_some("row--selected"),
                props.highlighted.then_some("is-highlighted"))}>
            <th scope="row" data-testid="partition-name">
                <button type="button" class="linkish cut" aria-pressed={props.selected.to_string()} {onclick}
                    title={format!("Show the logs of {}", p.name)}>{ &p.name }</button>
            </th>
            <td data-testid="partition-leader">{ leader_label(p.leader) }</td>
            <td data-testid="partition-replicas">{ broker_ids(&p.replicas) }</td>
            <td data-testid="partition-isr">
                { broker_ids(&p.isr) }
                if under_replicated {
                    <span class="tag tag--warn" title="Fewer in-sync replicas than assigned replicas">{ "under-replicated" }</span>
                }
            </td>
            <td data-testid="partition-elr">{ elr_cell(p) }</td>
            <td class="num" data-testid="partition-epoch">{ p.epoch }</td>
            <td class="num" data-testid="partition-hw" data-hw={p.hw.to_string()}>
                { p.hw }
                if p.hw_last_known {
                    <abbr class="muted small" title="Last known: the leader is down, and this is the HW it held when it died">{ " (last)" }</abbr>
                }
            </td>
            <td class="num" data-testid="partition-leo">{ p.leo }</td>
        </tr>
    }
}

#[component]
pub fn PartitionTable(props: &PartitionTableProps) -> Html {
    let rows = props.partitions.iter().map(|p| {
        let selected = props.selected.as_deref() == Some(p.name.as_str());
        let highlighted = props.highlighted.as_deref() == Some(p.name.as_str());
        html! { <PartitionRow key={p.name.clone()} partition={p.clone()} {selected} {highlighted} on_select={props.on_select.clone()} /> }
    });
    html! {
        <div class="table-scroll">
        <table class="table" data-testid="partition-table">
            <thead>
                <tr>
                    <th scope="col">{ "Partition" }</th>
                    <th scope="col">{ "Leader" }</th>
                    <th scope="col">{ "Replicas" }</th>
                    <th scope="col"><abbr title="In-sync replicas">{ "ISR" }</abbr></th>
                    <th scope="col"><abbr title="Eligible leader replicas (KIP-966): out of the ISR while it is below min.insync.replicas, yet holding every committed record, so one may lead cleanly when the ISR is empty">{ "ELR" }</abbr></th>
                    <th scope="col" class="num"><abbr title="Leader epoch">{ "Epoch" }</abbr></th>
                    <th scope="col" class="num"><abbr title="High watermark: offsets below it are committed">{ "HW" }</abbr></th>
                    <th scope="col" class="num"><abbr title="Log end offset of the leader">{ "LEO" }</abbr></th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
        <p class="hint" data-testid="placement-note">{ placement_note(&props.partitions) }</p>
        </div>
    }
}

/// The ELR cell: its members, and the last known leader while the partition has none.
fn elr_cell(p: &PartitionView) -> Html {
    let members = if p.elr.is_empty() { "–".to_string() } else { broker_ids(&p.elr) };
    let last = p.last_known_leader.filter(|_| p.leader.is_none());
    html! {
        <>
            <span class="nowrap">{ members }</span>
            if let Some(leader) = last {
                <div class="muted small nowrap" title="The leader when the partition went leaderless (KIP-966)">
                    { format!(" last: {leader}") }</div>
            }
        </>
    }
}

/// Which algorithm placed each topic, once per topic: "orders: AdminUtils.assignReplicasToBrokers".
fn placement_note(partitions: &[PartitionView]) -> String {
    let mut topics: Vec<(String, &'static str)> = Vec::new();
    for p in partitions {
        let topic = p.name.rsplit_once('-').map_or(p.name.as_str(), |(topic, _)| topic).to_string();
        if topics.last().is_some_and(|(last, _)| *last == topic) {
            continue;
        }
        let placer = match p.placed_by {
            Some(Placer::AdminUtils) => "AdminUtils.assignReplicasToBrokers (the lecture's)",
            Some(Placer::Striped) => "StripedReplicaPlacer (a KRaft controller's)",
            None => "an explicit replicas= assignment",
        };
        topics.push((topic, placer));
    }
    let placed: Vec<String> = topics.into_iter().map(|(topic, placer)| format!("{topic} by {placer}")).collect();
    if placed.is_empty() {
        String::new()
    } else {
        format!("Replicas placed: {}.", placed.join("; "))
    }
}
