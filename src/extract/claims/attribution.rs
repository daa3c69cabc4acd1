//! Who states a figure: the claimant the text puts in the figure's clause
//! ("selon X", "d'après X", "according to X", "X a annoncé", "a déclaré
//! X", "X said"), by its canonical name; `None` when the clause names no
//! one. Pronouns ("selon lui", "he said", "his office") come back as
//! [`PRONOUN`] for the caller to resolve to the speaker last named.

use super::names;
use super::{EACH_SIDE, OFFICIAL};
use crate::extract::entities::Entity;
use crate::extract::figures::Figure;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::spans::{Lookbacks, may_overlap, starting_in};
use crate::extract::vocab::{Class, SAY};
use crate::geo::Country;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Reporting verbs beyond the vocabulary's "say" words.
static REPORTING: LazyLock<HashSet<&'static str, super::data::Fast>> = LazyLock::new(|| {
    crate::text::data_lines(include_str!("../lexicon/reporting_verbs.txt")).map(|(_, l)| l).collect()
});

/// Whether token `t` attributes what is around it ("a annoncé", "said",
/// "a signalé", "told").
pub fn says(doc: &Doc, t: usize) -> bool {
    doc.toks[t].word.has(SAY) || (doc.toks[t].kind == TokKind::Word && REPORTING.contains(doc.tok_lower(t)))
}

/// Subject clitics after an inverted verb ("a-t-il précisé", "affirme-t-elle").
const CLITICS: &[&str] = &["il", "elle", "ils", "elles", "on"];

/// Whether token `t` is an inverted subject clitic: "-il" of "a-t-il", as
/// its own token after a hyphen or glued to the auxiliary.
fn inverted_clitic(doc: &Doc, t: usize) -> bool {
    let w = doc.tok_lower(t);
    (t > 0 && doc.toks[t - 1].is_punct(b'-') && CLITICS.contains(&w))
        || CLITICS
            .iter()
            .any(|c| w.len() > c.len() + 1 && w.ends_with(c) && w[..w.len() - c.len()].ends_with('-'))
}

/// Stands for a pronoun or possessive to resolve ("lui", "he", "his office").
pub const PRONOUN: &str = "\u{0}pronoun";

const PRONOUNS: &[&str] = &[
    "il", "elle", "ils", "elles", "lui", "eux", "he", "she", "they", "him", "her", "them", "it", "his",
    "its", "their", "son", "sa", "ses", "leur", "leurs", "celui-ci", "celle-ci",
];

/// What the clause search needs besides the tokens.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub figures: &'a [Figure],
    pub entities: &'a [Entity],
    pub outlet: Option<&'a str>,
    /// The country the article is about, for bodies named by function alone
    /// ("the army said", "le parquet").
    pub country: Option<&'static Country>,
    /// The country each sentence names first, found once per sentence.
    pub named: &'a std::cell::RefCell<Vec<Option<Option<&'static Country>>>>,
    /// The most tokens an entity spans (`spans::may_overlap`).
    pub longest: usize,
    /// The last names and words of a kind before a token, each entity or
    /// token read once (`spans::Lookback`).
    pub names_back: &'a Lookbacks<String>,
    pub tokens_back: &'a Lookbacks<usize>,
}

impl Ctx<'_> {
    /// The code of the context's country, which the readings of a lookback
    /// may depend on.
    pub fn code(&self) -> Option<&'static str> {
        self.country.map(|c| c.code)
    }
}

