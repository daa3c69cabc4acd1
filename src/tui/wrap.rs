//! The article as lines of a given width, cached per (article, width,
//! annotation revision, boilerplate shown). Wrapping happens once per key;
//! the view styles only the visible slice of these lines.

use textwrap::WordSeparator;
use textwrap::core::{Fragment, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use super::reflow::{self, Para, Shown};
use crate::corpus::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Characters `from..to` of paragraph `para`'s display string.
    Text,
    /// An empty line between paragraphs.
    Blank,
    /// `count` boilerplate paragraphs folded into one line.
    Fold { count: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VLine {
    pub kind: LineKind,
    pub para: usize,
    pub from: usize,
    pub to: usize,
    /// Code point offset of the first character (for blank and fold lines:
    /// of the paragraph that follows or is folded).
    pub start_cp: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrapKey {
    pub article: usize,
    pub width: u16,
    pub revision: u64,
    pub show_boilerplate: bool,
}

#[derive(Debug, Clone)]
pub struct Wrapped {
    pub key: WrapKey,
    pub paras: Vec<Para>,
    pub shown: Vec<Shown>,
    pub lines: Vec<VLine>,
}

impl Wrapped {
    /// Wraps `article` at `key.width` columns. `tagged` are the ranges the
    /// annotator tagged as boilerplate.
    pub fn build(article: &Article, key: WrapKey, tagged: &[(usize, usize)]) -> Wrapped {
        let paras = reflow::reflow(&article.text, &article.index, tagged);
        let width = key.width.max(1) as usize;
        let mut shown = Vec::with_capacity(paras.len());
        let mut lines = Vec::new();
        let mut folded = 0;
        for (i, p) in paras.iter().enumerate() {
            let s = reflow::show(&article.text, &article.index, p);
            if p.boilerplate && !key.show_boilerplate {
                if folded == 0 {
                    if !lines.is_empty() {
                        lines.push(VLine {
                            kind: LineKind::Blank,
                            para: i,
                            from: 0,
                            to: 0,
                            start_cp: p.start(),
                        });
                    }
                    lines.push(VLine {
                        kind: LineKind::Fold { count: 0 },
                        para: i,
                        from: 0,
                        to: 0,
                        start_cp: p.start(),
                    });
                }
                folded += 1;
                if let Some(VLine { kind: LineKind::Fold { count }, .. }) = lines.last_mut() {
                    *count = folded;
                }
                shown.push(s);
                continue;
            }
            folded = 0;
            if !lines.is_empty() {
                lines.push(VLine { kind: LineKind::Blank, para: i, from: 0, to: 0, start_cp: p.start() });
            }
            for (from, to) in wrap_ranges(&s.text, width) {
                let start_cp = s.offs.get(from).copied().unwrap_or(p.start());
                lines.push(VLine { kind: LineKind::Text, para: i, from, to, start_cp });
            }
            shown.push(s);
        }
        Wrapped { key, paras, shown, lines }
    }

    /// The index of the line showing code point `cp` (the last line starting
    /// at or before it).
    pub fn line_of(&self, cp: usize) -> usize {
        self.lines.partition_point(|l| l.start_cp <= cp).saturating_sub(1)
    }

    /// The code points of a text line, one per display character.
    pub fn offsets(&self, line: &VLine) -> &[usize] {
        match line.kind {
            LineKind::Text => &self.shown[line.para].offs[line.from..line.to],
            _ => &[],
        }
    }

    /// The display characters of a text line.
    pub fn chars<'a>(&'a self, line: &VLine) -> impl Iterator<Item = char> + 'a {
        let s = &self.shown[line.para].text;
        let (from, to) = match line.kind {
            LineKind::Text => (line.from, line.to),
            _ => (0, 0),
        };
        s.chars().skip(from).take(to - from)
    }
}

/// Character ranges of the lines of `text` wrapped at `width` columns
/// (first fit; words longer than a line are broken).
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    let words: Vec<_> = WordSeparator::AsciiSpace.find_words(text).collect();
    let words = break_words(words, width);
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    // Byte offsets -> char offsets, walking forward only.
    let mut char_at = 0;
    let mut byte_at = 0;
    let mut to_char = |b: usize| {
        char_at += text[byte_at..b].chars().count();
        byte_at = b;
        char_at
    };
    for line in wrap_first_fit(&words, &[width as f64]) {
        let (Some(first), Some(last)) = (line.first(), line.last()) else { continue };
        let start = first.word.as_ptr() as usize - base;
        let end = last.word.as_ptr() as usize - base + last.word.len();
        let from = to_char(start);
        let to = to_char(end);
        // A lone space line (width smaller than a wide char) still advances.
        if to > from || last.width() > 0.0 {
            out.push((from, to));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_to_width_and_covers_every_word() {
        let text = "Selon des bilans partiels, ces nouveaux combats ont fait plus de 800 morts, dont une centaine de civils.";
        let r = wrap_ranges(text, 20);
        let chars: Vec<char> = text.chars().collect();
        for &(a, b) in &r {
            let line: String = chars[a..b].iter().collect();
            assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= 20, "{line}");
        }
        let joined: Vec<String> = r.iter().map(|&(a, b)| chars[a..b].iter().collect()).collect();
        assert_eq!(joined.join(" "), text);
        let long = "x".repeat(50);
        assert_eq!(wrap_ranges(&long, 20), [(0, 20), (20, 40), (40, 50)]);
        assert!(wrap_ranges("", 10).is_empty());
    }
}
