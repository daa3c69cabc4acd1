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
use crate::annotation::{Attrs, Party, What, Who};
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
    dates: &[DateFound],
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
        // "1,300 soldiers …, and dozens of civilians": a list goes on counting the same
        let continues = f.start > 0 && doc.is_any(f.start - 1, &["et", "and", "dont", "including"]);
        let from_last = last.filter(|(s, _, _)| (elided || continues) && *s == sentence);
        let Some(what) = what_of(doc, f).or(from_last.map(|(_, w, _)| w)) else { continue };
        let (claimant, verb) = claimant_of(doc, f, figures, entities, outlet);
        let linked = k > 0 && linked_to_previous(doc, &figures[k - 1], f);
        let who = match what {
            What::Equipment => Some(Who::Military),
            _ => match f.who.or(from_last.and_then(|(_, _, w)| w)) {
                // "neuf civils ont été tués et 34 blessés": the wounded are civilians too
                Some(Who::All) | None if linked && last.is_some_and(|(s, _, _)| s == sentence) => {
                    last.and_then(|(_, _, w)| w).unwrap_or(Who::All)
                }
                Some(Who::All) | None if what == What::Displaced => Who::Civilians,
                Some(Who::All) | None => who_from_context(doc, f),
                Some(w) => w,
            }
            .into(),
        };
        last = Some((sentence, what, who));
        // who admits losses admits its own: "ont reconnu la mort de 1 221 combattants"
        let admits = verb.is_some_and(|v| {
            doc.is_any(v, &["reconnu", "reconnaît", "reconnaissent", "admis", "acknowledged", "admitted"])
        });
        let side = match claimant_side(&claimant) {
            Some(s) if s.is_named() && admits && f.side.is_none() => s,
            _ => side_of(doc, f, &claimant, who),
        };
        let as_of = verb.and_then(|v| statement_date(doc, v, dates, reference)).or(reference);
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
                as_of,
                ..Attrs::default()
            },
        });
    }
    out
}

/// "… tués et 34 blessés": a figure right after another, joined by "et",
/// "and" or a comma, continues its list.
fn linked_to_previous(doc: &Doc, prev: &Figure, f: &Figure) -> bool {
    prev.end <= f.start
        && f.start - prev.end <= 6
        && doc.sentence_index(prev.start) == doc.sentence_index(f.start)
        && (prev.end..f.start).any(|t| doc.is_any(t, &["et", "and", ","]))
}

