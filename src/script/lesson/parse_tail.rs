//! A challenge's directives after its scene (docs/lessons.md, "A challenge" and "A defend
//! challenge"): read one by one into a `Tail`, then checked as a whole into a `Challenge`.
use super::model::{Budget, Challenge, Choose, Defend, LessonError, Line, Win, DEFAULT_FAULT_VERBS};
use super::text::assertion;
use crate::script::parse::VERBS;

#[derive(Clone, Debug, Default)]
pub(super) struct Tail {
    /// The first tail directive's line: whole-challenge errors name it.
    first_line: usize,
    win: Option<(Win, usize)>,
    par: Option<(u32, usize)>,
    faults: Option<Vec<String>>,
    limit: Option<(Vec<String>, u32)>,
    forbid: Vec<String>,
    allow: Vec<String>,
    hints: Vec<String>,
    solution_line: Option<usize>,
    pub(super) solution: Vec<Line>,
    chooses: Vec<Choose>,
    budgets: Vec<Budget>,
    reference: Vec<(String, String)>,
}

impl Tail {
    /// Reads one directive; `Err` is the message for its line.
    pub(super) fn directive(&mut self, name: &str, rest: &str, line: usize, defend: bool) -> Result<(), String> {
        if self.first_line == 0 {
            self.first_line = line;
        }
        let only_defend = matches!(name, "choose" | "budget");
        if only_defend && !defend {
            return Err(format!("'{name}:' belongs to a defend challenge (part: defend)"));
        }
        if defend && matches!(name, "win" | "par" | "limit" | "forbid" | "allow" | "faults") {
            return Err(format!("'{name}:' is not used by a defend challenge: the seed sweep decides it"));
        }
        match name {
            "win" if self.win.is_some() => return Err("a second win:".into()),
            "win" => self.win = Some((parse_win(rest)?, line)),
            "par" if self.par.is_some() => return Err("a second par:".into()),
            "par" => self.par = Some((number(rest, "par:")?, line)),
            "faults" => self.faults = Some(verbs(rest, "faults:")?),
            "limit" => self.limit = Some(parse_limit(rest)?),
            "forbid" => self.forbid.extend(verbs(rest, "forbid:")?),
            "allow" => self.allow.extend(verbs(rest, "allow:")?),
            "hint" if rest.is_empty() => return Err("hint: needs text".into()),
            "hint" => self.hints.push(rest.to_string()),
            "solution" => return self.solution(rest, line, defend),
            "choose" => self.chooses.push(parse_choose(rest)?),
            _ => self.budgets.push(parse_budget(rest)?),
        }
        Ok(())
    }

    fn solution(&mut self, rest: &str, line: usize, defend: bool) -> Result<(), String> {
        if self.solution_line.is_some() {
            return Err("a second solution:".into());
        }
        self.solution_line = Some(line);
        match (defend, rest.is_empty()) {
            (false, true) => Ok(()),
            (false, false) => Err("solution: stands alone; the reference's lines follow it, one a line".into()),
            (true, _) => {
                for pair in rest.split_whitespace() {
                    let (key, value) =
                        pair.split_once('=').ok_or_else(|| format!("solution: '{pair}' is not KEY=VALUE"))?;
                    self.reference.push((key.to_string(), value.to_string()));
                }
                Ok(())
            }
        }
    }

