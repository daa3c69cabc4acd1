//! The number of a figure and the range it carries: digits, number words,
//! approximations ("une centaine", "a dozen"), vague plurals ("des
//! milliers", "tens of thousands", "several thousand"), and "un", "one",
//! "a" where they count rather than stand for an article.

use super::super::numbers;
use super::super::scan::{Doc, TokKind};
use super::super::vocab::Class;
use super::{Figure, lexicon};
use crate::annotation::Qualifier;

/// How sure it is that "un", "une", "one", "a" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// Not such a word.
    No,
    /// Counts if a counted noun follows ("one civilian", "au moins une
    /// personne", "dont un enfant", "sept policiers, un médecin").
    Counts,
    /// "un civil", "un combattant": counts only as a person killed, hurt or
    /// lost in its clause ("un civil azéri était mort"), or when a count
    /// follows in a list ("un hélicoptère et deux chars").
    IfCasualty,
    /// "a helicopter and two tanks": counts only when a count follows.
    IfListFollows,
}

/// A number before its noun: value range, qualifier, token after it.
#[derive(Debug, Clone, Copy)]
pub struct Core {
    pub start: usize,
    pub number: usize,
    pub end: usize,
    pub low: u64,
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    /// An approximation ("une centaine", "des milliers") takes "de" before its noun.
    pub takes_de: bool,
    /// Written in words.
    pub words: bool,
    pub article: Article,
    /// After a currency sign ("$90"): money, a figure with no noun.
    pub money: bool,
}

impl Core {
    fn exact(start: usize, end: usize, value: u64, words: bool) -> Core {
        Core {
            start,
            number: start,
            end,
            low: value,
            high: Some(value),
            qualifier: Qualifier::Exact,
            takes_de: false,
            words,
            article: Article::No,
            money: false,
        }
    }
}

/// The number starting at token `i`, with the range it carries.
pub fn core_at(doc: &Doc, i: usize, before: &[Figure]) -> Option<Core> {
    let tok = &doc.toks[i];
    let core = match tok.kind {
        TokKind::Num => digits_core(doc, i),
        TokKind::Word => match tok.word.class {
            Class::Num(_) => words_core(doc, i).or_else(|| article_core(doc, i, before)),
            Class::Approx(v) if article_before(doc, i) => Some(Core {
                start: i - 1,
                number: i,
                end: i + 1,
                low: v,
                high: Some(v),
                qualifier: Qualifier::About,
                takes_de: true,
                words: true,
                article: Article::No,
                money: false,
            }),
            // "two dozen soldiers"
            Class::Approx(v) if i > 0 && matches!(doc.toks[i - 1].word.class, Class::Num(2..=9)) => {
                let Class::Num(n) = doc.toks[i - 1].word.class else { return None };
                Some(Core {
                    start: i - 1,
                    number: i - 1,
                    end: i + 1,
                    low: n * v,
                    high: Some(n * v),
                    qualifier: Qualifier::About,
                    takes_de: true,
                    words: true,
                    article: Article::No,
                    money: false,
                })
            }
            Class::Many(v) => many_core(doc, i, v),
            _ if tok.lead == b'a' && doc.is_any(i, &["a", "an"]) => article_core(doc, i, before),
            _ => None,
        },
        TokKind::Punct => None,
    }?;
    // "aged 87", "âgés de 12 à 15 ans": an age
    let age = |t: usize| lexicon::is(doc, t, |e| e.age);
    let after_age = core.start > 0
        && (age(core.start - 1) || (core.start > 1 && doc.is(core.start - 1, "de") && age(core.start - 2)));
    (!after_age).then_some(core)
}

fn article_before(doc: &Doc, i: usize) -> bool {
    i > 0 && doc.is_any(i - 1, &["une", "un", "a", "an"])
}

