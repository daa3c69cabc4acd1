//! The article as lines of a given width, cached per (article, width,
//! annotation revision, boilerplate shown). Splitting into paragraphs is one
//! pass over the text; a paragraph gets its display string and its lines
//! only when it comes near the viewport (a 1 MB dispatch is never wrapped
//! whole). Positions are (block, line in block); the reader keeps the code
//! point of its top line, so a position survives a new width. A new width
//! keeps the blocks and display strings and rewraps only what comes into
//! view: a resize costs the viewport, not the article.

use textwrap::WordSeparator;
use textwrap::core::{Fragment, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use super::reflow::{self, Para, Shown};
use crate::corpus::Article;

/// Articles up to this many code points are wrapped whole at once (well
/// under a millisecond): their scrollbar is exact.
const EAGER_CHARS: usize = 20_000;

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

/// What is shown as a unit: a paragraph, or a run of folded boilerplate.
#[derive(Debug, Clone, Copy)]
struct Block {
    para: usize,
    /// Paragraphs folded into this block; 0 for a paragraph shown.
    folded: usize,
    start_cp: usize,
    /// Code points of the paragraph shown (0 for a fold); code points and
    /// paragraphs shown in the blocks before. A paragraph not wrapped yet
    /// counts as its length over the width, plus half a line.
    chars: usize,
    chars_before: usize,
    texts_before: usize,
}

impl Block {
    /// The lines of block `b` that do not depend on the width: the blank
    /// line before it (but the first), the line of a fold.
    fn fixed_lines(&self, b: usize) -> usize {
        usize::from(b > 0) + usize::from(self.folded > 0)
    }
}

/// The lines of a block once wrapped. Every block but the first starts with
/// the blank line that separates it from the previous one.
#[derive(Debug, Clone)]
pub struct BlockLines {
    /// The display string of a paragraph shown (none for a fold); it does
    /// not depend on the width.
    shown: Option<Shown>,
    pub lines: Vec<VLine>,
    /// The width the lines were wrapped at: lines of another width are
    /// stale (rewrapped, in place, when they come into view again).
    width: u16,
}

impl BlockLines {
    /// The code points of a text line, one per display character.
    pub fn offsets(&self, line: &VLine) -> &[usize] {
        match (line.kind, &self.shown) {
            (LineKind::Text, Some(s)) => &s.offs[line.from..line.to],
            _ => &[],
        }
    }

    /// The display characters of a text line.
    pub fn chars<'a>(&'a self, line: &VLine) -> impl Iterator<Item = char> + 'a {
        let (text, from, to) = match (line.kind, &self.shown) {
            (LineKind::Text, Some(s)) => (s.text.as_str(), line.from, line.to),
            _ => ("", 0, 0),
        };
        text.chars().skip(from).take(to - from)
    }
}

/// A line: the block, and the line within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub block: usize,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Wrapped {
    pub key: WrapKey,
    pub paras: Vec<Para>,
    blocks: Vec<Block>,
    wrapped: Vec<Option<BlockLines>>,
    /// Blocks not wrapped yet at this width.
    pending: usize,
    /// Over the blocks wrapped at this width: the weight of their estimate
    /// (`2 * chars + width` for a paragraph), and their lines of text. The
    /// scrollbar's count needs no walk over every block.
    estimated: Fenwick,
    text_lines: Fenwick,
}

impl Wrapped {
    /// The layout of `article` at `key.width` columns. `tagged` are the
    /// ranges the annotator tagged as boilerplate.
    pub fn build(article: &Article, key: WrapKey, tagged: &[(usize, usize)]) -> Wrapped {
        Wrapped::from_paras(article, key, reflow::reflow(&article.text, tagged))
    }

    /// The layout over paragraphs already split (they depend on the text
    /// and the annotations, not on the width).
    pub fn from_paras(article: &Article, key: WrapKey, paras: Vec<Para>) -> Wrapped {
        let mut blocks: Vec<Block> = Vec::new();
        let (mut chars_before, mut texts_before) = (0, 0);
        for (i, p) in paras.iter().enumerate() {
            let fold = p.boilerplate && !key.show_boilerplate;
            match blocks.last_mut() {
                Some(b) if fold && b.folded > 0 => b.folded += 1,
                _ => {
                    let chars = if fold { 0 } else { p.end() - p.start() };
                    let folded = usize::from(fold);
                    blocks.push(Block {
                        para: i,
                        folded,
                        start_cp: p.start(),
                        chars,
                        chars_before,
                        texts_before,
                    });
                    chars_before += chars;
                    texts_before += usize::from(!fold);
                }
            }
        }
        let n = blocks.len();
        let mut w = Wrapped {
            key,
            paras,
            blocks,
            wrapped: vec![None; n],
            pending: n,
            estimated: Fenwick::new(n),
            text_lines: Fenwick::new(n),
        };
        w.wrap_eager(article);
        w
    }