/// The claimant of the sentence `s..e` for a figure at `fig` (nearest
/// attribution wins), with the attribution verb when there is one.
pub fn in_clause(doc: &Doc, s: usize, e: usize, fig: usize, ctx: &Ctx) -> Option<(String, Option<usize>)> {
    // "le ministère de la Santé du pays": the country the sentence names first
    let i = doc.sentence_index(s);
    let cached = ctx.named.borrow().get(i).copied().flatten();
    let named = cached.unwrap_or_else(|| {
        let found = super::side::country_named_in(doc, ctx.entities, s, e);
        if let Some(slot) = ctx.named.borrow_mut().get_mut(i) {
            *slot = Some(found);
        }
        found
    });
    // "Israeli strikes on south Lebanon killed 11 people, according to the
    // health ministry": a health ministry counts the dead of its own land
    // and so do authorities the sentence gives no country ("…, officials say")
    let health = (s..e).any(|t| doc.is_any(t, &["santé", "health", "officials", "authorities"]));
    let named = if health { land_of_the_dead(doc, ctx.entities, s, e).or(named) } else { named };
    let ctx = &Ctx { country: named.or(ctx.country), ..*ctx };
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
        let part_of_it = (t..fig).any(|x| doc.is_any(x, &["dont", "including"]));
        if t < fig
            && !part_of_it
            && starting_in(ctx.figures, s, t.min(fig))
                .iter()
                .any(|g| g.end <= t && g.start >= s && g.end + 6 >= t && g.start < fig)
        {
            continue;
        }
        if let Some(mut name) = phrase_at(doc, k, e, ctx) {
            if ctx.outlet.is_none() && (name == "bilan" || name == "bilans") {
                continue;
            }
            if let (Some(o), true) = (
                ctx.outlet,
                name.starts_with("bilans")
                    || name == "bilan"
                    || name.starts_with("bilan ") && name != OFFICIAL,
            ) {
                name = o.to_string();
            }
            let name = resolve_anaphor(doc, name, t, ctx);
            let dist = t.abs_diff(fig);
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, name));
            }
        }
    }
    // "the statement released by X that … N", "le communiqué de X selon lequel … N"
    if best.is_none()
        && let Some(name) = document_before(doc, s, fig, ctx)
    {
        return Some((name, None));
    }
    // "X a annoncé / affirmé / fait état de …" before the figure
    let subject = subject_of_saying(doc, s, fig.min(e), ctx)
        .map(|(verb, name)| (verb, resolve_anaphor(doc, name, verb, ctx)));
    // "Moscou dénombre 180.000 morts, assure le chef d'État": the incise that
    // closes the sentence says who asserts all of it
    let subject = match (subject, trailing_incise(doc, fig, e, ctx)) {
        // (a quoted dispatch names its own source: "«X a déclaré que N», a indiqué l'agence")
        (Some((inner, _)), Some((verb, name))) if best.is_none() && quotation_close(doc, inner).is_none() => {
            Some((verb, name))
        }
        (subject, _) => subject,
    };
    match (best, subject) {
        (Some((d, name)), Some((verb, subj))) => {
            return Some(if fig.saturating_sub(verb) < d { (subj, Some(verb)) } else { (name, None) });
        }
        (Some((_, name)), None) => return Some((name, None)),
        // "X a annoncé 51 morts, portant le bilan officiel à plus de 240": the toll is the official one
        (None, Some((verb, _))) if (verb..fig).any(|t| official_toll(doc, t)) => {
            return Some((OFFICIAL.to_string(), None));
        }
        (None, Some((verb, subj))) => return Some((subj, Some(verb))),
        (None, None) => {}
    }
    // "… a déclaré X", "X said" after the figure
    let after = starting_in(ctx.figures, fig, fig + 1).iter().find(|g| g.start == fig).map_or(fig, |g| g.end);
    // inside a quotation the speaker's own words name others ("pas 300.000,
    // comme le disent X"): the verb that attributes it comes after it closes
    let quoted_until = quotation_close(doc, fig).unwrap_or(0);
    for t in after.min(e)..e {
        if t < quoted_until || !says(doc, t) || doc.is_any(t, &["selon", "according"]) {
            continue;
        }
        // "…, the agency reported, citing the health ministry": the source cited
        // speaks, not the medium that relays it (DECISIONS)
        // (an unnamed one, "citant des responsables", leaves the speaker speaking)
        if let Some(c) = (t + 1..(t + 10).min(e)).find(|&x| doc.is_any(x, &["citing", "quoting", "citant"]))
            && !doc.is_any(c + 1, &["des", "de", "d", "un", "une", "some", "unnamed", "anonymous"])
            && let Some(name) = phrase_at(doc, c + 1, e, ctx).filter(|n| n != PRONOUN)
        {
            return Some((name, Some(t)));
        }
        // "a-t-il précisé": the inverted clitic is the subject, whatever noun precedes
        if t >= 2 && inverted_clitic(doc, t - 1) {
            return Some((PRONOUN.to_string(), Some(t)));
        }
        // "a-t-il déclaré", "he said", "said his office"
        let pronoun_near = (t.saturating_sub(3)..(t + 3).min(e)).any(|x| doc.is_any(x, PRONOUNS) && x != t);
        // "X told Reuters", "a déclaré à l'AFP": who is told is not who tells
        let addressed = doc.is_any(t, &["told"]) || doc.is_any(t + 1, &["à", "to", "au", "aux"]);
        // "«…», a déclaré le chef du gouvernement local Jean Dupont": the
        // person the phrase after the verb names (a spokesperson gives the body)
        let phrase_end = (t + 1..(t + 12).min(e))
            .find(|&x| {
                doc.toks[x].kind == TokKind::Punct
                    && !doc.toks[x].is_punct(b'\'')
                    && !doc.toks[x].is_punct(b'-')
            })
            .unwrap_or((t + 12).min(e));
        if !addressed && let Some(name) = speaker_in(doc, t + 1, phrase_end, ctx) {
            return Some((name, Some(t)));
        }
        // ("blames on Armenia": a preposition's object is no speaker)
        const PREPOSITIONS: &[&str] = &[
            "on", "to", "à", "au", "aux", "in", "of", "de", "du", "des", "sur", "contre", "against", "for",
            "pour",
        ];
        if !addressed
            && let Some(name) = starting_in(ctx.entities, t + 1, t + 5)
                .iter()
                .find(|en| {
                    en.start > t
                        && en.start <= t + 4
                        && en.end <= e
                        && !(t + 1..en.start).any(|x| doc.is_any(x, PREPOSITIONS))
                })
                .and_then(|en| names::of_entity(ctx.country, doc, en))
        {
            return Some((name, Some(t)));
        }
        // "…, a annoncé le mouvement", "…», ont déclaré des responsables russes":
        // the verb opens its clause, its subject follows it
        if let Some(name) = inverted_subject(doc, after, t, e, ctx) {
            return Some((name, Some(t)));
        }
        // "…, the ministry said"
        if t > after
            && let Some(name) = subject_before(doc, after, t, ctx).filter(|n| n != PRONOUN)
        {
            return Some((name, Some(t)));
        }
        if t > after
            && let Some(name) = starting_in(ctx.entities, after, t)
                .iter()
                .rev()
                .filter(|en| en.end <= t && en.start >= after && t - en.end <= 4)
                .find_map(|en| names::of_entity(ctx.country, doc, en))
        {
            return Some((name, Some(t)));
        }
        // "…, a précisé le parquet": a body named again by its head; "said
        // the army"; "the ministry said"
        for k in [t + 1, t.saturating_sub(3)] {
            if let Some(name) = phrase_at(doc, k, e, ctx).filter(|_| k < e) {
                let name = resolve_anaphor(doc, name, t, ctx);
                if name != PRONOUN {
                    return Some((name, Some(t)));
                }
            }
        }
        if pronoun_near {
            return Some((PRONOUN.to_string(), Some(t)));
        }
    }
    // a headline's source after a dash: "Rebels kill two soldiers - army"
    // (a headline ends at its line's end, with or without a full stop)
    let line_end = (fig + 1..e).find(|&t| doc.toks[t].nl_before).unwrap_or(e);
    if let Some(dash) =
        (line_end.saturating_sub(4).max(s)..line_end).rev().find(|&t| doc.toks[t].is_punct(b'-'))
        && dash > fig
        && dash + 1 < line_end
        && doc.toks[dash].space_before
        && (dash + 1..line_end).all(|t| doc.toks[t].kind == TokKind::Word || doc.toks[t].is_punct(b'.'))
    {
        let words = &doc.text[doc.toks[dash + 1].start..doc.toks[line_end - 1].end];
        if let Some(name) = phrase_name(doc, words.trim_end_matches('.'), dash, ctx) {
            return Some((name, None));
        }
    }
    // a headline's sources in brackets at its end: "… fait onze morts (Sana et TV)"
    if let Some(name) = bracketed_source(doc, fig, line_end, ctx) {
        return Some((name, None));
    }
    // "selon le bilan officiel", "des bilans partiels communiqués font état de"
    if (s..e).any(|t| official_toll(doc, t))
        || (s..e).any(|t| doc.is(t, "official") && doc.is_any(t + 1, &["toll", "figures", "count"]))
    {
        return Some((OFFICIAL.to_string(), None));
    }
    None
}

