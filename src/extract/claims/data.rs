//! The attribution data (lexicon/claimants.tsv, lexicon/parties.tsv),
//! parsed once: every key folded as `geo::fold` folds ("Haut-Karabakh" and
//! "haut karabakh" meet).

use std::sync::LazyLock;

use crate::geo::{Country, fold};

/// The hasher of the claims' tables.
pub type Fast = crate::hash::FxBuild;
pub type Map<K, V> = crate::hash::FxHashMap<K, V>;

pub struct Data {
    /// Folded name -> canonical claimant.
    pub aliases: Map<String, &'static str>,
    /// Canonical claimant -> the party it speaks for (where its name does
    /// not say: "Vladimir Poutine" -> "Russie").
    pub speaks_for: Map<&'static str, &'static str>,
    /// Words that are never a claimant.
    pub never: Vec<String>,
    /// Heads of common-noun sources kept as written.
    pub generic: Vec<String>,
    /// Folded English phrase -> French claimant.
    pub english: Map<String, &'static str>,
    /// State bodies: groups of alternatives the name must hold, template.
    pub bodies: Vec<(Vec<Vec<String>>, &'static str)>,
    /// Folded name -> armed group (its party and its name as claimant).
    pub groups: Map<String, &'static str>,
    /// Folded place name -> (party, authorities as claimant).
    pub places: Map<String, (&'static str, &'static str)>,
    /// Folded authorities of a place -> their party (`places` read the
    /// other way, folded once rather than at every claimant).
    pub authorities: Map<String, &'static str>,
    /// Folded noun -> party of unnamed attackers.
    pub unnamed: Map<String, &'static str>,
    /// The longest key of `groups` and `places`, in words.
    pub longest_name: usize,
}

pub static DATA: LazyLock<Data> = LazyLock::new(|| {
    let mut d = Data {
        aliases: Map::default(),
        speaks_for: Map::default(),
        never: Vec::new(),
        generic: Vec::new(),
        english: Map::default(),
        bodies: Vec::new(),
        groups: Map::default(),
        places: Map::default(),
        authorities: Map::default(),
        unnamed: Map::default(),
        longest_name: 1,
    };
    let rows = crate::text::data_lines(include_str!("../lexicon/claimants.tsv"))
        .chain(crate::text::data_lines(include_str!("../lexicon/parties.tsv")));
    for (_, line) in rows {
        let f: Vec<&'static str> = line.split('\t').collect();
        let field = |i: usize| f.get(i).copied().unwrap_or("");
        let names = |i: usize| field(i).split('|').filter(|s| !s.is_empty()).map(fold);
        match field(0) {
            "alias" => {
                d.aliases.extend(names(2).map(|n| (n, field(1))));
                if !field(3).is_empty() {
                    d.speaks_for.insert(field(1), field(3));
                }
            }
            "generic" => d.generic.extend(names(1)),
            "never" => d.never.extend(names(1)),
            "english" => {
                d.english.insert(fold(field(1)), field(2));
            }
            "body" => {
                let keys = field(1).split('+').map(|g| g.split('|').map(fold).collect()).collect();
                d.bodies.push((keys, field(2)));
            }
            "group" => d.groups.extend(names(2).map(|n| (n, field(1)))),
            "place" => d.places.extend(names(2).map(|n| (n, (field(1), field(3))))),
            "unnamed" => d.unnamed.extend(names(2).map(|n| (n, field(1)))),
            other => panic!("claims data: unknown row kind {other:?}"),
        }
    }
    d.longest_name = d.groups.keys().chain(d.places.keys()).map(|k| k.split(' ').count()).max().unwrap_or(1);
    // the first place of the file wins, as a scan of `places` found it
    let mut rows: Vec<(&String, &(&'static str, &'static str))> = d.places.iter().collect();
    rows.sort_by_key(|(k, _)| k.as_str());
    for (_, &(party, authorities)) in rows {
        d.authorities.entry(fold(authorities)).or_insert(party);
    }
    d
});

/// A country's French adjectives: masculine, feminine, masculine plural,
/// feminine plural ("arménien", "arménienne", "arméniens", "arméniennes";
/// "russe", "russe", "russes", "russes").
pub fn adjectives(c: &Country) -> [&'static str; 4] {
    // French adjectives are written lowercase in the data, English ones capitalised
    let fr: Vec<&'static str> =
        c.adjectives.iter().copied().filter(|a| a.chars().next().is_some_and(char::is_lowercase)).collect();
    let m = fr.first().copied().unwrap_or(c.name_fr);
    let f = fr.iter().copied().find(|a| a.ends_with('e')).unwrap_or(m);
    let mp =
        fr.iter().copied().find(|a| a.ends_with('s') && !a.ends_with("es") || *a == m && m.ends_with('s'));
    let fp = fr.iter().copied().find(|a| a.ends_with("es")).unwrap_or(m);
    [m, f, mp.unwrap_or(fp), fp]
}

/// "d'Arménie", "de Russie", "du Soudan"-less French "of" (the guide writes
/// "bureau du procureur général d'Azerbaïdjan").
pub fn of_country(c: &Country) -> String {
    let name = c.name_fr;
    if name.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Î', 'H']) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::world;

    #[test]
    fn the_data_parses_and_adjectives_agree_in_gender() {
        assert!(DATA.groups.contains_key("hamas"));
        assert_eq!(DATA.places.get("haut karabakh").map(|p| p.0), Some("Arménie"));
        let am = world().country_of_adjective("Armenian").unwrap();
        assert_eq!(adjectives(am), ["arménien", "arménienne", "arméniens", "arméniennes"]);
        let ru = world().country_of_adjective("russe").unwrap();
        assert_eq!(adjectives(ru), ["russe", "russe", "russes", "russes"]);
        let sd = world().country_of_adjective("Sudanese").unwrap();
        assert_eq!(adjectives(sd)[3], "soudanaises");
        assert_eq!(of_country(world().country_of_adjective("azéri").unwrap()), "d'Azerbaïdjan");
    }
}
