//! The news outlets depeche knows by name: wire agencies and the papers,
//! channels and sites that carry their dispatches, French and English. The
//! list is data (`src/extract/lexicon/outlets.txt`): a new outlet is a line.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// One outlet of the list.
#[derive(Debug)]
pub struct Outlet {
    /// As annotations spell it ("AFP", "Le Monde", "euronews").
    pub name: &'static str,
    /// Other spellings, credits and bylines use them ("Agence France-Presse").
    pub spellings: Vec<&'static str>,
    /// Web domains without "www." ("lemonde.fr").
    pub domains: Vec<&'static str>,
    /// Too short or common to trust when running text merely names it.
    pub credit_only: bool,
    /// Phrases of the outlet's own credit lines ("(Writing by", "version
    /// française"): a dispatch that ends with one is the outlet's.
    pub signatures: Vec<&'static str>,
}

static OUTLETS: LazyLock<Vec<Outlet>> =
    LazyLock::new(|| parse(include_str!("../extract/lexicon/outlets.txt")));

fn parse(data: &'static str) -> Vec<Outlet> {
    let list = |s: Option<&'static str>| -> Vec<&'static str> {
        s.unwrap_or("").split(';').map(str::trim).filter(|x| !x.is_empty()).collect()
    };
    crate::text::data_lines(data)
        .map(|(_, l)| l.trim())
        .map(|l| {
            let mut cols = l.split('|');
            let name = cols.next().unwrap_or("").trim();
            let spellings = list(cols.next());
            let domains = list(cols.next());
            let credit_only = cols.next().is_some_and(|f| f.contains("credit-only"));
            let signatures = list(cols.next());
            Outlet { name, spellings, domains, credit_only, signatures }
        })
        .collect()
}

/// Every outlet of the list, in its order.
pub fn all() -> &'static [Outlet] {
    &OUTLETS
}

fn names_of(o: &Outlet) -> impl Iterator<Item = &'static str> + '_ {
    std::iter::once(o.name).chain(o.spellings.iter().copied())
}

/// The canonical name of an outlet, spelled in any known way (case ignored).
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_matches(|c: char| c == '.' || c == ',');
    leading(name).filter(|&(_, len)| len == name.len()).map(|(o, _)| o)
}

/// The outlet a web domain belongs to: "www.lemonde.fr", "fr.euronews.com"
/// (a subdomain of a known domain), case ignored.
pub fn from_domain(host: &str) -> Option<&'static str> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    OUTLETS
        .iter()
        .find(|o| {
            o.domains.iter().any(|d| host == *d || host.strip_suffix(d).is_some_and(|sub| sub.ends_with('.')))
        })
        .map(|o| o.name)
}

/// The outlet a file name's word stands for: "reuters", "lemonde",
/// "rt-france", "20min" (a domain's first label), or the start of a longer
/// name ("sitadel"); an ambiguous word (two outlets) names none.
pub fn from_slug(slug: &str) -> Option<&'static str> {
    let slug = fold(slug);
    if slug.len() < 2 {
        return None;
    }
    let slugs = &*SLUGS;
    // A domain's label first, then a name, then the start of a name.
    for tier in [&slugs.labels, &slugs.names] {
        match tier.get(&slug).map(Vec::as_slice) {
            Some([i]) => return Some(OUTLETS[*i].name),
            Some(_) => return None,
            None => {}
        }
    }
    if slug.len() >= 6 {
        let mut found =
            slugs.names.iter().filter(|(n, _)| n.starts_with(&slug)).flat_map(|(_, v)| v).copied();
        let first = found.next()?;
        return found.all(|i| i == first).then_some(OUTLETS[first].name);
    }
    None
}

/// The outlets (their places in the list) by their domains' first labels
/// and by their names, folded as file names are.
struct Slugs {
    labels: HashMap<String, Vec<usize>>,
    names: HashMap<String, Vec<usize>>,
}

static SLUGS: LazyLock<Slugs> = LazyLock::new(|| {
    let mut slugs = Slugs { labels: HashMap::new(), names: HashMap::new() };
    for (i, o) in OUTLETS.iter().enumerate() {
        for d in &o.domains {
            add_once(slugs.labels.entry(fold(d.split('.').next().unwrap_or(""))).or_default(), i);
        }
        for n in names_of(o) {
            add_once(slugs.names.entry(fold(n)).or_default(), i);
        }
    }
    slugs
});

