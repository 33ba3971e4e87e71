//! The strip of tiles on top of the full page: each key gauge's value at the moment shown,
//! with a glyph, a word and a colour for its state (`health`), and the metric's meaning as
//! its tooltip and, for screen readers, in words.
use yew::prelude::*;

use super::health::{Tile, TILES};
use crate::sim::Cluster;

fn tile(tile: &Tile, value: u64) -> Html {
    let health = tile.health(value);
    let name = tile.metric.name();
    let class = classes!("tile", format!("tile--{}", health.word()));
    let tooltip = format!("{name}: {} (normal: {})", tile.metric.meaning(), tile.metric.normal());
    html! {
        <li {class} data-testid="health-tile" data-tile={name} data-health={health.word()} title={tooltip.clone()}>
            <span class="tile__glyph" aria-hidden="true">{ health.glyph() }</span>
            <span class="tile__title">{ tile.title }</span>
            <span class="tile__value" data-tile-value={name}>{ value }</span>
            <span class="tile__state">{ health.word() }</span>
            <span class="visually-hidden">{ format!(": {tooltip}") }</span>
        </li>
    }
}

/// The tiles for the state `cluster` shows (live or a moment of the past).
pub fn health_strip(cluster: &Cluster, live: bool) -> Html {
    let tiles = TILES.iter().map(|t| tile(t, cluster.metric(t.metric)));
    let when = if live { "now" } else { "at the moment shown" };
    html! {
        <section class="health-strip" data-testid="health-strip" aria-label={format!("Cluster health {when}")}>
            <ul class="health-strip__tiles">{ for tiles }</ul>
        </section>
    }
}
