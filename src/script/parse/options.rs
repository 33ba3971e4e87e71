//! Options: the `key=value` words after a command's positional arguments, in any order,
//! each at most once. Holds the options every command accepts (`OptionSpec`, with the
//! syntax errors show), `read_options`, which takes the rest of a line as options, and the
//! typed readers of one option's value (numbers, acks, names, racks, replica assignments),
//! each failing with "expected SYNTAX, found key=value" pointing at the whole option.
use super::cursor::Cursor;
use super::error::{excerpt, ParseError};
use super::lexer::{Token, TokenKind};
use super::verbs::closest;
use super::words::{is_client_name, is_name, parse_u32, parse_u64, NumberError, CLIENT_NAME_RULE, NAME_RULE};
use crate::script::ast::Acks;
use crate::sim::placement::Placer;

/// An option a command accepts, and how its syntax is shown in errors.
pub(super) struct OptionSpec {
    name: &'static str,
    syntax: &'static str,
}

pub(super) const RACKS: OptionSpec = OptionSpec { name: "racks", syntax: "racks=a,b,c" };
pub(super) const ID: OptionSpec = OptionSpec { name: "id", syntax: "id=N" };
pub(super) const RACK: OptionSpec = OptionSpec { name: "rack", syntax: "rack=R" };
pub(super) const PARTITIONS: OptionSpec = OptionSpec { name: "partitions", syntax: "partitions=P" };
pub(super) const RF: OptionSpec = OptionSpec { name: "rf", syntax: "rf=R" };
pub(super) const MIN_ISR: OptionSpec = OptionSpec { name: "min-isr", syntax: "min-isr=M" };
pub(super) const START: OptionSpec = OptionSpec { name: "start", syntax: "start=K" };
pub(super) const PLACER: OptionSpec = OptionSpec { name: "placer", syntax: "placer=admin-utils|striped" };
pub(super) const REPLICAS: OptionSpec = OptionSpec { name: "replicas", syntax: "replicas=1,2,3/2,3,1" };
pub(super) const KEY: OptionSpec = OptionSpec { name: "key", syntax: "key=K" };
pub(super) const ACKS: OptionSpec = OptionSpec { name: "acks", syntax: "acks=all|1|0" };
pub(super) const PRODUCER: OptionSpec = OptionSpec { name: "producer", syntax: "producer=NAME" };
pub(super) const FROM: OptionSpec = OptionSpec { name: "from", syntax: "from=OFFSET" };
pub(super) const CONSUMER: OptionSpec = OptionSpec { name: "consumer", syntax: "consumer=NAME" };

/// The options given on one line: (name, the whole `key=value` token, its value token).
pub(super) struct Options<'t> {
    given: Vec<(&'static str, &'t Token, &'t Token)>,
    line_no: u32,
}

