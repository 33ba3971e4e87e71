//! What the control forms turn their fields into: a scenario-script line, or the message
//! shown next to the form saying why the fields make none. Plain text in and out, so these
//! checks run natively under `cargo test`; the components only read fields and dispatch.

/// `Ok(n)` for a whole number in `lo..=hi`, else the message to show next to the field.
pub fn whole(text: &str, what: &str, lo: u32, hi: u32) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {lo} to {hi}")),
    }
}

/// A word the script language reads as one token: letters, digits, `.`, `_`, `-`.
pub fn plain_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A record value as a script token: quoted when it has spaces; `None` when it cannot be
/// written (a double quote or a line break inside).
pub fn script_value(value: &str) -> Option<String> {
    if value.is_empty() || value.contains('"') || value.contains('\n') || value.contains('\r') {
        return None;
    }
    Some(if value.chars().any(|c| c.is_whitespace() || c == '#' || c == '=') {
        format!("\"{value}\"")
    } else {
        value.to_string()
    })
}

/// `broker add`, on the typed rack if any.
pub fn add_broker_line(rack: &str) -> Result<String, String> {
    let r = rack.trim();
    if !r.is_empty() && !plain_word(r) {
        return Err("A rack name is letters, digits, '.', '_' or '-' (or empty for no rack)".into());
    }
    Ok(if r.is_empty() { "broker add".to_string() } else { format!("broker add rack={r}") })
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

pub fn remove_broker_line(picked: &str, ids: &[u32]) -> Result<String, String> {
    let id = broker_to_remove(picked, ids);
    if id.is_empty() {
        return Err("There is no broker to remove".into());
    }
    Ok(format!("broker remove {id}"))
}

/// `topic create ...` from the form's fields as typed, or why they cannot make one.
pub fn topic_line(name: &str, partitions: &str, rf: &str, min_isr: &str) -> Result<String, String> {
    let name = name.trim();
    if !plain_word(name) {
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
    Ok(format!("topic create {name} partitions={p} rf={r} min-isr={m}"))
}

/// `produce ...` to `target` (a topic or a partition) from the form's value, key and acks,
/// or why they cannot make one.
pub fn produce_line(value: &str, key: &str, acks: &str, target: &str) -> Result<String, &'static str> {
    let Some(v) = script_value(value.trim()) else {
        return Err("Type a value to send (no double quotes or line breaks)");
    };
    if target.is_empty() {
        return Err("Create a topic first");
    }
    let mut line = format!("produce {target} {v} acks={acks}");
    if !key.trim().is_empty() {
        match script_value(key.trim()) {
            Some(k) if !k.starts_with('"') => line.push_str(&format!(" key={k}")),
            _ => return Err("A key is one word: no spaces or quotes"),
        }
    }
    Ok(line)
}

/// `steady-rate TARGET N acks=A` from the steady-rate field, or why not.
pub fn steady_rate_line(per_second: &str, acks: &str, target: &str) -> Result<String, String> {
    let per_second = whole(per_second, "Records per second", 1, crate::sim::cluster::MAX_RECORDS_PER_SECOND)?;
    if target.is_empty() {
        return Err("Create a topic first".into());
    }
    Ok(format!("steady-rate {target} {per_second} acks={acks}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::parse::parse_line;

    /// Every line a form makes must be one the console accepts as it is.
    fn parses(line: &str) -> bool {
        parse_line(line, 1).is_ok()
    }

    #[test]
    fn broker_forms_make_lines_or_say_what_is_wrong() {
        assert_eq!(add_broker_line(" b "), Ok("broker add rack=b".into()));
        assert_eq!(add_broker_line(""), Ok("broker add".into()));
        assert!(add_broker_line("rack b").unwrap_err().contains("letters, digits"));
        assert_eq!(remove_broker_line("", &[1, 2, 4]), Ok("broker remove 4".into()));
        assert_eq!(remove_broker_line("2", &[1, 2, 4]), Ok("broker remove 2".into()));
        assert_eq!(remove_broker_line("", &[]), Err("There is no broker to remove".into()));
        for line in ["broker add rack=b", "broker add", "broker remove 4"] {
            assert!(parses(line), "{line}");
        }
    }

    #[test]
    fn the_topic_form_checks_each_field_and_min_isr_against_rf() {
        let line = topic_line("payments", "3", " 3", "2").unwrap();
        assert_eq!(line, "topic create payments partitions=3 rf=3 min-isr=2");
        assert!(parses(&line));
        assert!(topic_line("pay ments", "3", "3", "2").unwrap_err().starts_with("A topic name"));
        assert_eq!(topic_line("t", "0", "3", "2"), Err("Partitions must be a whole number from 1 to 1000".into()));
        assert_eq!(
            topic_line("t", "3", "x", "2"),
            Err("Replication factor must be a whole number from 1 to 100".into())
        );
        assert!(topic_line("t", "3", "2", "3")
            .unwrap_err()
            .starts_with("min-ISR (3) cannot exceed the replication factor (2)"));
    }

    #[test]
    fn the_produce_form_quotes_values_and_refuses_what_a_script_cannot_hold() {
        assert_eq!(produce_line("hello", "", "all", "orders"), Ok("produce orders hello acks=all".into()));
        assert_eq!(
            produce_line(" two words ", "k1", "1", "orders-0"),
            Ok("produce orders-0 \"two words\" acks=1 key=k1".into())
        );
        assert_eq!(produce_line("a=b", "", "0", "orders"), Ok("produce orders \"a=b\" acks=0".into()));
        for line in [
            "produce orders hello acks=all",
            "produce orders-0 \"two words\" acks=1 key=k1",
            "produce orders \"a=b\" acks=0",
        ] {
            assert!(parses(line), "{line}");
        }
        assert!(produce_line("say \"hi\"", "", "all", "orders").is_err());
        assert!(produce_line("   ", "", "all", "orders").is_err());
        assert_eq!(produce_line("v", "", "all", ""), Err("Create a topic first"));
        assert_eq!(produce_line("v", "two words", "all", "orders"), Err("A key is one word: no spaces or quotes"));
    }

    #[test]
    fn the_steady_rate_form_makes_one_console_line() {
        let line = steady_rate_line("100", "all", "orders").unwrap();
        assert_eq!(line, "steady-rate orders 100 acks=all");
        assert!(parses(&line) && parses("steady-rate off"));
        assert!(steady_rate_line("0", "all", "orders").is_err());
        assert!(steady_rate_line("1001", "all", "orders").is_err());
        assert!(steady_rate_line("ten", "1", "orders").is_err());
        assert_eq!(steady_rate_line("5", "1", ""), Err("Create a topic first".into()));
    }
}
