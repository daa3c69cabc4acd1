//! The news outlets depeche knows by name: wire agencies and the papers,
//! channels and sites that carry their dispatches, French and English.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Canonical name, then the other spellings met in bylines and datelines.
const OUTLETS: &[(&str, &[&str])] = &[
    ("AFP", &["Agence France-Presse", "Agence France Presse", "AFPTV"]),
    ("Reuters", &["REUTERS", "Thomson Reuters"]),
    ("AP", &["Associated Press", "The Associated Press"]),
    ("euronews", &["Euronews", "EURONEWS"]),
    ("RT France", &["RT en français"]),
    ("RT", &[]),
    ("France 24", &["France24", "FRANCE 24"]),
    ("TASS", &["Tass", "ITAR-TASS"]),
    ("RIA Novosti", &["RIA"]),
    ("Sputnik", &["Sputnik France"]),
    ("Interfax", &[]),
    ("Anadolu", &["Anadolu Agency", "Agence Anadolu", "AA"]),
    ("BBC", &["BBC News", "BBC Afrique"]),
    ("Le Monde", &["LeMonde.fr", "lemonde.fr"]),
    ("Le Figaro", &["lefigaro.fr"]),
    ("Libération", &["Liberation", "liberation.fr"]),
    ("Le Parisien", &[]),
    ("Ouest-France", &["Ouest France"]),
    ("franceinfo", &["Franceinfo", "France Info", "France Télévisions"]),
    ("RFI", &["Radio France Internationale"]),
    ("Le Point", &[]),
    ("L'Express", &["L’Express"]),
    ("La Croix", &[]),
    ("Les Echos", &["Les Échos"]),
    ("Le Temps", &[]),
    ("Courrier international", &["Courrier International"]),
    ("TV5Monde", &["TV5 Monde"]),
    ("Deutsche Welle", &["DW"]),
    ("dpa", &["DPA"]),
    ("EFE", &[]),
    ("ANSA", &[]),
    ("Xinhua", &[]),
    ("Kyodo", &[]),
    ("Armenpress", &[]),
    ("Azertac", &["AZERTAC"]),
    ("APA", &[]),
    ("Al Jazeera", &[]),
    ("CNN", &[]),
    ("Bloomberg", &[]),
    ("The Guardian", &[]),
    ("The New York Times", &["New York Times"]),
    ("The Washington Post", &["Washington Post"]),
    ("Financial Times", &[]),
    ("The Independent", &[]),
    ("Politico", &[]),
];

/// Short or ambiguous names only trusted in a dateline or byline, never as a
/// mention in running text ("RT" is a retweet, "AA" a battery, "RIA" a word).
const NOT_MENTIONS: &[&str] = &["RT", "AA", "RIA", "DW", "APA", "EFE", "ANSA"];

/// The canonical name of an outlet, spelled in any known way (case ignored).
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_matches(|c: char| c == '.' || c == ',');
    OUTLETS.iter().find_map(|(canon, aliases)| {
        (canon.eq_ignore_ascii_case(name) || aliases.iter().any(|a| a.eq_ignore_ascii_case(name)))
            .then_some(*canon)
    })
}

/// The outlet named in a short credit such as a parenthesis of a dateline
/// ("AFP", "AFP/Archives", "Reuters, AP") or a byline ("euronews avec AFP"):
/// the first known name, reading left to right.
pub fn first_named(s: &str) -> Option<&'static str> {
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (canon, aliases) in OUTLETS {
        for name in std::iter::once(canon).chain(aliases.iter()) {
            let mut from = 0;
            while let Some(i) = find_ignore_case(&s[from..], name).map(|i| i + from) {
                if is_word_at(s, i, name.len()) {
                    // Leftmost first; at the same place, the longest name.
                    let better = best.is_none_or(|(bi, bl, _)| i < bi || (i == bi && name.len() > bl));
                    if better {
                        best = Some((i, name.len(), canon));
                    }
                    break;
                }
                from = i + name.len();
            }
        }
    }
    best.map(|(_, _, c)| c)
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether `s[i..i + len]` stands as a word (no letter or digit glued to it).
pub fn is_word_at(s: &str, i: usize, len: usize) -> bool {
    let before = s[..i].chars().next_back();
    let after = s[i + len..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// An automaton over every spelling that can be trusted as a mention in
/// running text, case sensitive; `MENTION_NAMES[pattern]` is its canonical name.
pub static MENTIONS: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut names = Vec::new();
    for (canon, aliases) in OUTLETS {
        for name in std::iter::once(canon).chain(aliases.iter()) {
            if !NOT_MENTIONS.contains(name) {
                patterns.push(*name);
                names.push(*canon);
            }
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("the outlet names build an automaton");
    (ac, names)
});

/// Every known spelling, for building patterns (regex-escaped by the caller).
pub fn all_spellings() -> impl Iterator<Item = &'static str> {
    OUTLETS.iter().flat_map(|(c, a)| std::iter::once(*c).chain(a.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_map_to_one_name() {
        assert_eq!(canonical("Agence France-Presse"), Some("AFP"));
        assert_eq!(canonical("reuters"), Some("Reuters"));
        assert_eq!(canonical("Euronews"), Some("euronews"));
        assert_eq!(canonical("Le Canard"), None);
    }

    #[test]
    fn first_named_reads_left_to_right_and_prefers_longer_names() {
        assert_eq!(first_named("euronews avec AFP"), Some("euronews"));
        assert_eq!(first_named("AFP/Archives"), Some("AFP"));
        assert_eq!(first_named("Reuters, AP"), Some("Reuters"));
        assert_eq!(first_named("RT France"), Some("RT France"));
        assert_eq!(first_named("Jane Doe, Associated Press"), Some("AP"));
        assert_eq!(first_named("Rapport annuel"), None, "AP inside a word is not AP");
    }
}
