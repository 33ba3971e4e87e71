//! The event feed's data: console notes interleaved with the narrated events, the filters,
//! and what an entry highlights elsewhere on the page. `feed` reads the session newest first
//! and stops after `limit` lines, so the feed costs the same on a long run as a short one;
//! the views keep its lines (`view_refresh`) and the `event_feed` component only renders them.
use crate::sim::observe::promise::{promise_of, Promise};
use crate::sim::{Cluster, EventKind};
use crate::ui::state::PlaygroundState;

/// An event's line in the feed: its narration, except that a loss Kafka allows (an acks=1
/// record gone with its leader) is not called a safety violation. The trace keeps the
/// checker's own words, so its hash is unchanged.
pub(super) fn feed_text(cluster: &Cluster, kind: &EventKind) -> String {
    match kind {
        EventKind::SafetyViolation(v) => match promise_of(cluster, v) {
            Promise::Broken => cluster.narrate(kind),
            allowed => {
                format!("{} ({}, which Kafka never promised to keep): {}", allowed.title(), v.property.name(), v.detail)
            }
        },
        _ => cluster.narrate(kind),
    }
}

/// Lines the feed shows at once.
pub const FEED_LINES: usize = 120;

/// A line of the console's echo in the feed, placed after the events that came before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// How many events existed when it was written.
    pub after_events: usize,
    pub at_ms: u64,
    pub text: String,
    pub ok: bool,
}

/// What a feed entry touched, to highlight it elsewhere on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub brokers: Vec<u32>,
    pub partition: Option<String>,
}

/// One line of the event feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLine {
    /// Event index, or `None` for a console note.
    pub index: Option<usize>,
    pub at_ms: u64,
    pub text: String,
    pub category: &'static str,
    pub brokers: Vec<u32>,
    pub partition: Option<String>,
    /// A console note that reports an error.
    pub error: bool,
}

/// The feed's filters; `None` shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedFilter {
    pub partition: Option<String>,
    pub broker: Option<u32>,
    pub category: Option<String>,
}

pub const CATEGORIES: [&str; 11] = [
    "setup",
    "fault",
    "network",
    "produce",
    "replication",
    "isr",
    "controller",
    "consume",
    "heartbeat",
    "violation",
    "console",
];

impl PlaygroundState {
    /// The newest `limit` feed lines that pass the filter, newest first. Looks back at
    /// most `scan` events, so a rare filter on a long run stays cheap.
    pub fn feed(&self, filter: &FeedFilter, limit: usize) -> Vec<FeedLine> {
        let session = self.session.borrow();
        let cluster = session.cluster();
        let events = session.events();
        let notes = &self.messages.notes;
        let mut lines = Vec::new();
        // Notes from a future the page is not showing (looking back) stay hidden.
        let mut note_index = notes.partition_point(|n| n.after_events <= events.len());
        let scan = 50_000;
        let lowest = events.len().saturating_sub(scan);
        let mut i = events.len();
        let note_passes = |_: &Note| {
            filter.partition.is_none()
                && filter.broker.is_none()
                && filter.category.as_deref().is_none_or(|c| c == "console")
        };
        while lines.len() < limit {
            // Notes written after event i-1 come before it, newest first.
            if note_index > 0 && notes[note_index - 1].after_events >= i {
                note_index -= 1;
                let note = &notes[note_index];
                if note_passes(note) {
                    lines.push(FeedLine {
                        index: None,
                        at_ms: note.at_ms,
                        text: note.text.clone(),
                        category: "console",
                        brokers: vec![],
                        partition: None,
                        error: !note.ok,
                    });
                }
                continue;
            }
            if i == lowest {
                break;
            }
            i -= 1;
            let event = &events[i];
            let category = event.kind.category();
            if filter.category.as_deref().is_some_and(|c| c != category) {
                continue;
            }
            let brokers = event.kind.brokers();
            if filter.broker.is_some_and(|b| !brokers.contains(&b)) {
                continue;
            }
            let partition = event.kind.partition().map(|p| cluster.partition_name(p));
            if filter.partition.is_some() && filter.partition != partition {
                continue;
            }
            lines.push(FeedLine {
                index: Some(i),
                at_ms: event.at,
                text: feed_text(cluster, &event.kind),
                category,
                brokers,
                partition,
                error: false,
            });
        }
        lines
    }
}
