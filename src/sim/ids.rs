//! Identifiers and simulated time. Small `Copy` newtypes so a broker id can never be
//! passed where a partition index is expected.

/// Simulated time in milliseconds since the start of the run.
pub type Millis = u64;

/// Brokers are numbered from 1, as the scenario language numbers them.
pub type BrokerId = u32;

/// A partition's index in the cluster-wide partition table (topic partitions are
/// stored contiguously, in creation order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartitionId(pub u32);
crate::codec!(struct PartitionId(_0));

impl PartitionId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A record's index in the cluster-wide record table. Replica logs store only this
/// id, so a record replicated three times costs three `u32`s, not three copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(pub u32);
crate::codec!(struct RecordId(_0));

impl RecordId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A producer or consumer client, in creation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientId(pub u16);
crate::codec!(struct ClientId(_0));

impl ClientId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An address on the simulated network. The controller quorum is one address: brokers
/// talk to whichever controller is active, and `cut 1 controller` cuts the whole quorum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeId {
    Broker(BrokerId),
    Controller,
    Client(ClientId),
}
crate::codec!(
    enum NodeId {
        Broker(_0) = 0,
        Controller = 1,
        Client(_0) = 2,
    }
);

/// Kafka's `acks` producer setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Acks {
    /// acks=0: fire and forget, no response.
    Zero,
    /// acks=1: answered after the leader's own append.
    One,
    /// acks=all (-1): answered once the high watermark passes the record.
    All,
}
crate::codec!(
    enum Acks {
        Zero = 0,
        One = 1,
        All = 2,
    }
);

impl Acks {
    pub fn label(self) -> &'static str {
        match self {
            Acks::Zero => "0",
            Acks::One => "1",
            Acks::All => "all",
        }
    }
}
