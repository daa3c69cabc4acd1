//! The date phrases of lexicon/dates.txt: named days, week and month
//! expressions, time zones, ordinal day words and small word sets. Phrases
//! are split by the scanner itself, so that they match the tokens of a text.

use std::sync::LazyLock;

use crate::extract::scan::Doc;

/// What a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A day of the year by its name: month, day.
    Holiday(u32, u32),
    /// The week `n` weeks from the article's.
    Week(i8),
    /// The weekend `n` weekends from the article's.
    Weekend(i8),
    /// The month `n` months from the article's.
    Month(i8),
    /// A time zone after a clock time.
    Zone,
}

/// A one-word entry of a small set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Edge,
    Vague,
    Night,
}

type Map<V> = crate::hash::FxHashMap<String, V>;

struct Phrase {
    rest: Vec<String>,
    meaning: Meaning,
}

pub struct Lexicon {
    /// Phrases by their first token.
    phrases: Map<Vec<Phrase>>,
    ordinals: Map<u32>,
    sets: Map<Set>,
    /// Per first byte, a bit per length (up to 63) of the keys above: most
    /// words are turned away without hashing.
    filter: [u64; 256],
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(include_str!("../lexicon/dates.txt")));

pub fn get() -> &'static Lexicon {
    &LEXICON
}

fn parse(data: &str) -> Lexicon {
    let mut lex =
        Lexicon { phrases: Map::default(), ordinals: Map::default(), sets: Map::default(), filter: [0; 256] };
    for (n, line) in crate::text::data_lines(data) {
        let line = line.trim();
        let mut f = line.splitn(3, ' ');
        let (Some(kind), Some(arg), Some(phrase)) = (f.next(), f.next(), f.next()) else {
            panic!("lexicon/dates.txt:{}: KIND ARG PHRASE is needed", n + 1)
        };
        let int = || -> i64 {
            arg.parse().unwrap_or_else(|_| panic!("lexicon/dates.txt:{}: a number is needed", n + 1))
        };
        let meaning = match kind {
            "holiday" => {
                let (m, d) = arg
                    .split_once('-')
                    .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
                    .unwrap_or_else(|| panic!("lexicon/dates.txt:{}: MM-DD is needed", n + 1));
                Meaning::Holiday(m, d)
            }
            "week" => Meaning::Week(int() as i8),
            "weekend" => Meaning::Weekend(int() as i8),
            "month" => Meaning::Month(int() as i8),
            "zone" => Meaning::Zone,
            "ordinal" => {
                lex.ordinals.insert(phrase.to_string(), int() as u32);
                continue;
            }
            "edge" | "vague" | "night" => {
                let set = match kind {
                    "edge" => Set::Edge,
                    "vague" => Set::Vague,
                    _ => Set::Night,
                };
                lex.sets.insert(phrase.to_string(), set);
                continue;
            }
            other => panic!("lexicon/dates.txt:{}: unknown kind '{other}'", n + 1),
        };
        let doc = Doc::new(phrase);
        let mut words = (0..doc.toks.len()).map(|t| doc.tok_lower(t).to_string());
        let first = words.next().expect("a phrase has a word");
        lex.phrases.entry(first).or_default().push(Phrase { rest: words.collect(), meaning });
    }
    let keys: Vec<String> =
        lex.phrases.keys().chain(lex.ordinals.keys()).chain(lex.sets.keys()).cloned().collect();
    for k in keys {
        lex.filter[k.as_bytes()[0] as usize] |= 1 << k.len().min(63);
    }
    lex
}

impl Lexicon {
    /// The longest phrase starting at token `i`: its end and meaning.
    pub fn phrase_at(&self, doc: &Doc, i: usize) -> Option<(usize, Meaning)> {
        let w = doc.toks.get(i).map(|_| doc.tok_lower(i))?;
        if !self.may_hold(w) {
            return None;
        }
        let candidates = self.phrases.get(w)?;
        candidates
            .iter()
            .filter(|p| p.rest.iter().enumerate().all(|(k, w)| doc.is(i + 1 + k, w)))
            .max_by_key(|p| p.rest.len())
            .map(|p| (i + 1 + p.rest.len(), p.meaning))
    }

    /// The day of an ordinal word ("seventh", "twenty-first").
    pub fn ordinal(&self, lower: &str) -> Option<u32> {
        self.may_hold(lower).then(|| self.ordinals.get(lower).copied()).flatten()
    }

    /// Whether token `t` is a word of `set`.
    pub fn is(&self, doc: &Doc, t: usize, set: Set) -> bool {
        t < doc.toks.len() && {
            let w = doc.tok_lower(t);
            self.may_hold(w) && self.sets.get(w) == Some(&set)
        }
    }

    /// False when no key has this first byte and length.
    fn may_hold(&self, w: &str) -> bool {
        w.as_bytes().first().is_some_and(|&b| self.filter[b as usize] & (1 << w.len().min(63)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_the_scanner_tokens() {
        let doc = Doc::new("On New Year's Eve and ce week-end");
        assert_eq!(get().phrase_at(&doc, 1), Some((6, Meaning::Holiday(12, 31))));
        assert_eq!(get().phrase_at(&doc, 7), Some((9, Meaning::Weekend(0))));
        assert_eq!(get().phrase_at(&doc, 0), None);
        assert_eq!(get().ordinal("seventh"), Some(7));
    }
}
