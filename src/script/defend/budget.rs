//! A challenge's fault budget (`budget: N of VERB ...`) and the learner's choices applied to
//! its scene (`choose: KEY = A | B`, each choice a `set KEY VALUE` before the scene's lines).

/// The fault verbs the sweep knows how to draw and heal: CURRICULUM §3's fault verbs.
pub const FAULT_VERBS: &[&str] = &["crash", "power-off", "stop", "isolate", "cut", "pause-fetch", "latency"];

/// `budget: COUNT of VERB ...`: COUNT faults, each drawn from these verbs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub count: u32,
    pub verbs: Vec<String>,
}

impl Budget {
    pub fn new(count: u32, verbs: &[&str]) -> Self {
        Budget { count, verbs: verbs.iter().map(|v| (*v).to_owned()).collect() }
    }

    /// Refuses a budget the sweep could not draw from: no verbs, or a verb that is no fault.
    pub fn validate(&self) -> Result<(), String> {
        if self.count > 0 && self.verbs.is_empty() {
            return Err(format!("a budget of {} faults names no verb", self.count));
        }
        match self.verbs.iter().find(|v| !FAULT_VERBS.contains(&v.as_str())) {
            Some(verb) => Err(format!("{verb} is not a fault verb ({})", FAULT_VERBS.join(", "))),
            None => Ok(()),
        }
    }
}

/// The scene as the sweep runs it: each choice as `set KEY VALUE`, first, so that a producer
/// setting is fixed before the producer exists (CURRICULUM §1 rule 4), then the scene.
pub fn setup_with_choices(scene: &str, choices: &[(String, String)]) -> String {
    let mut text = String::new();
    for (key, value) in choices {
        text.push_str(&format!("set {key} {value}\n"));
    }
    text.push_str(scene);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
