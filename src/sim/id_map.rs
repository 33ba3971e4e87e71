//! A map from small integer ids to values with O(1) lookup and iteration in id order
//! (deterministic on every platform, unlike a hash map). Brokers and replicas are looked
//! up on every simulated message, so this replaces ordered trees on the hot path.
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdMap<K: DenseKey, V> {
    /// key slot → position in `entries` + 1 (0: absent).
    index: Vec<u32>,
    /// Entries sorted by key.
    entries: Vec<(K, V)>,
}

impl<K: DenseKey, V> Default for IdMap<K, V> {
    fn default() -> Self {
        IdMap { index: Vec::new(), entries: Vec::new() }
    }
}

impl<K: DenseKey, V> IdMap<K, V> {
    fn position(&self, key: &K) -> Option<usize> {
        match self.index.get(key.slot()) {
            Some(&p) if p > 0 => Some(p as usize - 1),
            _ => None,
        }
    }

    fn reindex(&mut self) {
        for slot in self.index.iter_mut() {
            *slot = 0;
        }
        for (i, (k, _)) in self.entries.iter().enumerate() {
            let s = k.slot();
            if self.index.len() <= s {
                self.index.resize(s + 1, 0);
            }
            self.index[s] = i as u32 + 1;
        }
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.position(key).map(|p| &self.entries[p].1)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.position(key).map(|p| &mut self.entries[p].1)
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.position(key).is_some()
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        if let Some(p) = self.position(&key) {
            return Some(std::mem::replace(&mut self.entries[p].1, value));
        }
        let at = self.entries.partition_point(|(k, _)| *k < key);
        self.entries.insert(at, (key, value));
        self.reindex();
        None
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        let p = self.position(key)?;
        let (_, value) = self.entries.remove(p);
        self.reindex();
        Some(value)
    }

    /// The value for `key`, inserted by `make` if absent.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        if self.position(&key).is_none() {
            self.insert(key, make());
        }
        self.get_mut(&key).expect("just inserted")
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> + '_ {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: DenseKey, V> std::ops::Index<&K> for IdMap<K, V> {
    type Output = V;
    fn index(&self, key: &K) -> &V {
        self.get(key).expect("no entry for this id")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
