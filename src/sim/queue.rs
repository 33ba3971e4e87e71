//! The discrete-event queue: everything that will happen, ordered by (time, sequence).
//! The sequence number breaks ties in the order things were scheduled, so two runs with
//! the same seed process the same events in the same order on every platform.
use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::ids::{BrokerId, ClientId, Millis, NodeId};
use super::message::Message;

/// A message on its way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub from: NodeId,
    pub to: NodeId,
    /// Incarnations at send time: a message from or to a process that has since died is
    /// lost with it.
    pub from_incarnation: u32,
    pub to_incarnation: u32,
    pub sent_at: Millis,
    pub message: Message,
}

/// Timers. Owners keep the deadlines themselves and re-check them when a timer fires, so
/// a timer that is no longer needed simply finds nothing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    Heartbeat { broker: BrokerId, incarnation: u32 },
    IsrCheck { broker: BrokerId, incarnation: u32 },
    Flush { broker: BrokerId, incarnation: u32 },
    /// A follower's fetcher for one leader: backoff over, or its fetch may have timed out.
    FetcherWake { broker: BrokerId, incarnation: u32, leader: BrokerId },
    /// A leader's parked fetches and parked acks=all writes may have expired.
    LeaderPurgatory { broker: BrokerId, incarnation: u32 },
    ShutdownDeadline { broker: BrokerId, incarnation: u32 },
    /// A client's retries, request timeouts and delivery timeouts.
    ClientWake { client: ClientId },
    /// The active controller fences brokers whose session expired.
    SessionExpiry,
    /// A controller election finishes after the election timeout.
    ControllerElection,
    AutoRebalance,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    Deliver(Envelope),
    Timer(Timer),
}

/// A heap entry: small and `Copy`, so sifting moves 24 bytes; what is due lives in a
/// slab beside the heap and is moved only twice (in and out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    at: Millis,
    seq: u64,
    slot: u32,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (then first scheduled) pops first.
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Something due at a time, as popped from the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub at: Millis,
    pub seq: u64,
    pub due: Due,
}

#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    slots: Vec<Option<Due>>,
    free: Vec<u32>,
    next_seq: u64,
}

impl EventQueue {
    pub fn push(&mut self, at: Millis, due: Due) {
        let seq = self.next_seq;
        self.next_seq += 1;
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = Some(due);
                slot
            }
            None => {
                self.slots.push(Some(due));
                (self.slots.len() - 1) as u32
            }
        };
        self.heap.push(Entry { at, seq, slot });
    }

    pub fn pop(&mut self) -> Option<Scheduled> {
        let entry = self.heap.pop()?;
        let due = self.slots[entry.slot as usize].take().expect("a queued slot holds its item");
        self.free.push(entry.slot);
        Some(Scheduled { at: entry.at, seq: entry.seq, due })
    }

    pub fn peek_time(&self) -> Option<Millis> {
        self.heap.peek().map(|e| e.at)
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Messages in flight, in the order they were sent (for the UI's animation), with the
    /// time each arrives.
    pub fn in_flight(&self) -> Vec<(Millis, &Envelope)> {
        let mut all: Vec<(u64, Millis, &Envelope)> = self
            .heap
            .iter()
            .filter_map(|e| match self.slots[e.slot as usize].as_ref() {
                Some(Due::Deliver(envelope)) => Some((e.seq, e.at, envelope)),
                _ => None,
            })
            .collect();
        super::sorting::sort_by_u64_key(&mut all, |(seq, _, _)| *seq);
        all.into_iter().map(|(_, at, envelope)| (at, envelope)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_by_scheduling_order() {
        let mut q = EventQueue::default();
        q.push(5, Due::Timer(Timer::SessionExpiry));
        q.push(3, Due::Timer(Timer::AutoRebalance));
        q.push(5, Due::Timer(Timer::ControllerElection));
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).map(|s| (s.at, s.due)).collect();
        assert_eq!(
            order,
            vec![
                (3, Due::Timer(Timer::AutoRebalance)),
                (5, Due::Timer(Timer::SessionExpiry)),
                (5, Due::Timer(Timer::ControllerElection)),
            ]
        );
    }
}
