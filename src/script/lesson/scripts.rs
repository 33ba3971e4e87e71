//! The scenario scripts the page loads for a step. A step's state is never stored: it is
//! "this scene's setup, then every earlier step of the scene, then this step's opening",
//! run from a fresh session. The core is deterministic, so loading that script with
//! `Session::from_script` and running the same lines one by one with `Session::execute`
//! reach the same state and the same trace: a link to step N and a learner who clicked
//! through to it see the same cluster.
use super::model::{Lesson, Line, Step};

impl Lesson {
    /// The script that brings a fresh session to the moment step `step` opens: its
    /// scene's setup, every earlier step's lines in that scene, and its own opening lines.
    /// An index past the last step gives the final script.
    pub fn script_to_open(&self, step: usize) -> String {
        let Some(this) = self.steps.get(step) else { return self.final_script() };
        let mut lines = self.scene_lines_before(step);
        lines.extend(&this.opening);
        script(lines)
    }

    /// The same, after the step's reveal (for a step without `ask:`, the same as opening).
    pub fn script_after_reveal(&self, step: usize) -> String {
        let Some(this) = self.steps.get(step) else { return self.final_script() };
        let mut lines = self.scene_lines_before(step);
        lines.extend(step_lines(this));
        script(lines)
    }

    /// The script after the last step (the sandbox, "try it yourself", continues from
    /// it); a challenge's scene alone, as the learner finds it.
    pub fn final_script(&self) -> String {
        match self.steps.len() {
            0 => script(self.scenes.last().map(|s| s.setup.iter().collect()).unwrap_or_default()),
            n => self.script_after_reveal(n - 1),
        }
    }

    /// Whether step `step` starts a new scene: the page rebuilds the cluster there.
    pub fn is_new_scene(&self, step: usize) -> bool {
        match (step.checked_sub(1).and_then(|i| self.steps.get(i)), self.steps.get(step)) {
            (Some(before), Some(this)) => before.scene != this.scene,
            (None, Some(_)) => true,
            _ => false,
        }
    }

    /// The scene's setup and every line of the steps before `step` in the same scene.
    fn scene_lines_before(&self, step: usize) -> Vec<&Line> {
        let scene = self.steps[step].scene;
        let mut lines: Vec<&Line> = self.scenes[scene].setup.iter().collect();
        for earlier in self.steps[..step].iter().filter(|s| s.scene == scene) {
            lines.extend(step_lines(earlier));
        }
        lines
    }
}

/// A step's lines in the order they run: opening, then reveal.
pub(super) fn step_lines(step: &Step) -> impl Iterator<Item = &Line> {
    step.opening.iter().chain(&step.reveal)
}

fn script(lines: Vec<&Line>) -> String {
    lines.iter().map(|l| format!("{}\n", l.text)).collect()
}
