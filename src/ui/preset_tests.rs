//! The presets as the page starts them: the lecture's placement, and a fresh preset holding
//! no work until something is done.
use crate::ui::state::PlaygroundState;

#[test]
fn the_default_preset_matches_the_core_default_cluster() {
    let state = PlaygroundState::default();
    assert_eq!(*state.views.cluster, crate::sim::presets::default_cluster().view());
    assert_eq!(state.prefs.selected.as_deref(), Some("orders-0"));
}

/// The lecture's slide: plain placement, so broker 4 holds 2 leaders and 4 followers
/// and orders-3 is [4,5,6] (with racks, the rack-aware branch gave broker 4 only 2
/// followers).
#[test]
fn the_lecture_preset_places_replicas_as_the_lecture_did() {
    let state = PlaygroundState::start(0, crate::script::preset::Preset::Lecture);
    let view = &state.views.cluster;
    let broker_4 = view.brokers.iter().find(|b| b.id == 4).expect("broker 4");
    assert_eq!((broker_4.leaders, broker_4.followers), (2, 4));
    let orders_3 = view.partitions.iter().find(|p| p.name == "orders-3").expect("orders-3");
    assert_eq!(orders_3.replicas, [4, 5, 6]);
    assert_eq!(*state.views.cluster, crate::sim::presets::lecture_cluster().view());
}

/// Choosing a preset starts it at once on a fresh session, and asks first once
/// something was done (the header's `PresetPicker` reads `has_work`).
#[test]
fn a_fresh_preset_holds_no_work_until_something_is_done() {
    let mut state = PlaygroundState::start(0, crate::script::preset::Preset::Lecture);
    assert!(!state.has_work());
    state.apply(crate::ui::state::Action::Advance { ms: 100 });
    assert!(state.has_work());
    state.apply(crate::ui::state::Action::Restart { seed: 0, preset: crate::script::preset::Preset::Default });
    assert!(!state.has_work());
}
