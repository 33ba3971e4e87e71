//! Every lesson file of `lessons/`, embedded, so the page needs no request to show the map:
//! (file name, text), in file-name order (the path's order).
pub const LESSON_FILES: &[(&str, &str)] = &[
    ("01-leaders-and-followers.lesson", include_str!("../../../lessons/01-leaders-and-followers.lesson")),
    ("02-metadata-and-partitioner.lesson", include_str!("../../../lessons/02-metadata-and-partitioner.lesson")),
    ("03-leader-acks.lesson", include_str!("../../../lessons/03-leader-acks.lesson")),
    ("04-consumers-below-hw.lesson", include_str!("../../../lessons/04-consumers-below-hw.lesson")),
    ("05-fetch-loop.lesson", include_str!("../../../lessons/05-fetch-loop.lesson")),
    ("06-staying-in-sync.lesson", include_str!("../../../lessons/06-staying-in-sync.lesson")),
    ("07-failover.lesson", include_str!("../../../lessons/07-failover.lesson")),
    ("08-min-insync-replicas.lesson", include_str!("../../../lessons/08-min-insync-replicas.lesson")),
    ("09-unclean-election.lesson", include_str!("../../../lessons/09-unclean-election.lesson")),
    ("10-leader-epochs-truncation.lesson", include_str!("../../../lessons/10-leader-epochs-truncation.lesson")),
    ("11-power-off-and-flush.lesson", include_str!("../../../lessons/11-power-off-and-flush.lesson")),
    ("12-idempotent-producer.lesson", include_str!("../../../lessons/12-idempotent-producer.lesson")),
    ("13-eligible-leader-replicas.lesson", include_str!("../../../lessons/13-eligible-leader-replicas.lesson")),
    ("20-zombie-ack.lesson", include_str!("../../../lessons/20-zombie-ack.lesson")),
    ("21-two-copies.lesson", include_str!("../../../lessons/21-two-copies.lesson")),
    ("22-ghost-read.lesson", include_str!("../../../lessons/22-ghost-read.lesson")),
    ("23-offline-one-crash.lesson", include_str!("../../../lessons/23-offline-one-crash.lesson")),
    ("24-last-replica.lesson", include_str!("../../../lessons/24-last-replica.lesson")),
    ("25-make-kip101-necessary.lesson", include_str!("../../../lessons/25-make-kip101-necessary.lesson")),
    ("30-defend-unclean.lesson", include_str!("../../../lessons/30-defend-unclean.lesson")),
    ("31-defend-last-replica.lesson", include_str!("../../../lessons/31-defend-last-replica.lesson")),
];

/// Nobody forgets to list a new lesson: the list is exactly the directory's `*.lesson` files.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::LESSON_FILES;

    #[test]
    fn the_catalog_lists_every_lesson_file_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("lessons/ exists")
            .map(|entry| entry.expect("a readable entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".lesson"))
            .collect();
        names.sort();
        let listed: Vec<&str> = LESSON_FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(listed, names, "src/script/lesson/catalog.rs must list every lessons/*.lesson file");
        for (name, text) in LESSON_FILES {
            assert_eq!(*text, std::fs::read_to_string(dir.join(name)).unwrap(), "{name}");
        }
    }
}
