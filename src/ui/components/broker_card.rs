//! One broker: who it is, where it runs, its state, the replicas it hosts, and its faults.

use yew::prelude::*;

use super::broker_actions::broker_actions;
use super::replica_chip::{chips_group, replica_chip};
use crate::script::ast::Statement;
use crate::sim::BrokerView;
use crate::ui::labels::{broker_name, broker_states, fenced_in, role_counts, status_glyph};

#[derive(Properties, PartialEq)]
pub struct BrokerCardProps {
    pub broker: BrokerView,
    /// An event in the feed touched it.
    #[prop_or_default]
    pub highlighted: bool,
    /// The partition selected in the partition view, whose chip stands out.
    #[prop_or_default]
    pub selected_partition: Option<String>,
    /// Runs a fault button's statement.
    pub on_run: Callback<Statement>,
    /// Shows a partition in the partition view (a replica chip pressed).
    pub on_select: Callback<String>,
}

#[component]
pub fn BrokerCard(props: &BrokerCardProps) -> Html {
    let broker = &props.broker;
    let name = broker_name(broker.id);
    let status = broker.status.label();
    let chips = broker.replicas.iter().enumerate().map(|(i, chip)| {
        let selected = props.selected_partition.as_deref() == Some(chip.partition.as_str());
        replica_chip(&chip.partition, chip.role, selected, i == 0)
    });
    let states = broker_states(broker);
    let extra = states.iter().skip(1).filter(|s| **s != "fenced").map(|s| {
        html! { <span class={classes!("tag", format!("tag--{}", s.replace(' ', "-")))} data-testid="broker-state">{ *s }</span> }
    });

    html! {
        <article class={classes!("broker", format!("broker--{status}"), props.highlighted.then_some("is-highlighted"),
                broker.isolated.then_some("broker--isolated"))}
            data-testid="broker-card" data-broker-id={broker.id.to_string()} data-states={states.join(",")}
            aria-label={name.clone()}>
            <header class="broker__head">
                <h4 class="broker__name" data-testid="broker-name">{ name.clone() }</h4>
            </header>
            <dl class="broker__facts">
                <div>
                    <dt>{ "Rack" }</dt>
                    <dd data-testid="broker-rack">{ broker.rack.clone().unwrap_or_else(|| "none".into()) }</dd>
                </div>
                <div>
                    <dt>{ "Status" }</dt>
                    <dd>
                        <span class={classes!("status", format!("status--{status}"))} data-testid="broker-status">
                            <span aria-hidden="true">{ status_glyph(&broker.status) }</span>
                            { " " }{ status }
                        </span>
                        if let Some(ms) = broker.fenced_in_ms {
                            <span class="tag tag--countdown" data-testid="session-countdown"
                                title="The active controller has had no heartbeat from this broker: it fences it broker.session.timeout.ms after the last one it received">
                                { fenced_in(ms) }</span>
                        }
                        if broker.fenced {
                            <span class="tag tag--fenced flash" data-testid="broker-fenced"
                                title="Fenced by the controller: it may not lead or join an ISR">{ "fenced" }</span>
                        }
                        { for extra }
                    </dd>
                </div>
            </dl>
            <p class="broker__counts" data-testid="broker-counts">{ role_counts(broker.leaders, broker.followers) }</p>
            { chips_group(format!("Replicas on {name}"), html! { <>{ for chips }</> }, &props.on_select) }
            { broker_actions(broker, &props.on_run) }
        </article>
    }
}
