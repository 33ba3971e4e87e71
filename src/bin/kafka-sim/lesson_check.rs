//! `kafka-sim lesson check [DIR]`: parses and checks every `*.lesson` file of DIR (default
//! `lessons/`), in file-name order. Exit status 0 when all are true, 1 when a check fails
//! (each failure printed as `FAIL ...`), 2 when a file is malformed or cannot be read
//! (`FILE: line N: message`), so `make test` stops on any lesson that is not true.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use replication_playground::script::lesson::{check_lesson_with_seeds, parse_lesson, Lesson, DEFEND_SEEDS};

pub const LESSON_USAGE: &str = "kafka-sim lesson check [DIR] [--seeds N]";

/// `args` are what follows `lesson`: `check`, then a directory and `--seeds N` (the seeds
/// a defend challenge's sweep runs), in any order.
pub fn lesson_command(args: &[String]) -> ExitCode {
    let usage = || {
        eprintln!("kafka-sim: usage: {LESSON_USAGE}");
        ExitCode::from(2)
    };
    let Some((check, rest)) = args.split_first().filter(|(c, _)| *c == "check") else { return usage() };
    let _ = check;
    let (mut dir, mut seeds, mut words) = (None, DEFEND_SEEDS, rest.iter());
    while let Some(word) = words.next() {
        match word.as_str() {
            "--seeds" => match words.next().and_then(|n| n.parse::<u64>().ok()).filter(|&n| n > 0) {
                Some(n) => seeds = n,
                None => return usage(),
            },
            other if other.starts_with("--") || dir.is_some() => return usage(),
            other => dir = Some(Path::new(other)),
        }
    }
    check_dir(dir.unwrap_or(Path::new("lessons")), seeds)
}

fn check_dir(dir: &Path, seeds: u64) -> ExitCode {
    let files = match lesson_files(dir) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("kafka-sim: {message}");
            return ExitCode::from(2);
        }
    };
    match parse_all(&files) {
        Some(lessons) => check_all(&lessons, seeds),
        None => ExitCode::from(2),
    }
}

/// The `*.lesson` files of the directory, sorted by name (the path's order).
fn lesson_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "lesson"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.lesson file in {}", dir.display()));
    }
    Ok(files)
}

/// Every file parsed, or `None` after printing every malformed line of every file.
fn parse_all(files: &[PathBuf]) -> Option<Vec<Lesson>> {
    let mut lessons = Vec::new();
    let mut malformed = false;
    for file in files {
        let parsed = std::fs::read_to_string(file)
            .map_err(|e| vec![format!("cannot read it: {e}")])
            .and_then(|text| parse_lesson(&text).map_err(|errors| errors.iter().map(ToString::to_string).collect()));
        match parsed {
            Ok(lesson) => lessons.push(lesson),
            Err(messages) => {
                malformed = true;
                for message in messages {
                    eprintln!("{}: {message}", file.display());
                }
            }
        }
    }
    (!malformed).then_some(lessons)
}

fn check_all(lessons: &[Lesson], seeds: u64) -> ExitCode {
    let mut failures = 0;
    for lesson in lessons {
        match check_lesson_with_seeds(lesson, seeds) {
            Ok(report) => println!("ok  {}", report.summary()),
            Err(failure) => {
                failures += 1;
                println!("FAIL {failure}");
            }
        }
    }
    if failures == 0 {
        println!("{} lesson{} ok", lessons.len(), if lessons.len() == 1 { "" } else { "s" });
        ExitCode::SUCCESS
    } else {
        println!("{failures} of {} lessons failed", lessons.len());
        ExitCode::from(1)
    }
}
