//! The words of the EVENT rules (lexicon/events.txt): a word's classes as
//! bit flags, from whole words first, then from stems.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::LazyLock;

use crate::extract::scan::{Doc, TokKind};

pub const ACT: u32 = 1;
pub const SAY: u32 = 2;
pub const PREP: u32 = 4;
pub const SINCE: u32 = 8;
pub const RANGE: u32 = 16;
pub const CONNECTOR: u32 = 32;
pub const SUBORD: u32 = 64;
pub const OPENER: u32 = 128;
pub const SOURCE: u32 = 256;
pub const FURNITURE: u32 = 512;
pub const RELATIVE: u32 = 1024;
pub const LEAD: u32 = 2048;
pub const DET: u32 = 4096;
pub const AUX: u32 = 8192;
pub const AFTER_DATE: u32 = 16384;
pub const OCCUR: u32 = 1 << 15;

type Map = crate::hash::FxHashMap<&'static str, u32>;

/// Set on a cached entry: its flags are known.
const KNOWN: u32 = 1 << 31;

/// A dispatch with the event classes of its words, each word looked up at
/// most once (the rules ask about the words of a sentence many times).
pub struct Tagged<'d> {
    pub doc: &'d Doc<'d>,
    cache: Vec<Cell<u32>>,
}

impl<'d> Tagged<'d> {
    pub fn new(doc: &'d Doc<'d>) -> Self {
        Tagged { doc, cache: vec![Cell::new(0); doc.toks.len()] }
    }

    /// The classes of token `t` (0 for punctuation and numbers).
    #[inline]
    pub fn flags(&self, t: usize) -> u32 {
        let c = self.cache[t].get();
        if c & KNOWN != 0 { c & !KNOWN } else { self.look_up(t) }
    }

    #[inline(never)]
    fn look_up(&self, t: usize) -> u32 {
        let f = if self.doc.toks[t].kind == TokKind::Word { flags(self.doc.tok_lower(t)) } else { 0 };
        self.cache[t].set(f | KNOWN);
        f
    }
}

impl<'d> Deref for Tagged<'d> {
    type Target = Doc<'d>;

    fn deref(&self) -> &Doc<'d> {
        self.doc
    }
}

struct Lexicon {
    words: Map,
    /// For each pair of first bytes, 1 + the index of the stems it opens
    /// in `groups` (0: none): a word is compared with a handful of stems.
    openings: Vec<u16>,
    groups: Vec<Vec<(&'static str, u32)>>,
    /// The first bytes of the words of each class, one bit per class: a
    /// word can only be of a class its first byte opens.
    leads: Vec<u32>,
}

/// Whether a word starting with byte `lead` can be of one of `classes` (a
/// test without a lookup, for rules that ask one class of every word).
pub fn may_be(lead: u8, classes: u32) -> bool {
    LEXICON.leads[usize::from(lead.to_ascii_lowercase())] & classes != 0
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(include_str!("../lexicon/events.txt")));

/// The classes of a lowercase word (0 when it has none).
pub fn flags(lower: &str) -> u32 {
    let lex = &*LEXICON;
    let whole = lex.words.get(lower).copied().unwrap_or(0);
    let b = lower.as_bytes();
    if b.len() < 2 {
        return whole;
    }
    let group = lex.openings[usize::from(b[0]) << 8 | usize::from(b[1])];
    if group == 0 {
        return whole;
    }
    lex.groups[usize::from(group) - 1]
        .iter()
        .filter(|(stem, _)| b.starts_with(stem.as_bytes()))
        .fold(whole, |acc, (_, f)| acc | f)
}

fn parse(data: &'static str) -> Lexicon {
    let mut words = Map::default();
    let mut stems: HashMap<&'static str, u32> = HashMap::new();
    for (n, line) in crate::text::data_lines(data) {
        let line = line.trim();
        let mut f = line.split_whitespace();
        let (Some(word), Some(class)) = (f.next(), f.next()) else {
            panic!("lexicon/events.txt:{}: a word and a class are needed", n + 1)
        };
        let flag = match class {
            "act" => ACT,
            "say" => SAY,
            "prep" => PREP,
            "since" => SINCE,
            "range" => RANGE,
            "connector" => CONNECTOR,
            "subord" => SUBORD,
            "opener" => OPENER,
            "source" => SOURCE,
            "furniture" => FURNITURE,
            "relative" => RELATIVE,
            "lead" => LEAD,
            "det" => DET,
            "aux" => AUX,
            "after-date" => AFTER_DATE,
            "occur" => OCCUR,
            other => panic!("lexicon/events.txt:{}: unknown class '{other}'", n + 1),
        };
        match word.strip_suffix('*') {
            Some(stem) => *stems.entry(stem).or_default() |= flag,
            None => *words.entry(word).or_default() |= flag,
        }
    }
    let mut leads = vec![0u32; 256];
    for (w, &f) in words.iter().chain(stems.iter()) {
        leads[usize::from(w.as_bytes()[0])] |= f;
    }
    let mut openings = vec![0u16; 1 << 16];
    let mut groups: Vec<Vec<(&'static str, u32)>> = Vec::new();
    let mut stems: Vec<(&'static str, u32)> = stems.into_iter().collect();
    stems.sort_unstable();
    for (stem, f) in stems {
        let b = stem.as_bytes();
        assert!(b.len() >= 2, "lexicon/events.txt: a stem has two bytes or more: {stem}");
        let i = usize::from(b[0]) << 8 | usize::from(b[1]);
        if openings[i] == 0 {
            groups.push(Vec::new());
            openings[i] = u16::try_from(groups.len()).expect("few stems");
        }
        groups[usize::from(openings[i]) - 1].push((stem, f));
    }
    Lexicon { words, openings, groups, leads }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_stems_give_their_classes() {
        assert!(flags("bombardement") & ACT != 0, "a stem");
        assert!(flags("annoncé") & SAY != 0);
        assert!(flags("qui") & SUBORD != 0 && flags("qui") & RELATIVE != 0, "two classes");
        assert_eq!(flags("maison"), 0);
    }
}
