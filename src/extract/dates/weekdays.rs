//! Weekdays: "vendredi", "jeudi soir", "ce lundi", "le vendredi", "lundi
//! dernier", "tôt dimanche", "next Monday", "Friday night", "Earlier on
//! Tuesday", "1600 GMT on Tuesday". In a past-tense clause the latest such
//! day on or before the article date, in a future-tense one the next.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{self, Meaning};
use super::tense::{Tense, tense_near};
use super::{Ctx, DateFound};
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::Class;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relation {
    /// On or before the reference day.
    Past,
    /// Strictly before: "last Wednesday", "mercredi dernier".
    Last,
    /// On or after.
    Future,
    /// Strictly after: "next Monday".
    Next,
    /// In the reference day's week: "ce lundi".
    ThisWeek,
    Nearest,
}

pub fn weekday_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    let Class::Weekday(wd) = doc.toks.get(i)?.word.class else { return None };
    let (start, mut relation) = before(doc, i);
    let mut end = i + 1;
    if doc.is_any(end, &["dernier", "passé"]) {
        end += 1;
        relation = Some(Relation::Last);
    } else if doc.is(end, "prochain") {
        end += 1;
        relation = Some(Relation::Next);
    }
    if matches!(doc.toks.get(end).map(|t| t.word.class), Some(Class::DayPart)) {
        end += 1;
    }
    let value = cx.ref_day.map(|r| {
        let rel = relation.unwrap_or_else(|| by_tense(doc, i));
        PartialDate::from(resolve(r, wd as i64, rel))
    });
    Some(DateFound { start, end, value })
}

/// The relation a clause's tense gives a weekday at token `t`.
pub fn by_tense(doc: &Doc, t: usize) -> Relation {
    match tense_near(doc, t) {
        Tense::Past => Relation::Past,
        Tense::Future => Relation::Future,
        Tense::Unknown => Relation::Nearest,
    }
}

/// What stands before a weekday and belongs to it: its start and relation.
fn before(doc: &Doc, i: usize) -> (usize, Option<Relation>) {
    if i == 0 {
        return (i, None);
    }
    let p = i - 1;
    if doc.is_any(p, &["ce", "this"]) {
        return (p, Some(Relation::ThisWeek));
    }
    if doc.is_any(p, &["last", "past"]) {
        return (p, Some(Relation::Last));
    }
    if doc.is_any(p, &["next", "coming"]) {
        return (p, Some(Relation::Next));
    }
    // "le vendredi", "tôt dimanche", "late Sunday", "Earlier Sunday"
    if doc.is_any(p, &["le", "tôt", "tard", "early", "late", "earlier", "later"]) {
        return (p, None);
    }
    // "Earlier on Tuesday", "early on Monday", "1600 GMT on Tuesday"
    if doc.is(p, "on") && p > 0 {
        if doc.is_any(p - 1, &["early", "late", "earlier", "later"]) {
            return (p - 1, None);
        }
        if let Some(s) = clock_with_zone_before(doc, p) {
            return (s, None);
        }
    }
    (i, None)
}

/// The start of "1600 GMT", "16:00 GMT" ending just before token `t`.
fn clock_with_zone_before(doc: &Doc, t: usize) -> Option<usize> {
    let zone_start = (t.saturating_sub(3)..t)
        .find(|&z| lexicon::get().phrase_at(doc, z).is_some_and(|(e, m)| e == t && m == Meaning::Zone))?;
    let k = zone_start.checked_sub(1)?;
    let tok = &doc.toks[k];
    if tok.kind != TokKind::Num {
        return None;
    }
    // "1600": four digits, a valid hour and minute
    if tok.plain_digits == 4 && (tok.value as u32) < 2400 && (tok.value as u32) % 100 < 60 {
        return Some(k);
    }
    // "16:00"
    if k >= 2 && doc.toks[k - 1].is_punct(b':') && doc.toks[k - 2].kind == TokKind::Num {
        return Some(k - 2);
    }
    None
}

/// The day of weekday `wd` (0 = Monday) in `rel` to the reference day `r`.
pub fn resolve(r: NaiveDate, wd: i64, rel: Relation) -> NaiveDate {
    let today = r.weekday().num_days_from_monday() as i64;
    let back = (today - wd).rem_euclid(7);
    let ahead = (wd - today).rem_euclid(7);
    let shift = match rel {
        Relation::Past => -back,
        Relation::Last => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Relation::Future => ahead,
        Relation::Next => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Relation::ThisWeek => wd - today,
        Relation::Nearest => {
            if back <= ahead {
                -back
            } else {
                ahead
            }
        }
    };
    r + Duration::days(shift)
}
