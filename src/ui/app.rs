//! The whole page: header, brokers grouped by rack, partition table.

use yew::prelude::*;

use super::broker_card::BrokerCard;
use super::header::Header;
use super::partition_table::PartitionTable;
use super::rack_group::RackGroup;
use super::racks::group_by_rack;
use super::role_legend::RoleLegend;
use super::state::{Action, PlaygroundState, STEP_MS};

#[component]
pub fn App() -> Html {
    let state = use_reducer(PlaygroundState::default);
    let view = state.view();

    let on_step = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Advance { ms: STEP_MS }))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Reset))
    };

    let controller = view.active_controller;
    let racks = group_by_rack(&view.brokers).into_iter().map(|group| {
        let cards = group.brokers.into_iter().map(|broker| {
            let (key, is_controller) = (broker.id, controller == Some(broker.id));
            html! { <BrokerCard {key} {broker} {is_controller} /> }
        });
        let key = group.rack.clone().unwrap_or_default();
        html! {
            <RackGroup {key} rack={group.rack}>
                { for cards }
            </RackGroup>
        }
    });

    html! {
        <div class="app">
            <Header now_ms={view.now_ms} {on_step} {on_reset} />
            <main class="page">
                <section class="panel" aria-labelledby="brokers-heading">
                    <div class="panel__head">
                        <h2 id="brokers-heading">{ "Brokers" }</h2>
                        <RoleLegend />
                    </div>
                    <div class="racks" data-testid="racks">{ for racks }</div>
                </section>
                <section class="panel" aria-labelledby="partitions-heading">
                    <div class="panel__head">
                        <h2 id="partitions-heading">{ "Partitions" }</h2>
                    </div>
                    <PartitionTable partitions={view.partitions.clone()} />
                </section>
            </main>
        </div>
    }
}
