//! One broker: who it is, where it runs, whether it is up, and the replicas it hosts.

use yew::prelude::*;

use super::labels::{broker_name, role_counts, status_glyph};
use super::replica_chip::ReplicaChip;
use crate::sim::BrokerView;

#[derive(Properties, PartialEq)]
pub struct BrokerCardProps {
    pub broker: BrokerView,
    /// This broker is the active controller (the one that elects partition leaders).
    pub is_controller: bool,
}

#[component]
pub fn BrokerCard(props: &BrokerCardProps) -> Html {
    let broker = &props.broker;
    let name = broker_name(broker.id);
    let status = broker.status.label();
    let chips = broker.replicas.iter().map(|chip| {
        html! {
            <ReplicaChip key={chip.partition.clone()} partition={chip.partition.clone()}
                role={chip.role} />
        }
    });

    html! {
        <article class={classes!("broker", format!("broker--{status}"))} data-testid="broker-card"
            data-broker-id={broker.id.to_string()} aria-label={name.clone()}>
            <header class="broker__head">
                <h4 class="broker__name" data-testid="broker-name">{ name.clone() }</h4>
                if props.is_controller {
                    <span class="tag tag--controller" data-testid="broker-controller"
                        title="Active controller: elects partition leaders">{ "controller" }</span>
                }
            </header>
            <dl class="broker__facts">
                <div>
                    <dt>{ "Rack" }</dt>
                    <dd data-testid="broker-rack">{ broker.rack.clone().unwrap_or_else(|| "none".into()) }</dd>
                </div>
                <div>
                    <dt>{ "Status" }</dt>
                    <dd>
                        <span class={classes!("status", format!("status--{status}"))}
                            data-testid="broker-status">
                            <span aria-hidden="true">{ status_glyph(&broker.status) }</span>
                            { " " }{ status }
                        </span>
                        if broker.fenced {
                            <span class="tag tag--fenced" data-testid="broker-fenced"
                                title="Fenced by the controller: it may not lead or join an ISR">
                                { "fenced" }
                            </span>
                        }
                    </dd>
                </div>
            </dl>
            <p class="broker__counts" data-testid="broker-counts">
                { role_counts(broker.leaders, broker.followers) }
            </p>
            <ul class="chips" aria-label={format!("Replicas on {name}")}>{ for chips }</ul>
        </article>
    }
}
