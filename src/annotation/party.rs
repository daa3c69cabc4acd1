//! The party whose losses a claim counts: any country, people or armed group
//! by its canonical name ("Arménie", "Ukraine", "Hamas"), or `both`, or
//! `unknown` (ANNOTATION_GUIDE, claims).
//!
//! A party is a name, but claims are counted, sorted and grouped by it by the
//! hundred thousand: names are interned once per process and a `Party` is a
//! `Copy` index of four bytes. Parties are few (one per belligerent); the
//! table only grows with names read from files.

use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, RwLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An interned party name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Party(u32);

const BOTH: &str = "both";
const UNKNOWN: &str = "unknown";

/// The codes of the two-sided model files written before parties existed,
/// and the party each stands for.
const LEGACY: &[(&str, &str)] = &[("armenian", "Arménie"), ("azerbaijani", "Azerbaïdjan")];

struct Interner {
    names: Vec<&'static str>,
    ids: HashMap<&'static str, u32>,
}

static INTERNER: LazyLock<RwLock<Interner>> = LazyLock::new(|| {
    let mut i = Interner { names: Vec::new(), ids: HashMap::new() };
    for name in [BOTH, UNKNOWN] {
        i.ids.insert(name, i.names.len() as u32);
        i.names.push(name);
    }
    RwLock::new(i)
});

impl Party {
    /// Every party at once ("de chaque côté", "both sides").
    pub const BOTH: Party = Party(0);
    /// The text does not say whose losses.
    pub const UNKNOWN: Party = Party(1);

    /// The party written `name` (trimmed); `None` for an empty name. Older
    /// files' `armenian`/`azerbaijani` read as "Arménie"/"Azerbaïdjan".
    pub fn parse(name: &str) -> Option<Party> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let name = LEGACY.iter().find(|(code, _)| *code == name).map_or(name, |&(_, party)| party);
        Some(Party::intern(name))
    }

    fn intern(name: &str) -> Party {
        if let Some(&id) = INTERNER.read().unwrap_or_else(|e| e.into_inner()).ids.get(name) {
            return Party(id);
        }
        let mut table = INTERNER.write().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = table.ids.get(name) {
            return Party(id);
        }
        let id = table.names.len() as u32;
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        table.names.push(name);
        table.ids.insert(name, id);
        Party(id)
    }

    pub fn as_str(self) -> &'static str {
        INTERNER.read().unwrap_or_else(|e| e.into_inner()).names[self.0 as usize]
    }

    /// A named party: neither `both` nor `unknown`.
    pub fn is_named(self) -> bool {
        self != Party::BOTH && self != Party::UNKNOWN
    }

    /// The index in this process's table (what compact rows store).
    pub fn index(self) -> u32 {
        self.0
    }

    /// The party of an index given by `index` in this process.
    pub fn from_index(index: u32) -> Option<Party> {
        let table = INTERNER.read().unwrap_or_else(|e| e.into_inner());
        ((index as usize) < table.names.len()).then_some(Party(index))
    }
}

impl PartialOrd for Party {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By name, so that tables sort alphabetically whatever the reading order.
impl Ord for Party {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.0 == other.0 {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Party({:?})", self.as_str())
    }
}

impl Serialize for Party {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Party {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Party::parse(&name).ok_or_else(|| serde::de::Error::custom("an empty party"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_codes_read_as_the_parties_they_meant() {
        assert_eq!(Party::parse("armenian").unwrap().as_str(), "Arménie");
        assert_eq!(Party::parse("azerbaijani"), Party::parse("Azerbaïdjan"));
        assert_eq!(Party::parse("both"), Some(Party::BOTH));
        assert_eq!(Party::parse(" unknown "), Some(Party::UNKNOWN));
        assert_eq!(Party::parse("  "), None);
    }

    #[test]
    fn any_party_is_one_value_however_often_it_is_read() {
        let a = Party::parse("Hamas").unwrap();
        assert_eq!(Party::parse("Hamas"), Some(a));
        assert!(a.is_named() && !Party::BOTH.is_named());
        assert_ne!(Party::parse("Ukraine"), Some(a));
        assert_eq!(Party::from_index(a.index()), Some(a));
    }

    #[test]
    fn parties_sort_by_name_and_round_trip_as_strings() {
        let mut v = vec![Party::parse("Ukraine").unwrap(), Party::parse("Russie").unwrap()];
        v.sort();
        assert_eq!(v[0].as_str(), "Russie");
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"["Russie","Ukraine"]"#);
        let back: Vec<Party> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert!(serde_json::from_str::<Party>(r#""""#).is_err());
    }
}
