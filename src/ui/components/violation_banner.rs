//! When the safety checker catches a lost acknowledged record or a broken invariant, a
//! banner says which records and why. A broken guarantee (an acks=all record committed and
//! lost, two leaders in one epoch...) is an alert; a loss Kafka allows (an acks=1 record gone
//! with its leader, which the acks=1 setting never promised to keep) is told apart, calmly.
//! A plain function, not a component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

use crate::sim::observe::promise::Promise;
use crate::ui::labels::sim_time;
use crate::ui::state::ViolationNote;

fn items<'a>(notes: impl Iterator<Item = &'a ViolationNote>) -> Html {
    let items = notes.take(5).map(|v| {
        html! {
            <li>
                <strong>{ format!("{} on {} at {}", v.property, v.partition, sim_time(v.at_ms)) }</strong>
                if let Some(record) = &v.record { { format!(" · record '{record}'") } }
                { format!(": {}", v.detail) }
            </li>
        }
    });
    html! { <ul>{ for items }</ul> }
}

pub fn violation_banner(violations: &[ViolationNote]) -> Html {
    if violations.is_empty() {
        return html! {};
    }
    let broken: Vec<&ViolationNote> = violations.iter().rev().filter(|v| v.promise == Promise::Broken).collect();
    let allowed: Vec<&ViolationNote> = violations.iter().rev().filter(|v| v.promise != Promise::Broken).collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    html! {
        <>
            if !broken.is_empty() {
                <div class="banner banner--violation" role="alert" data-testid="violation-banner">
                    <h2>{ format!("⚠ Guarantee broken{}", if broken.len() == 1 { String::new() } else { format!(" ({})", broken.len()) }) }</h2>
                    { items(broken.iter().copied()) }
                </div>
            }
            if let Some(first) = allowed.first() {
                <div class="banner banner--allowed" role="status" data-testid="allowed-loss-banner">
                    <h2>{ format!("{}{}", first.promise.title(), if allowed.len() == 1 { String::new() } else { format!(" ({} record{})", allowed.len(), plural(allowed.len())) }) }</h2>
                    <p class="small">{ "Kafka never promised these: acks=1 is answered once the leader has appended the record, before any follower has it." }</p>
                    { items(allowed.iter().copied()) }
                </div>
            }
        </>
    }
}