/// The speaker of an incise that ends the sentence after the figure: ",
/// assure le chef d'État.", ", the president said." (subject inverted or
/// not), with its verb.
fn trailing_incise(doc: &Doc, fig: usize, e: usize, ctx: &Ctx) -> Option<(usize, String)> {
    let last = (fig..e).rev().find(|&t| doc.toks[t].kind == TokKind::Word)?;
    let comma = (fig..last).rev().take(12).find(|&t| doc.toks[t].is_punct(b','))?;
    let verb = (comma + 1..=last).find(|&t| says(doc, t) && !doc.is_any(t, &["selon", "according"]))?;
    // an incise, not a clause of its own: ", et que Bakou dit avoir tué 2 300 …"
    let clause = (comma + 1..verb).any(|t| doc.is_any(t, &["que", "qu", "that", "et", "and", "mais", "but"]));
    if clause || last - verb > 10 || !starting_in(ctx.figures, verb, e).is_empty() {
        return None;
    }
    let inverted = (comma + 1..verb).all(|t| doc.is_any(t, &["a", "ont", "avait", "avaient"]));
    let name = if inverted {
        inverted_subject(doc, comma, verb, e, ctx)?
    } else {
        subject_before(doc, comma + 1, verb, ctx)?
    };
    (name != PRONOUN).then_some((verb, name))
}

/// The noun phrase a place at `place` is the complement of, named by its
/// head words (up to the first preposition): "une source officielle" of
/// "une source officielle dans la province de X".
fn head_before_place(doc: &Doc, s: usize, place: usize) -> Option<String> {
    const LINKS: &[&str] = &[
        "de", "du", "des", "d", "la", "le", "l", "les", "un", "une", "a", "an", "dans", "à", "au", "in",
        "of", "at", "the",
    ];
    let mut start = place;
    while start > s
        && place - start < 12
        && doc.toks[start - 1].kind == TokKind::Word
        && !doc.toks[start - 1].cap
        && !says(doc, start - 1)
        && !doc.is_any(start - 1, &["et", "and", "que", "qu", "that", "qui", "who"])
        || start > s && doc.toks[start - 1].is_punct(b'\'')
    {
        start -= 1;
    }
    // "Une source", "The officials": a capital opening the phrase
    if start > s
        && doc.toks[start - 1].kind == TokKind::Word
        && doc.is_any(start - 1, &["une", "un", "les", "le", "la", "the", "a"])
    {
        start -= 1;
    }
    let first_link = (start..place)
        .find(|&t| doc.is_any(t, &["de", "du", "des", "d", "dans", "à", "au", "in", "of", "at"]))?;
    let head = (start..first_link).find(|&t| !doc.is_any(t, LINKS) && !doc.toks[t].is_punct(b'\''))?;
    if head >= first_link
        || !(first_link..place)
            .all(|t| doc.toks[t].kind == TokKind::Word && !doc.toks[t].cap || doc.toks[t].is_punct(b'\''))
    {
        return None;
    }
    let phrase = &doc.text[doc.toks[head].start..doc.toks[first_link - 1].end];
    names::of_phrase(phrase, None).filter(|n| n != PRONOUN)
}

/// The first source of a bracket that closes the line after the figure:
/// "(Sana et TV)", "(officials)".
fn bracketed_source(doc: &Doc, fig: usize, line_end: usize, ctx: &Ctx) -> Option<String> {
    let close = line_end.checked_sub(1).filter(|&c| c > fig && doc.toks[c].is_punct(b')'))?;
    let open = (fig..close).rev().take(8).find(|&t| doc.toks[t].is_punct(b'('))?;
    let first = open + 1;
    let end = (first..close)
        .find(|&t| doc.is_any(t, &["et", "and"]) || doc.toks[t].is_punct(b','))
        .unwrap_or(close);
    if end == first || !doc.toks[first].cap {
        return None;
    }
    let words = &doc.text[doc.toks[first].start..doc.toks[end - 1].end];
    names::of_phrase(words, ctx.country).filter(|n| n != PRONOUN)
}

/// Whether token `t` is a quotation mark.
fn is_quote_mark(doc: &Doc, t: usize) -> bool {
    let x = &doc.toks[t];
    x.kind == TokKind::Punct && matches!(&doc.text[x.start..x.end], "\"" | "“" | "”" | "«" | "»" | "„")
}

/// Whether token `t` opens an official toll no body is named for: "bilan
/// officiel", "bilans partiels communiqués".
fn official_toll(doc: &Doc, t: usize) -> bool {
    doc.is_any(t, &["bilan", "bilans"])
        && (t + 1..t + 3).any(|k| doc.is_any(k, &["officiel", "officiels", "communiqué", "communiqués"]))
}

/// What a ministry's name may end on after its capitalised word ("des
/// Affaires étrangères").
const FUNCTION_TAILS: &[&str] = &["étrangères", "etrangeres", "intérieures", "sociales", "humanitaires"];
/// The capitalised words of a ministry's function ("ministre de la Défense").
const FUNCTION_NAMES: &[&str] = &["défense", "santé", "affaires", "intérieur", "justice", "information"];
const MINISTERS: &[&str] = &["ministre", "ministère", "minister", "ministry"];

/// When token `at` is inside a quotation opened in its paragraph, the
/// token that closes it (the paragraph's end when it stays open).
pub fn quotation_close(doc: &Doc, at: usize) -> Option<usize> {
    // the quoted runs are found once a dispatch (`Doc::quoted`): walking
    // the paragraph for each figure was quadratic in a long paragraph
    if at < doc.toks.len() {
        let runs = doc.quoted();
        let k = runs.partition_point(|r| (r.end as usize) <= at);
        return runs.get(k).filter(|r| r.start as usize <= at).map(|r| r.close as usize);
    }
    let mark = |t: usize| {
        let x = &doc.toks[t];
        if x.kind != TokKind::Punct {
            return None;
        }
        match &doc.text[x.start..x.end] {
            "«" | "“" => Some(Some(true)),
            "»" | "”" => Some(Some(false)),
            "\"" => Some(None),
            _ => None,
        }
    };
    let para =
        (0..=at.min(doc.toks.len().saturating_sub(1))).rev().find(|&t| doc.toks[t].para_before).unwrap_or(0);
    let mut open = false;
    for t in para..at {
        match mark(t) {
            Some(Some(o)) => open = o,
            Some(None) => open = !open,
            None => {}
        }
    }
    if !open {
        return None;
    }
    let end = (at + 1..doc.toks.len()).find(|&t| doc.toks[t].para_before).unwrap_or(doc.toks.len());
    Some((at..end).find(|&t| matches!(mark(t), Some(Some(false)) | Some(None))).unwrap_or(end))
}

