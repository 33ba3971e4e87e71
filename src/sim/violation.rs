//! A safety violation the checker found: the property broken and the evidence (KAFKA-RULES.md,
//! last section), carried by `EventKind::SafetyViolation`.
use super::ids::{BrokerId, PartitionId, RecordId};

/// The safety properties the checker watches (KAFKA-RULES.md, last section).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Property {
    LeaderInIsr,
    StrongIsr,
    AckedRecordLost,
    ConsumerBeyondHighWatermark,
    HighWatermarkDecreased,
    TwoLeadersInOneEpoch,
}
crate::codec!(
    enum Property {
        LeaderInIsr = 0,
        StrongIsr = 1,
        AckedRecordLost = 2,
        ConsumerBeyondHighWatermark = 3,
        HighWatermarkDecreased = 4,
        TwoLeadersInOneEpoch = 5,
    }
);

impl Property {
    pub fn name(self) -> &'static str {
        match self {
            Property::LeaderInIsr => "LeaderInIsr",
            Property::StrongIsr => "StrongIsr",
            Property::AckedRecordLost => "AckedRecordLost",
            Property::ConsumerBeyondHighWatermark => "ConsumerBeyondHighWatermark",
            Property::HighWatermarkDecreased => "HighWatermarkDecreased",
            Property::TwoLeadersInOneEpoch => "TwoLeadersInOneEpoch",
        }
    }
}

/// Evidence for a violation: enough to point at the exact record, offsets and brokers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub property: Property,
    pub partition: PartitionId,
    pub record: Option<RecordId>,
    pub offset: Option<u64>,
    pub brokers: Vec<BrokerId>,
    /// Plain-language evidence and cause.
    pub detail: String,
}
crate::codec!(struct Violation { property, partition, record, offset, brokers, detail });
