//! Article metadata read from the text: a dateline ("Moscou, 21 oct 2020
//! (AFP) -", "BAKOU/EREVAN, 23 octobre (Reuters) -", "Reuters • 23/10/2020
//! à 10:50") and a byline ("Par euronews avec AFP"). The date a dispatch's
//! relative expressions are resolved against is the more precise of what
//! the corpus knows and what the dateline says, when they agree.

use serde::Serialize;

use super::dates;
use super::entities::Knowledge;
use super::scan::{Doc, TokKind};
use crate::corpus::Article;
use crate::date::{PartialDate, Precision};

/// Tokens from the start of the text where a dateline or byline is looked for.
const HEAD_TOKENS: usize = 160;

/// The `kind: "article"` suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleGuess {
    pub date: Option<PartialDate>,
    pub precision: Precision,
    pub outlet: Option<String>,
}

/// The date relative expressions are resolved against.
pub fn reference_date(article: &Article, doc: &Doc) -> Option<PartialDate> {
    let known = article.meta.date;
    match (known, dateline_date(doc, known)) {
        (Some(k), Some(d)) if d.precision().rank() > k.precision().rank() && d.overlaps(&k) => Some(d),
        (None, Some(d)) => Some(d),
        (k, _) => k,
    }
}

/// What the text says of the article: date (with precision) and outlet.
pub fn guess(article: &Article, doc: &Doc, knowledge: &Knowledge) -> ArticleGuess {
    let date = reference_date(article, doc);
    let outlet = article.meta.outlet.clone().or_else(|| outlet_of(doc, knowledge));
    ArticleGuess { date, precision: date.map(|d| d.precision()).unwrap_or(Precision::Unknown), outlet }
}

/// A written date in the head of the text that stands in a dateline: before
/// "(Outlet)", after "Outlet •", or after "CITY," at a line start.
fn dateline_date(doc: &Doc, known: Option<PartialDate>) -> Option<PartialDate> {
    let limit = HEAD_TOKENS.min(doc.toks.len());
    let mut t = 0;
    while t < limit {
        let Some(e) = dates::explicit_at(doc, t, crate::corpus::Lang::Fr) else {
            t += 1;
            continue;
        };
        let before_outlet = doc.toks.get(e.end).is_some_and(|x| x.is_punct(b'('));
        let after_mark =
            e.start > 0 && matches!(doc.tok_text(e.start - 1), "•" | "|" | "-" | "—" | "," | "le" | "on");
        let numeric = doc.toks[e.start].kind == TokKind::Num
            && e.year.is_some()
            && doc.toks.get(e.start + 1).is_some_and(|x| x.is_punct(b'/'));
        if before_outlet || (after_mark && (numeric || near_line_start(doc, e.start))) {
            let year = e.year.or(known.map(|k| k.year));
            if let Some(d) = year.and_then(|y| PartialDate::day(y, e.month, e.day)) {
                return Some(d);
            }
        }
        t = e.end;
    }
    None
}

fn near_line_start(doc: &Doc, t: usize) -> bool {
    (t.saturating_sub(5)..t).any(|k| doc.toks[k].nl_before || k == 0)
}

/// "(AFP)", "(Reuters)", "Par euronews avec AFP", "Reuters •".
fn outlet_of(doc: &Doc, knowledge: &Knowledge) -> Option<String> {
    let limit = HEAD_TOKENS.min(doc.toks.len());
    for t in 0..limit {
        if doc.is_any(t, &["par", "by"])
            && doc.toks[t].cap
            && let Some(o) = knowledge.outlet(doc.tok_text(t + 1).trim())
        {
            return Some(o);
        }
        if doc.toks[t].is_punct(b'(')
            && doc.toks.get(t + 2).is_some_and(|x| x.is_punct(b')'))
            && let Some(o) = knowledge.outlet(doc.tok_text(t + 1))
        {
            return Some(o);
        }
        if t + 1 < limit
            && doc.tok_text(t + 1) == "•"
            && let Some(o) = knowledge.outlet(doc.tok_text(t))
        {
            return Some(o);
        }
    }
    None
}
