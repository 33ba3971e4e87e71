//! Sorting by an integer key through one shared sort. Every `sort_by_key` on a new element
//! type or closure monomorphizes a copy of std's sort (about 4 KB of wasm each); the page's
//! bundle has a 300 kB budget, so the core, the script layer and the UI sort through here,
//! and std's sort is instantiated once, for `(u64, u32)` pairs.

/// Sorts `items` by `key`, stably: items with equal keys keep their order.
pub fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    assert!(items.len() <= u32::MAX as usize, "too many items to sort");
    // (key, original index) pairs are all distinct, so an unstable sort of them is stable
    // for the items, and its result does not depend on the sort's algorithm.
    let mut order: Vec<(u64, u32)> = items.iter().enumerate().map(|(i, item)| (key(item), i as u32)).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|(_, i)| slots[i as usize].take()));
}

/// Broker ids (or any small ids) in ascending order.
pub fn sort_ids(ids: &mut Vec<u32>) {
    sort_by_u64_key(ids, |id| u64::from(*id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_the_order_of_equal_keys() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_u64_key(&mut items, |(k, _)| *k);
        assert_eq!(items, vec![(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_std_stable_sort_on_pseudo_random_input() {
        let mut rng = crate::sim::rng::SimRng::new(7);
        for len in [0usize, 1, 2, 17, 300] {
            let items: Vec<(u64, usize)> = (0..len).map(|i| (rng.below(20), i)).collect();
            let mut ours = items.clone();
            sort_by_u64_key(&mut ours, |(k, _)| *k);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|(k, _)| *k);
            assert_eq!(ours, std_sorted);
        }
        let mut ids = vec![5, 3, 9, 1];
        sort_ids(&mut ids);
        assert_eq!(ids, [1, 3, 5, 9]);
    }
}
