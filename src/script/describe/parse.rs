//! Records to a `Description`: which fields a header and a partition line must have and
//! what their values may be, per TopicCommand's `printDescription` (tools/, 3.7 to 4.x; the
//! ZooKeeper era's core/src/main/scala/kafka/admin/TopicCommand.scala before). Every error
//! is collected; nothing is imported when there is one.
use super::error::DescribeError;
use super::fields::{fields, Field};
use super::model::{Description, PartitionState, TopicHeader, TopicState};
use super::records::{split_records, Record};

/// A record's fields and where they are, to name the line of a bad value.
struct Fields<'a> {
    record: &'a Record,
    fields: Vec<Field<'a>>,
}

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn line_of(&self, field: &Field<'_>) -> u32 {
        self.record.line_at(field.offset)
    }

    /// The value of a field that must be there.
    fn required(&self, key: &str) -> Result<(&'a str, u32), DescribeError> {
        match self.get(key) {
            Some(f) => Ok((f.value, self.line_of(f))),
            None => Err(DescribeError::new(self.record.line(), format!("no {key}: on this line"))),
        }
    }

    fn number(&self, key: &str) -> Result<u32, DescribeError> {
        let (value, line) = self.required(key)?;
        value.parse().map_err(|_| DescribeError::new(line, format!("{key}: '{value}' is not a number")))
    }

    fn ids(&self, key: &str) -> Result<Vec<u32>, DescribeError> {
        let (value, line) = self.required(key)?;
        id_list(value).map_err(|_| DescribeError::new(line, format!("{key}: '{value}' is not a list of broker ids")))
    }

    /// `Elr:`/`LastKnownElr:`: absent or `N/A` is `None` (TopicCommand prints `N/A` when the
    /// server sent no list), else a list, possibly empty.
    fn optional_ids(&self, key: &str) -> Result<Option<Vec<u32>>, DescribeError> {
        match self.get(key) {
            None => Ok(None),
            Some(f) if f.value == "N/A" => Ok(None),
            Some(_) => self.ids(key).map(Some),
        }
    }
}

/// `1,2,3`, or nothing for an empty list (TopicCommand joins with `,`; an empty ISR prints
/// as nothing at all).
fn id_list(value: &str) -> Result<Vec<u32>, ()> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    value.split(',').map(|id| id.trim().parse::<u32>().map_err(|_| ())).collect()
}

/// `Leader: 3`, `none` (tools/ and 2.x), or `-1` (older ZooKeeper-era output).
fn leader(f: &Fields<'_>) -> Result<Option<u32>, DescribeError> {
    let (value, line) = f.required("Leader")?;
    match value {
        "none" | "-1" => Ok(None),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| DescribeError::new(line, format!("Leader: '{id}' is neither a broker id nor none"))),
    }
}

fn partition_line(f: &Fields<'_>) -> Result<PartitionState, DescribeError> {
    let state = PartitionState {
        partition: f.number("Partition")?,
        leader: leader(f)?,
        replicas: f.ids("Replicas")?,
        isr: f.ids("Isr")?,
        elr: f.optional_ids("Elr")?,
        last_known_elr: f.optional_ids("LastKnownElr")?,
        reassigning: f.has("Adding Replicas") || f.has("Removing Replicas"),
        adding: if f.has("Adding Replicas") { f.ids("Adding Replicas")? } else { Vec::new() },
        line: f.record.line(),
    };
    super::check::partition(&state).map_err(|message| DescribeError::new(state.line, message))?;
    Ok(state)
}

/// `Configs: a=1,b=2`: TopicCommand joins `name=value` with `,` and a value may hold a comma
/// itself (`leader.replication.throttled.replicas=0:1,1:2`), so a piece without `=` belongs
/// to the value before it.
fn configs(value: &str, line: u32) -> Result<Vec<(String, String)>, DescribeError> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for piece in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match (piece.split_once('='), pairs.last_mut()) {
            (Some((k, v)), _) => pairs.push((k.trim().to_string(), v.trim().to_string())),
            (None, Some((_, v))) => {
                v.push(',');
                v.push_str(piece);
            }
            (None, None) => return Err(DescribeError::new(line, format!("Configs: '{piece}' is not key=value"))),
        }
    }
    Ok(pairs)
}

fn header_line(f: &Fields<'_>) -> Result<TopicHeader, DescribeError> {
    let (config_text, config_line) = f.get("Configs").map_or(("", 0), |c| (c.value, f.line_of(c)));
    Ok(TopicHeader {
        topic_id: f.get("TopicId").map(|t| t.value.to_string()),
        partition_count: f.number("PartitionCount")?,
        replication_factor: f.number("ReplicationFactor")?,
        configs: configs(config_text, config_line)?,
        marked_for_deletion: f.get("MarkedForDeletion").is_some_and(|m| m.value == "true"),
        line: f.record.line(),
    })
}

