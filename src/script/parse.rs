//! Scenario-script text → statements (see SCENARIO-SCRIPT.md, the contract). Each line is
//! lexed (`lexer`), then read by a small recursive-descent parser over its tokens. The
//! first problem stops parsing with its line, column and what was expected: a script is
//! short, and the first error is the one worth fixing. Nothing here panics on any input.
use super::ast::{
    Acks, Endpoint, Located, NodeRef, ProduceTarget, Query, Script, Statement, TopicPartition,
    Value,
};
use super::lexer::{tokenize, ListItem, Token, TokenKind};
use super::parse_error::{excerpt, saturating_u32, ParseError};

/// Every command and query: (verb, syntax, meaning and an example). Commands come first;
/// query entries follow, their meaning starting with `query:`. `kafka-sim --help` and the
/// console print this table; the tests check that every example parses.
pub const VERBS: &[(&str, &str, &str)] = &[
    ("seed", "seed N", "seed of the run's only random source (default 0); same script and seed, same run. Example: seed 7"),
    ("set", "set KEY VALUE", "configuration, from then on. Example: set min.insync.replicas 2"),
    ("brokers", "brokers N [racks=a,b,c]", "add brokers 1..N, racks given round-robin. Example: brokers 3 racks=a,b,c"),
    ("broker add", "broker add [id=N] [rack=R]", "add one broker (the next free id by default). Example: broker add rack=b"),
    ("broker remove", "broker remove N", "decommission a broker that leads nothing and hosts no replica. Example: broker remove 4"),
    ("topic create", "topic create NAME partitions=P rf=R [min-isr=M] [start=K] [replicas=1,2,3/2,3,1]", "create a topic; the first replica is the preferred and initial leader. Example: topic create orders partitions=1 rf=3 min-isr=2"),
    ("produce", "produce TOPIC[-N] VALUE [key=K] [acks=all|1|0] [producer=NAME]", "send one record, to TOPIC-N or where the default partitioner puts it. Example: produce orders-0 first acks=all"),
    ("consume", "consume TOPIC-N [from=OFFSET] [consumer=NAME]", "the consumer fetches once from the leader it knows. Example: consume orders-0 from=0"),
    ("crash broker", "crash broker N", "the broker process dies; its log on disk survives. Example: crash broker 1"),
    ("crash controller", "crash controller N", "controller-quorum node N dies. Example: crash controller 1"),
    ("power-off broker", "power-off broker N", "like crash, and unflushed records and HW checkpoints are lost too. Example: power-off broker 2"),
    ("flush broker", "flush broker N", "broker N writes its logs and HW checkpoint to disk now. Example: flush broker 2"),
    ("stop broker", "stop broker N", "controlled shutdown: leadership moves away first. Example: stop broker 2"),
    ("restart broker", "restart broker N", "start a crashed or stopped broker. Example: restart broker 1"),
    ("restart controller", "restart controller N", "start a crashed controller-quorum node. Example: restart controller 1"),
    ("cut", "cut A B", "drop every message between two nodes (a broker number, controller, or a client name). Example: cut 1 controller"),
    ("heal", "heal [A B]", "remove the cut between A and B, or every cut and isolation. Example: heal 1 controller"),
    ("isolate broker", "isolate broker N", "cut broker N from every other node. Example: isolate broker 3"),
    ("pause-fetch broker", "pause-fetch broker N", "broker N's followers stop fetching (a stalled follower). Example: pause-fetch broker 3"),
    ("resume-fetch broker", "resume-fetch broker N", "broker N's followers fetch again. Example: resume-fetch broker 3"),
    ("fetch", "fetch N TOPIC-N", "follower broker N sends one fetch to the leader it knows (with set sim.replication manual). Example: fetch 2 t-0"),
    ("elect preferred", "elect preferred [TOPIC-N]", "preferred leader election for one or all partitions. Example: elect preferred orders-0"),
    ("latency", "latency A B D", "one-way latency of the link between A and B, both directions. Example: latency 1 3 50ms"),
    ("run", "run D", "advance simulated time by D (250ms, 3s, 2m; a bare number is ms). Example: run 2s"),
    ("step", "step [N]", "process the next N events (default 1), printing each. Example: step 5"),
    ("await", "await QUERY = VALUE [within D]", "run until the assertion holds; fail if not within D (default 60s). Example: await leader orders-0 = 2 within 30s"),
    ("expect", "expect QUERY = VALUE", "fail the script when the query's value differs. Example: expect isr orders-0 = [2,3]"),
    ("leader", "leader TOPIC-N", "query: the leader's broker number, or none when offline. Example: expect leader orders-0 = 1"),
    ("epoch", "epoch TOPIC-N", "query: the leader epoch. Example: expect epoch orders-0 = 1"),
    ("replicas", "replicas TOPIC-N", "query: the assignment, in order. Example: expect replicas orders-0 = [1,2,3]"),
    ("isr", "isr TOPIC-N", "query: the ISR the controller has committed (compared as a set). Example: expect isr orders-0 = [2,3]"),
    ("hw", "hw TOPIC-N[@B]", "query: high watermark on broker B's replica (default: the leader's). Example: expect hw orders-0@2 = 1"),
    ("leo", "leo TOPIC-N[@B]", "query: log end offset on broker B's replica (default: the leader's). Example: expect leo t-0@2 = 0"),
    ("log", "log TOPIC-N[@B]", "query: the record values of that replica's log, offset 0 first. Example: expect log orders-0@3 = [first,second]"),
    ("acked", "acked VALUE", "query: yes when the producer got a success response for the record, else no. Example: expect acked first = yes"),
    ("response", "response VALUE", "query: the latest response for that record, or none. Example: expect response a3 = NOT_ENOUGH_REPLICAS"),
    ("responses", "responses VALUE", "query: every response for that record, in order. Example: expect responses a3 = [NOT_ENOUGH_REPLICAS,NONE]"),
    ("count", "count TOPIC-N VALUE", "query: how many times the value stands in the leader's log. Example: expect count orders-0 first = 1"),
    ("consumed", "consumed [NAME]", "query: every value the consumer has received, in order. Example: expect consumed = [first,second]"),
    ("lost", "lost", "query: acknowledged values missing from their partition leader's log, in send order. Example: expect lost = []"),
    ("diverged", "diverged TOPIC-N", "query: yes when two live replicas hold different records at one offset. Example: expect diverged orders-0 = no"),
    ("leaders", "leaders broker N", "query: how many partition leaders broker N holds. Example: expect leaders broker 1 = 2"),
    ("followers", "followers broker N", "query: how many follower replicas broker N holds. Example: expect followers broker 1 = 1"),
    ("controller", "controller", "query: the active controller node, or none. Example: expect controller = 1"),
    ("fenced", "fenced broker N", "query: yes when broker N is fenced, else no. Example: expect fenced broker 2 = yes"),
];

/// Meaning prefix that marks a query entry of `VERBS`.
const QUERY_MARK: &str = "query:";

/// Parses a whole script; blank and comment lines produce no statement. A leading byte
/// order mark (some editors write one) is skipped rather than read as part of a verb.
pub fn parse_script(text: &str) -> Result<Script, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut statements = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = saturating_u32(index).saturating_add(1);
        if let Some(node) = parse_line(line, line_no)? {
            statements.push(Located {
                line: line_no,
                node,
            });
        }
    }
    Ok(Script { statements })
}

/// Parses one line (the console's input); `None` for a blank or comment line.
pub fn parse_line(line: &str, line_no: u32) -> Result<Option<Statement>, ParseError> {
    let tokens = tokenize(line, line_no)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut cursor = Cursor {
        tokens: &tokens,
        next: 0,
        line_no,
    };
    let statement = parse_statement(&mut cursor)?;
    cursor.expect_end()?;
    Ok(Some(statement))
}

fn parse_statement(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let verb_token = c.next_token("a command")?;
    let TokenKind::Word(verb) = &verb_token.kind else {
        return Err(c.unknown_word(verb_token, "command", &command_words()));
    };
    match verb.as_str() {
        "seed" => Ok(Statement::Seed(c.number_u64("a number")?)),
        "set" => parse_set(c),
        "brokers" => parse_brokers(c),
        "broker" => parse_broker_add_or_remove(c),
        "topic" => parse_topic_create(c),
        "produce" => parse_produce(c),
        "consume" => parse_consume(c),
        "crash" => Ok(Statement::Crash(c.node_ref()?)),
        "restart" => Ok(Statement::Restart(c.node_ref()?)),
        "power-off" => Ok(Statement::PowerOff(c.keyword_then_broker()?)),
        "flush" => Ok(Statement::Flush(c.keyword_then_broker()?)),
        "stop" => Ok(Statement::Stop(c.keyword_then_broker()?)),
        "isolate" => Ok(Statement::Isolate(c.keyword_then_broker()?)),
        "pause-fetch" => Ok(Statement::PauseFetch(c.keyword_then_broker()?)),
        "resume-fetch" => Ok(Statement::ResumeFetch(c.keyword_then_broker()?)),
        "cut" => Ok(Statement::Cut(c.endpoint()?, c.endpoint()?)),
        "heal" => parse_heal(c),
        "latency" => {
            let (a, b) = (c.endpoint()?, c.endpoint()?);
            Ok(Statement::Latency {
                a,
                b,
                latency_ms: c.duration_ms()?,
            })
        }
        "fetch" => {
            let broker = c.number_u32("a broker number")?;
            Ok(Statement::Fetch {
                broker,
                partition: c.topic_partition()?,
            })
        }
        "elect" => {
            c.expect_keyword("preferred")?;
            let partition = if c.at_end() {
                None
            } else {
                Some(c.topic_partition()?)
            };
            Ok(Statement::ElectPreferred(partition))
        }
        "run" => Ok(Statement::Run(c.duration_ms()?)),
        "step" => Ok(Statement::Step(if c.at_end() {
            1
        } else {
            c.number_u32("a number of events")?
        })),
        "await" => parse_await(c),
        "expect" => {
            let (query, expected) = parse_assertion(c)?;
            Ok(Statement::Expect { query, expected })
        }
        _ => Err(c.unknown_word(verb_token, "command", &command_words())),
    }
}

