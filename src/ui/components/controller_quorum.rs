//! The KRaft controller quorum: which nodes are up, which one is active, and whether a
//! majority is alive (without one, nothing changes: no fencing, no election). A plain
//! function, not a component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

use crate::script::ast::{Command, NodeRef, Statement};
use crate::sim::view_detail::ControllerView;

/// `on_run` runs a node's crash or restart.
pub fn controller_quorum(c: &ControllerView, on_run: &Callback<Statement>) -> Html {
    let nodes = c.nodes_alive.iter().enumerate().map(|(i, alive)| {
        let node = i as u32 + 1;
        let active = c.active == Some(node);
        let command = if *alive { Command::Crash(NodeRef::Controller(node)) } else { Command::Restart(NodeRef::Controller(node)) };
        let statement = Statement::Command(command);
        let line = statement.to_string();
        let onclick = on_run.reform(move |_: MouseEvent| statement.clone());
        let state = match (alive, active) {
            (false, _) => "✕ down",
            (true, true) => "★ active",
            (true, false) => "● standby",
        };
        html! {
            <li class={classes!("qnode", (!alive).then_some("qnode--down"), active.then_some("qnode--active"))}
                data-testid="controller-node" data-active={active.to_string()}>
                <span class="qnode__name">{ format!("Controller {node}") }</span>
                <span class="qnode__state">{ state }</span>
                <button type="button" class="button button--small" title={line.clone()}
                    aria-label={if *alive { format!("Crash controller {node}") } else { format!("Restart controller {node}") }}
                    {onclick}>{ if *alive { "Crash" } else { "Restart" } }</button>
            </li>
        }
    });
    html! {
        <section class="node-box" aria-label="Controller quorum" data-testid="controller-quorum">
            <h3>{ "Controller quorum (KRaft)" }</h3>
            <p class="muted" data-testid="controller-summary">
                { match c.active { Some(n) => format!("Active controller: {n}"), None => "No active controller".to_string() } }
                { if c.has_majority { " · majority alive" } else { " · no majority: nothing can change" } }
            </p>
            <ul class="qnodes">{ for nodes }</ul>
        </section>
    }
}
