//! The places on the page where a message can show: next to the control that acted (the
//! console, a broker's buttons, a form) or next to what the page did by itself (the clock
//! stopping, a link or a saved session opening). A typed key, so a message can only be
//! meant for a field the page has, and the compiler lists them all.

/// A field that shows an inline message: what its last action did, or why it was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The console line (and a `run` going on across frames).
    Console,
    /// A broker's or a controller node's fault buttons.
    Broker,
    /// The buttons of the partition view (fail the leader, elect, consume, fetch).
    Partition,
    /// The produce form.
    Produce,
    /// The steady-rate button.
    Rate,
    /// The add-broker form.
    AddBroker,
    /// The remove-broker form.
    RemoveBroker,
    /// The create-topic form.
    Topic,
    /// The settings panel (`set KEY VALUE`).
    Settings,
    /// The seed of "start over".
    Seed,
    /// Why simulated time stopped (the session's limits).
    Clock,
    /// Share links: copied, opened, or refused.
    Link,
    /// The session saved in this browser: restored, or not saved.
    Storage,
    /// Importing a `.scenario` file.
    Import,
}

/// What a field shows: whether it went well, and the text.
pub type InlineMessage = (bool, String);
