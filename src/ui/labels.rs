//! The words and numbers the page shows, as a learner reads them on a slide.
//! Pure functions of the view, so they are tested natively.

use super::decimal::fixed;
use crate::script::session::{AsideKind, Marker, MarkerKind};
use crate::sim::{BrokerStatus, ReplicaRole};

/// "1 leader", "2 leaders", "0 leaders".
pub fn count_of(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{n} {noun}")
}

/// "1 leader · 2 followers": how many partitions a broker leads and follows.
pub fn role_counts(leaders: usize, followers: usize) -> String {
    format!("{} · {}", count_of(leaders, "leader", "leaders"), count_of(followers, "follower", "followers"))
}

/// "Broker 3".
pub fn broker_name(id: u32) -> String {
    format!("Broker {id}")
}

/// "1, 2, 3"; "none" for an empty set (an ISR can shrink to nothing).
pub fn broker_ids(ids: &[u32]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// "Broker 2", or "none" while a partition has no leader (offline).
pub fn leader_label(leader: Option<u32>) -> String {
    leader.map_or_else(|| "none".to_owned(), broker_name)
}

/// "Rack a", or "No rack" for brokers configured without `broker.rack`.
pub fn rack_heading(rack: Option<&str>) -> String {
    rack.map_or_else(|| "No rack".to_owned(), |r| format!("Rack {r}"))
}

/// "rack a" under a broker's node on the diagram, where text cannot wrap: a long name is cut
/// to its first 12 characters and "…" (the broker's card shows it whole).
pub fn rack_on_diagram(rack: &str) -> String {
    const MOST: usize = 12;
    match rack.char_indices().nth(MOST) {
        Some((cut, _)) => format!("rack {}…", &rack[..cut]),
        None => format!("rack {rack}"),
    }
}

/// Simulated time as the header's clock shows it, `m:ss.mmm` ("0:01.500", "12:05.010"):
/// minutes and seconds read at a glance, and the millisecond stays, since a network hop
/// takes one.
pub fn sim_time(ms: u64) -> String {
    format!("{}:{:02}.{:03}", ms / 60_000, ms / 1_000 % 60, ms % 1_000)
}

/// The one- or two-letter badge on a replica chip, so roles differ by text, not colour alone.
pub fn role_badge(role: &ReplicaRole) -> &'static str {
    match role {
        ReplicaRole::Leader => "L",
        ReplicaRole::InSyncFollower => "F",
        ReplicaRole::OutOfSyncFollower => "F",
        ReplicaRole::Offline => "×",
    }
}

/// A short visible note after the partition name, for the roles a badge alone can't tell apart.
pub fn role_note(role: &ReplicaRole) -> Option<&'static str> {
    match role {
        ReplicaRole::Leader | ReplicaRole::InSyncFollower => None,
        ReplicaRole::OutOfSyncFollower => Some("out of sync"),
        ReplicaRole::Offline => Some("offline"),
    }
}

/// The CSS modifier (`chip--…`) that gives each role its own border shape.
pub fn role_class(role: &ReplicaRole) -> &'static str {
    match role {
        ReplicaRole::Leader => "leader",
        ReplicaRole::InSyncFollower => "in-sync",
        ReplicaRole::OutOfSyncFollower => "out-of-sync",
        ReplicaRole::Offline => "offline",
    }
}

/// A glyph that differs by shape per status; the status word is always shown beside it.
pub fn status_glyph(status: &BrokerStatus) -> &'static str {
    match status {
        BrokerStatus::Alive => "●",
        BrokerStatus::Crashed => "✕",
        BrokerStatus::Stopped => "■",
    }
}

/// "0.01×", "1×", "100×".
pub fn speed_label(speed: f64) -> String {
    let decimals = if speed >= 1.0 {
        0
    } else if speed >= 0.1 {
        1
    } else {
        2
    };
    format!("{}×", fixed(speed, decimals))
}

