//! Keeping and sharing the session: "copy link" (the whole session, as its script, in the
//! URL fragment), where it is saved in this browser, "export trace" and "new session".
use yew::prelude::*;

use super::field_message::field_message;
use crate::script::share::fragment_of_deflated;
use crate::ui::deflate::deflate;
use crate::ui::dom::download;
use crate::ui::persist::{copy_to_clipboard, load_previous, replace_url, share_url};
use crate::ui::shared_session::SharedSession;

#[derive(Properties, PartialEq)]
pub struct SessionBarProps {
    /// Reads the session when Export, Copy link or Export trace is pressed.
    pub session: SharedSession,
    pub live: bool,
    /// A session replaced by a link, an import or "new session" is kept and can come back.
    pub has_previous: bool,
    pub link_message: Option<(bool, String)>,
    pub storage_message: Option<(bool, String)>,
    /// What copying the link did.
    pub on_link_copied: Callback<String>,
    /// "Start new": the default cluster, this session kept as the previous one.
    pub on_new_session: Callback<()>,
    /// The previous session's script, to open in place of this one.
    pub on_restore_previous: Callback<String>,
}

/// Puts the session in the address bar and the field below, then copies it; where there is
/// no clipboard, selects the field for Ctrl+C instead. The browser deflates the script
/// (`ui::deflate`), so the link is ready a moment after the press.
fn on_copy_link(
    export: &Callback<(), String>,
    url: &UseStateHandle<String>,
    on_copied: &Callback<String>,
    field: &NodeRef,
) -> Callback<MouseEvent> {
    let (export, url, on_copied, field) = (export.clone(), url.clone(), on_copied.clone(), field.clone());
    Callback::from(move |_: MouseEvent| {
        let script = export.emit(());
        let (url, on_copied, field) = (url.clone(), on_copied.clone(), field.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Some(zlib) = deflate(script.as_bytes()).await else {
                on_copied.emit("This browser cannot compress a link (it lacks CompressionStream)".to_owned());
                return;
            };
            let link = share_url(&fragment_of_deflated(&zlib));
            replace_url(&link);
            url.set(link.clone());
            copy_to_clipboard(&link, move |copied| on_copied.emit(copied_message(copied, &field)));
        });
    })
}

/// What the page says once the link is in the field: copied, or selected for Ctrl+C where
/// there is no clipboard (an insecure origin, or refused).
fn copied_message(copied: bool, field: &NodeRef) -> String {
    if copied {
        return "✓ Link copied: it holds the whole session (seed, settings and every command)".to_owned();
    }
    if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
        input.select();
    }
    "The link is selected below: press Ctrl+C (⌘C) to copy it".to_owned()
}

#[component]
pub fn SessionBar(props: &SessionBarProps) -> Html {
    let session = &props.session;
    let url = use_state(String::new);
    let confirming = use_state(|| false);
    let field = use_node_ref();

    let on_copy = on_copy_link(&session.export, &url, &props.on_link_copied, &field);
    let on_trace = {
        let trace = session.trace.clone();
        Callback::from(move |_: MouseEvent| download("playground-trace.txt", &trace.emit(())))
    };
    let on_new = {
        let c = confirming.clone();
        Callback::from(move |_: MouseEvent| c.set(true))
    };
    let on_cancel = {
        let c = confirming.clone();
        Callback::from(move |_: MouseEvent| c.set(false))
    };
    let on_confirm = {
        let (c, on_new, url) = (confirming.clone(), props.on_new_session.clone(), url.clone());
        Callback::from(move |_: MouseEvent| {
            c.set(false);
            url.set(String::new());
            on_new.emit(());
        })
    };
    let on_restore = {
        let on_restore = props.on_restore_previous.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(script) = load_previous() {
                on_restore.emit(script);
            }
        })
    };
    let on_focus = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
    let link_scope = if props.live { "the whole session" } else { "the session up to the moment shown" };
    html! {
        <div class="session-bar" data-testid="session-bar">
            <div class="form-row">
                <button type="button" class="button button--primary" data-testid="copy-link" onclick={on_copy}
                    title={format!("Put {link_scope} in the URL and copy it")}>{ "Copy link" }</button>
                <button type="button" class="button" data-testid="export-trace" onclick={on_trace}
                    title="The narrated event trace, one line per event">{ "Export trace (.txt)" }</button>
                if *confirming {
                    <span class="confirm" role="alertdialog" aria-label="Confirm new session" data-testid="new-session-confirm">
                        <span>{ "Start from the default cluster? This session is kept as the previous one until another replaces it. " }</span>
                        <button type="button" class="button button--danger" data-testid="new-session-yes" onclick={on_confirm}>{ "Start new" }</button>
                        <button type="button" class="button" data-testid="new-session-no" onclick={on_cancel}>{ "Cancel" }</button>
                    </span>
                } else {
                    <button type="button" class="button" data-testid="new-session" onclick={on_new}>{ "New session…" }</button>
                }
                if props.has_previous {
                    <button type="button" class="button" data-testid="restore-previous" onclick={on_restore}
                        title="Open the session that the last link, import or new session replaced (this one is kept in its place)">
                        { "Restore previous session" }</button>
                }
            </div>
            if !url.is_empty() {
                <label class="field field--grow"><span>{ "Link to this session" }</span>
                    <input type="text" class="mono" readonly=true data-testid="share-url" ref={field} value={(*url).clone()} onfocus={on_focus} /></label>
            }
            { field_message(props.link_message.clone(), "link-message") }
            { field_message(props.storage_message.clone(), "storage-message") }
        </div>
    }
}
