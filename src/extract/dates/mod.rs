//! DATE: temporal expressions normalised against the article's date, the
//! way HeidelTime's news mode does it: a weekday in a past-tense clause is
//! the latest such day on or before the article date, in a future-tense one
//! the next; "le lendemain" and "la veille" count from the date just
//! mentioned; "hier" and "il y a deux jours" from the article date; a night
//! is its evening's day; spans of several days get the month. What cannot
//! be resolved keeps its span and gets no value: never a guess.
//!
//! One rule a module, tried in order at each token that may open a date;
//! the word lists are in lexicon/dates.txt and lexicon/words.txt.

mod counts;
mod explicit;
mod lexicon;
mod months;
mod nights;
mod periods;
mod relative;
mod speech;
mod tense;
mod weekdays;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Duration, NaiveDate};

use super::scan::{Doc, TokKind};
use super::vocab::{Class, DATECUE};
use crate::corpus::Lang;
use crate::date::{PartialDate, Precision};

pub use explicit::{Explicit, explicit_at};

#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    /// Token range of the expression.
    pub start: usize,
    pub end: usize,
    pub value: Option<PartialDate>,
}

/// What the rules know at a token: the text, the article date, and the
/// dates found before it.
struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    reference: Option<PartialDate>,
    /// The article date when known to the day.
    ref_day: Option<NaiveDate>,
    lang: Lang,
    /// The last day mentioned: what "le lendemain" counts from.
    anchor: Option<NaiveDate>,
    found: Vec<DateFound>,
}

type Rule = fn(&Ctx, usize) -> Option<DateFound>;

/// The rules in the order they are tried: the longest readings first.
const RULES: &[Rule] = &[
    written,
    periods::period_at,
    months::month_at,
    nights::night_at,
    weekdays::weekday_at,
    nights::midnight_at,
    relative::relative_at,
    counts::count_at,
];

pub fn find(doc: &Doc, reference: Option<PartialDate>, lang: Lang) -> Vec<DateFound> {
    let mut out = find_all(doc, reference, lang);
    speech::reported_speech(doc, &mut out);
    // related headlines after "À découvrir également" are other stories of
    // other days: their dates keep no value
    if let Some(b) = super::tags::related_start(doc) {
        for d in out.iter_mut().filter(|d| doc.toks[d.start].start >= b) {
            d.value = None;
        }
    }
    out
}

fn find_all(doc: &Doc, reference: Option<PartialDate>, lang: Lang) -> Vec<DateFound> {
    let ref_day = reference.and_then(|r| r.naive());
    let mut cx = Ctx { doc, reference, ref_day, lang, anchor: ref_day, found: Vec::new() };
    let mut i = 0;
    while i < doc.toks.len() {
        if !may_start_date(doc, i) {
            i += 1;
            continue;
        }
        match RULES.iter().find_map(|rule| rule(&cx, i)) {
            Some(mut d) => {
                // a reading that reaches back never takes a found date's words
                let floor = cx.found.last().map_or(0, |f| f.end);
                d.start = d.start.max(floor).min(i);
                i = d.end.max(i + 1);
                if let Some(day) = d.value.and_then(|v| v.naive()) {
                    cx.anchor = Some(day);
                }
                cx.found.push(d);
            }
            None => i += 1,
        }
    }
    cx.found
}

/// Written dates, from their number or month, or from a lead-in before
/// them ("le", "ce", a weekday).
fn written(cx: &Ctx, i: usize) -> Option<DateFound> {
    let e = explicit::explicit_at(cx.doc, i, cx.lang).or_else(|| explicit::led_at(cx.doc, i, cx.lang))?;
    Some(DateFound { start: e.start, end: e.end, value: explicit::resolve(e, cx.reference) })
}

/// A cheap test before the rules: digits, a date word, or a word that can
/// open a date ("la", "dans", "il", "the", "ce"…; flagged in the vocabulary),
/// the function words among them only with a date word in the next five.
fn may_start_date(doc: &Doc, i: usize) -> bool {
    let tok = &doc.toks[i];
    match tok.kind {
        TokKind::Num => true,
        TokKind::Punct => false,
        TokKind::Word if tok.word.class == Class::Stop => {
            tok.word.has(DATECUE) && doc.toks[i + 1..(i + 6).min(doc.toks.len())].iter().any(datelike)
        }
        TokKind::Word => {
            !matches!(
                tok.word.class,
                Class::None | Class::Noun { .. } | Class::Count | Class::Place | Class::Nat(_) | Class::Title
            ) || tok.word.has(DATECUE)
                || (tok.word.class == Class::None && tok.hyphen)
        }
    }
}

/// A token that can be the head of a date: a number, a month, a weekday, a
/// part of a day, a unit of time, a date word of the lexicon.
fn datelike(tok: &super::scan::Tok) -> bool {
    tok.kind == TokKind::Num
        || matches!(
            tok.word.class,
            Class::Month { .. }
                | Class::Weekday(_)
                | Class::DayPart
                | Class::Rel(_)
                | Class::Anaphor(_)
                | Class::Unit(_)
                | Class::Num(_)
        )
        || (tok.word.has(DATECUE) && tok.word.class != Class::Stop)
        || tok.hyphen
}

/// The month of the week before the reference ("said last week"), when
/// that week, Monday to Sunday, lies in one month.
pub fn last_week_month(reference: PartialDate) -> Option<PartialDate> {
    let r = reference.naive()?;
    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64 + 7);
    let sunday = monday + Duration::days(6);
    (monday.month() == sunday.month()).then(|| PartialDate::month(monday.year(), monday.month())).flatten()
}

/// The precision of a found date's value (`Unknown` without one).
pub fn precision(d: &DateFound) -> Precision {
    d.value.map(|v| v.precision()).unwrap_or(Precision::Unknown)
}
