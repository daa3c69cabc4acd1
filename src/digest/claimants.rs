//! Canonical claimants: who states a figure, however the dispatches word it.
//!
//! Names merge by a general normalisation, not by a list of known names:
//! case, accents and apostrophes folded; articles and prepositions dropped;
//! words compared by stem with nationality adjectives and country names
//! brought together ("ministère azerbaïdjanais de la Défense" = "ministère
//! de la Défense d'Azerbaïdjan"), word order ignored; a title before a name
//! ignored ("le président russe Vladimir Poutine" = "Vladimir Poutine"); a
//! lone surname joins the one full name that ends with it ("Poutine").
//! Aliases the normalisation cannot guess (another language, an acronym)
//! come from `articles/claimants.toml`:
//!
//! ```toml
//! [[claimant]]
//! name = "ministère azerbaïdjanais de la Défense"   # the name shown
//! aliases = ["Azerbaijan's defence ministry", "MoD Azerbaijan"]
//! ```
//!
//! The name shown for a group: the file's `name`, else the name annotators
//! wrote on accepted claims, else a suggestion's; the fullest first.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::aliases;
pub use super::aliases::{AliasEntry, ClaimantsError};
use super::fold::{fold, is_stopword};

pub const FILE_NAME: &str = "claimants.toml";

/// The claimant of a claim with none.
pub const UNATTRIBUTED: &str = "non attribué";

/// The aliases of a project the claims digest reads: claimants.toml's, and
/// the parties of parties.toml (empty without the files).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claimants {
    #[serde(default, rename = "claimant")]
    pub entries: Vec<AliasEntry>,
    #[serde(skip)]
    pub parties: super::parties::Parties,
}

impl Claimants {
    /// Reads `dir/claimants.toml` and `dir/parties.toml`; no file means no
    /// aliases.
    pub fn load(dir: &Path) -> Result<Claimants, ClaimantsError> {
        let mut claimants = aliases::load(dir, FILE_NAME, Claimants::parse)?;
        claimants.parties = super::parties::Parties::load(dir)?;
        Ok(claimants)
    }

    /// Parses the text of a claimants.toml (`path` names it in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Claimants, ClaimantsError> {
        aliases::parse(text, path, "claimant", |c: &Claimants| &c.entries)
    }
}

/// Honorifics that are not part of a name.
const HONORIFICS: &[&str] = &["m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr"];

/// Country and nationality words whose stems do not meet by suffix
/// stripping (folded), each with the stem its group uses.
const IRREGULAR: &[(&str, &str)] = &[
    ("azeri", "azerba"),
    ("azeris", "azerba"),
    ("azerie", "azerba"),
    ("azeries", "azerba"),
    ("turc", "turk"),
    ("turcs", "turk"),
    ("turque", "turk"),
    ("turques", "turk"),
    ("turquie", "turk"),
    ("turkey", "turk"),
    ("turkish", "turk"),
    ("french", "franc"),
    ("allemand", "german"),
    ("allemande", "german"),
    ("allemands", "german"),
    ("allemagne", "german"),
    ("germany", "german"),
    ("britannique", "brit"),
    ("britanniques", "brit"),
    ("british", "brit"),
    ("britain", "brit"),
    ("chine", "chin"),
    ("chinois", "chin"),
    ("chinoise", "chin"),
    ("china", "chin"),
    ("chinese", "chin"),
    ("syrie", "syr"),
    ("syrien", "syr"),
    ("syrienne", "syr"),
    ("syria", "syr"),
    ("syrian", "syr"),
    ("israeli", "israel"),
    ("grec", "grec"),
    ("grecque", "grec"),
    ("grece", "grec"),
    ("greek", "grec"),
    ("greece", "grec"),
];

/// Several-word country names (folded), as one word.
const PHRASES: &[(&str, &str)] = &[
    ("etats unis", "americ"),
    ("united states", "americ"),
    ("royaume uni", "brit"),
    ("united kingdom", "brit"),
];

/// Suffixes of nationality adjectives and country names (French, English),
/// longest first: "arménien"/"Arménie"/"Armenian" all give "armen".
const SUFFIXES: &[&str] = &[
    "iennes", "ienne", "aises", "aines", "oises", "iens", "ians", "aise", "aine", "oise", "ien", "ian",
    "ais", "ain", "ois", "ese", "ish", "ie", "ia", "es", "e", "i", "s",
];

/// The stem a claimant word is compared by.
fn word_stem(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
        return (*s).to_string();
    }
    let mut w = word;
    if let Some(suffix) = SUFFIXES.iter().find(|s| w.len() >= s.len() + 4 && w.ends_with(*s)) {
        w = &w[..w.len() - suffix.len()];
    }
    w.chars().take(6).collect()
}

/// The compared words of a name, in order.
fn name_stems(name: &str) -> Vec<String> {
    let mut folded = format!(" {} ", fold(name));
    for (phrase, stem) in PHRASES {
        folded = folded.replace(&format!(" {phrase} "), &format!(" {stem} "));
    }
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stopword(w) && !HONORIFICS.contains(w))
        .map(word_stem)
        .collect()
}

