//! What the control forms turn their fields into: a typed `Command`, or the message shown
//! next to the form saying why the fields make none. Plain text in, typed commands out, so
//! these checks run natively under `cargo test`; the components only read fields and hand
//! the result on.
//!
//! A command a form makes must print as a script line that parses back to it (an exported
//! session is those lines), so the forms keep to what the script language can hold: names
//! by its name rule, values without double quotes or line breaks.
use crate::script::ast::{Acks, Command, ProduceTarget, TopicPartition};
use crate::sim::TopicSpec;

/// Kafka's limit on a topic name's length, which the script's name rule (racks too) keeps.
const MAX_NAME_CHARS: usize = 249;

/// `Ok(n)` for a whole number in `lo..=hi`, else the message to show next to the field.
pub fn whole(text: &str, what: &str, lo: u32, hi: u32) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {lo} to {hi}")),
    }
}

/// A name the script language reads as one word: letters, digits, `.`, `_`, `-`.
pub fn plain_word(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_NAME_CHARS
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A record value or key a script can hold: not empty, no double quote, no line break.
fn script_text(value: &str) -> bool {
    !value.is_empty() && !value.contains(['"', '\n', '\r'])
}

/// `broker add`, on the typed rack if any.
pub fn add_broker(rack: &str) -> Result<Command, String> {
    let rack = rack.trim();
    if !rack.is_empty() && !plain_word(rack) {
        return Err("A rack name is letters, digits, '.', '_' or '-' (or empty for no rack)".into());
    }
    Ok(Command::BrokerAdd { id: None, rack: (!rack.is_empty()).then(|| rack.to_string()) })
}

/// The broker the remove form names: the one picked, else the first in the list (the
/// highest id), which the select shows before anything is picked. Empty when there is none.
pub fn broker_to_remove(picked: &str, ids: &[u32]) -> String {
    if picked.is_empty() {
        ids.last().map(u32::to_string).unwrap_or_default()
    } else {
        picked.to_string()
    }
}

pub fn remove_broker(picked: &str, ids: &[u32]) -> Result<Command, String> {
    match broker_to_remove(picked, ids).parse::<u32>() {
        Ok(id) => Ok(Command::BrokerRemove(id)),
        Err(_) => Err("There is no broker to remove".into()),
    }
}

/// `topic create ...` from the form's fields as typed, or why they cannot make one.
pub fn create_topic(name: &str, partitions: &str, rf: &str, min_isr: &str) -> Result<Command, String> {
    let name = name.trim();
    if !plain_word(name) || name == "." || name == ".." {
        return Err("A topic name is letters, digits, '.', '_' or '-'".into());
    }
    let p = whole(partitions, "Partitions", 1, 1000)?;
    let r = whole(rf, "Replication factor", 1, 100)?;
    let m = whole(min_isr, "min-ISR", 1, 100)?;
    if m > r {
        return Err(format!(
            "min-ISR ({m}) cannot exceed the replication factor ({r}): no write with acks=all could ever succeed"
        ));
    }
    let spec = TopicSpec {
        name: name.to_string(),
        partitions: p,
        replication_factor: r,
        min_isr: Some(m),
        start: None,
        replicas: None,
        placer: None,
    };
    Ok(Command::TopicCreate(spec))
}

/// "orders-2" (a partition's name as the views show it) → topic `orders`, partition 2: the
/// last `-N` is the partition, as the script reads it.
pub fn topic_partition(name: &str) -> Option<TopicPartition> {
    let (topic, index) = name.rsplit_once('-')?;
    if topic.is_empty() || index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(TopicPartition::new(topic, index.parse().ok()?))
}

/// A topic, or a partition when the name ends in `-N`: the rule the script's parser reads
/// `produce TARGET` by, so the command replays as what was sent.
pub fn produce_target(name: &str) -> ProduceTarget {
    topic_partition(name).map_or_else(|| ProduceTarget::Topic(name.to_string()), ProduceTarget::Partition)
}

/// The acks choice of the produce form ("all", "1" or "0").
pub fn acks(choice: &str) -> Acks {
    match choice {
        "0" => Acks::Zero,
        "1" => Acks::One,
        _ => Acks::All,
    }
}

/// `produce ...` to `target` (a topic or a partition) from the form's value, key and acks,
/// or why they cannot make one.
pub fn produce(value: &str, key: &str, acks_choice: &str, target: &str) -> Result<Command, String> {
    let value = value.trim();
    if !script_text(value) {
        return Err("Type a value to send (no double quotes or line breaks)".into());
    }
    if target.is_empty() {
        return Err("Create a topic first".into());
    }
    let key = key.trim();
    let one_word = |k: &str| script_text(k) && !k.contains(|c: char| c.is_whitespace() || c == '#' || c == '=');
    if !key.is_empty() && !one_word(key) {
        return Err("A key is one word: no spaces or quotes".into());
    }
    Ok(Command::Produce {
        target: produce_target(target),
        value: value.to_string(),
        key: (!key.is_empty()).then(|| key.to_string()),
        acks: Some(acks(acks_choice)),
        producer: None,
    })
}

/// `steady-rate TARGET N acks=A` from the steady-rate field, or why not.
pub fn steady_rate(per_second: &str, acks_choice: &str, target: &str) -> Result<Command, String> {
    let per_second = whole(per_second, "Records per second", 1, crate::sim::cluster::MAX_RECORDS_PER_SECOND)?;
    if target.is_empty() {
        return Err("Create a topic first".into());
    }
    Ok(Command::SteadyRate {
        target: produce_target(target),
        per_second,
        acks: Some(acks(acks_choice)),
        producer: None,
    })
}

/// `set KEY VALUE` from a settings field: one value, which the configuration then checks.
pub fn setting(key: &str, value: &str) -> Result<Command, String> {
    let value = value.trim();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return Err(format!("{key}: type one value"));
    }
    Ok(Command::Set { key: key.to_string(), value: value.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::ast::Statement;
    use crate::script::parse::parse_line;

    /// Every command a form makes prints as a line the console reads back as that command,
    /// so an exported session replays what was clicked. Gives the line.
    fn line_of(command: Command) -> String {
        let line = command.to_string();
        assert_eq!(parse_line(&line, 1), Ok(Some(Statement::Command(command))), "{line}");
        line
    }

    #[test]
    fn broker_forms_make_commands_or_say_what_is_wrong() {
        assert_eq!(line_of(add_broker(" b ").unwrap()), "broker add rack=b");
        assert_eq!(line_of(add_broker("").unwrap()), "broker add");
        assert!(add_broker("rack b").unwrap_err().contains("letters, digits"));
        assert!(add_broker(&"r".repeat(250)).is_err(), "longer than the script's name rule");
        assert_eq!(remove_broker("", &[1, 2, 4]), Ok(Command::BrokerRemove(4)));
        assert_eq!(line_of(remove_broker("2", &[1, 2, 4]).unwrap()), "broker remove 2");
        assert_eq!(remove_broker("", &[]), Err("There is no broker to remove".into()));
    }

    #[test]
    fn the_topic_form_checks_each_field_and_min_isr_against_rf() {
        let command = create_topic("payments", "3", " 3", "2").unwrap();
        assert_eq!(line_of(command), "topic create payments partitions=3 rf=3 min-isr=2");
        assert!(create_topic("pay ments", "3", "3", "2").unwrap_err().starts_with("A topic name"));
        assert!(create_topic("..", "3", "3", "2").is_err());
        assert_eq!(create_topic("t", "0", "3", "2"), Err("Partitions must be a whole number from 1 to 1000".into()));
        assert_eq!(
            create_topic("t", "3", "x", "2"),
            Err("Replication factor must be a whole number from 1 to 100".into())
        );
        assert!(create_topic("t", "3", "2", "3")
            .unwrap_err()
            .starts_with("min-ISR (3) cannot exceed the replication factor (2)"));
    }

    #[test]
    fn the_produce_form_makes_a_typed_command_and_refuses_what_a_script_cannot_hold() {
        let command = produce("hello", "", "all", "orders").unwrap();
        assert_eq!(line_of(command), "produce orders hello acks=all");
        let command = produce(" two words ", "k1", "1", "orders-0").unwrap();
        let Command::Produce { target, value, key, acks, .. } = &command else { panic!("{command:?}") };
        assert_eq!(*target, ProduceTarget::Partition(TopicPartition::new("orders", 0)));
        assert_eq!((value.as_str(), key.as_deref(), *acks), ("two words", Some("k1"), Some(Acks::One)));
        assert_eq!(line_of(command), "produce orders-0 \"two words\" key=k1 acks=1");
        assert_eq!(line_of(produce("a=b", "", "0", "orders").unwrap()), "produce orders \"a=b\" acks=0");
        assert!(produce("say \"hi\"", "", "all", "orders").is_err());
        assert!(produce("   ", "", "all", "orders").is_err());
        assert_eq!(produce("v", "", "all", ""), Err("Create a topic first".into()));
        assert_eq!(produce("v", "two words", "all", "orders"), Err("A key is one word: no spaces or quotes".into()));
    }

    #[test]
    fn the_steady_rate_and_settings_fields_make_one_command_each() {
        assert_eq!(line_of(steady_rate("100", "all", "orders").unwrap()), "steady-rate orders 100 acks=all");
        assert!(steady_rate("0", "all", "orders").is_err());
        assert!(steady_rate("1001", "all", "orders").is_err());
        assert!(steady_rate("ten", "1", "orders").is_err());
        assert_eq!(steady_rate("5", "1", ""), Err("Create a topic first".into()));
        assert_eq!(line_of(setting("sim.replication", " manual ").unwrap()), "set sim.replication manual");
        assert_eq!(setting("sim.replication", "a b"), Err("sim.replication: type one value".into()));
        assert!(setting("sim.replication", "").is_err());
    }

    #[test]
    fn a_target_is_a_partition_exactly_when_the_parser_reads_one() {
        assert_eq!(produce_target("orders"), ProduceTarget::Topic("orders".into()));
        assert_eq!(produce_target("my-topic-2"), ProduceTarget::Partition(TopicPartition::new("my-topic", 2)));
        assert_eq!(produce_target("my-topic"), ProduceTarget::Topic("my-topic".into()));
        assert_eq!(topic_partition("orders-0"), Some(TopicPartition::new("orders", 0)));
        assert_eq!(topic_partition("orders"), None);
    }
}
