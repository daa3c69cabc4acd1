//! Canonical claimant names, French in every language (ANNOTATION_GUIDE,
//! claims: claimant): a state body by its function and country ("Armenia's
//! defence ministry" -> "ministère arménien de la Défense"), a place by its
//! authorities ("Kyiv says" -> "autorités ukrainiennes"), a person or body
//! by its usual French name, a common-noun source kept as written when its
//! head is a source word ("sources sécuritaires"); anything else is no
//! claimant (`None`).

use super::data::{DATA, adjectives, of_country};
use crate::extract::entities::Entity;
use crate::extract::scan::Doc;
use crate::geo::{Country, PlaceKind, fold, world};

/// The claimant an entity names, if it can be one; a body named by its
/// function alone ("le ministère de la Santé") is `context`'s.
pub fn of_entity(context: Option<&Country>, doc: &Doc, ent: &Entity) -> Option<String> {
    let text = &doc.text[doc.toks[ent.start].start..doc.toks[ent.end - 1].end];
    let key = fold(text);
    if DATA.never.contains(&key) {
        return None;
    }
    if let Some(a) = alias(&key) {
        return Some(a.to_string());
    }
    if let Some(g) = DATA.groups.get(&key) {
        return Some(g.to_string());
    }
    if ent.is("LOC") {
        return of_place(&key);
    }
    if ent.is("PER") {
        return Some(ent.canonical.clone().unwrap_or_else(|| text.to_string()));
    }
    if let Some(b) = group_body(&key).or_else(|| body(&key, country_in(&key))) {
        return Some(b);
    }
    // no other name in it than its function: "ministère de la Santé", "Defense Ministry"
    let bare = text
        .split([' ', '\''])
        .skip(1)
        .all(|w| !w.chars().next().is_some_and(char::is_uppercase) || FUNCTIONS.contains(&fold(w).as_str()));
    if bare
        && ent.canonical.is_none()
        && let Some(b) = body(&key, context)
    {
        return Some(b);
    }
    if let Some(c) = &ent.canonical {
        return Some(c.clone());
    }
    // "Ministère de …" opening a sentence is a common noun; "Zvezda" a name
    if !text.contains(' ') {
        return Some(text.to_string());
    }
    Some(lower_first(text))
}

/// The canonical name of an alias the folded name is, or opens with when
/// the alias has several words ("ministère de la Santé du Hamas
/// palestinien", a name glued to the spokesman after it).
fn alias(key: &str) -> Option<&'static str> {
    if let Some(a) = DATA.aliases.get(key) {
        return Some(a);
    }
    key.match_indices(' ')
        .map(|(i, _)| &key[..i])
        .filter(|k| k.contains(' '))
        .rev()
        .find_map(|k| DATA.aliases.get(k).copied())
}

/// "Bakou affirme": the authorities of a country or its capital; a town
/// is never a claimant.
pub fn of_place(key: &str) -> Option<String> {
    if let Some((_, authorities)) = DATA.places.get(key)
        && !authorities.is_empty()
    {
        return Some(authorities.to_string());
    }
    let w = world();
    let place = w.place(key)?;
    let country = w.country(place.country_code)?;
    let capital = fold(country.capital_fr) == key || fold(country.capital_en) == key;
    (place.kind == PlaceKind::Country || capital).then(|| format!("autorités {}", adjectives(country)[3]))
}

