//! Days counted from another: "il y a deux semaines", "two days ago", "une
//! semaine plus tard", "a week later", "deux jours auparavant", and those
//! with a landmark, "two days after the bombing", "un mois après la mort
//! de …", "just days after": the span leaves the landmark out and the value
//! is the later day, the one the clause tells.

use chrono::{Datelike, Duration, NaiveDate};

use super::explicit::{explicit_at, resolve};
use super::lexicon::{self, Set};
use super::{Ctx, DateFound};
use crate::date::PartialDate;
use crate::extract::numbers;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::Class;

/// How many units: a number, or a vague "quelques", "just days".
#[derive(Debug, Clone, Copy, PartialEq)]
enum Count {
    Exact(i64),
    Vague,
}

/// A counted span of time: its start, count, unit in days and end.
struct Quantity {
    start: usize,
    count: Count,
    unit: i64,
    end: usize,
}

pub fn count_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    // il y a deux jours
    if doc.is(i, "il") && doc.is(i + 1, "y") && doc.is(i + 2, "a") {
        let q = quantity_at(doc, i + 3)?;
        return Some(DateFound { start: i, end: q.end, value: from_article(cx, q.count, -1, q.unit) });
    }
    let q = quantity_at(doc, i)?;
    let e = q.end;
    if doc.is(e, "ago") {
        // "3 days ago" alone on its line is page furniture counted from the
        // moment the page was seen: it stands for the publication day
        let alone = doc.toks[q.start].nl_before && doc.toks.get(e + 1).is_none_or(|t| t.nl_before);
        let value = if alone { day(cx.ref_day, 0) } else { from_article(cx, q.count, -1, q.unit) };
        return Some(DateFound { start: q.start, end: e + 1, value });
    }
    if doc.is(e, "plus") && doc.is_any(e + 1, &["tard", "tôt"]) {
        let sign = if doc.is(e + 1, "tard") { 1 } else { -1 };
        return Some(DateFound {
            start: q.start,
            end: e + 2,
            value: shift(cx.anchor, q.count, sign, q.unit),
        });
    }
    if doc.is_any(e, &["later", "earlier", "auparavant"]) {
        let sign = if doc.is(e, "later") { 1 } else { -1 };
        return Some(DateFound {
            start: q.start,
            end: e + 1,
            value: shift(cx.anchor, q.count, sign, q.unit),
        });
    }
    if doc.is_any(e, &["après", "after", "avant", "before"]) {
        let sign = if doc.is_any(e, &["après", "after"]) { 1 } else { -1 };
        let value = if landmark_follows(doc, e + 1) {
            clause_day(cx, &q, sign)
        } else {
            shift(cx.anchor, q.count, sign, q.unit)
        };
        return Some(DateFound { start: q.start, end: e + 1, value });
    }
    None
}

/// A number or a vague word and a unit of days, weeks or months at `i`;
/// vague words before a bare plural unit belong to it ("just days").
fn quantity_at(doc: &Doc, i: usize) -> Option<Quantity> {
    let tok = doc.toks.get(i)?;
    let (count, next) = if doc.is_any(i, &["un", "une", "a", "an", "one"]) {
        if doc.is(i, "a") && doc.is(i + 1, "few") { (Count::Vague, i + 2) } else { (Count::Exact(1), i + 1) }
    } else if let Class::Num(_) = tok.word.class {
        let (v, end) = numbers::words_at(doc, i)?;
        (Count::Exact(v as i64), end)
    } else if tok.kind == TokKind::Num && tok.plain_digits > 0 && tok.value < 400.0 {
        (Count::Exact(tok.value as i64), i + 1)
    } else if lexicon::get().is(doc, i, Set::Vague) {
        let mut k = i + 1;
        while lexicon::get().is(doc, k, Set::Vague) || doc.is(k, "a") {
            k += 1;
        }
        (Count::Vague, k)
    } else if matches!(tok.word.class, Class::Unit(_)) && plural(doc, i) {
        // a bare plural unit after vague words: "just days after"
        let mut s = i;
        while s > 0 && (lexicon::get().is(doc, s - 1, Set::Vague) || doc.is(s - 1, "a")) {
            s -= 1;
        }
        // "for days after" is a duration: only "just days", "quelques jours"
        if s == i {
            return None;
        }
        return unit(doc, i).map(|u| Quantity { start: s, count: Count::Vague, unit: u, end: i + 1 });
    } else {
        return None;
    };
    let u = unit(doc, next)?;
    Some(Quantity { start: i, count, unit: u, end: next + 1 })
}

