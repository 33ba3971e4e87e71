//! Reused vectors for the replication loop's messages. Every fetch round trip built a list
//! of the partitions asked for and a list of the answers, and dropped both on arrival: two
//! of the core's three allocations per record (DHAT on the benchmark workload), and an
//! allocation costs relatively more in wasm than natively. Handlers take a cleared vector
//! from here and give it back once the message is handled.
use crate::sim::message::{FetchPartition, FetchedPartition};

/// Vectors kept per kind: enough for every fetch session of a large cluster in flight,
/// few enough that a burst does not hold memory for long.
const KEPT_PER_KIND: usize = 64;

#[derive(Clone, Debug, Default)]
pub struct FetchBuffers {
    requests: Vec<Vec<FetchPartition>>,
    answers: Vec<Vec<FetchedPartition>>,
}
crate::codec_scratch!(FetchBuffers);

impl FetchBuffers {
    /// An empty list for the partitions of a fetch request.
    pub fn request(&mut self) -> Vec<FetchPartition> {
        self.requests.pop().unwrap_or_default()
    }

    /// An empty list for the answers of a fetch response.
    pub fn answers(&mut self) -> Vec<FetchedPartition> {
        self.answers.pop().unwrap_or_default()
    }

    pub fn give_back_request(&mut self, list: Vec<FetchPartition>) {
        keep(&mut self.requests, list);
    }

    pub fn give_back_answers(&mut self, list: Vec<FetchedPartition>) {
        keep(&mut self.answers, list);
    }
}

fn keep<T>(kept: &mut Vec<Vec<T>>, mut list: Vec<T>) {
    if kept.len() < KEPT_PER_KIND && list.capacity() > 0 {
        list.clear();
        kept.push(list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ids::PartitionId;
    use crate::sim::records::ErrorCode;

    #[test]
    fn a_list_given_back_comes_back_empty_with_its_room() {
        let mut buffers = FetchBuffers::default();
        let mut answers = buffers.answers();
        answers.push(FetchedPartition {
            partition: PartitionId(0),
            error: ErrorCode::None,
            high_watermark: 0,
            leader_leo: 0,
            slice: Default::default(),
            diverging_epoch: None,
        });
        let room = answers.capacity();
        buffers.give_back_answers(answers);
        let again = buffers.answers();
        assert!(again.is_empty() && again.capacity() == room);
        assert_eq!(buffers.answers().capacity(), 0, "only what was given back is reused");
    }

    #[test]
    fn at_most_a_bounded_number_of_lists_is_kept() {
        let mut buffers = FetchBuffers::default();
        for _ in 0..KEPT_PER_KIND + 10 {
            buffers.give_back_request(Vec::with_capacity(1));
        }
        assert_eq!(buffers.requests.len(), KEPT_PER_KIND);
    }
}
