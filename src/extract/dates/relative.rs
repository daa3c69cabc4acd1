//! Days named by their distance: "hier", "demain", "aujourd'hui", "ce
//! matin", "yesterday", "this morning" count from the article date; "le
//! lendemain", "la veille", "le même jour", "the next day", "la journée"
//! from the date just mentioned.

use chrono::{Duration, NaiveDate};

use super::{Ctx, DateFound};
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::Class;

fn day(base: Option<NaiveDate>, n: i64) -> Option<PartialDate> {
    base.map(|b| PartialDate::from(b + Duration::days(n)))
}

fn is_daypart(doc: &Doc, t: usize) -> bool {
    matches!(doc.toks.get(t).map(|x| x.word.class), Some(Class::DayPart))
}

pub fn relative_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    match doc.toks.get(i)?.word.class {
        // "hier", "hier soir", "yesterday morning"
        Class::Rel(n) => {
            let end = if is_daypart(doc, i + 1) { i + 2 } else { i + 1 };
            return Some(DateFound { start: i, end, value: day(cx.ref_day, n as i64) });
        }
        // "le lendemain", "la veille", "l'avant-veille"
        Class::Anaphor(n) if i > 0 && doc.is_any(i - 1, &["le", "la", "l"]) => {
            let start = if doc.is(i - 1, "l") && i > 1 { i - 2 } else { i - 1 };
            return Some(DateFound { start, end: i + 1, value: day(cx.anchor, n as i64) });
        }
        _ => {}
    }
    // aujourd'hui, unless a written date or a weekday follows it: then that
    // is the date ("aujourd'hui lundi 9 décembre")
    if doc.is(i, "aujourd") && doc.toks.get(i + 1).is_some_and(|t| t.is_punct(b'\'')) && doc.is(i + 2, "hui")
    {
        let next = doc.toks.get(i + 3);
        let dated = next.is_some_and(|t| t.kind == TokKind::Num || matches!(t.word.class, Class::Weekday(_)));
        return (!dated).then(|| DateFound { start: i, end: i + 3, value: day(cx.ref_day, 0) });
    }
    // ce soir, ce matin, this morning, this afternoon (nights are nights.rs')
    if doc.is_any(i, &["ce", "cet", "cette", "this"])
        && is_daypart(doc, i + 1)
        && !doc.is_any(i + 1, &["nuit", "night"])
    {
        return Some(DateFound { start: i, end: i + 2, value: day(cx.ref_day, 0) });
    }
    // le même jour, the same day, ce jour-là
    if doc.is_any(i, &["le", "the"])
        && doc.is_any(i + 1, &["même", "same"])
        && doc.is_any(i + 2, &["jour", "day"])
    {
        return Some(DateFound { start: i, end: i + 3, value: day(cx.anchor, 0) });
    }
    if doc.is(i, "ce") && doc.is(i + 1, "jour-là") {
        return Some(DateFound { start: i, end: i + 2, value: day(cx.anchor, 0) });
    }
    // the next day, the following day, the day before, the previous day
    if doc.is(i, "the") {
        let n = if doc.is_any(i + 1, &["next", "following"]) && doc.is(i + 2, "day") {
            Some(1)
        } else if (doc.is(i + 1, "previous") && doc.is(i + 2, "day"))
            || (doc.is(i + 1, "day") && doc.is(i + 2, "before"))
        {
            Some(-1)
        } else {
            None
        };
        if let Some(n) = n {
            return Some(DateFound { start: i, end: i + 3, value: day(cx.anchor, n) });
        }
    }
    the_day_told(cx, i)
}

/// "dans la journée", "la journée" (after "pendant", "au cours de"), "plus
/// tôt dans la journée", "en fin de journée", "deuxième partie de journée", "earlier
/// in the day": the day being told.
fn the_day_told(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    let told = day(cx.anchor, 0);
    let earlier = |t: usize| t >= 2 && doc.is(t - 2, "plus") && doc.is_any(t - 1, &["tôt", "tard"]);
    // "dans la journée" is one adverb ("later today"); after "pendant" or
    // "au cours de", the preposition is left out
    if doc.is(i, "dans") && doc.is(i + 1, "la") && doc.is(i + 2, "journée") {
        let start = if earlier(i) { i - 2 } else { i };
        return Some(DateFound { start, end: i + 3, value: told });
    }
    if doc.is(i, "la") && doc.is(i + 1, "journée") && i > 0 && doc.is_any(i - 1, &["pendant", "durant", "de"])
    {
        return Some(DateFound { start: i, end: i + 2, value: told });
    }
    if doc.is_any(i, &["première", "deuxième", "seconde"]) && doc.is(i + 1, "partie") && doc.is(i + 2, "de")
    {
        let j = if doc.is(i + 3, "la") { i + 4 } else { i + 3 };
        if doc.is(j, "journée") {
            return Some(DateFound { start: i, end: j + 1, value: told });
        }
    }
    if doc.is_any(i, &["début", "fin", "milieu"]) && doc.is(i + 1, "de") && doc.is(i + 2, "journée") {
        return Some(DateFound { start: i, end: i + 3, value: told });
    }
    if doc.is_any(i, &["earlier", "later"])
        && doc.is(i + 1, "in")
        && doc.is(i + 2, "the")
        && doc.is(i + 3, "day")
    {
        return Some(DateFound { start: i, end: i + 4, value: told });
    }
    None
}
