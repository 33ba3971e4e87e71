//! The future a branch discarded, kept so a mistake can be undone. Acting in the past (a
//! command, a `run`) starts a new branch; what came after that moment is not dropped but set
//! aside here, whole: the rest of the log and trace, their markers and snapshots, and the
//! live end. Putting it back swaps it with the branch, which is then set aside in its turn,
//! so an undo loses nothing either. Only the last one is kept: memory stays bounded by one
//! recording, and a second branch replaces the first one's.
use super::history::{HistoryTail, Position, Target};
use super::{LiveEnd, Session};
use crate::sim::{Cluster, Config};

/// What is set aside: the recorded future a branch discarded, or the branch that putting
/// the recorded future back discarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsideKind {
    RecordedFuture,
    Branch,
}

/// The longest future kept aside is this share of the events a session may hold (of
/// `MAX_SESSION_EVENTS`, 250,000 events, about 12 MB of trace: hours of a class's session).
/// A longer one is discarded for good when a branch starts (the confirmation says so
/// first). Measured: with a fifth (48 MB) the fuzzer's seed 14, which plays at 1000× into a
/// big session beside a restored one, trapped in 3 of 7 runs (`unreachable` with no panic
/// message, as an allocation failure does); with this, in none of 4, and the whole fuzz
/// suite passed after.
const SET_ASIDE_SHARE: usize = 20;

#[derive(Clone, Debug)]
pub(super) struct SetAside {
    /// The state it followed: the branch point.
    pub(super) from: Position,
    /// Events of the trace up to `from`.
    pub(super) events: usize,
    pub(super) tail: HistoryTail,
    pub(super) live_end: LiveEnd,
    pub(super) kind: AsideKind,
}

impl Session {
    /// What is set aside, where it starts (the branch point, in ms) and where it ends.
    pub fn set_aside(&self) -> Option<(AsideKind, u64, u64)> {
        let aside = self.set_aside.as_ref()?;
        Some((aside.kind, aside.from.at_ms, aside.live_end.cluster.now_ms()))
    }

    /// Starts a new branch at the moment shown, as a command there would: the recorded
    /// future is set aside and this moment is the live end. Live, it does nothing.
    pub fn branch_here(&mut self) {
        self.discard_future();
    }

    /// Acting at the moment shown would keep the recorded future aside for an undo: it is
    /// short enough (live, there is nothing to keep, and this is true).
    pub fn future_fits_aside(&self) -> bool {
        self.history.trace_len().saturating_sub(self.shown_events) <= self.max_events / SET_ASIDE_SHARE
    }

    /// Lets go of what is set aside (the person keeps the branch).
    pub fn forget_set_aside(&mut self) {
        self.set_aside = None;
    }

    /// Puts back what is set aside, in place of everything after the branch point, which is
    /// set aside instead; the session then shows the branch point. False when nothing is.
    pub fn restore_set_aside(&mut self) -> bool {
        let Some(aside) = self.set_aside.take() else { return false };
        self.back_to_live();
        let placeholder = Cluster::new(Config::default(), 0);
        let cluster = std::mem::replace(&mut self.cluster, placeholder);
        let current_end = LiveEnd { cluster, processed_before_ms: self.processed_before_ms };
        let current_tail = self.history.split_off_after(aside.from.commands, aside.events, &aside.from);
        let kind = match aside.kind {
            AsideKind::RecordedFuture => AsideKind::Branch,
            AsideKind::Branch => AsideKind::RecordedFuture,
        };
        self.set_aside =
            Some(SetAside { from: aside.from, events: aside.events, tail: current_tail, live_end: current_end, kind });
        self.history.append(aside.tail);
        self.live_end = Some(aside.live_end);
        self.restore(Target::Exactly(aside.from), false);
        if self.cluster.now_ms() >= self.end_ms() && self.shown_events == self.history.trace_len() {
            // The branch point is the live end itself (the recording ended there).
            self.back_to_live();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::AsideKind;
    use crate::script::session::Session;

    const SCRIPT: &str = "seed 3\nbrokers 3\ntopic create t partitions=1 rf=3 start=0\nrun 1s\nproduce t a acks=all\nrun 1s\ncrash broker 1\nrun 12s\n";

    /// The teacher's mistake: back before the crash, a command branches; undoing it brings
    /// the crash and the election back exactly (the same trace hash), and the branch is kept
    /// aside in its turn, so undoing the undo returns to it.
    #[test]
    fn a_branch_sets_the_recorded_future_aside_and_undo_swaps_it_back() {
        let mut session = Session::from_script(SCRIPT).expect("runs");
        let (recorded_hash, recorded_end) = (session.trace_hash(), session.end_ms());
        assert_eq!(session.set_aside(), None);
        session.seek(1_500);
        session.execute("produce t b acks=all").expect("runs");
        session.execute("run 2s").expect("runs");
        assert!(session.is_live());
        assert_eq!(session.set_aside(), Some((AsideKind::RecordedFuture, 1_500, recorded_end)));
        let (branch_hash, branch_end) = (session.trace_hash(), session.end_ms());
        assert!(session.markers().iter().all(|m| !m.label.contains("crashed")), "{:?}", session.markers());

        assert!(session.restore_set_aside());
        assert_eq!((session.is_live(), session.now_ms(), session.end_ms()), (false, 1_500, recorded_end));
        assert_eq!(session.set_aside(), Some((AsideKind::Branch, 1_500, branch_end)));
        assert!(session.markers().iter().any(|m| m.label.contains("crashed")));
        session.back_to_live();
        assert_eq!(session.trace_hash(), recorded_hash);
        assert_eq!(session.trace_hash(), Session::from_script(SCRIPT).unwrap().trace_hash());

        assert!(session.restore_set_aside());
        session.back_to_live();
        assert_eq!((session.trace_hash(), session.end_ms()), (branch_hash, branch_end));
        session.forget_set_aside();
        assert!(!session.restore_set_aside(), "nothing left to put back");
    }

    /// A future too long to keep (here, with the session's event limit lowered) is discarded
    /// for good: memory stays bounded, and the page says so before it branches.
    #[test]
    fn a_future_too_long_to_keep_is_not_set_aside() {
        let mut session = Session::from_script(SCRIPT).expect("runs");
        session.set_event_limit(session.events().len() + 10);
        session.seek(1_500);
        assert!(!session.future_fits_aside());
        session.execute("crash broker 2").expect("runs");
        assert_eq!(session.set_aside(), None);
        assert!(session.future_fits_aside(), "live: nothing to keep");
    }

    /// After the recorded future is back, the session replays and seeks as one straight run.
    #[test]
    fn the_restored_future_seeks_like_the_original() {
        let mut session = Session::from_script(SCRIPT).expect("runs");
        session.set_snapshot_policy(1, 4);
        session.seek(1_200);
        session.execute("crash broker 2").expect("runs");
        session.execute("run 5s").expect("runs");
        session.restore_set_aside();
        let mut straight = Session::from_script(SCRIPT).expect("runs");
        for ms in [9_000, 2_100, 14_000] {
            session.seek(ms);
            straight.seek(ms);
            assert_eq!((session.now_ms(), session.trace_hash()), (straight.now_ms(), straight.trace_hash()), "at {ms}");
        }
    }
}
