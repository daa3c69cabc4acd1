//! CLAIM: a figure that counts casualties (killed, wounded, missing,
//! displaced, captured, equipment destroyed) with whoever states it. One
//! claim per figure; the span is the figure's. The claimant comes from
//! "selon X", "d'après X", "according to X", "X a affirmé / annoncé /
//! indiqué / fait état de", "a déclaré X", "X said", "bilan officiel"; an
//! unattributed figure is "non attribué". "ennemis" is resolved from the
//! claimant's side.

use super::dates::DateFound;
use super::entities::Entity;
use super::figures::Figure;
use super::scan::{Doc, TokKind};
use super::vocab::{Class, SAY, SideWord};
use crate::annotation::{Attrs, Side, What, Who};
use crate::date::PartialDate;

pub const UNATTRIBUTED: &str = "non attribué";
pub const OFFICIAL: &str = "bilan officiel";
pub const EACH_SIDE: &str = "chaque camp";

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Token range (the figure's).
    pub start: usize,
    pub end: usize,
    pub attrs: Attrs,
}

pub fn find(
    doc: &Doc,
    figures: &[Figure],
    entities: &[Entity],
    _dates: &[DateFound],
    reference: Option<PartialDate>,
    outlet: Option<&str>,
) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    // what and whom the previous claim counted, and its sentence: an
    // ellipsis ("onze civils … : neuf en Azerbaïdjan et deux côté arménien")
    // counts the same
    let mut last: Option<(usize, What, Option<Who>)> = None;
    for (k, f) in figures.iter().enumerate() {
        // the whole a fraction is taken of ("des 140.000 habitants") is a population
        if k > 0
            && figures[k - 1].whole.is_some()
            && f.start > figures[k - 1].start
            && f.end <= figures[k - 1].end
        {
            continue;
        }
        let sentence = doc.sentence_index(f.number);
        let elided = f.noun.is_none() || matches!(doc.toks[f.noun.unwrap_or(0)].word.class, Class::Nat(_));
        let from_last = last.filter(|(s, _, _)| elided && *s == sentence);
        let Some(what) = what_of(doc, f).or(from_last.map(|(_, w, _)| w)) else { continue };
        let claimant = claimant_of(doc, f, entities, outlet);
        let who = match what {
            What::Equipment => Some(Who::Military),
            _ => match f.who.or(from_last.and_then(|(_, _, w)| w)) {
                Some(Who::All) | None => who_from_context(doc, f),
                Some(w) => w,
            }
            .into(),
        };
        last = Some((sentence, what, who));
        let side = side_of(doc, f, &claimant, who);
        out.push(Claim {
            start: f.start,
            end: f.end,
            attrs: Attrs {
                claimant: Some(claimant),
                count_low: f.low,
                count_high: f.high,
                qualifier: Some(f.qualifier),
                what: Some(what),
                who,
                side: Some(side),
                as_of: reference,
                ..Attrs::default()
            },
        });
    }
    out
}

