//! Placing an incoming span on a dispatch: where its offsets say if the text
//! there is the expected quote, else at the occurrence of the quote whose
//! context agrees best with the expected prefix and suffix, nearest first.

use crate::text::CharIndex;

/// What an incoming annotation expects to find (code point offsets).
#[derive(Debug, Clone, Copy)]
pub struct Want<'a> {
    pub start: usize,
    pub end: usize,
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchored {
    /// The text at the given offsets is the quote.
    InPlace { start: usize, end: usize },
    /// The quote was found elsewhere.
    Moved { start: usize, end: usize },
}

impl Anchored {
    pub fn span(self) -> (usize, usize) {
        match self {
            Anchored::InPlace { start, end } | Anchored::Moved { start, end } => (start, end),
        }
    }
}

/// Anchors `want` in `text`; `None` when the quote is nowhere in the text.
pub fn anchor(text: &str, index: &CharIndex, want: &Want) -> Option<Anchored> {
    if want.start < want.end
        && want.end <= index.len_chars()
        && index.slice(text, want.start, want.end) == want.exact
    {
        return Some(Anchored::InPlace { start: want.start, end: want.end });
    }
    if want.exact.is_empty() {
        return None;
    }
    let len = want.exact.chars().count();
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    for (b, _) in text.match_indices(want.exact) {
        let start = index.char_of_byte(text, b);
        let score = common_suffix(&text[..b], want.prefix)
            + common_prefix(&text[b + want.exact.len()..], want.suffix);
        let distance = start.abs_diff(want.start);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(_, _, start)| Anchored::Moved { start, end: start + len })
}

/// Characters shared by the ends of `a` and `b`.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Characters shared by the starts of `a` and `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A text another tool counted offsets in (a brat `.txt`, a doccano `text`),
/// normalised like an article (BOM dropped, CRLF and CR made `\n`), with the
/// map from the tool's offsets to those of the normalised text.
pub struct SourceText {
    pub text: String,
    pub index: CharIndex,
    /// `map[i]`: the offset in `text` of the raw file's character `i`.
    map: Vec<usize>,
}

impl SourceText {
    pub fn new(raw: &str) -> SourceText {
        let mut text = String::with_capacity(raw.len());
        let mut map = Vec::with_capacity(raw.len() + 1);
        let mut n = 0;
        let mut chars = raw.chars().peekable();
        let mut first = true;
        while let Some(c) = chars.next() {
            map.push(n);
            match c {
                '\u{feff}' if first => {}
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' => {
                    text.push('\n');
                    n += 1;
                }
                c => {
                    text.push(c);
                    n += 1;
                }
            }
            first = false;
        }
        map.push(n);
        let index = CharIndex::new(&text);
        SourceText { text, index, map }
    }

    /// Characters in the raw file, as brat counts them.
    pub fn raw_len(&self) -> usize {
        self.map.len() - 1
    }

    pub fn to_text(&self, raw: usize) -> usize {
        self.map[raw.min(self.raw_len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, want: Want) -> Option<Anchored> {
        anchor(text, &CharIndex::new(text), &want)
    }

    #[test]
    fn in_place_when_the_text_agrees() {
        let w = Want { start: 3, end: 8, exact: "Bakou", prefix: "", suffix: "" };
        assert_eq!(run("À 😀Bakou", Want { start: 3, ..w }), Some(Anchored::InPlace { start: 3, end: 8 }));
    }

    #[test]
    fn moved_to_the_occurrence_whose_context_agrees() {
        let text = "Erevan dit. Bakou dit. Erevan répond.";
        // Offsets counted by a tool that saw one character more before the span.
        let w = Want { start: 24, end: 30, exact: "Erevan", prefix: "dit. ", suffix: " répond" };
        assert_eq!(run(text, w), Some(Anchored::Moved { start: 23, end: 29 }));
        // Same context everywhere: the nearest wins.
        let w = Want { start: 1, end: 7, exact: "Erevan", prefix: "", suffix: "" };
        assert_eq!(run(text, w).unwrap().span(), (0, 6));
    }

    #[test]
    fn nowhere_is_none() {
        let w = Want { start: 0, end: 5, exact: "Paris", prefix: "", suffix: "" };
        assert_eq!(run("Bakou et Erevan", w), None);
    }
}
