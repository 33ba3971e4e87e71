//! A record's `Key: value` fields. TopicCommand prints `Key: value` pairs separated by tabs
//! (the ZooKeeper era's header `Topic:foo\tPartitionCount:3` without the space), so a field
//! is found by its key wherever it stands, and its value runs to the next key.

/// Every key TopicCommand prints in `--describe` (3.7: up to `Isr`, `Adding Replicas`,
/// `Removing Replicas`, `MarkedForDeletion`; 3.8+ adds `Elr` and `LastKnownElr`; 2.8+
/// `TopicId`). Two-word keys first, so `Adding Replicas:` is not read as `Replicas:`.
pub const KEYS: [&str; 14] = [
    "Adding Replicas",
    "Removing Replicas",
    "Topic",
    "TopicId",
    "PartitionCount",
    "ReplicationFactor",
    "Configs",
    "MarkedForDeletion",
    "Partition",
    "Leader",
    "Replicas",
    "Isr",
    "Elr",
    "LastKnownElr",
];

/// One field: its key, its value trimmed, and the byte offset of the key in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: &'static str,
    pub value: &'a str,
    pub offset: usize,
}

/// The key starting at byte `at` of `text`, if one does (`Key:` at a word's start).
fn key_at(text: &str, at: usize) -> Option<&'static str> {
    let rest = &text[at..];
    KEYS.into_iter().find(|key| rest.starts_with(key) && rest[key.len()..].starts_with(':'))
}

/// The fields of a record, and the text before its first key (empty when it starts with
/// one, as every record does after `split_records`).
pub fn fields(text: &str) -> (Vec<Field<'_>>, &str) {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    let mut word_start = true;
    // The end of the last key found: `Replicas` inside `Adding Replicas:` is not a key.
    let mut key_end = 0;
    for (at, c) in text.char_indices() {
        if word_start && at >= key_end {
            if let Some(key) = key_at(text, at) {
                found.push((at, key));
                key_end = at + key.len() + 1;
            }
        }
        word_start = c == ' ';
    }
    let lead = &text[..found.first().map_or(text.len(), |(at, _)| *at)];
    let fields = found
        .iter()
        .enumerate()
        .map(|(i, &(at, key))| {
            let end = found.get(i + 1).map_or(text.len(), |(next, _)| *next);
            Field { key, value: text[at + key.len() + 1..end].trim(), offset: at }
        })
        .collect();
    (fields, lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&'static str, &str)> {
        fields(text).0.into_iter().map(|f| (f.key, f.value)).collect()
    }

    #[test]
    fn values_run_to_the_next_key_with_or_without_a_space() {
        assert_eq!(
            pairs("Topic:foo PartitionCount:3 ReplicationFactor:2 Configs:"),
            [("Topic", "foo"), ("PartitionCount", "3"), ("ReplicationFactor", "2"), ("Configs", "")]
        );
        assert_eq!(
            pairs("Topic: a Partition: 0 Leader: none Replicas: 1,2 Isr: Elr: N/A LastKnownElr: 2"),
            [
                ("Topic", "a"),
                ("Partition", "0"),
                ("Leader", "none"),
                ("Replicas", "1,2"),
                ("Isr", ""),
                ("Elr", "N/A"),
                ("LastKnownElr", "2")
            ]
        );
    }

    #[test]
    fn two_word_keys_win_and_words_inside_values_are_not_keys() {
        assert_eq!(pairs("Adding Replicas: 4 Removing Replicas: 1")[0], ("Adding Replicas", "4"));
        assert_eq!(pairs("Topic: MyTopic: x"), [("Topic", "MyTopic: x")]);
        assert_eq!(fields("junk Topic: a").1, "junk ");
    }
}