/// The key names merge on: their stems as a set, so word order does not
/// matter. Two names with the same key are the same claimant.
pub fn claimant_key(name: &str) -> String {
    let mut stems = name_stems(name);
    stems.sort();
    stems.dedup();
    stems.join(" ")
}

/// The person a name ends with: its final run of two or more capitalised
/// words ("le président russe Vladimir Poutine" -> "Vladimir Poutine").
fn person_part(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised =
        |w: &&&str| w.chars().next().is_some_and(char::is_uppercase) && !w.contains(['\'', '’']);
    let run = words.iter().rev().take_while(capitalised).count();
    (run >= 2).then(|| words[words.len() - run..].join(" "))
}

/// A name of one capitalised word, as a surname would be.
fn lone_surname(name: &str) -> Option<String> {
    let stems = name_stems(name);
    let capitalised =
        name.split_whitespace().last().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    (stems.len() == 1 && capitalised).then(|| stems[0].clone())
}

/// How much a name is trusted for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Authority {
    Suggested,
    Accepted,
    File,
}

/// Every claimant name of a digest resolved to its group and display name.
#[derive(Debug, Clone, Default)]
pub struct ClaimantIndex {
    group_of: HashMap<String, usize>,
    display: Vec<String>,
}

impl ClaimantIndex {
    /// Groups `names` (each as written, with the authority of the annotation
    /// it comes from; repeats count as votes) using the `aliases`.
    pub fn build<'n>(
        aliases: &Claimants,
        names: impl IntoIterator<Item = (&'n str, Authority)>,
    ) -> ClaimantIndex {
        // Distinct names with their best authority and number of uses.
        let mut distinct: Vec<(String, Authority, usize)> = Vec::new();
        let mut pos: HashMap<&str, usize> = HashMap::new();
        for (name, auth) in names {
            match pos.get(name) {
                Some(&i) => {
                    let d = &mut distinct[i];
                    d.1 = d.1.max(auth);
                    d.2 += 1;
                }
                None => {
                    pos.insert(name, distinct.len());
                    distinct.push((name.to_string(), auth, 1));
                }
            }
        }
        for e in &aliases.entries {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                if !pos.contains_key(name.as_str()) {
                    pos.insert(name, distinct.len());
                    distinct.push((name.clone(), Authority::Suggested, 0));
                }
            }
        }
        let keys: Vec<String> = distinct.iter().map(|(n, _, _)| claimant_key(n)).collect();
        let mut uf = UnionFind::new(distinct.len());
        let mut first_with: HashMap<&str, usize> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            match first_with.get(k.as_str()) {
                Some(&j) => uf.union(i, j),
                None => {
                    first_with.insert(k, i);
                }
            }
        }
        let mut file_name: HashMap<usize, &str> = HashMap::new();
        for e in &aliases.entries {
            let head = first_with[claimant_key(&e.name).as_str()];
            for alias in &e.aliases {
                uf.union(head, first_with[claimant_key(alias).as_str()]);
            }
            file_name.insert(head, &e.name);
        }
        let mut persons: HashMap<String, usize> = HashMap::new();
        for (i, (n, _, _)) in distinct.iter().enumerate() {
            if let Some(p) = person_part(n) {
                match persons.get(&claimant_key(&p)) {
                    Some(&j) => uf.union(i, j),
                    None => {
                        persons.insert(claimant_key(&p), i);
                    }
                }
            }
        }
        for (i, (n, _, _)) in distinct.iter().enumerate() {
            let Some(surname) = lone_surname(n) else { continue };
            let full: Vec<usize> = persons
                .iter()
                .filter(|&(k, &j)| k.split(' ').count() >= 2 && name_ends_with(&distinct, j, &surname))
                .map(|(_, &j)| j)
                .collect();
            let mut roots: Vec<usize> = full.into_iter().map(|j| uf.find(j)).collect();
            roots.sort();
            roots.dedup();
            if let [root] = roots[..] {
                uf.union(i, root);
            }
        }
        // Display names, by root.
        let mut best: HashMap<usize, (Authority, usize, usize, &str)> = HashMap::new();
        for (i, (n, auth, uses)) in distinct.iter().enumerate() {
            let cand = (*auth, n.split_whitespace().count(), *uses, n.as_str());
            let slot = best.entry(uf.find(i)).or_insert(cand);
            if (cand.0, cand.1, cand.2, std::cmp::Reverse(cand.3))
                > (slot.0, slot.1, slot.2, std::cmp::Reverse(slot.3))
            {
                *slot = cand;
            }
        }
        for (head, name) in &file_name {
            best.insert(uf.find(*head), (Authority::File, 0, 0, name));
        }
        let mut roots: Vec<usize> = best.keys().copied().collect();
        roots.sort();
        let group_of_root: HashMap<usize, usize> = roots.iter().enumerate().map(|(g, &r)| (r, g)).collect();
        let display = roots.iter().map(|r| best[r].3.to_string()).collect();
        let group_of = distinct
            .iter()
            .enumerate()
            .filter(|(_, d)| d.2 > 0)
            .map(|(i, (n, _, _))| (n.clone(), group_of_root[&uf.find(i)]))
            .collect();
        ClaimantIndex { group_of, display }
    }

    /// The group of a name given to `build`.
    pub fn group(&self, name: &str) -> Option<usize> {
        self.group_of.get(name).copied()
    }

    /// The name shown for a group.
    pub fn display(&self, group: usize) -> &str {
        &self.display[group]
    }

    /// The canonical name of a name given to `build` (itself if unknown).
    pub fn canonical<'s>(&'s self, name: &'s str) -> &'s str {
        self.group(name).map_or(name, |g| self.display(g))
    }
}

