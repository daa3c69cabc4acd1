//! The phrases of lexicon/dates.txt: named days ("New Year's Eve", "the
//! Orthodox Christmas", "la Saint-Sylvestre") and spans of several days,
//! which get the precision they honestly have: "la semaine dernière",
//! "this week", "ce week-end" the month that holds most of their days,
//! "last month", "le mois prochain" the month.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{self, Meaning};
use super::tense::{Tense, tense_near};
use super::{Ctx, DateFound};
use crate::corpus::Lang;
use crate::date::PartialDate;
use crate::extract::scan::Doc;

pub fn period_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    let (end, meaning) = lexicon::get().phrase_at(doc, i)?;
    let value = match meaning {
        Meaning::Zone => return None,
        Meaning::Holiday(m, d) => holiday(cx, i, m, d),
        Meaning::Week(n) => cx.ref_day.and_then(|r| week_month(r, n as i64)),
        Meaning::Weekend(n) => cx.ref_day.and_then(|r| weekend_month(doc, i, r, n as i64)),
        Meaning::Month(n) => cx.reference.and_then(|r| {
            let m = r.year * 12 + r.month? as i32 - 1 + n as i32;
            PartialDate::month(m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
        }),
    };
    // "the last week" is a stretch of seven days, not last week
    if i > 0 && doc.is(i, "last") && doc.is_any(i - 1, &["the", "past"]) {
        return None;
    }
    Some(DateFound { start: lead(doc, i, meaning, cx.lang), end, value })
}

/// What stands before a phrase and belongs to it: the article of a French
/// phrase or of a named day ("la semaine dernière", "the Orthodox
/// Christmas"), "plus tôt" and "plus tard" ("plus tôt cette semaine").
fn lead(doc: &Doc, i: usize, meaning: Meaning, lang: Lang) -> usize {
    if i == 0 {
        return i;
    }
    let holiday = matches!(meaning, Meaning::Holiday(..));
    if doc.is_any(i - 1, &["le", "la", "l"]) || (holiday && doc.is(i - 1, "the")) {
        return if doc.is(i - 1, "l") && i > 1 { i - 2 } else { i - 1 };
    }
    if lang == Lang::Fr && i > 1 && doc.is(i - 2, "plus") && doc.is_any(i - 1, &["tôt", "tard"]) {
        return i - 2;
    }
    i
}

/// The nearest such day: the latest on or before the article date in a
/// past clause, the next in a future one.
fn holiday(cx: &Ctx, i: usize, month: u32, day: u32) -> Option<PartialDate> {
    let r = cx.reference?;
    let days = [r.year - 1, r.year, r.year + 1].map(|y| NaiveDate::from_ymd_opt(y, month, day));
    let mut days = days.into_iter().flatten();
    let chosen = match tense_near(cx.doc, i) {
        Tense::Past => days.filter(|d| *d <= r.last_day()).max(),
        Tense::Future => days.find(|d| *d >= r.first_day()),
        Tense::Unknown => days.min_by_key(|d| (*d - r.first_day()).num_days().abs()),
    };
    chosen.map(PartialDate::from)
}

/// The month holding most days of the week `n` weeks from the reference's
/// (Monday to Sunday).
fn week_month(r: NaiveDate, n: i64) -> Option<PartialDate> {
    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64) + Duration::days(7 * n);
    // the Thursday is the fourth of seven days: its month has at least four
    let thursday = monday + Duration::days(3);
    PartialDate::month(thursday.year(), thursday.month())
}

/// The month of a weekend: "ce week-end" is the one under way or, told in
/// the past tense, the one just gone; "le week-end dernier" the last one
/// over. None when it straddles two months.
fn weekend_month(doc: &Doc, i: usize, r: NaiveDate, n: i64) -> Option<PartialDate> {
    let wd = r.weekday().num_days_from_monday() as i64;
    let in_weekend = wd >= 5;
    // the Saturday of the reference's week
    let this_saturday = r + Duration::days(5 - wd);
    let saturday = match n {
        0 if in_weekend => this_saturday,
        0 => match tense_near(doc, i) {
            Tense::Future => this_saturday,
            _ => this_saturday - Duration::days(7),
        },
        _ if n < 0 => this_saturday + Duration::days(7 * n),
        _ => this_saturday + Duration::days(7 * if in_weekend { n } else { n - 1 }),
    };
    let sunday = saturday + Duration::days(1);
    (saturday.month() == sunday.month())
        .then(|| PartialDate::month(saturday.year(), saturday.month()))
        .flatten()
}
