//! The views the components render, derived from the session after every change: the
//! cluster, the selected partition's detail, messages in flight, clients, settings, the
//! timeline's markers, the feed's lines and the safety violations found since the last scan.
//! It is done once per action here, so rendering never walks the simulation, and it is cheap
//! enough per play-loop tick (markers and the feed only when the feed is narrated again).
use std::rc::Rc;

use crate::script::session::{AsideKind, Marker, Session};
use crate::sim::config::ReplicationMode;
use crate::sim::event::EventKind;
use crate::sim::ids::NodeId;
use crate::sim::observe::fetch_loop::ParkedFetchView;
use crate::sim::observe::promise::{promise_of, Promise};
use crate::sim::view_detail::{ClientView, ControllerView, MessageView, PartitionDetail};
use crate::sim::{Cluster, ClusterView};
use crate::ui::feed_lines::{FeedFilter, FeedLine, FEED_LINES};
use crate::ui::state::PlaygroundState;

/// Cells shown per replica log.
pub const MAX_CELLS: usize = 24;
/// Records shown per producer.
pub const MAX_RECORDS: usize = 12;

/// A safety violation, as the banner tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViolationNote {
    pub at_ms: u64,
    pub property: &'static str,
    pub partition: String,
    pub record: Option<String>,
    pub detail: String,
    /// Whether Kafka promised what was broken (an acks=1 loss it did not).
    pub promise: Promise,
}

/// What rendering reads. Shared parts are behind `Rc` and replaced, never changed in place,
/// so an unchanged part compares equal at once and its component is not drawn again.
#[derive(Clone, Debug, PartialEq)]
pub struct Views {
    pub cluster: Rc<ClusterView>,
    pub detail: Option<Rc<PartitionDetail>>,
    pub messages: Rc<Vec<MessageView>>,
    /// The shortest hop of the messages carrying a record (or its ack), if any is on the wire.
    pub record_hop_ms: Option<u64>,
    /// Follower fetches waiting at their leaders (long poll).
    pub parked: Rc<Vec<ParkedFetchView>>,
    pub clients: Rc<Vec<ClientView>>,
    pub controller: ControllerView,
    pub manual_replication: bool,
    /// Current value of every `set` key.
    pub settings: Rc<Vec<(&'static str, String)>>,
    /// Records per second of the default producer's steady rate, when one runs.
    pub rate: Option<u32>,
    pub topics: Rc<Vec<String>>,
    /// Cut links, drawn on the network diagram.
    pub cuts: Rc<Vec<(NodeId, NodeId)>>,
    pub violations: Rc<Vec<ViolationNote>>,
    /// Timeline markers up to the live end (refreshed with the feed, not every tick).
    pub markers: Rc<Vec<Marker>>,
    /// The newest feed lines that pass the feed's filter, newest first.
    pub feed: Rc<Vec<FeedLine>>,
    pub trace_hash: u64,
    /// The simulated time of the live end.
    pub end_ms: u64,
    /// Showing the live end (false: looking at the past; acting there branches).
    pub live: bool,
    /// What the last branch set aside, from and to which ms (the undo offers it back).
    pub set_aside: Option<(AsideKind, u64, u64)>,
    /// The newest key event (an election, an ISR change, an ack, a loss), told to screen readers.
    pub narration: Rc<String>,
}

impl Default for Views {
    fn default() -> Self {
        Views {
            cluster: Rc::new(ClusterView { now_ms: 0, brokers: vec![], partitions: vec![], active_controller: None }),
            detail: None,
            messages: Rc::default(),
            record_hop_ms: None,
            parked: Rc::default(),
            clients: Rc::default(),
            controller: ControllerView { nodes_alive: vec![], active: None, has_majority: false },
            manual_replication: false,
            settings: Rc::default(),
            rate: None,
            topics: Rc::default(),
            cuts: Rc::default(),
            violations: Rc::default(),
            markers: Rc::default(),
            feed: Rc::default(),
            trace_hash: 0,
            end_ms: 0,
            live: true,
            set_aside: None,
            narration: Rc::default(),
        }
    }
}

/// How far the views have read the session: the events scanned for violations, and the feed
/// version (with the notes and filter) the markers and feed lines were last made at.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Scanned {
    events: usize,
    /// The violations before the held events (a session resumed from a checkpoint) are in.
    earlier: bool,
    markers_at: Option<u64>,
    /// The events the narration has looked at.
    pub(super) narrated: usize,
    feed_at: Option<(u64, usize, FeedFilter)>,
}

impl Scanned {
    /// After a branch: the markers and the feed are made again, whatever their versions.
    pub(super) fn forget_markers_and_feed(&mut self) {
        self.markers_at = None;
        self.feed_at = None;
    }