    /// The same text laid out under `key`: a new width keeps the blocks and
    /// their display strings (the lines are rewrapped when shown); another
    /// folding regroups the paragraphs.
    pub fn rekey(self, article: &Article, key: WrapKey) -> Wrapped {
        debug_assert!(self.key.article == key.article && self.key.revision == key.revision);
        if self.key.show_boilerplate != key.show_boilerplate {
            return Wrapped::from_paras(article, key, self.paras);
        }
        let mut w = self;
        if w.key.width != key.width {
            w.pending = w.blocks.len();
            w.estimated.clear();
            w.text_lines.clear();
        }
        w.key = key;
        w.wrap_eager(article);
        w
    }

    /// Wraps a short article whole (its scrollbar is then exact).
    fn wrap_eager(&mut self, article: &Article) {
        if article.len_chars() <= EAGER_CHARS {
            for b in 0..self.blocks.len() {
                self.wrap(article, b);
            }
        }
    }

    /// Whether every block is wrapped (the line count is known).
    pub fn complete(&self) -> bool {
        self.pending == 0
    }

    /// The lines of block `b`, if wrapped at this width.
    pub fn block(&self, b: usize) -> Option<&BlockLines> {
        self.wrapped.get(b)?.as_ref().filter(|l| l.width == self.key.width)
    }

    /// Wraps block `b` if it is not yet at this width.
    fn wrap(&mut self, article: &Article, b: usize) {
        if b >= self.blocks.len() || self.block(b).is_some() {
            return;
        }
        let block = self.blocks[b];
        let p = &self.paras[block.para];
        // A block wrapped at another width keeps its display string and
        // its vector of lines.
        let (shown, mut lines) = match self.wrapped[b].take() {
            Some(old) => (old.shown, old.lines),
            None => (None, Vec::new()),
        };
        lines.clear();
        let line = |kind, from, to, start_cp| VLine { kind, para: block.para, from, to, start_cp };
        if b > 0 {
            lines.push(line(LineKind::Blank, 0, 0, p.start()));
        }
        let shown = if block.folded > 0 {
            lines.push(line(LineKind::Fold { count: block.folded }, 0, 0, p.start()));
            None
        } else {
            let s = shown.unwrap_or_else(|| reflow::show(&article.text, &article.index, p));
            let ranges = wrap_ranges(&s.text, self.key.width.max(1) as usize);
            for (from, to) in ranges {
                lines.push(line(LineKind::Text, from, to, s.offs.get(from).copied().unwrap_or(p.start())));
            }
            // A paragraph of invisible marks alone still takes a line, so
            // that no block is empty.
            if lines.last().is_none_or(|l| l.kind == LineKind::Blank) {
                lines.push(line(LineKind::Text, 0, 0, p.start()));
            }
            Some(s)
        };
        if block.folded == 0 {
            self.estimated.add(b, 2 * block.chars + self.key.width.max(1) as usize);
        }
        self.text_lines.add(b, lines.len() - block.fixed_lines(b));
        self.wrapped[b] = Some(BlockLines { shown, lines, width: self.key.width });
        self.pending -= 1;
    }

    fn len(&self, b: usize) -> usize {
        self.block(b).map_or(0, |l| l.lines.len())
    }

    fn block_of(&self, cp: usize) -> usize {
        self.blocks.partition_point(|b| b.start_cp <= cp).saturating_sub(1)
    }

    /// The line showing code point `cp` (the last line starting at or
    /// before it), if its block is wrapped.
    pub fn find(&self, cp: usize) -> Option<At> {
        if self.blocks.is_empty() {
            return Some(At::default());
        }
        let block = self.block_of(cp);
        let lines = &self.block(block)?.lines;
        Some(At { block, line: lines.partition_point(|l| l.start_cp <= cp).saturating_sub(1) })
    }

    /// The line showing code point `cp`, its block wrapped if need be.
    pub fn locate(&mut self, article: &Article, cp: usize) -> At {
        self.wrap(article, self.block_of(cp));
        self.find(cp).unwrap_or_default()
    }

    /// The code point the line at `at` starts at (0 if not wrapped).
    pub fn start_cp(&self, at: At) -> usize {
        self.block(at.block).and_then(|l| l.lines.get(at.line)).map_or(0, |l| l.start_cp)
    }

    /// The line `n` lines after `at`, or the last line; blocks are wrapped
    /// on the way.
    pub fn forward(&mut self, article: &Article, at: At, n: usize) -> At {
        self.walk(article, at, n).0
    }

