//! Paragraphs from dirty text, without changing a single offset: hard-wrapped
//! lines are joined, runs of blank lines collapse, web boilerplate is flagged
//! so the view can dim or fold it. Every paragraph is a list of code point
//! ranges of the text; the display string keeps a map back to those offsets.

use crate::text::{CharIndex, inert_char};

/// One paragraph: the source lines it joins (code point ranges, trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub segs: Vec<(usize, usize)>,
    pub boilerplate: bool,
}

impl Para {
    pub fn start(&self) -> usize {
        self.segs.first().map(|s| s.0).unwrap_or(0)
    }

    pub fn end(&self) -> usize {
        self.segs.last().map(|s| s.1).unwrap_or(0)
    }
}

/// A line of the source: its code point and byte ranges, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    bytes: (usize, usize),
}

/// Phrases of web pages that are not the dispatch (French and English).
const BOILER: &[&str] = &[
    "partager cet article",
    "publicité",
    "copier/coller",
    "copy to clipboard",
    "tous droits réservés",
    "connectez-vous",
    "connexion membre",
    "close button",
    "lire aussi",
    "lire la suite",
    "abonnez-vous",
    "newsletter",
    "share this article",
    "advertisement",
    "all rights reserved",
    "sign in to",
    "subscribe",
    "read more",
    "cookies",
    "attention - ",
    "///",
];

/// Headings after which a page lists other stories.
const TAIL: &[&str] = &[
    "à découvrir également",
    "a découvrir également",
    "à lire aussi",
    "sur le même sujet",
    "dans la même rubrique",
    "related articles",
    "more stories",
    "you may also like",
];

/// A line longer than this (in characters) is boilerplate only if it starts
/// with a phrase: it may quote one.
const SHORT: usize = 120;

/// Splits `text` into display paragraphs. `tagged` are code point ranges the
/// annotator marked as boilerplate; a paragraph inside one is boilerplate too.
pub fn reflow(text: &str, tagged: &[(usize, usize)]) -> Vec<Para> {
    let lines = source_lines(text);
    let wrap_width = hard_wrap_width(&lines);
    let mut paras: Vec<Para> = Vec::new();
    // Per paragraph: its bytes, and whether it is boilerplate if it is one
    // line (each line is looked at once: on a 1 MB dispatch this pass is
    // most of opening it).
    let mut spans: Vec<Span> = Vec::new();
    let mut prev: Option<(&str, bool)> = None;
    for line in lines {
        let content = &text[line.bytes.0..line.bytes.1];
        let boiler = is_boiler_line(content, line.end - line.start);
        let join = match prev {
            Some((pc, prev_boiler)) => !prev_boiler && !boiler && continues(pc, content, wrap_width),
            None => false,
        };
        match (join, paras.last_mut(), spans.last_mut()) {
            (true, Some(para), Some(span)) => {
                para.segs.push((line.start, line.end));
                *span = Span { bytes: (span.bytes.0, line.bytes.1), boiler: None };
            }
            _ => {
                paras.push(Para { segs: vec![(line.start, line.end)], boilerplate: false });
                spans.push(Span { bytes: line.bytes, boiler: Some(boiler) });
            }
        }
        prev = Some((content, boiler));
    }
    flag_boilerplate(text, &mut paras, &spans, tagged);
    paras
}

/// The bytes of a paragraph, and whether it is boilerplate when it is a
/// single line (told already).
struct Span {
    bytes: (usize, usize),
    boiler: Option<bool>,
}

fn source_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut cp = 0;
    let mut byte = 0;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        let body = raw.trim_start();
        let lead = raw[..raw.len() - body.len()].chars().count();
        let trimmed = body.trim_end();
        let trail = body[trimmed.len()..].chars().count();
        if lead < n {
            let b = byte + (raw.len() - body.len());
            out.push(Line { start: cp + lead, end: cp + n - trail, bytes: (b, b + trimmed.len()) });
        }
        cp += n + 1;
        byte += raw.len() + 1;
    }
    out
}

/// The width a text was hard-wrapped at, if it looks hard-wrapped: most lines
/// end close to the same column.
fn hard_wrap_width(lines: &[Line]) -> Option<usize> {
    if lines.len() < 6 {
        return None;
    }
    let mut lens: Vec<usize> = lines.iter().map(|l| l.end - l.start).collect();
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    if !(40..=120).contains(&p90) {
        return None;
    }
    let near = lens.iter().filter(|&&l| l * 10 >= p90 * 6 && l <= p90 + 5).count();
    (near * 10 >= lens.len() * 6).then_some(p90)
}

/// Whether `next` continues the sentence of `prev` (a hard-wrapped line).
/// Boilerplate stays a paragraph of its own, to be folded alone: the caller
/// checks that.
fn continues(prev: &str, next: &str, wrap_width: Option<usize>) -> bool {
    let last = prev.chars().last().unwrap_or('.');
    if matches!(last, '.' | '!' | '?' | '…' | ':' | '»' | '"' | '”' | ')' | ';') {
        return false;
    }
    let first = next.chars().next().unwrap_or('A');
    if first.is_lowercase() {
        return true;
    }
    match wrap_width {
        Some(w) => prev.chars().count() * 4 >= w * 3,
        None => false,
    }
}

