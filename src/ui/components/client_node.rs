//! A producer or consumer as a node of its own: what its metadata cache believes about
//! who leads each partition (which may be stale: that is why clients retry). A plain
//! function, not a component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

use crate::sim::view_detail::ClientView;
use crate::ui::labels::leader_label;

pub fn client_box(c: &ClientView) -> Html {
    let role = if c.is_producer { "Producer" } else { "Consumer" };
    let beliefs = c.believes.iter().map(|(partition, leader, epoch)| {
        html! {
            <li key={partition.clone()} data-testid="client-belief" data-partition={partition.clone()}>
                <span class="mono">{ partition }</span>{ " → " }{ leader_label(*leader) }
                <span class="muted">{ format!(" (epoch {epoch})") }</span>
            </li>
        }
    });
    let known = c.believes.len();
    html! {
        <section key={c.name.clone()} class="node-box client" data-testid={if c.is_producer { "producer-node" } else { "consumer-node" }}
            aria-label={format!("{role} {}", c.name)}>
            <h3>{ format!("{role} “{}”", c.name) }</h3>
            <p class="muted">
                { "Metadata cache: " }
                if known == 0 { { "empty (asks a broker on first send)" } } else { { format!("{known} partition leaders") } }
                if c.metadata_stale { <span class="tag tag--warn" title="It will refresh metadata before its next send">{ "stale" }</span> }
            </p>
            <details>
                <summary>{ "What it believes" }</summary>
                <ul class="beliefs">{ for beliefs }</ul>
            </details>
        </section>
    }
}
