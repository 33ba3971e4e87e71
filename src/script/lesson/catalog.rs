//! Every lesson file of `lessons/`, embedded, so the page needs no request to show the map:
//! (file name, text), in file-name order (the path's order).
pub const LESSON_FILES: &[(&str, &str)] = &[
    ("01-leaders-and-followers.lesson", include_str!("../../../lessons/01-leaders-and-followers.lesson")),
    ("02-metadata-and-partitioner.lesson", include_str!("../../../lessons/02-metadata-and-partitioner.lesson")),
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
