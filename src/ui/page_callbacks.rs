//! Every callback the page's components are handed, typed by what they carry (a statement,
//! a form's result, a partition's name, a moment to seek to), so no component holds the
//! reducer's dispatcher or builds an `Action`. Made once for the page's life (`App` keeps
//! them in a memo), so each keeps its identity and a component whose other props are equal
//! is not drawn again.
use yew::prelude::*;

use super::state::{Action, FeedFilter, Field, Highlight, PlaygroundState, Preset};
use crate::script::ast::{Command, Statement};

/// What a form's fields made: a command to run, or why they make none.
pub type Submitted = Result<Command, String>;

#[derive(Clone, PartialEq)]
pub struct PageCallbacks {
    /// The play loop: this much wall time passed, in ms.
    pub tick: Callback<f64>,
    /// The fault buttons of brokers and controller nodes.
    pub run_broker: Callback<Statement>,
    /// The buttons of the partition view.
    pub run_partition: Callback<Statement>,
    pub submit_produce: Callback<Submitted>,
    pub submit_rate: Callback<Submitted>,
    pub submit_add_broker: Callback<Submitted>,
    pub submit_remove_broker: Callback<Submitted>,
    pub submit_topic: Callback<Submitted>,
    pub submit_setting: Callback<Submitted>,
    /// A line typed at the console.
    pub console: Callback<String>,
    /// A chosen `.scenario` file: (name, text).
    pub import: Callback<(String, String)>,
    /// Why a chosen file could not be read.
    pub import_failed: Callback<String>,
    pub select: Callback<String>,
    pub highlight: Callback<Option<Highlight>>,
    pub filter: Callback<FeedFilter>,
    pub seek: Callback<u64>,
    pub back_to_live: Callback<()>,
    /// The branch confirmation's answers, and the undo after a branch.
    pub confirm_branch: Callback<()>,
    pub cancel_branch: Callback<()>,
    pub undo_branch: Callback<()>,
    pub keep_branch: Callback<()>,
    pub heartbeats: Callback<bool>,
    /// Open (`Some(true)`), close or toggle the keyboard overlay.
    pub help: Callback<Option<bool>>,
    /// Presentation mode on or off.
    pub present: Callback<bool>,
    pub play: Callback<bool>,
    pub step_event: Callback<()>,
    pub advance: Callback<u64>,
    pub speed: Callback<usize>,
    pub restart: Callback<(u64, Preset)>,
    /// Start from the default cluster (seed 0).
    pub new_session: Callback<()>,
    pub seed_refused: Callback<String>,
    /// What copying a link did.
    pub link_copied: Callback<String>,
    /// The session the last link, import or new session replaced, as a script.
    pub restore_previous: Callback<String>,
}

/// A callback that dispatches the action `action` makes of what it is called with.
fn send<T: 'static>(d: &UseReducerDispatcher<PlaygroundState>, action: impl Fn(T) -> Action + 'static) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |value: T| d.dispatch(action(value)))
}

/// Runs a statement, its outcome shown next to `field`.
fn run_in(d: &UseReducerDispatcher<PlaygroundState>, field: Field) -> Callback<Statement> {
    send(d, move |statement| Action::Run { statement, field })
}

/// Runs what a form made, or shows next to `field` why it made nothing.
fn submit_in(d: &UseReducerDispatcher<PlaygroundState>, field: Field) -> Callback<Submitted> {
    send(d, move |submitted: Submitted| match submitted {
        Ok(command) => Action::Run { statement: Statement::Command(command), field },
        Err(text) => Action::FieldMessage { field, ok: false, text },
    })
}

impl PageCallbacks {
    pub fn new(d: &UseReducerDispatcher<PlaygroundState>) -> Self {
        PageCallbacks {
            tick: send(d, |wall_ms| Action::Tick { wall_ms }),
            run_broker: run_in(d, Field::Broker),
            run_partition: run_in(d, Field::Partition),
            submit_produce: submit_in(d, Field::Produce),
            submit_rate: submit_in(d, Field::Rate),
            submit_add_broker: submit_in(d, Field::AddBroker),
            submit_remove_broker: submit_in(d, Field::RemoveBroker),
            submit_topic: submit_in(d, Field::Topic),
            submit_setting: submit_in(d, Field::Settings),
            console: send(d, |line| Action::Console { line }),
            import: send(d, |(name, text)| Action::Import { name, text }),
            import_failed: send(d, |text| Action::FieldMessage { field: Field::Import, ok: false, text }),
            select: send(d, Action::Select),
            highlight: send(d, Action::Highlight),
            filter: send(d, Action::Filter),
            seek: send(d, |ms| Action::Seek { ms }),
            back_to_live: send(d, |()| Action::BackToLive),
            confirm_branch: send(d, |()| Action::ConfirmBranch),
            cancel_branch: send(d, |()| Action::CancelBranch),
            undo_branch: send(d, |()| Action::UndoBranch),
            keep_branch: send(d, |()| Action::KeepBranch),
            heartbeats: send(d, Action::SetHeartbeats),
            help: send(d, Action::Help),
            present: send(d, |on| Action::Present(Some(on))),
            play: send(d, Action::SetPlaying),
            step_event: send(d, |()| Action::StepEvent),
            advance: send(d, |ms| Action::Advance { ms }),
            speed: send(d, Action::SetSpeed),
            restart: send(d, |(seed, preset)| Action::Restart { seed, preset }),
            new_session: send(d, |()| Action::Restart { seed: 0, preset: Preset::Default }),
            seed_refused: send(d, |text| Action::FieldMessage { field: Field::Seed, ok: false, text }),
            link_copied: send(d, |text| Action::FieldMessage { field: Field::Link, ok: true, text }),
            restore_previous: send(d, |script| Action::RestorePrevious { script }),
        }
    }
}
