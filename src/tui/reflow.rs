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

/// A line of the source: its code point range, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
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

/// Splits `text` into display paragraphs. `tagged` are code point ranges the
/// annotator marked as boilerplate; a paragraph inside one is boilerplate too.
pub fn reflow(text: &str, index: &CharIndex, tagged: &[(usize, usize)]) -> Vec<Para> {
    let lines = source_lines(text);
    let wrap_width = hard_wrap_width(&lines);
    let mut paras: Vec<Para> = Vec::new();
    let mut prev: Option<&str> = None;
    for line in lines {
        let content = index.slice(text, line.start, line.end);
        let join = match &prev {
            Some(pc) => continues(pc, content, wrap_width),
            None => false,
        };
        match (join, paras.last_mut()) {
            (true, Some(para)) => para.segs.push((line.start, line.end)),
            _ => paras.push(Para { segs: vec![(line.start, line.end)], boilerplate: false }),
        }
        prev = Some(content);
    }
    flag_boilerplate(text, index, &mut paras, tagged);
    paras
}

fn source_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut cp = 0;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trail = raw.chars().rev().take_while(|c| c.is_whitespace()).count();
        if lead < n {
            out.push(Line { start: cp + lead, end: cp + n - trail });
        }
        cp += n + 1;
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
fn continues(prev: &str, next: &str, wrap_width: Option<usize>) -> bool {
    // Boilerplate stays a paragraph of its own, to be folded alone.
    if is_boiler_line(prev) || is_boiler_line(next) {
        return false;
    }
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

fn is_boiler_line(s: &str) -> bool {
    let lower = s.to_lowercase();
    let n = lower.chars().count();
    let short = n <= 120;
    if BOILER.iter().any(|p| lower.contains(p)) {
        // A boilerplate phrase inside a long paragraph may be quoted text:
        // only a short line, or one that starts with it, is boilerplate.
        return short || BOILER.iter().any(|p| lower.starts_with(p));
    }
    // A lone word in capitals ("PUBLICITÉ", "ADVERTISEMENT").
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 2
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

fn flag_boilerplate(text: &str, index: &CharIndex, paras: &mut [Para], tagged: &[(usize, usize)]) {
    let mut seen = std::collections::HashSet::new();
    let mut tail = false;
    for p in paras.iter_mut() {
        let s = index.slice(text, p.start(), p.end()).to_string();
        let lower = s.to_lowercase();
        if TAIL.iter().any(|t| lower.trim_end_matches([':', ' ']) == *t) {
            tail = true;
        }
        let repeated = !seen.insert(s.clone()) && s.chars().count() > 20;
        let in_tag = tagged.iter().any(|&(a, b)| a <= p.start() && p.end() <= b);
        p.boilerplate = tail || repeated || in_tag || is_boiler_line(&s);
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
        reflow(text, &idx, &[]).iter().map(|p| show(text, &idx, p).text).collect()
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
        for p in reflow(text, &idx, &[]) {
            let shown = show(text, &idx, &p);
            assert_eq!(shown.text.chars().count(), shown.offs.len());
            for (c, &o) in shown.text.chars().zip(&shown.offs) {
                let src = text.chars().nth(o).unwrap();
                assert!(c == src || src == '\n' || inert_char(src).is_some(), "{c} vs {src:?}");
            }
            assert!(!shown.text.contains('\u{1b}'));
        }
    }

    #[test]
    fn boilerplate_is_flagged_not_removed() {
        let text = "Le titre est assez long\n\nLe titre est assez long\nPartager cet articleDiscussion\n\nLe texte.\n\nPUBLICITÉ\n\n\
                    Suite du texte.\n\nÀ découvrir également\n\nUne autre histoire sans rapport";
        let got: Vec<(String, bool)> = {
            let idx = CharIndex::new(text);
            reflow(text, &idx, &[]).iter().map(|p| (show(text, &idx, p).text, p.boilerplate)).collect()
        };
        let flags: Vec<bool> = got.iter().map(|g| g.1).collect();
        assert_eq!(flags, [false, true, true, false, true, false, true, true], "{got:#?}");
        let t = "Garde ceci.\n\nEt cela.";
        let tagged = reflow(t, &CharIndex::new(t), &[(13, 21)]);
        assert_eq!(tagged.iter().map(|p| p.boilerplate).collect::<Vec<_>>(), [false, true]);
    }
}
