//! Offsets and untrusted characters: the one place where code point offsets
//! (used on disk and at every public boundary) become byte offsets, and where
//! control characters of an article are made inert for display.

use std::borrow::Cow;

const STRIDE: usize = 64;

/// Converts code point offsets to byte offsets in O(1) amortised
/// (a checkpoint every 64 characters, so 20 MB of text costs ~2.5 MB here).
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    ascii: bool,
    len_chars: usize,
    len_bytes: usize,
    /// Byte offsets, as u32: half the memory for every dispatch loaded;
    /// loading refuses a file of 4 GiB or more.
    checkpoints: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let len_bytes = text.len();
        if text.is_ascii() {
            return CharIndex { ascii: true, len_chars: len_bytes, len_bytes, checkpoints: Vec::new() };
        }
        let mut checkpoints = Vec::with_capacity(len_bytes / STRIDE + 1);
        // A character starts at every byte that is not a continuation byte
        // (0b10xxxxxx): counted eight bytes at a time, byte by byte only
        // around a checkpoint.
        let bytes = text.as_bytes();
        let (mut n, mut i, mut next) = (0, 0, 0);
        while i < bytes.len() {
            if let Some(word) = bytes.get(i..i + 8) {
                let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
                let continuations = (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
                let starts = 8 - continuations;
                if next >= n + starts {
                    n += starts;
                    i += 8;
                    continue;
                }
            }
            if (bytes[i] as i8) >= -0x40 {
                if n == next {
                    checkpoints.push(u32::try_from(i).expect("a text under 4 GiB (loading refuses larger)"));
                    next += STRIDE;
                }
                n += 1;
            }
            i += 1;
        }
        CharIndex { ascii: false, len_chars: n, len_bytes, checkpoints }
    }

    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Byte offset of code point `cp` (clamped to the end of the text).
    pub fn byte(&self, text: &str, cp: usize) -> usize {
        if cp >= self.len_chars {
            return self.len_bytes;
        }
        if self.ascii {
            return cp;
        }
        let base = self.checkpoints[cp / STRIDE] as usize;
        let rest = cp % STRIDE;
        match text[base..].char_indices().nth(rest) {
            Some((b, _)) => base + b,
            None => self.len_bytes,
        }
    }

    /// Code point offset of byte `b` (which must be a char boundary).
    pub fn char_of_byte(&self, text: &str, b: usize) -> usize {
        if self.ascii {
            return b.min(self.len_bytes);
        }
        let block = self.checkpoints.partition_point(|&c| c as usize <= b).saturating_sub(1);
        let base = self.checkpoints.get(block).map_or(0, |&c| c as usize);
        block * STRIDE + text[base..b.min(self.len_bytes)].chars().count()
    }

    /// The text between two code point offsets.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let s = self.byte(text, start);
        let e = self.byte(text, end.max(start));
        &text[s..e]
    }
}

/// The lines of a data file shipped with depeche (lexicons, the world's
/// places) that hold data, with their index (0-based, for messages that
/// name the line): blank lines and `#` comments left out. The lines are
/// as written; a caller that wants them trimmed trims them.
pub fn data_lines(data: &str) -> impl Iterator<Item = (usize, &str)> {
    data.lines().enumerate().filter(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// "1 dispatch", "3 dispatches": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The text between two code point offsets, without an index (O(n)).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut it = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let s = it.nth(start).unwrap_or(text.len());
    let e = if end > start { it.nth(end - start - 1).unwrap_or(text.len()) } else { s };
    &text[s..e]
}

/// Number of code points.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

const CARET: [&str; 32] = [
    "^@", "^A", "^B", "^C", "^D", "^E", "^F", "^G", "^H", "^I", "^J", "^K", "^L", "^M", "^N", "^O", "^P",
    "^Q", "^R", "^S", "^T", "^U", "^V", "^W", "^X", "^Y", "^Z", "^[", "^\\", "^]", "^^", "^_",
];

/// How one character of an article is shown. `None`: as itself.
/// Control characters (but `\n` and `\t`) get caret notation, as in `less`;
/// C1 controls and bidi overrides a visible replacement, so that an article can
/// never move the cursor, write the clipboard or reorder what is displayed.
pub fn inert_char(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => Some(CARET[c as usize]),
        '\u{7f}' => Some("^?"),
        '\u{80}'..='\u{9f}' => Some("\u{fffd}"),
        '\u{202a}' => Some("<LRE>"),
        '\u{202b}' => Some("<RLE>"),
        '\u{202c}' => Some("<PDF>"),
        '\u{202d}' => Some("<LRO>"),
        '\u{202e}' => Some("<RLO>"),
        '\u{2066}' => Some("<LRI>"),
        '\u{2067}' => Some("<RLI>"),
        '\u{2068}' => Some("<FSI>"),
        '\u{2069}' => Some("<PDI>"),
        '\u{200e}' | '\u{200f}' | '\u{061c}' => Some(""),
        _ => None,
    }
}

/// `s` with every control character made inert (see [`inert_char`]).
/// Tabs become a space so that terminal tab stops cannot shift columns.
pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || inert_char(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match (c, inert_char(c)) {
            ('\t', _) => out.push(' '),
            (_, Some(r)) => out.push_str(r),
            (c, None) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`inert`], and newlines become spaces: for one-line labels.
pub fn inert_line(s: &str) -> String {
    inert(s).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_not_bytes() {
        let text = "é😀a".repeat(100);
        let idx = CharIndex::new(&text);
        assert_eq!(idx.len_chars(), 300);
        assert_eq!(idx.slice(&text, 1, 3), "😀a");
        assert_eq!(idx.slice(&text, 298, 300), "😀a");
        assert_eq!(slice_chars(&text, 1, 3), "😀a");
        for cp in [0, 1, 2, 63, 64, 65, 200, 299, 300] {
            let b = idx.byte(&text, cp);
            assert_eq!(idx.char_of_byte(&text, b), cp);
        }
    }

    #[test]
    fn checkpoints_counted_on_words_match_a_walk_of_the_characters() {
        let pieces = ["a", "é", "😀", "—", " ", "\n", "ab", "Ā"];
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..500 {
            let len = rng.usize(0..400);
            let text: String = (0..len).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            let idx = CharIndex::new(&text);
            assert_eq!(idx.len_chars(), text.chars().count());
            for (cp, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.byte(&text, cp), b, "{text:?} at {cp}");
            }
        }
    }

    #[test]
    fn escape_sequences_become_visible_text() {
        let s = "a\x1b[2Jb\x1b]52;c;aGVsbG8=\x07c\u{202e}d";
        let shown = inert(s);
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'));
        assert!(!shown.contains('\u{202e}'));
        assert_eq!(shown, "a^[[2Jb^[]52;c;aGVsbG8=^Gc<RLO>d");
    }
}
