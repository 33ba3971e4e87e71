//! The discrete-event queue: everything that will happen, ordered by (time, sequence).
//! The sequence number breaks ties in the order things were scheduled, so two runs with
//! the same seed process the same events in the same order on every platform.

use crate::sim::ids::{BrokerId, ClientId, Millis, NodeId};
use crate::sim::message::Message;

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
crate::codec!(struct Envelope { from, to, from_incarnation, to_incarnation, sent_at, message });

/// Timers. Owners keep the deadlines themselves and re-check them when a timer fires, so
/// a timer that is no longer needed simply finds nothing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    Heartbeat {
        broker: BrokerId,
        incarnation: u32,
    },
    IsrCheck {
        broker: BrokerId,
        incarnation: u32,
    },
    Flush {
        broker: BrokerId,
        incarnation: u32,
    },
    /// A follower's fetcher for one leader: backoff over, or its fetch may have timed out.
    FetcherWake {
        broker: BrokerId,
        incarnation: u32,
        leader: BrokerId,
    },
    /// A leader's parked fetches and parked acks=all writes may have expired.
    LeaderPurgatory {
        broker: BrokerId,
        incarnation: u32,
    },
    ShutdownDeadline {
        broker: BrokerId,
        incarnation: u32,
    },
    /// The extra heartbeat a stopping broker sends soon after the controller's first
    /// "not yet" (`BrokerLifecycleManager`).
    ShutdownHeartbeat {
        broker: BrokerId,
        incarnation: u32,
    },
    /// A client's retries, request timeouts and delivery timeouts.
    ClientWake {
        client: ClientId,
    },
    /// A producer's steady rate has a record due (`generation` tells rates apart).
    SteadyRate {
        client: ClientId,
        generation: u32,
    },
    /// The active controller fences brokers whose session expired.
    SessionExpiry,
    /// A controller election finishes after the election timeout.
    ControllerElection,
    AutoRebalance,
    /// The controller's periodic unclean election for offline partitions.
    UncleanElectionCheck,
}
crate::codec!(enum Timer { Heartbeat { broker, incarnation } = 0, IsrCheck { broker, incarnation } = 1, Flush { broker, incarnation } = 2, FetcherWake { broker, incarnation, leader } = 3, LeaderPurgatory { broker, incarnation } = 4, ShutdownDeadline { broker, incarnation } = 5, ClientWake { client } = 6, SteadyRate { client, generation } = 7, SessionExpiry = 8, ControllerElection = 9, AutoRebalance = 10, UncleanElectionCheck = 11, ShutdownHeartbeat { broker, incarnation } = 12 });

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    Deliver(Envelope),
    Timer(Timer),
}
crate::codec!(
    enum Due {
        Deliver(_0) = 0,
        Timer(_0) = 1,
    }
);

/// A heap entry: small and `Copy`, so sifting moves 24 bytes; what is due lives in a
/// slab beside the heap and is moved only twice (in and out). Every field is 64-bit, so
/// the entry has no padding and is always read and written as three whole words: on
/// wasm32 a `u32` slot (and `mem::swap`, which moves 32-bit words there) made the heap
/// store narrow words and load them back as wide ones, a store-forwarding stall on
/// every push and pop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    at: Millis,
    seq: u64,
    slot: u64,
}
crate::codec!(struct Entry { at, seq, slot });

impl Entry {
    /// Earlier time first, then the order of scheduling (`seq` is unique, so this is a
    /// total order and any correct heap pops the same sequence).
    #[inline]
    fn before(&self, other: &Entry) -> bool {
        (self.at, self.seq) < (other.at, other.seq)
    }
}

/// Something due at a time, as popped from the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub at: Millis,
    pub seq: u64,
    pub due: Due,
}
crate::codec!(struct Scheduled { at, seq, due });

#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    /// A binary min-heap on (at, seq).
    heap: Vec<Entry>,
    slots: Vec<Option<Due>>,
    free: Vec<u32>,
    next_seq: u64,
}
crate::codec!(struct EventQueue { heap, slots, free, next_seq });

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
        self.heap_push(Entry { at, seq, slot: slot as u64 });
    }

    pub fn pop(&mut self) -> Option<Scheduled> {
        let entry = self.heap_pop()?;
        let due = self.slots[entry.slot as usize].take().expect("a queued slot holds its item");
        self.free.push(entry.slot as u32);
        Some(Scheduled { at: entry.at, seq: entry.seq, due })
    }

    pub fn peek_time(&self) -> Option<Millis> {
        self.heap.first().map(|e| e.at)
    }

    /// Sifts the new entry up from the end: parents move down, the entry is written once.
    fn heap_push(&mut self, entry: Entry) {
        let mut hole = self.heap.len();
        self.heap.push(entry);
        while hole > 0 {
            let parent = (hole - 1) / 2;
            let above = self.heap[parent];
            if !entry.before(&above) {
                break;
            }
            self.heap[hole] = above;
            hole = parent;
        }
        self.heap[hole] = entry;
    }

    /// Takes the root; the last entry fills the hole from the top down.
    fn heap_pop(&mut self) -> Option<Entry> {
        let last = self.heap.pop()?;
        let Some(&root) = self.heap.first() else { return Some(last) };
        let len = self.heap.len();
        let mut hole = 0;
        loop {
            let left = 2 * hole + 1;
            if left >= len {
                break;
            }
            let mut child = left;
            if left + 1 < len && self.heap[left + 1].before(&self.heap[left]) {
                child = left + 1;
            }
            let below = self.heap[child];
            if !below.before(&last) {
                break;
            }
            self.heap[hole] = below;
            hole = child;
        }
        self.heap[hole] = last;
        Some(root)
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
        crate::sim::sorting::sort_by_u64_key(&mut all, |(seq, _, _)| *seq);
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

    #[test]
    fn interleaved_pushes_and_pops_come_out_in_time_then_scheduling_order() {
        let mut rng = crate::sim::rng::SimRng::new(11);
        let mut q = EventQueue::default();
        // The reference: every pending (at, seq), popped as the smallest.
        let mut pending: Vec<(Millis, u64)> = Vec::new();
        let mut next_seq = 0u64;
        let mut now = 0;
        for _ in 0..5_000 {
            if rng.below(3) > 0 || pending.is_empty() {
                let at = now + rng.below(50);
                q.push(at, Due::Timer(Timer::SessionExpiry));
                pending.push((at, next_seq));
                next_seq += 1;
            } else {
                let popped = q.pop().expect("pending items");
                let smallest = *pending.iter().min().expect("pending items");
                pending.retain(|p| *p != smallest);
                assert_eq!((popped.at, popped.seq), smallest);
                now = popped.at;
            }
            assert_eq!(q.len(), pending.len());
            assert_eq!(q.peek_time(), pending.iter().min().map(|p| p.0));
        }
    }
}
