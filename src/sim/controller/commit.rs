//! Committing to the metadata log and pushing it to the brokers (`QuorumController`'s
//! commit of a record batch; brokers then replay it through their `MetadataLoader`).
use crate::sim::controller::context::ControllerCtx;
use crate::sim::ctx::Acts;
use crate::sim::ids::{BrokerId, NodeId};
use crate::sim::message::Message;
use crate::sim::metadata::MetadataRecord;

impl ControllerCtx<'_> {
    /// Commits records to the metadata log and pushes them to every live broker.
    pub(crate) fn controller_commit(&mut self, records: Vec<MetadataRecord>) {
        self.controller.commit(records);
        self.push_metadata();
    }

    /// Sends every listening broker the records it has not been pushed yet.
    pub(crate) fn push_metadata(&mut self) {
        let end = self.controller.log_end();
        let targets: Vec<(BrokerId, u64)> = self
            .controller
            .sessions
            .iter()
            .filter(|(_, s)| s.pushed_offset < end)
            .map(|(b, s)| (*b, s.pushed_offset))
            .collect();
        for (broker, from) in targets {
            if !self.listening.listens(broker) {
                continue;
            }
            let records = self.controller.records_from(from);
            if let Some(session) = self.controller.sessions.get_mut(&broker) {
                session.pushed_offset = end;
            }
            self.send(NodeId::Controller, NodeId::Broker(broker), Message::MetadataPush { records });
        }
    }
}
