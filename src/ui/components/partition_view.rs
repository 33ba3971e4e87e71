//! The selected partition up close: each replica's log with HW and LEO, the ISR and the
//! leader epoch, the followers' lag gauges, the producer's records with their responses,
//! and what the consumer has read. One click fails the leader.
use std::rc::Rc;

use yew::prelude::*;

use super::field_message::field_message;
use super::replica_log::replica_log;
use crate::script::ast::{Command, NodeRef, Statement};
use crate::sim::view_detail::{ClientView, PartitionDetail};
use crate::ui::form_commands::topic_partition;
use crate::ui::labels::{broker_ids, leader_label};

#[derive(Properties, PartialEq)]
pub struct PartitionViewProps {
    pub detail: Option<Rc<PartitionDetail>>,
    pub clients: Rc<Vec<ClientView>>,
    pub manual_replication: bool,
    pub message: Option<(bool, String)>,
    /// Runs what a button here does (fail the leader, elect, consume, fetch).
    pub on_run: Callback<Statement>,
}

/// What the producers sent to `partition`: one row per record with its status and responses.
fn producer_records(clients: &[ClientView], partition: &str) -> Html {
    let rows = clients.iter().filter(|c| c.is_producer).flat_map(|c| {
        c.records.iter().filter(|r| r.partition == partition).map(|r| {
            html! {
                <tr data-testid="producer-record" data-status={r.status}>
                    <td class="mono cut" title={r.value.clone()}>{ &r.value }</td>
                    <td>{ r.acks }</td>
                    <td><span class={classes!("tag", format!("tag--{}", r.status.split(' ').next().unwrap_or("sent")))}>{ r.status }</span></td>
                    <td class="num">{ r.offset.map_or_else(|| "–".to_string(), |o| o.to_string()) }</td>
                    <td class="mono small">{ if r.responses.is_empty() { "none yet".to_string() } else { r.responses.join(", ") } }</td>
                </tr>
            }
        }).collect::<Vec<_>>()
    }).collect::<Vec<_>>();
    if rows.is_empty() {
        return html! { <p class="muted">{ "None sent to this partition yet." }</p> };
    }
    html! {
        <table class="table table--compact" data-testid="producer-records">
            <thead><tr><th>{ "Value" }</th><th>{ "acks" }</th><th>{ "Status" }</th><th class="num">{ "Offset" }</th><th>{ "Responses" }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// Each consumer's position on `partition` and the last 20 values it read, newest first.
fn consumer_reads(clients: &[ClientView], partition: &str) -> Vec<Html> {
    clients.iter().filter(|c| !c.is_producer).map(|c| {
        let position = c.positions.iter().find(|(p, _)| *p == partition).map_or(0, |(_, o)| *o);
        let shown: Vec<&String> = c.consumed.iter().rev().take(20).collect();
        html! {
            <p data-testid="consumer-read">
                { format!("Consumer “{}” position on {partition}: {position}. Read so far (newest first): ", c.name) }
                <span class="mono">{ if shown.is_empty() { "nothing".to_string() } else { shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ") } }</span>
            </p>
        }
    }).collect()
}

/// Name, leader, epoch, ISR (with an ISR change the controller has not committed yet) and
/// the settings that decide commits.
fn partition_facts(detail: &PartitionDetail) -> Html {
    let pending = detail.pending_isr.as_ref().map(|p| {
        html! { <span class="tag tag--warn" data-testid="pending-isr" title="Proposed by the leader, not yet committed by the controller">
            { format!("proposed ISR [{}]", broker_ids(p)) }</span> }
    });
    html! {
        <div class="partition-view__facts">
            // Keyed by the epoch and the ISR: an election or an ISR change makes them anew,
            // so they flash where it happened (styles.css, unless reduced motion is asked for).
            // Their siblings are keyed too: Yew diffs a list by keys only when all have one.
            <span key="name"><strong class="cut" data-testid="detail-name" title={detail.name.clone()}>{ &detail.name }</strong></span>
            <span key={format!("epoch-{}", detail.epoch)} class="flash" data-testid="detail-election">
                { "Leader: " }<strong data-testid="detail-leader">{ leader_label(detail.leader) }</strong>
                { " · epoch " }<strong data-testid="detail-epoch">{ detail.epoch }</strong>
                if detail.recovering {
                    { " " }<span class="tag tag--warn" data-testid="detail-recovering"
                        title="Elected uncleanly (KIP-704): RECOVERING until the leader's first AlterPartition, when a follower catches up and joins the ISR">
                        { "⚠ RECOVERING" }</span>
                }
            </span>
            <span key={format!("isr-{}", broker_ids(&detail.isr))} class="flash">
                { "ISR: " }<strong data-testid="detail-isr">{ broker_ids(&detail.isr) }</strong>{ for pending }</span>
            <span key="elr" title="Eligible leader replicas (KIP-966): out of the ISR while it is below min-ISR, yet holding every committed record; one may lead cleanly when the ISR is empty">
                { "ELR: " }<strong data-testid="detail-elr">{ if detail.elr.is_empty() { "–".to_string() } else { broker_ids(&detail.elr) } }</strong>
                if let (None, Some(last)) = (detail.leader, detail.last_known_leader) {
                    <span class="muted" data-testid="detail-last-leader">{ format!(" · last known leader {last}") }</span>
                }
            </span>
            <span key="limits" class="muted">{ format!("min-ISR {} · replica.lag.time.max.ms {}", detail.min_isr, detail.lag_max_ms) }</span>
        </div>
    }
}

#[component]
pub fn PartitionViewPanel(props: &PartitionViewProps) -> Html {
    let Some(detail) = props.detail.as_ref() else {
        return html! { <p class="muted" data-testid="partition-view">{ "No partition yet: create a topic." }</p> };
    };
    let name = detail.name.clone();
    let Some(partition) = topic_partition(&name) else {
        return html! { <p class="muted" data-testid="partition-view">{ "No partition yet: create a topic." }</p> };
    };
    // Each button runs its command, titled with the script line it is.
    let button = |command: Command| {
        let statement = Statement::Command(command);
        (statement.to_string(), props.on_run.reform(move |_: MouseEvent| statement.clone()))
    };
    let fail_leader = detail.leader.map(|l| (l, button(Command::Crash(NodeRef::Broker(l)))));
    let (preferred_line, on_preferred) = button(Command::ElectPreferred(Some(partition.clone())));
    let consume = Command::Consume { partition: partition.clone(), from: None, consumer: None };
    let (consume_line, on_consume) = button(consume);
    let rows = detail
        .replicas
        .iter()
        .map(|r| replica_log(r, &partition, detail.lag_max_ms, props.manual_replication, &props.on_run));

    html! {
        <div class="partition-view" data-testid="partition-view" data-partition={name.clone()}>
            { partition_facts(detail) }
            <div class="partition-view__actions" role="group" aria-label={format!("Actions on {name}")}>
                if let Some((leader, (fail_line, on_fail))) = fail_leader {
                    <button type="button" class="button button--danger" data-testid="fail-leader" onclick={on_fail}
                        title={fail_line}>{ format!("Fail the leader (crash broker {leader})") }</button>
                }
                <button type="button" class="button" data-testid="elect-preferred" onclick={on_preferred}
                    title={preferred_line}>{ "Preferred leader election" }</button>
                <button type="button" class="button" data-testid="consume-once" onclick={on_consume}
                    title={consume_line}>{ "Consume once" }</button>
                { field_message(props.message.clone(), "partition-message") }
            </div>
            <div class="replica-rows">{ for rows }</div>
            <p class="legend-line muted">
                { "Cells: offset, value, leader epoch (e0, e1… also by colour). Hatched = not committed (at or above that replica's HW). " }
                { "The HW line marks what is committed; LEO is where the next record goes." }
            </p>
            <h3>{ "Producer records" }</h3>
            { producer_records(&props.clients, &name) }
            <h3>{ "Consumer" }</h3>
            // In a box of their own: a consumer appearing would otherwise shift, and so
            // rewrite, everything above it in this panel (`stable_keys`).
            <div class="consumer-reads">{ for consumer_reads(&props.clients, &name) }</div>
        </div>
    }
}
