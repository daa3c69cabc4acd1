//! Dates written out: "23/10/2020 à 10:50", "29.08.2022, 20:50",
//! "2020-10-23", "le 27 septembre", "le 1er octobre", "27 sept 2020",
//! "vendredi 9 octobre", "le 10 décembre dernier", "October 9", "Sept 26",
//! "Oct. 21, 2020", "27 Sep, 2023 01:18pm", "September 26, 2023 — 01:36 pm
//! EDT", "the seventh of July". A clock time and its zone stay with the date.

use chrono::NaiveDate;

use super::lexicon::{self, Meaning};
use crate::corpus::Lang;
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::Class;

/// A date written out: day and month, maybe the year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Explicit {
    pub start: usize,
    pub end: usize,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    /// -1 for "dernier" (the latest such day before the article), 1 for
    /// "prochain", 0 when the text does not say.
    pub relation: i8,
}

/// The written date starting at token `i` (its lead-in, "le", "ce" or a
/// weekday, may stand before `i`).
pub fn explicit_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    numeric_at(doc, i, lang)
        .or_else(|| day_month_at(doc, i, lang))
        .or_else(|| month_day_at(doc, i, lang))
        .or_else(|| ordinal_of_month_at(doc, i, lang))
}

/// A written date whose lead-in starts at token `i`: "le 27 septembre",
/// "ce 29 septembre", "lundi 9 décembre", "Sunday, March 30, 2025".
pub fn led_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    let lead = doc.is_any(i, &["le", "ce"]) || matches!(doc.toks.get(i)?.word.class, Class::Weekday(_));
    // a number, a weekday or a comma must follow for a date to start here
    let next = doc.toks.get(i + 1)?;
    let opens = next.kind != TokKind::Word
        || matches!(next.word.class, Class::Weekday(_) | Class::Month { .. })
        || doc.is(i + 1, "premier");
    if !lead || !opens {
        return None;
    }
    (i + 1..(i + 4).min(doc.toks.len())).find_map(|k| explicit_at(doc, k, lang).filter(|e| e.start == i))
}

fn num(doc: &Doc, t: usize) -> Option<f64> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Num).then_some(tok.value)
}

/// A punctuation mark `c` glued to the tokens on both sides.
fn glued_punct(doc: &Doc, t: usize, c: u8) -> bool {
    doc.toks.get(t).is_some_and(|tok| tok.is_punct(c) && !tok.space_before)
        && doc.toks.get(t + 1).is_some_and(|n| !n.space_before)
}

fn glued(doc: &Doc, t: usize) -> bool {
    doc.toks.get(t).is_some_and(|x| !x.space_before)
}

/// A year of two or four digits after a numeric day and month.
fn numeric_year(doc: &Doc, t: usize) -> Option<i32> {
    let y = doc.toks.get(t)?;
    match (y.kind, y.plain_digits) {
        (TokKind::Num, 4) => Some(y.value as i32),
        (TokKind::Num, 2) => Some(2000 + y.value as i32),
        _ => None,
    }
}

/// D/M/YYYY, D.M.YYYY (M/D in English when the day cannot be a month) and
/// ISO YYYY-MM-DD.
fn numeric_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    let tok = doc.toks.get(i)?;
    if tok.kind != TokKind::Num {
        return None;
    }
    let order = |a: u32, b: u32| if lang == Lang::En && a <= 12 && b > 12 { (b, a) } else { (a, b) };
    let dated = |day: u32, month: u32, year: i32, next: usize| {
        PartialDate::day(year, month, day)?;
        Some(Explicit { start: i, end: time_after(doc, next), day, month, year: Some(year), relation: 0 })
    };
    if glued_punct(doc, i + 1, b'/') && glued_punct(doc, i + 3, b'/') {
        let (day, month) = order(num(doc, i)? as u32, num(doc, i + 2)? as u32);
        return dated(day, month, numeric_year(doc, i + 4)?, i + 5);
    }
    // "29.08" is read as one decimal number: the day and month are its parts
    let text = doc.tok_text(i);
    if let Some((d, m)) = text.split_once('.')
        && glued_punct(doc, i + 1, b'.')
        && d.len() <= 2
        && m.len() <= 2
    {
        let (day, month) = order(d.parse().ok()?, m.parse().ok()?);
        return dated(day, month, numeric_year(doc, i + 2)?, i + 3);
    }
    if tok.plain_digits == 4 && glued_punct(doc, i + 1, b'-') && glued_punct(doc, i + 3, b'-') {
        let (y, m, d) = (tok.value as i32, num(doc, i + 2)? as u32, num(doc, i + 4)? as u32);
        return dated(d, m, y, i + 5);
    }
    None
}

