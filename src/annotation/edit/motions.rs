//! Cursor motions over an article's text, in code points: words, sentences,
//! paragraphs, lines. Pure functions of (text, position); the cursor and the
//! selection build on them.
//!
//! A word is a run of letters and digits, joined across an inner hyphen
//! ("Haut-Karabakh") and, between digits, a dot or comma ("140.000"); an
//! apostrophe splits ("l'OSCE" is "l" and "OSCE", as the guide spans it).

/// The text of one article as code points, with its line starts: built once
/// when annotating starts, so that every motion is local and O(distance).
#[derive(Debug, Clone, Default)]
pub struct Doc {
    chars: Vec<char>,
    line_starts: Vec<usize>,
    /// Ranges not shown (folded boilerplate), sorted: no motion stops in
    /// them and nothing in them is a word.
    hidden: Vec<(usize, usize)>,
}

/// One display line of a [`ScreenLines`] layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineId {
    pub block: usize,
    pub line: usize,
}

/// The lines the reader shows at its width: up and down go by them, not by
/// the source's lines (a dispatch may be one source line long). Lines that
/// show no text (blank, folded) have no offsets and are stepped over.
pub trait ScreenLines {
    /// The display line showing code point `cp`.
    fn line_of(&mut self, cp: usize) -> Option<LineId>;
    /// The line after (`down`) or before `line`, if any.
    fn step(&mut self, line: LineId, down: bool) -> Option<LineId>;
    /// The code point of each display character of `line`.
    fn offsets(&self, line: LineId) -> Vec<usize>;
}

/// Where a motion goes. Names are stable: they appear in help and config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Motion {
    WordNext,
    WordPrev,
    WordEnd,
    SentenceNext,
    SentencePrev,
    ParagraphNext,
    ParagraphPrev,
    LineStart,
    LineEnd,
    LineDown,
    LineUp,
    CharNext,
    CharPrev,
    DocStart,
    DocEnd,
}

impl Motion {
    pub const ALL: [Motion; 15] = [
        Motion::WordNext,
        Motion::WordPrev,
        Motion::WordEnd,
        Motion::SentenceNext,
        Motion::SentencePrev,
        Motion::ParagraphNext,
        Motion::ParagraphPrev,
        Motion::LineStart,
        Motion::LineEnd,
        Motion::LineDown,
        Motion::LineUp,
        Motion::CharNext,
        Motion::CharPrev,
        Motion::DocStart,
        Motion::DocEnd,
    ];

    /// Whether the motion lands on words (the cursor snaps) or on characters.
    pub fn snaps(self) -> bool {
        !matches!(self, Motion::CharNext | Motion::CharPrev)
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

impl Doc {
    pub fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut line_starts = vec![0];
        line_starts.extend(chars.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i + 1));
        Doc { chars, line_starts, hidden: Vec::new() }
    }

    /// Sets the ranges not shown (sorted, disjoint).
    pub fn set_hidden(&mut self, hidden: Vec<(usize, usize)>) {
        self.hidden = hidden;
    }

    pub fn hidden(&self) -> &[(usize, usize)] {
        &self.hidden
    }

    /// Whether code point `i` lies in a range not shown.
    pub fn is_hidden(&self, i: usize) -> bool {
        if self.hidden.is_empty() {
            return false;
        }
        let n = self.hidden.partition_point(|h| h.0 <= i);
        n > 0 && i < self.hidden[n - 1].1
    }

    /// The hidden range holding `i`, if any.
    fn hidden_at(&self, i: usize) -> Option<(usize, usize)> {
        if self.hidden.is_empty() {
            return None;
        }
        let n = self.hidden.partition_point(|h| h.0 <= i);
        (n > 0 && i < self.hidden[n - 1].1).then(|| self.hidden[n - 1])
    }

    /// The next position to look at after `i` going forward: past the
    /// whole hidden range when `i` is in one (a fold is stepped over at
    /// once, not character by character).
    fn forward_from(&self, i: usize) -> usize {
        self.hidden_at(i).map_or(i + 1, |h| h.1)
    }

