//! What the page says about what was done: the inline message of each field, the console's
//! echo in the event feed (notes), and the console's history. The reducer writes them; the
//! components only show them.
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::ui::feed_lines::Note;
use crate::ui::field::{Field, InlineMessage};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    /// The last message of each field.
    pub fields: Rc<BTreeMap<Field, InlineMessage>>,
    /// The console's echo, placed among the events in the feed.
    pub notes: Rc<Vec<Note>>,
    /// Console history, oldest first (↑ brings it back).
    pub history: Rc<Vec<String>>,
}

impl Messages {
    pub fn get(&self, field: Field) -> Option<InlineMessage> {
        self.fields.get(&field).cloned()
    }

    pub fn show(&mut self, field: Field, ok: bool, text: String) {
        Rc::make_mut(&mut self.fields).insert(field, (ok, text));
    }

    /// A note in the feed after the first `after_events` events, at `at_ms`.
    pub fn note(&mut self, after_events: usize, at_ms: u64, text: String, ok: bool) {
        Rc::make_mut(&mut self.notes).push(Note { after_events, at_ms, text, ok });
    }

    /// A console line in the history, without repeating the last one.
    pub fn remember(&mut self, line: &str) {
        let history = Rc::make_mut(&mut self.history);
        if !line.is_empty() && history.last().map(String::as_str) != Some(line) {
            history.push(line.to_string());
        }
    }
}
