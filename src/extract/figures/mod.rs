//! FIGURE: cardinal quantities with their qualifier and counted noun
//! ("plus de 400 morts", "entre 300 et 400 morts", "une centaine de civils",
//! "la moitié des 140.000 habitants", "thousands of soldiers", "41 des 80
//! drones"), as integer ranges. Dates, times, years, ages, durations,
//! ordinals, frequencies, shares and numbers inside names are left out, and
//! so are counts of places, buildings, strikes and targets.
//!
//! `core` reads the number, `noun` the counted noun and where the span
//! ends, `bare` the context that makes a number without a noun a figure;
//! the words they read are data (`lexicon`, lexicon/figures.txt).

mod bare;
mod core;
mod lexicon;
mod noun;
#[cfg(test)]
mod tests;

use self::core::{Article, Core};
use super::scan::Doc;
use super::vocab::{Class, SideWord};
use crate::annotation::{Qualifier, What, Who};

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Token range of the span: qualifier through counted noun.
    pub start: usize,
    pub end: usize,
    /// First token of the number itself.
    pub number: usize,
    /// The counted noun, if the figure names one.
    pub noun: Option<usize>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    /// What and whom the counted noun counts (inherited in "dont 22 civils
    /// arméniens et 31 azerbaïdjanais").
    pub what: Option<What>,
    pub who: Option<Who>,
    /// A side word right after the noun ("civils arméniens", "soldats ennemis")
    /// or before it ("Russian servicemen").
    pub side: Option<SideWord>,
    /// The claimant's own losses: "1,068 of its servicemen".
    pub own_side: bool,
    /// For a fraction ("la moitié des 140.000 habitants"): where the whole
    /// starts and its range, itself a figure.
    pub whole: Option<(usize, u64, Option<u64>, Qualifier)>,
}

pub fn find(doc: &Doc) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    // the token after the last count of places or property: the list it
    // opens counts property too ("90 appartements, 28 voitures")
    let mut property_end = None;
    let mut i = 0;
    while i < doc.toks.len() {
        let Some(core) = self::core::core_at(doc, i, &out) else {
            i += 1;
            continue;
        };
        let next = core.end.max(i + 1);
        match complete(doc, core, &out, property_end) {
            Ok(Some(fig)) => {
                i = fig.end.max(next);
                let inner = fig.whole.map(|(start, low, high, qualifier)| Figure {
                    start,
                    low: Some(low),
                    high,
                    qualifier,
                    what: None,
                    side: None,
                    whole: None,
                    ..fig.clone()
                });
                out.push(fig);
                out.extend(inner);
            }
            Ok(None) => i = next,
            Err(noun::NotCounted(end)) => {
                property_end = Some(end);
                i = next;
            }
        }
    }
    out
}