/// What a figure counts, if casualties: from its noun, else from a cue in
/// its clause ("la mort de 550 soldats", "200 militaires tués",
/// "la destruction de 30 véhicules").
fn what_of(doc: &Doc, f: &Figure) -> Option<What> {
    let (s, e) = doc.sentence_of(f.number);
    let before = f.start.saturating_sub(5).max(s)..f.start;
    let after = f.end..(f.end + 8).min(e);
    let cue = |range: std::ops::Range<usize>, words: &[&str]| range.clone().any(|t| doc.is_any(t, words));
    if f.what == Some(What::Equipment) {
        let destroyed =
            ["destruction", "détruit", "détruits", "détruites", "abattu", "abattus", "destroyed", "downed"];
        return (cue(before.clone(), &destroyed)
            || cue(after.clone(), &destroyed)
            || cue(f.start.saturating_sub(12).max(s)..f.start, &["destruction"]))
        .then_some(What::Equipment);
    }
    if let Some(w) = f.what {
        return Some(w);
    }
    if f.noun.is_none() && f.who.is_none() {
        return None;
    }
    const KILLED: &[&str] = &[
        "tués",
        "tuées",
        "tué",
        "tuée",
        "morts",
        "mort",
        "éliminé",
        "éliminés",
        "éliminer",
        "neutralisé",
        "killed",
        "died",
        "dead",
    ];
    if cue(
        before.clone(),
        &["mort", "décès", "éliminé", "éliminer", "tué", "perte", "pertes", "tuer", "killing", "death"],
    ) || cue(after.clone(), KILLED)
    {
        return Some(What::Killed);
    }
    if (f.end..(f.end + 5).min(e)).any(|t| doc.is(t, "perdu") && doc.is(t + 2, "vie")) {
        return Some(What::Killed);
    }
    if cue(after.clone(), &["blessés", "blessées", "blessé", "wounded", "injured"]) {
        return Some(What::Wounded);
    }
    if cue(after.clone(), &["déplacés", "déplacées", "fui", "réfugiés", "displaced", "fled"]) {
        return Some(What::Displaced);
    }
    if cue(after.clone(), &["disparus", "missing"]) {
        return Some(What::Missing);
    }
    if cue(after, &["capturés", "faits", "captured"]) || cue(before, &["capture"]) {
        return Some(What::Captured);
    }
    None
}

fn who_from_context(doc: &Doc, f: &Figure) -> Who {
    let (_, e) = doc.sentence_of(f.number);
    // up to the next number: "400 morts, dont 22 civils" counts everyone
    let stop = (f.end..(f.end + 4).min(e))
        .find(|&t| doc.toks[t].kind == TokKind::Num || doc.is_any(t, &["dont", "including"]))
        .unwrap_or((f.end + 4).min(e));
    if (f.end..stop).any(|t| doc.is_any(t, &["civils", "civiles", "civilian", "civilians"])) {
        return Who::Civilians;
    }
    Who::All
}

/// Who states the figure, by canonical name. The outlet stands for its own
/// tallies ("selon des bilans partiels" in an AFP dispatch) and for a
/// figure nobody else is said to give.
fn claimant_of(doc: &Doc, f: &Figure, entities: &[Entity], outlet: Option<&str>) -> String {
    let (s, e) = doc.sentence_of(f.number);
    // "selon X", "d'après X", "according to X", "de source X": nearest to the figure
    let mut best: Option<(usize, String)> = None;
    for t in s..e {
        let opener = if doc.is_any(t, &["selon"]) {
            Some(t + 1)
        } else if doc.is(t, "d") && doc.is(t + 2, "après") {
            Some(t + 3)
        } else if doc.is(t, "according") && doc.is(t + 1, "to") {
            Some(t + 2)
        } else if doc.is(t, "de") && doc.is_any(t + 1, &["source", "sources"]) {
            Some(t + 1)
        } else {
            None
        };
        if let Some(k) = opener {
            if let Some(mut name) = phrase_at(doc, k, e, entities) {
                if let (Some(o), true) = (
                    outlet,
                    name.starts_with("bilans")
                        || name == "bilan"
                        || name.starts_with("bilan ") && name != OFFICIAL,
                ) {
                    name = o.to_string();
                }
                let dist = t.abs_diff(f.start);
                if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                    best = Some((dist, name));
                }
            }
        }
    }
    // "X a annoncé / affirmé / fait état de …" before the figure
    let subject = subject_of_saying(doc, s, f.start, entities);
    match (best, subject) {
        (Some((d, name)), Some((verb, subj))) => return if f.start - verb < d { subj } else { name },
        (Some((_, name)), None) => return name,
        (None, Some((_, subj))) => return subj,
        (None, None) => {}
    }
    // "… a déclaré X", "X said" after the figure
    for t in f.end..e {
        if doc.toks[t].word.has(SAY) {
            if let Some(ent) = entities.iter().find(|en| en.start > t && en.start <= t + 4 && en.end <= e) {
                return canonical(doc, ent);
            }
            if t > f.end {
                if let Some(ent) = entities.iter().rev().find(|en| en.end <= t && en.start >= f.end) {
                    return canonical(doc, ent);
                }
            }
        }
    }
    if (s..e).any(|t| doc.is(t, "bilan") && doc.is_any(t + 1, &["officiel"]))
        || (s..e).any(|t| doc.is(t, "official") && doc.is_any(t + 1, &["toll", "figures", "count"]))
    {
        return OFFICIAL.to_string();
    }
    outlet.unwrap_or(UNATTRIBUTED).to_string()
}

