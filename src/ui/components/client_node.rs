//! A producer or consumer as a node of its own: what its metadata cache believes about who
//! leads the partition shown (which may be stale: that is why clients retry). A plain
//! function, not a component: it holds no state, and each component adds to the bundle; it
//! is drawn every frame, so it tells one belief, not one per partition (500 on the largest preset).
use yew::prelude::*;

use crate::sim::view_detail::ClientView;
use crate::ui::labels::leader_label;

/// Client `c`, with its belief about `partition` (the one shown up close).
pub fn client_box(c: &ClientView, partition: Option<&str>) -> Html {
    let role = if c.is_producer { "Producer" } else { "Consumer" };
    let belief = c.believes.iter().find(|(p, _, _)| Some(p.as_str()) == partition).map(|(p, leader, epoch)| {
        html! {
            <p data-testid="client-belief" data-partition={p.clone()}>
                { "Believes " }<span class="mono">{ p }</span>{ " → " }{ leader_label(*leader) }
                <span class="muted">{ format!(" (epoch {epoch})") }</span>
            </p>
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
            { for belief }
        </section>
    }
}
