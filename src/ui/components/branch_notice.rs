//! While the page shows the past, this notice says so, before anything branches: acting now
//! discards the future and starts a new branch. Controls that act are outlined meanwhile.
use yew::prelude::*;

use crate::ui::labels::branch_notice;

#[derive(Properties, PartialEq)]
pub struct BranchNoticeProps {
    pub now_ms: u64,
    pub end_ms: u64,
    pub live: bool,
    pub on_back_to_live: Callback<()>,
}

#[component]
pub fn BranchNotice(props: &BranchNoticeProps) -> Html {
    if props.live {
        return html! {};
    }
    let on_live = props.on_back_to_live.reform(|_: MouseEvent| ());
    html! {
        <div class="branch-notice" role="status" data-testid="branch-notice">
            <span>{ branch_notice(props.now_ms, props.end_ms) }</span>
            <span class="small">{ " Controls with a dashed outline act, and so start the branch." }</span>
            <button type="button" class="button button--primary" data-testid="branch-back-to-live" onclick={on_live}>{ "Back to live (L)" }</button>
        </div>
    }
}