/// The subject of an attribution verb between the sentence start and the
/// figure, with the verb's token: the nearest entity or noun phrase before
/// the verb, or the sentence's subject ("Erevan et Bakou … clament").
fn subject_of_saying(doc: &Doc, s: usize, fig: usize, entities: &[Entity]) -> Option<(usize, String)> {
    let verb = (s..fig).rev().find(|&t| {
        doc.toks[t].word.has(SAY) && !doc.is_any(t, &["selon", "according"])
            || (doc.is(t, "fait") && doc.is(t + 1, "état"))
    })?;
    let name = subject_before(doc, s, verb, entities)?;
    Some((verb, name))
}

fn subject_before(doc: &Doc, s: usize, verb: usize, entities: &[Entity]) -> Option<String> {
    if let Some(ent) = entities.iter().rev().find(|en| en.end <= verb && en.start >= s && verb - en.end <= 4)
    {
        return Some(canonical(doc, ent));
    }
    // the sentence opens on its subject: "Erevan et Bakou s'accusent … et clament"
    let opening: Vec<&Entity> =
        entities.iter().filter(|en| en.start >= s && en.start <= s + 4 && en.end <= verb).take(2).collect();
    if let [a, b] = opening.as_slice() {
        if b.start == a.end + 1 && doc.is_any(a.end, &["et", "and"]) {
            let (sa, sb) = (claimant_side(&canonical(doc, a)), claimant_side(&canonical(doc, b)));
            if sa.is_some() && sb.is_some() && sa != sb {
                return Some(EACH_SIDE.to_string());
            }
        }
    }
    if let Some(a) = opening.first().filter(|a| a.start <= s + 1) {
        return Some(canonical(doc, a));
    }
    // a common noun phrase just before: "chaque camp affirmant", "le bilan officiel a …"
    let mut k = verb;
    while k > s
        && doc.is_any(
            k - 1,
            &["a", "ont", "avait", "avaient", "lui", "aussi", "has", "have", "had", "se", "s", "'"],
        )
    {
        k -= 1;
    }
    let mut start = k;
    const CONJUNCTIONS: &[&str] = &["car", "mais", "donc", "or", "puis", "because", "but", "while"];
    while start > s
        && start + 3 > k
        && doc.toks[start - 1].kind == TokKind::Word
        && doc.toks[start - 1].word.class != Class::Stop
        && !doc.is_any(start - 1, CONJUNCTIONS)
    {
        start -= 1;
    }
    if start == k {
        return None;
    }
    let phrase = (start..k).map(|t| doc.tok_lower(t)).collect::<Vec<_>>().join(" ");
    Some(phrase)
}

