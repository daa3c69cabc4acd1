//! Where a date stands in its sentence: its clause, inside a quotation or
//! not, in a byline or dateline, at an end of a span of days.

use super::lexicon::Tagged;
use super::lexicon::{self, AUX, DET, FURNITURE, OPENER, RANGE, RELATIVE, SAY, SINCE, SUBORD};
use crate::extract::scan::TokKind;

/// A clause: a token range with the relative clauses inserted in it left
/// out, and for a relative clause the noun its pronoun stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
    /// Inserted clauses (with their commas) that are not part of this one.
    pub holes: Vec<(usize, usize)>,
    /// "The GHF" of "The GHF, which began …".
    pub antecedent: Option<(usize, usize)>,
    /// For a relative clause inserted in a sentence, the sentence's clause
    /// going on after it: "ont causé la mort de 40 soldats" in "Ces
    /// attaques, qui se sont produites lundi, ont causé la mort de 40 soldats".
    pub then: Option<(usize, usize)>,
}

impl Clause {
    fn plain(start: usize, end: usize) -> Clause {
        Clause { start, end, holes: Vec::new(), antecedent: None, then: None }
    }

    /// Its tokens in order, the antecedent first.
    pub fn tokens(&self) -> Vec<usize> {
        self.iter().collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (a, b) = self.antecedent.unwrap_or((0, 0));
        (a..b).chain((self.start..self.end).filter(|&k| !self.holes.iter().any(|&(a, b)| a <= k && k < b)))
    }

    pub fn contains(&self, t: usize) -> bool {
        self.start <= t && t < self.end && !self.holes.iter().any(|&(a, b)| a <= t && t < b)
    }
}

