//! Nights and midnight. A night is dated to the day of its evening: "la
//! nuit de samedi à dimanche" is the Saturday; "durant la nuit",
//! "overnight", "cette nuit" told on a Sunday are the Saturday. "before
//! midnight" is the evening's day, "after midnight" the morning's.

use chrono::{Datelike, Duration, NaiveDate};

use super::explicit::{explicit_at, resolve as resolve_explicit};
use super::lexicon::{self, Set};
use super::tense::{Tense, tense_near};
use super::weekdays::{by_tense, resolve};
use super::{Ctx, DateFound};
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::Class;

/// Prepositions before "la nuit" / "the night" that make it a date.
const INTO_NIGHT: &[&str] = &["dans", "pendant", "durant", "de", "through", "during", "overnight"];

/// Evening parts of a day: a date ending in one holds the night after it.
const EVENING: &[&str] = &["soir", "soirée", "evening", "night", "nuit"];

pub fn night_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    // "overnight"
    if lexicon::get().is(doc, i, Set::Night) {
        return Some(DateFound { start: i, end: i + 1, value: night_before(cx, i) });
    }
    // "cette nuit", "la nuit dernière", "last night"
    if doc.is_any(i, &["cette", "this"]) && doc.is_any(i + 1, &["nuit", "night"]) {
        let value = match tense_near(doc, i) {
            Tense::Future => cx.ref_day.map(PartialDate::from),
            _ => night_before(cx, i),
        };
        return Some(DateFound { start: i, end: i + 2, value });
    }
    if doc.is(i, "last") && doc.is(i + 1, "night") {
        return Some(DateFound { start: i, end: i + 2, value: day(cx.ref_day, -1) });
    }
    if !(doc.is_any(i, &["la", "the"]) && doc.is_any(i + 1, &["nuit", "night"])) {
        return None;
    }
    if doc.is(i + 2, "dernière") {
        return Some(DateFound { start: i, end: i + 3, value: day(cx.ref_day, -1) });
    }
    // "la nuit de samedi à dimanche", "la nuit de samedi", "the night of Saturday"
    let weekday = |t: usize| match doc.toks.get(t).map(|x| x.word.class) {
        Some(Class::Weekday(wd)) => Some(wd as i64),
        _ => None,
    };
    if doc.is_any(i + 2, &["de", "du", "of"])
        && let Some(wd) = weekday(i + 3)
    {
        let both = doc.is_any(i + 4, &["à", "au", "to"]) && weekday(i + 5).is_some();
        let end = if both { i + 6 } else { i + 4 };
        let value = cx.ref_day.map(|r| PartialDate::from(resolve(r, wd, by_tense(doc, i + 3))));
        return Some(DateFound { start: i, end, value });
    }
    // "la nuit du 9 au 10 octobre", "la nuit du 9 octobre", "the night of October 9"
    if doc.is_any(i + 2, &["de", "du", "of"])
        && let Some((end, value)) = dated_night(cx, i + 3)
    {
        return Some(DateFound { start: i, end, value });
    }
    if i == 0 || !doc.is_any(i - 1, INTO_NIGHT) {
        return None;
    }
    Some(DateFound { start: i, end: i + 2, value: night_before(cx, i) })
}

/// A written date after "la nuit du": "9 octobre", "30 avril au 1er mai",
/// or "9 au 10 octobre" (the first day, in the month of the second): its
/// end and value.
fn dated_night(cx: &Ctx, t: usize) -> Option<(usize, Option<PartialDate>)> {
    let doc = cx.doc;
    if let Some(e) = explicit_at(doc, t, cx.lang).filter(|e| e.start == t) {
        // "du 30 avril au 1er mai": the second date ends the span
        let to = doc.is_any(e.end, &["au", "to"]).then(|| explicit_at(doc, e.end + 1, cx.lang)).flatten();
        let end = to.filter(|x| x.start == e.end + 1).map_or(e.end, |x| x.end);
        return Some((end, resolve_explicit(e, cx.reference)));
    }
    let first = doc.toks.get(t).filter(|x| x.kind == TokKind::Num && x.plain_digits <= 2)?.value as u32;
    if !doc.is_any(t + 1, &["au", "to"]) {
        return None;
    }
    let e = explicit_at(doc, t + 2, cx.lang).filter(|e| e.start == t + 2)?;
    let second = resolve_explicit(e, cx.reference);
    // the eve of the second day: its day before, when that is the first
    let value = second
        .and_then(|v| v.naive())
        .map(|d| d - Duration::days(1))
        .filter(|d| d.day() == first)
        .map(PartialDate::from);
    Some((e.end, value))
}

/// "before midnight", "avant minuit", "after midnight": the span is the
/// word; at midnight with no side, no value.
pub fn midnight_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    if !doc.is_any(i, &["midnight", "minuit"]) {
        return None;
    }
    let told = told_day(cx, i);
    let value = if i > 0 && doc.is_any(i - 1, &["before", "avant"]) {
        told.map(|(d, _)| d).or_else(|| cx.ref_day.map(|r| r - Duration::days(1)))
    } else if i > 0 && doc.is_any(i - 1, &["after", "après"]) {
        told.map(|(d, _)| d).or(cx.ref_day)
    } else {
        None
    };
    Some(DateFound { start: i, end: i + 1, value: value.map(PartialDate::from) })
}

/// The evening's day of a night mentioned at token `i`: the day before the
/// day told in its sentence (the article's when none), or that day itself
/// when it is told as an evening ("samedi soir … dans la nuit").
fn night_before(cx: &Ctx, i: usize) -> Option<PartialDate> {
    let (d, evening) = told_day(cx, i).or_else(|| cx.ref_day.map(|r| (r, false)))?;
    Some(PartialDate::from(if evening { d } else { d - Duration::days(1) }))
}

/// The last day-precise date found before token `i` in its sentence, and
/// whether it ends in an evening word.
fn told_day(cx: &Ctx, i: usize) -> Option<(NaiveDate, bool)> {
    let doc: &Doc = cx.doc;
    let (s, _) = doc.sentence_of(i);
    let d = cx.found.iter().rev().take_while(|d| d.start >= s).find(|d| d.end <= i)?;
    let day = d.value.and_then(|v| v.naive())?;
    Some((day, doc.is_any(d.end - 1, EVENING)))
}

fn day(base: Option<NaiveDate>, n: i64) -> Option<PartialDate> {
    base.map(|b| PartialDate::from(b + Duration::days(n)))
}
