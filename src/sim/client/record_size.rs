//! How many bytes a record takes in a batch, as Kafka counts them for `batch.size` and for
//! the sticky partitioner: `DefaultRecord.sizeInBytes` (record format v2, no compression,
//! no headers) plus `DefaultRecordBatch.RECORD_BATCH_OVERHEAD` once per batch.

/// The batch header of record format v2 (`DefaultRecordBatch.RECORD_BATCH_OVERHEAD`).
pub const RECORD_BATCH_OVERHEAD: u32 = 61;

/// Bytes of a zig-zag varint (`ByteUtils.sizeOfVarint`).
fn varint_size(value: i32) -> u32 {
    varlong_size(i64::from(value))
}

/// Bytes of a zig-zag varlong (`ByteUtils.sizeOfVarlong`): 7 bits per byte.
fn varlong_size(value: i64) -> u32 {
    let mut zigzag = ((value << 1) ^ (value >> 63)) as u64;
    let mut bytes = 1;
    while zigzag >= 0x80 {
        zigzag >>= 7;
        bytes += 1;
    }
    bytes
}

/// `DefaultRecord.sizeInBytes(offsetDelta, timestampDelta, key, value, headers = [])`: the
/// length prefix, attributes, the two deltas, key and value each with its length (a null
/// key is one byte, -1), and an empty header count.
pub fn record_size_in_bytes(offset_delta: u32, timestamp_delta_ms: u64, key: Option<&str>, value: &str) -> u32 {
    let field = |bytes: Option<usize>| match bytes {
        Some(len) => varint_size(len as i32) + len as u32,
        None => 1,
    };
    let body = 1
        + varlong_size(timestamp_delta_ms as i64)
        + varint_size(offset_delta as i32)
        + field(key.map(str::len))
        + field(Some(value.len()))
        + varint_size(0);
    body + varint_size(body as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_grow_every_seven_bits_of_the_zigzag_value() {
        // Zig-zag maps 63 → 126 (one byte) and 64 → 128 (two bytes).
        assert_eq!(varint_size(0), 1);
        assert_eq!(varint_size(63), 1);
        assert_eq!(varint_size(64), 2);
        assert_eq!(varint_size(-1), 1);
        assert_eq!(varint_size(8191), 2);
        assert_eq!(varint_size(8192), 3);
    }

    #[test]
    fn a_small_keyless_record_takes_eight_bytes_plus_its_value() {
        // attributes 1, timestamp delta 1, offset delta 1, null key 1, value length 1 +
        // "hi" 2, no headers 1 = 8, and a one-byte length prefix.
        assert_eq!(record_size_in_bytes(0, 0, None, "hi"), 9);
        // The key "k1" costs its length byte and its two bytes instead of the null's one.
        assert_eq!(record_size_in_bytes(0, 0, Some("k1"), "hi"), 11);
    }

    #[test]
    fn later_records_in_a_batch_pay_for_bigger_deltas() {
        let first = record_size_in_bytes(0, 0, None, "value");
        assert_eq!(record_size_in_bytes(64, 0, None, "value"), first + 1);
        assert_eq!(record_size_in_bytes(0, 64, None, "value"), first + 1);
    }
}
