//! Texts other tools counted offsets in. Where a span lands in a dispatch
//! is decided by the one rule of re-anchoring ([`crate::annotation::reanchor`]),
//! as for a sidecar whose text changed: an import uses it too.

use crate::text::CharIndex;

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