/// The date of the statement a claim comes from, when the clause gives it
/// next to the attribution verb ("a déclaré jeudi", "said on Thursday",
/// "avait évoqué fin octobre", "said last week" when that week lies in one
/// month); `None` when the clause gives none.
fn statement_date(
    doc: &Doc,
    verb: usize,
    dates: &[DateFound],
    reference: Option<PartialDate>,
) -> Option<PartialDate> {
    let (s, e) = doc.sentence_of(verb);
    let near = |d: &&DateFound| {
        let after = d.start > verb
            && d.start <= verb + 2
            && (verb + 1..d.start).all(|t| doc.is_any(t, &["on", "le", "ce"]));
        let before = d.end <= verb && verb - d.end <= 1 && d.start >= s;
        (after || before) && d.end <= e
    };
    if let Some(d) = dates.iter().find(near) {
        return d.value;
    }
    let k = if doc.is(verb + 1, "on") { verb + 2 } else { verb + 1 };
    let last_week = (doc.is(k, "last") && doc.is(k + 1, "week"))
        || (doc.is(k, "la") && doc.is(k + 1, "semaine") && doc.is(k + 2, "dernière"));
    if last_week {
        return super::dates::last_week_month(reference?);
    }
    None
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
        &[
            "mort",
            "morts",
            "dead",
            "décès",
            "éliminé",
            "éliminer",
            "tué",
            "perte",
            "pertes",
            "tuer",
            "killing",
            "death",
            "killed",
            "kills",
            "kill",
        ],
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
    // the subject may be far from its verb: "70 000 habitants …, soit …, ont fui"
    let far = f.end..(f.end + 16).min(e);
    if cue(far, &["déplacés", "déplacées", "fui", "fuient", "réfugiés", "displaced", "fled", "flee"]) {
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

/// Who states the figure, by canonical name, with the attribution verb
/// when there is one (its clause may date the statement). The outlet
/// stands for its own tallies ("selon des bilans partiels" in an AFP
/// dispatch) and for a figure nobody else is said to give.
fn claimant_of(
    doc: &Doc,
    f: &Figure,
    figures: &[Figure],
    entities: &[Entity],
    outlet: Option<&str>,
) -> (String, Option<usize>) {
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
        let Some(k) = opener else { continue };
        // an attribution trailing an earlier figure ("1,300 soldiers, according
        // to X, and dozens of civilians") is not that of the figures after it
        if t < f.start && figures.iter().any(|g| g.end <= t && g.start >= s && g.end + 6 >= t) {
            continue;
        }
        if let Some(mut name) = phrase_at(doc, k, e, entities) {
            if let (Some(o), true) = (
                outlet,
                name.starts_with("bilans")
                    || name == "bilan"
                    || name.starts_with("bilan ") && name != OFFICIAL,
            ) {
                name = o.to_string();
            }
            let name = resolve_anaphor(doc, name, t, entities);
            let dist = t.abs_diff(f.start);
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, name));
            }
        }
    }
    // "X a annoncé / affirmé / fait état de …" before the figure
    let subject = subject_of_saying(doc, s, f.start, entities)
        .map(|(verb, name)| (verb, resolve_anaphor(doc, name, verb, entities)));
    match (best, subject) {
        (Some((d, name)), Some((verb, subj))) => {
            return if f.start - verb < d { (subj, Some(verb)) } else { (name, None) };
        }
        (Some((_, name)), None) => return (name, None),
        (None, Some((verb, subj))) => return (subj, Some(verb)),
        (None, None) => {}
    }
    // "… a déclaré X", "X said" after the figure
    for t in f.end..e {
        if doc.toks[t].word.has(SAY) {
            if let Some(ent) = entities.iter().find(|en| en.start > t && en.start <= t + 4 && en.end <= e) {
                return (canonical(doc, ent), Some(t));
            }
            if t > f.end
                && let Some(ent) = entities.iter().rev().find(|en| en.end <= t && en.start >= f.end)
            {
                return (canonical(doc, ent), Some(t));
            }
            // "…, a précisé le parquet": a body named again by its head
            if doc.is_any(t + 1, &["le", "la", "the"]) && t + 2 < e {
                let head = doc.tok_lower(t + 2).to_string();
                let resolved = resolve_anaphor(doc, head.clone(), t, entities);
                if resolved != head {
                    return (resolved, Some(t));
                }
            }
        }
    }
    if (s..e).any(|t| doc.is(t, "bilan") && doc.is_any(t + 1, &["officiel"]))
        || (s..e).any(|t| doc.is(t, "official") && doc.is_any(t + 1, &["toll", "figures", "count"]))
    {
        return (OFFICIAL.to_string(), None);
    }
    (outlet.unwrap_or(UNATTRIBUTED).to_string(), None)
}

/// A body named again by its head alone ("le parquet général", "the
/// prosecutor's office", "le ministère") is the last body with that head
/// named in full before; a standard phrase gets its canonical form
/// ("separatist authorities" is "autorités séparatistes").
fn resolve_anaphor(doc: &Doc, name: String, before: usize, entities: &[Entity]) -> String {
    let lower = name.to_lowercase();
    let bare = lower.trim_start_matches("the ").trim();
    const HEADS: &[(&str, &str)] = &[
        ("parquet", "procureur"),
        ("parquet général", "procureur"),
        ("procureur", "procureur"),
        ("prosecutor's office", "procureur"),
        ("prosecutor 's office", "procureur"),
        ("s office", "procureur"),
        ("ministère", "ministère"),
        ("ministry", "ministère"),
        ("defence ministry", "ministère"),
        ("defense ministry", "ministère"),
    ];
    if let Some((_, key)) = HEADS.iter().find(|(h, _)| *h == bare) {
        let full = entities
            .iter()
            .rev()
            .filter(|en| en.end <= before && en.is("ORG"))
            .map(|en| canonical(doc, en))
            .find(|c| c.to_lowercase().contains(key));
        if let Some(c) = full {
            return c;
        }
    }
    match bare {
        "separatist authorities" | "separatist officials" | "karabakh authorities" | "separatist leaders" => {
            SEPARATISTS.to_string()
        }
        _ => name,
    }
}

