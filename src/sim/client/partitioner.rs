//! Which partition a keyed record goes to: Kafka's default partitioner for records with
//! a key, `BuiltInPartitioner.partitionForKey` (before Kafka 3.3, `DefaultPartitioner`):
//! `Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions`.
//!
//! This must match Kafka bit for bit: the playground teaches that the same key always
//! lands on the same partition, and a reader may check a key against a real cluster.
//! Keyless records (round-robin / sticky) are chosen elsewhere.

/// Kafka's `Utils.murmur2`: 32-bit MurmurHash2 with Kafka's seed, over the whole array.
///
/// Java's `int` arithmetic wraps, so every multiply here is `wrapping_mul` on `u32`, and
/// Java's `>>>` (unsigned shift) is `>>` on `u32`. The result is reinterpreted as Java's
/// signed `int`.
pub fn murmur2(data: &[u8]) -> i32 {
    const SEED: u32 = 0x9747_b28c;
    // Mixing constants of MurmurHash2 (Kafka: "generated offline ... they just happen
    // to work well").
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;

    // Java takes `data.length` as an int; Java arrays never exceed i32::MAX bytes, so
    // truncating to u32 matches it for every key Kafka could hash.
    let mut h: u32 = SEED ^ data.len() as u32;

    let blocks = data.chunks_exact(4);
    let tail = blocks.remainder();
    for block in blocks {
        // Little-endian, as Kafka assembles `k` from data[i4 + 0..3] with shifts 0..24.
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }

    // Kafka's `switch (length % 4)` falls through from case 3 to case 1; the multiply
    // happens once, in case 1, whenever there is any tail at all.
    if tail.len() >= 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if !tail.is_empty() {
        h ^= u32::from(tail[0]);
        h = h.wrapping_mul(M);
    }

    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive`: clears the sign bit (`number & 0x7fffffff`). Not the
/// absolute value: Kafka chose the mask so `Integer.MIN_VALUE` maps to 0 rather than
/// staying negative, and changing it would move every key to another partition.
pub fn to_positive(number: i32) -> u32 {
    (number & 0x7fff_ffff) as u32
}

/// The partition of a record with key bytes `key` in a topic of `partitions` partitions:
/// Kafka's `BuiltInPartitioner.partitionForKey`.
///
/// Panics if `partitions` is 0, as Kafka's `% 0` throws; topics always have at least
/// one partition (placement refuses 0).
pub fn partition_for_key(key: &[u8], partitions: u32) -> u32 {
    assert!(partitions > 0, "a topic has at least one partition");
    to_positive(murmur2(key)) % partitions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kafka_utils_test_murmur2() {
        // Kafka's UtilsTest.testMurmur2 (clients/src/test/.../common/utils/UtilsTest.java).
        // Lengths 2, 6, 24, 26, 48 and 3 cover tails of 0, 2 and 3 bytes.
        let cases: [(&[u8], i32); 6] = [
            (b"21", -973932308),
            (b"foobar", -790332482),
            (b"a-little-bit-long-string", -985981536),
            (b"a-little-bit-longer-string", -1486304829),
            (b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971),
            (b"abc", 479470107), // Kafka writes this one as new byte[] {'a', 'b', 'c'}
        ];
        for (key, expected) in cases {
            assert_eq!(murmur2(key), expected, "key {:?}", String::from_utf8_lossy(key));
        }
    }

    #[test]
    fn librdkafka_java_compatible_vectors() {
        // librdkafka src/rdmurmur2.c `unittest_murmur2`, whose `java_murmur2_results`
        // are the Java client's values. They add the 1-byte tail and the empty key, and
        // "1234".."4" / the "...ThePrePartThatIs" suffixes walk every tail length.
        let cases: [(&str, u32); 11] = [
            ("kafka", 0xd067_cf64),
            ("giberish123456789", 0x8f55_2b0c),
            ("1234", 0x9fc9_7b14),
            ("234", 0xe7c0_09ca),
            ("34", 0x8739_30da),
            ("4", 0x5a4b_5ca1),
            ("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x7842_4f1c),
            ("reAmbleWillBeRemoved,ThePrePartThatIs", 0x4a62_b377),
            ("eAmbleWillBeRemoved,ThePrePartThatIs", 0xe0e4_e09e),
            ("AmbleWillBeRemoved,ThePrePartThatIs", 0x62b8_b43f),
            ("", 0x106e_08d9),
        ];
        for (key, expected) in cases {
            assert_eq!(murmur2(key.as_bytes()), expected as i32, "key {key:?}");
        }
    }

    #[test]
    fn to_positive_masks_the_sign_bit() {
        // Kafka's Utils.toPositive contract: masking, not Math.abs.
        assert_eq!(to_positive(0), 0);
        assert_eq!(to_positive(42), 42);
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(i32::MAX), 0x7fff_ffff);
        assert_eq!(to_positive(-973932308), (-973932308i32 & 0x7fff_ffff) as u32);
    }

    #[test]
    fn partition_for_key_is_kafkas_formula() {
        // "21" hashes to -973932308; masked: 1173551340. Worked out by hand so the
        // formula, not just the hash, is pinned.
        assert_eq!(to_positive(-973932308), 1_173_551_340);
        assert_eq!(partition_for_key(b"21", 1), 0);
        assert_eq!(partition_for_key(b"21", 3), 1_173_551_340 % 3);
        assert_eq!(partition_for_key(b"21", 10), 0);
        assert_eq!(partition_for_key(b"21", 7), 1_173_551_340 % 7);
        // "kafka" hashes to 0xd067cf64: masked 0x5067cf64 = 1348980580 (librdkafka's
        // older test lists exactly this masked value).
        assert_eq!(to_positive(murmur2(b"kafka")), 1_348_980_580);
        assert_eq!(partition_for_key(b"kafka", 6), 1_348_980_580 % 6);
    }

    #[test]
    fn same_key_same_partition_and_in_range() {
        for partitions in 1..=12u32 {
            for i in 0..200u32 {
                let key = format!("user-{i}");
                let p = partition_for_key(key.as_bytes(), partitions);
                assert!(p < partitions);
                assert_eq!(p, partition_for_key(key.as_bytes(), partitions));
            }
        }
    }

    #[test]
    #[should_panic(expected = "at least one partition")]
    fn zero_partitions_panics() {
        partition_for_key(b"k", 0);
    }
}
