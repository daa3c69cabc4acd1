//! The view of an article the rules work on: whitespace runs squeezed to one
//! space (so that "Nagorny\n\nKarabakh" is one name), typographic apostrophes
//! made plain, a lowercase twin of the same length, tokens and sentences.
//! Offsets here are bytes of the squeezed text; `Doc::orig_byte` maps them
//! back to the article's text.

use std::sync::OnceLock;

use super::numbers;
use super::vocab::{self, Word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace before the token (false: glued to the previous one).
    pub space_before: bool,
    /// A line break in the whitespace before the token.
    pub nl_before: bool,
    /// A blank line (two line breaks or more) before the token.
    pub para_before: bool,
    /// The first character is uppercase.
    pub cap: bool,
    /// The whole word is uppercase (two letters or more).
    pub upper: bool,
    pub word: Word,
    /// The value of a number in digits (grouped and decimal forms read).
    pub value: f64,
    /// Digits only, no separator: how many (a year has four).
    pub plain_digits: u8,
    /// The first byte of the token.
    pub lead: u8,
    /// A word with an inner hyphen ("vingt-deux", "mi-octobre").
    pub hyphen: bool,
}

impl Tok {
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == TokKind::Punct && self.lead == c && self.end == self.start + 1
    }
}

pub struct Doc<'a> {
    pub orig: &'a str,
    pub text: String,
    pub lower: String,
    /// (squeezed byte, original byte) after each place the texts diverge.
    segs: Vec<(usize, usize)>,
    pub toks: Vec<Tok>,
    /// Token ranges of sentences, in order, covering every token.
    pub sents: Vec<(usize, usize)>,
    /// The sentence of each token: the rules ask it at every turn, and a
    /// search of a long dispatch's sentences costs a cache miss a step.
    tok_sent: Vec<u32>,
    /// The tokens that open a line, in order (the first token among them).
    line_starts: Vec<u32>,
    /// The runs of quoted tokens, found on first use.
    quoted: OnceLock<Vec<Quoted>>,
}

/// Tokens `start..end` inside a quotation opened in their paragraph, and
/// the token that closes it (the paragraph's end when it stays open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    pub start: u32,
    pub end: u32,
    pub close: u32,
}

impl<'a> Doc<'a> {
    pub fn new(orig: &'a str) -> Doc<'a> {
        let mut doc = Doc {
            orig,
            text: String::with_capacity(orig.len()),
            lower: String::with_capacity(orig.len()),
            segs: vec![(0, 0)],
            toks: Vec::with_capacity(orig.len() / 5),
            sents: Vec::new(),
            tok_sent: Vec::new(),
            line_starts: Vec::new(),
            quoted: OnceLock::new(),
        };
        let (newlines, paragraphs) = doc.squeeze();
        doc.tokenize(&newlines, &paragraphs);
        doc.split_sentences();
        doc.tok_sent = vec![0; doc.toks.len()];
        for (k, &(s, e)) in doc.sents.iter().enumerate() {
            doc.tok_sent[s..e].fill(k as u32);
        }
        doc
    }

    /// Fills `text`, `lower` and `segs`; returns the squeezed offsets of
    /// spaces that stand for a run with a line break. Runs of plain bytes
    /// are copied whole: only whitespace and typographic apostrophes stop.
    fn squeeze(&mut self) -> (Vec<usize>, Vec<usize>) {
        let mut newlines = Vec::new();
        let mut paragraphs = Vec::new();
        let orig = self.orig;
        let bytes = orig.as_bytes();
        let mut i = 0;
        let mut run = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // bytes that may start a space or an apostrophe to normalise; a
            // single plain space before anything else stays as it is
            if SQUEEZE_BYTE[b as usize] & MAY_START == 0
                || (b == b' ' && bytes.get(i + 1).is_none_or(|&n| SQUEEZE_BYTE[n as usize] & MAY_FOLLOW == 0))
            {
                i += 1;
                continue;
            }
            let c = orig[i..].chars().next().expect("a char boundary");
            let special = is_space(c) || matches!(c, '\u{2019}' | '\u{2018}' | '\u{02bc}');
            if !special {
                i += c.len_utf8();
                continue;
            }
            self.text.push_str(&orig[run..i]);
            if is_space(c) {
                let mut nl = 0;
                let mut end = i;
                for c2 in orig[i..].chars() {
                    if !is_space(c2) {
                        break;
                    }
                    nl += (c2 == '\n') as u32;
                    end += c2.len_utf8();
                }
                if nl > 0 {
                    newlines.push(self.text.len());
                }
                if nl > 1 {
                    paragraphs.push(self.text.len());
                }
                self.text.push(' ');
                if end - i != 1 || c != ' ' {
                    self.segs.push((self.text.len(), end));
                }
                i = end;
            } else {
                self.text.push('\'');
                i += c.len_utf8();
                self.segs.push((self.text.len(), i));
            }
            run = i;
        }
        self.text.push_str(&orig[run..]);
        self.lower = lowercase_twin(&self.text);
        (newlines, paragraphs)
    }

