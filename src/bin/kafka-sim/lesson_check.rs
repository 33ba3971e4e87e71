//! `kafka-sim lesson check [DIR]`: parses and checks every `*.lesson` file of DIR (default
//! `lessons/`), in file-name order. Exit status 0 when all are true, 1 when a check fails
//! (each failure printed as `FAIL ...`), 2 when a file is malformed or cannot be read
//! (`FILE: line N: message`), so `make test` stops on any lesson that is not true.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use replication_playground::script::lesson::{check_lesson, parse_lesson, Lesson};

pub const LESSON_USAGE: &str = "kafka-sim lesson check [DIR]";

/// `args` are what follows `lesson`.
pub fn lesson_command(args: &[String]) -> ExitCode {
    match args {
        [check] if check == "check" => check_dir(Path::new("lessons")),
        [check, dir] if check == "check" && !dir.starts_with("--") => check_dir(Path::new(dir)),
        _ => {
            eprintln!("kafka-sim: usage: {LESSON_USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check_dir(dir: &Path) -> ExitCode {
    let files = match lesson_files(dir) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("kafka-sim: {message}");
            return ExitCode::from(2);
        }
    };
    match parse_all(&files) {
        Some(lessons) => check_all(&lessons),
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

fn check_all(lessons: &[Lesson]) -> ExitCode {
    let mut failures = 0;
    for lesson in lessons {
        match check_lesson(lesson) {
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
