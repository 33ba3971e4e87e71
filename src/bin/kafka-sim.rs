//! `kafka-sim`: runs scenario scripts natively and prints the simulated cluster's trace.
// In its own directory: a file directly in src/bin/ would be taken for a binary of its own.
#[path = "kafka-sim/lesson_check.rs"]
mod lesson_check;

use std::io::Read;
use std::process::ExitCode;

use replication_playground::script::describe::{self, Format};
use replication_playground::script::parse::verbs_with_meanings;
use replication_playground::script::what_if::what_if;
use replication_playground::script::{metrics_report, report, state_json, ScriptRun};

const USAGE: &str = "usage: kafka-sim run FILE|- [--quiet] [--json] [--metrics] [--metrics-csv F]
       kafka-sim import FILE|-
       kafka-sim describe FILE|- [--format 3.7]
       kafka-sim what-if FILE|- BROKER[,BROKER...]
       kafka-sim lesson check [DIR] [--seeds N]
       kafka-sim --help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        print!("{}", help_text());
        return ExitCode::SUCCESS;
    }
    match args[0].as_str() {
        "import" => return with_file(&args[1..], &[], |text, _| import(&text)),
        "describe" => return with_file(&args[1..], &["--format"], |text, format| describe_run(&text, format)),
        "what-if" => return what_if_command(&args[1..]),
        "lesson" => return lesson_check::lesson_command(&args[1..]),
        _ => {}
    }
    match parse_args(&args) {
        Ok(options) => run(&options),
        Err(message) => {
            eprintln!("kafka-sim: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    file: String,
    quiet: bool,
    json: bool,
    metrics: bool,
    metrics_csv: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let (command, rest) = args.split_first().ok_or("no command")?;
    if command != "run" {
        return Err(format!("unknown command '{command}'"));
    }
    let mut options = Options { file: String::new(), quiet: false, json: false, metrics: false, metrics_csv: None };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--quiet" => options.quiet = true,
            "--json" => options.json = true,
            "--metrics" => options.metrics = true,
            "--metrics-csv" => {
                let file = rest.next().ok_or("--metrics-csv needs a FILE")?;
                options.metrics_csv = Some(file.clone());
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option '{flag}'")),
            file if options.file.is_empty() => options.file = file.to_string(),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    if options.file.is_empty() {
        return Err("run needs a FILE (or - for standard input)".to_string());
    }
    Ok(options)
}

fn read_script(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
}

fn run(options: &Options) -> ExitCode {
    let text = match read_script(&options.file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("kafka-sim: {message}");
            return ExitCode::from(2);
        }
    };
    let mut runner = ScriptRun::new();
    let result = runner.run_script(&text);
    if options.json {
        println!("{}", state_json::final_state_json(runner.cluster(), &result));
    } else if options.quiet {
        println!("{}", report::outcome_line(&result));
    } else {
        print!("{}", report::run_report(&runner, &result));
    }
    if options.metrics && !options.json {
        print!("{}", metrics_report::metrics_table(&runner));
    }
    if let Some(file) = &options.metrics_csv {
        if let Err(e) = std::fs::write(file, metrics_report::metrics_csv(&runner)) {
            eprintln!("kafka-sim: cannot write {file}: {e}");
            return ExitCode::from(2);
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}: {error}", options.file);
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

/// `import` and `describe`: one FILE (or -) and, for `describe`, `--format 3.7|4`.
fn with_file(args: &[String], flags: &[&str], then: impl FnOnce(String, Format) -> ExitCode) -> ExitCode {
    let mut file = None;
    let mut format = Format::Kafka4;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let problem = match arg.as_str() {
            "--format" if flags.contains(&"--format") => match rest.next().map(String::as_str) {
                Some("3.7") => {
                    format = Format::Kafka37;
                    None
                }
                Some("4" | "4.x" | "3.8") => None,
                other => Some(format!("--format takes 3.7 or 4, not '{}'", other.unwrap_or(""))),
            },
            flag if flag.starts_with("--") => Some(format!("unknown option '{flag}'")),
            name if file.is_none() => {
                file = Some(name.to_string());
                None
            }
            extra => Some(format!("unexpected argument '{extra}'")),
        };
        if let Some(message) = problem {
            eprintln!("kafka-sim: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(file) = file else {
        eprintln!("kafka-sim: a FILE (or - for standard input) is needed\n{USAGE}");
        return ExitCode::from(2);
    };
    match read_script(&file) {
        Ok(text) => then(text, format),
        Err(message) => {
            eprintln!("kafka-sim: {message}");
            ExitCode::from(2)
        }
    }
}

/// `kafka-sim import`: the scenario on standard output, or every malformed line on
/// standard error and exit status 1.
fn import(text: &str) -> ExitCode {
    match describe::import_describe(text) {
        Ok(imported) => {
            print!("{}", imported.scenario());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!("{}", describe::report(&errors));
            ExitCode::from(1)
        }
    }
}

/// `kafka-sim describe`: runs the scenario, then prints the cluster as kafka-topics does.
fn describe_run(text: &str, format: Format) -> ExitCode {
    let mut runner = ScriptRun::new();
    if let Err(error) = runner.run_script(text) {
        eprintln!("kafka-sim: {error}");
        return ExitCode::from(error.exit_code() as u8);
    }
    print!("{}", describe::describe(runner.cluster(), format));
    ExitCode::SUCCESS
}

/// `kafka-sim what-if FILE BROKERS`: runs the scenario, then says what the failure of the
/// brokers (`2` or `2,4`) would do, from a run of the simulator on a copy.
fn what_if_command(args: &[String]) -> ExitCode {
    let [file, brokers] = args else {
        eprintln!("kafka-sim: what-if takes a FILE (or -) and the brokers that fail, as 4 or 2,4\n{USAGE}");
        return ExitCode::from(2);
    };
    let Some(brokers) = brokers.split(',').map(|b| b.trim().parse::<u32>().ok()).collect::<Option<Vec<u32>>>() else {
        eprintln!("kafka-sim: '{brokers}' is not a list of broker numbers such as 4 or 2,4\n{USAGE}");
        return ExitCode::from(2);
    };
    with_file(std::slice::from_ref(file), &[], |text, _| {
        let mut runner = ScriptRun::new();
        if let Err(error) = runner.run_script(&text) {
            eprintln!("kafka-sim: {error}");
            return ExitCode::from(error.exit_code() as u8);
        }
        match what_if(runner.cluster(), &brokers) {
            Ok(answer) => {
                print!("{}", answer.report());
                ExitCode::SUCCESS
            }
            Err(why) => {
                eprintln!("kafka-sim: {why}");
                ExitCode::from(1)
            }
        }
    })
}

fn help_text() -> String {
    let mut text = String::from("kafka-sim — run Kafka replication scenarios on a simulated cluster\n\n");
    text.push_str(USAGE);
    text.push_str("\n\n  run FILE     run a scenario script (FILE may be - for standard input)\n");
    text.push_str("  --quiet      print only the outcome\n  --json       print the final state as JSON\n");
    text.push_str("  --metrics    print Kafka's replication metrics at the end (name, value, MBean, normal value)\n");
    text.push_str("  --metrics-csv F  write every change of every metric to F (time_ms,event_index,metric,value)\n\n");
    text.push_str("  import FILE  read what `kafka-topics.sh --describe` printed (any Kafka, filtered or\n");
    text.push_str("               not, wrapped lines too) and write a scenario that builds that cluster,\n");
    text.push_str("               its assumptions as # comments on top; malformed lines go to standard\n");
    text.push_str("               error with their numbers (exit status 1)\n");
    text.push_str("  describe FILE [--format 3.7]\n");
    text.push_str("               run a scenario, then print its topics as `kafka-topics.sh --describe`\n");
    text.push_str("               does (Kafka 4.x, with Elr and LastKnownElr; 3.7 without)\n");
    text.push_str("  what-if FILE BROKERS\n");
    text.push_str("               run a scenario, then say what the failure of BROKERS (4, or 2,4) would do,\n");
    text.push_str("               from a run on a copy: partitions offline (and what an unclean election\n");
    text.push_str("               would lose), under min.insync.replicas, leaders moved\n");
    text.push_str("  lesson check [DIR] [--seeds N]\n");
    text.push_str("               parse and check every *.lesson file of DIR (default lessons/), as\n");
    text.push_str("               docs/lessons.md says: one line per lesson, ok or FAIL with the step and\n");
    text.push_str("               the reason (exit status 1); a malformed file: FILE: line N: message (2);\n");
    text.push_str("               a defend challenge's seed sweep runs N seeds (default 1000)\n\n");
    text.push_str("Exit status: 0 every assertion held; 1 an assertion failed or the cluster refused a command;\n");
    text.push_str("2 the script is malformed (the message names line, column and what was expected).\n\n");
    text.push_str("A script has one command per line; # starts a comment; durations are 250ms, 3s, 2m\n");
    text.push_str("(a bare number is milliseconds); brokers are numbered from 1; a partition is TOPIC-N.\n");
    text.push_str("`await` checks its query every 100 ms of simulated time, as Kafka's own tests poll.\n\n");
    text.push_str("COMMANDS\n");
    for (verb, syntax, meaning) in verbs_with_meanings().filter(|(_, _, m)| !m.starts_with("query:")) {
        let _ = verb;
        text.push_str(&format!("  {syntax}\n      {meaning}\n"));
    }
    text.push_str("\nQUERIES (in `expect QUERY = VALUE` and `await QUERY = VALUE [within D]`)\n");
    for (_, syntax, meaning) in verbs_with_meanings().filter(|(_, _, m)| m.starts_with("query:")) {
        text.push_str(&format!("  {syntax}\n      {}\n", meaning.trim_start_matches("query:").trim()));
    }
    text.push_str(EXAMPLE);
    text
}

const EXAMPLE: &str = "
EXAMPLE: crash the leader and check who takes over
  seed 7
  brokers 3
  topic create orders partitions=1 rf=3 min-isr=2 start=0
  produce orders-0 first
  await hw orders-0 = 1 within 5s
  crash broker 1
  await leader orders-0 = 2 within 30s     # the first in-sync replica in assignment order
  expect isr orders-0 = [2,3]
  expect lost = []
";
