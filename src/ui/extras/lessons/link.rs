//! A lesson's address: `#lesson=ID` opens lesson ID at its start, `#lesson=ID&step=N` at
//! step N (counted from 1, as the panel shows it). The panel keeps the address bar on the
//! step shown, so a teacher can share the exact moment.
use crate::ui::persist::{location_hash, replace_url, share_url};

/// (lesson id, step index from 0) of a lesson link; `None` for any other fragment.
pub fn parse(hash: &str) -> Option<(String, usize)> {
    let rest = hash.trim_start_matches('#');
    let rest = rest.strip_prefix("embed:").unwrap_or(rest);
    let mut id = None;
    let mut step = 0;
    for part in rest.split('&') {
        match part.split_once('=') {
            Some(("lesson", value)) if !value.is_empty() => id = Some(value.to_owned()),
            Some(("step", value)) => step = value.parse::<usize>().unwrap_or(1).saturating_sub(1),
            _ => {}
        }
    }
    id.map(|id| (id, step))
}

pub fn current() -> Option<(String, usize)> {
    parse(&location_hash())
}

/// Shows lesson `id`, step `index`, in the address bar (no reload, no history entry).
pub fn show(id: &str, index: usize) {
    replace_url(&share_url(&format!("lesson={id}&step={}", index + 1)));
}

/// Takes the lesson's address out of the bar (the lesson was closed).
pub fn clear() {
    if current().is_some() {
        replace_url(share_url("").trim_end_matches('#'));
    }
}
