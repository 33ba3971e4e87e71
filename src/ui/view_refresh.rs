//! Recomputing what the components render after every change: the cluster view, the selected
//! partition's detail, messages in flight, clients, settings, the timeline's markers, and the
//! safety violations found since the last scan. It is done once per action here, so rendering
//! never walks the simulation, and it is cheap enough per play-loop tick (markers only with
//! the feed).
use std::rc::Rc;

use crate::sim::config::ReplicationMode;
use crate::sim::event::EventKind;
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
}

impl PlaygroundState {
    /// Recomputes the views the components render, once per change.
    pub(super) fn refresh(&mut self) {
        self.version += 1;
        let session = self.session.borrow();
        let cluster = session.cluster();
        self.view = Rc::new(cluster.view());
        if self.selected.as_ref().is_none_or(|s| !self.view.partitions.iter().any(|p| &p.name == s)) {
            self.selected = self.view.partitions.first().map(|p| p.name.clone());
        }
        self.detail = self.selected.as_deref().and_then(|name| {
            let id = partition_id(cluster, name)?;
            cluster.partition_detail(id, MAX_CELLS).map(Rc::new)
        });
        self.messages = Rc::new(cluster.messages_in_flight());
        self.clients = Rc::new(cluster.clients_view(MAX_RECORDS));
        // The steady rate is the cluster's (a `steady-rate` command), so a seek, a reload
        // or a link shows the rate in force at that moment.
        self.rate = self.clients.iter().find(|c| c.name == "producer").and_then(|c| c.steady_rate);
        self.controller = cluster.controller_view();
        self.manual_replication = cluster.config().replication == ReplicationMode::Manual;
        let settings: Vec<(&'static str, String)> = crate::sim::config::SETTINGS
            .iter()
            .map(|s| (s.key, cluster.config().get(s.key).unwrap_or_default()))
            .collect();
        if *self.settings != settings {
            self.settings = Rc::new(settings);
        }
        self.live = session.is_live();
        self.end_ms = session.end_ms();
        if self.markers_version != self.feed_version {
            self.markers_version = self.feed_version;
            self.markers = Rc::new(session.markers());
        }
        let events = session.events();
        if events.len() < self.events_scanned {
            // Looking back: the violations shown are those up to the moment shown.
            self.events_scanned = 0;
            Rc::make_mut(&mut self.violations).clear();
        }
        let mut found = Vec::new();
        for event in &events[self.events_scanned.min(events.len())..] {
            if let EventKind::SafetyViolation(v) = &event.kind {
                found.push(ViolationNote {
                    at_ms: event.at,
                    property: v.property.name(),
                    partition: cluster.partition_name(v.partition),
                    record: v.record.map(|r| cluster.records.value(r).to_string()),
                    detail: v.detail.clone(),
                });
            }
        }
        self.events_scanned = events.len();
        drop(session);
        if !found.is_empty() {
            Rc::make_mut(&mut self.violations).extend(found);
        }
    }
}

/// "orders-2" → the partition, if the topic and index exist.
pub fn partition_id(cluster: &crate::sim::Cluster, name: &str) -> Option<crate::sim::ids::PartitionId> {
    let (topic, index) = name.rsplit_once('-')?;
    cluster.partition_by_name(topic, index.parse().ok()?)
}
