//! The tense of the clause around a date word: what a weekday or a month
//! without a year points at (the latest before the article, or the next).

use crate::extract::scan::{Doc, TokKind};
use crate::extract::vocab::{FUTURE, PAST};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Words before a date that make it a past starting point ("depuis jeudi").
const SINCE: &[&str] = &["depuis", "since"];

/// The tense of the clause around token `t`: a "since" just before it, else
/// the nearest tense marker within six words in the same sentence
/// (auxiliaries, imperfect and conditional endings, "va", "doit", "prévu",
/// "will", "-ed").
pub fn tense_near(doc: &Doc, t: usize) -> Tense {
    if t > 0 && doc.is_any(t - 1, SINCE) {
        return Tense::Past;
    }
    let (s, e) = doc.sentence_of(t);
    for d in 1..=6 {
        for k in [t.checked_sub(d), Some(t + d)].into_iter().flatten() {
            if k < s || k >= e {
                continue;
            }
            let tense = tense_of(doc, k);
            if tense != Tense::Unknown {
                return tense;
            }
        }
    }
    Tense::Unknown
}

fn tense_of(doc: &Doc, k: usize) -> Tense {
    let tok = &doc.toks[k];
    if tok.kind != TokKind::Word || tok.cap {
        return Tense::Unknown;
    }
    if tok.word.has(FUTURE) {
        return Tense::Future;
    }
    if tok.word.has(PAST) {
        return Tense::Past;
    }
    let w = doc.tok_lower(k);
    if w.len() > 5 && (w.ends_with("rait") || w.ends_with("raient") || w.ends_with("ront")) {
        return Tense::Future;
    }
    if w.len() > 4 && (w.ends_with("ait") || w.ends_with("aient")) {
        return Tense::Past;
    }
    if w.len() > 4 && w.ends_with("ed") && w.is_ascii() {
        return Tense::Past;
    }
    Tense::Unknown
}