/// "un", "une", "one", "a", "an" alone: a count when the context says so.
fn article_core(doc: &Doc, i: usize, before: &[Figure]) -> Option<Core> {
    let french = doc.is_any(i, &["un", "une"]);
    let english_one = doc.is(i, "one");
    let listed = i > 0 && doc.is_any(i - 1, &["dont", "including"]) || in_list(doc, i, before);
    let article = if listed || english_one || (french && lexicon::qualifier_before(doc, i).is_some()) {
        Article::Counts
    } else if french {
        // most "un", "une" are articles: a counted noun or a partitive must follow
        let counted =
            matches!(super::noun::noun_kind(doc, i + 1), Some((_, super::lexicon::NounKind::Counted { .. })));
        if !counted && !doc.is_any(i + 1, &["de", "des", "d"]) {
            return None;
        }
        Article::IfCasualty
    } else if doc.toks.get(i + 1).is_some_and(|n| matches!(n.word.class, Class::Noun { .. } | Class::Count)) {
        Article::IfListFollows
    } else {
        return None;
    };
    Some(Core { article, ..Core::exact(i, i + 1, 1, true) })
}

/// Token `i` goes on a list of counts: "sept policiers, un médecin",
/// "deux missiles balistiques et un missile guidé", "three farmers and an
/// official" (after a comma, English "a" is an article: "…, a health
/// official said").
fn in_list(doc: &Doc, i: usize, before: &[Figure]) -> bool {
    let Some(prev) = before.last() else { return false };
    let joiners: &[&str] =
        if doc.is_any(i, &["a", "an"]) { &["and", "or"] } else { &[",", "et", "and", "ou", "or"] };
    i > 0
        && doc.is_any(i - 1, joiners)
        && prev.end <= i
        && i - prev.end <= 5
        && doc.sentence_index(prev.start) == doc.sentence_index(i)
}

fn digits_core(doc: &Doc, i: usize) -> Option<Core> {
    let tok = &doc.toks[i];
    let next = doc.toks.get(i + 1);
    let prev = i.checked_sub(1).map(|p| &doc.toks[p]);
    // "30km", "22,000-strong" are quantities; "1er", "2e", "10h30", "G7",
    // "Su-25", "23/10", "10:50", "50%" are not
    let glued_ok = lexicon::is(doc, i + 1, |e| e.glued) || is_strong(doc, i + 1);
    if !glued_ok
        && next.is_some_and(|n| !n.space_before && (n.kind != TokKind::Punct || is_joiner(doc, i + 1)))
    {
        return None;
    }
    let money = !tok.space_before && i > 0 && lexicon::is(doc, i - 1, |e| e.currency);
    if !money
        && prev.is_some_and(|p| !tok.space_before && (p.kind != TokKind::Punct || is_joiner(doc, i - 1)))
    {
        return None;
    }
    if next.is_some_and(|n| n.is_punct(b'%')) || doc.is_any(i + 1, &["pour", "percent", "per"]) {
        return None;
    }
    // "Resolution 2334", "Flight 17", "Route 66": a number after a name is
    // part of the name
    if prev.is_some_and(|p| p.kind == TokKind::Word && p.cap && !p.upper && p.word.class == Class::None)
        && lexicon::qualifier_before(doc, i).is_none()
        && lexicon::word_at(doc, i - 1).is_none()
    {
        return None;
    }
    // "27 septembre", "September 27", "oct 2020"
    if is_month(doc, i + 1)
        || (i > 0 && is_month(doc, i - 1))
        || (i > 1 && doc.toks[i - 1].is_punct(b'.') && is_month(doc, i - 2))
    {
        return None;
    }
    let mut end = i + 1;
    let mut value = tok.value;
    if let Some(m) = numbers::multiplier(doc, end) {
        value *= m as f64;
        end += 1;
    }
    let year_like = tok.plain_digits == 4 && (1800.0..=2100.0).contains(&tok.value) && end == i + 1;
    if year_like && !matches!(doc.toks.get(end).map(|t| t.word.class), Some(Class::Noun { .. })) {
        return None;
    }
    Some(Core {
        start: if money { i - 1 } else { i },
        high: Some(value.ceil() as u64),
        takes_de: end > i + 1,
        money,
        ..Core::exact(i, end, value.floor() as u64, false)
    })
}

/// "-strong" glued to a number: "a 22,000-strong force".
pub fn is_strong(doc: &Doc, t: usize) -> bool {
    doc.toks.get(t).is_some_and(|d| d.is_punct(b'-') && !d.space_before)
        && doc.is(t + 1, "strong")
        && !doc.toks[t + 1].space_before
}