/// `set KEY VALUE`: the core validates keys and values, so any word is taken here, even
/// one holding `=` (`set x a=b`), as long as it is not a list or a half-quoted word.
fn parse_set(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let key = c.free_text("a configuration key")?;
    let value = c.free_text("a value")?;
    Ok(Statement::Set { key, value })
}

fn parse_brokers(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let count = c.number_u32("a number of brokers")?;
    let options = read_options(c, &[RACKS])?;
    let racks = options.racks(&RACKS)?.unwrap_or_default();
    Ok(Statement::Brokers { count, racks })
}

fn parse_broker_add_or_remove(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    match c.expect_one_of(&["add", "remove"])? {
        "add" => {
            let options = read_options(c, &[ID, RACK])?;
            Ok(Statement::BrokerAdd {
                id: options.number_u32(&ID)?,
                rack: options.name(&RACK)?,
            })
        }
        _ => Ok(Statement::BrokerRemove(c.number_u32("a broker number")?)),
    }
}

fn parse_topic_create(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    c.expect_keyword("create")?;
    let name_token = c.next_token("a topic name")?;
    let name = topic_name(name_token, c.line_no)?;
    let options = read_options(c, &[PARTITIONS, RF, MIN_ISR, START, REPLICAS])?;
    Ok(Statement::TopicCreate {
        name,
        partitions: options.required(c, &PARTITIONS, Options::number_u32)?,
        rf: options.required(c, &RF, Options::number_u32)?,
        min_isr: options.number_u32(&MIN_ISR)?,
        start: options.number_u32(&START)?,
        replicas: options.replica_assignment(&REPLICAS)?,
    })
}

fn parse_produce(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let target = c.produce_target()?;
    let value = c.record_value()?;
    let options = read_options(c, &[KEY, ACKS, PRODUCER])?;
    Ok(Statement::Produce {
        target,
        value,
        key: options.text(&KEY)?,
        acks: options.acks(&ACKS)?,
        producer: options.client_name(&PRODUCER)?,
    })
}

fn parse_consume(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let partition = c.topic_partition()?;
    let options = read_options(c, &[FROM, CONSUMER])?;
    Ok(Statement::Consume {
        partition,
        from: options.number_u64(&FROM)?,
        consumer: options.client_name(&CONSUMER)?,
    })
}

fn parse_heal(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    if c.at_end() {
        return Ok(Statement::HealAll);
    }
    Ok(Statement::HealLink(c.endpoint()?, c.endpoint()?))
}

fn parse_await(c: &mut Cursor<'_>) -> Result<Statement, ParseError> {
    let (query, expected) = parse_assertion(c)?;
    let within_ms = match c.peek() {
        None => None,
        Some(token) if token.kind == TokenKind::Word("within".into()) => {
            c.advance();
            Some(c.duration_ms()?)
        }
        Some(token) => return Err(c.found(token, "'within D' or the end of the line")),
    };
    Ok(Statement::Await {
        query,
        expected,
        within_ms,
    })
}

/// `QUERY = VALUE`, shared by `await` and `expect`.
fn parse_assertion(c: &mut Cursor<'_>) -> Result<(Query, Value), ParseError> {
    let query = parse_query(c)?;
    match c.advance() {
        None => return Err(c.missing("'='")),
        Some(token) if token.kind == TokenKind::Word("=".into()) => {}
        Some(token) => return Err(c.found(token, "'=' between the query and the value")),
    }
    let token = c.next_token("a value")?;
    Ok((query, value(token, c.line_no)?))
}

fn parse_query(c: &mut Cursor<'_>) -> Result<Query, ParseError> {
    let token = c.next_token("a query")?;
    let TokenKind::Word(name) = &token.kind else {
        return Err(c.unknown_word(token, "query", &query_words()));
    };
    Ok(match name.as_str() {
        "leader" => Query::Leader(c.topic_partition()?),
        "epoch" => Query::Epoch(c.topic_partition()?),
        "replicas" => Query::Replicas(c.topic_partition()?),
        "isr" => Query::Isr(c.topic_partition()?),
        "hw" => c.replica_query(Query::Hw)?,
        "leo" => c.replica_query(Query::Leo)?,
        "log" => c.replica_query(Query::Log)?,
        "acked" => Query::Acked(c.record_value()?),
        "response" => Query::Response(c.record_value()?),
        "responses" => Query::Responses(c.record_value()?),
        "count" => {
            let partition = c.topic_partition()?;
            Query::Count(partition, c.record_value()?)
        }
        "consumed" => Query::Consumed(c.optional_consumer_name()?),
        "lost" => Query::Lost,
        "diverged" => Query::Diverged(c.topic_partition()?),
        "leaders" => Query::Leaders(c.keyword_then_broker()?),
        "followers" => Query::Followers(c.keyword_then_broker()?),
        "controller" => Query::Controller,
        "fenced" => Query::Fenced(c.keyword_then_broker()?),
        _ => return Err(c.unknown_word(token, "query", &query_words())),
    })
}

/// The right side of an assertion: `none`, a number, a word, a quoted value or a list.
fn value(token: &Token, line_no: u32) -> Result<Value, ParseError> {
    match &token.kind {
        TokenKind::Word(word) => word_value(word, token.column, line_no),
        TokenKind::Quoted(text) => Ok(Value::Word(text.clone())),
        TokenKind::List(items) => items
            .iter()
            .map(|item| list_item_value(item, line_no))
            .collect::<Result<_, _>>()
            .map(Value::List),
        TokenKind::Assign { .. } => Err(ParseError::new(
            line_no,
            token.column,
            format!(
                "expected a value, found '{}' (quote a value that holds '=')",
                excerpt(&token.raw)
            ),
        )),
    }
}

fn list_item_value(item: &ListItem, line_no: u32) -> Result<Value, ParseError> {
    if item.quoted {
        return Ok(Value::Word(item.text.clone()));
    }
    word_value(&item.text, item.column, line_no)
}

/// A bare word is `none`, a number when it is all digits, else a word. An all-digit word
/// too large for a number is an error rather than a word, so `= 99999999999999999999`
/// is reported here instead of failing later as a puzzling mismatch.
fn word_value(word: &str, column: u32, line_no: u32) -> Result<Value, ParseError> {
    if word == "none" {
        return Ok(Value::None);
    }
    match parse_u64(word) {
        Ok(number) => Ok(Value::Number(number)),
        Err(NumberError::NotANumber) => Ok(Value::Word(word.to_string())),
        Err(NumberError::TooLarge) => {
            Err(ParseError::new(line_no, column, too_large(word, u64::MAX)))
        }
    }
}

// ---------------------------------------------------------------------------------------
// The cursor: reads one line's tokens in order and words errors in context.

struct Cursor<'t> {
    tokens: &'t [Token],
    next: usize,
    line_no: u32,
}

