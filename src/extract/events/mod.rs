//! EVENT: one event per clause that states a dated happening (a strike, an
//! attack, a toll announced, talks, a truce, a visit, a statement), dated by
//! the clause's date expression, with a one-line summary cut from the
//! clause (see `summary`).
//!
//! A date gives no event when it belongs to the page (dateline, byline), to
//! a quotation, or to a span of days ("from May 27 until July"). In one
//! sentence a "depuis"/"since" date yields to another date, and dates a few
//! words apart and a few days apart ("le 30 septembre et le 1er octobre")
//! are one event on the first. In one dispatch, a date that only names an
//! event again ("l'attaque de samedi", "Saturday's raid") yields to a
//! clause that states something on that day.

mod clause;
mod lexicon;
mod summary;

use std::collections::{HashMap, HashSet};

use super::dates::DateFound;
use super::scan::Doc;
use crate::date::PartialDate;
use lexicon::{ACT, SAY, Tagged};

pub use summary::MAX_CHARS as SUMMARY_CHARS;

/// Date mentions on each side looked at for an overlapping one.
const NEIGHBOURS: usize = 3;

/// Dates this many tokens apart or fewer, in one clause, can be one event.
const COORDINATED_GAP: usize = 5;

/// Days apart that dates of one event can be ("le vendredi, … le dimanche").
const EVENT_DAYS: i64 = 7;

/// A count this large repeated on one day marks one report (small ones,
/// "2 soldiers", repeat by chance).
const MIN_SHARED_COUNT: f64 = 10.0;

#[derive(Debug, Clone, PartialEq)]
pub struct EventFound {
    /// Token range of the clause.
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    pub summary: String,
}

/// A date that may anchor an event, with its clause.
struct Anchor {
    start: usize,
    end: usize,
    date: PartialDate,
    sentence: usize,
    clause: clause::Clause,
    since: bool,
    /// Names an event again ("l'attaque de samedi") rather than states one.
    reference: bool,
}

pub fn find(doc: &Doc, dates: &[DateFound]) -> Vec<EventFound> {
    let doc = &Tagged::new(doc);
    let spans: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
    let anchors = anchors(doc, dates);
    // sentences with a date that is not a "depuis" one
    let plain: HashSet<usize> = anchors.iter().filter(|a| !a.since).map(|a| a.sentence).collect();
    let mut kept: Vec<&Anchor> = Vec::new();
    for (i, a) in anchors.iter().enumerate() {
        if a.since && plain.contains(&a.sentence) {
            continue;
        }
        let coordinated = i > 0 && {
            let p = &anchors[i - 1];
            p.clause == a.clause && a.start - p.end <= COORDINATED_GAP && one_event(p.date, a.date)
        };
        if coordinated || !states_happening(doc, &a.clause) {
            continue;
        }
        kept.push(a);
    }
    // one event a day for what only names an event again, and one a clause
    let stated: HashSet<PartialDate> = kept.iter().filter(|a| !a.reference).map(|a| a.date).collect();
    let mut out: Vec<EventFound> = Vec::new();
    // per day: the clauses and the counts of the events kept
    let mut by_day: HashMap<PartialDate, Day> = HashMap::new();
    for a in &kept {
        if a.reference && stated.contains(&a.date) {
            continue;
        }
        let (cs, ce) = trimmed(doc, a.clause.start, a.clause.end);
        let numbers = counts(doc, cs, ce);
        let day = by_day.entry(a.date).or_default();
        let repeated = !day.clauses.is_empty()
            && (a.reference
                || day.clauses.contains(&(cs, ce))
                || numbers.iter().any(|n| day.counts.contains(n)));
        if repeated {
            continue;
        }
        day.clauses.insert((cs, ce));
        day.counts.extend(numbers);
        let summary = summary::summarize(doc, &a.clause, (a.start, a.end), &spans);
        out.push(EventFound { start: cs, end: ce, date: a.date, summary });
    }
    out
}

/// The events kept for a day: their clauses and the counts they give, in
/// sets (a long dispatch can have thousands on one day).
#[derive(Default)]
struct Day {
    clauses: HashSet<(usize, usize)>,
    counts: HashSet<u64>,
}

