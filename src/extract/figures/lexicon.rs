//! The figure lexicon (lexicon/figures.txt): counted nouns, qualifiers,
//! toll words, partitives and the other words the figure rules read. Looked
//! up only around numbers, never once per token of the text.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::super::scan::Doc;
use crate::annotation::{Qualifier, What, Who};

/// What a noun does to the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    /// Counts people or equipment (what, whom); `participle` when the word
    /// is also a past participle ("blessés", "killed").
    Counted { what: Option<What>, who: Option<Who>, participle: bool },
    /// Money, distance, weapons fired: a figure without a claim.
    Measure,
    /// Places, buildings, strikes, targets: no figure.
    NotCounted,
}

/// A word of the whole after a partitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// "the", "ces", "my": a noun follows.
    Det,
    /// "its", "leurs": the claimant's own.
    Own,
    /// "eux", "them": the whole itself.
    Pronoun,
}

/// Everything the lexicon says about one phrase (a phrase may have several
/// classes: "mort" is a counted noun and a casualty word).
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    pub noun: Option<NounKind>,
    pub qualifier: Option<Qualifier>,
    pub other: bool,
    pub function: bool,
    pub verbal: bool,
    pub range: bool,
    pub adjective: bool,
    pub toll: bool,
    pub tally: bool,
    pub verb: bool,
    pub auxiliary: bool,
    pub definite: bool,
    /// A verb whose object is a count of what it does: "kills 21".
    pub kills: Option<What>,
    pub casualty: bool,
    pub partitive: bool,
    pub whole: Option<Whole>,
    pub glued: bool,
    pub age: bool,
    pub currency: bool,
}

type Map<V> = crate::hash::FxHashMap<&'static str, V>;