impl<'t> Cursor<'t> {
    fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.next)
    }

    fn advance(&mut self) -> Option<&'t Token> {
        let token = self.peek();
        if token.is_some() {
            self.next += 1;
        }
        token
    }

    fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    fn consumed(&self) -> &'t [Token] {
        self.tokens.get(..self.next).unwrap_or_default()
    }

    /// An error pointing at `token`: "expected X, found 'T'".
    fn found(&self, token: &Token, expected: &str) -> ParseError {
        self.error_at(
            token,
            format!("expected {expected}, found '{}'", excerpt(&token.raw)),
        )
    }

    fn error_at(&self, token: &Token, message: impl Into<String>) -> ParseError {
        ParseError::new(self.line_no, token.column, message)
    }

    /// The line ended too soon: "expected X after 'what was read'", pointing just past
    /// the last word read, where the missing one belongs.
    fn missing(&self, expected: &str) -> ParseError {
        let column = self.consumed().last().map_or(1, Token::end_column);
        let message = format!("expected {expected} after '{}'", self.read_so_far());
        ParseError::new(self.line_no, column, message)
    }

    /// The words read so far, as written, to say where in the command something went wrong.
    fn read_so_far(&self) -> String {
        let read: Vec<&str> = self
            .consumed()
            .iter()
            .map(|token| token.raw.as_str())
            .collect();
        excerpt(&read.join(" "))
    }

    fn next_token(&mut self, expected: &str) -> Result<&'t Token, ParseError> {
        match self.advance() {
            Some(token) => Ok(token),
            None => Err(self.missing(expected)),
        }
    }

    /// A bare word; quoted values, lists and options are not words.
    fn next_word(&mut self, expected: &str) -> Result<(&'t Token, &'t str), ParseError> {
        let token = self.next_token(expected)?;
        match &token.kind {
            TokenKind::Word(word) => Ok((token, word.as_str())),
            _ => Err(self.found(token, expected)),
        }
    }

    fn expect_end(&self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(token) => {
                let expected = format!("the end of the line after '{}'", self.read_so_far());
                Err(self.found(token, &expected))
            }
        }
    }

    fn expect_keyword(&mut self, keyword: &'static str) -> Result<(), ParseError> {
        self.expect_one_of(&[keyword]).map(|_| ())
    }

    /// One of a few fixed words; a near miss gets a suggestion.
    fn expect_one_of(&mut self, keywords: &[&'static str]) -> Result<&'static str, ParseError> {
        let quoted: Vec<String> = keywords
            .iter()
            .map(|keyword| format!("'{keyword}'"))
            .collect();
        let expected = quoted.join(" or ");
        let token = self.next_token(&expected)?;
        let found = match &token.kind {
            TokenKind::Word(word) => keywords.iter().find(|keyword| *keyword == word),
            _ => None,
        };
        match found {
            Some(keyword) => Ok(keyword),
            None => {
                let mut error = self.found(token, &expected);
                if let Some(suggestion) = closest(&token.raw, keywords) {
                    error
                        .message
                        .push_str(&format!("; did you mean '{suggestion}'?"));
                }
                Err(error)
            }
        }
    }

    /// "unknown command 'crsh'; expected one of: seed, set, ...; did you mean 'crash'?"
    fn unknown_word(&self, token: &Token, what: &str, known: &[&str]) -> ParseError {
        let mut message = format!(
            "unknown {what} '{}'; expected one of: {}",
            excerpt(&token.raw),
            known.join(", ")
        );
        if let Some(suggestion) = closest(&token.raw, known) {
            message.push_str(&format!("; did you mean '{suggestion}'?"));
        }
        self.error_at(token, message)
    }

    fn number_u32(&mut self, expected: &str) -> Result<u32, ParseError> {
        let (token, word) = self.next_word(expected)?;
        match parse_u32(word) {
            Ok(number) => Ok(number),
            Err(NumberError::NotANumber) => Err(self.found(token, expected)),
            Err(NumberError::TooLarge) => {
                Err(self.error_at(token, too_large(word, u64::from(u32::MAX))))
            }
        }
    }

    fn number_u64(&mut self, expected: &str) -> Result<u64, ParseError> {
        let (token, word) = self.next_word(expected)?;
        match parse_u64(word) {
            Ok(number) => Ok(number),
            Err(NumberError::NotANumber) => Err(self.found(token, expected)),
            Err(NumberError::TooLarge) => Err(self.error_at(token, too_large(word, u64::MAX))),
        }
    }

    fn duration_ms(&mut self) -> Result<u64, ParseError> {
        const EXPECTED: &str = "a duration such as 250ms, 3s or 2m";
        let (token, word) = self.next_word(EXPECTED)?;
        match parse_duration_ms(word) {
            Ok(duration_ms) => Ok(duration_ms),
            Err(NumberError::NotANumber) => Err(self.found(token, EXPECTED)),
            Err(NumberError::TooLarge) => {
                Err(self.error_at(token, format!("duration '{}' is too long", excerpt(word))))
            }
        }
    }

    /// `broker N`, after verbs whose object is always a broker (`stop broker 2`).
    fn keyword_then_broker(&mut self) -> Result<u32, ParseError> {
        self.expect_keyword("broker")?;
        self.number_u32("a broker number")
    }

    fn node_ref(&mut self) -> Result<NodeRef, ParseError> {
        match self.expect_one_of(&["broker", "controller"])? {
            "broker" => Ok(NodeRef::Broker(self.number_u32("a broker number")?)),
            _ => Ok(NodeRef::Controller(self.number_u32("a controller number")?)),
        }
    }

    /// A bare number is a broker, `controller` the quorum, any other name a client.
    fn endpoint(&mut self) -> Result<Endpoint, ParseError> {
        const EXPECTED: &str = "a node (a broker number, controller, or a client name)";
        let (token, word) = self.next_word(EXPECTED)?;
        if word == "controller" {
            return Ok(Endpoint::Controller);
        }
        match parse_u32(word) {
            Ok(broker) => Ok(Endpoint::Broker(broker)),
            Err(NumberError::TooLarge) => {
                Err(self.error_at(token, too_large(word, u64::from(u32::MAX))))
            }
            Err(NumberError::NotANumber) if is_client_name(word) => {
                Ok(Endpoint::Client(word.to_string()))
            }
            Err(NumberError::NotANumber) => Err(self.found(token, EXPECTED)),
        }
    }

    fn topic_partition(&mut self) -> Result<TopicPartition, ParseError> {
        let token = self.next_token(TOPIC_PARTITION)?;
        topic_partition(token, self.line_no)
    }

    /// `hw`, `leo` and `log` read one replica: `TOPIC-N` (the leader's) or `TOPIC-N@B`.
    fn replica_query(
        &mut self,
        query: fn(TopicPartition, Option<u32>) -> Query,
    ) -> Result<Query, ParseError> {
        let (token, word) = self.next_word(TOPIC_PARTITION)?;
        let Some((partition_text, broker_text)) = word.split_once('@') else {
            return Ok(query(topic_partition(token, self.line_no)?, None));
        };
        let partition = split_topic_partition(partition_text, token, self.line_no)?;
        let broker = match parse_u32(broker_text) {
            Ok(broker) => broker,
            Err(NumberError::TooLarge) => {
                return Err(self.error_at(token, too_large(broker_text, u64::from(u32::MAX))))
            }
            Err(NumberError::NotANumber) if broker_text.is_empty() => {
                return Err(self.error_at(
                    token,
                    format!("expected a broker number after '{}'", excerpt(word)),
                ))
            }
            Err(NumberError::NotANumber) => {
                return Err(self.found(token, "TOPIC-N@B with B a broker number"))
            }
        };
        Ok(query(partition, Some(broker)))
    }

    /// `produce` takes `TOPIC-N` (one partition) or a bare topic (the partitioner picks).
    fn produce_target(&mut self) -> Result<ProduceTarget, ParseError> {
        let token = self.next_token("a topic or a topic-partition")?;
        let TokenKind::Word(word) = &token.kind else {
            return Err(self.found(token, "a topic or a topic-partition"));
        };
        let names_partition = word
            .rsplit_once('-')
            .is_some_and(|(_, suffix)| suffix.is_empty() || is_all_digits(suffix));
        if names_partition {
            return Ok(ProduceTarget::Partition(topic_partition(
                token,
                self.line_no,
            )?));
        }
        Ok(ProduceTarget::Topic(topic_name(token, self.line_no)?))
    }

    /// A record value: a bare word or a quoted value. A `key=value` word is refused
    /// because `produce t-0 acks=1` almost surely forgot the value.
    fn record_value(&mut self) -> Result<String, ParseError> {
        let token = self.next_token("a record value")?;
        match &token.kind {
            TokenKind::Word(text) | TokenKind::Quoted(text) => Ok(text.clone()),
            TokenKind::Assign { .. } => Err(self.error_at(
                token,
                format!(
                    "expected a record value, found option '{}' (quote a value that holds '=')",
                    excerpt(&token.raw)
                ),
            )),
            TokenKind::List(_) => {
                Err(self.found(token, "a record value (quote a value that holds '[')"))
            }
        }
    }

    /// Text taken as written, for `set`: a word (even `a=b`) or a quoted value.
    fn free_text(&mut self, expected: &str) -> Result<String, ParseError> {
        let token = self.next_token(expected)?;
        match &token.kind {
            TokenKind::Word(text) | TokenKind::Quoted(text) => Ok(text.clone()),
            TokenKind::Assign { value, .. } if matches!(value.kind, TokenKind::Word(_)) => {
                Ok(token.raw.clone())
            }
            _ => Err(self.found(token, expected)),
        }
    }

    /// `consumed [NAME] = ...`: a name is present unless the `=` comes right away.
    fn optional_consumer_name(&mut self) -> Result<Option<String>, ParseError> {
        match self.peek() {
            Some(token) if token.kind != TokenKind::Word("=".into()) => {
                self.advance();
                client_name(token, self.line_no, "a consumer name").map(Some)
            }
            _ => Ok(None),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Options: `key=value` words after a command's positional arguments, in any order, each
// at most once.

/// An option a command accepts, and how its syntax is shown in errors.
struct OptionSpec {
    name: &'static str,
    syntax: &'static str,
}

const RACKS: OptionSpec = OptionSpec {
    name: "racks",
    syntax: "racks=a,b,c",
};
const ID: OptionSpec = OptionSpec {
    name: "id",
    syntax: "id=N",
};
const RACK: OptionSpec = OptionSpec {
    name: "rack",
    syntax: "rack=R",
};
const PARTITIONS: OptionSpec = OptionSpec {
    name: "partitions",
    syntax: "partitions=P",
};
const RF: OptionSpec = OptionSpec {
    name: "rf",
    syntax: "rf=R",
};
const MIN_ISR: OptionSpec = OptionSpec {
    name: "min-isr",
    syntax: "min-isr=M",
};
const START: OptionSpec = OptionSpec {
    name: "start",
    syntax: "start=K",
};
const REPLICAS: OptionSpec = OptionSpec {
    name: "replicas",
    syntax: "replicas=1,2,3/2,3,1",
};
const KEY: OptionSpec = OptionSpec {
    name: "key",
    syntax: "key=K",
};
const ACKS: OptionSpec = OptionSpec {
    name: "acks",
    syntax: "acks=all|1|0",
};
const PRODUCER: OptionSpec = OptionSpec {
    name: "producer",
    syntax: "producer=NAME",
};
const FROM: OptionSpec = OptionSpec {
    name: "from",
    syntax: "from=OFFSET",
};
const CONSUMER: OptionSpec = OptionSpec {
    name: "consumer",
    syntax: "consumer=NAME",
};

/// The options given on one line: (name, the whole `key=value` token, its value token).
struct Options<'t> {
    given: Vec<(&'static str, &'t Token, &'t Token)>,
    line_no: u32,
}

/// Reads every remaining token as an option among `allowed`.
fn read_options<'t>(c: &mut Cursor<'t>, allowed: &[OptionSpec]) -> Result<Options<'t>, ParseError> {
    let syntaxes: Vec<&str> = allowed.iter().map(|spec| spec.syntax).collect();
    let mut options = Options {
        given: Vec::new(),
        line_no: c.line_no,
    };
    while let Some(token) = c.advance() {
        let TokenKind::Assign { key, value } = &token.kind else {
            return Err(c.found(token, &format!("an option ({})", syntaxes.join(", "))));
        };
        let Some(spec) = allowed.iter().find(|spec| spec.name == key) else {
            let names: Vec<&str> = allowed.iter().map(|spec| spec.name).collect();
            let mut message = format!(
                "unknown option '{}'; allowed: {}",
                excerpt(key),
                syntaxes.join(", ")
            );
            if let Some(suggestion) = closest(key, &names) {
                message.push_str(&format!("; did you mean '{suggestion}'?"));
            }
            return Err(c.error_at(token, message));
        };
        if options.given.iter().any(|(name, _, _)| *name == spec.name) {
            return Err(c.error_at(token, format!("option '{}' is given twice", spec.name)));
        }
        options.given.push((spec.name, token, value));
    }
    Ok(options)
}

impl<'t> Options<'t> {
    fn get(&self, spec: &OptionSpec) -> Option<(&'t Token, &'t Token)> {
        self.given
            .iter()
            .find(|(name, _, _)| *name == spec.name)
            .map(|(_, whole, value)| (*whole, *value))
    }

    /// "expected acks=all|1|0, found acks=2", pointing at the whole option.
    fn invalid(&self, spec: &OptionSpec, whole: &Token, note: &str) -> ParseError {
        ParseError::new(
            self.line_no,
            whole.column,
            format!(
                "expected {}, found {}{note}",
                spec.syntax,
                excerpt(&whole.raw)
            ),
        )
    }

    /// The option's value as one bare word, or the option's syntax error.
    fn word(&self, spec: &OptionSpec) -> Result<Option<(&'t Token, &'t str)>, ParseError> {
        match self.get(spec) {
            None => Ok(None),
            Some((
                whole,
                Token {
                    kind: TokenKind::Word(word),
                    ..
                },
            )) if !word.is_empty() => Ok(Some((whole, word.as_str()))),
            Some((whole, _)) => Err(self.invalid(spec, whole, "")),
        }
    }

    fn required<T>(
        &self,
        c: &Cursor<'_>,
        spec: &OptionSpec,
        read: fn(&Self, &OptionSpec) -> Result<Option<T>, ParseError>,
    ) -> Result<T, ParseError> {
        read(self, spec)?.ok_or_else(|| c.missing(spec.syntax))
    }

    fn number_u32(&self, spec: &OptionSpec) -> Result<Option<u32>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        match parse_u32(word) {
            Ok(number) => Ok(Some(number)),
            Err(NumberError::NotANumber) => Err(self.invalid(spec, whole, "")),
            Err(NumberError::TooLarge) => Err(self.invalid(spec, whole, " (at most 4294967295)")),
        }
    }

    fn number_u64(&self, spec: &OptionSpec) -> Result<Option<u64>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        match parse_u64(word) {
            Ok(number) => Ok(Some(number)),
            Err(NumberError::NotANumber) => Err(self.invalid(spec, whole, "")),
            Err(NumberError::TooLarge) => {
                Err(self.invalid(spec, whole, " (at most 18446744073709551615)"))
            }
        }
    }

    fn acks(&self, spec: &OptionSpec) -> Result<Option<Acks>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        match word {
            "all" | "-1" => Ok(Some(Acks::All)),
            "1" => Ok(Some(Acks::One)),
            "0" => Ok(Some(Acks::Zero)),
            _ => Err(self.invalid(spec, whole, "")),
        }
    }

    /// Free text such as a record key: a word or a quoted value (which may be empty).
    fn text(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        match self.get(spec) {
            None => Ok(None),
            Some((
                _,
                Token {
                    kind: TokenKind::Quoted(text),
                    ..
                },
            )) => Ok(Some(text.clone())),
            Some(_) => Ok(self.word(spec)?.map(|(_, word)| word.to_string())),
        }
    }

    fn client_name(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        if !is_client_name(word) {
            return Err(self.invalid(spec, whole, CLIENT_NAME_RULE));
        }
        Ok(Some(word.to_string()))
    }

    /// A rack name, restricted like topic names so it prints back without quotes.
    fn name(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        if !is_name(word) {
            return Err(self.invalid(spec, whole, NAME_RULE));
        }
        Ok(Some(word.to_string()))
    }

    /// `racks=a,b,c` (or `racks=[a, b, c]`): at least one rack, each a name.
    fn racks(&self, spec: &OptionSpec) -> Result<Option<Vec<String>>, ParseError> {
        let Some((whole, value)) = self.get(spec) else {
            return Ok(None);
        };
        let racks: Vec<String> = match &value.kind {
            TokenKind::Word(word) => word.split(',').map(str::to_string).collect(),
            TokenKind::List(items) if items.iter().all(|item| !item.quoted) => {
                items.iter().map(|item| item.text.clone()).collect()
            }
            _ => return Err(self.invalid(spec, whole, "")),
        };
        if racks.is_empty() || !racks.iter().all(|rack| is_name(rack)) {
            return Err(self.invalid(spec, whole, NAME_RULE));
        }
        Ok(Some(racks))
    }

    /// `replicas=1,2,3/2,3,1`: one comma-separated group of broker numbers per partition.
    fn replica_assignment(&self, spec: &OptionSpec) -> Result<Option<Vec<Vec<u32>>>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        let parse_group = |group: &str| {
            group
                .split(',')
                .map(parse_u32)
                .collect::<Result<Vec<u32>, NumberError>>()
        };
        match word
            .split('/')
            .map(parse_group)
            .collect::<Result<Vec<Vec<u32>>, NumberError>>()
        {
            Ok(groups) => Ok(Some(groups)),
            Err(NumberError::NotANumber) => {
                Err(self.invalid(spec, whole, " (broker numbers, one group per partition)"))
            }
            Err(NumberError::TooLarge) => {
                Err(self.invalid(spec, whole, " (a broker number is at most 4294967295)"))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words: names, topic-partitions, numbers and durations.

const TOPIC_PARTITION: &str = "a topic-partition such as orders-0";
const NAME_RULE: &str = " (names hold only letters, digits, '.', '_' and '-')";
const CLIENT_NAME_RULE: &str =
    " (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')";
/// Kafka's limit on topic name length.
const MAX_NAME_CHARS: usize = 249;

/// Kafka's legal topic characters; racks and clients follow the same rule so that every
/// name prints back into a script without quotes.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_NAME_CHARS
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-'))
}

/// A client name cannot be read as a broker number or as the controller quorum, since
/// `cut` takes either.
fn is_client_name(text: &str) -> bool {
    is_name(text) && text.starts_with(|c: char| c.is_ascii_alphabetic()) && text != "controller"
}

fn topic_name(token: &Token, line_no: u32) -> Result<String, ParseError> {
    match &token.kind {
        TokenKind::Word(word) if is_name(word) && word != "." && word != ".." => Ok(word.clone()),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!(
                "expected a topic name, found '{}'{NAME_RULE}",
                excerpt(&token.raw)
            ),
        )),
    }
}