/// The country of the first place after a locative preposition in the
/// sentence ("on south Lebanon", "à Gaza"), where a toll's dead are.
fn land_of_the_dead(doc: &Doc, entities: &[Entity], s: usize, e: usize) -> Option<&'static Country> {
    const AT: &[&str] = &["à", "au", "aux", "en", "dans", "in", "on", "near", "près"];
    let w = crate::geo::world();
    starting_in(entities, s + 1, e).iter().filter(|en| en.start > s && en.start < e && en.is("LOC")).find_map(
        |en| {
            let k = (en.start.saturating_sub(3).max(s)..en.start)
                .rev()
                .find(|&k| doc.toks[k].kind == TokKind::Word)?;
            // "in the eastern Ukrainian town of Pokrovsk"
            let of_town = doc.is_any(k, &["of", "de", "d"]) && k > s && doc.is_any(k - 1, TOWNS);
            if !(doc.is_any(k, AT) || k > s && doc.is_any(k - 1, AT) || of_town) {
                return None;
            }
            let name = &doc.text[doc.toks[en.start].start..doc.toks[en.end - 1].end];
            w.place(name).and_then(|p| w.country(p.country_code))
        },
    )
}

/// Nouns that name a place by its complement ("la ville de X").
const TOWNS: &[&str] =
    &["town", "city", "village", "region", "province", "ville", "localité", "village", "région", "province"];

/// "le gouverneur", "the group", "le mouvement": the person last named with
/// that title, the armed group last named.
fn anaphor(doc: &Doc, bare: &str, before: usize, ctx: &Ctx) -> Option<String> {
    const TITLES: &[&str] = &[
        "gouverneur",
        "governor",
        "président",
        "president",
        "ministre",
        "minister",
        "chef",
        "maire",
        "mayor",
        "procureur",
        "prosecutor",
        "général",
        "general",
        "responsable",
        "official",
        "dirigeant",
        "leader",
        "head",
    ];
    // titles a text gives its leader without repeating them before his name
    // ("Volodymyr Zelensky … selon le chef d'État", "the president said")
    const LEADERS: &[&str] = &["président", "president", "dirigeant", "leader", "chef", "head"];
    const GROUPS: &[&str] = &[
        "groupe",
        "group",
        "mouvement",
        "movement",
        "milice",
        "militia",
        "organisation",
        "rebelles",
        "rebels",
        "insurgés",
        "insurgents",
        "jihadistes",
        "djihadistes",
        "militants",
    ];
    let bare = bare.trim_start_matches("les ").trim_start_matches("des ").trim_start_matches("the ");
    let head = bare.split(' ').next()?;
    // "le chef de l'Etat ukrainien", "the head of state": the leader last named
    let unaccented = bare.replace('é', "e");
    let head_of_state = (head == "chef" || head == "head")
        && (unaccented.contains("d'etat") || unaccented.contains("de l'etat") || bare.contains("of state"))
        && bare.split(' ').count() <= 4;
    if bare.split(' ').count() > 2 && !head_of_state {
        return None;
    }
    if let Some(title) = TITLES.iter().copied().find(|t| *t == head) {
        // the last person with that title in the ten words before the name
        let person = ctx.names_back.last_entity(("titled", title, ctx.code()), ctx.entities, before, |en| {
            (en.is("PER") && (en.start.saturating_sub(10)..en.start).any(|x| doc.is(x, title)))
                .then(|| names::of_entity(ctx.country, doc, en))
                .flatten()
        });
        // the person last named outside a quotation ("comme le disent X"
        // names someone the speaker speaks of), in the six sentences before
        let leader = || {
            let i = doc.sentence_index(before);
            let from = doc.sents.get(i.saturating_sub(6)).map_or(0, |s| s.0);
            (head_of_state || LEADERS.contains(&head))
                .then(|| {
                    starting_in(ctx.entities, from, before)
                        .iter()
                        .rev()
                        .filter(|en| en.end <= before && en.start >= from && en.is("PER"))
                        .filter(|en| quotation_close(doc, en.start).is_none())
                        .find_map(|en| names::of_entity(ctx.country, doc, en))
                })
                .flatten()
        };
        return person.or_else(leader).or_else(|| unnamed_official_before(doc, title, before, ctx));
    }
    if GROUPS.contains(&head) {
        if let Some(g) = super::side::group_before(doc, before) {
            return Some(g.as_str().to_string());
        }
        // the last body named that is an armed group
        let group = ctx.names_back.last_entity(("group", "", ctx.code()), ctx.entities, before, |en| {
            en.is("ORG")
                .then(|| names::of_entity(ctx.country, doc, en))
                .flatten()
                .filter(|n| super::side::party_of_claimant(n).is_some_and(|p| p.as_str() == n))
        });
        if group.is_some() {
            return group;
        }
    }
    // "l'organisation", "the agency", "l'ONG": the body last named
    const BODIES: &[&str] =
        &["organisation", "organization", "ong", "ngo", "agence", "agency", "groupe", "group"];
    // ("l'agence SABA" names its agency)
    if BODIES.contains(&head) && !bare.contains(' ') {
        return ctx.names_back.last_entity(("body", "", ctx.code()), ctx.entities, before, |en| {
            en.is("ORG").then(|| entity_name(doc, en, ctx)).flatten()
        });
    }
    None
}

/// "NAIROBI — …", "PARIS (AFP) -": the place a dispatch is filed from,
/// never the subject of its first sentence.
fn dateline(doc: &Doc, en: &Entity) -> bool {
    doc.toks.get(en.end).is_some_and(|t| {
        let w = &doc.text[t.start..t.end];
        t.kind == TokKind::Punct && (w == "—" || w == "–" || w == "-" || w == "(")
    }) && (en.start == 0 || doc.toks[en.start].nl_before)
}