/// '/', ':', '-', '.', ',' glued between two tokens join them into one thing
/// (a date, a time, a name), so a number touching one is not a quantity.
fn is_joiner(doc: &Doc, p: usize) -> bool {
    let t = &doc.toks[p];
    t.kind == TokKind::Punct
        && matches!(doc.tok_text(p), "/" | ":" | "-" | "h" | "°" | "%" | "€" | "$" | "n°")
        || (t.kind == TokKind::Punct
            && matches!(doc.tok_text(p), "." | ",")
            && doc.toks.get(p + 1).is_some_and(|n| !n.space_before && n.kind == TokKind::Num))
}

pub fn is_month(doc: &Doc, t: usize) -> bool {
    t < doc.toks.len() && matches!(doc.toks[t].word.class, Class::Month { .. })
}

fn words_core(doc: &Doc, i: usize) -> Option<Core> {
    // "sept." before a day number is September, not seven
    if doc.is(i, "sept") && doc.toks.get(i + 1).is_some_and(|t| t.is_punct(b'.')) {
        return None;
    }
    let (value, end) = numbers::words_at(doc, i)?;
    // "two dozen": the approximation reads the number before it
    if is_month(doc, end)
        || (i > 0 && is_month(doc, i - 1))
        || matches!(doc.toks.get(end).map(|t| t.word.class), Some(Class::Approx(_)))
    {
        return None;
    }
    let last = doc.toks[end - 1].word.class;
    let takes_de = matches!(last, Class::Num(1_000_000 | 1_000_000_000));
    // "several thousand", "des millions", "quelques milliers": a vague plural
    let multiplier_alone = end == i + 1 && matches!(last, Class::Num(100 | 1000 | 1_000_000 | 1_000_000_000));
    if multiplier_alone
        && i > 0
        && (doc.is_any(i - 1, &["several", "plusieurs", "quelques"])
            || (doc.is(i - 1, "des") && value >= 1_000_000)
            || (doc.is(i - 1, "few") && i > 1 && doc.is(i - 2, "a")))
    {
        let start = if doc.is(i - 1, "few") { i - 2 } else { i - 1 };
        return Some(Core {
            start,
            high: None,
            qualifier: Qualifier::Many,
            takes_de: true,
            ..Core::exact(i, end, 2 * value, true)
        });
    }
    // "a hundred soldiers", "a thousand people": the article counts
    let start = if multiplier_alone && i > 0 && doc.is_any(i - 1, &["a", "one"]) { i - 1 } else { i };
    Some(Core { start, takes_de, ..Core::exact(i, end, value, true) })
}

/// "des milliers", "plusieurs centaines", "des dizaines de milliers",
/// "hundreds", "tens of thousands".
fn many_core(doc: &Doc, i: usize, v: u64) -> Option<Core> {
    let det =
        i > 0 && doc.is_any(i - 1, &["des", "plusieurs", "quelques", "de", "d", "les", "many", "several"]);
    let start = if det && !doc.is(i - 1, "d") { i - 1 } else { i };
    let mut low = v;
    let mut end = i + 1;
    if doc.is_any(end, &["de", "d", "of"]) {
        let k = if doc.toks.get(end + 1).is_some_and(|t| t.is_punct(b'\'')) { end + 2 } else { end + 1 };
        let big = match doc.toks.get(k).map(|t| t.word.class) {
            Some(Class::Many(v2) | Class::Approx(v2)) if v2 >= 1000 => {
                Some(v2 / if v2 % 2000 == 0 { 2 } else { 1 })
            }
            _ => None,
        };
        if let Some(unit) = big {
            low = v * unit;
            end = k + 1;
        }
    }
    // "tens" alone is no quantity: "tens of thousands" is
    if doc.is(i, "tens") && end == i + 1 {
        return None;
    }
    Some(Core {
        start,
        number: i,
        end,
        low,
        high: None,
        qualifier: Qualifier::Many,
        takes_de: true,
        words: true,
        article: Article::No,
        money: false,
    })
}
