//! Where a break-it challenge stands (issue 14): the learner's commands since the scene,
//! read back from the session's own script, the faults among them, whether one broke the
//! challenge's rules, and whether the win condition holds — a query of the simulator, as
//! `kafka-sim lesson check` asks it of the reference solution.
use crate::script::lesson::Challenge;
use crate::script::session::Session;

#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeStatus {
    /// The learner's fault commands, in order.
    pub faults: Vec<String>,
    /// The first command the challenge does not allow, with why.
    pub refused: Option<String>,
    pub won: bool,
    /// The session is no longer this challenge's (another was opened, or it started over).
    pub elsewhere: bool,
}

/// A script's commands: its lines without comments (an export's header counts its events)
/// and without the time between them (an export writes one `run` for all the time between
/// two commands, however many `run`s passed it).
fn commands(script: &str) -> Vec<&str> {
    let time = |l: &str| l.starts_with("run ") || l == "step" || l.starts_with("step ");
    script.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#') && !time(l)).collect()
}

/// The status of `session`, whose script began with `scene_script` (the scene as exported).
pub fn status(challenge: &Challenge, scene_script: &str, session: &Session) -> ChallengeStatus {
    let script = session.export_script();
    let (scene, now) = (commands(scene_script), commands(&script));
    if !now.starts_with(&scene) {
        return ChallengeStatus { faults: Vec::new(), refused: None, won: false, elsewhere: true };
    }
    let mut faults = Vec::new();
    let mut refused = None;
    for line in now[scene.len()..].iter().copied() {
        if refused.is_none() {
            refused = challenge.refusal(line, &faults).map(|why| format!("{line}: {why}"));
        }
        if challenge.counts_as_fault(line) {
            faults.push(line.to_owned());
        }
    }
    let won = refused.is_none() && challenge.won(session.cluster()).unwrap_or(false);
    ChallengeStatus { faults, refused, won, elsewhere: false }
}
