//! The ready-made clusters a session can start from (`Preset`), each named by an id for the
//! session bar and built by a short scenario script. It is its own file because it is data
//! about starting points, not page state: the reducer only asks a preset for its script
//! (`PlaygroundState::start`), and `crate::ui::state::Preset` re-exports it for the components.

/// A ready-made cluster to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// 3 brokers on racks a, b, c; `orders` with 3 partitions, rf 3, min-isr 2.
    Default,
    /// The lecture's example: 6 brokers without racks, 10 partitions, rf 3 (30 replicas),
    /// placed as the lecture placed them: broker 4 leads 2 and follows 4.
    Lecture,
    /// 12 brokers, 60 partitions (the frame-time benchmark).
    Twelve,
    /// 50 brokers, 500 partitions (the big-cluster benchmark).
    Fifty,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Default, Preset::Lecture, Preset::Twelve, Preset::Fifty];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Lecture => "lecture",
            Preset::Twelve => "12x60",
            Preset::Fifty => "50x500",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Default => "3 brokers, 3 partitions, rf 3",
            Preset::Lecture => "Lecture: 6 brokers, 10 partitions, rf 3",
            Preset::Twelve => "12 brokers, 60 partitions, rf 3",
            Preset::Fifty => "50 brokers, 500 partitions, rf 3",
        }
    }

    /// The script that builds it (after `seed N`).
    pub fn script(self) -> &'static str {
        match self {
            Preset::Default => {
                "brokers 3 racks=a,b,c\ntopic create orders partitions=3 rf=3 min-isr=2 start=0\nrun 10ms\n"
            }
            // No racks: the lecture placed its 30 replicas with assignReplicasToBrokers'
            // rack-unaware branch, start index and shift 0 (docs: ../shared/CURRICULUM.md).
            Preset::Lecture => "brokers 6\ntopic create orders partitions=10 rf=3 min-isr=2 start=0\nrun 10ms\n",
            Preset::Twelve => {
                "brokers 12 racks=a,b,c\ntopic create orders partitions=60 rf=3 min-isr=2 start=0\nrun 10ms\n"
            }
            Preset::Fifty => {
                "brokers 50 racks=a,b,c,d,e\ntopic create orders partitions=500 rf=3 min-isr=2 start=0\nrun 10ms\n"
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
        let state = PlaygroundState::start(0, super::Preset::Lecture);
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
        let mut state = PlaygroundState::start(0, super::Preset::Lecture);
        assert!(!state.has_work());
        state.apply(crate::ui::state::Action::Advance { ms: 100 });
        assert!(state.has_work());
        state.apply(crate::ui::state::Action::Restart { seed: 0, preset: super::Preset::Default });
        assert!(!state.has_work());
    }
}
