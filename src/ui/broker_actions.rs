//! The fault buttons on a broker card. Each runs a scenario-script line (`crash broker 2`),
//! so what a person clicks is what an exported session replays.
use yew::prelude::*;

use super::state::{Action, PlaygroundState};
use crate::sim::{BrokerStatus, BrokerView};

#[derive(Properties, PartialEq)]
pub struct BrokerActionsProps {
    pub broker: BrokerView,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

/// (verb, button text, what it does), for the buttons that make sense in this state.
fn actions(broker: &BrokerView) -> Vec<(&'static str, &'static str, &'static str)> {
    if broker.status != BrokerStatus::Alive {
        return vec![(
            "restart broker",
            "Restart",
            "Start the broker again: it re-registers, catches up and rejoins the ISR",
        )];
    }
    let mut list = vec![
        ("crash broker", "Crash", "The process dies; its log on disk survives"),
        ("stop broker", "Stop", "Controlled shutdown: leadership moves away first"),
        ("power-off broker", "Power off", "Like a crash, and records not yet flushed to disk are lost"),
    ];
    if broker.isolated {
        list.push(("heal", "Heal", "Remove every cut and isolation"));
    } else {
        list.push(("isolate broker", "Isolate", "Cut it off from every other node"));
    }
    if broker.fetch_paused {
        list.push(("resume-fetch broker", "Resume fetch", "Its followers fetch again"));
    } else {
        list.push(("pause-fetch broker", "Pause fetch", "Its followers stop fetching: a stalled follower"));
    }
    list
}

#[component]
pub fn BrokerActions(props: &BrokerActionsProps) -> Html {
    let id = props.broker.id;
    let buttons = actions(&props.broker).into_iter().map(|(verb, text, title)| {
        let line = if verb == "heal" { "heal".to_string() } else { format!("{verb} {id}") };
        let d = props.dispatcher.clone();
        let onclick = {
            let line = line.clone();
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::Exec { line: line.clone(), origin: "broker".into() })
            })
        };
        let testid = format!("broker-{}", verb.split(' ').next().unwrap_or(verb));
        html! {
            <button type="button" class="button button--small" data-testid={testid} title={format!("{title} ({line})")}
                aria-label={format!("{text} broker {id}")} {onclick}>{ text }</button>
        }
    });
    html! { <div class="broker__actions" role="group" aria-label={format!("Faults for broker {id}")}>{ for buttons }</div> }
}
