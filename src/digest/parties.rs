//! Parties as the claims digest groups them: one party however the claims
//! write it. Names meet by the aliases of `articles/parties.toml` (case and
//! accents folded), then by the world's countries (`geo`: "Armenia",
//! "arméniens" and "Arménie" are one party, "Palestinian" is
//! "Palestiniens"); the file is for armed groups and any name the data
//! cannot know:
//!
//! ```toml
//! [[party]]
//! name = "FSR"                                   # the name shown
//! aliases = ["RSF", "Forces de soutien rapide", "Rapid Support Forces"]
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::aliases::{self, AliasEntry, ClaimantsError};
use super::fold::fold;
use crate::annotation::Party;

pub const FILE_NAME: &str = "parties.toml";

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default, rename = "party")]
    entries: Vec<AliasEntry>,
}

/// The party aliases of a project (none without a parties.toml).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parties {
    /// Folded name or alias -> the name shown.
    by_fold: HashMap<String, String>,
}

impl Parties {
    /// Reads `dir/parties.toml`; no file means no aliases.
    pub fn load(dir: &Path) -> Result<Parties, ClaimantsError> {
        aliases::load(dir, FILE_NAME, Parties::parse)
    }

    /// Parses the text of a parties.toml (`path` names it in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Parties, ClaimantsError> {
        let file: File = aliases::parse(text, path, "party", |f: &File| &f.entries)?;
        let mut by_fold = HashMap::new();
        for entry in &file.entries {
            for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                by_fold.insert(fold(alias), entry.name.trim().to_string());
            }
        }
        Ok(Parties { by_fold })
    }

    /// The party `p` stands for: its alias's name, else the country it
    /// names, else itself.
    pub fn canonical(&self, p: Party) -> Party {
        if !p.is_named() {
            return p;
        }
        if let Some(name) = self.by_fold.get(&fold(p.as_str())) {
            return Party::parse(name).unwrap_or(p);
        }
        let world = crate::geo::world();
        let country = world.country_of_adjective(p.as_str()).or_else(|| {
            world
                .place(p.as_str())
                .filter(|pl| pl.kind == crate::geo::PlaceKind::Country)
                .and_then(|pl| world.country(pl.country_code))
        });
        country.and_then(|c| Party::parse(c.party())).unwrap_or(p)
    }
}

/// `Parties::canonical`, once per party of a digest (claims repeat a few
/// parties thousands of times).
#[derive(Default)]
pub struct PartyCache(HashMap<Party, Party>);

impl PartyCache {
    pub fn get(&mut self, parties: &Parties, p: Option<Party>) -> Option<Party> {
        p.map(|p| *self.0.entry(p).or_insert_with(|| parties.canonical(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_name_one_party_whatever_the_case_and_accents() {
        let text =
            "[[party]]\nname = \"FSR\"\naliases = [\"Rapid Support Forces\", \"Forces de soutien rapide\"]\n";
        let parties = Parties::parse(text, Path::new("parties.toml")).unwrap();
        let p = |s: &str| Party::parse(s).unwrap();
        assert_eq!(parties.canonical(p("rapid support forces")), p("FSR"));
        assert_eq!(parties.canonical(p("Forces de Soutien Rapide")), p("FSR"));
        assert_eq!(parties.canonical(p("Soudan")), p("Soudan"), "no alias: itself");
        assert_eq!(parties.canonical(Party::BOTH), Party::BOTH);
    }

    #[test]
    fn a_country_written_any_way_is_its_party() {
        let none = Parties::default();
        let p = |s: &str| Party::parse(s).unwrap();
        assert_eq!(none.canonical(p("Armenia")), p("Arménie"));
        assert_eq!(none.canonical(p("arméniens")), p("Arménie"));
        assert_eq!(none.canonical(p("Ukrainian")), p("Ukraine"));
        assert_eq!(none.canonical(p("Palestinian")), p("Palestiniens"));
        assert_eq!(none.canonical(p("Kharkiv")), p("Kharkiv"), "a city is no party");
        assert_eq!(none.canonical(p("Hamas")), p("Hamas"));
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let err = Parties::parse("[[party]]\nname = \"\"\n", Path::new("p.toml")).unwrap_err();
        assert_eq!(err.to_string(), "p.toml:1: a [[party]] has an empty name");
        let err = Parties::parse("[[party]]\nname = \"A\"\nbogus = 1\n", Path::new("p.toml")).unwrap_err();
        assert!(err.to_string().starts_with("p.toml:3:"), "{err}");
    }
}
