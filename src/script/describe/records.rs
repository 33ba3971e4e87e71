//! Physical lines to records: one record per `Topic:` line TopicCommand printed. A copy
//! from a book, a terminal or a chat may have broken a long partition line in two, so a
//! line that does not start with `Topic:` continues the record before it. Tabs and runs of
//! spaces are all one separator: fields are found by their `Key:` (fields.rs), never by
//! column.

/// One logical line of the describe and where each of its pieces came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub text: String,
    /// (byte offset in `text`, 1-based input line): the line a piece of text starts on.
    pub starts: Vec<(usize, u32)>,
}

impl Record {
    fn new(text: &str, line: u32) -> Self {
        Record { text: text.to_string(), starts: vec![(0, line)] }
    }

    /// The input line the record's first line was on.
    pub fn line(&self) -> u32 {
        self.starts[0].1
    }

    /// The input line holding byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.starts.iter().rev().find(|(at, _)| *at <= offset).map_or(self.line(), |(_, line)| *line)
    }

    /// Appends a continuation line. A break after a comma (`Replicas: 1,2,` / `3`) was
    /// inside a list and joins without a space; any other break was between words.
    fn continue_with(&mut self, piece: &str, line: u32) {
        let glued = self.text.ends_with(',') || piece.starts_with(',');
        if !glued {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(piece);
    }
}

/// Collapses tabs and spaces to single spaces and trims the ends.
fn normalise(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a (normalised) line starts a record: TopicCommand starts both its header and
/// its partition lines with `Topic:` (the partition line after a tab, gone once trimmed).
fn starts_record(line: &str) -> bool {
    line.starts_with("Topic:")
}

/// A shell prompt copied with the output (`$ kafka-topics.sh --describe ...`) is not part
/// of it.
fn is_prompt(line: &str) -> bool {
    line.starts_with("$ ") || line.starts_with("# ") || line.contains("kafka-topics")
}

/// The records of a describe, or the numbers of lines that continue nothing (text before
/// the first `Topic:`).
pub fn split_records(text: &str) -> Result<Vec<Record>, Vec<u32>> {
    let mut records: Vec<Record> = Vec::new();
    let mut orphans = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index as u32 + 1;
        let line = normalise(raw);
        if line.is_empty() || (records.is_empty() && is_prompt(&line)) {
            continue;
        }
        match records.last_mut() {
            _ if starts_record(&line) => records.push(Record::new(&line, line_no)),
            Some(last) => last.continue_with(&line, line_no),
            None => orphans.push(line_no),
        }
    }
    if orphans.is_empty() {
        Ok(records)
    } else {
        Err(orphans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_line_joins_the_record_before_it() {
        let text = "Topic: a\tPartition: 0\tLeader: 1\n\tReplicas: 1,2,\n3\tIsr: 1\n\tTopic: a\tPartition: 1";
        let records = split_records(text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].text, "Topic: a Partition: 0 Leader: 1 Replicas: 1,2,3 Isr: 1");
        assert_eq!(records[0].line_at(records[0].text.find("Isr").unwrap()), 3);
        assert_eq!(records[1].line(), 4);
    }

    #[test]
    fn text_before_the_first_topic_is_named_by_line() {
        assert_eq!(split_records("\nhello\nTopic: a"), Err(vec![2]));
        assert!(split_records("$ kafka-topics.sh --describe\nTopic: a").is_ok());
    }
}