/// "a health official said … The official added": the official a text
/// introduced unnamed ("a health official", "un responsable local") is
/// the one "the official" speaks of again.
fn unnamed_official_before(doc: &Doc, head: &'static str, before: usize, ctx: &Ctx) -> Option<String> {
    if !["official", "responsable"].contains(&head) {
        return None;
    }
    let introduced =
        |x: usize| (x.saturating_sub(3)..x).rev().find(|&a| doc.is_any(a, &["a", "an", "un", "une"]));
    let (x, article) = ctx.tokens_back.last(
        ("introduced", head, None),
        before,
        |x| doc.is(x, head).then(|| introduced(x)).flatten(),
        |_| true,
    )?;
    let mut end = x + 1;
    while end < before
        && end < x + 3
        && doc.toks[end].kind == TokKind::Word
        && !doc.toks[end].cap
        && doc.toks[end].word.class != Class::Stop
        && !says(doc, end)
    {
        end += 1;
    }
    names::of_phrase(&doc.text[doc.toks[article + 1].start..doc.toks[end - 1].end], ctx.country)
}

/// The speaker a phrase names: a person, or for a spokesperson the body
/// they speak for ("le porte-parole de l'armée, X" is the army).
const SPOKESPERSON: &[&str] = &["porte-parole", "spokesperson", "spokesman", "spokeswoman", "porte"];

fn speaker_in(doc: &Doc, s: usize, e: usize, ctx: &Ctx) -> Option<String> {
    let Some(person) =
        starting_in(ctx.entities, s, e).iter().rev().find(|en| en.start >= s && en.end <= e && en.is("PER"))
    else {
        return name_run(doc, s, e, ctx);
    };
    if (s..person.start).any(|x| doc.is_any(x, SPOKESPERSON))
        && let Some(body) = starting_in(ctx.entities, s, person.start)
            .iter()
            .find(|en| en.start >= s && en.end <= person.start && !en.is("PER"))
            .and_then(|en| names::of_entity(ctx.country, doc, en))
    {
        return Some(body);
    }
    names::of_entity(ctx.country, doc, person)
}

/// The subject after a verb that opens its clause: "…, a annoncé le
/// mouvement", "…», ont déclaré des responsables russes" (French
/// inversion); `None` when the verb does not open its clause.
fn inverted_subject(doc: &Doc, from: usize, verb: usize, end: usize, ctx: &Ctx) -> Option<String> {
    let mut v = verb;
    while v > from && doc.is_any(v - 1, &["a", "ont", "avait", "avaient", "has", "have", "had"]) {
        v -= 1;
    }
    let opens = v > 0 && doc.toks[v - 1].kind == TokKind::Punct && !doc.toks[v - 1].is_punct(b'\'');
    // "told Reuters", "a déclaré à l'AFP": who is told is not who tells
    let addressee = doc.is_any(verb, &["told"]) || doc.is_any(verb + 1, &["à", "to", "au", "aux"]);
    if !opens || addressee || verb + 1 >= end {
        return None;
    }
    let phrase_end = (verb + 1..(verb + 12).min(end))
        .find(|&x| {
            doc.toks[x].kind == TokKind::Punct && !doc.toks[x].is_punct(b'\'') && !doc.toks[x].is_punct(b'-')
        })
        .unwrap_or((verb + 12).min(end));
    if let Some(name) = speaker_in(doc, verb + 1, phrase_end, ctx) {
        return Some(name);
    }
    let name = phrase_at(doc, verb + 1, end, ctx).map(|n| resolve_anaphor(doc, n, verb, ctx))?;
    (name != PRONOUN).then_some(name)
}

/// A person's name the lexicon does not know, after a function: "le chef
/// du gouvernement local Jean Mbala Okoro" (two to four capitalised words
/// at the end of the phrase, none a known place or body).
fn name_run(doc: &Doc, s: usize, e: usize, ctx: &Ctx) -> Option<String> {
    let mut t = s;
    while t < e {
        if !(doc.toks[t].kind == TokKind::Word && doc.toks[t].cap) {
            t += 1;
            continue;
        }
        let start = t;
        while t < e && doc.toks[t].kind == TokKind::Word && doc.toks[t].cap {
            t += 1;
        }
        let known =
            may_overlap(ctx.entities, start, t, ctx.longest).iter().any(|en| en.start < t && en.end > start);
        // every word a plain name: no article, month, adjective of a country or group
        let plain = (start..t).all(|k| {
            let w = doc.tok_text(k);
            doc.toks[k].word.class == Class::None
                && !w.contains('-')
                && !super::data::DATA.groups.contains_key(&crate::geo::fold(w))
        }) && crate::geo::world().country_of_adjective(doc.tok_text(start)).is_none();
        let glued = start > 0 && (doc.toks[start - 1].is_punct(b'-') || doc.toks[start - 1].is_punct(b'.'));
        if !known && plain && !glued && doc.sentence_of(start).0 != start && (2..=4).contains(&(t - start)) {
            return Some(doc.text[doc.toks[start].start..doc.toks[t - 1].end].to_string());
        }
    }
    None
}

/// The author of a document whose content the figure is: "the statement
/// released by the ministry that … 200 people", "le communiqué du
/// ministère selon lequel … 30 soldats".
fn document_before(doc: &Doc, s: usize, fig: usize, ctx: &Ctx) -> Option<String> {
    const DOCUMENTS: &[&str] =
        &["statement", "report", "claim", "communiqué", "rapport", "déclaration", "affirmation"];
    let d = (s..fig).find(|&t| doc.is_any(t, DOCUMENTS))?;
    let by = (d + 1..(d + 4).min(fig)).find(|&t| doc.is_any(t, &["by", "par", "de", "du", "of"]))?;
    let that = (by + 1..fig).find(|&t| doc.is_any(t, &["that", "que", "qu", "laquelle", "lequel"]))?;
    if that <= by + 1 {
        return None;
    }
    speaker_in(doc, by + 1, that, ctx)
        .or_else(|| {
            starting_in(ctx.entities, by + 1, that)
                .iter()
                .find(|en| en.start > by && en.end <= that)
                .and_then(|en| entity_name(doc, en, ctx))
        })
        .or_else(|| phrase_at(doc, by + 1, that, ctx))
}

