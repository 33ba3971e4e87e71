//! Keys that stay with a drawn thing from one frame to the next. Yew matches the unkeyed
//! children of an element from their end, so when a list of messages gains one at its end
//! and loses one at its start, every shape would be redrawn as its neighbour (and a list
//! before it in the same parent would shift too). A key per message lets Yew move one shape
//! in and one out. Messages carry no id of their own: what they are and when they were sent
//! names them, and a repeat within one frame is told apart by its count. No yew: tested
//! natively.
use std::collections::BTreeMap;

/// `bases` made unique, in order: the n-th repeat of a base gets `#n`.
pub fn unique_keys(bases: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    bases
        .into_iter()
        .map(|base| {
            let count = seen.entry(base.clone()).or_default();
            *count += 1;
            format!("{base}#{count}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_stays_with_its_thing_as_the_list_slides_and_repeats_are_told_apart() {
        let before = unique_keys(["a", "b", "b"].map(String::from));
        let after = unique_keys(["b", "b", "c"].map(String::from));
        assert_eq!(before, ["a#1", "b#1", "b#2"]);
        assert_eq!(after, ["b#1", "b#2", "c#1"], "the two b's keep their keys when a leaves");
    }
}