fn client_name(token: &Token, line_no: u32, expected: &str) -> Result<String, ParseError> {
    match &token.kind {
        TokenKind::Word(word) if is_client_name(word) => Ok(word.clone()),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!(
                "expected {expected}, found '{}'{CLIENT_NAME_RULE}",
                excerpt(&token.raw)
            ),
        )),
    }
}

fn topic_partition(token: &Token, line_no: u32) -> Result<TopicPartition, ParseError> {
    match &token.kind {
        TokenKind::Word(word) => split_topic_partition(word, token, line_no),
        _ => Err(ParseError::new(
            line_no,
            token.column,
            format!(
                "expected {TOPIC_PARTITION}, found '{}'",
                excerpt(&token.raw)
            ),
        )),
    }
}

/// `my-topic-2` → (`my-topic`, 2): the last `-N` is the partition.
fn split_topic_partition(
    text: &str,
    token: &Token,
    line_no: u32,
) -> Result<TopicPartition, ParseError> {
    let error = |message: String| ParseError::new(line_no, token.column, message);
    let Some((topic, partition)) = text.rsplit_once('-') else {
        return Err(error(format!(
            "expected {TOPIC_PARTITION}, found '{}'",
            excerpt(text)
        )));
    };
    if partition.is_empty() {
        return Err(error(format!(
            "expected a partition number after '{}'",
            excerpt(text)
        )));
    }
    let partition = match parse_u32(partition) {
        Ok(partition) => partition,
        Err(NumberError::NotANumber) => {
            return Err(error(format!(
                "expected {TOPIC_PARTITION} (the last '-N' is the partition), found '{}'",
                excerpt(text)
            )))
        }
        Err(NumberError::TooLarge) => return Err(error(too_large(partition, u64::from(u32::MAX)))),
    };
    if topic.is_empty() {
        return Err(error(format!(
            "expected a topic name before '-{partition}'"
        )));
    }
    if !is_name(topic) || topic == "." || topic == ".." {
        return Err(error(format!(
            "expected a topic name, found '{}'{NAME_RULE}",
            excerpt(topic)
        )));
    }
    Ok(TopicPartition {
        topic: topic.to_string(),
        partition,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum NumberError {
    NotANumber,
    TooLarge,
}

fn is_all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Digits only: Rust's `str::parse` would also accept `+7`, which this language does not,
/// and `-5` is not a number here (it is reported, never wrapped).
fn parse_u64(text: &str) -> Result<u64, NumberError> {
    if !is_all_digits(text) {
        return Err(NumberError::NotANumber);
    }
    text.bytes()
        .try_fold(0u64, |total, digit| {
            total.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
        })
        .ok_or(NumberError::TooLarge)
}

fn parse_u32(text: &str) -> Result<u32, NumberError> {
    u32::try_from(parse_u64(text)?).map_err(|_| NumberError::TooLarge)
}

/// `250ms`, `3s`, `2m`, or a bare number of milliseconds.
fn parse_duration_ms(text: &str) -> Result<u64, NumberError> {
    let digits_end = text
        .bytes()
        .position(|byte| !byte.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let ms_per_unit: u64 = match unit {
        "" | "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        _ => return Err(NumberError::NotANumber),
    };
    parse_u64(digits)?
        .checked_mul(ms_per_unit)
        .ok_or(NumberError::TooLarge)
}

fn too_large(text: &str, max: u64) -> String {
    format!("number '{}' is too large (at most {max})", excerpt(text))
}

// ---------------------------------------------------------------------------------------
// Suggestions.

/// First words of every command, in `VERBS` order, without repeats.
fn command_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for (verb, _, meaning) in VERBS {
        let first = verb.split(' ').next().unwrap_or(verb);
        if !meaning.starts_with(QUERY_MARK) && !words.contains(&first) {
            words.push(first);
        }
    }
    words
}

fn query_words() -> Vec<&'static str> {
    VERBS
        .iter()
        .filter(|(_, _, meaning)| meaning.starts_with(QUERY_MARK))
        .map(|(verb, _, _)| *verb)
        .collect()
}

/// The known word closest to a typo: within two edits (and fewer edits than the word's
/// length, so `x` does not suggest `run`), or else one that starts with it (`pause` →
/// `pause-fetch`). Ties go to the earlier word, so the suggestion is always the same.
fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    const MAX_EDITS: usize = 2;
    const MAX_COMPARED_CHARS: usize = 32;
    let length = word.chars().count();
    if length == 0 || length > MAX_COMPARED_CHARS {
        return None;
    }
    let nearest = known
        .iter()
        .map(|candidate| (edit_distance(word, candidate), *candidate))
        .filter(|(distance, _)| *distance <= MAX_EDITS && *distance < length && *distance > 0)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    nearest.or_else(|| {
        known
            .iter()
            .copied()
            .find(|candidate| length >= 3 && candidate.starts_with(word) && *candidate != word)
    })
}

/// Levenshtein distance over characters, two rows at a time.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example line of SCENARIO-SCRIPT.md, with each table row's syntax made concrete.
    const CONTRACT_LINES: &[&str] = &[
        "seed 7",
        "set min.insync.replicas 2",
        "set unclean.leader.election.enable false",
        "set replica.lag.time.max.ms 30000",
        "set replica.fetch.wait.max.ms 500",
        "set broker.session.timeout.ms 9000",
        "set broker.heartbeat.interval.ms 2000",
        "set auto.leader.rebalance.enable true",
        "set leader.imbalance.check.interval.seconds 300",
        "set acks all",
        "set enable.idempotence true",
        "set request.timeout.ms 30000",
        "set delivery.timeout.ms 120000",
        "set retry.backoff.ms 100",
        "set sim.network.latency.ms 1",
        "set sim.replication manual",
        "set sim.truncation high-watermark",
        "set sim.controllers 3",
        "set sim.flush.interval.ms 5000",
        "brokers 3",
        "brokers 6 racks=a,b,c",
        "broker add",
        "broker add id=7 rack=b",
        "broker remove 4",
        "topic create orders partitions=1 rf=3 min-isr=2 start=0",
        "topic create t partitions=2 rf=3 replicas=1,2,3/2,3,1",
        "produce t-0 \"hello world\"",
        "produce orders first key=k1 acks=all producer=p2",
        "produce orders-0 second acks=1",
        "produce orders-0 third acks=0",
        "consume orders-0",
        "consume orders-0 from=0 consumer=c1",
        "crash broker 1",
        "power-off broker 2",
        "flush broker 2",
        "stop broker 2",
        "restart broker 1",
        "crash controller 1",
        "restart controller 1",
        "cut 1 2",
        "cut 1 controller",
        "cut producer 2",
        "heal 1 2",
        "isolate broker 3",
        "heal",
        "pause-fetch broker 3",
        "resume-fetch broker 3",
        "fetch 2 t-0",
        "elect preferred",
        "elect preferred orders-0",
        "run 250ms",
        "run 3s",
        "run 2m",
        "run 100",
        "step",
        "step 5",
        "await hw orders-0 = 1 within 5s",
        "await leader orders-0 = 2",
        "expect leader orders-0 = none",
        "expect epoch orders-0 = 1",
        "expect replicas orders-0 = [1,2,3]",
        "expect isr orders-0 = [2, 3]",
        "expect hw orders-0 = 1",
        "expect hw orders-0@2 = 1",
        "expect leo orders-0@2 = 0",
        "expect log orders-0@3 = [first,second]",
        "expect acked first = yes",
        "expect acked first = no",
        "expect response a3 = none",
        "expect response a3 = NOT_ENOUGH_REPLICAS",
        "expect responses a3 = [NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT, NONE]",
        "expect count orders-0 first = 1",
        "expect consumed = [first,second]",
        "expect consumed c1 = []",
        "expect lost = []",
        "expect diverged orders-0 = no",
        "expect leaders broker 1 = 2",
        "expect followers broker 2 = 1",
        "expect controller = none",
        "expect controller = 1",
        "expect fenced broker 2 = yes",
        "latency 1 3 50ms",
    ];

    /// /work/shared/scenarios/happy-path.scenario, copied: that folder is not on every machine.
    const HAPPY_PATH: &str = r#"# Three brokers, one partition, acks=all with min.insync.replicas=2.
# The leader fails; the first in-sync replica in assignment order takes over and nothing acknowledged is lost.
seed 7
brokers 3
topic create orders partitions=1 rf=3 min-isr=2 start=0
expect replicas orders-0 = [1,2,3]
expect leader orders-0 = 1
produce orders-0 first
await hw orders-0 = 1 within 5s
expect acked first = yes
crash broker 1
await leader orders-0 = 2 within 30s
expect epoch orders-0 = 1
expect isr orders-0 = [2,3]
produce orders-0 second
await acked second = yes within 10s
expect log orders-0@3 = [first,second]
expect lost = []
"#;

    /// /work/shared/scenarios/manual-fetch.scenario, copied: that folder is not on every machine.
    const MANUAL_FETCH: &str = r#"# Replication by hand: each follower fetch is one round trip. The leader learns what a follower
# holds from its next fetch, and a follower learns the new HW from the response after that.
seed 1
set sim.replication manual
brokers 2
topic create t partitions=1 rf=2 start=0
produce t-0 m0 acks=1
run 10ms
expect leo t-0@1 = 1
expect leo t-0@2 = 0
fetch 2 t-0
run 10ms
expect leo t-0@2 = 1
expect hw t-0 = 0
fetch 2 t-0
run 10ms
expect hw t-0 = 1
expect hw t-0@2 = 1
"#;

    /// /work/shared/scenarios/min-isr-rejects.scenario, copied: that folder is not on every machine.
    const MIN_ISR_REJECTS: &str = r#"# min.insync.replicas=2: with one replica left in the ISR, acks=all writes are refused and nothing is
# appended; acks=1 writes are accepted but stay invisible (no HW advance) until a follower rejoins.
seed 3
brokers 3
topic create pay partitions=1 rf=3 min-isr=2 start=0
produce pay-0 a1
await acked a1 = yes within 5s
crash broker 3
await isr pay-0 = [1,2] within 20s
produce pay-0 a2
await acked a2 = yes within 5s
crash broker 2
await isr pay-0 = [1] within 20s
produce pay-0 a3 acks=all
run 2s
expect acked a3 = no
expect response a3 = NOT_ENOUGH_REPLICAS
expect log pay-0@1 = [a1,a2]
produce pay-0 a4 acks=1 producer=fast
await acked a4 = yes within 5s
expect hw pay-0 = 2
restart broker 2
await isr pay-0 = [1,2] within 30s
await acked a3 = yes within 30s
expect log pay-0@1 = [a1,a2,a4,a3]
await hw pay-0 = 4 within 5s
"#;

    /// /work/shared/scenarios/placement-five-brokers.scenario, copied: that folder is not on every machine.
    const PLACEMENT_FIVE_BROKERS: &str = r#"# Kafka's replica placement, as in its own AdminRackAwareTest (ids shifted by one).
brokers 5
topic create t partitions=10 rf=3 start=0
expect replicas t-0 = [1,2,3]
expect replicas t-3 = [4,5,1]
expect replicas t-5 = [1,3,4]
expect replicas t-9 = [5,2,3]
expect leaders broker 1 = 2
"#;

    /// /work/shared/scenarios/stalled-follower.scenario, copied: that folder is not on every machine.
    const STALLED_FOLLOWER: &str = r#"# A follower that stops fetching stays in the ISR while nothing is written; once it lags behind new
# writes for replica.lag.time.max.ms the leader drops it, and it rejoins when it catches up.
seed 5
set replica.lag.time.max.ms 10000
brokers 3
topic create logs partitions=1 rf=3 start=0
produce logs-0 x0
await hw logs-0 = 1 within 5s
pause-fetch broker 3
run 20s
expect isr logs-0 = [1,2,3]
produce logs-0 x1
await isr logs-0 = [1,2] within 20s
await acked x1 = yes within 2s
expect hw logs-0 = 2
resume-fetch broker 3
await isr logs-0 = [1,2,3] within 10s
expect log logs-0@3 = [x0,x1]
"#;

    fn tp(topic: &str, partition: u32) -> TopicPartition {
        TopicPartition {
            topic: topic.to_string(),
            partition,
        }
    }

    fn parsed(line: &str) -> Statement {
        match parse_line(line, 1) {
            Ok(Some(statement)) => statement,
            other => panic!("{line:?} did not parse to a statement: {other:?}"),
        }
    }

    fn error(text: &str) -> String {
        match parse_script(text) {
            Err(error) => error.to_string(),
            Ok(script) => panic!("{text:?} parsed: {script:?}"),
        }
    }

    fn assert_round_trips(statement: &Statement) {
        let printed = statement.to_string();
        assert_eq!(
            parse_line(&printed, 1),
            Ok(Some(statement.clone())),
            "printed as {printed:?}"
        );
    }

    #[test]
    fn every_contract_example_parses_and_round_trips() {
        for line in CONTRACT_LINES {
            assert_round_trips(&parsed(line));
        }
    }

    #[test]
    fn every_verbs_example_parses() {
        for (verb, syntax, meaning) in VERBS {
            let example = meaning
                .split("Example: ")
                .nth(1)
                .unwrap_or_else(|| panic!("{verb} has no example"));
            assert_round_trips(&parsed(example));
            assert!(!syntax.is_empty());
        }
    }

    #[test]
    fn every_shared_scenario_parses() {
        let expected_counts = [
            (HAPPY_PATH, 16),
            (MANUAL_FETCH, 16),
            (MIN_ISR_REJECTS, 24),
            (PLACEMENT_FIVE_BROKERS, 7),
            (STALLED_FOLLOWER, 16),
        ];
        for (text, count) in expected_counts {
            let script = parse_script(text).unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(script.statements.len(), count);
            for located in &script.statements {
                assert_round_trips(&located.node);
            }
            let reprinted = parse_script(&script.to_string()).expect("an exported script parses");
            let nodes = |script: &Script| {
                script
                    .statements
                    .iter()
                    .map(|located| located.node.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(nodes(&reprinted), nodes(&script));
        }
    }

    #[test]
    fn statements_keep_their_line_numbers() {
        let script = parse_script(HAPPY_PATH).unwrap();
        assert_eq!(
            script.statements[0],
            Located {
                line: 3,
                node: Statement::Seed(7)
            }
        );
        assert_eq!(script.statements[15].line, 18);
        let crlf = parse_script("\u{feff}seed 1\r\n\r\n# c\r\nrun 2s\r\n").unwrap();
        let lines: Vec<(u32, Statement)> = crlf
            .statements
            .into_iter()
            .map(|l| (l.line, l.node))
            .collect();
        assert_eq!(
            lines,
            vec![(1, Statement::Seed(1)), (4, Statement::Run(2_000))]
        );
    }

    #[test]
    fn blank_and_comment_lines_are_no_statement() {
        assert_eq!(parse_line("", 1), Ok(None));
        assert_eq!(parse_line("  \t", 1), Ok(None));
        assert_eq!(parse_line("  # crash broker 1", 1), Ok(None));
        assert_eq!(
            parse_script("").map(|script| script.statements.len()),
            Ok(0)
        );
    }

    #[test]
    fn setup_lines_build_the_expected_statements() {
        assert_eq!(
            parsed("topic create my-topic partitions=2 rf=2 replicas=1,2/2,1 start=1 min-isr=1"),
            Statement::TopicCreate {
                name: "my-topic".into(),
                partitions: 2,
                rf: 2,
                min_isr: Some(1),
                start: Some(1),
                replicas: Some(vec![vec![1, 2], vec![2, 1]]),
            }
        );
        let racks = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            parsed("brokers 4 racks=a,b"),
            Statement::Brokers {
                count: 4,
                racks: racks.clone()
            }
        );
        assert_eq!(
            parsed("brokers 4 racks=[a, b]"),
            Statement::Brokers { count: 4, racks }
        );
        assert_eq!(
            parsed("broker add rack=r1"),
            Statement::BrokerAdd {
                id: None,
                rack: Some("r1".into())
            }
        );
        assert_eq!(
            parsed("set  sim.replication\tmanual # why"),
            Statement::Set {
                key: "sim.replication".into(),
                value: "manual".into()
            }
        );
        assert_eq!(
            parsed("set x a=b"),
            Statement::Set {
                key: "x".into(),
                value: "a=b".into()
            }
        );
    }

    #[test]
    fn client_lines_build_the_expected_statements() {
        assert_eq!(
            parsed(r#"produce my-topic-2 "a \"quoted\" value" key="k 1" producer=fast acks=-1"#),
            Statement::Produce {
                target: ProduceTarget::Partition(tp("my-topic", 2)),
                value: "a \"quoted\" value".into(),
                key: Some("k 1".into()),
                acks: Some(Acks::All),
                producer: Some("fast".into()),
            }
        );
        let to_topic = parsed("produce orders x");
        assert!(
            matches!(to_topic, Statement::Produce { target: ProduceTarget::Topic(ref topic), .. } if topic == "orders")
        );
        assert_eq!(
            parsed("consume t-1-0 consumer=c2 from=17"),
            Statement::Consume {
                partition: tp("t-1", 0),
                from: Some(17),
                consumer: Some("c2".into())
            }
        );
    }

    #[test]
    fn fault_and_time_lines_build_the_expected_statements() {
        assert_eq!(
            parsed("crash controller 2"),
            Statement::Crash(NodeRef::Controller(2))
        );
        assert_eq!(
            parsed("restart broker 3"),
            Statement::Restart(NodeRef::Broker(3))
        );
        assert_eq!(
            parsed("cut producer controller"),
            Statement::Cut(Endpoint::Client("producer".into()), Endpoint::Controller)
        );
        assert_eq!(
            parsed("heal 1 c1"),
            Statement::HealLink(Endpoint::Broker(1), Endpoint::Client("c1".into()))
        );
        assert_eq!(
            parsed("fetch 2 t-0"),
            Statement::Fetch {
                broker: 2,
                partition: tp("t", 0)
            }
        );
        assert_eq!(parsed("run 0"), Statement::Run(0));
        assert_eq!(parsed("step"), Statement::Step(1));
        assert_eq!(
            parsed("latency 1 controller 2s"),
            Statement::Latency {
                a: Endpoint::Broker(1),
                b: Endpoint::Controller,
                latency_ms: 2_000
            }
        );
    }

    #[test]
    fn assertion_lines_build_the_expected_statements() {
        assert_eq!(
            parsed("await isr pay-0 = [1, 2] within 20s"),
            Statement::Await {
                query: Query::Isr(tp("pay", 0)),
                expected: Value::List(vec![Value::Number(1), Value::Number(2)]),
                within_ms: Some(20_000),
            }
        );
        assert_eq!(
            parsed(r#"expect log t-0@2 = [a, "b c", none, "none", 7, "7"]"#),
            Statement::Expect {
                query: Query::Log(tp("t", 0), Some(2)),
                expected: Value::List(vec![
                    Value::Word("a".into()),
                    Value::Word("b c".into()),
                    Value::None,
                    Value::Word("none".into()),
                    Value::Number(7),
                    Value::Word("7".into()),
                ]),
            }
        );
        let inside_a_list = Statement::Expect {
            query: Query::Consumed(None),
            expected: Value::List(vec![Value::Word("a=b".into())]),
        };
        assert_eq!(parsed("expect consumed = [a=b]"), inside_a_list);
        assert_eq!(
            parsed("expect consumed = []"),
            Statement::Expect {
                query: Query::Consumed(None),
                expected: Value::List(vec![])
            }
        );
        assert_eq!(
            parsed("expect leader t-0 = none"),
            Statement::Expect {
                query: Query::Leader(tp("t", 0)),
                expected: Value::None
            }
        );
    }

    #[test]
    fn statements_print_as_canonical_script_lines() {
        let cases = [
            ("brokers 3   racks=[a, b]", "brokers 3 racks=a,b"),
            (
                "produce t-0 \"hello world\" acks=-1 key=k",
                "produce t-0 \"hello world\" key=k acks=all",
            ),
            ("run 60000", "run 1m"),
            ("run 1500", "run 1500ms"),
            ("step", "step 1"),
            (
                "await acked x = yes within 10000",
                "await acked x = yes within 10s",
            ),
            ("expect isr t-0 = [ 2 , 3 ]", "expect isr t-0 = [2,3]"),
            (
                "expect log t-0 = [\"a,b\", \"\"]",
                "expect log t-0 = [\"a,b\",\"\"]",
            ),
            (
                "set \"odd key\" \"a \\\\ b\"",
                "set \"odd key\" \"a \\\\ b\"",
            ),
        ];
        for (line, printed) in cases {
            assert_eq!(parsed(line).to_string(), printed);
            assert_round_trips(&parsed(line));
        }
    }

    #[test]
    fn command_errors_name_line_column_and_what_was_expected() {
        let cases = [
            ("crash broker", "line 1, col 13: expected a broker number after 'crash broker'"),
            ("crash broker x", "line 1, col 14: expected a broker number, found 'x'"),
            ("crash brokr 1", "line 1, col 7: expected 'broker' or 'controller', found 'brokr'; did you mean 'broker'?"),
            ("crash broker 1 2", "line 1, col 16: expected the end of the line after 'crash broker 1', found '2'"),
            ("crash broker 4294967296", "line 1, col 14: number '4294967296' is too large (at most 4294967295)"),
            ("crash broker -1", "line 1, col 14: expected a broker number, found '-1'"),
            ("seed x", "line 1, col 6: expected a number, found 'x'"),
            ("seed 18446744073709551616", "line 1, col 6: number '18446744073709551616' is too large (at most 18446744073709551615)"),
            ("set", "line 1, col 4: expected a configuration key after 'set'"),
            ("set sim.replication", "line 1, col 20: expected a value after 'set sim.replication'"),
            ("stop 2", "line 1, col 6: expected 'broker', found '2'"),
            ("cut 1", "line 1, col 6: expected a node (a broker number, controller, or a client name) after 'cut 1'"),
            ("cut 1 2x!", "line 1, col 7: expected a node (a broker number, controller, or a client name), found '2x!'"),
            ("heal 1", "line 1, col 7: expected a node (a broker number, controller, or a client name) after 'heal 1'"),
            ("elect leader", "line 1, col 7: expected 'preferred', found 'leader'"),
            ("broker ad", "line 1, col 8: expected 'add' or 'remove', found 'ad'; did you mean 'add'?"),
            ("topic make t", "line 1, col 7: expected 'create', found 'make'"),
        ];
        for (line, message) in cases {
            assert_eq!(error(line), message, "{line}");
        }
    }

    #[test]
    fn unknown_commands_list_the_verbs_and_suggest_the_closest() {
        let all = "seed, set, brokers, broker, topic, produce, consume, crash, power-off, flush, stop, restart, cut, heal, isolate, pause-fetch, resume-fetch, fetch, elect, latency, run, step, await, expect";
        assert_eq!(error("seed 1\n\ncrsh broker 1"), format!("line 3, col 1: unknown command 'crsh'; expected one of: {all}; did you mean 'crash'?"));
        assert_eq!(error("  pause broker 1"), format!("line 1, col 3: unknown command 'pause'; expected one of: {all}; did you mean 'pause-fetch'?"));
        assert_eq!(
            error("xyzzy"),
            format!("line 1, col 1: unknown command 'xyzzy'; expected one of: {all}")
        );
        assert_eq!(error("\"seed\" 1"), format!("line 1, col 1: unknown command '\"seed\"'; expected one of: {all}; did you mean 'seed'?"));
    }

    #[test]
    fn option_errors_point_at_the_option() {
        let cases = [
            ("produce pay-0 x acks=2", "line 1, col 17: expected acks=all|1|0, found acks=2"),
            ("produce pay-0 x acks=", "line 1, col 17: expected acks=all|1|0, found acks="),
            ("produce pay-0 x acks=1 acks=all", "line 1, col 24: option 'acks' is given twice"),
            ("produce pay-0 x ack=1", "line 1, col 17: unknown option 'ack'; allowed: key=K, acks=all|1|0, producer=NAME; did you mean 'acks'?"),
            ("produce pay-0 x y", "line 1, col 17: expected an option (key=K, acks=all|1|0, producer=NAME), found 'y'"),
            ("produce pay-0 acks=1", "line 1, col 15: expected a record value, found option 'acks=1' (quote a value that holds '=')"),
            ("produce pay-0", "line 1, col 14: expected a record value after 'produce pay-0'"),
            ("produce pay-0 x producer=1p", "line 1, col 17: expected producer=NAME, found producer=1p (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')"),
            ("topic create t rf=3", "line 1, col 20: expected partitions=P after 'topic create t rf=3'"),
            ("topic create t partitions=1", "line 1, col 28: expected rf=R after 'topic create t partitions=1'"),
            ("topic create t partitions=x rf=1", "line 1, col 16: expected partitions=P, found partitions=x"),
            ("topic create t partitions=1 rf=1 min_isr=1", "line 1, col 34: unknown option 'min_isr'; allowed: partitions=P, rf=R, min-isr=M, start=K, replicas=1,2,3/2,3,1; did you mean 'min-isr'?"),
            ("topic create t partitions=1 rf=2 replicas=1,,2", "line 1, col 34: expected replicas=1,2,3/2,3,1, found replicas=1,,2 (broker numbers, one group per partition)"),
            ("topic create t partitions=2 rf=2 replicas=1,2/", "line 1, col 34: expected replicas=1,2,3/2,3,1, found replicas=1,2/ (broker numbers, one group per partition)"),
            ("topic create t/x partitions=1 rf=1", "line 1, col 14: expected a topic name, found 't/x' (names hold only letters, digits, '.', '_' and '-')"),
            ("brokers 3 racks=", "line 1, col 11: expected racks=a,b,c, found racks= (names hold only letters, digits, '.', '_' and '-')"),
            ("brokers 3 racks=a,,b", "line 1, col 11: expected racks=a,b,c, found racks=a,,b (names hold only letters, digits, '.', '_' and '-')"),
            ("consume t-0 from=-1", "line 1, col 13: expected from=OFFSET, found from=-1"),
        ];
        for (line, message) in cases {
            assert_eq!(error(line), message, "{line}");
        }
    }

    #[test]
    fn partition_and_duration_errors_say_what_was_expected() {
        let cases = [
            ("produce orders- x", "line 1, col 9: expected a partition number after 'orders-'"),
            ("consume orders", "line 1, col 9: expected a topic-partition such as orders-0, found 'orders'"),
            ("fetch 2 orders-x", "line 1, col 9: expected a topic-partition such as orders-0 (the last '-N' is the partition), found 'orders-x'"),
            ("fetch 2 -0", "line 1, col 9: expected a topic name before '-0'"),
            ("fetch 2 t-99999999999", "line 1, col 9: number '99999999999' is too large (at most 4294967295)"),
            ("expect hw orders-0@ = 1", "line 1, col 11: expected a broker number after 'orders-0@'"),
            ("expect hw orders-0@x = 1", "line 1, col 11: expected TOPIC-N@B with B a broker number, found 'orders-0@x'"),
            ("run -5", "line 1, col 5: expected a duration such as 250ms, 3s or 2m, found '-5'"),
            ("run 1.5s", "line 1, col 5: expected a duration such as 250ms, 3s or 2m, found '1.5s'"),
            ("run 5h", "line 1, col 5: expected a duration such as 250ms, 3s or 2m, found '5h'"),
            ("run", "line 1, col 4: expected a duration such as 250ms, 3s or 2m after 'run'"),
            ("run 99999999999999999999", "line 1, col 5: duration '99999999999999999999' is too long"),
            ("run 999999999999999999m", "line 1, col 5: duration '999999999999999999m' is too long"),
        ];
        for (line, message) in cases {
            assert_eq!(error(line), message, "{line}");
        }
    }

    #[test]
    fn assertion_errors_say_what_was_expected() {
        let queries = "leader, epoch, replicas, isr, hw, leo, log, acked, response, responses, count, consumed, lost, diverged, leaders, followers, controller, fenced";
        let cases = [
            ("expect hw orders-0", "line 1, col 19: expected '=' after 'expect hw orders-0'".to_string()),
            ("expect hw orders-0 1", "line 1, col 20: expected '=' between the query and the value, found '1'".to_string()),
            ("expect hw orders-0 =", "line 1, col 21: expected a value after 'expect hw orders-0 ='".to_string()),
            ("expect hw orders-0 = 1 2", "line 1, col 24: expected the end of the line after 'expect hw orders-0 = 1', found '2'".to_string()),
            ("expect hw orders-0 = 1 within 5s", "line 1, col 24: expected the end of the line after 'expect hw orders-0 = 1', found 'within'".to_string()),
            ("expect", "line 1, col 7: expected a query after 'expect'".to_string()),
            ("expect hww orders-0 = 1", format!("line 1, col 8: unknown query 'hww'; expected one of: {queries}; did you mean 'hw'?")),
            ("expect hw t-0 = 99999999999999999999", "line 1, col 17: number '99999999999999999999' is too large (at most 18446744073709551615)".to_string()),
            ("expect response t-0 = a=b", "line 1, col 23: expected a value, found 'a=b' (quote a value that holds '=')".to_string()),
            ("expect acked a=b = yes", "line 1, col 14: expected a record value, found option 'a=b' (quote a value that holds '=')".to_string()),
            ("expect consumed 9 = []", "line 1, col 17: expected a consumer name, found '9' (a client name starts with a letter, holds only letters, digits, '.', '_' and '-', and is not 'controller')".to_string()),
            ("await leader t-0 = 2 within", "line 1, col 28: expected a duration such as 250ms, 3s or 2m after 'await leader t-0 = 2 within'".to_string()),
            ("await leader t-0 = 2 in 5s", "line 1, col 22: expected 'within D' or the end of the line, found 'in'".to_string()),
            ("expect isr orders-0 = [1,2", "line 1, col 23: unterminated list: expected ']'".to_string()),
            ("expect acked \"é x = yes", "line 1, col 14: unterminated quoted value: expected a closing '\"'".to_string()),
        ];
        for (line, message) in cases {
            assert_eq!(error(line), message, "{line}");
        }
    }

    #[test]
    fn errors_report_the_line_and_character_column_within_a_script() {
        assert_eq!(
            error("seed 1\n# note\n  crash broker x"),
            "line 3, col 16: expected a broker number, found 'x'"
        );
        assert_eq!(
            error("produce t-0 \"héllo wörld\" acks=2"),
            "line 1, col 27: expected acks=all|1|0, found acks=2"
        );
        let long = format!("produce t-0 x acks={}", "9".repeat(100));
        assert_eq!(
            error(&long),
            format!(
                "line 1, col 15: expected acks=all|1|0, found acks={}…",
                "9".repeat(35)
            )
        );
    }

    #[test]
    fn huge_and_hostile_inputs_are_errors_not_panics() {
        assert!(parse_line(&"a".repeat(1_000_000), 1).is_err());
        assert!(parse_line(&format!("expect lost = {}", "[".repeat(100_000)), 1).is_err());
        assert!(parse_line(&"\"".repeat(100_001), 1).is_err());
        let digits = "9".repeat(10_000);
        for line in [
            format!("seed {digits}"),
            format!("run {digits}ms"),
            format!("crash broker {digits}"),
            format!("fetch 1 t-{digits}"),
            format!("expect hw t-0@{digits} = {digits}"),
            format!("topic create t partitions={digits} rf=1"),
        ] {
            assert!(parse_line(&line, 1).is_err(), "{}", excerpt(&line));
        }
        let many_lines = "seed 1\n".repeat(100_000);
        assert_eq!(
            parse_script(&many_lines).map(|script| script.statements.len()),
            Ok(100_000)
        );
        assert_eq!(
            parse_line("crash broker 1", u32::MAX),
            Ok(Some(Statement::Crash(NodeRef::Broker(1))))
        );
    }

    #[test]
    fn suggestions_are_close_and_deterministic() {
        assert_eq!(closest("crsh", &["crash", "cut"]), Some("crash"));
        assert_eq!(closest("x", &["run"]), None);
        assert_eq!(closest("cat", &["cut", "set"]), Some("cut"));
        assert_eq!(
            closest("resume", &["pause-fetch", "resume-fetch"]),
            Some("resume-fetch")
        );
        assert_eq!(closest(&"a".repeat(1000), &["seed"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn numbers_and_durations_accept_digits_only() {
        assert_eq!(parse_u64("007"), Ok(7));
        assert_eq!(parse_u64("+7"), Err(NumberError::NotANumber));
        assert_eq!(parse_u64(""), Err(NumberError::NotANumber));
        assert_eq!(parse_u64("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_u32("4294967296"), Err(NumberError::TooLarge));
        assert_eq!(parse_duration_ms("250ms"), Ok(250));
        assert_eq!(parse_duration_ms("3s"), Ok(3_000));
        assert_eq!(parse_duration_ms("2m"), Ok(120_000));
        assert_eq!(parse_duration_ms("ms"), Err(NumberError::NotANumber));
        assert_eq!(parse_duration_ms("3 s"), Err(NumberError::NotANumber));
    }
}

/// `parse_script` must never panic, and whatever parses must print back to itself.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod property_tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    /// Words of the language and near misses of them: random sequences of these reach far
    /// deeper into the parser than random characters do.
    const GRAMMAR_TOKENS: &[&str] = &[
        "seed",
        "set",
        "brokers",
        "broker",
        "add",
        "remove",
        "topic",
        "create",
        "produce",
        "consume",
        "crash",
        "power-off",
        "flush",
        "stop",
        "restart",
        "cut",
        "heal",
        "isolate",
        "pause-fetch",
        "resume-fetch",
        "fetch",
        "elect",
        "preferred",
        "latency",
        "run",
        "step",
        "await",
        "expect",
        "within",
        "controller",
        "leader",
        "epoch",
        "replicas",
        "isr",
        "hw",
        "leo",
        "log",
        "acked",
        "response",
        "responses",
        "count",
        "consumed",
        "lost",
        "diverged",
        "leaders",
        "followers",
        "fenced",
        "=",
        "==",
        "0",
        "1",
        "3",
        "-1",
        "007",
        "4294967296",
        "18446744073709551616",
        "250ms",
        "3s",
        "2m",
        "5h",
        "1.5s",
        "orders-0",
        "orders-",
        "orders",
        "-0",
        "my-topic-2",
        "t-0@2",
        "t-0@",
        "t-0@x",
        "@",
        "partitions=1",
        "rf=3",
        "min-isr=2",
        "start=0",
        "replicas=1,2,3/2,3,1",
        "replicas=/",
        "racks=a,b",
        "racks=[a, b]",
        "racks=",
        "id=4",
        "rack=r",
        "key=k",
        "key=\"a b\"",
        "acks=all",
        "acks=2",
        "acks=",
        "producer=p",
        "consumer=c",
        "from=5",
        "from=-1",
        "foo=bar",
        "\"hello world\"",
        "\"",
        "\"\\\"\"",
        "\"\\x\"",
        "[]",
        "[1,2,3]",
        "[ 1 , 2 ]",
        "[a,\"b c\"]",
        "[",
        "]",
        "[1,",
        "[[1]]",
        "[1]x",
        "#",
        "# comment",
        "none",
        "\"none\"",
        "yes",
        "NONE",
        "é",
        "\u{feff}",
        "\u{a0}",
        "\\",
    ];
    const SEPARATORS: &[&str] = &[" ", " ", " ", "  ", "\t", "", "\n", "\r\n"];

    fn joined_tokens() -> impl Strategy<Value = String> {
        prop::collection::vec((select(GRAMMAR_TOKENS), select(SEPARATORS)), 0..12).prop_map(
            |pairs| {
                pairs
                    .into_iter()
                    .flat_map(|(token, separator)| [token, separator])
                    .collect::<String>()
            },
        )
    }

    /// Every line of `text` that parses prints back to a line that parses the same.
    fn assert_parsed_lines_round_trip(text: &str) -> Result<(), TestCaseError> {
        for (index, line) in text.lines().enumerate() {
            if let Ok(Some(statement)) = parse_line(line, saturating_u32(index + 1)) {
                let printed = statement.to_string();
                prop_assert_eq!(
                    parse_line(&printed, 1),
                    Ok(Some(statement)),
                    "{:?} printed as {:?}",
                    line,
                    printed
                );
            }
        }
        Ok(())
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9._-]{1,12}".prop_filter("'.' and '..' are not topic names", |name| {
            name != "." && name != ".."
        })
    }

    fn client_name() -> impl Strategy<Value = String> {
        "[a-zA-Z][a-zA-Z0-9._-]{0,8}"
            .prop_filter("'controller' is the quorum", |name| name != "controller")
    }

    /// A bare topic for `produce TOPIC`: one that does not end in `-N` or `-`.
    fn produce_topic() -> impl Strategy<Value = String> {
        name().prop_filter("would read as a topic-partition", |name| {
            !name
                .rsplit_once('-')
                .is_some_and(|(_, suffix)| suffix.bytes().all(|byte| byte.is_ascii_digit()))
        })
    }

    fn topic_partition_strategy() -> impl Strategy<Value = TopicPartition> {
        (name(), any::<u32>()).prop_map(|(topic, partition)| TopicPartition { topic, partition })
    }

    /// Free text, weighted towards the words that need quoting to read back the same.
    fn text() -> impl Strategy<Value = String> {
        let tricky = select(
            &[
                "none", "42", "", "=", "a b", "\"", "\\", "#", "[x]", "a,b", "within", "-1", "\r",
            ][..],
        );
        prop_oneof![3 => "[^\n]{0,12}", 1 => tricky.prop_map(str::to_string)]
    }

    fn value_strategy() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            any::<u64>().prop_map(Value::Number),
            Just(Value::None),
            text().prop_map(Value::Word)
        ];
        prop_oneof![2 => leaf.clone(), 1 => prop::collection::vec(leaf, 0..4).prop_map(Value::List)]
    }

    fn endpoint() -> impl Strategy<Value = Endpoint> {
        prop_oneof![
            any::<u32>().prop_map(Endpoint::Broker),
            Just(Endpoint::Controller),
            client_name().prop_map(Endpoint::Client)
        ]
    }

    fn node_ref() -> impl Strategy<Value = NodeRef> {
        prop_oneof![
            any::<u32>().prop_map(NodeRef::Broker),
            any::<u32>().prop_map(NodeRef::Controller)
        ]
    }

    fn partition_query() -> impl Strategy<Value = Query> {
        let tp = topic_partition_strategy;
        let broker = || proptest::option::of(any::<u32>());
        prop_oneof![
            tp().prop_map(Query::Leader),
            tp().prop_map(Query::Epoch),
            tp().prop_map(Query::Replicas),
            tp().prop_map(Query::Isr),
            (tp(), broker()).prop_map(|(tp, b)| Query::Hw(tp, b)),
            (tp(), broker()).prop_map(|(tp, b)| Query::Leo(tp, b)),
            (tp(), broker()).prop_map(|(tp, b)| Query::Log(tp, b)),
            (tp(), text()).prop_map(|(tp, value)| Query::Count(tp, value)),
            tp().prop_map(Query::Diverged),
        ]
    }

    fn other_query() -> impl Strategy<Value = Query> {
        prop_oneof![
            text().prop_map(Query::Acked),
            text().prop_map(Query::Response),
            text().prop_map(Query::Responses),
            proptest::option::of(client_name()).prop_map(Query::Consumed),
            Just(Query::Lost),
            any::<u32>().prop_map(Query::Leaders),
            any::<u32>().prop_map(Query::Followers),
            Just(Query::Controller),
            any::<u32>().prop_map(Query::Fenced),
        ]
    }

    fn setup_statement() -> impl Strategy<Value = Statement> {
        let replicas = proptest::option::of(prop::collection::vec(
            prop::collection::vec(any::<u32>(), 1..4),
            1..4,
        ));
        let optional = || proptest::option::of(any::<u32>());
        prop_oneof![
            any::<u64>().prop_map(Statement::Seed),
            (text(), text()).prop_map(|(key, value)| Statement::Set { key, value }),
            (any::<u32>(), prop::collection::vec(name(), 0..4))
                .prop_map(|(count, racks)| Statement::Brokers { count, racks }),
            (optional(), proptest::option::of(name()))
                .prop_map(|(id, rack)| Statement::BrokerAdd { id, rack }),
            any::<u32>().prop_map(Statement::BrokerRemove),
            (
                name(),
                any::<u32>(),
                any::<u32>(),
                optional(),
                optional(),
                replicas
            )
                .prop_map(|(name, partitions, rf, min_isr, start, replicas)| {
                    Statement::TopicCreate {
                        name,
                        partitions,
                        rf,
                        min_isr,
                        start,
                        replicas,
                    }
                }),
        ]
    }

    fn client_statement() -> impl Strategy<Value = Statement> {
        let target = prop_oneof![
            produce_topic().prop_map(ProduceTarget::Topic),
            topic_partition_strategy().prop_map(ProduceTarget::Partition),
        ];
        let acks = proptest::option::of(select(&[Acks::All, Acks::One, Acks::Zero][..]));
        let client = || proptest::option::of(client_name());
        prop_oneof![
            (target, text(), proptest::option::of(text()), acks, client()).prop_map(
                |(target, value, key, acks, producer)| {
                    Statement::Produce {
                        target,
                        value,
                        key,
                        acks,
                        producer,
                    }
                }
            ),
            (
                topic_partition_strategy(),
                proptest::option::of(any::<u64>()),
                client()
            )
                .prop_map(|(partition, from, consumer)| Statement::Consume {
                    partition,
                    from,
                    consumer
                }),
        ]
    }

    fn fault_statement() -> impl Strategy<Value = Statement> {
        prop_oneof![
            node_ref().prop_map(Statement::Crash),
            node_ref().prop_map(Statement::Restart),
            any::<u32>().prop_map(Statement::PowerOff),
            any::<u32>().prop_map(Statement::Flush),
            any::<u32>().prop_map(Statement::Stop),
            (endpoint(), endpoint()).prop_map(|(a, b)| Statement::Cut(a, b)),
            (endpoint(), endpoint()).prop_map(|(a, b)| Statement::HealLink(a, b)),
            any::<u32>().prop_map(Statement::Isolate),
            Just(Statement::HealAll),
            prop_oneof![
                any::<u32>().prop_map(Statement::PauseFetch),
                any::<u32>().prop_map(Statement::ResumeFetch)
            ],
        ]
    }

    fn time_and_assertion_statement() -> impl Strategy<Value = Statement> {
        let query = prop_oneof![partition_query(), other_query()];
        prop_oneof![
            (any::<u32>(), topic_partition_strategy())
                .prop_map(|(broker, partition)| Statement::Fetch { broker, partition }),
            proptest::option::of(topic_partition_strategy()).prop_map(Statement::ElectPreferred),
            (endpoint(), endpoint(), any::<u64>())
                .prop_map(|(a, b, latency_ms)| Statement::Latency { a, b, latency_ms }),
            prop_oneof![
                any::<u64>(),
                (0u64..1_000).prop_map(|n| n * 1_000),
                (0u64..100).prop_map(|n| n * 60_000)
            ]
            .prop_map(Statement::Run),
            any::<u32>().prop_map(Statement::Step),
            (
                query.clone(),
                value_strategy(),
                proptest::option::of(any::<u64>())
            )
                .prop_map(|(query, expected, within_ms)| Statement::Await {
                    query,
                    expected,
                    within_ms
                }),
            (query, value_strategy())
                .prop_map(|(query, expected)| Statement::Expect { query, expected }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = parse_script(&text);
            let _ = parse_line(&text, 1);
        }

        #[test]
        fn script_like_text_never_panics(text in "[ -~\"\\[\\]#=,@\\\\é\u{a0}\t\r\n]{0,200}") {
            let _ = parse_script(&text);
            assert_parsed_lines_round_trip(&text)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn grammar_token_sequences_never_panic_and_round_trip(text in joined_tokens()) {
            let _ = parse_script(&text);
            assert_parsed_lines_round_trip(&text)?;
        }

        #[test]
        fn printed_statements_parse_back_to_themselves(
            statement in prop_oneof![setup_statement(), client_statement(), fault_statement(), time_and_assertion_statement()]
        ) {
            let printed = statement.to_string();
            prop_assert!(!printed.contains('\n'), "one line: {:?}", printed);
            prop_assert_eq!(parse_line(&printed, 1), Ok(Some(statement)), "printed as {:?}", printed);
        }
    }
}
