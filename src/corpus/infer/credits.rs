//! The credits a page puts around a dispatch, at its top or its end:
//! "Source : Le Figaro avec AFP", "SOURCE: X And Reuters", a line that is
//! only a credit ("ATS", "ats/vkiss", "/ATS", "© AFP", "(Belga)", "AFP
//! Published 27 Sep, 2023"), a desk's credit line ("(Writing by …)"),
//! "Avec AFP" and photo credits ("(AP Photo/…)", "[JANE DOE / AFP]").
//! Only the first and last few hundred bytes are read.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::corpus::outlets;

/// Bytes read at the top of the text for credits.
const HEAD: usize = 768;
/// Bytes read at the end of the text for credits.
const TAIL: usize = 512;
/// A credit line is short.
const MAX_LINE: usize = 120;

/// The credits found, one of each kind (the first in reading order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    /// "Source : Le Figaro avec AFP": the first credited.
    pub source: Option<&'static str>,
    /// A line or a parenthesis that is only a credit.
    pub line: Option<&'static str>,
    /// A desk's credit line in the outlet's house style.
    pub signature: Option<&'static str>,
    /// "Avec AFP" alone: the publisher wrote with that agency.
    pub with: Option<&'static str>,
    /// A photo credit: the outlet of a picture, not always of the text.
    pub photo: Option<&'static str>,
}

pub fn find(text: &str) -> Credits {
    let mut out = Credits::default();
    for line in lines(text) {
        read_line(line, &mut out);
    }
    if out.signature.is_none() {
        let (head, tail) = parts(text);
        out.signature = signature(if tail.is_empty() { head } else { tail });
    }
    out
}

/// The first "Source : …" line, alone: it is looked for before the dateline
/// (the rest of the credits only when the dateline and stamps credit none).
pub fn source(text: &str) -> Option<&'static str> {
    lines(text).filter(|l| l.starts_with(['S', 's', '[', '('])).find_map(source_line)
}

/// The head and the tail read for credits: the tail from its first whole
/// line, and empty when the head is all the text.
fn parts(text: &str) -> (&str, &str) {
    let head = super::head(text, HEAD);
    let tail = match text.len() > HEAD {
        true => whole_lines(tail(text, TAIL), text),
        false => "",
    };
    (head, tail)
}

/// The trimmed, non-empty lines of the head and the tail.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let (head, tail) = parts(text);
    head.lines().chain(tail.lines()).map(str::trim).filter(|l| !l.is_empty())
}

/// `tail` (the end of `text`) without its first line when that line is cut.
fn whole_lines<'t>(tail: &'t str, text: &str) -> &'t str {
    let at_line_start = text.len() == tail.len() || text[..text.len() - tail.len()].ends_with('\n');
    match at_line_start {
        true => tail,
        false => tail.find('\n').map_or("", |i| &tail[i + 1..]),
    }
}

fn read_line(line: &str, out: &mut Credits) {
    if line.len() > MAX_LINE * 4 {
        return;
    }
    if line.starts_with(['S', 's', '[', '(']) {
        set(&mut out.source, source_line(line));
    }
    if line.starts_with(['A', 'a', 'W', 'w', '(']) {
        set(&mut out.with, with_line(line));
    }
    for group in groups(line) {
        match group_credit(group) {
            Some((o, true)) => set(&mut out.photo, Some(o)),
            Some((o, false)) => set(&mut out.line, Some(o)),
            None => {}
        }
    }
    if line.len() <= MAX_LINE {
        set(&mut out.line, credit_line(line));
    }
}

fn set(slot: &mut Option<&'static str>, value: Option<&'static str>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// "Source : Le Figaro avec AFP", "SOURCE: Al Jazeera And Reuters",
/// "[Source: Reuters]", "Source : lemonde.fr".
fn source_line(line: &str) -> Option<&'static str> {
    let l = line.trim_start_matches(['[', '(']);
    let lower = l.get(..8)?.to_lowercase();
    let rest = if lower.starts_with("sources") {
        &l[7..]
    } else if lower.starts_with("source") {
        &l[6..]
    } else {
        return None;
    };
    let rest = rest.trim_start().strip_prefix(':')?;
    let rest = rest.trim().trim_end_matches([']', ')']);
    if rest.len() > MAX_LINE {
        return None;
    }
    outlets::first_named(rest).or_else(|| rest.split_whitespace().find_map(outlets::from_domain))
}

