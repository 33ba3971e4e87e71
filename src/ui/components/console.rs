//! A command line for scenario-script lines, with history (↑ / ↓) and the list of verbs;
//! results and errors echo into the event feed. Export downloads the session as a
//! `.scenario` file; import runs one (a bad file changes nothing and says why).
use std::rc::Rc;

use yew::prelude::*;

use super::field_message::field_message;
use crate::script::parse::VERBS;
use crate::ui::describe_import::{looks_like_describe, scenario_of_describe};
use crate::ui::dom::{bind_input, download, read_chosen_file};
use crate::ui::js_glue::verb_meanings;
use crate::ui::shared_session::SharedSession;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// Reads the session when Export, Copy link or Export trace is pressed.
    pub session: SharedSession,
    pub history: Rc<Vec<String>>,
    pub message: Option<(bool, String)>,
    pub import_message: Option<(bool, String)>,
    pub trace_hash: u64,
    /// Runs a typed line.
    pub on_line: Callback<String>,
    /// A chosen `.scenario` file, (name, text), to replace the session.
    pub on_import: Callback<(String, String)>,
    /// Why a chosen file could not be read.
    pub on_import_failed: Callback<String>,
}

/// Runs the typed line (a blank one does nothing), then starts a fresh line.
fn on_run(
    on_line: &Callback<String>,
    line: &UseStateHandle<String>,
    cursor: &UseStateHandle<usize>,
) -> Callback<SubmitEvent> {
    let (on_line, line, cursor) = (on_line.clone(), line.clone(), cursor.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if line.trim().is_empty() {
            return;
        }
        on_line.emit((*line).clone());
        line.set(String::new());
        cursor.set(usize::MAX);
    })
}

/// ↑ / ↓ put the previous / next line of the history in the field; past the newest, an
/// empty line.
fn on_history_keys(
    line: &UseStateHandle<String>,
    cursor: &UseStateHandle<usize>,
    history: &Rc<Vec<String>>,
) -> Callback<KeyboardEvent> {
    let (line, cursor, history) = (line.clone(), cursor.clone(), history.clone());
    Callback::from(move |e: KeyboardEvent| {
        let len = history.len();
        let at = (*cursor).min(len);
        let next = match e.key().as_str() {
            "ArrowUp" if at > 0 => at - 1,
            "ArrowDown" if at < len => at + 1,
            _ => return,
        };
        e.prevent_default();
        line.set(history.get(next).cloned().unwrap_or_default());
        cursor.set(next);
    })
}

/// Runs the chosen `.scenario` file in place of the session, or says why it could not be read;
/// a file of `kafka-topics.sh --describe` output is imported as the cluster it describes.
fn on_import(props: &ConsoleProps) -> Callback<Event> {
    let routed = route_import(&props.on_import, &props.on_import_failed);
    let failed = props.on_import_failed.clone();
    Callback::from(move |e: Event| read_chosen_file(&e, routed.clone(), failed.clone()))
}

/// A file's (name, text) to `done` as a scenario, or, when it is a describe output, as the
/// scenario of the cluster it describes (or why not, to `failed`).
pub fn route_import(done: &Callback<(String, String)>, failed: &Callback<String>) -> Callback<(String, String)> {
    let (done, failed) = (done.clone(), failed.clone());
    Callback::from(move |(name, text): (String, String)| match looks_like_describe(&text) {
        true => import_describe(text, done.clone(), failed.clone()),
        false => done.emit((name, text)),
    })
}

/// Turns a describe output into the scenario of its cluster (the simulator's module, loaded
/// on first use) and imports that, or says which lines are wrong. The full page's what-if
/// panel has a box to paste one into (`ui::extras::what_if`).
pub fn import_describe(text: String, done: Callback<(String, String)>, failed: Callback<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        match scenario_of_describe(&text).await {
            Ok(import) => done.emit(import),
            Err(why) => {
                failed.emit(format!("The kafka-topics --describe output was not imported, nothing changed: {why}"))
            }
        }
    });
}

/// Every verb of the script language with its syntax, folded away. Their meanings come from
/// the simulator's module (`dist/sim/`) when the list is first opened: 8 kB of text the
/// page's first load does not carry.
fn verb_reference(meanings: &UseStateHandle<Option<Rc<Vec<String>>>>) -> Html {
    let loaded = (**meanings).clone();
    let verbs = VERBS.iter().enumerate().map(|(i, (verb, syntax, _))| {
        let meaning = loaded.as_ref().and_then(|m| m.get(i).cloned()).unwrap_or_default();
        html! { <tr><td class="mono">{ *verb }</td><td class="mono small">{ *syntax }</td><td class="small">{ meaning }</td></tr> }
    });
    let state = meanings.clone();
    let ontoggle = Callback::from(move |_: Event| {
        if state.is_some() {
            return;
        }
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let lines = verb_meanings().await.ok().and_then(|text| text.as_string());
            let list = lines.map_or_else(
                || vec!["The meanings could not be loaded (sim/kafka-sim.js); kafka-sim --help lists them.".to_owned()],
                |text| text.lines().map(str::to_owned).collect(),
            );
            state.set(Some(Rc::new(list)));
        });
    });
    html! {
        <details {ontoggle}>
            <summary>{ format!("Verbs ({})", VERBS.len()) }</summary>
            <table class="table table--compact" data-testid="verb-list"><tbody>{ for verbs }</tbody></table>
        </details>
    }
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let line = use_state(String::new);
    // Position in the history while browsing with ↑ / ↓ (len = the fresh line).
    let cursor = use_state(|| usize::MAX);
    let on_export = {
        let export = props.session.export.clone();
        Callback::from(move |_: MouseEvent| download("playground-session.scenario", &export.emit(())))
    };
    let verb_options = VERBS.iter().map(|(_, syntax, _)| html! { <option value={*syntax} /> });
    let meanings = use_state(|| None::<Rc<Vec<String>>>);

    html! {
        <div class="console" data-testid="console">
            <form class="form-row" onsubmit={on_run(&props.on_line, &line, &cursor)} aria-label="Console">
                <label class="field field--grow"><span>{ "Scenario-script line (↑ ↓ for history)" }</span>
                    <input type="text" class="mono" data-testid="console-input" list="verb-list" autocomplete="off"
                        placeholder="crash broker 2" value={(*line).clone()} oninput={bind_input(&line)}
                        onkeydown={on_history_keys(&line, &cursor, &props.history)} /></label>
                <datalist id="verb-list">{ for verb_options }</datalist>
                <button type="submit" class="button button--primary" data-testid="console-run">{ "Run" }</button>
            </form>
            { field_message(props.message.clone(), "console-message") }
            <div class="form-row">
                <button type="button" class="button" data-testid="export-button" onclick={on_export}>{ "Export session (.scenario)" }</button>
                <label class="button" for="import-file">{ "Import .scenario…" }</label>
                <input id="import-file" class="visually-hidden-file" type="file" accept=".scenario,.txt,text/plain"
                    data-testid="import-input" onchange={on_import(props)} />
                <span class="muted small mono" data-testid="trace-hash" title="FNV-1a of the event trace: equal hashes, equal runs">
                    { format!("trace {:016x}", props.trace_hash) }</span>
            </div>
            { field_message(props.import_message.clone(), "import-message") }
            { verb_reference(&meanings) }
        </div>
    }
}