pub const SEPARATISTS: &str = "autorités séparatistes";

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
        // "les autorités séparatistes du Haut-Karabakh ont fait état": the
        // place is the complement of the subject, not the subject
        if ent.start > s + 1 && doc.is_any(ent.start - 1, &["du", "de", "des", "of"]) {
            let head_end = ent.start - 1;
            let mut k = head_end;
            while k > s
                && doc.toks[k - 1].kind == TokKind::Word
                && !doc.toks[k - 1].cap
                && doc.toks[k - 1].word.class != Class::Stop
            {
                k -= 1;
            }
            if k < head_end && head_end - k <= 3 {
                return Some((k..head_end).map(|x| doc.tok_lower(x)).collect::<Vec<_>>().join(" "));
            }
        }
        return Some(canonical(doc, ent));
    }
    // the sentence opens on its subject: "Erevan et Bakou s'accusent … et clament"
    let opening: Vec<&Entity> =
        entities.iter().filter(|en| en.start >= s && en.start <= s + 4 && en.end <= verb).take(2).collect();
    if let [a, b] = opening.as_slice()
        && b.start == a.end + 1
        && doc.is_any(a.end, &["et", "and"])
    {
        let (sa, sb) = (claimant_side(&canonical(doc, a)), claimant_side(&canonical(doc, b)));
        if sa.is_some() && sb.is_some() && sa != sb {
            return Some(EACH_SIDE.to_string());
        }
    }
    let after_article = |a: &&&Entity| {
        a.start <= s + 1
            || (a.start == s + 2 && doc.toks[s + 1].is_punct(b'\'') && doc.is_any(s, &["l", "d"]))
            || (a.start == s + 1 && doc.is_any(s, &["le", "la", "les", "the"]))
    };
    if let Some(a) = opening.first().filter(after_article) {
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
            && let Some(ent) = entities.iter().find(|en| en.start > p && en.start <= p + 3)
        {
            return Some(canonical(doc, ent));
        }
    }
    // a person named after a function: "le porte-parole du Kremlin Dmitri Peskov"
    let in_reach: Vec<&Entity> =
        entities.iter().filter(|en| en.start >= t && en.start < (t + 7).min(e)).collect();
    if let Some(p) = in_reach.iter().find(|en| en.is("PER")) {
        return Some(canonical(doc, p));
    }
    // "selon le défenseur des droits de la région, Artak Beglarian"
    let apposed = entities.iter().find(|en| {
        en.is("PER") && en.start > t && en.start < (t + 12).min(e) && doc.toks[en.start - 1].is_punct(b',')
    });
    if let Some(p) = apposed.filter(|p| {
        (t..p.start - 1).all(|x| doc.toks[x].kind != TokKind::Punct || doc.toks[x].is_punct(b'\''))
    }) {
        return Some(canonical(doc, p));
    }
    if let Some(first) = in_reach.first()
        && first.start == t
    {
        return Some(canonical(doc, first));
    }
    if doc.toks.get(t).is_none_or(|x| x.kind != TokKind::Word) {
        return None;
    }
    let mut end = t + 1;
    // English order: "separatist authorities"
    if matches!(doc.toks[t].word.class, Class::Nat(_))
        && doc
            .toks
            .get(t + 1)
            .is_some_and(|x| x.kind == TokKind::Word && !x.cap && x.word.class == Class::None)
    {
        end = t + 2;
    }
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
    if ent.is("ORG")
        && let Some(c) = canonical_body(text)
    {
        return c;
    }
    normalise_body(text).unwrap_or_else(|| text.to_string())
}

/// The French canonical name of a state body of a side named by its
/// country and function, in French or English: "parquet général
/// azerbaïdjanais", "Azerbaijan's prosecutor general's office" ->
/// "bureau du procureur général d'Azerbaïdjan"; "Armenia's defence
/// ministry" -> "ministère arménien de la Défense"; "Azerbaijan's military"
/// -> "armée azerbaïdjanaise".
fn canonical_body(text: &str) -> Option<String> {
    let l = text.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| l.contains(w));
    // (stems, country, masculine, feminine)
    const STATES: &[(&[&str], &str, &str, &str)] = &[
        (&["azerbaïdj", "azerbaij", "azéri", "azeri"], "Azerbaïdjan", "azerbaïdjanais", "azerbaïdjanaise"),
        (&["armén", "armenia"], "Arménie", "arménien", "arménienne"),
        (&["russ"], "Russie", "russe", "russe"),
        (&["turc", "turqu", "turk"], "Turquie", "turc", "turque"),
    ];
    let (_, country, masc, fem) = STATES.iter().find(|(stems, ..)| has(stems))?;
    let of = if country.starts_with(['A', 'E', 'I', 'O', 'U']) {
        format!("d'{country}")
    } else {
        format!("de {country}")
    };
    if has(&["procureur", "parquet", "prosecutor"]) {
        return Some(format!("bureau du procureur général {of}"));
    }
    let ministry = has(&["ministère", "ministry"]);
    if ministry && has(&["défense", "defence", "defense"]) {
        return Some(format!("ministère {masc} de la Défense"));
    }
    if ministry && has(&["affaires étrangères", "foreign"]) {
        return Some(format!("ministère {masc} des Affaires étrangères"));
    }
    if has(&["military", "army", "armée"]) {
        return Some(format!("armée {fem}"));
    }
    None
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
fn claimant_side(claimant: &str) -> Option<Party> {
    let c = claimant.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&["chaque camp", "each side", "deux camps", "both sides", "les deux"]) {
        return Some(Party::BOTH);
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
        (true, false) => Some(armenia()),
        (false, true) => Some(azerbaijan()),
        _ => None,
    }
}

