//! A break challenge's rules as the page applies them to each of the learner's commands:
//! which count as faults (the score), which are refused, when the goal is reached, and the
//! stars. The checker applies the same rules to the reference solution.
use super::model::Challenge;
use super::text::assertion;
use crate::script::query::{evaluate, matches};
use crate::sim::Cluster;

/// The verb of a scenario line: its first word (`cut` in `cut producer 1`).
fn verb(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or("")
}

impl Challenge {
    /// Whether the line costs a fault: its verb is one of `faults:`.
    pub fn counts_as_fault(&self, line: &str) -> bool {
        self.faults.iter().any(|f| f == verb(line))
    }

    /// Why the page refuses the line, or `None`: a forbidden verb (`elect` is forbidden
    /// unless `allow:`ed, as an operator's unclean election would make most goals trivial),
    /// or the `limit:` reached. `used` holds the learner's earlier lines (or their verbs).
    pub fn refusal(&self, line: &str, used: &[String]) -> Option<String> {
        let verb = verb(line);
        let forbidden =
            self.forbid.iter().any(|f| f == verb) || (verb == "elect" && !self.allow.iter().any(|a| a == "elect"));
        if forbidden {
            return Some(format!("'{verb}' is not allowed in this challenge"));
        }
        let (verbs, max) = self.limit.as_ref()?;
        if !verbs.iter().any(|v| v == verb) {
            return None;
        }
        let so_far = used.iter().filter(|u| verbs.iter().any(|v| v == self::verb(u))).count();
        (so_far as u64 >= u64::from(*max)).then(|| {
            format!(
                "this challenge allows at most {max} use{} of {} together",
                if *max == 1 { "" } else { "s" },
                verbs.join(", ")
            )
        })
    }

    /// Whether `win:` holds now, compared as `expect` compares. A defend challenge has no
    /// `win:` (the sweep decides it) and is never won here.
    pub fn won(&self, cluster: &Cluster) -> Result<bool, String> {
        let Some(win) = &self.win else { return Ok(false) };
        let (query, expected) = assertion(&win.query, &win.value)?;
        let actual = evaluate(cluster, &query)?;
        Ok(matches(&query, &expected, &actual) != win.negated)
    }

    /// 3 stars at par (or below), 2 at par + 1, 1 above.
    pub fn stars(&self, faults: u32) -> u8 {
        match faults.saturating_sub(self.par) {
            0 => 3,
            1 => 2,
            _ => 1,
        }
    }
}