/// Reads every remaining token as an option among `allowed`.
pub(super) fn read_options<'t>(c: &mut Cursor<'t>, allowed: &[OptionSpec]) -> Result<Options<'t>, ParseError> {
    let syntaxes: Vec<&str> = allowed.iter().map(|spec| spec.syntax).collect();
    let mut options = Options { given: Vec::new(), line_no: c.line_no };
    while let Some(token) = c.advance() {
        let TokenKind::Assign { key, value } = &token.kind else {
            return Err(c.found(token, &format!("an option ({})", syntaxes.join(", "))));
        };
        let Some(spec) = allowed.iter().find(|spec| spec.name == key) else {
            let names: Vec<&str> = allowed.iter().map(|spec| spec.name).collect();
            let mut message = format!("unknown option '{}'; allowed: {}", excerpt(key), syntaxes.join(", "));
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
        self.given.iter().find(|(name, _, _)| *name == spec.name).map(|(_, whole, value)| (*whole, *value))
    }

    /// "expected acks=all|1|0, found acks=2", pointing at the whole option.
    fn invalid(&self, spec: &OptionSpec, whole: &Token, note: &str) -> ParseError {
        ParseError::new(
            self.line_no,
            whole.column,
            format!("expected {}, found {}{note}", spec.syntax, excerpt(&whole.raw)),
        )
    }

    /// The option's value as one bare word, or the option's syntax error.
    fn word(&self, spec: &OptionSpec) -> Result<Option<(&'t Token, &'t str)>, ParseError> {
        match self.get(spec) {
            None => Ok(None),
            Some((whole, Token { kind: TokenKind::Word(word), .. })) if !word.is_empty() => {
                Ok(Some((whole, word.as_str())))
            }
            Some((whole, _)) => Err(self.invalid(spec, whole, "")),
        }
    }

    pub(super) fn required<T>(
        &self,
        c: &Cursor<'_>,
        spec: &OptionSpec,
        read: fn(&Self, &OptionSpec) -> Result<Option<T>, ParseError>,
    ) -> Result<T, ParseError> {
        read(self, spec)?.ok_or_else(|| c.missing(spec.syntax))
    }

    pub(super) fn number_u32(&self, spec: &OptionSpec) -> Result<Option<u32>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        match parse_u32(word) {
            Ok(number) => Ok(Some(number)),
            Err(NumberError::NotANumber) => Err(self.invalid(spec, whole, "")),
            Err(NumberError::TooLarge) => Err(self.invalid(spec, whole, " (at most 4294967295)")),
        }
    }

    pub(super) fn number_u64(&self, spec: &OptionSpec) -> Result<Option<u64>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        match parse_u64(word) {
            Ok(number) => Ok(Some(number)),
            Err(NumberError::NotANumber) => Err(self.invalid(spec, whole, "")),
            Err(NumberError::TooLarge) => Err(self.invalid(spec, whole, " (at most 18446744073709551615)")),
        }
    }

    pub(super) fn acks(&self, spec: &OptionSpec) -> Result<Option<Acks>, ParseError> {
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

    /// `placer=admin-utils|striped`.
    pub(super) fn placer(&self, spec: &OptionSpec) -> Result<Option<Placer>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        Placer::from_label(word).map(Some).ok_or_else(|| self.invalid(spec, whole, ""))
    }

    /// Free text such as a record key: a word or a quoted value (which may be empty).
    pub(super) fn text(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        match self.get(spec) {
            None => Ok(None),
            Some((_, Token { kind: TokenKind::Quoted(text), .. })) => Ok(Some(text.clone())),
            Some(_) => Ok(self.word(spec)?.map(|(_, word)| word.to_string())),
        }
    }

    pub(super) fn client_name(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        if !is_client_name(word) {
            return Err(self.invalid(spec, whole, CLIENT_NAME_RULE));
        }
        Ok(Some(word.to_string()))
    }

    /// A rack name, restricted like topic names so it prints back without quotes.
    pub(super) fn name(&self, spec: &OptionSpec) -> Result<Option<String>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        if !is_name(word) {
            return Err(self.invalid(spec, whole, NAME_RULE));
        }
        Ok(Some(word.to_string()))
    }

    /// `racks=a,b,c` (or `racks=[a, b, c]`): at least one rack, each a name.
    pub(super) fn racks(&self, spec: &OptionSpec) -> Result<Option<Vec<String>>, ParseError> {
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
    pub(super) fn replica_assignment(&self, spec: &OptionSpec) -> Result<Option<Vec<Vec<u32>>>, ParseError> {
        let Some((whole, word)) = self.word(spec)? else {
            return Ok(None);
        };
        let parse_group = |group: &str| group.split(',').map(parse_u32).collect::<Result<Vec<u32>, NumberError>>();
        match word.split('/').map(parse_group).collect::<Result<Vec<Vec<u32>>, NumberError>>() {
            Ok(groups) => Ok(Some(groups)),
            Err(NumberError::NotANumber) => {
                Err(self.invalid(spec, whole, " (broker numbers, one group per partition)"))
            }
            Err(NumberError::TooLarge) => Err(self.invalid(spec, whole, " (a broker number is at most 4294967295)")),
        }
    }
}