/// A body named again by its head alone ("le parquet général", "the
/// prosecutor's office", "le ministère") is the last body with that head
/// named in full before; a pronoun is [`PRONOUN`].
fn resolve_anaphor(doc: &Doc, name: String, before: usize, ctx: &Ctx) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let bare = lower.trim_start_matches("the ").trim_start_matches("le ").trim_start_matches("la ").trim();
    if PRONOUNS.contains(&bare) || bare.split(' ').next().is_some_and(|w| PRONOUNS.contains(&w)) {
        return PRONOUN.to_string();
    }
    const HEADS: &[(&str, &str)] = &[
        ("parquet", "procureur"),
        ("parquet général", "procureur"),
        ("procureur", "procureur"),
        ("prosecutor's office", "procureur"),
        ("prosecutor 's office", "procureur"),
        ("ministère", "ministère"),
        ("ministry", "ministère"),
        ("defence ministry", "ministère"),
        ("defense ministry", "ministère"),
        ("health ministry", "santé"),
        ("ministère de la santé", "santé"),
    ];
    if let Some(name) = anaphor(doc, bare, before, ctx) {
        return name;
    }
    if let Some((_, key)) = HEADS.iter().find(|(h, _)| *h == bare) {
        let full = ctx.names_back.last_entity(("headed", key, ctx.code()), ctx.entities, before, |en| {
            en.is("ORG")
                .then(|| entity_name(doc, en, ctx))
                .flatten()
                .filter(|c| c.to_lowercase().contains(key))
        });
        if let Some(c) = full {
            return c;
        }
    }
    name
}

/// The claimant a body names with the words just before it: "the
/// Houthi-run health ministry", "Ukraine's armed forces" (the possessive
/// splits the entity; DECISIONS); or its acronym in parentheses after it
/// ("Réseau national … (RNDDH)" is "RNDDH").
fn entity_name(doc: &Doc, en: &Entity, ctx: &Ctx) -> Option<String> {
    if let Some(acronym) = acronym_at(doc, en.end) {
        return Some(acronym);
    }
    if en.is("ORG") && en.start > 0 {
        let (s, _) = doc.sentence_of(en.start);
        let from = en.start.saturating_sub(4).max(s);
        if let Some(k) = (from..en.start).find(|&k| doc.toks[k].cap) {
            let phrase = &doc.text[doc.toks[k].start..doc.toks[en.end - 1].end];
            let key = crate::geo::fold(phrase);
            let named = names::country_in(&key).is_some()
                || key.split([' ', '\'']).any(|w| super::data::DATA.groups.contains_key(w));
            if named && let Some(name) = names::of_phrase(phrase, None) {
                return Some(name);
            }
        }
    }
    names::of_entity(ctx.country, doc, en)
}

/// "(RNDDH)" at token `t`: the acronym.
fn acronym_at(doc: &Doc, t: usize) -> Option<String> {
    let word = doc.toks.get(t + 1)?;
    (doc.toks[t].is_punct(b'(')
        && word.kind == TokKind::Word
        && word.upper
        && word.end - word.start >= 2
        && doc.toks.get(t + 2).is_some_and(|x| x.is_punct(b')')))
    .then(|| doc.tok_text(t + 1).to_string())
}

/// The subject of an attribution verb between the sentence start and the
/// figure, with the verb's token: the nearest entity or noun phrase before
/// the verb, or the sentence's subject ("Erevan et Bakou … clament").
fn subject_of_saying(doc: &Doc, s: usize, fig: usize, ctx: &Ctx) -> Option<(usize, String)> {
    let is_verb = |t: &usize| {
        says(doc, *t) && !doc.is_any(*t, &["selon", "according"])
            || (doc.is_any(*t, &["fait", "faisait", "faisaient", "font"]) && doc.is(*t + 1, "état"))
    };
    // "X told reporters that "… we have recorded N"": a figure quoted is
    // reported by the verb before the quotation opens, not by one inside it
    let fig = match quotation_close(doc, fig) {
        Some(_) => {
            let open = (s..fig).rev().find(|&t| is_quote_mark(doc, t)).unwrap_or(s);
            // a dispatch quoted whole names its own source: "«Une source
            // officielle a déclaré à X que … N»"
            let inner = (open..fig).rev().filter(is_verb).find_map(|verb| {
                subject_before(doc, open + 1, verb, ctx).filter(|n| n != PRONOUN).map(|n| (verb, n))
            });
            if inner.is_some() {
                return inner;
            }
            open
        }
        None => fig,
    };
    // "X said it had recorded …": a pronoun's verb reports the one before it
    let mut first: Option<(usize, String)> = None;
    for verb in (s..fig).rev().filter(is_verb) {
        let subject = match inverted_subject(doc, s, verb, fig, ctx) {
            Some(name) => Some(name),
            None => subject_before(doc, s, verb, ctx),
        };
        let Some(name) = subject else {
            // no subject for the nearest verb: nothing before it either
            first.as_ref()?;
            continue;
        };
        if name != PRONOUN {
            return Some((verb, name));
        }
        first.get_or_insert((verb, name));
    }
    first
}