/// The side whose land a place name is.
fn place_side(place: &str) -> Option<Party> {
    if place.starts_with("azerbaïdjan") || place.starts_with("azerbaijan") {
        Some(azerbaijan())
    } else if place.starts_with("arménie") || place.starts_with("armenia") || place.contains("karabakh") {
        Some(armenia())
    } else {
        None
    }
}

fn enemy_of(side: Option<Party>) -> Party {
    match side {
        Some(s) if s == armenia() => azerbaijan(),
        Some(s) if s == azerbaijan() => armenia(),
        Some(Party::BOTH) => Party::BOTH,
        _ => Party::UNKNOWN,
    }
}

fn armenia() -> Party {
    Party::parse("Arménie").expect("a name")
}

fn azerbaijan() -> Party {
    Party::parse("Azerbaïdjan").expect("a name")
}

/// Whose losses: a side word after the noun ("civils arméniens", "soldats
/// ennemis"), a place or side after the figure ("neuf en Azerbaïdjan",
/// "deux côté arménien"), "de chaque côté"; destroyed equipment is the
/// claimant's enemy's; an overall toll is both sides'.
fn side_of(doc: &Doc, f: &Figure, claimant: &str, who: Option<Who>) -> Party {
    let word = |s: SideWord| match s {
        SideWord::Armenian => armenia(),
        SideWord::Azerbaijani => azerbaijan(),
        SideWord::Enemy => enemy_of(claimant_side(claimant)),
        SideWord::Other => Party::UNKNOWN,
    };
    if let Some(s) = f.side {
        return word(s);
    }
    let (_, e) = doc.sentence_of(f.number);
    // "1,068 of its servicemen", "480 militaires tués dans leurs rangs"
    let own = f.own_side
        || (f.end..(f.end + 6).min(e)).any(|t| {
            doc.is_any(t, &["leurs", "ses", "its", "their"]) && doc.is_any(t + 1, &["rangs", "ranks"])
        });
    if own && let Some(side) = claimant_side(claimant).filter(|s| s.is_named()) {
        return side;
    }
    // a place in the clause: "ont fui … en Arménie", "fled their homes in Nagorno-Karabakh"
    let clause_end = (f.end..(f.end + 8).min(e))
        .find(|&t| doc.toks[t].kind == TokKind::Punct && !doc.toks[t].is_punct(b'\''))
        .unwrap_or((f.end + 8).min(e));
    for t in f.end..clause_end {
        let right_after = t == f.end && doc.is_any(t, &["du", "de", "d", "of"]);
        if right_after {
            let k = if doc.toks.get(t + 1).is_some_and(|x| x.is_punct(b'\'')) { t + 2 } else { t + 1 };
            if let Some(side) = place_side(doc.tok_lower(k.min(doc.toks.len() - 1))) {
                return side;
            }
        }
        if doc.is_any(t, &["en", "au", "in"])
            && let Some(side) = place_side(doc.tok_lower(t + 1))
        {
            return side;
        }
    }
    let window = f.end..(f.end + 4).min(e);
    for t in window.clone() {
        if let Class::Nat(s) = doc.toks[t].word.class
            && (t == f.end
                || doc.is_any(t - 1, &["côté", "camp", "side"])
                || doc.is_any(t + 1, &["side", "sides"]))
        {
            return word(s);
        }

        if doc.is_any(t, &["chaque", "each", "both", "part"])
            && doc.is_any(t + 1, &["côté", "side", "sides", "camp", "et"])
        {
            return Party::BOTH;
        }
    }
    if f.what == Some(What::Equipment) {
        return enemy_of(claimant_side(claimant));
    }
    // a side's authorities count their own civilians
    if who == Some(Who::Civilians)
        && let Some(side) = claimant_side(claimant).filter(|s| s.is_named())
    {
        return side;
    }
    Party::BOTH
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
            (Some(What::Killed), Some(Who::Military), Some(armenia()))
        );
        let c = claims(
            "Selon les autorités séparatistes, 30 civils ont été tués. Chaque camp affirme avoir éliminé des milliers de soldats ennemis.",
        );
        assert_eq!(c[0].claimant.as_deref(), Some("autorités séparatistes"));
        assert_eq!(c[1].claimant.as_deref(), Some(EACH_SIDE));
        assert_eq!(c[1].side, Some(Party::BOTH));
        let c = claims("Plus de 400 morts, dont 22 civils arméniens, selon un bilan officiel.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].claimant.as_deref(), Some(OFFICIAL));
        assert_eq!(c[1].side, Some(armenia()));
    }
}