    /// Walks `n` lines forward from `at`: where it stops, and how many lines
    /// it lacked at the end of the article.
    fn walk(&mut self, article: &Article, mut at: At, mut n: usize) -> (At, usize) {
        loop {
            self.wrap(article, at.block);
            let left = self.len(at.block).saturating_sub(at.line + 1);
            if n <= left || at.block + 1 >= self.blocks.len() {
                at.line += n.min(left);
                return (at, n.saturating_sub(left));
            }
            n -= left + 1;
            at = At { block: at.block + 1, line: 0 };
        }
    }

    /// The line `n` lines before `at`, or the first line.
    pub fn back(&mut self, article: &Article, mut at: At, mut n: usize) -> At {
        loop {
            if n <= at.line || at.block == 0 {
                at.line = at.line.saturating_sub(n);
                return at;
            }
            n -= at.line + 1;
            at.block -= 1;
            self.wrap(article, at.block);
            at.line = self.len(at.block).saturating_sub(1);
        }
    }

    /// The last line.
    pub fn last(&mut self, article: &Article) -> At {
        let block = self.blocks.len().saturating_sub(1);
        self.wrap(article, block);
        At { block, line: self.len(block).saturating_sub(1) }
    }

    /// The lowest top line that still fills a pane of `height` lines.
    pub fn max_top(&mut self, article: &Article, height: usize) -> At {
        let last = self.last(article);
        self.back(article, last, height.saturating_sub(1))
    }

    /// `at`, or the lowest top line if `at` is below it. The end of the
    /// article is wrapped only when the pane reaches it.
    pub fn clamp_top(&mut self, article: &Article, at: At, height: usize) -> At {
        match self.walk(article, at, height.saturating_sub(1)) {
            (_, 0) => at,
            _ => self.max_top(article, height),
        }
    }

    /// Wraps what a pane of `height` lines shows from code point `top` on.
    pub fn prepare(&mut self, article: &Article, top: usize, height: usize) {
        let at = self.locate(article, top);
        self.forward(article, at, height.saturating_sub(1));
    }

    /// The lines a pane of `height` lines shows from code point `top` on,
    /// each with its block; `None` when some are not wrapped yet.
    pub fn window(&self, top: usize, height: usize) -> Option<Vec<(&BlockLines, &VLine)>> {
        let mut at = self.find(top)?;
        let mut out = Vec::with_capacity(height);
        while out.len() < height && at.block < self.blocks.len() {
            let block = self.block(at.block)?;
            out.extend(block.lines[at.line..].iter().take(height - out.len()).map(|l| (block, l)));
            at = At { block: at.block + 1, line: 0 };
        }
        Some(out)
    }

    /// (lines, index of the line showing `top`): exact once every block is
    /// wrapped, else counting a paragraph not wrapped yet as its length
    /// over the width (what a scrollbar needs). Sums kept as blocks are
    /// wrapped: no walk over the article per frame.
    pub fn extent(&self, top: usize) -> (usize, usize) {
        let at = self.find(top).unwrap_or(At { block: self.block_of(top), line: 0 });
        (self.lines_before(self.blocks.len()), self.lines_before(at.block) + at.line)
    }

    /// The lines of the blocks before block `b`; a paragraph not wrapped
    /// yet counts as `chars / width + 1/2` lines (what wrapping gives on
    /// average), summed over them all and rounded.
    fn lines_before(&self, b: usize) -> usize {
        let width = self.key.width.max(1) as usize;
        let (chars, texts) = match (self.blocks.get(b), self.blocks.last()) {
            (Some(block), _) => (block.chars_before, block.texts_before),
            (None, Some(l)) => (l.chars_before + l.chars, l.texts_before + usize::from(l.folded == 0)),
            (None, None) => (0, 0),
        };
        let folds = b - texts;
        let blanks = b.saturating_sub(1);
        let estimate = (2 * chars + width * texts - self.estimated.sum(b) + width) / (2 * width);
        blanks + folds + self.text_lines.sum(b) + estimate
    }
}