/// The subject of the verb at `verb`: an entity just before it (the head
/// of "les autorités séparatistes du Haut-Karabakh ont fait état", not its
/// place), the sentence's opening entity, or a common noun phrase just
/// before ("chaque camp affirmant", "the army said").
fn subject_before(doc: &Doc, s: usize, verb: usize, ctx: &Ctx) -> Option<String> {
    let entities = ctx.entities;
    // "X, appartenant au ministère, a affirmé": the subject is before its apposition
    let mut k = verb;
    while k > s && doc.is_any(k - 1, &["a", "ont", "avait", "avaient", "has", "have", "had"]) {
        k -= 1;
    }
    if k > s + 1
        && doc.toks[k - 1].is_punct(b',')
        && let Some(c) = (s + 1..k - 1).rev().take(14).find(|&t| doc.toks[t].is_punct(b','))
    {
        // "X, the army's spokesperson, said": the body spoken for
        if (c + 1..k - 1).any(|t| doc.is_any(t, SPOKESPERSON))
            && let Some(body) = starting_in(ctx.entities, c + 1, k)
                .iter()
                .filter(|en| en.start > c && en.end < k && !en.is("PER"))
                .find_map(|en| entity_name(doc, en, ctx))
        {
            return Some(body);
        }
        if let Some(name) = subject_before(doc, s, c, ctx) {
            return Some(name);
        }
    }
    // the sentence opens on its subject: "Erevan et Bakou s'accusent … et clament"
    let opening: Vec<&Entity> = starting_in(entities, s, verb)
        .iter()
        .filter(|en| en.start >= s && en.end <= verb && !dateline(doc, en))
        .take(2)
        .enumerate()
        .take_while(|(i, en)| en.start <= s + if *i == 0 { 4 } else { 8 })
        .map(|(_, en)| en)
        .collect();
    if let [a, b] = opening.as_slice()
        && (a.end..b.start).all(|t| {
            doc.is_any(t, &["et", "and", "la", "le", "l", "les", "the"]) || doc.toks[t].is_punct(b'\'')
        })
        && (a.end..b.start).any(|t| doc.is_any(t, &["et", "and"]))
    {
        let side = |en: &Entity| {
            names::of_entity(ctx.country, doc, en).and_then(|n| super::side::party_of_claimant(&n))
        };
        let (sa, sb) = (side(a), side(b));
        if sa.is_some() && sb.is_some() && sa != sb {
            return Some(EACH_SIDE.to_string());
        }
    }
    if let Some(ent) = starting_in(entities, s, verb)
        .iter()
        .rev()
        .find(|en| en.end <= verb && en.start >= s && verb - en.end <= 4)
    {
        // "de la Défense", "de l'Intérieur": the article after the preposition
        let mut of_at = ent.start.saturating_sub(1);
        while of_at > s && (doc.is_any(of_at, &["la", "l"]) || doc.toks[of_at].is_punct(b'\'')) {
            of_at -= 1;
        }
        if ent.start > s + 1 && doc.is_any(of_at, &["du", "de", "des", "of", "in"]) {
            let head_end = of_at;
            let mut k = head_end;
            while k > s
                && doc.toks[k - 1].kind == TokKind::Word
                && !doc.toks[k - 1].cap
                && doc.toks[k - 1].word.class != Class::Stop
            {
                k -= 1;
            }
            if k < head_end && head_end - k <= 3 {
                let phrase = (k..ent.end).map(|x| doc.tok_text(x)).collect::<Vec<_>>().join(" ");
                if let Some(name) = names::of_phrase(&phrase, ctx.country) {
                    return Some(name);
                }
            }
        }
        // "une source officielle dans la province de X a déclaré", "les autorités
        // séparatistes de la région de X évoquant": the place only says where
        // the subject is
        if ent.is("LOC")
            && let Some(name) = head_before_place(doc, s, ent.start)
        {
            return Some(name);
        }
        if ent.is("PER")
            && let Some(name) = speaker_in(doc, ent.start.saturating_sub(8).max(s), ent.end, ctx)
        {
            return Some(name);
        }
        if let Some(name) = entity_name(doc, ent, ctx) {
            return Some(name);
        }
    }
    let after_article = |a: &&&Entity| {
        a.start <= s + 1
            || (a.start == s + 2 && doc.toks[s + 1].is_punct(b'\'') && doc.is_any(s, &["l", "d"]))
            || (a.start == s + 1 && doc.is_any(s, &["le", "la", "les", "the"]))
    };
    if let Some(name) =
        opening.first().filter(after_article).and_then(|a| names::of_entity(ctx.country, doc, a))
    {
        return Some(name);
    }
    // "Jean Mbala, le commissaire …, a déclaré": a name the lexicon does not know
    if let Some(name) = name_run(doc, s, verb, ctx) {
        return Some(name);
    }
    // a common noun phrase just before: "chaque camp affirmant", "the army said"
    let mut k = verb;
    while k > s
        && doc.is_any(
            k - 1,
            &["a", "ont", "avait", "avaient", "lui", "aussi", "has", "have", "had", "se", "s", "'", "also"],
        )
    {
        k -= 1;
    }
    let mut start = k;
    const CONJUNCTIONS: &[&str] =
        &["car", "mais", "donc", "or", "puis", "because", "but", "while", "and", "et"];
    // a hyphen inside a word ("pro-iranien", "Iranian-backed") does not end the phrase
    let glued = |t: usize| {
        (doc.toks[t].is_punct(b'-') || doc.toks[t].is_punct(b'.'))
            && !doc.toks[t].space_before
            && (t == 0 || doc.toks[t - 1].kind == TokKind::Word)
    };
    while start > s
        && start + 7 > k
        && (doc.toks[start - 1].kind == TokKind::Word
            || doc.toks[start - 1].is_punct(b'\'')
            || glued(start - 1))
        && (doc.toks[start - 1].word.class != Class::Stop || doc.is(start - 1, "s"))
        && !doc.is_any(start - 1, CONJUNCTIONS)
    {
        start -= 1;
    }
    if start == k {
        return None;
    }
    // "le ministre ivoirien de la Défense a annoncé": a function's name is
    // part of its minister's
    if doc.toks[start].cap && FUNCTION_NAMES.iter().any(|f| doc.is(start, f)) {
        let mut j = start;
        while j > s && (doc.is_any(j - 1, &["de", "la", "l", "des", "du"]) || doc.toks[j - 1].is_punct(b'\''))
        {
            j -= 1;
        }
        let head = (j.saturating_sub(3).max(s)..j).find(|&h| doc.is_any(h, MINISTERS));
        if j < start
            && let Some(h) = head
        {
            start = h;
        }
    }
    let phrase = &doc.text[doc.toks[start].start..doc.toks[k - 1].end];
    if doc.is_any(k - 1, PRONOUNS) || doc.is_any(start, PRONOUNS) {
        return Some(PRONOUN.to_string());
    }
    phrase_name(doc, phrase, verb, ctx).or_else(|| {
        // "a health official involved in the response said": the whole phrase
        // since the clause's start, its source before its modifiers
        let from =
            (s..start).rev().take(10).find(|&t| doc.toks[t].kind == TokKind::Punct).map_or(s, |t| t + 1);
        (from < start && start - from < 10)
            .then(|| names::english_source(&doc.text[doc.toks[from].start..doc.toks[k - 1].end]))
            .flatten()
    })
}

/// The claimant a common-noun phrase names: a body named again by its head
/// ("the prosecutor's office"), a title or "le groupe" for the one last
/// named, else its canonical name ([`names::of_phrase`]).
fn phrase_name(doc: &Doc, phrase: &str, before: usize, ctx: &Ctx) -> Option<String> {
    let resolved = resolve_anaphor(doc, phrase.to_string(), before, ctx);
    if resolved != phrase {
        return Some(resolved);
    }
    anaphor(doc, &phrase.to_lowercase(), before, ctx).or_else(|| names::of_phrase(phrase, ctx.country))
}