/// Whether `s`, of `chars` characters, is web boilerplate.
fn is_boiler_line(s: &str, chars: usize) -> bool {
    // Lowercasing never shortens a text, so a line of more than SHORT
    // characters is long lowercased too: only its head needs lowercasing.
    if chars > SHORT {
        let head = s.chars().take(longest(BOILER)).collect::<String>().to_lowercase();
        if BOILER.iter().any(|p| head.starts_with(p)) {
            return true;
        }
        // A phrase inside a long line may be quoted text: not boilerplate,
        // even in capitals.
        return capitals(s) && !(may_hold_phrase(s) && boiler_phrases().is_match(&s.to_lowercase()));
    }
    if may_hold_phrase(s) {
        let lower = s.to_lowercase();
        if boiler_phrases().is_match(&lower) {
            return lower.chars().count() <= SHORT || BOILER.iter().any(|p| lower.starts_with(p));
        }
    }
    capitals(s)
}

/// The phrases, searched at once.
fn boiler_phrases() -> &'static aho_corasick::AhoCorasick {
    static PHRASES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(BOILER).expect("fixed phrases"));
    &PHRASES
}

/// Characters other than ASCII ones whose lowercase holds ASCII (İ, the
/// Kelvin sign).
const LOWER_TO_ASCII: [char; 2] = ['\u{130}', '\u{212a}'];

/// False when lowercased `s` surely holds no phrase, told without
/// lowercasing it: the longest ASCII run of each phrase searched ignoring
/// ASCII case. Only ASCII letters and LOWER_TO_ASCII lowercase to ASCII, one
/// character to one, so a phrase in the lowercase has its run in `s`.
fn may_hold_phrase(s: &str) -> bool {
    static RUNS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        let runs = BOILER.iter().map(|p| {
            p.split(|c: char| !c.is_ascii()).max_by_key(|r| r.len()).unwrap_or_default().to_string()
        });
        aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(runs).expect("fixed phrases")
    });
    s.contains(LOWER_TO_ASCII) || RUNS.is_match(s)
}

/// A lone word in capitals ("PUBLICITÉ", "ADVERTISEMENT").
fn capitals(s: &str) -> bool {
    s.split_whitespace().nth(2).is_none()
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

/// The length in characters of the longest phrase.
fn longest(phrases: &[&str]) -> usize {
    phrases.iter().map(|p| p.chars().count()).max().unwrap_or(0)
}

fn flag_boilerplate(text: &str, paras: &mut [Para], spans: &[Span], tagged: &[(usize, usize)]) {
    // Only paragraphs of more than 20 characters count as repeated.
    let mut seen = std::collections::HashSet::new();
    let mut tail = false;
    for (p, span) in paras.iter_mut().zip(spans) {
        let s = &text[span.bytes.0..span.bytes.1];
        // Lowercasing adds no ':' or ' ' and never shortens: a heading is
        // told from the trimmed original, lowercased only when short.
        let head = s.trim_end_matches([':', ' ']);
        if head.chars().nth(longest(TAIL)).is_none() && TAIL.contains(&head.to_lowercase().as_str()) {
            tail = true;
        }
        let chars = p.end() - p.start();
        let repeated = chars > 20 && !seen.insert(s);
        let in_tag = tagged.iter().any(|&(a, b)| a <= p.start() && p.end() <= b);
        p.boilerplate = tail || repeated || in_tag || span.boiler.unwrap_or_else(|| is_boiler_line(s, chars));
    }
}

/// A paragraph as shown: the display string (control characters made inert)
/// and, for each of its characters, the code point offset it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub offs: Vec<usize>,
}

