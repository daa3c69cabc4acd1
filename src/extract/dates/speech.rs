//! Reported speech: "hier" inside a quotation counts from the day of the
//! statement that quotes it.

use chrono::Duration;

use super::DateFound;
use crate::date::PartialDate;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::{Class, SAY};

/// "hier", "ce matin" inside a quotation attributed to a statement of a
/// given day ("«Hier, …», a-t-elle confié dimanche") count from that day; when the
/// statement's day is given but cannot be resolved, it gets no value.
pub fn reported_speech(doc: &Doc, dates: &mut [DateFound]) {
    for k in 0..dates.len() {
        let i = dates[k].start;
        let Some(n) = days_from_speech(doc, i) else { continue };
        let Some(close) = closing_quote(doc, i) else { continue };
        let (_, e) = doc.sentence_of(close);
        let limit = (close + 8).min(e.max(close + 1)).min(doc.toks.len());
        let Some(verb) = (close + 1..limit).find(|&t| doc.toks[t].word.has(SAY)) else {
            continue;
        };
        // dates are in text order: none after verb + 3 can be the statement's
        let statement = dates[k + 1..].iter().take_while(|d| d.start <= verb + 3).find(|d| {
            d.start > verb && d.start <= verb + 3 && !matches!(doc.toks[d.start].word.class, Class::Rel(_))
        });
        if let Some(s) = statement {
            dates[k].value =
                s.value.and_then(|v| v.naive()).map(|d| PartialDate::from(d + Duration::days(n as i64)));
        }
    }
}

/// How many days from the day of speaking a date at token `i` is: "hier"
/// -1, "aujourd'hui", "ce matin", "this morning" 0.
fn days_from_speech(doc: &Doc, i: usize) -> Option<i8> {
    match doc.toks[i].word.class {
        Class::Rel(n) => Some(n),
        _ if doc.is(i, "aujourd") => Some(0),
        _ if doc.is_any(i, &["ce", "cet", "this"])
            && doc.toks.get(i + 1).is_some_and(|t| t.word.class == Class::DayPart) =>
        {
            Some(0)
        }
        _ => None,
    }
}

/// The closing quotation mark of the quotation holding token `i`, if any:
/// an opening mark before it and a closing one after it on the same line.
fn closing_quote(doc: &Doc, i: usize) -> Option<usize> {
    let mark =
        |t: usize, marks: &[&str]| doc.toks[t].kind == TokKind::Punct && marks.contains(&doc.tok_text(t));
    let mut b = i;
    loop {
        if doc.toks[b].nl_before || b == 0 || i - b > 80 {
            return None;
        }
        b -= 1;
        if mark(b, &["»", "”"]) {
            return None;
        }
        if mark(b, &["«", "“", "\""]) {
            break;
        }
    }
    (i + 1..(i + 80).min(doc.toks.len()))
        .take_while(|&t| !doc.toks[t].nl_before)
        .find(|&t| mark(t, &["»", "”", "\""]))
}
