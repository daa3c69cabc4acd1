//! Months: "octobre 2020", "en décembre", "fin septembre", "la mi-mars",
//! "le mois d'août", "la fin du mois de décembre", "late May", "this past
//! July", "last February", "juillet dernier". Month precision; without a
//! year, the month the tense points at.

use super::explicit::after_month;
use super::lexicon::{self, Set};
use super::tense::{Tense, tense_near};
use super::{Ctx, DateFound};
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::{self, Class};

/// Prepositions that make an ambiguous month name ("mai", "March") a month.
const PREPOSITIONS: &[&str] =
    &["en", "in", "depuis", "since", "d", "de", "of", "until", "jusqu", "from", "during"];

/// Which month of that name the text means, when it gives no year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Which {
    /// "last February": the latest before the article's month.
    Before,
    /// "this past July": the latest, the article's month included.
    OnOrBefore,
    /// "next March".
    After,
    OnOrAfter,
    /// "this July": the article's year.
    ThisYear,
    Nearest,
}

/// The month at token `i` with what belongs to it.
pub fn month_at(cx: &Ctx, i: usize) -> Option<DateFound> {
    let doc = cx.doc;
    let (month, ambiguous, hyphenated) = month_word(doc, i)?;
    let mut start = i;
    let mut which = None;
    // "fin septembre", "late May", and the article of "la mi-mars"
    let edged = hyphenated || (i > 0 && lexicon::get().is(doc, i - 1, Set::Edge));
    if edged && !hyphenated {
        start = i - 1;
    }
    // "le mois d'août", "la fin du mois de décembre", "the end of September"
    let of_month = month_of_phrase(doc, start);
    if let Some(s) = of_month {
        start = s;
    }
    if start > 0 && doc.is_any(start - 1, &["la", "le", "l"]) && (edged || of_month.is_some()) {
        start -= 1;
    }
    // "this past July", "last February", "next March", "this July"
    if start > 1 && doc.is(start - 2, "this") && doc.is(start - 1, "past") {
        start -= 2;
        which = Some(Which::OnOrBefore);
    } else if start > 0 && doc.is_any(start - 1, &["last", "next", "this"]) {
        which = Some(match doc.tok_lower(start - 1) {
            "last" => Which::Before,
            "next" => Which::After,
            _ => Which::ThisYear,
        });
        start -= 1;
    }
    let mut end = after_month(doc, i);
    let year = year_number(doc, end);
    if year.is_some() {
        end += 1;
    } else if doc.is_any(end, &["dernier", "passé"]) {
        which = Some(Which::Before);
        end += 1;
    } else if doc.is(end, "prochain") {
        which = Some(Which::After);
        end += 1;
    }
    let context = edged
        || of_month.is_some()
        || which.is_some()
        || year.is_some()
        || (start > 0 && doc.is_any(start - 1, PREPOSITIONS));
    if ambiguous && !context {
        return None;
    }
    let value = match year {
        Some(y) => PartialDate::month(y, month),
        None => cx.reference.and_then(|r| {
            let which = which.unwrap_or_else(|| match tense_near(doc, start) {
                Tense::Past => Which::OnOrBefore,
                Tense::Future => Which::OnOrAfter,
                Tense::Unknown => Which::Nearest,
            });
            month_without_year(r, month, which)
        }),
    };
    Some(DateFound { start, end, value })
}

/// A month name at `i`, or a month glued to an edge ("mi-octobre",
/// "mid-October"): (month, ambiguous, hyphenated).
fn month_word(doc: &Doc, i: usize) -> Option<(u32, bool, bool)> {
    let tok = doc.toks.get(i)?;
    match tok.word.class {
        Class::Month { month, ambiguous } => Some((month as u32, ambiguous, false)),
        _ if tok.kind == TokKind::Word && tok.hyphen => {
            let (prefix, rest) = doc.tok_lower(i).split_once('-')?;
            if !matches!(prefix, "mi" | "mid" | "fin" | "début") {
                return None;
            }
            match vocab::lookup(rest).class {
                Class::Month { month, .. } => Some((month as u32, false, true)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The start of "mois de", "fin du mois de", "the end of" before token `m`.
fn month_of_phrase(doc: &Doc, m: usize) -> Option<usize> {
    // "d'août": the apostrophe is a token of its own
    let m = if m >= 1 && doc.toks[m - 1].is_punct(b'\'') { m - 1 } else { m };
    if m >= 2 && doc.is_any(m - 1, &["de", "d"]) && doc.is(m - 2, "mois") {
        let s = m - 2;
        if s >= 2 && doc.is_any(s - 1, &["du"]) && doc.is_any(s - 2, &["fin", "début", "milieu", "courant"])
        {
            return Some(s - 2);
        }
        return Some(s);
    }
    if m >= 2 && doc.is(m - 1, "of") && doc.is_any(m - 2, &["end", "beginning", "start", "middle"]) {
        let s = m - 2;
        return Some(if s > 0 && doc.is(s - 1, "the") { s - 1 } else { s });
    }
    None
}

fn year_number(doc: &Doc, t: usize) -> Option<i32> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Num && tok.plain_digits == 4 && (1900.0..=2100.0).contains(&tok.value))
        .then_some(tok.value as i32)
}

/// The month `month` in the year `which` picks around the reference.
fn month_without_year(r: PartialDate, month: u32, which: Which) -> Option<PartialDate> {
    let here = r.year * 12 + r.month? as i32 - 1;
    let at = |y: i32| y * 12 + month as i32 - 1;
    let years = [r.year - 1, r.year, r.year + 1];
    let y = match which {
        Which::Before => years.into_iter().filter(|&y| at(y) < here).max(),
        Which::OnOrBefore => years.into_iter().filter(|&y| at(y) <= here).max(),
        Which::After => years.into_iter().find(|&y| at(y) > here),
        Which::OnOrAfter => years.into_iter().find(|&y| at(y) >= here),
        Which::ThisYear => Some(r.year),
        Which::Nearest => years.into_iter().min_by_key(|&y| (at(y) - here).abs()),
    }?;
    PartialDate::month(y, month)
}