/// The claimant a common-noun phrase names ("les autorités locales",
/// "Ukrainian officials", "the Armenian health ministry"), with the country
/// of the context when the phrase names none (`context`).
pub fn of_phrase(words: &str, context: Option<&Country>) -> Option<String> {
    let key = fold(words);
    let key = key.trim_start_matches("the ").trim_start_matches("a ").trim_start_matches("an ");
    let unarticled = ["le ", "la ", "les ", "l'"].iter().find_map(|a| key.strip_prefix(a)).unwrap_or(key);
    if let Some(a) = alias(unarticled) {
        return Some(a.to_string());
    }
    if let Some(g) = DATA.groups.get(key) {
        return Some(g.to_string());
    }
    // "l'agence de presse SABA", "l'agence officielle Sana": a generic head before a known name
    if DATA.generic.iter().any(|g| unarticled.starts_with(&format!("{g} ")))
        && let Some(a) = words
            .split([' ', '\''])
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .find_map(|w| alias(&fold(w)))
    {
        return Some(a.to_string());
    }
    if let Some(e) = english_source(words) {
        return Some(e);
    }
    if DATA.never.iter().any(|n| n == key) {
        return None;
    }
    let head = key.split(' ').next()?;
    // "les Ukrainiens disent", "the Russians said": a people speaks through its authorities
    if let [people] = unarticled.split(' ').collect::<Vec<_>>().as_slice()
        && words
            .trim()
            .split(' ')
            .next_back()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && people.ends_with('s')
        && let Some(c) = world().country_of_adjective(people)
    {
        return Some(format!("autorités {}", adjectives(c)[3]));
    }
    // "responsables du Haut-Karabakh": the authorities of a place with its own
    let authorities = ["autorites", "responsables", "officials", "authorities", "leaders", "dirigeants"];
    if authorities.contains(&head) {
        let words: Vec<&str> = key.split(' ').collect();
        for n in (1..=3).rev() {
            for w in words.windows(n) {
                if let Some((_, a)) = DATA.places.get(&w.join(" ")).filter(|(_, a)| !a.is_empty()) {
                    return Some(a.to_string());
                }
            }
        }
    }
    let generic = DATA.generic.iter().any(|g| g == head);
    let named = country_in(key);
    if let Some(b) = group_body(key) {
        return Some(b);
    }
    if (named.is_some() || !generic && context.is_some())
        && let Some(b) = body(key, named.or(context))
    {
        return Some(b);
    }
    // "the Iranian-backed Houthis", "les rebelles houthis": the group; a
    // source of the group, "les médias affiliés aux rebelles houthistes",
    // is "médias houthis"
    if let Some(g) = key.split([' ', '\'']).find_map(|w| DATA.groups.get(w)) {
        // "a source close to Hezbollah", "une source proche du Hamas"
        if head.starts_with("source") && (key.contains(" close to ") || key.contains(" proche")) {
            let plural = if head.ends_with('s') { "s proches" } else { " proche" };
            return Some(format!("source{plural} du {g}"));
        }
        if generic && head != "militants" {
            let head_written = words.split(' ').find(|w| fold(w) == head).unwrap_or(head).to_lowercase();
            return Some(format!("{head_written} {}", g.to_lowercase()));
        }
        return Some(g.to_string());
    }
    // a source with its adjectives only: "sources sécuritaires", not "gouverneur dans un"
    const NOT_ADJECTIVE: &[&str] = &[
        "dans", "un", "une", "le", "la", "les", "des", "du", "de", "d", "a", "au", "aux", "sur", "in", "on",
        "at", "the", "of", "par", "by", "et", "and", "qui", "that", "en", "pour", "for", "with", "avec",
    ];
    let plain = key.split(' ').skip(1).all(|w| !NOT_ADJECTIVE.contains(&w));
    (generic && plain).then(|| words.trim().to_lowercase())
}

/// An English common-noun source in French, also before its modifiers:
/// "a health official involved in the relief effort" -> "responsable sanitaire".
pub fn english_source(words: &str) -> Option<String> {
    let key = fold(words);
    let key = key.trim_start_matches("the ").trim_start_matches("a ").trim_start_matches("an ");
    if let Some(e) = DATA.english.get(key) {
        return Some(e.to_string());
    }
    // "Armenian separatists": the source without its people's adjective
    if let Some((adjective, rest)) = key.split_once(' ')
        && world().country_of_adjective(adjective).is_some()
        && let Some(e) = DATA.english.get(rest)
    {
        return Some(e.to_string());
    }
    let mut ends = key.match_indices(' ').map(|(i, _)| i).collect::<Vec<_>>();
    ends.reverse();
    ends.iter().find_map(|&i| DATA.english.get(&key[..i])).map(|e| e.to_string())
}

/// Capitalised words that name a function, not a place or a person.
const FUNCTIONS: &[&str] = &[
    "defense",
    "defence",
    "sante",
    "health",
    "ministry",
    "ministere",
    "affaires",
    "etrangeres",
    "foreign",
    "interieur",
    "interior",
    "affairs",
];