fn unit(doc: &Doc, t: usize) -> Option<i64> {
    match doc.toks.get(t)?.word.class {
        Class::Unit(d) if d == 1 || d == 7 || d == 30 => Some(d as i64),
        _ => None,
    }
}

fn plural(doc: &Doc, t: usize) -> bool {
    doc.is_any(t, &["days", "weeks", "months", "jours", "semaines"])
}

/// Whether a landmark follows "after"/"après": a word of the same sentence
/// that is not "that" or "cela" (those point back at the date just told).
fn landmark_follows(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    let (_, e) = doc.sentence_of(t - 1);
    t < e && tok.kind != TokKind::Punct && !doc.is_any(t, &["that", "this", "cela", "ça", "quoi"])
}

/// The day a clause with "N after/before <landmark>" tells: a day given
/// before it in the sentence ("spoke on Thursday, two days after the
/// bombing"), else the landmark's own date moved by the count (the day just
/// told when it is that, roughly), else (after only) the day just told.
fn clause_day(cx: &Ctx, q: &Quantity, sign: i64) -> Option<PartialDate> {
    let doc = cx.doc;
    let (s, e) = doc.sentence_of(q.start);
    let told = cx
        .found
        .iter()
        .rev()
        .take_while(|d| d.start >= s)
        .find_map(|d| d.value.filter(|v| v.naive().is_some()));
    if told.is_some() {
        return told;
    }
    let landmark = (q.end + 1..(q.end + 14).min(e)).find_map(|t| explicit_at(doc, t, cx.lang));
    let Some(base) = landmark.and_then(|l| resolve(l, cx.reference)).and_then(|v| v.naive()) else {
        return if sign > 0 { day(cx.anchor, 0) } else { None };
    };
    let moved = shift(Some(base), q.count, sign, q.unit)?;
    // "une semaine après" is rounded: the day being told wins when it is
    // that far from the landmark, give or take a day and a day a week
    let Count::Exact(n) = q.count else { return Some(moved) };
    let slack = n * q.unit / 7 + 1;
    let near = |a: NaiveDate| {
        let target = base + Duration::days(sign * n * q.unit);
        (a - target).num_days().abs() <= slack
    };
    match cx.anchor.filter(|&a| near(a)) {
        Some(a) => Some(PartialDate::from(a)),
        None => Some(moved),
    }
}

fn day(base: Option<NaiveDate>, n: i64) -> Option<PartialDate> {
    base.map(|b| PartialDate::from(b + Duration::days(n)))
}

/// A day moved by `sign` × count × unit; months give a month, a vague
/// count nothing.
fn shift(base: Option<NaiveDate>, count: Count, sign: i64, unit: i64) -> Option<PartialDate> {
    let Count::Exact(n) = count else { return None };
    let b = base?;
    if unit == 30 {
        return add_months(b.year(), b.month0() as i32, n * sign);
    }
    day(Some(b), n * sign * unit)
}

/// [`shift`] from the article date; months count from its month when its
/// day is not known ("il y a un mois" in a dispatch dated to the month).
fn from_article(cx: &Ctx, count: Count, sign: i64, unit: i64) -> Option<PartialDate> {
    match (cx.ref_day, count, cx.reference) {
        (None, Count::Exact(n), Some(r)) if unit == 30 => add_months(r.year, r.month? as i32 - 1, n * sign),
        _ => shift(cx.ref_day, count, sign, unit),
    }
}

fn add_months(year: i32, month0: i32, n: i64) -> Option<PartialDate> {
    let m = year * 12 + month0 + n as i32;
    PartialDate::month(m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
}