/// Builds the display string of a paragraph. Joined lines are separated by
/// one space mapped to the newline it replaces.
pub fn show(text: &str, index: &CharIndex, para: &Para) -> Shown {
    let mut out = Shown { text: String::new(), offs: Vec::new() };
    for (i, &(s, e)) in para.segs.iter().enumerate() {
        if i > 0 {
            out.text.push(' ');
            out.offs.push(para.segs[i - 1].1);
        }
        for (cp, c) in (s..).zip(index.slice(text, s, e).chars()) {
            match (c, inert_char(c)) {
                ('\t', _) => {
                    out.text.push(' ');
                    out.offs.push(cp);
                }
                (_, Some(r)) => {
                    for rc in r.chars() {
                        out.text.push(rc);
                        out.offs.push(cp);
                    }
                }
                (c, None) => {
                    out.text.push(c);
                    out.offs.push(cp);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CharIndex;

    fn paras(text: &str) -> Vec<String> {
        let idx = CharIndex::new(text);
        reflow(text, &[]).iter().map(|p| show(text, &idx, p).text).collect()
    }

    #[test]
    fn joins_hard_wrapped_lines_across_blank_lines() {
        let text = "Moscou, 21 oct 2020 (AFP) - Le ministre russe des Affaires étrangères a\n\n\
                    reçu séparément à Moscou ses homologues arménien et azerbaïdjanais pour\n\n\
                    évoquer le conflit au Nagorny Karabakh, après l'échec consécutif de deux\n\n\
                    trêves, a annoncé mercredi la diplomatie russe.\n\n\
                    Il est également prévu que MM. Mnatsakanian et Baïramov s'entretiennent\n\n\
                    vendredi, également séparément, à Washington avec leur homologue américain,\n\n\
                    Mike Pompeo.\n\nFin.";
        let p = paras(text);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(p[0].starts_with("Moscou") && p[0].ends_with("russe."));
        assert!(p[0].contains("a reçu séparément"));
        assert!(p[1].ends_with("américain, Mike Pompeo."));
        let with_note =
            format!("ATTENTION - ajoute communiqué de Moscou et fin des consultations ///\n\n{text}");
        assert!(paras(&with_note)[1].starts_with("Moscou, 21 oct"), "{:#?}", paras(&with_note));
    }

    #[test]
    fn keeps_paragraphs_and_collapses_blank_runs() {
        let text = "Titre\n\n\n\n\nPremier paragraphe entier.\n\n\n\nSecond paragraphe.";
        assert_eq!(paras(text), ["Titre", "Premier paragraphe entier.", "Second paragraphe."]);
    }

    #[test]
    fn offsets_map_back_to_the_text() {
        let text = "Un été\n\nà Bakou \u{1b}[2J fin.\n\nDeux.";
        let idx = CharIndex::new(text);
        for p in reflow(text, &[]) {
            let shown = show(text, &idx, &p);
            assert_eq!(shown.text.chars().count(), shown.offs.len());
            for (c, &o) in shown.text.chars().zip(&shown.offs) {
                let src = text.chars().nth(o).unwrap();
                assert!(c == src || src == '\n' || inert_char(src).is_some(), "{c} vs {src:?}");
            }
            assert!(!shown.text.contains('\u{1b}'));
        }
    }

    /// The definition `is_boiler_line` is a faster form of.
    fn boiler_by_definition(s: &str) -> bool {
        let lower = s.to_lowercase();
        if BOILER.iter().any(|p| lower.contains(p)) {
            return lower.chars().count() <= SHORT || BOILER.iter().any(|p| lower.starts_with(p));
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        words.len() <= 2
            && s.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
    }

    #[test]
    fn boilerplate_lines_are_told_as_by_the_definition() {
        let long = "Le ministre a parlé longuement de la situation au Karabakh devant la presse ".repeat(3);
        let caps = "X".repeat(130);
        let dotted = "İ".repeat(70);
        let mut lines = vec![
            "PUBLICITÉ".to_string(),
            "Partager cet article".to_string(),
            "Lire aussi : la trêve".to_string(),
            "ADVERTISEMENT here".to_string(),
            "Le texte.".to_string(),
            caps.clone(),
            format!("{caps}PUBLICITÉ"),
            format!("{dotted} publicité"),
            format!("{dotted} PUB"),
        ];
        for phrase in BOILER {
            lines.push(format!("{phrase} {long}"));
            lines.push(format!("{long} {phrase}"));
            lines.push(format!("{} {long}", phrase.to_uppercase()));
            lines.push(phrase.to_uppercase());
        }
        lines.push("Coo\u{212a}ies".to_string());
        lines.push("Lİre aussi".to_string());
        let told = |l: &String| is_boiler_line(l, l.chars().count());
        for l in &lines {
            assert_eq!(told(l), boiler_by_definition(l), "{l}");
        }
        assert!(lines.iter().any(told) && lines.iter().any(|l| !told(l)));
    }

    #[test]
    fn only_ascii_and_two_signs_lowercase_to_ascii() {
        let to_ascii: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, LOWER_TO_ASCII);
    }

    #[test]
    fn boilerplate_is_flagged_not_removed() {
        let text = "Le titre est assez long\n\nLe titre est assez long\nPartager cet articleDiscussion\n\nLe texte.\n\nPUBLICITÉ\n\n\
                    Suite du texte.\n\nÀ découvrir également\n\nUne autre histoire sans rapport";
        let got: Vec<(String, bool)> = {
            let idx = CharIndex::new(text);
            reflow(text, &[]).iter().map(|p| (show(text, &idx, p).text, p.boilerplate)).collect()
        };
        let flags: Vec<bool> = got.iter().map(|g| g.1).collect();
        assert_eq!(flags, [false, true, true, false, true, false, true, true], "{got:#?}");
        let t = "Garde ceci.\n\nEt cela.";
        let tagged = reflow(t, &[(13, 21)]);
        assert_eq!(tagged.iter().map(|p| p.boilerplate).collect::<Vec<_>>(), [false, true]);
    }
}
