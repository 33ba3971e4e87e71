//! How a person chose to look at the page: the speed, heartbeats on the diagram, the keys
//! overlay, the partition shown up close, what the feed highlights and filters. None of it
//! changes the session, so none of it is in an exported script; the speed and presentation
//! mode are kept in the browser (`persist`).
use crate::ui::feed_lines::{FeedFilter, Highlight};
use crate::ui::play_clock::DEFAULT_SPEED;

#[derive(Clone, Debug, PartialEq)]
pub struct Prefs {
    /// An index into `SPEEDS`.
    pub speed: usize,
    pub show_heartbeats: bool,
    /// The keyboard overlay (`?`) is open.
    pub help_open: bool,
    /// Presentation mode, for a projector: larger type, fewer panels.
    pub presenting: bool,
    /// Shown inside another page (`#embed`, `ui::embed`): presenting, and nothing saved.
    pub embedded: bool,
    /// The person asked for reduced motion: messages move in steps.
    pub reduced_motion: bool,
    /// The partition shown in the partition view, by name ("orders-0").
    pub selected: Option<String>,
    /// What the feed entry under the pointer touched, lit elsewhere on the page.
    pub highlight: Option<Highlight>,
    pub feed_filter: FeedFilter,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            speed: DEFAULT_SPEED,
            show_heartbeats: false,
            help_open: false,
            presenting: false,
            embedded: false,
            reduced_motion: false,
            selected: None,
            highlight: None,
            feed_filter: FeedFilter::default(),
        }
    }
}