    /// Whether `start..end` reaches into a range not shown.
    pub fn hides_any(&self, start: usize, end: usize) -> bool {
        let n = self.hidden.partition_point(|h| h.0 < end);
        n > 0 && self.hidden[..n].iter().rev().take_while(|h| h.0 < end).any(|h| h.1 > start)
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    pub fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The text between two code point offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.len());
        self.chars[start.min(end)..end].iter().collect()
    }

    /// Whether the character at `i` belongs to a word.
    pub fn is_word(&self, i: usize) -> bool {
        let Some(c) = self.char_at(i) else { return false };
        if self.is_hidden(i) {
            return false;
        }
        if c.is_alphanumeric() {
            return true;
        }
        let (Some(p), Some(n)) = (i.checked_sub(1).and_then(|p| self.char_at(p)), self.char_at(i + 1)) else {
            return false;
        };
        match c {
            '-' | '\u{2011}' => p.is_alphanumeric() && n.is_alphanumeric(),
            '.' | ',' => p.is_ascii_digit() && n.is_ascii_digit(),
            _ => false,
        }
    }

    /// The word containing `i`, as `start..end`.
    pub fn word_at(&self, i: usize) -> Option<(usize, usize)> {
        if !self.is_word(i) {
            return None;
        }
        let mut s = i;
        while s > 0 && self.is_word(s - 1) {
            s -= 1;
        }
        let mut e = i + 1;
        while self.is_word(e) {
            e += 1;
        }
        Some((s, e))
    }

    /// The unit the cursor highlights at `i`: its word, else the character.
    pub fn unit_at(&self, i: usize) -> (usize, usize) {
        let i = i.min(self.len().saturating_sub(1));
        self.word_at(i).unwrap_or((i, (i + 1).min(self.len())))
    }

    /// Index of the line holding `pos` (lines split at `\n`).
    pub fn line_of(&self, pos: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// `start..end` of line `line`, without its `\n`.
    pub fn line_span(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let end = self.line_starts.get(line + 1).map(|s| s - 1).unwrap_or(self.len());
        (start, end)
    }

    /// The first word start at or after `pos`, else the last word start before
    /// it, else `pos` clamped: where the cursor rests.
    pub fn snap(&self, pos: usize) -> usize {
        let pos = pos.min(self.len().saturating_sub(1));
        if let Some((s, _)) = self.word_at(pos) {
            return s;
        }
        let mut i = pos;
        while i < self.len() && !self.is_word(i) {
            i = self.forward_from(i);
        }
        if i < self.len() {
            return i;
        }
        match self.find_backward(pos, |j| self.is_word(j)) {
            Some(j) => self.word_at(j).map(|(s, _)| s).unwrap_or(pos),
            None => pos,
        }
    }

    fn next_word_start(&self, p: usize) -> Option<usize> {
        let mut i = p;
        while self.is_word(i) {
            i += 1;
        }
        while i < self.len() && !self.is_word(i) {
            i = self.forward_from(i);
        }
        (i < self.len()).then_some(i)
    }

    fn prev_word_start(&self, p: usize) -> Option<usize> {
        let mut i = p.min(self.len());
        while i > 0 && !self.is_word(i - 1) {
            i = match self.hidden_at(i - 1) {
                Some(h) => h.0,
                None => i - 1,
            };
        }
        while i > 0 && self.is_word(i - 1) {
            i -= 1;
        }
        (self.is_word(i) && i < p).then_some(i)
    }

    /// The last character of the word ending after `p`.
    fn next_word_end(&self, p: usize) -> Option<usize> {
        let mut i = p + 1;
        while i < self.len() && !self.is_word(i) {
            i = self.forward_from(i);
        }
        if i >= self.len() {
            return None;
        }
        while self.is_word(i + 1) {
            i += 1;
        }
        Some(i)
    }

    /// Whether a blank line at `i` (a `\n`) separates paragraphs: after
    /// sentence-ending punctuation, or two blank lines in a row. Hard-wrapped
    /// dispatches put a blank line between every line of one paragraph.
    fn paragraph_break_before(&self, start: usize) -> bool {
        // `start` is the first non-space character after some whitespace.
        let mut i = start;
        let mut newlines = 0;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            if self.chars[i - 1] == '\n' {
                newlines += 1;
            }
            i -= 1;
        }
        if i == 0 {
            return true;
        }
        if newlines >= 3 {
            return true;
        }
        let prev = self.chars[i - 1];
        newlines >= 2 && (is_terminator(prev) || matches!(prev, '»' | '"' | ':' | ')' | '”'))
    }

    /// Whether a sentence starts at `i` (a non-space character).
    fn sentence_starts_at(&self, i: usize) -> bool {
        if i >= self.len() || self.chars[i].is_whitespace() {
            return false;
        }
        if i == 0 {
            return true;
        }
        if !self.chars[i - 1].is_whitespace() {
            return false;
        }
        if self.paragraph_break_before(i) {
            return true;
        }
        let mut j = i;
        while j > 0 && self.chars[j - 1].is_whitespace() {
            j -= 1;
        }
        // Skip closing quotes and brackets after the terminator.
        while j > 0 && matches!(self.chars[j - 1], '»' | '"' | '”' | ')' | '\'' | '’') {
            j -= 1;
        }
        if j == 0 || !is_terminator(self.chars[j - 1]) {
            return false;
        }
        // "M. Lavrov": a single capital before the dot is an initial.
        let initial = self.chars[j - 1] == '.'
            && j >= 2
            && self.chars[j - 2].is_uppercase()
            && (j < 3 || !self.chars[j - 3].is_alphanumeric());
        !initial
    }

    fn paragraph_starts_at(&self, i: usize) -> bool {
        i < self.len()
            && !self.chars[i].is_whitespace()
            && (i == 0 || (self.chars[i - 1].is_whitespace() && self.paragraph_break_before(i)))
    }

    /// The first position after `p` where `pred` holds, folds stepped over.
    fn find_forward(&self, p: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
        let mut i = p + 1;
        while i < self.len() {
            if let Some(h) = self.hidden_at(i) {
                i = h.1;
                continue;
            }
            if pred(i) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The last position before `p` where `pred` holds, folds stepped over.
    fn find_backward(&self, p: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
        let mut i = p.min(self.len());
        while i > 0 {
            i -= 1;
            if let Some(h) = self.hidden_at(i) {
                i = h.0;
                continue;
            }
            if pred(i) {
                return Some(i);
            }
        }
        None
    }

    /// The start of the current unit (sentence or paragraph) if `p` is past
    /// its first word, else of the one before.
    fn unit_prev(&self, p: usize, starts: impl Fn(usize) -> bool) -> usize {
        let here = self.find_backward(p + 1, &starts).unwrap_or(0);
        if self.snap(here) < p {
            return self.snap(here);
        }
        self.find_backward(here, &starts).map(|s| self.snap(s)).unwrap_or(p)
    }

    fn line_end_word(&self, line: usize) -> Option<usize> {
        let (s, e) = self.line_span(line);
        (s..e).rev().find(|&i| self.is_word(i))
    }

    fn line_first_word(&self, line: usize) -> Option<usize> {
        let (s, e) = self.line_span(line);
        (s..e).find(|&i| self.is_word(i))
    }

    /// The word on `line` nearest to `col`, if the line has a word.
    fn on_line_at_column(&self, line: usize, col: usize) -> Option<usize> {
        let (s, e) = self.line_span(line);
        let target = (s + col).min(e.saturating_sub(1).max(s));
        if let Some((ws, _)) = self.word_at(target) {
            return Some(ws);
        }
        (target..e).find(|&i| self.is_word(i)).or_else(|| self.line_end_word(line)).map(|i| self.snap(i))
    }

    fn vertical(&self, p: usize, down: bool) -> usize {
        let line = self.line_of(p);
        let col = p - self.line_span(line).0;
        let mut l = line;
        loop {
            l = match (down, l) {
                (true, l) if l + 1 < self.line_count() => l + 1,
                (false, l) if l > 0 => l - 1,
                _ => return p,
            };
            if let Some(q) = self.on_line_at_column(l, col) {
                return q;
            }
        }
    }

    /// The word the cursor rests on in a display line of code points
    /// `offs`, nearest to column `col`: the word under that column, else the
    /// next word of the line, else its last word.
    fn word_on_line(&self, offs: &[usize], col: usize) -> Option<usize> {
        if offs.is_empty() {
            return None;
        }
        let col = col.min(offs.len() - 1);
        let line_start = offs[0];
        let start_of = |i: usize| {
            // A word broken across lines starts on this one for the cursor.
            self.word_at(i).map(|(s, _)| s.max(line_start))
        };
        let after = offs[col..].iter().find(|&&i| self.is_word(i));
        let before = || offs[..col].iter().rev().find(|&&i| self.is_word(i));
        after.or_else(before).and_then(|&i| start_of(i))
    }

    /// `count` display lines down or up from `p`, keeping the column; lines
    /// with no word (blank, folded) are stepped over.
    pub fn vertical_on(&self, p: usize, down: bool, count: usize, lines: &mut dyn ScreenLines) -> usize {
        let Some(mut line) = lines.line_of(p) else {
            return self.apply_n(p, if down { Motion::LineDown } else { Motion::LineUp }, count);
        };
        let col = lines.offsets(line).partition_point(|&o| o < p);
        let mut q = p;
        let mut moved = 0;
        while moved < count.max(1) {
            let Some(next) = lines.step(line, down) else { break };
            line = next;
            if let Some(w) = self.word_on_line(&lines.offsets(line), col) {
                q = w;
                moved += 1;
            }
        }
        q
    }

    /// Where `motion` takes the cursor from `p`. Stays put when there is
    /// nowhere to go.
    pub fn apply(&self, p: usize, motion: Motion) -> usize {
        if self.is_empty() {
            return 0;
        }
        let p = p.min(self.len() - 1);
        match motion {
            Motion::WordNext => self.next_word_start(p).unwrap_or(p),
            Motion::WordPrev => self.prev_word_start(p).unwrap_or(p),
            Motion::WordEnd => self.next_word_end(p).unwrap_or(p),
            Motion::SentenceNext => {
                self.find_forward(p, |i| self.sentence_starts_at(i)).map(|s| self.snap(s)).unwrap_or(p)
            }
            Motion::SentencePrev => self.unit_prev(p, |i| self.sentence_starts_at(i)),
            Motion::ParagraphNext => {
                self.find_forward(p, |i| self.paragraph_starts_at(i)).map(|s| self.snap(s)).unwrap_or(p)
            }
            Motion::ParagraphPrev => self.unit_prev(p, |i| self.paragraph_starts_at(i)),
            Motion::LineStart => self.line_first_word(self.line_of(p)).unwrap_or(p),
            Motion::LineEnd => self.line_end_word(self.line_of(p)).unwrap_or(p),
            Motion::LineDown => self.vertical(p, true),
            Motion::LineUp => self.vertical(p, false),
            Motion::CharNext => {
                let q = self.hidden_at(p + 1).map_or(p + 1, |h| h.1);
                if q < self.len() { q } else { p }
            }
            Motion::CharPrev => match p.checked_sub(1) {
                Some(q) => match self.hidden_at(q) {
                    Some(h) => h.0.checked_sub(1).unwrap_or(p),
                    None => q,
                },
                None => p,
            },
            Motion::DocStart => self.snap(0),
            Motion::DocEnd => self.snap(self.len() - 1),
        }
    }

    /// The start of the sentence holding `p`.
    pub fn sentence_start(&self, p: usize) -> usize {
        self.find_backward(p.saturating_add(1), |i| self.sentence_starts_at(i)).unwrap_or(0)
    }

    /// Where the sentence holding `p` ends: the next sentence's start, or
    /// the end of the text.
    pub fn sentence_end(&self, p: usize) -> usize {
        self.find_forward(p, |i| self.sentence_starts_at(i)).unwrap_or(self.len())
    }

    /// Every word holding a digit ("400", "140.000", "19e"), in order.
    pub fn number_words(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.len() {
            match self.word_at(i) {
                Some((s, e)) => {
                    if self.chars[s..e].iter().any(|c| c.is_ascii_digit()) {
                        out.push((s, e));
                    }
                    i = e.max(i + 1);
                }
                None => i = self.forward_from(i),
            }
        }
        out
    }

    /// `motion` repeated `count` times (at least once).
    pub fn apply_n(&self, p: usize, motion: Motion, count: usize) -> usize {
        let mut q = p;
        for _ in 0..count.max(1) {
            let next = self.apply(q, motion);
            if next == q {
                break;
            }
            q = next;
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(d: &Doc, p: usize) -> String {
        let (s, e) = d.unit_at(p);
        d.slice(s, e)
    }

    #[test]
    fn words_join_hyphens_and_digit_groups_but_not_apostrophes() {
        let d = Doc::new("l'OSCE au Haut-Karabakh: 140.000 habitants, 5,5 km.");
        let mut p = d.snap(0);
        let mut seen = vec![word(&d, p)];
        loop {
            let q = d.apply(p, Motion::WordNext);
            if q == p {
                break;
            }
            p = q;
            seen.push(word(&d, p));
        }
        assert_eq!(seen, ["l", "OSCE", "au", "Haut-Karabakh", "140.000", "habitants", "5,5", "km"]);
        assert_eq!(word(&d, d.apply(p, Motion::WordPrev)), "5,5");
    }

    #[test]
    fn counts_repeat_and_word_end_lands_on_the_last_letter() {
        let d = Doc::new("Un deux trois quatre");
        assert_eq!(d.apply_n(0, Motion::WordNext, 3), 14);
        assert_eq!(d.apply(0, Motion::WordEnd), 1);
        assert_eq!(d.apply(1, Motion::WordEnd), 6);
        assert_eq!(d.apply_n(14, Motion::WordNext, 5), 14);
    }

    #[test]
    fn sentences_skip_initials_and_paragraphs_skip_hard_wraps() {
        let text = "Il a vu M. Lavrov hier. Puis il est parti.\n\nle texte continue\n\nici. Fin du paragraphe.\n\nNouveau.";
        let d = Doc::new(text);
        let s1 = d.apply(0, Motion::SentenceNext);
        assert_eq!(word(&d, s1), "Puis");
        let s2 = d.apply(s1, Motion::SentenceNext);
        assert_eq!(word(&d, s2), "le");
        assert_eq!(d.apply(s1 + 2, Motion::SentencePrev), s1);
        assert_eq!(d.apply(s1, Motion::SentencePrev), 0);
        let p1 = d.apply(0, Motion::ParagraphNext);
        assert_eq!(p1, s2, "a blank line after a full stop starts a paragraph");
        let p2 = d.apply(p1, Motion::ParagraphNext);
        assert_eq!(word(&d, p2), "Nouveau", "a blank line inside a sentence does not");
        assert_eq!(d.apply(p2, Motion::ParagraphPrev), p1);
    }

    #[test]
    fn lines_keep_the_column_and_skip_blank_lines() {
        let d = Doc::new("alpha beta gamma\n\n  delta epsilon\nzeta");
        let beta = 6;
        let down = d.apply(beta, Motion::LineDown);
        assert_eq!(word(&d, down), "delta");
        assert_eq!(word(&d, d.apply(down, Motion::LineEnd)), "epsilon");
        assert_eq!(word(&d, d.apply(down, Motion::LineStart)), "delta");
        assert_eq!(word(&d, d.apply(down + 4, Motion::LineUp)), "beta");
        assert_eq!(word(&d, d.apply(d.len() - 1, Motion::LineDown)), "zeta");
    }

    #[test]
    fn code_points_not_bytes() {
        let d = Doc::new("😀 Bakou à Erevan");
        assert_eq!(d.snap(0), 2);
        assert_eq!(d.apply(2, Motion::WordNext), 8);
        assert_eq!(word(&d, 10), "Erevan");
    }

    /// Display lines of a fixed width over one source line.
    struct Fixed {
        width: usize,
        len: usize,
    }

    impl ScreenLines for Fixed {
        fn line_of(&mut self, cp: usize) -> Option<LineId> {
            Some(LineId { block: 0, line: cp / self.width })
        }
        fn step(&mut self, l: LineId, down: bool) -> Option<LineId> {
            let n = if down { l.line + 1 } else { l.line.checked_sub(1)? };
            (n * self.width < self.len).then_some(LineId { block: 0, line: n })
        }
        fn offsets(&self, l: LineId) -> Vec<usize> {
            (l.line * self.width..((l.line + 1) * self.width).min(self.len)).collect()
        }
    }

    #[test]
    fn up_and_down_go_by_display_lines_and_keep_the_column() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
        let d = Doc::new(text);
        let mut lines = Fixed { width: 12, len: d.len() };
        let beta = 6;
        let down = d.vertical_on(beta, true, 1, &mut lines);
        assert_eq!(word(&d, down), "delta", "the word under the same column of the next line");
        assert_eq!(d.vertical_on(down, false, 1, &mut lines), beta);
        assert_eq!(word(&d, d.vertical_on(beta, true, 3, &mut lines)), "theta");
        assert_eq!(d.vertical_on(beta, false, 1, &mut lines), beta, "nowhere to go: stays");
    }

    #[test]
    fn hidden_text_is_no_word_and_no_motion_stops_in_it() {
        let mut d = Doc::new("Partager cet article. Le ministre parle.");
        d.set_hidden(vec![(0, 21)]);
        assert_eq!(word(&d, d.snap(0)), "Le");
        assert_eq!(d.apply(d.snap(0), Motion::WordPrev), d.snap(0));
        assert_eq!(d.apply(21, Motion::CharPrev), 21, "h stops at the fold");
        assert!(d.hides_any(20, 25) && !d.hides_any(21, 25));
    }
}
