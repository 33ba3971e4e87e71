//! The fault buttons on a broker card. Each runs a typed command (`crash broker 2` is
//! `Command::Crash(NodeRef::Broker(2))`, see `broker_faults`), so what a person clicks is
//! what an exported session replays. A plain function, not a component: it holds no state,
//! and each component adds to the bundle.
use yew::prelude::*;

use crate::script::ast::Statement;
use crate::sim::BrokerView;
use crate::ui::broker_faults::broker_faults;

pub fn broker_actions(broker: &BrokerView, on_run: &Callback<Statement>) -> Html {
    let id = broker.id;
    let buttons = broker_faults(broker).into_iter().map(|fault| {
        let statement = Statement::Command(fault.command);
        let title = format!("{} ({statement})", fault.title);
        let onclick = on_run.reform(move |_: MouseEvent| statement.clone());
        html! {
            <button type="button" class="button button--small" data-testid={format!("broker-{}", fault.testid)} {title}
                aria-label={format!("{} broker {id}", fault.text)} {onclick}>{ fault.text }</button>
        }
    });
    html! { <div class="broker__actions" role="group" aria-label={format!("Faults for broker {id}")}>{ for buttons }</div> }
}
