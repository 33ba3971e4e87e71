//! Text with `{QUERY}` in it, and the values a prediction compares. A value of the
//! cluster is never written into a lesson as a constant: it is a query, evaluated here at
//! the moment it is shown, so the text stays true whatever the seed does.
use super::model::{Choices, Question};
use crate::script::ast::{Query, Statement, Value};
use crate::script::parse::{parse_line, parse_query_line};
use crate::script::query::{evaluate, matches};
use crate::sim::Cluster;

/// A piece of narration: literal text, or a query to evaluate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    Text(String),
    Query(String),
}

/// Splits text at its `{QUERY}`s (`{{` is a literal `{`). Fails on a `{` never closed, an
/// empty `{}`, or a query the scenario language does not parse.
pub(super) fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            literal.push('{');
            rest = after;
            continue;
        }
        let close = rest.find('}').ok_or_else(|| "'{' without its '}' (write '{{' for a literal brace)".to_string())?;
        let query = rest[..close].trim();
        parse_query_line(query).map_err(|e| format!("{{{query}}} is not a query: {}", e.message))?;
        if !literal.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut literal)));
        }
        out.push(Piece::Query(query.to_string()));
        rest = &rest[close + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(out)
}

/// The text with every `{QUERY}` replaced by its value now, as `expect` prints values
/// (`2`, `[4,5,6]`, `none`, `yes`).
pub fn fill_text(text: &str, cluster: &Cluster) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces(text)? {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Query(q) => out.push_str(&query_value(&q, cluster).map_err(|e| format!("{{{q}}}: {e}"))?),
        }
    }
    Ok(out)
}

/// A query's value now, as text.
pub(super) fn query_value(query: &str, cluster: &Cluster) -> Result<String, String> {
    let query = parse_query_line(query).map_err(|e| format!("'{query}' is not a query: {}", e.message))?;
    evaluate(cluster, &query).map(|v| v.to_string())
}

/// The question's correct answer now (call it after the reveal's lines).
pub fn answer_value(question: &Question, cluster: &Cluster) -> Result<String, String> {
    query_value(&question.answer, cluster)
}

/// Whether `choice` (a value as `expect` writes it, or a broker id for `pick: broker`) is
/// the answer now, compared as `expect` compares: `isr` and `elr` as sets, `1` equal to
/// `"1"`, lists in order otherwise.
pub fn choice_matches(question: &Question, choice: &str, cluster: &Cluster) -> Result<bool, String> {
    let (query, expected) = assertion(&question.answer, choice)?;
    let actual = evaluate(cluster, &query)?;
    Ok(matches(&query, &expected, &actual))
}

/// `QUERY` and `VALUE` read by the scenario language's own parser, as in `expect QUERY = VALUE`.
pub(super) fn assertion(query: &str, value: &str) -> Result<(Query, Value), String> {
    let line = format!("expect {query} = {value}");
    match parse_line(&line, 1) {
        Ok(Some(Statement::Expect { query, expected })) => Ok((query, expected)),
        Ok(_) => Err(format!("'{query} = {value}' is not an assertion")),
        Err(e) => Err(format!("'{query} = {value}' does not parse: {}", e.message)),
    }
}

/// Every choice a learner can make in `question`, given the cluster's brokers for `pick: broker`.
pub(super) fn offered_choices(question: &Question, brokers: &[u32]) -> Vec<String> {
    match &question.choices {
        Choices::List(list) => list.clone(),
        Choices::PickBroker => brokers.iter().map(u32::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_split_text_and_queries_and_double_braces_are_literal() {
        let got = pieces("Broker 4 leads {leaders broker 4} of {{x}.").unwrap();
        assert_eq!(
            got,
            vec![
                Piece::Text("Broker 4 leads ".into()),
                Piece::Query("leaders broker 4".into()),
                Piece::Text(" of {x}.".into())
            ]
        );
        assert!(pieces("a {leader} b").unwrap_err().contains("is not a query"));
        assert!(pieces("a {leader t-0").unwrap_err().contains("without its"));
    }
}
