//! An event's summary: its clause cut to who did what — no date words, no
//! parenthesis, no dateline, no opener ("Par ailleurs,"), no attribution
//! tail (", a indiqué le ministère", "according to X"), one line of at most
//! `MAX_CHARS` characters.

use super::clause::word_flags;
use super::lexicon::{CONNECTOR, PREP, SAY, SINCE, SOURCE};
use crate::extract::scan::{Doc, TokKind};

/// Characters a summary keeps before it is cut.
pub const MAX_CHARS: usize = 90;

/// The summary of clause `cs..ce`, leaving out the date mentions `dates`
/// (token ranges) and the words that go with them.
pub fn summarize(doc: &Doc, cs: usize, ce: usize, dates: &[(usize, usize)]) -> String {
    let mut keep = vec![true; ce - cs];
    let mut drop = |k: usize| keep[k - cs] = false;
    for &(ds, de) in dates.iter().filter(|&&(ds, de)| ds >= cs && de <= ce) {
        (ds..de).for_each(&mut drop);
        // "le", "on", "depuis", "d'", "Earlier" before it
        let mut k = ds;
        while k > cs && (word_flags(doc, k - 1) & (PREP | SINCE) != 0 || doc.tok_text(k - 1) == "'") {
            k -= 1;
            drop(k);
        }
        // ", ce lundi," leaves one comma; "Dimanche, une frappe" none
        if de < ce && doc.tok_text(de) == "," && (k == cs || doc.tok_text(k - 1) == ",") {
            drop(de);
        }
        // "Saturday's raid"
        if de + 1 < ce && doc.tok_text(de) == "'" && doc.is(de + 1, "s") {
            drop(de);
            drop(de + 1);
        }
    }
    let mut depth = 0;
    for k in cs..ce {
        match doc.tok_text(k) {
            "(" | "[" => depth += 1,
            ")" | "]" if depth > 0 => {
                depth -= 1;
                drop(k);
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            drop(k);
        }
    }
    let kept: Vec<usize> = (cs..ce).filter(|&k| keep[k - cs]).collect();
    let kept = trim(doc, &kept);
    if let Some(s) = quoted_statement(doc, kept) {
        return cut(&s);
    }
    let kept = without_attribution(doc, kept);
    let kept = without_opener(doc, kept);
    let kept = trim(doc, kept);
    cut(&capitalized(&join(doc, kept)))
}

/// Leading and trailing punctuation (commas, dashes, stops), quotation
/// marks kept.
fn trim<'k>(doc: &Doc, kept: &'k [usize]) -> &'k [usize] {
    let loose = |k: usize| doc.toks[k].kind == TokKind::Punct && !matches!(doc.tok_text(k), "«" | "»" | "\"" | "“" | "”");
    let a = kept.iter().position(|&k| !loose(k)).unwrap_or(kept.len());
    let b = kept.iter().rposition(|&k| !loose(k)).map_or(a, |i| i + 1);
    &kept[a..b.max(a)]
}

/// «…», a déclaré X / "…," the ministry said: "X : «…»".
fn quoted_statement(doc: &Doc, kept: &[usize]) -> Option<String> {
    let first = *kept.first()?;
    let opening = doc.tok_text(first);
    if !matches!(opening, "«" | "\"" | "“") {
        return None;
    }
    let close = kept.iter().skip(1).position(|&k| matches!(doc.tok_text(k), "»" | "\"" | "”"))? + 1;
    let mut tail = &kept[close + 1..];
    // the comma may stand inside the quotation: «…,» a déclaré X
    while tail.first().is_some_and(|&k| doc.tok_text(k) == ",") {
        tail = &tail[1..];
    }
    let say = tail.iter().take(4).position(|&k| word_flags(doc, k) & SAY != 0)?;
    let speaker: Vec<usize> = if say <= 1 {
        // inverted: «…», a déclaré M. X aux médias
        tail[say + 1..].iter().copied().take_while(|&k| !stops_speaker(doc, k)).collect()
    } else {
        tail[..say].to_vec()
    };
    if speaker.is_empty() {
        return None;
    }
    let quote = join(doc, &trim_inner_comma(doc, &kept[..=close]));
    let colon = if opening == "«" { " : " } else { ": " };
    Some(format!("{}{colon}{quote}", capitalized(&join(doc, &speaker))))
}