/// Whether the person part of name `i` ends with the stem `surname`.
fn name_ends_with(distinct: &[(String, Authority, usize)], i: usize, surname: &str) -> bool {
    person_part(&distinct[i].0).is_some_and(|p| name_stems(&p).last().is_some_and(|s| s == surname))
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// The smaller root survives, so groups keep the order names came in.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let idx =
            ClaimantIndex::build(&Claimants::default(), [(a, Authority::Accepted), (b, Authority::Accepted)]);
        idx.group(a) == idx.group(b)
    }

    #[test]
    fn wording_variants_share_a_key() {
        assert_eq!(
            claimant_key("ministère de la Défense d'Azerbaïdjan"),
            claimant_key("ministère azerbaïdjanais de la Défense")
        );
        assert_eq!(
            claimant_key("Ministere Armenien de la defense"),
            claimant_key("ministère de la Défense arménienne")
        );
        assert_eq!(
            claimant_key("Azerbaijani defence ministry"),
            claimant_key("defence ministry of Azerbaijan")
        );
        assert_eq!(claimant_key("armée azérie"), claimant_key("armée d'Azerbaïdjan"));
        assert_ne!(
            claimant_key("ministère arménien de la Défense"),
            claimant_key("ministère azerbaïdjanais de la Défense")
        );
        assert_ne!(
            claimant_key("ministère arménien de la Défense"),
            claimant_key("ministère arménien des Affaires étrangères")
        );
    }

    #[test]
    fn a_surname_joins_its_only_full_name() {
        assert!(same("Poutine", "Vladimir Poutine"));
        assert!(same("le président russe Vladimir Poutine", "Vladimir Poutine"));
        assert!(same("M. Lavrov", "Sergueï Lavrov"));
        assert!(!same("Aliev", "bilan officiel"));
        let idx = ClaimantIndex::build(
            &Claimants::default(),
            [
                ("Aliev", Authority::Accepted),
                ("Ilham Aliev", Authority::Accepted),
                ("Heydar Aliev", Authority::Accepted),
            ],
        );
        assert_ne!(idx.group("Ilham Aliev"), idx.group("Heydar Aliev"));
        assert_ne!(idx.group("Aliev"), idx.group("Ilham Aliev"), "an ambiguous surname stays apart");
    }

    #[test]
    fn display_prefers_the_file_then_accepted_then_the_fullest() {
        let idx = ClaimantIndex::build(
            &Claimants::default(),
            [
                ("Poutine", Authority::Accepted),
                ("Poutine", Authority::Accepted),
                ("Vladimir Poutine", Authority::Accepted),
            ],
        );
        assert_eq!(idx.canonical("Poutine"), "Vladimir Poutine");
        let idx = ClaimantIndex::build(
            &Claimants::default(),
            [
                ("ministère de la défense d'azerbaïdjan", Authority::Suggested),
                ("Ministère azerbaïdjanais de la Défense", Authority::Accepted),
            ],
        );
        assert_eq!(
            idx.canonical("ministère de la défense d'azerbaïdjan"),
            "Ministère azerbaïdjanais de la Défense"
        );
        let file = Claimants {
            parties: Default::default(),
            entries: vec![AliasEntry {
                name: "Bakou (défense)".into(),
                aliases: vec!["MoD Azerbaijan".into()],
            }],
        };
        let idx = ClaimantIndex::build(
            &file,
            [
                ("MoD Azerbaijan", Authority::Suggested),
                ("ministère azerbaïdjanais de la Défense", Authority::Accepted),
            ],
        );
        assert_eq!(idx.canonical("MoD Azerbaijan"), "Bakou (défense)");
        assert_ne!(idx.group("MoD Azerbaijan"), idx.group("ministère azerbaïdjanais de la Défense"));
    }

    #[test]
    fn parses_the_file_and_names_the_bad_line() {
        let path = Path::new("articles/claimants.toml");
        let ok = Claimants::parse("[[claimant]]\nname = \"a\"\naliases = [\"b\"]\n", path).unwrap();
        assert_eq!(ok.entries[0].aliases, vec!["b".to_string()]);
        let err = Claimants::parse("[[claimant]]\nname = \"a\"\nalias = [\"b\"]\n", path).unwrap_err();
        assert!(err.to_string().starts_with("articles/claimants.toml:3:"), "{err}");
        let err = Claimants::parse("[[claimant]]\nname = \"\"\n", path).unwrap_err();
        assert!(err.to_string().contains("empty name"), "{err}");
    }
}