/// The month named at token `t` ("sept" is also the French seven: a month
/// in English, before a period, or between a day and a year).
fn month_of(doc: &Doc, t: usize, lang: Lang) -> Option<u32> {
    match doc.toks.get(t)?.word.class {
        Class::Month { month, .. } => Some(month as u32),
        _ if doc.is(t, "sept") => {
            let dotted = doc.toks.get(t + 1).is_some_and(|n| n.is_punct(b'.'));
            let between = t > 0 && day_number(doc, t - 1).is_some() && year_number(doc, t + 1).is_some();
            (lang == Lang::En || dotted || between).then_some(9)
        }
        _ => None,
    }
}

/// A day of the month at token `t`: its number and the token after it
/// ("27", "1er", "27th", "premier").
fn day_number(doc: &Doc, t: usize) -> Option<(u32, usize)> {
    let tok = doc.toks.get(t)?;
    if tok.kind == TokKind::Num
        && tok.plain_digits > 0
        && tok.plain_digits <= 2
        && (1.0..=31.0).contains(&tok.value)
    {
        let suffix = glued(doc, t + 1) && doc.is_any(t + 1, &["er", "st", "nd", "rd", "th"]);
        return Some((tok.value as u32, if suffix { t + 2 } else { t + 1 }));
    }
    if tok.kind == TokKind::Word && matches!(doc.tok_lower(t), "premier" | "1er") {
        return Some((1, t + 1));
    }
    None
}

fn year_number(doc: &Doc, t: usize) -> Option<i32> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Num && tok.plain_digits == 4 && (1900.0..=2100.0).contains(&tok.value))
        .then_some(tok.value as i32)
}

/// The token after a month name, past the period of an abbreviation.
pub fn after_month(doc: &Doc, t: usize) -> usize {
    const ABBREVIATIONS: &[&str] = &[
        "janv", "fév", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "dec",
    ];
    if doc.is_any(t, ABBREVIATIONS)
        && doc.toks.get(t + 1).is_some_and(|n| n.is_punct(b'.') && !n.space_before)
    {
        t + 2
    } else {
        t + 1
    }
}

/// A year at `t`, or after a comma there: (year, end).
fn year_after(doc: &Doc, t: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_number(doc, t) {
        return Some((y, t + 1));
    }
    let comma = doc.toks.get(t).is_some_and(|x| x.is_punct(b','));
    year_number(doc, t + 1).filter(|_| comma).map(|y| (y, t + 2))
}

/// "dernier", "prochain" after a date without a year.
fn relation_after(doc: &Doc, t: usize) -> Option<(i8, usize)> {
    if doc.is_any(t, &["dernier", "passé"]) {
        Some((-1, t + 1))
    } else if doc.is(t, "prochain") {
        Some((1, t + 1))
    } else {
        None
    }
}

/// The end of a date with what may follow it: a year, "dernier", a time.
fn finish(doc: &Doc, start: usize, t: usize, day: u32, month: u32) -> Explicit {
    let (year, mut end) = match year_after(doc, t) {
        Some((y, e)) => (Some(y), e),
        None => (None, t),
    };
    let mut relation = 0;
    if year.is_none()
        && let Some((r, e)) = relation_after(doc, end)
    {
        relation = r;
        end = e;
    }
    Explicit { start, end: time_after(doc, end), day, month, year, relation }
}