    fn tokenize(&mut self, newlines: &[usize], paragraphs: &[usize]) {
        let bytes = self.text.as_bytes();
        let mut nl_cursor = 0;
        let mut para_cursor = 0;
        let mut para_before = true;
        let mut i = 0;
        let mut space_before = true;
        let mut nl_before = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b' ' {
                while nl_cursor < newlines.len() && newlines[nl_cursor] < i {
                    nl_cursor += 1;
                }
                nl_before |= newlines.get(nl_cursor) == Some(&i);
                while para_cursor < paragraphs.len() && paragraphs[para_cursor] < i {
                    para_cursor += 1;
                }
                para_before |= paragraphs.get(para_cursor) == Some(&i);
                space_before = true;
                i += 1;
                continue;
            }
            let mut tok = Tok {
                start: i,
                end: i,
                kind: TokKind::Punct,
                space_before,
                nl_before,
                para_before,
                cap: false,
                upper: false,
                word: Word::default(),
                value: 0.0,
                plain_digits: 0,
                lead: b,
                hyphen: false,
            };
            if b.is_ascii_digit() {
                let n = numbers::scan_digits(&self.text, i, newlines);
                tok.kind = TokKind::Num;
                tok.end = n.end;
                tok.value = n.value;
                tok.plain_digits = n.plain_digits;
            } else if let Some(first_upper) = latin_letter(bytes, i) {
                // ASCII and Latin-1 letters are read as bytes; a word going
                // on with a hyphen or another letter takes the general path
                let mut j = i;
                let mut lower_seen = false;
                while let Some(up) = latin_letter(bytes, j) {
                    lower_seen |= !up;
                    j += if bytes[j] < 0x80 { 1 } else { 2 };
                }
                let simple = j == bytes.len() || (bytes[j] < 0x80 && bytes[j] != b'-');
                tok.end = if simple { j } else { word_end(&self.text, i) };
                tok.kind = TokKind::Word;
                tok.cap = first_upper;
                let w = &self.text[i..tok.end];
                tok.upper = tok.cap
                    && w.len() > 1
                    && if simple { !lower_seen } else { !w.chars().any(|c| c.is_lowercase()) };
                tok.hyphen = !simple && self.text[i..tok.end].contains('-');
                tok.word = if simple {
                    vocab::lookup(&self.lower[i..tok.end])
                } else {
                    lookup_word(&self.lower[i..tok.end])
                };
            } else if b < 0x80 {
                tok.end = i + 1;
            } else {
                let c = self.text[i..].chars().next().expect("in bounds");
                if c.is_alphabetic() {
                    tok.kind = TokKind::Word;
                    tok.end = word_end(&self.text, i);
                    let w = &self.text[i..tok.end];
                    tok.cap = c.is_uppercase();
                    tok.upper = tok.cap && w.len() > 1 && !w.chars().any(|c| c.is_lowercase());
                    tok.hyphen = w.contains('-');
                    tok.word = lookup_word(&self.lower[i..tok.end]);
                } else {
                    tok.end = i + c.len_utf8();
                }
            }
            i = tok.end;
            if tok.nl_before || self.toks.is_empty() {
                self.line_starts.push(self.toks.len() as u32);
            }
            self.toks.push(tok);
            space_before = false;
            nl_before = false;
            para_before = false;
        }
    }

    /// Sentence ends: . ! ? … before an uppercase start; a line break after
    /// something that cannot go on (not a lowercase word, comma, apostrophe).
    fn split_sentences(&mut self) {
        let mut start = 0;
        let mut first_line = true;
        for i in 1..self.toks.len() {
            let (prev, next) = (&self.toks[i - 1], &self.toks[i]);
            let starts_anew = next.cap || next.kind != TokKind::Word;
            let end_punct = prev.kind == TokKind::Punct
                && matches!(&self.text[prev.start..prev.end], "." | "!" | "?" | "…")
                && !self.is_abbreviation(i - 1);
            let line_end = next.nl_before
                && starts_anew
                && (prev.kind != TokKind::Word || prev.cap)
                && !matches!(&self.text[prev.start..prev.end], "," | "'" | "(" | "«");
            // a headline without a final stop, then a blank line: "… Baku says\n\nBAKU (Reuters)"
            let headline_end = next.para_before
                && next.cap
                && prev.kind == TokKind::Word
                && !prev.cap
                && prev.word.class != super::vocab::Class::Stop
                && self.line_is_paragraph(i - 1);
            // the first line is the title, whatever follows it: "Toll reaches 4,047\nThe toll …"
            let title_end = next.nl_before && next.cap && first_line;
            let split =
                (end_punct && next.space_before && starts_anew) || line_end || headline_end || title_end;
            first_line &= !next.nl_before;
            if split {
                self.sents.push((start, i));
                start = i;
            }
        }
        if start < self.toks.len() {
            self.sents.push((start, self.toks.len()));
        }
    }

    /// Whether the line holding token `t` opens a paragraph (a headline
    /// standing alone, not a line wrapped inside a paragraph).
    fn line_is_paragraph(&self, t: usize) -> bool {
        let mut k = t;
        while k > 0 && !self.toks[k].nl_before {
            k -= 1;
        }
        k == 0 || self.toks[k].para_before
    }

    /// A period after "M", "MM", "Mme", a single capital (an initial) or a
    /// known abbreviation does not end a sentence.
    fn is_abbreviation(&self, dot: usize) -> bool {
        if dot == 0 || self.toks[dot].space_before {
            return false;
        }
        let w = &self.toks[dot - 1];
        if w.kind != TokKind::Word {
            return false;
        }
        let s = &self.text[w.start..w.end];
        s.chars().count() == 1
            || matches!(
                &self.lower[w.start..w.end],
                "m" | "mm"
                    | "mme"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "dr"
                    | "st"
                    | "gen"
                    | "jan"
                    | "feb"
                    | "mar"
                    | "apr"
                    | "jun"
                    | "jul"
                    | "aug"
                    | "sep"
                    | "sept"
                    | "oct"
                    | "nov"
                    | "dec"
                    | "janv"
                    | "févr"
                    | "avr"
                    | "juil"
                    | "déc"
                    | "etc"
                    | "cf"
                    | "no"
            )
    }

    pub fn tok_text(&self, t: usize) -> &str {
        #[cfg(test)]
        super::spans::work::add();
        let t = &self.toks[t];
        &self.text[t.start..t.end]
    }

    pub fn tok_lower(&self, t: usize) -> &str {
        #[cfg(test)]
        super::spans::work::add();
        let t = &self.toks[t];
        &self.lower[t.start..t.end]
    }

    /// Whether token `t` exists and is the word `w` (lowercase).
    pub fn is(&self, t: usize, w: &str) -> bool {
        t < self.toks.len() && self.tok_lower(t) == w
    }

    /// Whether token `t` exists and is one of `ws` (lowercase).
    pub fn is_any(&self, t: usize, ws: &[&str]) -> bool {
        t < self.toks.len() && ws.contains(&self.tok_lower(t))
    }

    /// The tokens that open a line, in order: the first token, and each
    /// one after a line break.
    pub fn line_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.line_starts.iter().map(|&t| t as usize)
    }

    /// The runs of tokens inside a quotation, in order: after « or “ until
    /// » or ”, a straight quotation mark opening or closing by turns, each
    /// paragraph starting outside. Found once a dispatch (a walk of the
    /// paragraph for each figure was quadratic in a long paragraph).
    pub fn quoted(&self) -> &[Quoted] {
        self.quoted.get_or_init(|| self.find_quoted())
    }

    fn find_quoted(&self) -> Vec<Quoted> {
        let mut runs = Vec::new();
        let mut open: Option<usize> = None;
        for (t, x) in self.toks.iter().enumerate() {
            if x.para_before
                && let Some(s) = open.take()
            {
                runs.push(Quoted { start: s as u32, end: t as u32, close: t as u32 });
            }
            let mark = match (x.kind, &self.text[x.start..x.end]) {
                (TokKind::Punct, "«" | "“") => Some(true),
                (TokKind::Punct, "»" | "”") => Some(false),
                (TokKind::Punct, "\"") => Some(open.is_none()),
                _ => None,
            };
            match (mark, open) {
                (Some(true), None) => open = Some(t + 1),
                (Some(false), Some(s)) => {
                    runs.push(Quoted { start: s as u32, end: t as u32 + 1, close: t as u32 });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(s) = open {
            let n = self.toks.len() as u32;
            runs.push(Quoted { start: s as u32, end: n, close: n });
        }
        runs.retain(|r| r.start < r.end);
        runs
    }

    /// The sentence holding token `t`, as a token range.
    pub fn sentence_of(&self, t: usize) -> (usize, usize) {
        self.sents.get(self.sentence_index(t)).copied().unwrap_or((0, self.toks.len()))
    }

    /// Index of the sentence holding token `t` (past the last token, the
    /// last sentence).
    pub fn sentence_index(&self, t: usize) -> usize {
        match self.tok_sent.get(t) {
            Some(&k) => k as usize,
            None => self.sents.len().saturating_sub(1),
        }
    }

    /// The token starting at squeezed byte `b`, if any.
    pub fn tok_at(&self, b: usize) -> Option<usize> {
        let k = self.toks.partition_point(|t| t.start < b);
        (k < self.toks.len() && self.toks[k].start == b).then_some(k)
    }

    /// The original byte of a squeezed byte that starts or ends a token.
    pub fn orig_byte(&self, b: usize) -> usize {
        let k = self.segs.partition_point(|&(n, _)| n <= b) - 1;
        let (n, o) = self.segs[k];
        o + (b - n)
    }
}

/// Byte classes of `squeeze`, one lookup a byte: a byte that may start a
/// space or apostrophe to normalise, and one that makes a space before it
/// part of a run.
const MAY_START: u8 = 1;
const MAY_FOLLOW: u8 = 2;
static SQUEEZE_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let both = [b' ', b'\n', b'\t', b'\r', 0xC2, 0xE2];
    let mut k = 0;
    while k < both.len() {
        t[both[k] as usize] = MAY_START | MAY_FOLLOW;
        k += 1;
    }
    t[0xCA] = MAY_START;
    t
};

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | '\r' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{200b}')
}

