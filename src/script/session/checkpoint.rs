//! A checkpoint: a session's live state written down with its saved copy, so that a reload
//! restores it and replays only what the saved copy has after it, instead of the whole
//! session (the 50×500 preset played 10 minutes is 3 million queue items to replay).
//!
//! This file is the format only: what a checkpoint holds and how it is written and read
//! back. How a session makes one and resumes from one is `resume`.
//!
//! The bytes are `MAGIC`, `FORMAT_VERSION`, the shape fingerprint, then the checkpoint in
//! the core's compact encoding (`sim::codec`), deflated with a zlib frame (whose checksum
//! catches corruption). Nothing in them
//! is trusted: anything that does not read back whole, or was written by a build whose types
//! differ, is refused, and the session is replayed from its saved copy instead.
use std::borrow::Cow;
use std::sync::OnceLock;

use super::history::Clock;
use super::markers::Marker;
use crate::script::share::inflate_zlib;
use crate::script::trace_hash::TraceHash;
use crate::sim::codec::{encode_slice, Codec};
use crate::sim::{Cluster, Event};

const MAGIC: &[u8; 4] = b"KRPc";
/// Raised when the format changes in a way the shape fingerprint cannot see.
const FORMAT_VERSION: u32 = 2;
const HEADER_BYTES: usize = 4 + 4 + 8;
/// Fast deflate: a checkpoint is written about once a second while playing, and level 1
/// already takes most of the gain (long runs of equal bytes).
const DEFLATE_LEVEL: u8 = 1;
/// A checkpoint inflating past this is refused (a 50×500 session's is about a tenth of it).
pub const MAX_INFLATED_BYTES: usize = 256 << 20;

/// A session at its live end, and what it needs of its history besides the state. Written
/// from borrowed parts (the session keeps them), read back owned.
pub(super) struct Checkpoint<'a> {
    /// The saved copy's statement lines up to the last command: how many and their hash.
    pub(super) prefix_lines: u32,
    pub(super) prefix_hash: u64,
    /// The clock of each logged command, in order (the saved copy has their statements).
    pub(super) clocks: Vec<Clock>,
    pub(super) cluster: Cow<'a, Cluster>,
    pub(super) processed_before_ms: Option<u64>,
    /// The whole trace's length; the hash of the events before `tail`.
    pub(super) events: u64,
    pub(super) before_tail: TraceHash,
    pub(super) markers: Cow<'a, [(usize, Marker)]>,
    /// The latest events (the feed shows them).
    pub(super) tail: Cow<'a, [Event]>,
    /// The safety violations before the tail: few, and the page's banner must still tell
    /// them after a reload.
    pub(super) violations: Cow<'a, [Event]>,
}

/// Why a checkpoint was not used (the session was replayed from its saved copy instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckpointRefusal {
    /// Not a checkpoint, or damaged: truncated, corrupt, or too large.
    Unreadable,
    /// Written by a build whose types differ.
    OtherVersion,
    /// A checkpoint of another session, or of a moment the saved copy does not pass.
    OtherSession,
}

impl Checkpoint<'_> {
    pub(super) fn encode(&self) -> Vec<u8> {
        let (mut bytes, body) = self.encode_parts();
        bytes.extend(miniz_oxide::deflate::compress_to_vec_zlib(&body, DEFLATE_LEVEL));
        bytes
    }

    /// The header and the body before deflate: a checkpoint is the header followed by the
    /// body in a zlib stream. The page deflates the body with the browser's
    /// `CompressionStream` instead, which keeps a compressor out of its bundle.
    pub(super) fn encode_parts(&self) -> (Vec<u8>, Vec<u8>) {
        let mut body = Vec::new();
        self.prefix_lines.encode(&mut body);
        self.prefix_hash.encode(&mut body);
        self.clocks.encode(&mut body);
        self.cluster.as_ref().encode(&mut body);
        self.processed_before_ms.encode(&mut body);
        self.events.encode(&mut body);
        self.before_tail.encode(&mut body);
        encode_slice(&self.markers, &mut body);
        encode_slice(&self.tail, &mut body);
        encode_slice(&self.violations, &mut body);
        (header(shape_fingerprint()), body)
    }

    pub(super) fn decode(bytes: &[u8]) -> Result<Checkpoint<'static>, CheckpointRefusal> {
        let (head, deflated) = bytes.split_at_checked(HEADER_BYTES).ok_or(CheckpointRefusal::Unreadable)?;
        if head[..4] != MAGIC[..] {
            return Err(CheckpointRefusal::Unreadable);
        }
        if head != header(shape_fingerprint()).as_slice() {
            return Err(CheckpointRefusal::OtherVersion);
        }
        let body = inflate_zlib(deflated, MAX_INFLATED_BYTES).map_err(|_| CheckpointRefusal::Unreadable)?;
        let checkpoint = Checkpoint::decode_body(&mut body.as_slice()).ok_or(CheckpointRefusal::Unreadable)?;
        let tail_fits = checkpoint.tail.len() as u64 <= checkpoint.events;
        tail_fits.then_some(checkpoint).ok_or(CheckpointRefusal::Unreadable)
    }

    fn decode_body(input: &mut &[u8]) -> Option<Checkpoint<'static>> {
        let checkpoint = Checkpoint {
            prefix_lines: Codec::decode(input)?,
            prefix_hash: Codec::decode(input)?,
            clocks: Codec::decode(input)?,
            cluster: Cow::Owned(Codec::decode(input)?),
            processed_before_ms: Codec::decode(input)?,
            events: Codec::decode(input)?,
            before_tail: Codec::decode(input)?,
            markers: Cow::Owned(Codec::decode(input)?),
            tail: Cow::Owned(Codec::decode(input)?),
            violations: Cow::Owned(Codec::decode(input)?),
        };
        input.is_empty().then_some(checkpoint)
    }
}

fn header(fingerprint: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER_BYTES);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes
}

/// A hash of a small cluster written in this format, after crashes, elections and records:
/// a build whose types differ (a field added, a variant moved) writes other bytes, so its
/// checkpoints are refused rather than read wrongly. Computed once.
pub(super) fn shape_fingerprint() -> u64 {
    static FINGERPRINT: OnceLock<u64> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        let mut run = crate::script::ScriptRun::new();
        let _ = run.run_script(FINGERPRINT_SCRIPT);
        fnv1a(&crate::sim::codec::to_bytes(run.cluster()))
    })
}

/// FNV-1a, 64-bit, as the trace hash: the same on every platform.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

const FINGERPRINT_SCRIPT: &str = "seed 3
brokers 3 racks=a,b,c
topic create t partitions=2 rf=3 min-isr=2 start=0
produce t-0 first
produce t-1 second
run 1s
crash broker 1
run 20s
restart broker 1
produce t-0 third
run 20s
";

/// The zlib stream of a stored checkpoint (after its header), for a page that inflates it
/// itself before resuming (`script::share::remember_inflated`).
pub fn checkpoint_stream(bytes: &[u8]) -> Option<&[u8]> {
    bytes.get(HEADER_BYTES..)
}
