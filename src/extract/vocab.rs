//! The closed-class vocabulary (lexicon/words.txt): what a lowercase word is
//! to the rules. Looked up once per word token with a cheap hash.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::annotation::{What, Who};

/// The side a word points at; `Enemy` is resolved from the claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideWord {
    Armenian,
    Azerbaijani,
    Enemy,
    Other,
}

/// What a word is, for the rules (one primary class a word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Class {
    #[default]
    None,
    Num(u64),
    Approx(u64),
    Many(u64),
    Month {
        month: u8,
        ambiguous: bool,
    },
    Weekday(u8),
    DayPart,
    Rel(i8),
    Anaphor(i8),
    Unit(u16),
    Freq,
    Noun {
        what: Option<What>,
        who: Option<Who>,
    },
    Count,
    /// A counted place or building: "300 villages" is no figure.
    Place,
    Nat(SideWord),
    Title,
    Stop,
}

pub const SAY: u8 = 1;
pub const EVENT: u8 = 2;
pub const FUTURE: u8 = 4;
pub const PAST: u8 = 8;
pub const DATECUE: u8 = 16;
pub const ENTCUE: u8 = 32;
/// A head noun of a named body or armed group when capitalised ("Forces",
/// "Réseau", "Foundation").
pub const BODYHEAD: u8 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Word {
    pub class: Class,
    /// SAY, EVENT, FUTURE, PAST.
    pub flags: u8,
}

impl Word {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A multiply-rotate hash over 8-byte chunks: the keys are short words
/// and hashing them byte by byte would dominate the scan.
fn hash(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // byte by byte: a copy of a short tail would call memcpy
        let last = rest.iter().rev().fold(0u64, |acc, &b| (acc << 8) | b as u64);
        h = (h.rotate_left(5) ^ last).wrapping_mul(SEED);
    }
    h
}

/// An open-addressing table of the vocabulary: one hash, most often one
/// probe, per word token.
struct Table {
    /// (hash, word, class); an empty word is a free slot.
    slots: Vec<(u64, &'static str, Word)>,
    mask: usize,
    longest: usize,
}

impl Table {
    fn new(words: Vec<(&'static str, Word)>) -> Table {
        let size = (words.len() * 4).next_power_of_two();
        let mut slots = vec![(0, "", Word::default()); size];
        let mask = size - 1;
        let longest = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        for (w, class) in words {
            let h = hash(w.as_bytes());
            let mut k = h as usize & mask;
            while !slots[k].1.is_empty() {
                k = (k + 1) & mask;
            }
            slots[k] = (h, w, class);
        }
        Table { slots, mask, longest }
    }

    fn get(&self, word: &str) -> Word {
        if word.len() > self.longest {
            return Word::default();
        }
        let h = hash(word.as_bytes());
        let mut k = h as usize & self.mask;
        loop {
            let (sh, sw, class) = &self.slots[k];
            if sw.is_empty() {
                return Word::default();
            }
            if *sh == h && *sw == word {
                return *class;
            }
            k = (k + 1) & self.mask;
        }
    }
}

static WORDS: LazyLock<Table> = LazyLock::new(|| Table::new(parse(include_str!("lexicon/words.txt"))));

/// The class of a lowercase word (`Word::default()` when unknown).
pub fn lookup(lower: &str) -> Word {
    WORDS.get(lower)
}

fn parse(data: &'static str) -> Vec<(&'static str, Word)> {
    let mut map: HashMap<&'static str, Word> = HashMap::new();
    for (n, line) in crate::text::data_lines(data) {
        let line = line.trim();
        let mut f = line.split_whitespace();
        let (Some(word), Some(class)) = (f.next(), f.next()) else {
            panic!("lexicon/words.txt:{}: a word and a class are needed", n + 1)
        };
        let args: Vec<&str> = f.collect();
        let num = |i: usize| -> i64 {
            args.get(i)
                .and_then(|a| a.parse().ok())
                .unwrap_or_else(|| panic!("lexicon/words.txt:{}: a number is needed", n + 1))
        };
        let entry = map.entry(word).or_default();
        match class {
            "say" => entry.flags |= SAY,
            "event" => entry.flags |= EVENT,
            "future" => entry.flags |= FUTURE,
            "past" => entry.flags |= PAST,
            "datecue" => entry.flags |= DATECUE,
            "entcue" => entry.flags |= ENTCUE,
            "bodyhead" => entry.flags |= BODYHEAD,
            _ => {
                entry.class = match class {
                    "num" => Class::Num(num(0) as u64),
                    "approx" => Class::Approx(num(0) as u64),
                    "many" => Class::Many(num(0) as u64),
                    "month" => Class::Month { month: num(0) as u8, ambiguous: false },
                    "month?" => Class::Month { month: num(0) as u8, ambiguous: true },
                    "weekday" => Class::Weekday(num(0) as u8),
                    "daypart" => Class::DayPart,
                    "rel" => Class::Rel(num(0) as i8),
                    "anaphor" => Class::Anaphor(num(0) as i8),
                    "unit" => Class::Unit(num(0) as u16),
                    "freq" => Class::Freq,
                    "noun" => Class::Noun {
                        what: args.first().and_then(|a| What::parse(a)),
                        who: args.get(1).and_then(|a| Who::parse(a)),
                    },
                    "count" => Class::Count,
                    "place" => Class::Place,
                    "nat" => Class::Nat(match args.first().copied() {
                        Some("armenian") => SideWord::Armenian,
                        Some("azerbaijani") => SideWord::Azerbaijani,
                        Some("enemy") => SideWord::Enemy,
                        _ => SideWord::Other,
                    }),
                    "title" => Class::Title,
                    "stop" => Class::Stop,
                    other => panic!("lexicon/words.txt:{}: unknown class '{other}'", n + 1),
                }
            }
        }
    }
    map.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_parses_and_keeps_flags_beside_classes() {
        assert_eq!(lookup("vingt").class, Class::Num(20));
        assert_eq!(lookup("centaine").class, Class::Approx(100));
        assert!(lookup("annoncé").has(SAY) && lookup("annoncé").has(EVENT));
        assert_eq!(lookup("mai").class, Class::Month { month: 5, ambiguous: true });
        assert_eq!(lookup("zzz"), Word::default());
    }
}