/// The letter starting at byte `i` if it is ASCII or Latin-1 (two bytes,
/// 0xC3 lead, not × or ÷): whether it is uppercase.
fn latin_letter(bytes: &[u8], i: usize) -> Option<bool> {
    let b = *bytes.get(i)?;
    if b.is_ascii_alphabetic() {
        return Some(b.is_ascii_uppercase());
    }
    if b == 0xC3 {
        let n = *bytes.get(i + 1)?;
        return match n {
            0x97 | 0xB7 => None,
            0x80..=0x9E => Some(true),
            0x9F..=0xBF => Some(false),
            _ => None,
        };
    }
    None
}

/// The lowercase twin of `text`, of the same length: ASCII by bytes, other
/// uppercase letters one by one (those whose lowercase has another length
/// are kept as they are).
fn lowercase_twin(text: &str) -> String {
    let mut lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is lowercased already: skipped eight bytes at a time
        if let Some(chunk) = bytes.get(i..i + 8)
            && u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 == 0
        {
            i += 8;
            continue;
        }
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        let n = c.len_utf8();
        if c.is_uppercase() {
            let l = lower_same_len(c);
            if l != c {
                lower.replace_range(i..i + n, l.encode_utf8(&mut [0u8; 4]));
            }
        }
        i += n;
    }
    lower
}