/// The name a phrase after "selon" gives: an entity starting within its
/// first words, "cités par X", else the noun with its adjectives
/// ("autorités séparatistes", "bilan officiel").
fn phrase_at(doc: &Doc, k: usize, e: usize, entities: &[Entity]) -> Option<String> {
    let mut t = k;
    while t < e
        && (doc.is_any(
            t,
            &["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an", "ce", "ces"],
        ) || doc.toks[t].is_punct(b'\''))
    {
        t += 1;
    }
    // "des bilans incomplets des combats cités par l'AFP"
    for p in t..(t + 8).min(e) {
        if doc.is_any(p, &["par", "by"])
            && p > 0
            && doc.is_any(p - 1, &["cités", "cité", "compilés", "établi", "établis", "compiled"])
        {
            if let Some(ent) = entities.iter().find(|en| en.start > p && en.start <= p + 3) {
                return Some(canonical(doc, ent));
            }
        }
    }
    // a person named after a function: "le porte-parole du Kremlin Dmitri Peskov"
    let in_reach: Vec<&Entity> =
        entities.iter().filter(|en| en.start >= t && en.start < (t + 7).min(e)).collect();
    if let Some(p) = in_reach.iter().find(|en| en.is("PER")) {
        return Some(canonical(doc, p));
    }
    if let Some(first) = in_reach.first() {
        if first.start == t {
            return Some(canonical(doc, first));
        }
    }
    if doc.toks.get(t).is_none_or(|x| x.kind != TokKind::Word) {
        return None;
    }
    let mut end = t + 1;
    while end < e
        && end < t + 3
        && doc.toks[end].kind == TokKind::Word
        && !doc.toks[end].cap
        && is_adjective(doc, end)
    {
        end += 1;
    }
    let phrase = (t..end).map(|x| doc.tok_lower(x)).collect::<Vec<_>>().join(" ");
    if phrase == "bilan officiel" || phrase == "bilans officiels" {
        return Some(OFFICIAL.to_string());
    }
    Some(phrase)
}

fn is_adjective(doc: &Doc, t: usize) -> bool {
    let w = doc.tok_lower(t);
    matches!(doc.toks[t].word.class, Class::Nat(_))
        || [
            "el", "elle", "els", "elles", "ial", "iaux", "iale", "ielle", "iels", "ique", "iques", "aire",
            "aires", "ien", "iens", "ienne", "ais", "aise", "istes", "iste", "ifs", "ives", "if", "ive",
            "ets", "et", "ète", "ètes", "ial", "aux",
        ]
        .iter()
        .any(|s| w.ends_with(s) && w.len() > 4)
        || matches!(
            w,
            "officiel"
                | "officiels"
                | "locales"
                | "locaux"
                | "local"
                | "locale"
                | "partiels"
                | "partiel"
                | "incomplets"
                | "incomplet"
        )
}

/// The canonical claimant for an entity: the lexicon's canonical name, or
/// a ministry named with its country's adjective ("ministère de la Défense
/// d'Azerbaïdjan" -> "ministère azerbaïdjanais de la Défense").
fn canonical(doc: &Doc, ent: &Entity) -> String {
    if let Some(c) = &ent.canonical {
        return c.clone();
    }
    let text = &doc.text[doc.toks[ent.start].start..doc.toks[ent.end - 1].end];
    normalise_body(text).unwrap_or_else(|| text.to_string())
}

const COUNTRIES: &[(&str, &str)] = &[
    ("Azerbaïdjan", "azerbaïdjanais"),
    ("Arménie", "arménien"),
    ("Russie", "russe"),
    ("Turquie", "turc"),
    ("France", "français"),
    ("Iran", "iranien"),
];

fn normalise_body(text: &str) -> Option<String> {
    let lower_first = {
        let mut c = text.chars();
        let f = c.next()?;
        f.to_lowercase().collect::<String>() + c.as_str()
    };
    if !lower_first.starts_with("ministère ") {
        return Some(lower_first)
            .filter(|l| l.starts_with("bureau ") || l.starts_with("centre ") || l.starts_with("ministère"));
    }
    for (country, adjective) in COUNTRIES {
        for of in [
            format!(" d'{country}"),
            format!(" de l'{country}"),
            format!(" de la {country}"),
            format!(" de {country}"),
        ] {
            if let Some(head) = lower_first.strip_suffix(&of) {
                let rest = head.strip_prefix("ministère ")?;
                return Some(format!("ministère {adjective} {rest}"));
            }
        }
    }
    Some(lower_first)
}

/// The side a claimant speaks for (to resolve "ennemis").
fn claimant_side(claimant: &str) -> Option<Side> {
    let c = claimant.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&["chaque camp", "each side", "deux camps", "both sides", "les deux"]) {
        return Some(Side::Both);
    }
    let arm = has(&[
        "armén",
        "armen",
        "erevan",
        "yerevan",
        "séparatist",
        "separatist",
        "stepanakert",
        "pachinian",
        "pashinyan",
        "karabakh",
    ]);
    let aze = has(&["azerbaïdj", "azerbaij", "azéri", "azeri", "bakou", "baku", "aliev", "aliyev"]);
    match (arm, aze) {
        (true, false) => Some(Side::Armenian),
        (false, true) => Some(Side::Azerbaijani),
        _ => None,
    }
}