/// The clauses of sentence `s..e`, separators left out. A clause ends at
/// ";", ":" or a dash standing alone, at a line that ended without a stop,
/// at a stop glued to the next sentence, and before a word that opens a
/// subordinate clause ("tandis que", "whereas"). A relative clause after a
/// comma (", qui", ", which", ", où") is a clause of its own: up to the next
/// comma when the sentence goes on after it (a hole in the clause around
/// it), else to the end.
pub fn clauses(doc: &Tagged, s: usize, e: usize) -> Vec<Clause> {
    let mut out = Vec::new();
    for (a, b) in segments(doc, s, e) {
        let mut main = Clause::plain(a, b);
        let mut k = a;
        while k + 1 < b {
            if !(doc.tok_text(k) == "," && doc.flags(k + 1) & SUBORD != 0) {
                k += 1;
                continue;
            }
            let antecedent = (doc.flags(k + 1) & RELATIVE != 0).then(|| noun_before(doc, a, k)).flatten();
            let next = (k + 2..b).find(|&n| doc.tok_text(n) == ",");
            let end = next.unwrap_or(b);
            let then = next.map(|n| (n + 1, b)).filter(|(a, b)| a < b);
            out.push(Clause { start: k + 1, end, holes: Vec::new(), antecedent, then });
            match next {
                Some(n) => main.holes.push((k, n + 1)),
                None => main.end = main.end.min(k),
            }
            k = end;
        }
        if main.start < main.end {
            out.push(main);
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// The sentence cut at separators.
fn segments(doc: &Tagged, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = s;
    for k in s..e {
        let text = doc.tok_text(k);
        let tok = &doc.toks[k];
        let next = doc.toks.get(k + 1);
        let next_spaced = next.is_none_or(|n| n.space_before);
        let glued_stop = text == "."
            && next.is_some_and(|n| !n.space_before && n.cap && n.kind == TokKind::Word)
            && k > s
            && doc.toks[k - 1].kind == TokKind::Word
            && doc.tok_text(k - 1).len() > 1;
        let separator = tok.kind == TokKind::Punct
            && (matches!(text, ";" | "–" | "—")
                || (text == ":" && next_spaced)
                || (text == "-" && tok.space_before && next_spaced)
                || glued_stop);
        let line_break = k > start && tok.nl_before && tok.cap && doc.toks[k - 1].kind == TokKind::Word;
        if separator {
            if start < k {
                out.push((start, k));
            }
            start = k + 1;
        } else if k > start && (line_break || lexicon::may_be(tok.lead, OPENER) && doc.flags(k) & OPENER != 0)
        {
            out.push((start, k));
            start = k;
        }
    }
    if start < e {
        out.push((start, e));
    }
    out
}

/// The noun phrase ending before comma `c` (at most six words, back to a
/// determiner, never across a mark or a verb).
fn noun_before(doc: &Tagged, a: usize, c: usize) -> Option<(usize, usize)> {
    let mut k = c;
    while k > a && c - k < 6 {
        let t = k - 1;
        let f = doc.flags(t);
        let mark = doc.toks[t].kind == TokKind::Punct && doc.tok_text(t) != "'";
        if mark || f & (SAY | AUX) != 0 && f & DET == 0 {
            break;
        }
        k = t;
        if f & DET != 0 {
            break;
        }
    }
    (k < c).then_some((k, c))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Open,
    Close,
}

/// A quotation mark and its direction: a straight one glued to the word
/// before closes.
fn quote_at(doc: &Tagged, t: usize) -> Option<Quote> {
    // quotation marks are punctuation led by '"' or a multibyte mark
    let tok = &doc.toks[t];
    if tok.kind != TokKind::Punct || !(tok.lead == b'"' || tok.lead >= 0x80) {
        return None;
    }
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
pub fn in_quote(doc: &Tagged, s: usize, e: usize, t: usize) -> bool {
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
pub fn is_furniture(doc: &Tagged, start: usize, end: usize) -> bool {
    // a byline or dateline is short: its line starts a few words before
    let line_start =
        (start.saturating_sub(LINE_LOOKBACK)..=start).rev().find(|&k| doc.toks[k].nl_before || k == 0);
    let before = line_start.map_or(start..start, |l| l..start);
    let furniture = |k: usize| lexicon::may_be(doc.toks[k].lead, FURNITURE) && doc.flags(k) & FURNITURE != 0;
    if before.clone().any(furniture) {
        return true;
    }
    // a place in capitals and a comma before it on its line: a dateline
    let dateline = !before.is_empty()
        && doc.tok_text(start - 1) == ","
        && before.clone().all(|k| doc.toks[k].kind == TokKind::Punct || doc.toks[k].cap);
    if dateline {
        return true;
    }
    let Some(next) = doc.toks.get(end) else { return true };
    if next.nl_before && line_start == Some(start) {
        return true;
    }
    match next.kind {
        TokKind::Num => true,
        TokKind::Punct => matches!(doc.tok_text(end), "(" | "—" | "–" | "-" | "/"),
        TokKind::Word => furniture(end),
    }
}

/// Tokens before a date looked at for the start of its line.
const LINE_LOOKBACK: usize = 24;

/// A date that opens or closes a span of days ("from May 27", "until",
/// "between January and March", "entre … et …"): not an event of its own.
pub fn in_range(doc: &Tagged, s: usize, start: usize) -> bool {
    let near = start.saturating_sub(4).max(s)..start;
    if near.clone().any(|k| doc.flags(k) & RANGE != 0) {
        return true;
    }
    // the second end: "… and" / "et" / "to" with an opener a little before
    let joined = (start.saturating_sub(2).max(s)..start).any(|k| doc.is_any(k, &["and", "et", "to", "au"]));
    joined && (start.saturating_sub(9).max(s)..start).any(|k| doc.is_any(k, &["between", "entre", "from"]))
}

/// A date introduced by "depuis" / "since": the start of a state.
pub fn is_since(doc: &Tagged, s: usize, start: usize) -> bool {
    (start.saturating_sub(3).max(s)..start).any(|k| doc.flags(k) & SINCE != 0)
}