/// A lowercase form that keeps the UTF-8 length, so that the lowercase twin
/// shares every offset with the text.
fn lower_same_len(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if !c.is_uppercase() {
        return c;
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
        _ => c,
    }
}

/// Letters, with inner hyphens ("vingt-deux", "Haut-Karabakh") and inner
/// periods of acronyms kept out: a word stops at anything else.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut it = text[start..].char_indices().peekable();
    while let Some((o, c)) = it.next() {
        if c.is_alphabetic() {
            end = start + o + c.len_utf8();
        } else if c == '-' && it.peek().is_some_and(|&(_, n)| n.is_alphabetic()) {
            // a headline glued to its first word: "Haut-Karabakh-Les Etats-Unis"
            let rest = &text[start + o + 1..];
            let glued = ["Les ", "La ", "Le ", "L'", "Des ", "Un ", "Une ", "The "]
                .iter()
                .any(|d| rest.starts_with(d));
            if glued {
                break;
            }
            continue;
        } else {
            break;
        }
    }
    end
}

fn lookup_word(lower: &str) -> Word {
    let w = vocab::lookup(lower);
    if w.class == vocab::Class::None
        && lower.contains('-')
        && let Some(v) = numbers::compound_value(lower)
    {
        return Word { class: vocab::Class::Num(v), flags: 0 };
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_knows_its_sentence() {
        let doc = Doc::new("Il pleut. Le vent souffle fort ce soir.\n\nFin");
        for t in 0..doc.toks.len() + 3 {
            let searched = doc.sents.partition_point(|&(s, _)| s <= t).saturating_sub(1);
            assert_eq!(doc.sentence_index(t), searched, "token {t}");
            assert_eq!(doc.sentence_of(t), doc.sents[searched]);
        }
        assert_eq!(Doc::new("").sentence_of(0), (0, 0));
    }

    #[test]
    fn lists_the_tokens_that_open_a_line() {
        let doc = Doc::new("Un titre\nLa suite  du texte,\r\n  puis une autre.\n\nFin");
        let opening: Vec<usize> = (0..doc.toks.len()).filter(|&t| t == 0 || doc.toks[t].nl_before).collect();
        assert_eq!(doc.line_starts().collect::<Vec<_>>(), opening);
        let words: Vec<&str> = opening.iter().map(|&t| doc.tok_text(t)).collect();
        assert_eq!(words, ["Un", "La", "puis", "Fin"]);
        assert_eq!(Doc::new("").line_starts().count(), 0);
    }

    /// The quotation a token is in, found by walking its paragraph: what
    /// `Doc::quoted` answers in one lookup.
    fn walked_close(doc: &Doc, at: usize) -> Option<usize> {
        let mark = |t: usize| match (doc.toks[t].kind, doc.tok_text(t)) {
            (TokKind::Punct, "«" | "“") => Some(Some(true)),
            (TokKind::Punct, "»" | "”") => Some(Some(false)),
            (TokKind::Punct, "\"") => Some(None),
            _ => None,
        };
        let para = (0..=at).rev().find(|&t| doc.toks[t].para_before).unwrap_or(0);
        let mut open = false;
        for t in para..at {
            match mark(t) {
                Some(Some(o)) => open = o,
                Some(None) => open = !open,
                None => {}
            }
        }
        let end = (at + 1..doc.toks.len()).find(|&t| doc.toks[t].para_before).unwrap_or(doc.toks.len());
        open.then(|| (at..end).find(|&t| matches!(mark(t), Some(Some(false)) | Some(None))).unwrap_or(end))
    }

    #[test]
    fn quoted_runs_answer_what_a_walk_of_the_paragraph_does() {
        let texts = [
            "« Nous tiendrons », a dit le maire. « Encore « deux » jours » puis \"fin\" et \"rien",
            "\"Open quote never closed, said the mayor.\n\nA new paragraph \"starts\" outside.",
            "“Ils sont 40”, selon l'ONG.\n\n« Ouvert\n\n» fermé « à la fin",
            "",
            "«»\"\"",
        ];
        for text in texts {
            let doc = Doc::new(text);
            let runs = doc.quoted();
            for at in 0..doc.toks.len() {
                let k = runs.partition_point(|r| (r.end as usize) <= at);
                let looked_up = runs.get(k).filter(|r| r.start as usize <= at).map(|r| r.close as usize);
                assert_eq!(looked_up, walked_close(&doc, at), "{text:?} at token {at}");
            }
        }
    }

    #[test]
    fn squeezes_runs_and_maps_offsets_back() {
        let orig = "au Nagorny\n\nKarabakh, l\u{2019}AFP  dit";
        let doc = Doc::new(orig);
        assert_eq!(doc.text, "au Nagorny Karabakh, l'AFP dit");
        let k = doc.text.find("Karabakh").unwrap();
        assert_eq!(&orig[doc.orig_byte(k)..doc.orig_byte(k + 8)], "Karabakh");
        let d = doc.text.find("dit").unwrap();
        assert_eq!(&orig[doc.orig_byte(d)..], "dit");
        let a = doc.text.find("AFP").unwrap();
        assert_eq!(&orig[doc.orig_byte(a)..doc.orig_byte(a + 3)], "AFP");
    }

    #[test]
    fn splits_sentences_but_not_after_titles_or_inside_wrapped_lines() {
        let doc =
            Doc::new("M. Lavrov a reçu\n\nses homologues. Le ministère a dit.\n\n- Titre -\n\nLes appels");
        let firsts: Vec<&str> = doc.sents.iter().map(|&(s, _)| doc.tok_text(s)).collect();
        assert_eq!(firsts, ["M", "Le", "-", "Les"]);
    }
}
