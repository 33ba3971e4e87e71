//! Every event narrated in plain language, newest first, filterable by partition, broker
//! and kind. Hovering or focusing an event highlights the brokers and partition it touched.
//! The list is one Tab stop: ↑ and ↓ (Home, End) move through its lines.
//! The lines are a view the reducer derives (`feed_lines`, `view_refresh`): this component
//! only draws them and hands on the filters chosen.
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::ui::dom::event_value;
use crate::ui::state::{FeedFilter, FeedLine, Highlight, CATEGORIES};

#[derive(Properties, PartialEq)]
pub struct EventFeedProps {
    /// The lines to show, newest first. Shared: unchanged between narrations (ticks narrate
    /// about 10 times a second), so the feed is not drawn again on every frame.
    pub lines: Rc<Vec<FeedLine>>,
    pub filter: FeedFilter,
    pub partitions: Vec<String>,
    pub brokers: Vec<u32>,
    pub on_filter: Callback<FeedFilter>,
    pub on_highlight: Callback<Option<Highlight>>,
}

/// The `<select>` of one filter: "all" and the options, the chosen one selected.
fn filter_select(
    testid: &'static str,
    options: Vec<(String, String, bool)>,
    none: bool,
    onchange: Callback<Event>,
) -> Html {
    let options =
        options.into_iter().map(|(value, label, selected)| html! { <option {value} {selected}>{ label }</option> });
    html! {
        <select data-testid={testid} {onchange}><option value="" selected={none}>{ "all" }</option>{ for options }</select>
    }
}

fn feed_item(line: &FeedLine, on_highlight: &Callback<Option<Highlight>>) -> Html {
    let highlight = Highlight { brokers: line.brokers.clone(), partition: line.partition.clone() };
    let on_enter = {
        let highlight = highlight.clone();
        on_highlight.reform(move |_: MouseEvent| Some(highlight.clone()))
    };
    let on_leave = on_highlight.reform(|_: MouseEvent| None);
    let on_focus = on_highlight.reform(move |_: FocusEvent| Some(highlight.clone()));
    let key = line.index.map_or_else(|| format!("n{}-{}", line.at_ms, line.text.len()), |i| i.to_string());
    html! {
        <li {key} class={classes!("feed__item", format!("feed__item--{}", line.category), line.error.then_some("feed__item--error"))}
            data-testid="feed-item" data-category={line.category} tabindex="-1"
            onmouseenter={on_enter} onmouseleave={on_leave} onfocus={on_focus}>
            <span class="feed__time mono">{ format!("{:>8}s", format!("{}.{:03}", line.at_ms / 1000, line.at_ms % 1000)) }</span>
            <span class="feed__kind">{ line.category }</span>
            <span class="feed__text">{ &line.text }</span>
        </li>
    }
}

/// ↑ / ↓ move the focus to the line above or below (↓ on the list itself, to the newest);
/// Home and End to the newest and the oldest. The keys stop here: they do not move time.
fn on_list_key(e: KeyboardEvent) {
    let Some(at) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let on_list = at.tag_name() == "OL";
    let list = if on_list { Some(at.clone()) } else { at.parent_element() };
    let next = match e.key().as_str() {
        "ArrowDown" if on_list => at.first_element_child(),
        "ArrowDown" => at.next_element_sibling(),
        "ArrowUp" => at.previous_element_sibling(),
        "Home" => list.and_then(|l| l.first_element_child()),
        "End" => list.and_then(|l| l.last_element_child()),
        _ => return,
    };
    e.prevent_default();
    e.stop_propagation();
    if let Some(line) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ = line.focus();
    }
}

#[component]
pub fn EventFeed(props: &EventFeedProps) -> Html {
    let f = &props.filter;
    let with = |change: fn(&mut FeedFilter, String)| {
        let filter = f.clone();
        props.on_filter.reform(move |e: Event| {
            let mut next = filter.clone();
            change(&mut next, event_value(&e));
            next
        })
    };
    let on_partition = with(|f, v| f.partition = (!v.is_empty()).then_some(v));
    let on_broker = with(|f, v| f.broker = v.parse().ok());
    let on_kind = with(|f, v| f.category = (!v.is_empty()).then_some(v));
    let partitions = props.partitions.iter().map(|p| (p.clone(), p.clone(), f.partition.as_ref() == Some(p))).collect();
    let brokers = props.brokers.iter().map(|b| (b.to_string(), format!("Broker {b}"), f.broker == Some(*b))).collect();
    let kinds = CATEGORIES.iter().map(|c| (c.to_string(), c.to_string(), f.category.as_deref() == Some(*c))).collect();
    let items = props.lines.iter().map(|line| feed_item(line, &props.on_highlight));
    html! {
        <div class="feed" data-testid="event-feed">
            <div class="form-row">
                <label class="field"><span>{ "Partition" }</span>
                    { filter_select("feed-partition", partitions, f.partition.is_none(), on_partition) }</label>
                <label class="field"><span>{ "Broker" }</span>
                    { filter_select("feed-broker", brokers, f.broker.is_none(), on_broker) }</label>
                <label class="field"><span>{ "Kind" }</span>
                    { filter_select("feed-kind", kinds, f.category.is_none(), on_kind) }</label>
            </div>
            <ol class="feed__list" aria-live="off" aria-label="Events, newest first (↑ ↓ to move)" tabindex="0"
                data-testid="feed-list" onkeydown={Callback::from(on_list_key)}>{ for items }</ol>
        </div>
    }
}