    /// After an undo swapped the future: the violations are scanned again from the start too.
    pub(super) fn forget_everything(&mut self) {
        *self = Scanned::default();
    }
}

/// `new` when it differs from what `old` holds, else `old` itself (so it compares equal at once).
fn replaced<T: PartialEq>(old: &Rc<T>, new: T) -> Rc<T> {
    if **old == new {
        old.clone()
    } else {
        Rc::new(new)
    }
}

impl PlaygroundState {
    /// Recomputes the views the components render, once per change.
    pub(super) fn refresh(&mut self) {
        self.session.version += 1;
        let handle = self.session.clone();
        let session = handle.borrow();
        let cluster = session.cluster();
        self.refresh_cluster(cluster);
        self.views.live = session.is_live();
        self.views.end_ms = session.end_ms();
        self.views.set_aside = session.set_aside();
        self.views.trace_hash = session.trace_hash();
        if self.scanned.markers_at != Some(self.session.feed_version) {
            self.scanned.markers_at = Some(self.session.feed_version);
            self.views.markers = Rc::new(session.markers());
            self.narrate_key_events(&session);
        }
        self.scan_for_violations(&session);
        drop(session);
        let feed_key = (self.session.feed_version, self.messages.notes.len(), self.prefs.feed_filter.clone());
        if self.scanned.feed_at.as_ref() != Some(&feed_key) {
            self.views.feed = Rc::new(self.feed(&feed_key.2, FEED_LINES));
            self.scanned.feed_at = Some(feed_key);
        }
    }

    /// The cluster's own views, and the partition shown (the first, when the one chosen is gone).
    fn refresh_cluster(&mut self, cluster: &Cluster) {
        let views = &mut self.views;
        views.cluster = Rc::new(cluster.view());
        let selected = &mut self.prefs.selected;
        if selected.as_ref().is_none_or(|s| !views.cluster.partitions.iter().any(|p| &p.name == s)) {
            *selected = views.cluster.partitions.first().map(|p| p.name.clone());
        }
        let shown = selected.as_deref().and_then(|name| partition_id(cluster, name));
        views.detail = shown.and_then(|id| cluster.partition_detail(id, MAX_CELLS).map(Rc::new));
        views.messages = Rc::new(cluster.messages_in_flight());
        views.record_hop_ms = cluster.record_trip_hop_ms();
        views.parked = replaced(&views.parked, cluster.parked_fetches(shown));
        views.clients = Rc::new(cluster.clients_view(MAX_RECORDS));
        // The steady rate is the cluster's (a `steady-rate` command), so a seek, a reload
        // or a link shows the rate in force at that moment.
        views.rate = views.clients.iter().find(|c| c.name == "producer").and_then(|c| c.steady_rate);
        views.controller = cluster.controller_view();
        views.manual_replication = cluster.config().replication == ReplicationMode::Manual;
        let settings: Vec<(&'static str, String)> = crate::sim::config::SETTINGS
            .iter()
            .map(|s| (s.key, cluster.config().get(s.key).unwrap_or_default()))
            .collect();
        views.settings = replaced(&views.settings, settings);
        views.topics = replaced(&views.topics, cluster.topic_names());
        views.cuts = replaced(&views.cuts, cluster.network_faults().0);
    }

    /// Adds the safety violations among the events not scanned yet.
    fn scan_for_violations(&mut self, session: &Session) {
        let cluster = session.cluster();
        let shown = session.events().len();
        if shown < self.scanned.events {
            // Looking back: the violations shown are those up to the moment shown.
            self.scanned.events = 0;
            self.scanned.earlier = false;
            Rc::make_mut(&mut self.views.violations).clear();
        }
        let mut found = Vec::new();
        let earlier = if self.scanned.earlier { &[] } else { session.violations_before_events() };
        self.scanned.earlier = true;
        for event in earlier.iter().chain(session.violations_in_events_from(self.scanned.events.min(shown))) {
            if let EventKind::SafetyViolation(v) = &event.kind {
                found.push(ViolationNote {
                    at_ms: event.at,
                    property: v.property.name(),
                    partition: cluster.partition_name(v.partition),
                    record: v.record.map(|r| cluster.records.value(r).to_string()),
                    detail: v.detail.clone(),
                    promise: promise_of(cluster, v),
                });
            }
        }
        self.scanned.events = shown;
        if !found.is_empty() {
            Rc::make_mut(&mut self.views.violations).extend(found);
        }
    }
}

/// "orders-2" → the partition, if the topic and index exist.
pub fn partition_id(cluster: &Cluster, name: &str) -> Option<crate::sim::ids::PartitionId> {
    let (topic, index) = name.rsplit_once('-')?;
    cluster.partition_by_name(topic, index.parse().ok()?)
}
