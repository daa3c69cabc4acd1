//! The words of the EVENT rules (lexicon/events.txt): a word's classes as
//! bit flags, from whole words first, then from stems.

use std::collections::HashMap;
use std::sync::LazyLock;

pub const ACT: u16 = 1;
pub const SAY: u16 = 2;
pub const PREP: u16 = 4;
pub const SINCE: u16 = 8;
pub const RANGE: u16 = 16;
pub const CONNECTOR: u16 = 32;
pub const SUBORD: u16 = 64;
pub const OPENER: u16 = 128;
pub const SOURCE: u16 = 256;
pub const FURNITURE: u16 = 512;
pub const RELATIVE: u16 = 1024;
pub const LEAD: u16 = 2048;
pub const DET: u16 = 4096;
pub const AUX: u16 = 8192;
pub const AFTER_DATE: u16 = 16384;

struct Lexicon {
    words: HashMap<&'static str, u16>,
    stems: HashMap<&'static str, u16>,
    /// The byte lengths of the stems: a word is looked up by its prefixes
    /// of these lengths, not compared with every stem.
    stem_lens: Vec<usize>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(include_str!("../lexicon/events.txt")));

/// The classes of a lowercase word (0 when it has none).
pub fn flags(lower: &str) -> u16 {
    let lex = &*LEXICON;
    let whole = lex.words.get(lower).copied().unwrap_or(0);
    lex.stem_lens
        .iter()
        .take_while(|&&n| n <= lower.len())
        .filter(|&&n| lower.is_char_boundary(n))
        .filter_map(|&n| lex.stems.get(&lower[..n]))
        .fold(whole, |acc, f| acc | f)
}

fn parse(data: &'static str) -> Lexicon {
    let mut words: HashMap<&'static str, u16> = HashMap::new();
    let mut stems: HashMap<&'static str, u16> = HashMap::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
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
            other => panic!("lexicon/events.txt:{}: unknown class '{other}'", n + 1),
        };
        match word.strip_suffix('*') {
            Some(stem) => *stems.entry(stem).or_default() |= flag,
            None => *words.entry(word).or_default() |= flag,
        }
    }
    let mut stem_lens: Vec<usize> = stems.keys().map(|s| s.len()).collect();
    stem_lens.sort_unstable();
    stem_lens.dedup();
    Lexicon { words, stems, stem_lens }
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