/// "Avec AFP", "With Reuters", "(avec AFP)" as a whole line.
fn with_line(line: &str) -> Option<&'static str> {
    let l = line.trim_matches(['(', ')', '.', ' ']);
    let lower = l.get(..5)?.to_lowercase();
    let rest = match lower.as_str() {
        "avec " | "with " => &l[5..],
        _ => return None,
    };
    let o = outlets::first_named(rest)?;
    // Nothing else than credits on the line ("avec AFP et Reuters").
    (rest.split_whitespace().count() <= 5).then_some(o)
}

/// The parenthesised and bracketed groups of a line, without their marks.
fn groups(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find(['(', '['])?;
            let close_mark = if rest.as_bytes()[open] == b'(' { ')' } else { ']' };
            let inner = &rest[open + 1..];
            let close = inner.find(close_mark)?;
            rest = &inner[close + 1..];
            let group = inner[..close].trim();
            if !group.is_empty() && group.len() <= MAX_LINE {
                return Some(group);
            }
        }
    })
}

/// A group that credits an outlet, and whether it credits a photo:
/// "(Belga)", "(©AFP / 02 mars 2018 16h15)", "[JANE DOE / AFP]", "(AP
/// Photo/Jane Doe)", "(AFP/Archives)".
fn group_credit(group: &str) -> Option<(&'static str, bool)> {
    let g = group.trim_start_matches(['©', ' ']);
    let parts: Vec<&str> = g.split('/').map(|p| p.trim().trim_start_matches(['©', ' '])).collect();
    let photo = g.to_lowercase().contains("photo");
    for (i, part) in parts.iter().enumerate() {
        let words = part.strip_suffix(" Photo").or_else(|| part.strip_suffix(" photo")).unwrap_or(part);
        let Some(o) = outlets::canonical(words) else { continue };
        // A name beside the outlet is a photographer's: "[JANE DOE / AFP]".
        let named_other = parts.iter().enumerate().any(|(j, p)| j != i && looks_like_name(p));
        return Some((o, photo || named_other));
    }
    None
}

/// "JANE DOE", "Jane Doe": two or three capitalised words, no digits.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// A line that is only a credit: "ATS", "ats/vkiss", "/ATS", "© AFP",
/// "Keystone-SDA", "AFP Published 27 Sep, 2023 01:18pm", "Reuters - 23/10".
fn credit_line(line: &str) -> Option<&'static str> {
    let l = line.trim_start_matches(['©', '/', '-', '—', '–', ' ', '(', '[', '•']);
    let l = l.trim_end_matches([')', ']', '.', ' ']);
    let (name, rest) = leading_outlet(l)?;
    let rest = rest.trim_start();
    let ok = rest.is_empty()
        // "ats/vkiss", "AFP/Archives": the editor's initials.
        || rest.strip_prefix('/').is_some_and(|r| {
            let r = r.trim();
            r.len() <= 12 && r.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        // "AFP Published 27 Sep", "Reuters • 23/10/2020", "AFP - 12h30".
        || starts_with_any(rest, &["published", "publié", "updated", "mis à jour"])
        || starts_with_any(rest, &["•", "·", "|", "-", "—", "–", ","])
            && looks_like_a_time(&rest[rest.chars().next().map_or(0, char::len_utf8)..]);
    ok.then_some(name)
}

/// "23/10/2020 à 10:50", "12h30", "27 Sep, 2023 01:18pm": digits, month
/// names and short words only, beginning with a digit.
fn looks_like_a_time(s: &str) -> bool {
    let s = s.trim();
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
            w.chars().any(|c| c.is_ascii_digit()) || w.chars().count() <= 3 || super::daywords::is_month(w)
        })
}

/// The outlet whose name opens `s`, and what follows it.
fn leading_outlet(s: &str) -> Option<(&'static str, &str)> {
    outlets::leading(s).map(|(o, len)| (o, &s[len..]))
}