/// The status words of a broker card: "alive", "crashed", "stopped", plus what else holds.
pub fn broker_states(view: &crate::sim::BrokerView) -> Vec<&'static str> {
    let mut states = vec![view.status.label()];
    if view.fenced {
        states.push("fenced");
    }
    if view.isolated {
        states.push("isolated");
    }
    if view.fetch_paused {
        states.push("fetch paused");
    }
    if view.shutting_down {
        states.push("shutting down");
    }
    states
}

/// A light background for a leader epoch, so epochs differ at a glance (the number is
/// always printed in the cell too, so colour is never the only cue).
pub fn epoch_colour(epoch: u32) -> String {
    let hue = (epoch as u64 * 137 + 200) % 360;
    format!("hsl({hue} 70% 88%)")
}

/// "3 ms ago", "never": how long since a follower was last caught up.
/// The controller's session countdown on a silent broker: "fenced in 6.2 s".
pub fn fenced_in(ms: u64) -> String {
    format!("fenced in {} s", fixed(ms as f64 / 1000.0, 1))
}

pub fn since_label(ms: Option<u64>) -> String {
    ms.map_or_else(|| "never caught up".to_owned(), |ms| format!("caught up {ms} ms ago"))
}

/// Simulated time for the timeline: "850 ms", "12.3 s", "2 min 05.0 s".
pub fn timeline_time(ms: u64) -> String {
    // In whole tenths of a second first, so 59.96 s reads "1 min 00.0 s", not "60.0 s".
    let tenths = ms.saturating_add(50) / 100;
    match (ms, tenths) {
        (0..1_000, _) => format!("{ms} ms"),
        (_, 0..600) => format!("{}.{} s", tenths / 10, tenths % 10),
        _ => format!("{} min {:02}.{} s", tenths / 600, tenths % 600 / 10, tenths % 10),
    }
}

/// The short text on a timeline marker: "e3" for an election to epoch 3 (read from the
/// core's label), a glyph otherwise, so kinds differ by shape and text, not colour alone.
pub fn marker_glyph(kind: crate::script::session::MarkerKind, label: &str) -> String {
    use crate::script::session::MarkerKind::*;
    match kind {
        Election => {
            label.rsplit_once("epoch ").map_or_else(|| "◆".to_owned(), |(_, epoch)| format!("◆e{}", epoch.trim()))
        }
        IsrShrink => "▼".to_owned(),
        IsrExpand => "▲".to_owned(),
        Fault => "✕".to_owned(),
        Recovery => "↻".to_owned(),
        Violation => "⚠".to_owned(),
    }
}

/// What a marker kind is called in the legend and in a marker's accessible name.
pub fn marker_kind_name(kind: crate::script::session::MarkerKind) -> &'static str {
    use crate::script::session::MarkerKind::*;
    match kind {
        Election => "leader election",
        IsrShrink => "ISR shrink",
        IsrExpand => "ISR expand",
        Fault => "fault",
        Recovery => "recovery",
        Violation => "safety violation",
    }
}

/// The notice shown while looking at the past, before anything branches.
pub fn branch_notice(now_ms: u64, end_ms: u64) -> String {
    format!(
        "You are looking at {}; acting now discards the {} after it and starts a new branch.",
        timeline_time(now_ms),
        timeline_time(end_ms.saturating_sub(now_ms))
    )
}

