//! Where a date stands in its sentence: its clause, inside a quotation or
//! not, in a byline or dateline, at an end of a span of days.

use super::lexicon::{self, FURNITURE, OPENER, RANGE, SINCE, SUBORD};
use crate::extract::scan::{Doc, TokKind};

/// The clauses of sentence `s..e` as token ranges, separators left out: a
/// clause ends at ";", ":" or a dash standing alone, before a comma that
/// opens a subordinate clause (", qui", ", which", ", où") and before a word
/// that opens one without a comma ("tandis que", "whereas").
pub fn clauses(doc: &Doc, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = s;
    for k in s..e {
        let text = doc.tok_text(k);
        let tok = &doc.toks[k];
        let next_spaced = doc.toks.get(k + 1).is_none_or(|n| n.space_before);
        let separator = tok.kind == TokKind::Punct
            && (matches!(text, ";" | "–" | "—")
                || (text == ":" && next_spaced)
                || (text == "-" && tok.space_before && next_spaced));
        let subordinate = text == "," && k + 1 < e && word_flags(doc, k + 1) & SUBORD != 0;
        if separator || subordinate {
            if start < k {
                out.push((start, k));
            }
            start = k + 1;
        } else if k > start && word_flags(doc, k) & OPENER != 0 {
            out.push((start, k));
            start = k;
        }
    }
    if start < e {
        out.push((start, e));
    }
    out
}

/// The classes of token `t` in the event lexicon (0 for punctuation).
pub fn word_flags(doc: &Doc, t: usize) -> u16 {
    if doc.toks[t].kind != TokKind::Word {
        return 0;
    }
    lexicon::flags(doc.tok_lower(t))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Open,
    Close,
}

/// A quotation mark and its direction: a straight one glued to the word
/// before closes.
fn quote_at(doc: &Doc, t: usize) -> Option<Quote> {
    match doc.tok_text(t) {
        "«" | "“" => Some(Quote::Open),
        "»" | "”" => Some(Quote::Close),
        "\"" if doc.toks[t].space_before || t == 0 => Some(Quote::Open),
        "\"" => Some(Quote::Close),
        _ => None,
    }
}

/// Whether token `t` of sentence `s..e` is inside a quotation: one opens
/// before it in the sentence, or the first mark after it closes (a quotation
/// opened in an earlier sentence of the paragraph).
pub fn in_quote(doc: &Doc, s: usize, e: usize, t: usize) -> bool {
    let mut depth = 0u32;
    for k in s..t {
        match quote_at(doc, k) {
            Some(Quote::Open) => depth += 1,
            Some(Quote::Close) => depth = depth.saturating_sub(1),
            None => {}
        }
    }
    if depth > 0 {
        return true;
    }
    (t..e).find_map(|k| quote_at(doc, k)) == Some(Quote::Close)
}

/// A date of the page rather than of the story: a dateline ("BAKU, October
/// 6.", "June 6 (Reuters)"), a time stamp ("September 26, 2023 — 01:36 pm"),
/// a byline ("3 days ago", "Published 27 Sep").
pub fn is_furniture(doc: &Doc, start: usize, end: usize) -> bool {
    let line_start = (0..=start).rev().find(|&k| doc.toks[k].nl_before || k == 0).unwrap_or(0);
    if (line_start..start).any(|k| word_flags(doc, k) & FURNITURE != 0) {
        return true;
    }
    // a place in capitals and a comma before it on its line: a dateline
    let before: Vec<usize> = (line_start..start).collect();
    let dateline = before.last().is_some_and(|&k| doc.tok_text(k) == ",")
        && before.iter().all(|&k| doc.toks[k].kind == TokKind::Punct || doc.toks[k].cap);
    if dateline {
        return true;
    }
    let Some(next) = doc.toks.get(end) else { return true };
    if next.nl_before && before.is_empty() {
        return true;
    }
    match next.kind {
        TokKind::Num => true,
        TokKind::Punct => matches!(doc.tok_text(end), "(" | "—" | "–" | "-" | "/"),
        TokKind::Word => word_flags(doc, end) & FURNITURE != 0,
    }
}

/// A date that opens or closes a span of days ("from May 27", "until",
/// "between January and March", "entre … et …"): not an event of its own.
pub fn in_range(doc: &Doc, s: usize, start: usize) -> bool {
    let near = start.saturating_sub(4).max(s)..start;
    if near.clone().any(|k| word_flags(doc, k) & RANGE != 0) {
        return true;
    }
    // the second end: "… and" / "et" / "to" with an opener a little before
    let joined = near.clone().any(|k| doc.is_any(k, &["and", "et", "to", "au"]));
    joined && (start.saturating_sub(9).max(s)..start).any(|k| doc.is_any(k, &["between", "entre", "from"]))
}

/// A date introduced by "depuis" / "since": the start of a state.
pub fn is_since(doc: &Doc, s: usize, start: usize) -> bool {
    (start.saturating_sub(3).max(s)..start).any(|k| word_flags(doc, k) & SINCE != 0)
}