/// The dates that can anchor an event, in text order: resolved, the
/// longest of overlapping mentions, not page furniture, not quoted, not an
/// end of a span of days.
fn anchors(doc: &Tagged, dates: &[DateFound]) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    // the clauses of the last sentence cut (a sentence often has several dates)
    let mut cut: Option<(usize, Vec<clause::Clause>)> = None;
    for (i, d) in dates.iter().enumerate() {
        let Some(date) = d.value else { continue };
        // dates come in text order: overlapping ones are neighbours
        let near = dates[i.saturating_sub(NEIGHBOURS)..(i + NEIGHBOURS + 1).min(dates.len())].iter();
        let from = i.saturating_sub(NEIGHBOURS);
        let overlapped = near.enumerate().map(|(k, o)| (from + k, o)).any(|(j, o)| {
            j != i && o.start < d.end && d.start < o.end && (o.end - o.start, j) > (d.end - d.start, i)
        });
        if overlapped {
            continue;
        }
        let sentence = doc.sentence_index(d.start);
        let (s, e) = doc.sents[sentence];
        if clause::is_furniture(doc, d.start, d.end)
            || clause::in_quote(doc, s, e, d.start)
            || clause::in_range(doc, s, d.start)
        {
            continue;
        }
        if cut.as_ref().is_none_or(|(k, _)| *k != sentence) {
            cut = Some((sentence, clause::clauses(doc, s, e)));
        }
        let clauses = cut.as_ref().map_or(&[][..], |(_, c)| &c[..]);
        let Some(clause) = clauses.iter().find(|c| c.contains(d.start)).cloned() else { continue };
        out.push(Anchor {
            start: d.start,
            end: d.end,
            date,
            sentence,
            clause,
            since: clause::is_since(doc, s, d.start),
            reference: names_event(doc, d.start, d.end),
        });
    }
    out
}

/// The clause without its leading and trailing punctuation (quotation
/// marks and brackets stay).
fn trimmed(doc: &Tagged, mut s: usize, mut e: usize) -> (usize, usize) {
    let loose = |t: usize| {
        doc.toks[t].kind == super::scan::TokKind::Punct
            && !matches!(doc.tok_text(t), "\"" | "«" | "»" | "“" | "”" | "(" | ")")
    };
    while s < e && loose(s) {
        s += 1;
    }
    while e > s && loose(e - 1) {
        e -= 1;
    }
    (s, e)
}

/// Whether two dates a few words apart are one event: days less than a
/// week apart, or a day and the month it is in or next to.
fn one_event(a: PartialDate, b: PartialDate) -> bool {
    match (a.naive(), b.naive()) {
        (Some(x), Some(y)) => (y - x).num_days().abs() <= EVENT_DAYS,
        _ => {
            let month = |d: PartialDate| d.month.map(|m| d.year * 12 + m as i32);
            match (month(a), month(b)) {
                (Some(x), Some(y)) => a.day.is_some() != b.day.is_some() && (x - y).abs() <= 1,
                _ => false,
            }
        }
    }
}

/// The numbers of ten or more written in digits in `s..e`: two clauses of
/// one day giving the same one report the same thing ("89 soldats tués, a-t-on
/// appris samedi" and "les 89 corps ont été enterrés samedi").
fn counts(doc: &Tagged, s: usize, e: usize) -> Vec<u64> {
    (s..e)
        .filter(|&k| doc.toks[k].kind == super::scan::TokKind::Num && doc.toks[k].value >= MIN_SHARED_COUNT)
        .map(|k| doc.toks[k].value as u64)
        .collect()
}

/// Whether the clause holds a word of a happening or a statement.
fn states_happening(doc: &Tagged, clause: &clause::Clause) -> bool {
    clause.iter().any(|k| doc.flags(k) & (ACT | SAY) != 0)
}

/// "l'attaque de samedi", "le bombardement vendredi", "Saturday's raid": the
/// date is the complement of an event noun.
fn names_event(doc: &Tagged, start: usize, end: usize) -> bool {
    let act = |k: usize| doc.flags(k) & ACT != 0;
    if end + 2 < doc.toks.len() && doc.tok_text(end) == "'" && doc.is(end + 1, "s") && act(end + 2) {
        return true;
    }
    let mut k = start;
    let complement = k > 0 && doc.is_any(k - 1, &["de", "du", "of"]);
    if complement {
        k -= 1;
    }
    k > 1 && act(k - 1) && (complement || summary::determiner(doc, k - 2, k - 1).is_some())
}

#[cfg(test)]
mod tests;