/// Adds the counted noun, the qualifier, a range ("entre 300 et 400") and a
/// fraction ("la moitié des"); refuses what is not a quantity.
fn complete(
    doc: &Doc,
    mut core: Core,
    before: &[Figure],
    property_end: Option<usize>,
) -> Result<Option<Figure>, noun::NotCounted> {
    // "entre 300 et 400", "between 300 and 400", "de 300 à 400"
    let mut range_from: Option<usize> = None;
    if core.qualifier == Qualifier::Exact
        && core.article == Article::No
        && doc.is_any(core.end, &["et", "and", "à", "to"])
    {
        let opener = core.start > 0 && lexicon::is(doc, core.start - 1, |e| e.range);
        if opener
            && let Some(second) = self::core::core_at(doc, core.end + 1, before)
                .filter(|c| c.qualifier == Qualifier::Exact && c.article == Article::No)
        {
            range_from = Some(core.start - 1);
            let low = core.low;
            core =
                Core { low, high: second.high, qualifier: Qualifier::Between, start: core.start, ..second };
        }
    }
    let phrase = noun::after(doc, &core)?;
    let counted = phrase.people || phrase.measure;
    match core.article {
        Article::No => {}
        Article::Counts if counted => {}
        Article::IfCasualty
            if phrase.people && phrase.who.is_some() && bare::casualty_near(doc, core.start, phrase.end) => {}
        Article::IfCasualty | Article::IfListFollows if counted && bare::count_follows(doc, phrase.end) => {}
        _ => return Ok(None),
    }
    // a list that counts property goes on counting it: "90 appartements, 28 voitures"
    if let Some(e) = property_end
        && core.start == e + 1
        && doc.is_any(e, &[",", "et", "and"])
        && phrase.who.is_none()
    {
        return Ok(None);
    }
    let (mut what, mut who) = (phrase.what, phrase.who);
    // "kills 21", "a tué au moins 21 personnes", "en blessant 13 autres": a
    // casualty verb counts what follows it
    let opening = lexicon::qualifier_before(doc, core.start).map_or(core.start, |(s, _)| s);
    let verb_what = (opening > 0).then(|| bare::casualty_verb(doc, opening - 1)).flatten();
    if phrase.what.is_none() && (phrase.people || phrase.elided) {
        what = verb_what;
    }
    if phrase.noun.is_none() && !phrase.elided && !core.money {
        if core.article != Article::No {
            return Ok(None);
        }
        if let Some(w) = verb_what {
            what = Some(w);
        } else if let Some(w) = bare::toll(doc, core.start) {
            what = w;
        } else if let Some(w) = bare::subject(doc, &core) {
            what = w;
        } else if let Some(w) = bare::shares_next_noun(doc, core.end) {
            what = w;
        } else if !bare::inherit(before, core.start, doc, &mut what, &mut who) {
            // an ellipsis in a list: "onze civils … : neuf en Azerbaïdjan et deux"
            return Ok(None);
        }
    } else if what.is_none() && (phrase.people || phrase.elided) {
        // "plus de 400 morts, dont 22 civils": the list counts the same thing;
        // "30 autres": the same people too (a distance or a sum counts nothing)
        let mut inherited_who = None;
        bare::inherit(before, core.start, doc, &mut what, &mut inherited_who);
        if phrase.elided && who.is_none() {
            who = inherited_who;
        }
    }
    if definite_non_count(doc, &core, &phrase, what) {
        return Ok(None);
    }
    let mut start = range_from.unwrap_or(core.start);
    let (mut low, mut high, mut qualifier) = (Some(core.low), core.high, core.qualifier);
    let mut whole = None;
    if let Some((s, num, div)) = fraction_before(doc, start) {
        whole = Some((start, core.low, high, qualifier));
        start = s;
        low = low.map(|l| l * num / div);
        high = high.map(|h| h * num / div);
        if qualifier == Qualifier::Exact {
            qualifier = Qualifier::About;
        }
    }
    if qualifier != Qualifier::Between
        && let Some((s, q)) = lexicon::qualifier_before(doc, start)
    {
        start = s;
        (low, high, qualifier) = apply_qualifier(q, low, high);
    }
    Ok(Some(Figure {
        start,
        end: phrase.end,
        number: core.number,
        noun: phrase.noun,
        low,
        high,
        qualifier,
        what,
        who,
        side: phrase.side,
        own_side: phrase.own_side,
        whole,
    }))
}

/// "les deux pays", "ses deux homologues", "Les 193 membres de
/// l'Assemblée": a definite number that does not count casualties is no
/// count.
fn definite_non_count(doc: &Doc, core: &Core, phrase: &noun::Phrase, what: Option<What>) -> bool {
    let title = phrase.noun.is_some_and(|n| doc.toks[n].word.class == Class::Title);
    core.qualifier == Qualifier::Exact
        && core.article == Article::No
        && what.is_none()
        && phrase.who.is_none()
        && !phrase.elided
        && !phrase.measure
        && (core.words || phrase.noun.is_some())
        && !(core.words && title)
        && core.start > 0
        && lexicon::is(doc, core.start - 1, |e| e.definite)
}

/// "la moitié des", "un tiers des", "deux tiers des", "half of the": start
/// token, numerator and divisor.
fn fraction_before(doc: &Doc, start: usize) -> Option<(usize, u64, u64)> {
    if start < 2 {
        return None;
    }
    let of = start - 1;
    let (frac, div) = if doc.is_any(of, &["des", "de"]) {
        let f = of - 1;
        match doc.tok_lower(f) {
            "moitié" => (f, 2),
            "tiers" => (f, 3),
            "quart" | "quarts" => (f, 4),
            _ => return None,
        }
    } else if doc.is(of, "the") && start >= 3 && doc.is(of - 1, "of") && doc.is(of - 2, "half") {
        (of - 2, 2)
    } else {
        return None;
    };
    if frac > 0
        && let Class::Num(n @ 2..=3) = doc.toks[frac - 1].word.class
    {
        return Some((frac - 1, n, div));
    }
    let s = if frac > 0 && doc.is_any(frac - 1, &["la", "un", "le", "a"]) { frac - 1 } else { frac };
    Some((s, 1, div))
}

/// The range a qualifier gives: "plus de 400" is 400 and up, "jusqu'à 400"
/// is up to 400 with no floor; on an approximation ("plus d'une centaine")
/// the phrase wins.
fn apply_qualifier(
    q: Qualifier,
    low: Option<u64>,
    high: Option<u64>,
) -> (Option<u64>, Option<u64>, Qualifier) {
    match q {
        Qualifier::MoreThan | Qualifier::AtLeast => (low, None, q),
        Qualifier::UpTo => (None, high.or(low), q),
        _ => (low, high, q),
    }
}
