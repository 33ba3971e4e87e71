//! Every event narrated in plain language, newest first, filterable by partition, broker
//! and kind. Hovering or focusing an event highlights the brokers and partition it touched.
use yew::prelude::*;

use super::dom::event_value;
use super::state::{Action, FeedFilter, Highlight, PlaygroundState, CATEGORIES};

/// Lines shown at once.
pub const FEED_LINES: usize = 120;

#[derive(Properties)]
pub struct EventFeedProps {
    pub state: std::rc::Rc<PlaygroundState>,
    pub partitions: Vec<String>,
    pub brokers: Vec<u32>,
    pub dispatcher: UseReducerDispatcher<PlaygroundState>,
}

/// Equal when the feed would read the same: the same session at the same feed version. The
/// state's own equality changes on every play-loop tick, and re-rendering 120 lines at 60 Hz
/// was a measurable share of a frame on 50 brokers.
impl PartialEq for EventFeedProps {
    fn eq(&self, other: &Self) -> bool {
        self.state.same_session(&other.state)
            && self.state.feed_version == other.state.feed_version
            && self.state.notes.len() == other.state.notes.len()
            && self.partitions == other.partitions
            && self.brokers == other.brokers
            && self.dispatcher == other.dispatcher
    }
}

#[component]
pub fn EventFeed(props: &EventFeedProps) -> Html {
    let filter = use_state(FeedFilter::default);
    let d = props.dispatcher.clone();
    let lines = {
        let (state, filter_now) = (props.state.clone(), (*filter).clone());
        use_memo((state.feed_version, state.notes.len(), filter_now.clone()), move |_| {
            state.feed(&filter_now, FEED_LINES)
        })
    };
    let on_partition = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = event_value(&e);
            filter.set(FeedFilter { partition: (!v.is_empty()).then_some(v), ..(*filter).clone() });
        })
    };
    let on_broker = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            filter.set(FeedFilter { broker: event_value(&e).parse().ok(), ..(*filter).clone() })
        })
    };
    let on_kind = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = event_value(&e);
            filter.set(FeedFilter { category: (!v.is_empty()).then_some(v), ..(*filter).clone() });
        })
    };
    let items = lines.iter().map(|line| {
        let highlight = Highlight { brokers: line.brokers.clone(), partition: line.partition.clone() };
        let (d1, d2) = (d.clone(), d.clone());
        let on_enter = Callback::from(move |_: MouseEvent| d1.dispatch(Action::Highlight(Some(highlight.clone()))));
        let on_leave = Callback::from(move |_: MouseEvent| d2.dispatch(Action::Highlight(None)));
        let focus_highlight = Highlight { brokers: line.brokers.clone(), partition: line.partition.clone() };
        let d3 = d.clone();
        let on_focus = Callback::from(move |_: FocusEvent| d3.dispatch(Action::Highlight(Some(focus_highlight.clone()))));
        let key = line.index.map_or_else(|| format!("n{}-{}", line.at_ms, line.text.len()), |i| i.to_string());
        html! {
            <li {key} class={classes!("feed__item", format!("feed__item--{}", line.category), line.error.then_some("feed__item--error"))}
                data-testid="feed-item" data-category={line.category} tabindex="0"
                onmouseenter={on_enter} onmouseleave={on_leave} onfocus={on_focus}>
                <span class="feed__time mono">{ format!("{:>8}s", format!("{}.{:03}", line.at_ms / 1000, line.at_ms % 1000)) }</span>
                <span class="feed__kind">{ line.category }</span>
                <span class="feed__text">{ &line.text }</span>
            </li>
        }
    });
    let f = (*filter).clone();
    let partition_options = props.partitions.iter().map(|p| {
        html! { <option value={p.clone()} selected={f.partition.as_ref() == Some(p)}>{ p }</option> }
    });
    let broker_options = props.brokers.iter().map(|b| {
        html! { <option value={b.to_string()} selected={f.broker == Some(*b)}>{ format!("Broker {b}") }</option> }
    });
    let kind_options = CATEGORIES
        .iter()
        .map(|c| html! { <option value={*c} selected={f.category.as_deref() == Some(*c)}>{ *c }</option> });
    html! {
        <div class="feed" data-testid="event-feed">
            <div class="form-row">
                <label class="field"><span>{ "Partition" }</span>
                    <select data-testid="feed-partition" onchange={on_partition}><option value="" selected={f.partition.is_none()}>{ "all" }</option>{ for partition_options }</select></label>
                <label class="field"><span>{ "Broker" }</span>
                    <select data-testid="feed-broker" onchange={on_broker}><option value="" selected={f.broker.is_none()}>{ "all" }</option>{ for broker_options }</select></label>
                <label class="field"><span>{ "Kind" }</span>
                    <select data-testid="feed-kind" onchange={on_kind}><option value="" selected={f.category.is_none()}>{ "all" }</option>{ for kind_options }</select></label>
            </div>
            <ol class="feed__list" aria-live="off" aria-label="Events, newest first">{ for items }</ol>
        </div>
    }
}
