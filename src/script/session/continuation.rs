//! Whether one session carries on another: its history begins with all of the other's, the
//! same seed and then the same commands at the same moments. A lesson's step or a challenge
//! found again after a reload (the page restores the session the learner left) is theirs to
//! keep, not to be replaced by the step's start: nothing in a session is lost by a reload.
use super::Session;

impl Session {
    /// Whether this session's history begins with the whole of `earlier`'s. Compared as the
    /// scripts both would export up to their last command (`script_prefix`), which an export
    /// and a re-import keep as they are.
    pub fn continues(&self, earlier: &Session) -> bool {
        let (mine, _) = self.script_prefix(self.history.log().len());
        let (theirs, _) = earlier.script_prefix(earlier.history.log().len());
        mine.starts_with(&theirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: &str = "seed 4\nbrokers 3\ntopic create t partitions=1 rf=3\nproduce t-0 a\nrun 2s\n";

    #[test]
    fn a_session_carried_on_from_a_step_continues_it_across_an_export_and_a_reload() {
        let step = Session::from_script(STEP).unwrap();
        let mut carried_on = Session::from_script(STEP).unwrap();
        assert!(carried_on.continues(&step), "the step itself");
        carried_on.execute("crash broker 1").unwrap();
        carried_on.advance(500);
        assert!(carried_on.continues(&step));
        let reloaded = Session::from_script(&carried_on.export_script()).unwrap();
        assert!(reloaded.continues(&step), "after an export and a re-import");
        assert!(!step.continues(&carried_on), "the step does not carry on what came after it");
    }

    #[test]
    fn another_seed_another_command_or_the_same_command_later_does_not_continue_it() {
        let step = Session::from_script(STEP).unwrap();
        for other in [
            STEP.replace("seed 4", "seed 5"),
            STEP.replace("produce t-0 a", "produce t-0 b"),
            STEP.replace("produce t-0 a\nrun 2s", "run 1ms\nproduce t-0 a\nrun 2s"),
            "seed 4\nbrokers 3\n".to_owned(),
        ] {
            assert!(!Session::from_script(&other).unwrap().continues(&step), "{other}");
        }
    }
}