fn enemy_of(side: Option<Side>) -> Side {
    match side {
        Some(Side::Armenian) => Side::Azerbaijani,
        Some(Side::Azerbaijani) => Side::Armenian,
        Some(Side::Both) => Side::Both,
        _ => Side::Unknown,
    }
}

/// Whose losses: a side word after the noun ("civils arméniens", "soldats
/// ennemis"), a place or side after the figure ("neuf en Azerbaïdjan",
/// "deux côté arménien"), "de chaque côté"; destroyed equipment is the
/// claimant's enemy's; an overall toll is both sides'.
fn side_of(doc: &Doc, f: &Figure, claimant: &str, who: Option<Who>) -> Side {
    let word = |s: SideWord| match s {
        SideWord::Armenian => Side::Armenian,
        SideWord::Azerbaijani => Side::Azerbaijani,
        SideWord::Enemy => enemy_of(claimant_side(claimant)),
        SideWord::Other => Side::Other,
    };
    if let Some(s) = f.side {
        return word(s);
    }
    let (_, e) = doc.sentence_of(f.number);
    let window = f.end..(f.end + 4).min(e);
    for t in window.clone() {
        if let Class::Nat(s) = doc.toks[t].word.class {
            if t == f.end || doc.is_any(t - 1, &["côté", "camp", "side"]) {
                return word(s);
            }
        }
        if doc.is_any(t, &["en", "au", "in"]) {
            let place = doc.tok_lower(t + 1);
            if place.starts_with("azerbaïdjan") || place.starts_with("azerbaijan") {
                return Side::Azerbaijani;
            }
            if place.starts_with("arménie") || place.starts_with("armenia") || place.contains("karabakh") {
                return Side::Armenian;
            }
        }
        if doc.is_any(t, &["chaque", "each", "both", "part"])
            && doc.is_any(t + 1, &["côté", "side", "sides", "camp", "et"])
        {
            return Side::Both;
        }
    }
    if f.what == Some(What::Equipment) {
        return enemy_of(claimant_side(claimant));
    }
    // a side's authorities count their own civilians
    if who == Some(Who::Civilians) {
        if let Some(side @ (Side::Armenian | Side::Azerbaijani)) = claimant_side(claimant) {
            return side;
        }
    }
    Side::Both
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{entities, figures};

    fn claims(text: &str) -> Vec<Attrs> {
        let doc = Doc::new(text);
        let figs = figures::find(&doc);
        let ents = entities::find(&doc, &entities::Knowledge::default());
        find(&doc, &figs, &ents, &[], None, None).into_iter().map(|c| c.attrs).collect()
    }

    #[test]
    fn claimant_what_who_side() {
        let c =
            claims("Le ministère de la Défense d'Azerbaïdjan a annoncé la mort de 550 soldats arméniens.");
        assert_eq!(c[0].claimant.as_deref(), Some("ministère azerbaïdjanais de la Défense"));
        assert_eq!(
            (c[0].what, c[0].who, c[0].side),
            (Some(What::Killed), Some(Who::Military), Some(Side::Armenian))
        );
        let c = claims(
            "Selon les autorités séparatistes, 30 civils ont été tués. Chaque camp affirme avoir éliminé des milliers de soldats ennemis.",
        );
        assert_eq!(c[0].claimant.as_deref(), Some("autorités séparatistes"));
        assert_eq!(c[1].claimant.as_deref(), Some(EACH_SIDE));
        assert_eq!(c[1].side, Some(Side::Both));
        let c = claims("Plus de 400 morts, dont 22 civils arméniens, selon un bilan officiel.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].claimant.as_deref(), Some(OFFICIAL));
        assert_eq!(c[1].side, Some(Side::Armenian));
    }
}