/// A record's topic name and what it says: a header or a partition.
enum Line {
    Header(TopicHeader),
    Partition(PartitionState),
}

fn parse_record(record: &Record) -> Result<(String, Line), DescribeError> {
    let (fields, lead) = fields(&record.text);
    if !lead.is_empty() {
        return Err(DescribeError::new(record.line(), format!("'{}' is not a field (Key: value)", lead.trim())));
    }
    let f = Fields { record, fields };
    let (topic, line) = f.required("Topic")?;
    super::check::topic_name(topic).map_err(|message| DescribeError::new(line, message))?;
    let parsed = match (f.has("Partition"), f.has("PartitionCount")) {
        (true, false) => Line::Partition(partition_line(&f)?),
        (false, true) => Line::Header(header_line(&f)?),
        _ => return Err(DescribeError::new(record.line(), "neither a topic header nor a partition line")),
    };
    Ok((topic.to_string(), parsed))
}

/// Parses a whole describe: every error found, or the description.
pub fn parse_describe(text: &str) -> Result<Description, Vec<DescribeError>> {
    let records = split_records(text).map_err(|lines| {
        let message = "text before the first Topic: line";
        lines.into_iter().map(|line| DescribeError::new(line, message)).collect::<Vec<_>>()
    })?;
    let mut description = Description::default();
    let mut errors = Vec::new();
    for record in &records {
        match parse_record(record).and_then(|(topic, line)| add(&mut description, topic, line)) {
            Ok(()) => {}
            Err(error) => errors.push(error),
        }
    }
    if records.is_empty() {
        errors.push(DescribeError::new(1, "no Topic: line: this is not the output of kafka-topics.sh --describe"));
    }
    errors.extend(super::check::topics(&description));
    if errors.is_empty() {
        Ok(description)
    } else {
        crate::sim::sorting::sort_by_u64_key(&mut errors, |e| u64::from(e.line));
        Err(errors)
    }
}

/// Files a parsed line under its topic; a second header or partition is an error.
fn add(description: &mut Description, name: String, line: Line) -> Result<(), DescribeError> {
    let index = match description.topics.iter().position(|t| t.name == name) {
        Some(i) => i,
        None => {
            description.topics.push(TopicState { name: name.clone(), ..TopicState::default() });
            description.topics.len() - 1
        }
    };
    let topic = &mut description.topics[index];
    match line {
        Line::Header(h) if topic.header.is_some() => {
            Err(DescribeError::new(h.line, format!("topic {name} described twice")))
        }
        Line::Header(h) => {
            topic.header = Some(h);
            Ok(())
        }
        Line::Partition(p) if topic.partition(p.partition).is_some() => {
            Err(DescribeError::new(p.line, format!("{name} partition {} described twice", p.partition)))
        }
        Line::Partition(p) => {
            topic.partitions.push(p);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_era_reads_the_same_fields() {
        let zk = "Topic:t\tPartitionCount:1\tReplicationFactor:2\tConfigs:\tMarkedForDeletion:true\n\
                  \tTopic: t\tPartition: 0\tLeader: -1\tReplicas: 1,2\tIsr: 2\n";
        let d = parse_describe(zk).unwrap();
        let t = d.topic("t").unwrap();
        assert_eq!(t.header.as_ref().map(|h| (h.partition_count, h.replication_factor)), Some((1, 2)));
        assert!(t.header.as_ref().is_some_and(|h| h.marked_for_deletion && h.configs.is_empty()));
        assert_eq!((t.partitions[0].leader, t.partitions[0].elr.clone()), (None, None));
        let kraft = "\tTopic: t\tPartition: 0\tLeader: none\tReplicas: 1,2\tIsr: \tElr: N/A\tLastKnownElr: 1\n";
        let p = &parse_describe(kraft).unwrap().topics[0].partitions[0];
        assert_eq!((p.isr.clone(), p.elr.clone(), p.last_known_elr.clone()), (vec![], None, Some(vec![1])));
    }

    #[test]
    fn a_config_value_with_commas_stays_whole() {
        let pairs = configs("min.insync.replicas=2,leader.replication.throttled.replicas=0:1,1:2,x=y", 1).unwrap();
        assert_eq!(pairs[1], ("leader.replication.throttled.replicas".into(), "0:1,1:2".into()));
        assert_eq!(pairs.len(), 3);
        assert!(configs("oops", 4).unwrap_err().to_string().starts_with("line 4: Configs: 'oops'"));
    }
}
