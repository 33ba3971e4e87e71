//! The scenarios are the project's acceptance tests: every file in `scenarios/` and, when
//! the folder exists, every file in `../shared/scenarios/` must pass. Files in
//! `scenarios/errors/` must fail as their header says (`# expect-exit: N`,
//! `# expect-message: TEXT`). Scenarios with a `.trace` file beside them are golden:
//! their full trace must match it exactly. After an intended change of behaviour or
//! wording, rewrite the golden files with `UPDATE_GOLDEN=1 cargo test --test scenarios`
//! and review the diff.
use std::path::{Path, PathBuf};

use replication_playground::script::report::run_report;
use replication_playground::script::ScriptRun;

fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "scenario"))
        .collect();
    files.sort();
    files
}

fn run_file(path: &Path) -> (ScriptRun, Result<(), replication_playground::script::ScriptError>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut runner = ScriptRun::new();
    let result = runner.run_script(&text);
    (runner, result)
}

fn project(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

fn assert_all_pass(files: &[PathBuf]) {
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let (_, result) = run_file(path);
            result.err().map(|e| format!("{}: {e}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "failing scenarios:\n{}", failures.join("\n"));
}

#[test]
fn every_project_scenario_passes() {
    let files = scenario_files(&project("scenarios"));
    assert!(files.len() >= 30, "expected at least 30 scenarios, found {}", files.len());
    assert_all_pass(&files);
}

#[test]
fn every_shared_scenario_passes_unmodified() {
    let dir = project("../shared/scenarios");
    if !dir.is_dir() {
        eprintln!("no {} here: skipped", dir.display());
        return;
    }
    let files = scenario_files(&dir);
    assert!(!files.is_empty(), "{} holds no scenarios", dir.display());
    assert_all_pass(&files);
}

fn header(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| l.strip_prefix(&format!("# {key}:")).map(|v| v.trim().to_string()))
}

#[test]
fn broken_scenarios_fail_precisely() {
    let files = scenario_files(&project("scenarios/errors"));
    assert!(files.len() >= 3, "expected error scenarios in scenarios/errors");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let exit: i32 = header(&text, "expect-exit").and_then(|v| v.parse().ok()).expect("# expect-exit: N header");
        let message = header(&text, "expect-message").expect("# expect-message: TEXT header");
        let (_, result) = run_file(&path);
        let error = result.expect_err(&format!("{} should fail", path.display()));
        assert_eq!(error.exit_code(), exit, "{}: {error}", path.display());
        assert!(error.to_string().contains(&message), "{}: '{error}' does not contain '{message}'", path.display());
    }
}

#[test]
fn golden_traces_match_exactly() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut checked = 0;
    for path in scenario_files(&project("scenarios")) {
        let golden = path.with_extension("trace");
        if !golden.exists() {
            continue;
        }
        let (runner, result) = run_file(&path);
        let actual = run_report(&runner, &result);
        if update {
            std::fs::write(&golden, &actual).expect("writable");
        } else {
            let expected = std::fs::read_to_string(&golden).expect("readable");
            if expected != actual {
                let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).unwrap_or(0);
                panic!(
                    "{} differs from its golden trace at line {}:\n  golden: {}\n  actual: {}\n(if intended: UPDATE_GOLDEN=1 cargo test --test scenarios)",
                    path.display(),
                    first + 1,
                    expected.lines().nth(first).unwrap_or("<end>"),
                    actual.lines().nth(first).unwrap_or("<end>")
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 4, "expected golden traces for at least 4 scenarios, found {checked}");
}
