//! A topic's `TopicId:` as Kafka prints it: `Uuid.toString()` is the 16 bytes in URL-safe
//! base64 without padding (22 characters). Kafka draws it at random; here it is derived
//! from the run's seed and the topic's name, so the same script describes the same way on
//! every run and platform.
use crate::script::share::encode_base64url;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a (64-bit) of the bytes, from `start`.
fn fnv(start: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(start, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME))
}

/// The topic id of `topic` in a run seeded with `seed`.
pub fn topic_id(seed: u64, topic: &str) -> String {
    let input = || seed.to_le_bytes().into_iter().chain(topic.bytes());
    let high = fnv(FNV_OFFSET, input());
    let low = fnv(high, input().chain(std::iter::once(0xff)));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    // Kafka's `Uuid.randomUuid` redraws an id whose string starts with '-' (it would read
    // as a command-line option); clearing the top bit keeps the first character in A..f.
    bytes[0] &= 0x7f;
    encode_base64url(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_22_characters_stable_and_differ_by_seed_and_name() {
        let id = topic_id(0, "orders");
        assert_eq!(id.len(), 22);
        assert_eq!(id, topic_id(0, "orders"));
        assert_ne!(id, topic_id(1, "orders"));
        assert_ne!(id, topic_id(0, "payments"));
        assert!(!id.starts_with('-') && !id.starts_with('_'));
    }
}