/// A quotation ending "…,»" or "…,\"" loses its comma.
fn trim_inner_comma(doc: &Doc, quote: &[usize]) -> Vec<usize> {
    let n = quote.len();
    let mut v = quote.to_vec();
    if n >= 2 && doc.tok_text(quote[n - 2]) == "," {
        v.remove(n - 2);
    }
    v
}

/// Where the name of a speaker after its verb ends: a preposition or a mark.
fn stops_speaker(doc: &Doc, k: usize) -> bool {
    doc.toks[k].kind == TokKind::Punct
        || doc.is_any(k, &["aux", "à", "au", "to", "in", "on", "at", "lors", "dans", "en", "sur", "after", "après"])
        || word_flags(doc, k) & PREP != 0 && !doc.is_any(k, &["le", "la", "les", "l", "de", "du", "des", "d"])
}

/// Cuts an attribution tail: ", a annoncé le ministère", ", the army said",
/// "selon X", "according to X", "citing X".
fn without_attribution<'k>(doc: &Doc, kept: &'k [usize]) -> &'k [usize] {
    for (i, &k) in kept.iter().enumerate().skip(3) {
        let source = word_flags(doc, k) & SOURCE != 0
            && (!doc.is(k, "après") || (k >= 2 && doc.tok_text(k - 1) == "'" && doc.is(k - 2, "d")));
        if source {
            let end = if doc.is(k, "après") { i.saturating_sub(2) } else { i };
            return &kept[..end];
        }
        if doc.tok_text(k) != "," {
            continue;
        }
        let tail = &kept[i + 1..];
        let says = tail.iter().take(4).any(|&t| word_flags(doc, t) & SAY != 0);
        // "…, Hafiz Bakhit, a annoncé que …" is the main verb, not a tail
        let reports = tail.iter().any(|&t| doc.is_any(t, &["que", "qu", "that"]));
        if says && !reports && tail.len() <= 12 {
            return &kept[..i];
        }
    }
    kept
}

/// Cuts a content-free opener: "Par ailleurs,", "Côté russe,", "Meanwhile,",
/// "Selon M. X,".
fn without_opener<'k>(doc: &Doc, kept: &'k [usize]) -> &'k [usize] {
    let Some(&first) = kept.first() else { return kept };
    let opener = word_flags(doc, first) & (CONNECTOR | SOURCE) != 0;
    if !opener {
        return kept;
    }
    match kept.iter().take(6).position(|&k| doc.tok_text(k) == ",") {
        Some(c) => &kept[c + 1..],
        None if word_flags(doc, first) & CONNECTOR != 0 && kept.len() > 1 => &kept[1..],
        None => kept,
    }
}

/// The tokens as written, one space where the text had whitespace.
fn join(doc: &Doc, kept: &[usize]) -> String {
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    for &k in kept {
        let tok = &doc.toks[k];
        let closing = matches!(doc.tok_text(k), "," | "." | ";" | ")" | "»" | "”");
        let glued = !tok.space_before && (closing || prev.is_some_and(|p| p + 1 == k));
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(doc.tok_text(k));
        prev = Some(k);
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// At most `MAX_CHARS` characters: cut at a comma when that keeps most of
/// it, else at a word, with an ellipsis.
fn cut(s: &str) -> String {
    let s = s.trim_end_matches(['.', ' ', ',', ';']);
    if s.chars().count() <= MAX_CHARS {
        return s.to_string();
    }
    let limit = s.char_indices().nth(MAX_CHARS).map_or(s.len(), |(b, _)| b);
    let head = &s[..limit];
    if let Some(c) = head.rfind(", ").filter(|&c| head[..c].chars().count() >= MAX_CHARS / 2) {
        return head[..c].to_string();
    }
    let at_word = head.rfind(' ').unwrap_or(limit);
    format!("{}…", head[..at_word].trim_end_matches([',', ';', ' ', ':']))
}
