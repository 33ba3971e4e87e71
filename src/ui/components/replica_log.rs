//! One replica's log as a row of offset cells: each record's value and leader epoch (the
//! epoch as a number and a colour), records at or above this replica's high watermark drawn
//! hatched as uncommitted, the HW as a line and the LEO as the empty slot after the last cell.
//! A plain function, not a component: it holds no state, and each component adds to the bundle.
use yew::prelude::*;

use crate::script::ast::{Command, Statement, TopicPartition};
use crate::sim::view_detail::ReplicaDetail;
use crate::sim::ReplicaRole;
use crate::ui::labels::{epoch_colour, role_badge, role_class, since_label};

fn hw_line(hw: u64) -> Html {
    html! { <li class="hw-line" data-testid="hw-line" aria-label={format!("high watermark {hw}")}><span>{ "HW" }</span></li> }
}

/// The log as cells: the offsets not shown, each record (the HW line before the first
/// uncommitted one), and the LEO slot.
fn log_cells(r: &ReplicaDetail) -> Vec<Html> {
    let first = r.cells.first().map_or(r.leo, |c| c.offset);
    let mut cells = Vec::new();
    if first > 0 {
        cells.push(html! { <li class="cell cell--elided" title="Earlier offsets not shown">{ format!("0–{} …", first - 1) }</li> });
    }
    for cell in &r.cells {
        if cell.offset == r.hw {
            cells.push(hw_line(r.hw));
        }
        let committed = cell.offset < r.hw;
        cells.push(html! {
            <li class={classes!("cell", (!committed).then_some("cell--uncommitted"))}
                style={format!("background:{}", epoch_colour(cell.epoch))} data-testid="log-cell"
                data-offset={cell.offset.to_string()} data-committed={committed.to_string()}
                title={format!("offset {} · '{}' · leader epoch {} · {}", cell.offset, cell.value, cell.epoch,
                    if committed { "committed (below the HW)" } else { "not committed yet (at or above the HW)" })}>
                <span class="cell__offset">{ cell.offset }</span>
                <span class="cell__value">{ &cell.value }</span>
                <span class="cell__epoch">{ format!("e{}", cell.epoch) }</span>
            </li>
        });
    }
    if r.hw == r.leo {
        cells.push(hw_line(r.hw));
    }
    cells.push(html! {
        <li class="cell cell--leo" data-testid="leo-marker" title="Log end offset: where the next record goes">
            <span class="cell__offset">{ r.leo }</span><span class="cell__value">{ "LEO" }</span>
        </li>
    });
    cells
}

/// How long a follower has not been caught up, against the limit past which the leader drops
/// it from the ISR.
fn lag_gauge(r: &ReplicaDetail, lag_max_ms: u64) -> Html {
    if r.leader_unreachable {
        // No leader is counting its lag: it is not lagging, it cannot fetch.
        return html! {
            <div class="gauge gauge--unreachable" data-testid="leader-unreachable">
                <span>{ "⚠ leader unreachable: it cannot fetch, and no leader counts its lag until the controller elects a new one" }</span>
            </div>
        };
    }
    let since = r.since_caught_up_ms;
    let value = since.unwrap_or(lag_max_ms).min(lag_max_ms);
    let over = since.is_none_or(|s| s > lag_max_ms);
    html! {
        <div class={classes!("gauge", over.then_some("gauge--over"))} data-testid="lag-gauge">
            <meter min="0" max={lag_max_ms.to_string()} value={value.to_string()}
                low={(lag_max_ms / 2).to_string()} high={(lag_max_ms * 9 / 10).to_string()}
                aria-label="Time since caught up, against replica.lag.time.max.ms" />
            <span>{ format!("{} / {} ms", since_label(since), lag_max_ms) }</span>
            if let Some(knows) = r.leader_knows_leo {
                <span class="muted">{ format!(" · leader knows it holds {knows}") }</span>
            }
        </div>
    }
}

/// With manual replication, a follower fetches only when this is pressed.
fn fetch_button(r: &ReplicaDetail, partition: &TopicPartition, on_run: &Callback<Statement>) -> Html {
    let statement = Statement::Command(Command::Fetch { broker: r.broker, partition: partition.clone() });
    let line = statement.to_string();
    let onclick = on_run.reform(move |_: MouseEvent| statement.clone());
    html! { <button type="button" class="button button--small" data-testid="fetch-now" title={line}
    aria-label={format!("Fetch now for broker {}", r.broker)} {onclick}>{ "Fetch now" }</button> }
}

/// "LEO 3 · HW 3"; a dead replica's HW is the one it held when it died.
fn offsets_label(r: &ReplicaDetail) -> String {
    if r.alive {
        format!("LEO {} · HW {}", r.leo, r.hw)
    } else {
        format!("LEO {} · last known HW {}", r.leo, r.hw)
    }
}

/// Replica `r` of `partition`; `lag_max_ms`: replica.lag.time.max.ms; `manual_replication`:
/// a follower fetches only when "Fetch now" (`on_run`) is pressed.
pub fn replica_log(
    r: &ReplicaDetail,
    partition: &TopicPartition,
    lag_max_ms: u64,
    manual_replication: bool,
    on_run: &Callback<Statement>,
) -> Html {
    let follower = r.role != ReplicaRole::Leader;
    let gauge = (follower && r.alive).then(|| lag_gauge(r, lag_max_ms));
    let fetch_button = (follower && manual_replication && r.alive).then(|| fetch_button(r, partition, on_run));

    html! {
        <div key={r.broker} class={classes!("replica-row", format!("replica-row--{}", role_class(&r.role)))} data-testid="replica-log"
            data-broker-id={r.broker.to_string()} data-role={role_class(&r.role)}
            data-hw={r.hw.to_string()} data-leo={r.leo.to_string()}>
            <div class="replica-row__who">
                <span class={classes!("chip", format!("chip--{}", role_class(&r.role)))}>
                    <span class="chip__badge" aria-hidden="true">{ role_badge(&r.role) }</span>
                    <span class="chip__name">{ format!("Broker {}", r.broker) }</span>
                </span>
                <span class="replica-row__role">{ r.role.label() }</span>
                <span class="muted mono" data-testid="replica-offsets">{ offsets_label(r) }</span>
                // `if let`, not `{ for … }`: an absent part keeps its place among its siblings,
                // so a follower joining or leaving does not rewrite the row (`stable_keys`).
                if let Some(button) = fetch_button { { button } }
            </div>
            <ol class="cells" aria-label={format!("Log of broker {}", r.broker)}>{ for log_cells(r) }</ol>
            if let Some(gauge) = gauge { { gauge } }
        </div>
    }
}
