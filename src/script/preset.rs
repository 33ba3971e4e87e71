//! The ready-made clusters a session can start from (`Preset`), each named by an id and built
//! by a short scenario script. Data about starting points, shared by the page (its session
//! bar; `crate::ui::state::Preset` re-exports it) and the JS API (`Simulation.preset`).

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
