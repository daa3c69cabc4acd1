//! Numbers as dispatches write them: digits with French or English group
//! separators ("140.000", "5 000", "5,000"), decimals ("2.5", "1,5"), and
//! number words, compounds included ("vingt-deux", "deux mille",
//! "quatre-vingt-dix", "two thousand").

use super::scan::{Doc, TokKind};
use super::vocab::{self, Class};

/// A number in digits read from the squeezed text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Digits {
    pub end: usize,
    pub value: f64,
    /// The count of digits when written without any separator, else 0.
    pub plain_digits: u8,
}

/// Reads digits at byte `start` of `text`. A group separator ('.', ',', a
/// Swiss apostrophe as in "30'000", or a space that was no line break) is followed by exactly three digits and
/// follows a first group of one to three digits; otherwise '.' or ',' before
/// digits is a decimal mark.
pub fn scan_digits(text: &str, start: usize, newlines: &[usize]) -> Digits {
    let b = text.as_bytes();
    let run = |from: usize| -> usize { b[from..].iter().take_while(|c| c.is_ascii_digit()).count() };
    let first = run(start);
    let mut end = start + first;
    let mut int = parse_u(&text[start..end]);
    let mut grouped = false;
    let mut sep: Option<u8> = None;
    if first <= 3 && !(first == 1 && b[start] == b'0') {
        while end + 4 <= b.len() {
            let s = b[end];
            let ok_sep = match s {
                b'.' | b',' | b'\'' => true,
                b' ' => newlines.binary_search(&end).is_err(),
                _ => false,
            };
            if !ok_sep || sep.is_some_and(|p| p != s) || run(end + 1) != 3 {
                break;
            }
            // "1,5 million" stays a decimal; "5,000" and "5.000" are groups.
            int = int * 1000.0 + parse_u(&text[end + 1..end + 4]);
            sep = Some(s);
            grouped = true;
            end += 4;
        }
    }
    let mut value = int;
    if end + 1 < b.len() && matches!(b[end], b'.' | b',') && sep != Some(b[end]) {
        let frac = run(end + 1);
        if frac > 0 && (frac != 3 || grouped || first > 3 || (first == 1 && b[start] == b'0')) {
            let digits = &text[end + 1..end + 1 + frac];
            value += parse_u(digits) / 10f64.powi(frac as i32);
            end += 1 + frac;
            grouped = true;
        }
    }
    Digits { end, value, plain_digits: if grouped { 0 } else { first.min(255) as u8 } }
}

fn parse_u(s: &str) -> f64 {
    s.bytes().fold(0.0, |acc, d| acc * 10.0 + (d - b'0') as f64)
}

/// Adds number word values the way they are spoken: units add, "cent"
/// multiplies what precedes, "mille"/"million" close a group,
/// "quatre-vingt" multiplies.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordNumber {
    total: u64,
    current: u64,
    last: u64,
    parts: u32,
}

impl WordNumber {
    /// Adds one number word; false when it cannot follow what came before.
    pub fn push(&mut self, v: u64) -> bool {
        let ok = match v {
            100 => {
                if self.current % 100 != self.current || self.last == 100 {
                    false
                } else {
                    self.current = self.current.max(1) * 100;
                    true
                }
            }
            v if v >= 1000 => {
                if self.last >= 1000 && self.current == 0 {
                    false
                } else {
                    self.total += self.current.max(1) * v;
                    self.current = 0;
                    true
                }
            }
            20 if (2..=9).contains(&self.last) && self.current == self.last && self.parts > 0 => {
                self.current *= 20;
                true
            }
            v => {
                let units_clash = self.last < 100 && !self.last.is_multiple_of(10) && self.parts > 0;
                let tens_clash = self.last != 0 && self.last < 100 && v >= self.last && self.parts > 0;
                if units_clash || tens_clash {
                    false
                } else {
                    self.current += v;
                    true
                }
            }
        };
        if ok {
            self.last = v;
            self.parts += 1;
        }
        ok
    }

    pub fn value(&self) -> u64 {
        self.total + self.current
    }

    pub fn parts(&self) -> u32 {
        self.parts
    }
}

/// The value of a hyphenated compound ("vingt-deux", "trente-et-un",
/// "quatre-vingt-dix", "twenty-two"), when every part is a number word.
pub fn compound_value(lower: &str) -> Option<u64> {
    let mut n = WordNumber::default();
    for part in lower.split('-') {
        if part == "et" || part == "and" {
            continue;
        }
        match vocab::lookup(part).class {
            Class::Num(v) if n.push(v) => {}
            _ => return None,
        }
    }
    (n.parts() >= 2).then(|| n.value())
}

/// A number written in words from token `t`: its value and the token after
/// it. "et"/"and" join parts ("vingt et un"). A lone "un"/"une"/"one" is an
/// article, not a number, unless a multiplier follows ("un million").
pub fn words_at(doc: &Doc, t: usize) -> Option<(u64, usize)> {
    let mut n = WordNumber::default();
    let mut i = t;
    let mut end = t;
    while i < doc.toks.len() {
        let tok = &doc.toks[i];
        if tok.kind != TokKind::Word {
            break;
        }
        if n.parts() > 0 && doc.is_any(i, &["et", "and"]) {
            if matches!(doc.toks.get(i + 1).map(|t| t.word.class), Some(Class::Num(_))) {
                i += 1;
                continue;
            }
            break;
        }
        match tok.word.class {
            Class::Num(v) if n.push(v) => {
                i += 1;
                end = i;
            }
            _ => break,
        }
    }
    if end == t {
        return None;
    }
    if end == t + 1 && doc.is_any(t, &["un", "une", "one"]) {
        return None;
    }
    Some((n.value(), end))
}

/// A multiplier word after digits ("5 millions", "1,5 milliard", "2 mille").
pub fn multiplier(doc: &Doc, t: usize) -> Option<u64> {
    match doc.toks.get(t)?.word.class {
        Class::Num(v) if v >= 1000 => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> (f64, &str) {
        let d = scan_digits(s, 0, &[]);
        (d.value, &s[..d.end])
    }

    #[test]
    fn group_separators_and_decimals() {
        assert_eq!(digits("140.000 habitants"), (140000.0, "140.000"));
        assert_eq!(digits("5 000 morts"), (5000.0, "5 000"));
        assert_eq!(digits("5,000 dead"), (5000.0, "5,000"));
        assert_eq!(digits("2.5 km"), (2.5, "2.5"));
        assert_eq!(digits("1,5 million"), (1.5, "1,5"));
        assert_eq!(digits("2020 200"), (2020.0, "2020"));
        assert_eq!(digits("1.234.567,5"), (1234567.5, "1.234.567,5"));
        assert_eq!(digits("400."), (400.0, "400"));
        assert_eq!(digits("23/10/2020"), (23.0, "23"));
        assert_eq!(digits("12'500 réfugiés"), (12500.0, "12'500"));
        assert_eq!(digits("1990's"), (1990.0, "1990"));
    }

    #[test]
    fn a_line_break_is_no_group_separator() {
        assert_eq!(scan_digits("5 000", 0, &[1]).end, 1);
    }

    #[test]
    fn compounds() {
        assert_eq!(compound_value("vingt-deux"), Some(22));
        assert_eq!(compound_value("trente-et-un"), Some(31));
        assert_eq!(compound_value("quatre-vingt-dix"), Some(90));
        assert_eq!(compound_value("soixante-dix-sept"), Some(77));
        assert_eq!(compound_value("twenty-two"), Some(22));
        assert_eq!(compound_value("haut-karabakh"), None);
    }
}
