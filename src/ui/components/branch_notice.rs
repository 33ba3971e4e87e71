//! While the page shows the past, this notice says so: Play, → and the timeline replay the
//! recording, and a command would start a new branch. A command asked for there waits here
//! for a confirmation that says what the branch would set aside; after a branch (or an undo),
//! the notice offers to swap back what was set aside. It is sticky at the top, so it is in
//! view whichever control was pressed. The confirmation is a dialog: it takes the focus (on
//! Cancel, the answer that loses nothing), keeps Tab inside, Esc cancels, and the focus goes
//! back to the control that asked.
use yew::prelude::*;

use crate::ui::focus_trap::keep_tab_inside;

use crate::script::session::{AsideKind, Marker};
use crate::ui::labels::{branch_notice as past_notice, future_summary, set_aside_notice, sim_time};

/// What the notice shows, and its answers. Plain data and a function, not a component (each
/// adds to the bundle): the App holds the confirmation's focus with `use_focus_trap`.
pub struct BranchNoticeProps {
    pub now_ms: u64,
    pub end_ms: u64,
    pub live: bool,
    /// The line of a command waiting for its confirmation.
    pub pending: Option<String>,
    /// The recorded future is short enough to keep aside for an undo.
    pub undoable: bool,
    /// What the last branch set aside: kind, from and to (ms).
    pub set_aside: Option<(AsideKind, u64, u64)>,
    /// The timeline's markers (the recorded future's are summed up in the confirmation).
    pub markers: std::rc::Rc<Vec<Marker>>,
    pub on_back_to_live: Callback<()>,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_keep: Callback<()>,
}

fn click(callback: &Callback<()>) -> Callback<MouseEvent> {
    callback.reform(|_: MouseEvent| ())
}

/// "Run X here? It starts a branch; the recorded future (what it holds) is set aside."
fn confirmation(props: &BranchNoticeProps, line: &str) -> Html {
    let future = future_summary(&props.markers, props.now_ms);
    let on_cancel = props.on_cancel.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Escape" => on_cancel.emit(()),
        _ => keep_tab_inside(e),
    });
    html! {
        <div class="branch-notice branch-notice--confirm" role="alertdialog" aria-label="Start a new branch?" data-testid="branch-confirm" {onkeydown}>
            <span>
                { "Run " }<code class="mono">{ line }</code>{ format!(" at {}? ", sim_time(props.now_ms)) }
                { format!("It starts a new branch here: the recorded {} after it{} {}",
                    sim_time(props.end_ms.saturating_sub(props.now_ms)), future,
                    if props.undoable { "is set aside; Undo brings it back." } else { "is too long to keep, and is discarded for good." }) }
            </span>
            <button type="button" class="button button--danger" data-testid="branch-confirm-yes" onclick={click(&props.on_confirm)}>{ "Branch and run" }</button>
            <button type="button" class="button" data-testid="branch-confirm-no" data-autofocus="true"
                onclick={click(&props.on_cancel)}>{ "Cancel (Esc)" }</button>
        </div>
    }
}

/// The swap back: undo a branch (the recording returns) or return to the branch an undo set aside.
fn aside_controls(props: &BranchNoticeProps) -> Html {
    let Some((kind, from_ms, to_ms)) = props.set_aside else { return html! {} };
    let (testid, label) = match kind {
        AsideKind::RecordedFuture => ("undo-branch", "Undo branch: bring the recording back"),
        AsideKind::Branch => ("redo-branch", "Return to my branch"),
    };
    html! {
        <>
            if props.live {
                <span data-testid="set-aside-notice">{ set_aside_notice(kind, from_ms, to_ms) }</span>
            }
            <button type="button" class="button" data-testid={testid} onclick={click(&props.on_undo)}>{ label }</button>
            if props.live {
                <button type="button" class="button button--quiet" data-testid="keep-branch" onclick={click(&props.on_keep)}
                    title="Let go of what is set aside">{ "Dismiss" }</button>
            }
        </>
    }
}

pub fn branch_notice(props: &BranchNoticeProps) -> Html {
    if let Some(line) = &props.pending {
        return confirmation(props, line);
    }
    if props.live {
        if props.set_aside.is_none() {
            return html! {};
        }
        return html! {
            <div class="branch-notice branch-notice--aside" role="status" data-testid="undo-branch-notice">{ aside_controls(props) }</div>
        };
    }
    html! {
        <div class="branch-notice" role="status" data-testid="branch-notice">
            <span>{ past_notice(props.now_ms, props.end_ms) }</span>
            <span class="small">{ " Play, → and the timeline replay the recording; a command (dashed outline) asks before it branches." }</span>
            <button type="button" class="button button--primary" data-testid="branch-back-to-live" onclick={click(&props.on_back_to_live)}>{ "Back to live (L)" }</button>
            { aside_controls(props) }
        </div>
    }
}
