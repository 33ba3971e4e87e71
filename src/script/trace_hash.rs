//! The trace hash: FNV-1a (64-bit) over the trace's narrated lines, each followed by a
//! newline. Equal hashes mean equal runs, on any platform: the page shows it, the
//! determinism tests pin it, and natively and in wasm it must agree.
use crate::sim::{Cluster, Event};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A hash being built one event at a time (the page extends it as the trace grows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceHash(u64);
crate::codec!(struct TraceHash(_0));

impl Default for TraceHash {
    fn default() -> Self {
        TraceHash(FNV_OFFSET)
    }
}

impl TraceHash {
    /// The hash of `events` as `cluster` narrates them.
    pub fn of(cluster: &Cluster, events: &[Event]) -> u64 {
        let mut hash = TraceHash::default();
        hash.add_events(cluster, events);
        hash.value()
    }

    pub fn add_events(&mut self, cluster: &Cluster, events: &[Event]) {
        for event in events {
            self.add_line(&cluster.trace_line(event));
        }
    }

    pub fn add_line(&mut self, line: &str) {
        for byte in line.bytes().chain(std::iter::once(b'\n')) {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    pub fn value(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::TraceHash;

    #[test]
    fn is_fnv1a_of_the_lines_each_with_a_newline() {
        // FNV-1a of "a\n", computed by hand from the offset basis and prime.
        let mut hash = TraceHash::default();
        hash.add_line("a");
        let expected =
            ((0xcbf2_9ce4_8422_2325_u64 ^ 0x61).wrapping_mul(0x100_0000_01b3) ^ 0x0a).wrapping_mul(0x100_0000_01b3);
        assert_eq!(hash.value(), expected);
        assert_ne!(hash, TraceHash::default());
    }
}