/// day month [year]: "27 septembre", "le 1er octobre 2020", "27 Sep, 2023".
fn day_month_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    let (day, m) = day_number(doc, i)?;
    let month = month_of(doc, m, lang)?;
    Some(finish(doc, lead_in(doc, i), after_month(doc, m), day, month))
}

/// month day [, year] (English): "October 9", "Sept 26", "Oct. 21, 2020".
fn month_day_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    let month = month_of(doc, i, lang)?;
    let d = after_month(doc, i);
    if doc.toks.get(d)?.is_punct(b'.') {
        return None;
    }
    let (day, next) = day_number(doc, d)?;
    Some(finish(doc, lead_in(doc, i), next, day, month))
}

/// "the seventh of July", "the 7th of July".
fn ordinal_of_month_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    if !doc.is(i, "the") {
        return None;
    }
    if i + 1 >= doc.toks.len() {
        return None;
    }
    let (day, of) = match lexicon::get().ordinal(doc.tok_lower(i + 1)) {
        Some(d) => (d, i + 2),
        None => day_number(doc, i + 1)?,
    };
    if !doc.is(of, "of") {
        return None;
    }
    let month = month_of(doc, of + 1, lang)?;
    Some(finish(doc, i, after_month(doc, of + 1), day, month))
}

/// "le", "ce" and a weekday before a written date belong to it.
fn lead_in(doc: &Doc, i: usize) -> usize {
    let weekday = |t: usize| matches!(doc.toks[t].word.class, Class::Weekday(_));
    let mut s = i;
    if s > 1 && doc.toks[s - 1].is_punct(b',') && weekday(s - 2) {
        s -= 2;
    } else if s > 0 && weekday(s - 1) {
        s -= 1;
    }
    if s > 0 && doc.is_any(s - 1, &["le", "ce"]) {
        s -= 1;
    }
    s
}

/// A clock time after a date belongs to it: "à 10:50", ", 20:50", "- 20:50",
/// "— 01:36 pm EDT", "01:18pm", "12:38 EDT", "à 20h50".
pub fn time_after(doc: &Doc, t: usize) -> usize {
    let separated =
        doc.is_any(t, &["à", "at", "-", "—", "–"]) || doc.toks.get(t).is_some_and(|x| x.is_punct(b','));
    let k = if separated { t + 1 } else { t };
    let Some(mut end) = clock_at(doc, k) else { return t };
    if doc.is_any(end, &["am", "pm"]) {
        end += 1;
    }
    if let Some((e, Meaning::Zone)) = lexicon::get().phrase_at(doc, end) {
        end = e;
    }
    end
}

/// A clock time at `k`: "10:50", "20h50", "20h"; its end.
fn clock_at(doc: &Doc, k: usize) -> Option<usize> {
    num(doc, k).filter(|h| *h < 24.0 && doc.toks[k].plain_digits <= 2)?;
    if glued_punct(doc, k + 1, b':') && num(doc, k + 2).is_some() {
        return Some(k + 3);
    }
    if glued(doc, k + 1) && doc.is(k + 1, "h") {
        let minutes = glued(doc, k + 2) && num(doc, k + 2).is_some();
        return Some(if minutes { k + 3 } else { k + 2 });
    }
    None
}

/// The value of a written date: its own year, else the year that puts it
/// nearest the article date (before it for "dernier", after for "prochain").
pub fn resolve(e: Explicit, reference: Option<PartialDate>) -> Option<PartialDate> {
    if let Some(y) = e.year {
        return PartialDate::day(y, e.month, e.day);
    }
    let r = reference?;
    let candidates = [r.year - 1, r.year, r.year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, e.month, e.day));
    let chosen = match e.relation {
        -1 => candidates.filter(|d| *d <= r.last_day()).max(),
        1 => candidates.filter(|d| *d >= r.first_day()).min(),
        _ => {
            let near = r.first_day();
            candidates.min_by_key(|d| (*d - near).num_days().abs())
        }
    };
    chosen.map(PartialDate::from)
}