fn add_once(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
    }
}

/// Lower-case letters and digits only, accents dropped: "L’Orient-Le Jour"
/// is "lorientlejour".
fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => Some('e'),
            'î' | 'ï' => Some('i'),
            'ô' | 'ö' => Some('o'),
            'ù' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The outlet named in a short credit such as a parenthesis of a dateline
/// ("AFP", "AFP/Archives", "Reuters, AP") or a byline ("euronews avec AFP"):
/// the first known name, reading left to right.
pub fn first_named(s: &str) -> Option<&'static str> {
    let (ac, names) = &*CREDITS;
    ac.find_iter(s).find(|m| is_word_at(s, m.start(), m.len())).map(|m| names[m.pattern().as_usize()])
}

/// Every spelling, case ignored, leftmost-longest: `CREDITS.1[pattern]` is
/// its canonical name.
static CREDITS: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let (patterns, names): (Vec<&str>, Vec<&str>) =
        OUTLETS.iter().flat_map(|o| names_of(o).map(move |n| (n, o.name))).unzip();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(&patterns)
        .expect("the outlet names build an automaton");
    (ac, names)
});

/// The outlet whose name (any spelling, case ignored) opens `s`, and the
/// length of that name: an anchored search, it reads no further.
pub fn leading(s: &str) -> Option<(&'static str, usize)> {
    let (ac, names) = &*CREDITS;
    let m = ac.find(Input::new(s).anchored(Anchored::Yes))?;
    is_word_at(s, 0, m.end()).then(|| (names[m.pattern().as_usize()], m.end()))
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
    let (patterns, names): (Vec<&str>, Vec<&str>) =
        OUTLETS.iter().filter(|o| !o.credit_only).flat_map(|o| names_of(o).map(move |n| (n, o.name))).unzip();
    // A DFA: every dispatch without a credit is searched through (its table
    // is a few hundred kilobytes, built once).
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the outlet names build an automaton");
    (ac, names)
});

/// Every known spelling, for building patterns (regex-escaped by the caller).
pub fn all_spellings() -> impl Iterator<Item = &'static str> {
    OUTLETS.iter().flat_map(names_of)
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
        assert_eq!(first_named("ats/vkiss"), Some("ATS"), "a credit in lower case");
    }

    #[test]
    fn domains_and_file_name_words_name_outlets() {
        assert_eq!(from_domain("www.lemonde.fr"), Some("Le Monde"));
        assert_eq!(from_domain("fr.euronews.com"), Some("euronews"));
        assert_eq!(from_domain("notlemonde.fr"), None);
        assert_eq!(from_slug("reuters"), Some("Reuters"));
        assert_eq!(from_slug("rt-france"), Some("RT France"));
        assert_eq!(from_slug("lorientlejour"), Some("L'Orient-Le Jour"));
        assert_eq!(from_slug("jeuneafri"), Some("Jeune Afrique"), "the start of a longer name");
        assert_eq!(from_slug("rtl"), None, "two outlets answer to it");
        assert_eq!(from_slug("x"), None);
    }

    #[test]
    fn the_list_is_well_formed() {
        for o in all() {
            assert!(!o.name.is_empty() && o.name.trim() == o.name, "{o:?}");
            assert!(o.domains.iter().all(|d| d.contains('.') && !d.starts_with("www.")), "{o:?}");
        }
        let mut names: Vec<_> = all().iter().map(|o| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all().len(), "a canonical name twice");
    }

    #[test]
    fn the_outlets_the_entity_lexicon_names_are_this_lists() {
        // One list decides what an outlet is and how it is spelled: the
        // entity lexicon's OUTLET lines may only name outlets of it, under
        // its canonical names.
        let lexicon = include_str!("../extract/lexicon/entities.txt");
        for (n, line) in crate::text::data_lines(lexicon) {
            let mut cols = line.trim().split('|');
            if cols.next() != Some("OUTLET") {
                continue;
            }
            let surface = cols.next().unwrap_or("");
            let name = cols.next().unwrap_or(surface);
            assert_eq!(canonical(surface), Some(name), "entities.txt:{}: {line}", n + 1);
        }
    }
}