/// Sums over a prefix of blocks, updated one block at a time (a Fenwick
/// tree): O(log n) both ways.
#[derive(Debug, Clone)]
struct Fenwick(Vec<usize>);

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick(vec![0; n])
    }

    fn clear(&mut self) {
        self.0.fill(0);
    }

    /// Adds `v` at block `i` (node `j` of the usual 1-based tree is at
    /// `j - 1`).
    fn add(&mut self, i: usize, v: usize) {
        let mut j = i + 1;
        while j <= self.0.len() {
            self.0[j - 1] += v;
            j += j & j.wrapping_neg();
        }
    }

    /// The sum over `0..end`.
    fn sum(&self, mut end: usize) -> usize {
        let mut s = 0;
        while end > 0 {
            s += self.0[end - 1];
            end &= end - 1;
        }
        s
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

    /// About 100,000 characters (wrapped lazily), boilerplate folded among
    /// the paragraphs.
    fn long_article() -> Article {
        let mut text = String::new();
        for i in 0..400 {
            // Paragraphs of one to five sentences.
            let sentence = format!(
                "Selon des bilans partiels, les combats ont fait plus de {i} morts, dont des civils. "
            );
            text.push_str(&format!("Paragraphe {i} : {}\n\n", sentence.repeat(1 + i % 5).trim_end()));
            if i % 7 == 3 {
                text.push_str("PUBLICITÉ\n\nPartager cet article\n\n");
            }
        }
        let article = crate::corpus::from_bytes(std::path::Path::new("long.txt"), text.as_bytes());
        assert!(article.len_chars() > EAGER_CHARS);
        article
    }

    fn key(width: u16) -> WrapKey {
        WrapKey { article: 0, width, revision: 0, show_boilerplate: false }
    }

    /// The lines a pane of `height` shows from `top`, as values.
    fn shown(w: &Wrapped, top: usize, height: usize) -> Vec<VLine> {
        w.window(top, height).expect("prepared").iter().map(|(_, l)| **l).collect()
    }

    /// The top after a resize: the start of the line showing `top`, and
    /// the pane prepared there.
    fn resized(w: &mut Wrapped, a: &Article, top: usize, height: usize) -> usize {
        let at = w.locate(a, top);
        let top = w.start_cp(at);
        w.prepare(a, top, height);
        top
    }

    #[test]
    fn a_resize_there_and_back_shows_what_a_fresh_layout_shows() {
        let a = long_article();
        let height = 40;
        let mut w = Wrapped::build(&a, key(96), &[]);
        let first = w.forward(&a, At::default(), 900);
        let top = w.start_cp(first);
        w.prepare(&a, top, height);
        let before = (shown(&w, top, height), w.extent(top));
        let mut tops = vec![top];
        for width in [95, 96, 61, 96] {
            w = w.rekey(&a, key(width));
            let was = *tops.last().unwrap();
            let now = resized(&mut w, &a, was, height);
            // The code point that was on top is in the top line.
            let lines = shown(&w, now, height);
            assert!(now <= was && lines.get(1).is_none_or(|l| was < l.start_cp), "{width}: {now} {was}");
            // Same lines and same scrollbar as a layout built at this width.
            let mut fresh = Wrapped::build(&a, key(width), &[]);
            assert_eq!(resized(&mut fresh, &a, was, height), now);
            assert_eq!(lines, shown(&fresh, now, height), "{width}");
            assert_eq!(w.extent(now), fresh.extent(now), "{width}");
            // Lines below, stale from an earlier width, are rewrapped too.
            let (at, far) = (w.locate(&a, now), fresh.locate(&a, now));
            let (at, far) = (w.forward(&a, at, 300), fresh.forward(&a, far, 300));
            let below = w.start_cp(at);
            assert_eq!(below, fresh.start_cp(far));
            w.prepare(&a, below, height);
            fresh.prepare(&a, below, height);
            assert_eq!(shown(&w, below, height), shown(&fresh, below, height));
            assert!(!w.complete());
            tops.push(now);
        }
        // Back at the first width, the top line is the first one again.
        assert_eq!(tops[2], top, "{tops:?}");
        w = w.rekey(&a, key(96));
        assert_eq!(resized(&mut w, &a, top, height), top);
        assert_eq!(shown(&w, top, height), before.0);
    }

    #[test]
    fn the_line_count_is_estimated_until_every_block_is_wrapped_then_exact() {
        let a = long_article();
        let mut w = Wrapped::build(&a, key(80), &[]);
        w.prepare(&a, 0, 30);
        let (estimate, _) = w.extent(0);
        // Wrap every line (forward to the end), then a resize and the same.
        for width in [80, 113] {
            w = w.rekey(&a, key(width));
            let last = w.forward(&a, At::default(), usize::MAX);
            assert!(w.complete());
            let lines: usize = (0..=last.block).map(|b| w.block(b).unwrap().lines.len()).sum();
            assert_eq!(w.extent(0), (lines, 0), "{width}");
            let at = w.back(&a, last, 10);
            let top = w.start_cp(at);
            assert_eq!(w.extent(top), (lines, lines - 11), "{width}");
            if width == 80 {
                assert!(estimate.abs_diff(lines) * 10 < lines, "estimated {estimate}, {lines} lines");
            }
        }
    }

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