    /// The whole challenge, or every directive missing or inconsistent.
    pub(super) fn finish(self, goal: String, defend: bool) -> Result<Challenge, Vec<LessonError>> {
        let line = self.first_line.max(1);
        let mut errors = Vec::new();
        let mut error = |line: usize, message: String| errors.push(LessonError { line, message });
        if defend {
            defend_errors(&self, &mut error, line);
        } else {
            match (&self.win, &self.par) {
                (Some(_), None) => error(self.win.as_ref().map_or(line, |w| w.1), "win: without par:".into()),
                (None, Some((_, par_line))) => error(*par_line, "par: without win:".into()),
                (None, None) => error(line, "a break challenge needs win: and par:".into()),
                _ => {}
            }
            if self.solution.is_empty() {
                error(self.solution_line.unwrap_or(line), "a break challenge needs solution: and its lines".into());
            }
            if self.hints.len() != 3 {
                error(
                    line,
                    format!(
                        "a challenge has three hints (the idea, the lesson, the first command), found {}",
                        self.hints.len()
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let defend =
            defend.then_some(Defend { chooses: self.chooses, budgets: self.budgets, reference: self.reference });
        Ok(Challenge {
            goal,
            win: self.win.map(|(win, _)| win),
            par: self.par.map_or(0, |(par, _)| par),
            faults: self.faults.unwrap_or_else(|| DEFAULT_FAULT_VERBS.iter().map(|v| v.to_string()).collect()),
            limit: self.limit,
            forbid: self.forbid,
            allow: self.allow,
            hints: self.hints,
            solution: self.solution,
            defend,
        })
    }
}

/// A defend challenge's choices: something to choose, a budget, and a reference that picks
/// one offered option for every key.
fn defend_errors(tail: &Tail, error: &mut impl FnMut(usize, String), line: usize) {
    let solution_line = tail.solution_line.unwrap_or(line);
    if tail.chooses.is_empty() {
        error(line, "a defend challenge needs at least one choose:".into());
    }
    if tail.budgets.is_empty() {
        error(line, "a defend challenge needs a budget:".into());
    }
    if tail.solution_line.is_none() {
        error(line, "a defend challenge needs solution: KEY=VALUE ...".into());
    }
    for (key, value) in &tail.reference {
        match tail.chooses.iter().find(|c| &c.key == key) {
            None => error(solution_line, format!("solution: '{key}' is not chosen by any choose:")),
            Some(c) if !c.options.contains(value) => error(
                solution_line,
                format!("solution: {key}={value} is not one of its options ({})", c.options.join(" | ")),
            ),
            Some(_) => {}
        }
    }
    for choose in &tail.chooses {
        if tail.solution_line.is_some() && !tail.reference.iter().any(|(k, _)| k == &choose.key) {
            error(solution_line, format!("solution: gives no value for {}", choose.key));
        }
    }
}

/// `QUERY = VALUE` or `QUERY != VALUE`, both read by the scenario language's parser.
fn parse_win(rest: &str) -> Result<Win, String> {
    let (query, negated, value) = match rest.split_once("!=") {
        Some((q, v)) => (q, true, v),
        None => {
            let (q, v) = rest.split_once('=').ok_or("win: needs QUERY = VALUE or QUERY != VALUE")?;
            (q, false, v)
        }
    };
    let (query, value) = (query.trim().to_string(), value.trim().to_string());
    assertion(&query, &value).map_err(|why| format!("win: {why}"))?;
    Ok(Win { query, negated, value })
}

fn number(text: &str, what: &str) -> Result<u32, String> {
    text.trim().parse().map_err(|_| format!("{what} '{text}' is not a number"))
}

/// Verbs as the scenario language knows them (`crash`, `cut`, `elect`, ...).
fn verbs(text: &str, what: &str) -> Result<Vec<String>, String> {
    let known = |verb: &str| VERBS.iter().any(|(v, _, _)| v.split_whitespace().next() == Some(verb));
    let list: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if list.is_empty() {
        return Err(format!("{what} needs at least one verb"));
    }
    match list.iter().find(|v| !known(v)) {
        Some(unknown) => Err(format!("{what} '{unknown}' is not a verb of the scenario language")),
        None => Ok(list),
    }
}

/// `VERB ... = N`
fn parse_limit(rest: &str) -> Result<(Vec<String>, u32), String> {
    let (list, count) = rest.split_once('=').ok_or("limit: needs VERB ... = N")?;
    Ok((verbs(list, "limit:")?, number(count, "limit:")?))
}

/// `KEY = A | B | C`
fn parse_choose(rest: &str) -> Result<Choose, String> {
    let (key, options) = rest.split_once('=').ok_or("choose: needs KEY = A | B | C")?;
    let options: Vec<String> = options.split('|').map(|o| o.trim().to_string()).collect();
    if options.len() < 2 || options.iter().any(String::is_empty) {
        return Err("choose: needs at least 2 options separated by '|'".into());
    }
    Ok(Choose { key: key.trim().to_string(), options })
}

/// `N of VERB ...`
fn parse_budget(rest: &str) -> Result<Budget, String> {
    let mut words = rest.split_whitespace();
    let count = number(words.next().unwrap_or(""), "budget:")?;
    if words.next() != Some("of") {
        return Err("budget: needs N of VERB ...".into());
    }
    let verbs = verbs(&words.collect::<Vec<_>>().join(" "), "budget:")?;
    Ok(Budget { count, verbs })
}