/// What the recording holds after `now_ms`, for the branch's confirmation: " (broker 1
/// crashed, 2 elections, 1 safety violation)", or nothing when it holds no marker.
pub fn future_summary(markers: &[Marker], now_ms: u64) -> String {
    let future: Vec<&Marker> = markers.iter().filter(|m| m.time_ms > now_ms).collect();
    let count = |kind: MarkerKind| future.iter().filter(|m| m.kind == kind).count();
    let mut parts: Vec<String> =
        future.iter().filter(|m| m.kind == MarkerKind::Fault).take(2).map(|m| m.label.clone()).collect();
    let faults = count(MarkerKind::Fault);
    if faults > 2 {
        parts.push(format!("{} more faults", faults - 2));
    }
    for (kind, one, many) in [
        (MarkerKind::Election, "election", "elections"),
        (MarkerKind::IsrShrink, "ISR shrink", "ISR shrinks"),
        (MarkerKind::Violation, "safety violation", "safety violations"),
    ] {
        match count(kind) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({})", parts.join(", "))
}

/// What a branch (or an undo) set aside, as the notice after it says.
pub fn set_aside_notice(kind: AsideKind, from_ms: u64, to_ms: u64) -> String {
    match kind {
        AsideKind::RecordedFuture => format!(
            "New branch from {}: the recording after it (to {}) is set aside.",
            sim_time(from_ms),
            sim_time(to_ms)
        ),
        AsideKind::Branch => format!("Your branch from {} (to {}) is set aside.", sim_time(from_ms), sim_time(to_ms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_rack_is_cut_on_the_diagram_and_a_short_one_is_not() {
        assert_eq!(rack_on_diagram("a"), "rack a");
        assert_eq!(rack_on_diagram("eu-west-1a-az"), "rack eu-west-1a-a…");
        assert_eq!(rack_on_diagram(&"日".repeat(20)), format!("rack {}…", "日".repeat(12)));
    }

    #[test]
    fn epochs_get_different_colours_and_speeds_read_as_factors() {
        assert_ne!(epoch_colour(0), epoch_colour(1));
        assert_eq!(speed_label(0.01), "0.01×");
        assert_eq!(speed_label(100.0), "100×");
        let labels: Vec<String> = crate::ui::play_clock::SPEEDS.iter().map(|s| speed_label(*s)).collect();
        assert_eq!(labels.join(" "), "0.01× 0.03× 0.1× 0.3× 1× 3× 10× 30× 100× 300× 1000×");
    }

    #[test]
    fn timeline_times_read_in_the_unit_that_fits() {
        assert_eq!(timeline_time(850), "850 ms");
        assert_eq!(timeline_time(12_340), "12.3 s");
        assert_eq!(timeline_time(59_940), "59.9 s");
        assert_eq!(timeline_time(59_960), "1 min 00.0 s");
        assert_eq!(timeline_time(125_000), "2 min 05.0 s");
        assert_eq!(since_label(None), "never caught up");
        assert_eq!(fenced_in(6_200), "fenced in 6.2 s");
        assert_eq!(sim_time(0), "0:00.000");
        assert_eq!(sim_time(3_010), "0:03.010");
        assert_eq!(sim_time(785_814), "13:05.814");
        assert_eq!(sim_time(8 * 3_600_000), "480:00.000");
    }

    #[test]
    fn counts_are_singular_only_for_one() {
        assert_eq!(role_counts(1, 2), "1 leader · 2 followers");
        assert_eq!(role_counts(0, 1), "0 leaders · 1 follower");
        assert_eq!(role_counts(2, 0), "2 leaders · 0 followers");
    }

    #[test]
    fn id_lists_and_missing_values_read_as_words() {
        assert_eq!(broker_ids(&[1, 2, 3]), "1, 2, 3");
        assert_eq!(broker_ids(&[]), "none");
        assert_eq!(leader_label(Some(2)), "Broker 2");
        assert_eq!(leader_label(None), "none");
        assert_eq!(rack_heading(Some("b")), "Rack b");
        assert_eq!(rack_heading(None), "No rack");
    }

    #[test]
    fn every_role_differs_from_the_others_in_text() {
        let roles =
            [ReplicaRole::Leader, ReplicaRole::InSyncFollower, ReplicaRole::OutOfSyncFollower, ReplicaRole::Offline];
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                let text = |r| (role_badge(r), role_note(r));
                assert_ne!(text(a), text(b), "{a:?} and {b:?} look the same without colour");
                assert_ne!(role_class(a), role_class(b));
            }
        }
    }
}
