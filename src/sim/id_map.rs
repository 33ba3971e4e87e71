//! A map from small integer ids to values: a vector indexed by id, so a lookup is one
//! bounds check, and iteration is in id order (deterministic on every platform, unlike a
//! hash map). Brokers and replicas are looked up on every simulated message.
use super::codec::Codec;
use super::ids::{BrokerId, PartitionId};

/// Keys: small non-negative integers.
pub trait DenseKey: Copy + Ord {
    fn slot(self) -> usize;
}

impl DenseKey for BrokerId {
    fn slot(self) -> usize {
        self as usize
    }
}

impl DenseKey for PartitionId {
    fn slot(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Debug)]
pub struct IdMap<K: DenseKey, V> {
    /// Slot `k` holds the value for the key whose slot is `k`. Values are boxed so an
    /// empty slot costs one pointer, not a whole value.
    slots: Vec<Option<Box<(K, V)>>>,
    len: usize,
}

impl<K: DenseKey, V> Default for IdMap<K, V> {
    fn default() -> Self {
        IdMap { slots: Vec::new(), len: 0 }
    }
}

impl<K: DenseKey, V> IdMap<K, V> {
    #[inline]
    pub fn get(&self, key: &K) -> Option<&V> {
        match self.slots.get(key.slot()) {
            Some(Some(entry)) => Some(&entry.1),
            _ => None,
        }
    }

    #[inline]
    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        match self.slots.get_mut(key.slot()) {
            Some(Some(entry)) => Some(&mut entry.1),
            _ => None,
        }
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let slot = key.slot();
        if self.slots.len() <= slot {
            self.slots.resize_with(slot + 1, || None);
        }
        // Replacing reuses the entry's box: the checker and the clients overwrite their
        // per-partition values on every high-watermark advance and every consume.
        if let Some(entry) = self.slots[slot].as_mut() {
            return Some(std::mem::replace(&mut entry.1, value));
        }
        self.slots[slot] = Some(Box::new((key, value)));
        self.len += 1;
        None
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        let entry = self.slots.get_mut(key.slot())?.take()?;
        self.len -= 1;
        Some(entry.1)
    }

    /// The value for `key`, inserted by `make` if absent.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        if !self.contains_key(&key) {
            self.insert(key, make());
        }
        self.get_mut(&key).expect("just inserted")
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.slots.iter().flatten().map(|entry| (&entry.0, &entry.1))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> + '_ {
        self.slots.iter_mut().flatten().map(|entry| &mut entry.1)
    }
}

/// Equal when they hold the same entries, however many empty slots each has kept
/// (removing the highest id leaves its slot behind).
impl<K: DenseKey, V: PartialEq> PartialEq for IdMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<K: DenseKey, V: Eq> Eq for IdMap<K, V> {}

impl<K: DenseKey, V> std::ops::Index<&K> for IdMap<K, V> {
    type Output = V;
    fn index(&self, key: &K) -> &V {
        self.get(key).expect("no entry for this id")
    }
}

impl<K: DenseKey + Codec, V: Codec> Codec for IdMap<K, V> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.slots.encode(out);
        self.len.encode(out);
    }

    fn decode(input: &mut &[u8]) -> Option<Self> {
        let slots: Vec<Option<Box<(K, V)>>> = Codec::decode(input)?;
        let len = Codec::decode(input)?;
        // Each entry sits in its own key's slot, and `len` counts them.
        let placed = slots.iter().enumerate().all(|(slot, entry)| entry.as_ref().is_none_or(|e| e.0.slot() == slot));
        (placed && slots.iter().flatten().count() == len).then_some(IdMap { slots, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_with_the_same_entries_are_equal_whatever_their_empty_slots() {
        let mut a: IdMap<BrokerId, &str> = IdMap::default();
        let mut b: IdMap<BrokerId, &str> = IdMap::default();
        a.insert(1, "one");
        b.insert(1, "one");
        b.insert(9, "nine");
        assert_ne!(a, b);
        b.remove(&9);
        assert_eq!(a, b);
        b.insert(1, "uno");
        assert_ne!(a, b);
    }

    #[test]
    fn lookups_and_ordered_iteration() {
        let mut m: IdMap<BrokerId, &str> = IdMap::default();
        m.insert(5, "five");
        m.insert(2, "two");
        m.insert(9, "nine");
        assert_eq!(m.keys().copied().collect::<Vec<_>>(), vec![2, 5, 9]);
        assert_eq!(m.get(&5), Some(&"five"));
        assert_eq!(m.insert(5, "FIVE"), Some("five"));
        assert_eq!(m.remove(&2), Some("two"));
        assert_eq!(m.get(&2), None);
        assert_eq!(m[&9], "nine");
        assert_eq!(m.get(&1000), None);
        *m.get_or_insert_with(1, || "one") = "uno";
        assert_eq!(m.values().copied().collect::<Vec<_>>(), vec!["uno", "FIVE", "nine"]);
    }
}