struct Lexicon {
    /// Phrases of several words by their first word, longest first.
    phrases: Map<Vec<(Vec<&'static str>, Entry)>>,
    /// Phrases of one word.
    words: Map<Entry>,
    /// Qualifier phrases by their last word, longest first.
    qualifiers: Map<Vec<(Vec<&'static str>, Qualifier)>>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(include_str!("../lexicon/figures.txt")));

/// The words of a phrase as the tokenizer cuts them: an apostrophe is a
/// word of its own.
fn words(phrase: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for w in phrase.split_whitespace() {
        let mut rest = w;
        while let Some(k) = rest.find('\'') {
            if k > 0 {
                out.push(&rest[..k]);
            }
            out.push("'");
            rest = &rest[k + 1..];
        }
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out
}

fn parse(data: &'static str) -> Lexicon {
    let mut merged: HashMap<Vec<&'static str>, Entry> = HashMap::new();
    for (n, line) in crate::text::data_lines(data) {
        let line = line.trim();
        let Some((phrase, class)) = line.split_once('=') else {
            panic!("lexicon/figures.txt:{}: PHRASE = CLASS expected", n + 1)
        };
        let phrase = phrase.trim();
        let mut args = class.split_whitespace();
        let class = args.next().unwrap_or_else(|| panic!("lexicon/figures.txt:{}: no class", n + 1));
        let args: Vec<&str> = args.collect();
        let e = merged.entry(words(phrase)).or_default();
        let arg = |i: usize| args.get(i).copied().filter(|a| *a != "-");
        match class {
            "noun" => {
                e.noun = Some(NounKind::Counted {
                    what: arg(0).and_then(What::parse),
                    who: arg(1).and_then(Who::parse),
                    participle: false,
                })
            }
            "participle" => {
                e.noun = Some(NounKind::Counted {
                    what: arg(0).and_then(What::parse),
                    who: Some(Who::All),
                    participle: true,
                })
            }
            "measure" => e.noun = Some(NounKind::Measure),
            "notcounted" => e.noun = Some(NounKind::NotCounted),
            "qualifier" => {
                e.qualifier = Some(
                    arg(0)
                        .and_then(Qualifier::parse)
                        .unwrap_or_else(|| panic!("lexicon/figures.txt:{}: a qualifier is needed", n + 1)),
                )
            }
            "other" => e.other = true,
            "function" => e.function = true,
            "verbal" => e.verbal = true,
            "range" => e.range = true,
            "adjective" => e.adjective = true,
            "toll" => e.toll = true,
            "tally" => e.tally = true,
            "verb" => e.verb = true,
            "auxiliary" => e.auxiliary = true,
            "definite" => e.definite = true,
            "kills" => e.kills = arg(0).and_then(What::parse),
            "casualty" => e.casualty = true,
            "partitive" => e.partitive = true,
            "whole" => {
                e.whole = Some(match arg(0) {
                    Some("own") => Whole::Own,
                    Some("pronoun") => Whole::Pronoun,
                    _ => Whole::Det,
                })
            }
            "glued" => e.glued = true,
            "age" => e.age = true,
            "currency" => e.currency = true,
            other => panic!("lexicon/figures.txt:{}: unknown class '{other}'", n + 1),
        }
    }
    let mut qualifiers: Map<Vec<(Vec<&str>, Qualifier)>> = Map::default();
    let mut phrases: Map<Vec<(Vec<&str>, Entry)>> = Map::default();
    let mut words: Map<Entry> = Map::default();
    for (w, e) in merged {
        if let Some(q) = e.qualifier {
            qualifiers.entry(w[w.len() - 1]).or_default().push((w.clone(), q));
        }
        if w.len() == 1 {
            words.insert(w[0], e);
        } else {
            phrases.entry(w[0]).or_default().push((w, e));
        }
    }
    for list in phrases.values_mut() {
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    for list in qualifiers.values_mut() {
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    Lexicon { phrases, words, qualifiers }
}

/// The longest phrase of the lexicon starting at token `t` whose entry
/// passes `keep`: the token after it and the entry.
pub fn phrase_at(doc: &Doc, t: usize, keep: impl Fn(&Entry) -> bool) -> Option<(usize, Entry)> {
    if t >= doc.toks.len() {
        return None;
    }
    let w = doc.tok_lower(t);
    let longer = LEXICON.phrases.get(w).and_then(|list| {
        list.iter().find_map(|(words, e)| {
            (keep(e) && words.iter().enumerate().all(|(k, w)| doc.is(t + k, w)))
                .then(|| (t + words.len(), *e))
        })
    });
    longer.or_else(|| LEXICON.words.get(w).filter(|e| keep(e)).map(|e| (t + 1, *e)))
}

/// The entry of the single word at token `t`.
pub fn word_at(doc: &Doc, t: usize) -> Option<Entry> {
    if t >= doc.toks.len() {
        return None;
    }
    LEXICON.words.get(doc.tok_lower(t)).copied()
}

/// Whether token `t` has the flag `has` in the lexicon.
pub fn is(doc: &Doc, t: usize, has: impl Fn(&Entry) -> bool) -> bool {
    word_at(doc, t).is_some_and(|e| has(&e))
}

/// A qualifier phrase ending right before token `start`: its first token
/// and the qualifier.
pub fn qualifier_before(doc: &Doc, start: usize) -> Option<(usize, Qualifier)> {
    if start == 0 {
        return None;
    }
    let list = LEXICON.qualifiers.get(doc.tok_lower(start - 1))?;
    list.iter().find_map(|(words, q)| {
        let n = words.len();
        (start >= n && words.iter().enumerate().all(|(k, w)| doc.is(start - n + k, w)))
            .then(|| (start - n, *q))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_cut_like_the_text() {
        assert_eq!(words("plus d'"), ["plus", "d", "'"]);
        assert_eq!(words("jusqu' à"), ["jusqu", "'", "à"]);
        assert_eq!(words("fusils d'assaut"), ["fusils", "d", "'", "assaut"]);
    }

    #[test]
    fn the_lexicon_parses_and_merges_classes() {
        let doc = Doc::new("mort plus d'une");
        let e = word_at(&doc, 0).expect("mort is known");
        assert!(e.casualty && matches!(e.noun, Some(NounKind::Counted { .. })));
        assert_eq!(qualifier_before(&doc, 4), Some((1, Qualifier::MoreThan)));
    }
}