/// The name a phrase after "selon" gives: an entity starting within its
/// first words, "cités par X", else the noun with its adjectives
/// ("autorités séparatistes", "bilan officiel").
fn phrase_at(doc: &Doc, k: usize, e: usize, ctx: &Ctx) -> Option<String> {
    let entities = ctx.entities;
    let mut t = k;
    while t < e
        && (doc.is_any(
            t,
            &["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an", "ce", "ces"],
        ) || doc.toks[t].is_punct(b'\'')
            || matches!(doc.toks[t].word.class, Class::Weekday(_) | Class::DayPart | Class::Rel(_)))
    {
        t += 1;
    }
    if t >= e {
        return None;
    }
    if doc.is_any(t, PRONOUNS) {
        return Some(PRONOUN.to_string());
    }
    // "selon un rapport de l'armée", "according to a statement by the ministry":
    // the document's author
    const DOCUMENTS: &[&str] =
        &["rapport", "communiqué", "report", "statement", "déclaration", "comptage", "décompte"];
    if doc.is_any(t, DOCUMENTS)
        && let Some(of) =
            (t + 1..(t + 3).min(e)).find(|&x| doc.is_any(x, &["de", "du", "des", "d", "of", "by"]))
        && let Some(name) = phrase_at(doc, of + 1, e, ctx)
    {
        return Some(name);
    }
    // "des bilans incomplets des combats cités par l'AFP"
    for p in t..(t + 8).min(e) {
        if by_agent(doc, p, AGENT_PARTICIPLES)
            && let Some(name) = starting_in(entities, p + 1, p + 4)
                .iter()
                .find(|en| en.start > p && en.start <= p + 3)
                .and_then(|en| names::of_entity(ctx.country, doc, en))
        {
            return Some(name);
        }
    }
    for p in t..(t + 8).min(e) {
        if by_agent(doc, p, PUBLISHED)
            && let Some(name) = phrase_at(doc, p + 1, e, ctx)
        {
            return Some(name);
        }
    }
    // a person named after a function: "le porte-parole du Kremlin Dmitri Peskov"
    let in_reach: Vec<&Entity> = starting_in(entities, t, (t + 7).min(e))
        .iter()
        .filter(|en| en.start >= t && en.start < (t + 7).min(e))
        .collect();
    if let Some(name) =
        in_reach.iter().find(|en| en.is("PER")).and_then(|p| names::of_entity(ctx.country, doc, p))
    {
        return Some(name);
    }
    // "selon le défenseur des droits de la région, Artak Beglarian"
    let apposed = starting_in(entities, t + 1, (t + 12).min(e)).iter().find(|en| {
        en.is("PER") && en.start > t && en.start < (t + 12).min(e) && doc.toks[en.start - 1].is_punct(b',')
    });
    if let Some(name) = apposed
        .filter(|p| {
            (t..p.start - 1).all(|x| {
                doc.toks[x].kind != TokKind::Punct
                    || doc.toks[x].is_punct(b'\'')
                    || doc.toks[x].is_punct(b'-')
            })
        })
        .and_then(|p| names::of_entity(ctx.country, doc, p))
    {
        return Some(name);
    }
    // a body the lexicon does not know, with its acronym: "selon le Réseau
    // haïtien des droits humains (RHDH)"
    if doc.toks[t].cap
        && let Some(open) = (t + 1..(t + 12).min(e)).find(|&x| {
            doc.toks[x].kind != TokKind::Word && !doc.toks[x].is_punct(b'\'') && !doc.toks[x].is_punct(b'-')
        })
        && let Some(acronym) = acronym_at(doc, open)
    {
        return Some(acronym);
    }
    // "les autorités de Kyiv", "officials in Gaza", "the Armenian health ministry"
    let mut end = t;
    while end < e && end < t + 6 && doc.toks[end].kind == TokKind::Word && !says(doc, end) {
        end += 1;
        if end < e && doc.is_any(end, &["de", "du", "des", "of", "in", "'s"]) {
            // "de la Défense", "de l'Intérieur", "des Affaires étrangères"
            let mut j = end + 1;
            if doc.is_any(j, &["la", "l"]) {
                j += 1;
                if j < e && doc.toks[j].is_punct(b'\'') {
                    j += 1;
                }
            }
            if j < e && doc.toks[j].cap {
                end = j + 1;
                while end < e && doc.is_any(end, FUNCTION_TAILS) {
                    end += 1;
                }
                break;
            }
        }
    }
    if let Some(first) = in_reach.first()
        && first.start == t
        && first.end >= end
        && let Some(name) = entity_name(doc, first, ctx)
    {
        return Some(name);
    }
    for stop in (t + 1..=end).rev() {
        // a phrase does not end on a function word ("médias affiliés aux")
        if stop > t + 1 && doc.toks[stop - 1].word.class == Class::Stop {
            continue;
        }
        let phrase = &doc.text[doc.toks[t].start..doc.toks[stop - 1].end];
        if phrase.eq_ignore_ascii_case("bilan officiel") || phrase.eq_ignore_ascii_case("bilans officiels") {
            return Some(OFFICIAL.to_string());
        }
        if let Some(name) = phrase_name(doc, phrase, k, ctx) {
            return Some(name);
        }
    }
    if let Some(name) =
        in_reach.first().filter(|f| f.start == t).and_then(|f| names::of_entity(ctx.country, doc, f))
    {
        return Some(name);
    }
    // "selon des bilans partiels": the outlet's own tally
    if doc.is_any(t, &["bilan", "bilans"]) {
        return ctx.outlet.map(str::to_string);
    }
    None
}

/// Participles whose agent ("par X", "by X") made the figure: "cités par
/// l'AFP", "compiled by the UN".
const AGENT_PARTICIPLES: &[&str] = &[
    "cités",
    "cité",
    "compilés",
    "établi",
    "établis",
    "compiled",
    "released",
    "published",
    "issued",
    "provided",
    "publiés",
    "fournis",
    "rapportés",
    "communiqués",
];

/// Of those, the ones whose agent may be any phrase, not only a name found.
const PUBLISHED: &[&str] =
    &["released", "published", "issued", "provided", "publiés", "fournis", "rapportés", "cités"];

/// Whether token `p` is "par"/"by" after one of `participles`.
fn by_agent(doc: &Doc, p: usize, participles: &[&str]) -> bool {
    doc.is_any(p, &["par", "by"]) && p > 0 && doc.is_any(p - 1, participles)
}