/// A body of an armed group named by its function: "the Houthi-run health
/// ministry" -> "ministère houthi de la Santé".
fn group_body(key: &str) -> Option<String> {
    let word = key.split([' ', '\'']).find(|w| DATA.groups.contains_key(*w))?;
    // "houthis" has the adjective "houthi"; a name that is no plural
    // ("Hamas") has none, and its bodies are named in the alias data
    let adjective = match word.strip_suffix('s') {
        Some(a) => DATA.groups.contains_key(a).then_some(a)?,
        None => word,
    };
    let (_, template) = DATA.bodies.iter().find(|(groups, _)| {
        groups.iter().all(|g| g.iter().any(|alt| key.split(' ').any(|w| w.starts_with(alt.as_str()))))
    })?;
    if template.contains("{of}") || template.starts_with("autorités") {
        return None;
    }
    Some(
        template
            .replace("{mp}", adjective)
            .replace("{fp}", adjective)
            .replace("{m}", adjective)
            .replace("{f}", adjective),
    )
}

/// A state body's French name from its function and country.
fn body(key: &str, country: Option<&Country>) -> Option<String> {
    let country = country?;
    // a word of the name starts with the alternative (one word), or the name
    // holds it from a word's start (several words)
    let words: Vec<&str> = key.split([' ', '\'']).collect();
    let holds = |alt: &String| {
        if !alt.contains(' ') {
            return words.iter().any(|w| w.starts_with(alt.as_str()));
        }
        key.match_indices(alt.as_str()).any(|(i, _)| i == 0 || key.as_bytes()[i - 1] == b' ')
    };
    let (_, template) = DATA.bodies.iter().find(|(groups, _)| groups.iter().all(|g| g.iter().any(holds)))?;
    let [m, f, mp, fp] = adjectives(country);
    Some(
        template
            .replace("{mp}", mp)
            .replace("{fp}", fp)
            .replace("{m}", m)
            .replace("{f}", f)
            .replace("{of}", &of_country(country)),
    )
}

/// The country a folded phrase names by an adjective, a demonym or a place
/// ("ministère de la défense d'azerbaidjan", "armenia's defence ministry").
pub fn country_in(key: &str) -> Option<&'static Country> {
    let w = world();
    let words: Vec<&str> = key.split([' ', '\'']).filter(|x| !x.is_empty()).collect();
    // a window opens on an adjective or a place's first word, or it is none;
    // asked once a word, not once a window length
    let opens: Vec<bool> = words.iter().map(|x| super::side::may_open(x) || w.starts_place(x)).collect();
    for n in (1..=3).rev() {
        for (_, win) in words.windows(n).enumerate().filter(|&(i, _)| opens[i]) {
            let k = win.join(" ");
            if let Some(c) = w.country_of_adjective(&k) {
                return Some(c);
            }
            if let Some(p) = w.place(&k)
                && p.kind == PlaceKind::Country
            {
                return w.country(p.country_code);
            }
        }
    }
    None
}

fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_get_their_french_names_in_any_language() {
        assert_eq!(
            of_phrase("Armenia's defence ministry", None).as_deref(),
            Some("ministère arménien de la Défense")
        );
        assert_eq!(
            of_phrase("the Ukrainian health ministry", None).as_deref(),
            Some("ministère ukrainien de la Santé")
        );
        assert_eq!(of_phrase("Israel's military", None).as_deref(), Some("armée israélienne"));
        assert_eq!(of_phrase("Sudanese officials", None).as_deref(), Some("autorités soudanaises"));
        assert_eq!(
            of_phrase(
                "le parquet",
                Some(world().place("Azerbaïdjan").and_then(|p| world().country(p.country_code)).unwrap())
            )
            .as_deref(),
            Some("bureau du procureur général d'Azerbaïdjan")
        );
        assert_eq!(of_phrase("Putin", None).as_deref(), Some("Vladimir Poutine"));
        assert_eq!(of_phrase("local sources", None).as_deref(), Some("sources locales"));
        assert_eq!(of_phrase("sources sécuritaires", None).as_deref(), Some("sources sécuritaires"));
    }

    #[test]
    fn junk_words_and_towns_are_no_claimants() {
        assert_eq!(of_phrase("affirmations", None), None);
        assert_eq!(of_phrase("nos", None), None);
        assert_eq!(of_place(&fold("Kharkiv")), None);
        assert_eq!(of_place(&fold("Kyiv")).as_deref(), Some("autorités ukrainiennes"));
        assert_eq!(of_place(&fold("Bakou")).as_deref(), Some("autorités azerbaïdjanaises"));
        assert_eq!(of_place(&fold("Liban")).as_deref(), Some("autorités libanaises"));
        assert_eq!(of_place(&fold("Stepanakert")).as_deref(), Some("autorités séparatistes"));
    }
}