fn starts_with_any(s: &str, words: &[&str]) -> bool {
    let lower = s.get(..s.len().min(16)).unwrap_or(s).to_lowercase();
    words.iter().any(|w| lower.starts_with(w))
}

/// The outlet whose house credit line ends the text.
fn signature(tail: &str) -> Option<&'static str> {
    let (ac, owners) = &*SIGNATURES;
    ac.find(tail).map(|m| owners[m.pattern().as_usize()])
}

/// Every outlet's house credit phrases, case ignored: `SIGNATURES.1[pattern]`
/// is the outlet.
static SIGNATURES: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let (phrases, owners): (Vec<&str>, Vec<&str>) =
        outlets::all().iter().flat_map(|o| o.signatures.iter().map(move |s| (*s, o.name))).unzip();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&phrases)
        .expect("the credit phrases build an automaton");
    (ac, owners)
});

/// The last `n` bytes of `s`, cut on a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Credits {
        find(text)
    }

    #[test]
    fn a_source_line_gives_the_first_credited() {
        assert_eq!(c("Texte.\nSource : Le Monde avec AFP\n").source, Some("Le Monde"));
        assert_eq!(c("Text.\n\nSOURCE: Bloomberg And Reuters\n").source, Some("Bloomberg"));
        assert_eq!(c("[Source: AP]\n\nText.").source, Some("AP"));
        assert_eq!(c("Texte.\nSource : lesoir.be").source, Some("Le Soir"));
        assert_eq!(c("Les sources : rien de connu.").source, None);
    }

    #[test]
    fn lines_that_are_only_credits() {
        assert_eq!(c("Le sommet a échoué.\nbelga/jdr").line, Some("Belga"));
        assert_eq!(c("Le sommet a échoué.\n/ATS").line, Some("ATS"));
        assert_eq!(c("Titre\nKeystone-ATS\n12.3.2021 - 10:05\nTexte").line, Some("ATS"));
        assert_eq!(c("Titre\nAP Published March 3, 2021 10:05am\nTexte").line, Some("AP"));
        assert_eq!(c("Le texte (Belga) reprend ici.").line, Some("Belga"));
        assert_eq!(c("Un dessin (©AFP / 12 mars 2021 08h10)").line, Some("AFP"));
        assert_eq!(c("Reuters a dit que rien.").line, None, "a sentence is no credit");
        assert_eq!(c("Titre\nAFP, 12 ans après la guerre\nTexte").line, None);
        assert_eq!(c("Titre\nAFP - 12h30\nTexte").line, Some("AFP"));
        assert_eq!(c("(Le Monde)").line, Some("Le Monde"));
    }

    #[test]
    fn desk_credit_lines_in_house_style() {
        assert_eq!(c("Text.\n(Writing by Jane Doe; Editing by John Roe)").signature, Some("Reuters"));
        assert_eq!(c("Text.\nWriting by Jane Doe, editing by John Roe").signature, Some("Reuters"));
        assert_eq!(
            c("Texte. (Rédigé par Marie Dupont, version française Paul Martin)").signature,
            Some("Reuters")
        );
        assert_eq!(c("Texte sans crédit.").signature, None);
    }

    #[test]
    fn avec_an_agency_and_photo_credits() {
        assert_eq!(c("Texte.\nAvec AFP\nCommentaires").with, Some("AFP"));
        assert_eq!(c("Texte avec l'AFP dans une phrase longue.").with, None);
        let p = c("Des secouristes (AP Photo/Jane Roe) fouillent.");
        assert_eq!((p.photo, p.line), (Some("AP"), None));
        assert_eq!(c("Un village[JOHN DOE / AFP]").photo, Some("AFP"));
    }

    #[test]
    fn a_line_cut_by_the_end_window_is_no_credit() {
        // The last 512 bytes start at "Reuters", inside a sentence.
        let text = format!("{}\nselon des sources Reuters\n{}\n", "mot ".repeat(300), "y".repeat(503));
        assert_eq!(c(&text).line, None);
    }

    #[test]
    fn the_middle_of_a_long_text_is_not_read() {
        let text = format!("{}\n/ATS\n{}", "mot ".repeat(1000), "mot ".repeat(1000));
        assert_eq!(c(&text), Credits::default());
    }
}
