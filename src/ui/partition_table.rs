//! Every partition in one table: who leads, who is in sync, and how far data is committed.

use yew::prelude::*;

use super::labels::{broker_ids, leader_label};
use crate::sim::PartitionView;

#[derive(Properties, PartialEq)]
pub struct PartitionTableProps {
    pub partitions: Vec<PartitionView>,
}

#[component]
pub fn PartitionTable(props: &PartitionTableProps) -> Html {
    let rows = props.partitions.iter().map(|p| {
        // Fewer in-sync replicas than assigned ones: "under-replicated", as Kafka's tools say.
        let under_replicated = p.isr.len() < p.replicas.len();
        html! {
            <tr key={p.name.clone()} data-testid="partition-row" data-partition={p.name.clone()}
                class={classes!(p.leader.is_none().then_some("row--offline"))}>
                <th scope="row" data-testid="partition-name">{ &p.name }</th>
                <td data-testid="partition-leader">{ leader_label(p.leader) }</td>
                <td data-testid="partition-replicas">{ broker_ids(&p.replicas) }</td>
                <td data-testid="partition-isr">
                    { broker_ids(&p.isr) }
                    if under_replicated {
                        <span class="tag tag--warn" title="Fewer in-sync replicas than assigned replicas">
                            { "under-replicated" }
                        </span>
                    }
                </td>
                <td class="num" data-testid="partition-epoch">{ p.epoch }</td>
                <td class="num" data-testid="partition-hw">{ p.hw }</td>
                <td class="num" data-testid="partition-leo">{ p.leo }</td>
            </tr>
        }
    });
    html! {
        <table class="table" data-testid="partition-table">
            <thead>
                <tr>
                    <th scope="col">{ "Partition" }</th>
                    <th scope="col">{ "Leader" }</th>
                    <th scope="col">{ "Replicas" }</th>
                    <th scope="col"><abbr title="In-sync replicas">{ "ISR" }</abbr></th>
                    <th scope="col" class="num"><abbr title="Leader epoch">{ "Epoch" }</abbr></th>
                    <th scope="col" class="num">
                        <abbr title="High watermark: offsets below it are committed">{ "HW" }</abbr>
                    </th>
                    <th scope="col" class="num">
                        <abbr title="Log end offset of the leader">{ "LEO" }</abbr>
                    </th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
