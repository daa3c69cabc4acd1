//! CLAIM: a figure that counts casualties (killed, wounded, missing,
//! displaced, captured, equipment destroyed) with whoever states it. One
//! claim per figure; the span is the figure's. The claimant comes from
//! "selon X", "d'après X", "according to X", "X a affirmé / annoncé /
//! indiqué / fait état de", "a déclaré X", "X said", "bilan officiel"; an
//! unattributed figure is "non attribué"; a pronoun is the speaker last
//! named; a sentence with no attribution takes that of its neighbours in
//! the paragraph, a headline the body's (`attribution`, `names`). The party
//! whose losses are counted, and the scope, come from `side`; the names of
//! claimants and parties are data (lexicon/claimants.tsv, parties.tsv and
//! the world data of `geo`).

mod attribution;
mod data;
mod names;
mod side;
mod what;

use std::collections::HashMap;

use super::dates::DateFound;
use super::entities::Entity;
use super::figures::Figure;
use super::scan::{Doc, TokKind};
use super::spans::{Lookbacks, starting_in};
use super::vocab::{Class, SAY};
use crate::annotation::{Attrs, Party, Scope, What, Who};
use crate::date::PartialDate;
use attribution::{Ctx, PRONOUN};

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

/// How a claimant was found: in the figure's clause, in a sentence next
/// to it, or not at all (the outlet or "non attribué" stand in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Clause,
    Neighbour,
    Fallback,
}

pub fn find(
    doc: &Doc,
    figures: &[Figure],
    entities: &[Entity],
    dates: &[DateFound],
    reference: Option<PartialDate>,
    outlet: Option<&str>,
) -> Vec<Claim> {
    if figures.is_empty() {
        return Vec::new();
    }
    let parties = side::Parties::new(doc, entities, figures);
    let country = crate::geo::world()
        .place(parties.other_than(None).as_str())
        .and_then(|p| crate::geo::world().country(p.country_code));
    let named = std::cell::RefCell::new(vec![None; doc.sents.len()]);
    let longest = super::spans::longest(entities);
    let (names_back, tokens_back) = (Lookbacks::default(), Lookbacks::default());
    let ctx = Ctx {
        figures,
        entities,
        outlet,
        country,
        named: &named,
        longest,
        names_back: &names_back,
        tokens_back: &tokens_back,
    };
    let mut speakers = Speakers { said: vec![None; doc.sents.len()] };
    let mut out: Vec<Claim> = Vec::new();
    let mut found: Vec<Found> = Vec::new();
    // claimants repeat: their parties are found once
    let mut claimant_parties: HashMap<String, Option<Party>> = HashMap::new();
    // the last claim of each count whose people are known, for the same
    // count told again
    let mut last_of_count: HashMap<(Option<u64>, Option<u64>), usize> = HashMap::new();
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
        // "détruit 26 chars, 32 véhicules et deux avions", "110 personnes (60 le vendredi, …)"
        let listed = k > 0 && linked_to_previous(doc, &figures[k - 1], f);
        let from_last = last.filter(|(s, _, _)| (elided || continues || listed) && *s == sentence);
        let Some(what) = what::of(doc, f).or(from_last.map(|(_, w, _)| w)) else { continue };
        let (mut claimant, verb, mut how) = claimant_for(doc, f, what, &ctx, &mut speakers);
        let linked = k > 0 && linked_to_previous(doc, &figures[k - 1], f);
        if how == Found::Fallback
            && let Some(j) = restated_or_listed(doc, f, what, linked, &out, &found)
        {
            claimant = out[j].attrs.claimant.clone().unwrap_or(claimant);
            how = Found::Neighbour;
        }
        let who = match what {
            What::Equipment => Some(Who::Military),
            _ => match who_of_noun(doc, f).or(f.who).or(from_last.and_then(|(_, _, w)| w)) {
                // "neuf civils ont été tués et 34 blessés": the wounded are civilians too
                // (not "… and 31 people were injured": people are everyone)
                Some(Who::All) | None
                    if linked
                        && last.is_some_and(|(s, _, _)| s == sentence)
                        && !f.noun.is_some_and(|n| doc.is_any(n, PEOPLE)) =>
                {
                    last.and_then(|(_, _, w)| w).unwrap_or(Who::All)
                }
                Some(Who::All) | None if what == What::Displaced => Who::Civilians,
                Some(Who::All) | None => who_from_context(doc, f),
                Some(w) => w,
            }
            .into(),
        };
        last = Some((sentence, what, who));
        let party = match claimant_parties.get(&claimant) {
            Some(&p) => p,
            None => {
                let p =
                    side::party_of_claimant(&claimant).or_else(|| party_of_person(doc, entities, &claimant));
                claimant_parties.insert(claimant.clone(), p);
                p
            }
        };
        let cues = side::Cues {
            claimant: party,
            // "l'armée a subi de lourdes pertes, dont 10 véhicules": its own
            admits: verb.is_some_and(|v| doc.is_any(v, ADMIT))
                || (doc.sentence_of(f.number).0..f.start)
                    .any(|t| doc.is_any(t, &["subi", "suffered", "essuyé"])),
            inflicted: inflicted(doc, f),
        };
        let (mut side, scope, said) = side::side_of(doc, f, what, who, &cues, entities, &parties);
        // an armed group's losses are its fighters'
        let who = match who {
            Some(Who::All) if said && side::is_group(side) => Some(Who::Military),
            w => w,
        };
        // "192 soldats azerbaïdjanais tués et 511 blessés": the list goes on counting the same side
        if (elided || continues)
            && linked
            && !said
            && let Some(prev) = out.last().filter(|c| doc.sentence_index(c.start) == sentence)
        {
            side = prev.attrs.side.unwrap_or(side);
        }
        // "800 morts, dont une centaine de civils": a part of a toll of every party
        let part = (f.start.saturating_sub(2)..f.start).any(|t| doc.is_any(t, &["dont", "including"]));
        if part
            && !said
            && out.last().is_some_and(|c| c.end + 6 >= f.start && c.attrs.side == Some(Party::BOTH))
        {
            side = Party::BOTH;
        }
        // "89 militaires tués … Ce sont 89 corps qui ont été retrouvés": the
        // same count again counts the same people
        let mut who = who;
        if who == Some(Who::All)
            && let Some(prev) = last_of_count.get(&(f.low, f.high)).map(|&k| &out[k])
        {
            who = prev.attrs.who;
            if !said {
                side = prev.attrs.side.unwrap_or(side);
            }
        }
        // "three attackers" where the text names one armed group: its fighters
        if side::is_unnamed(side)
            && let Some(g) = parties.only_group()
        {
            side = g;
        }
        // "the army had lost 200 people": an army's people are its soldiers
        if who == Some(Who::All) && army_lost(doc, f) {
            who = Some(Who::Military);
        }
        let as_of = verb.and_then(|v| statement_date(doc, v, dates, reference)).or(reference);
        let denied_by = denial(doc, f, &ctx).filter(|d| *d != claimant);
        if who != Some(Who::All) {
            last_of_count.insert((f.low, f.high), out.len());
        }
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
                scope: Some(scope.unwrap_or(Scope::Total)),
                denied_by,
                as_of,
                ..Attrs::default()
            },
        });
        found.push(how);
    }
    spokespeople_speak_for_their_body(doc, entities, ctx.country, &mut out);
    bare_heads_are_the_source_named_before(&mut out);
    headlines_take_the_body_claimant(doc, &mut out, &found);
    army_speaks_through_its_ministry(&mut out);
    acronyms_by_their_french_names(doc, entities, &mut out);
    out
}

/// "sources sécuritaires … selon ces sources", "la télévision syrienne … la
/// télévision": a source named again by its head alone is the one named
/// in full before it.
fn bare_heads_are_the_source_named_before(claims: &mut [Claim]) {
    // the last claimant of more than one word, by its first word without
    // its plural's "s": one lookup a claim, not a pass over those before
    let mut last_full: HashMap<String, String> = HashMap::new();
    for claim in claims.iter_mut() {
        let Some(head) = claim.attrs.claimant.as_deref() else { continue };
        // the generic heads are kept folded ("television")
        if !head.contains(' ')
            && data::DATA.generic.contains(&crate::geo::fold(head))
            && let Some(full) = last_full.get(head.trim_end_matches('s'))
        {
            claim.attrs.claimant = Some(full.clone());
        }
        let Some(c) = claim.attrs.claimant.as_deref() else { continue };
        if let Some((first, _)) = c.split_once(' ') {
            last_full.insert(first.trim_end_matches('s').to_string(), c.to_string());
        }
    }
}

/// The party of a person claimant from the adjective of the title the
/// text first gives them: "Lebanese Health Minister Firass Abiad", "le
/// président ukrainien Volodymyr Zelensky".
fn party_of_person(doc: &Doc, entities: &[Entity], claimant: &str) -> Option<Party> {
    let surname = claimant.rsplit(' ').next()?;
    if !side::is_person_name(claimant) {
        return None;
    }
    let first = entities.iter().find(|en| en.is("PER") && doc.tok_text(en.end - 1) == surname)?;
    let (s, _) = doc.sentence_of(first.start);
    let country = side::country_named_in(doc, entities, first.start.saturating_sub(5).max(s), first.start)?;
    Party::parse(country.party())
}

/// "le porte-parole du ministère de la Santé, Ashraf al-Qidreh … a souligné
/// le docteur Qidreh": a spokesperson the text introduced speaks for the
/// body, wherever they are named again (ANNOTATION_GUIDE, DECISIONS).
fn spokespeople_speak_for_their_body(
    doc: &Doc,
    entities: &[Entity],
    country: Option<&'static crate::geo::Country>,
    claims: &mut [Claim],
) {
    const SPOKESPERSON: &[&str] = &["porte-parole", "spokesperson", "spokesman", "spokeswoman"];
    // "Qidreh" is "al-Qidreh" named again
    let bare = |w: &str| w.rsplit('-').next().unwrap_or(w).to_string();
    let body_of = |surname: &str| {
        let surname = bare(surname);
        let person = entities.iter().find(|en| en.is("PER") && bare(doc.tok_text(en.end - 1)) == surname)?;
        let (s, _) = doc.sentence_of(person.start);
        let from = person.start.saturating_sub(14).max(s);
        let spokes = (from..person.start)
            .find(|&t| doc.is_any(t, SPOKESPERSON) || doc.is(t, "porte") && doc.is(t + 2, "parole"))?;
        entities
            .iter()
            .find(|en| en.start > spokes && en.end <= person.start && !en.is("PER"))
            .and_then(|en| names::of_entity(country, doc, en))
    };
    let mut known: Vec<(String, Option<String>)> = Vec::new();
    for c in claims.iter_mut() {
        let Some(name) = c.attrs.claimant.clone() else { continue };
        if !side::is_person_name(&name) {
            continue;
        }
        let body = match known.iter().find(|(n, _)| *n == name) {
            Some((_, b)) => b.clone(),
            None => {
                let b = name.rsplit(' ').next().and_then(body_of);
                known.push((name.clone(), b.clone()));
                b
            }
        };
        if let Some(b) = body {
            c.attrs.claimant = Some(b);
        }
    }
}

/// "les Forces armées soudanaises (FAS) … selon les FAS": a state force
/// named by an acronym the text spells out in French takes its full name
/// (DECISIONS); a group or an NGO keeps the acronym it is known by
/// ("RNDDH"), and so does a force spelled out in English.
fn acronyms_by_their_french_names(doc: &Doc, entities: &[Entity], claims: &mut [Claim]) {
    const FRENCH: &[&str] = &["de", "des", "du", "la", "le", "l", "pour", "et", "aux"];
    let spelled = |acronym: &str| {
        entities.iter().find_map(|en| {
            let t = en.end;
            let inside = doc.toks.get(t + 1).filter(|_| doc.toks[t].is_punct(b'('))?;
            let closes = doc.toks.get(t + 2).is_some_and(|x| x.is_punct(b')'));
            if !closes || &doc.text[inside.start..inside.end] != acronym {
                return None;
            }
            let force = doc.is_any(en.start, &["forces", "armée", "armées"]);
            let written = &doc.text[doc.toks[en.start].start..doc.toks[en.end - 1].end];
            let french = force
                && ((en.start..en.end).any(|k| doc.is_any(k, FRENCH)) || written.contains(['é', 'è', 'ê']));
            french.then(|| written.to_string())
        })
    };
    // each acronym looked up once, not once per claim
    let mut known: HashMap<String, Option<String>> = HashMap::new();
    for c in claims.iter_mut() {
        let Some(name) = c.attrs.claimant.as_deref() else { continue };
        let acronym = name.len() >= 2 && name.chars().all(|ch| ch.is_uppercase() || ch.is_ascii_digit());
        if acronym && let Some(full) = known.entry(name.to_string()).or_insert_with(|| spelled(name)).clone()
        {
            c.attrs.claimant = Some(full);
        }
    }
}

/// The earlier claim whose source a figure with none of its own takes: the
/// same count of the same thing said before ("Two soldiers were killed, the
/// army said. … killing two soldiers"), or the claim it goes on listing in
/// its sentence ("killing two soldiers and injuring five").
fn restated_or_listed(
    doc: &Doc,
    f: &Figure,
    what: What,
    linked: bool,
    out: &[Claim],
    found: &[Found],
) -> Option<usize> {
    let named = |j: &usize| found[*j] != Found::Fallback;
    let sentence = doc.sentence_index(f.number);
    if linked
        && let Some(j) = out.len().checked_sub(1).filter(named)
        && doc.sentence_index(out[j].start) == sentence
    {
        return Some(j);
    }
    (0..out.len()).rev().filter(named).find(|&j| {
        let c = &out[j].attrs;
        c.count_low == f.low && c.count_high == f.high && c.what == Some(what) && f.low.is_some()
    })
}

/// "l'armée russe dit" where the text also gives the figures of "le
/// ministère russe de la Défense": the ministry speaks for its army
/// (DECISIONS); an army whose ministry the text never cites keeps its name.
fn army_speaks_through_its_ministry(claims: &mut [Claim]) {
    let country = |c: &str| names::country_in(&crate::geo::fold(c)).map(|k| k.code);
    // the first ministry cited of each country
    let mut ministries = HashMap::new();
    for c in claims.iter().filter_map(|c| c.attrs.claimant.as_deref()) {
        if c.starts_with("ministère ")
            && c.ends_with(" de la Défense")
            && let Some(k) = country(c)
        {
            ministries.entry(k).or_insert_with(|| c.to_string());
        }
    }
    for c in claims.iter_mut() {
        let Some(army) = c.attrs.claimant.as_deref().filter(|a| a.starts_with("armée ")) else { continue };
        let Some(k) = country(army) else { continue };
        if let Some(m) = ministries.get(&k) {
            c.attrs.claimant = Some(m.clone());
        }
    }
}

/// Nouns that count everyone, whatever the list before them counted.
const PEOPLE: &[&str] = &["people", "persons", "personnes", "individus"];

const ADMIT: &[&str] =
    &["reconnu", "reconnaît", "reconnaissent", "admis", "acknowledged", "admitted", "conceded"];

/// The sentences' speakers, found once each.
struct Speakers {
    said: Vec<Option<Option<String>>>,
}

impl Speakers {
    /// Who speaks in sentence `i` (a pronoun resolved to the one before).
    fn of(&mut self, doc: &Doc, i: usize, ctx: &Ctx) -> Option<String> {
        if let Some(known) = &self.said[i] {
            return known.clone();
        }
        self.said[i] = Some(None); // no loop through a pronoun
        let (s, e) = doc.sents[i];
        // the verb's subject before it, else whoever the verb names after it
        let name = attribution::in_clause(doc, s, e, e, ctx)
            .or_else(|| attribution::in_clause(doc, s, e, s, ctx))
            .map(|(n, _)| n);
        let name = match name {
            Some(n) if n == PRONOUN => self.before(doc, i, ctx),
            other => other,
        };
        self.said[i] = Some(name.clone());
        name
    }

    /// The speaker last named before sentence `i` ("selon lui", "he said").
    fn before(&mut self, doc: &Doc, i: usize, ctx: &Ctx) -> Option<String> {
        (i.saturating_sub(6)..i).rev().find_map(|j| self.of(doc, j, ctx).filter(|n| n != OFFICIAL)).or_else(
            || {
                // no one said anything yet: the person last named
                let start = doc.sents.get(i).map_or(0, |s| s.0);
                ctx.names_back.last_entity(("person", "", ctx.code()), ctx.entities, start, |en| {
                    en.is("PER").then(|| names::of_entity(ctx.country, doc, en)).flatten()
                })
            },
        )
    }
}

/// Whether sentence `i` opens a paragraph.
fn opens_paragraph(doc: &Doc, i: usize) -> bool {
    i == 0 || doc.toks.get(doc.sents[i].0).is_some_and(|t| t.para_before)
}

/// Who states `f`: its clause's claimant (a pronoun resolved to the last
/// speaker), else the speaker of the sentence before or after in its
/// paragraph (a report goes on, or names its source after: "… au moins 110
/// personnes. Le réseau X l'a établi"), else "bilan officiel" or the
/// outlet for a precise figure and "non attribué" for a vague one.
fn claimant_for(
    doc: &Doc,
    f: &Figure,
    what: What,
    ctx: &Ctx,
    speakers: &mut Speakers,
) -> (String, Option<usize>, Found) {
    let i = doc.sentence_index(f.number);
    let (s, e) = doc.sents.get(i).copied().unwrap_or((0, doc.toks.len()));
    match attribution::in_clause(doc, s, e, f.start, ctx) {
        Some((n, v)) if n == PRONOUN => {
            if let Some(n) = speakers.before(doc, i, ctx) {
                return (n, v, Found::Clause);
            }
            // "The head of X … agreeing that he has lost N. Jean Dupont said …":
            // a lede names its speaker by function first, by name next
            let person = |n: &String| side::is_person_name(n);
            if let Some(n) =
                (i + 1..(i + 3).min(doc.sents.len())).find_map(|j| speakers.of(doc, j, ctx).filter(person))
            {
                return (n, v, Found::Clause);
            }
        }
        Some((n, v)) => return (unnamed_then_named(doc, i, n, ctx, speakers), v, Found::Clause),
        None => {}
    }
    if !opens_paragraph(doc, i)
        && let Some(n) = speakers.of(doc, i - 1, ctx)
    {
        return (n, None, Found::Neighbour);
    }
    // a figure inside a quotation: the verb after the quotation closes names
    // its speaker ("«… 3.100 soldats. …», a déclaré X"), else the one who
    // spoke last; never someone the quotation names
    if let Some(close) = attribution::quotation_close(doc, f.start) {
        let j = doc.sentence_index(close.min(doc.toks.len().saturating_sub(1)));
        let (_, ce) = doc.sents.get(j).copied().unwrap_or((0, 0));
        if close > e
            && close + 1 < ce
            && let Some((n, v)) = attribution::in_clause(doc, close + 1, ce, close + 1, ctx)
        {
            let n = if n == PRONOUN { speakers.before(doc, i, ctx) } else { Some(n) };
            if let Some(n) = n {
                return (n, v, Found::Neighbour);
            }
        }
        if let Some(n) = speakers.before(doc, i, ctx) {
            return (n, None, Found::Neighbour);
        }
    }
    // "Des dizaines de cadavres supplémentaires", "further bodies": a figure
    // added to a report already given is the same source's, across a
    // paragraph break too
    let additive = (f.start..(f.end + 2).min(doc.toks.len()))
        .any(|t| doc.is_any(t, &["supplémentaire", "supplémentaires", "additional", "further"]));
    if i > 0
        && additive
        && let Some(n) = speakers.before(doc, i, ctx)
    {
        return (unnamed_then_named(doc, i - 1, n, ctx, speakers), None, Found::Neighbour);
    }
    // a paragraph that is a quotation and names no speaker goes on quoting
    // the one who spoke last
    if i > 0
        && opens_paragraph(doc, i)
        && quotation_opens(doc, s)
        && let Some(n) = speakers.before(doc, i, ctx)
    {
        return (n, None, Found::Neighbour);
    }
    // the next sentence names the source of this figure only when it gives
    // none of its own, or opens on the verb that closes a quotation ("», a
    // déclaré X")
    let (ns, ne) = doc.sents.get(i + 1).copied().unwrap_or((0, 0));
    let closes_quote = (ns..(ns + 4).min(ne)).any(|t| attribution::says(doc, t))
        && doc.toks.get(ns).is_some_and(|t| t.kind == TokKind::Punct);
    if i + 1 < doc.sents.len()
        && !opens_paragraph(doc, i + 1)
        && (closes_quote || starting_in(ctx.figures, ns, ne).is_empty())
        && let Some(n) = speakers.of(doc, i + 1, ctx)
    {
        return (n, None, Found::Neighbour);
    }
    // a vague count of people fleeing or hurt is nobody's; a death toll in the
    // background is the outlet's (DECISIONS)
    let vague = f.qualifier == crate::annotation::Qualifier::Many;
    let fallback =
        if vague && what != What::Killed { UNATTRIBUTED } else { ctx.outlet.unwrap_or(UNATTRIBUTED) };
    (fallback.to_string(), None, Found::Fallback)
}

/// Whether token `t` opens a quotation.
fn quotation_opens(doc: &Doc, t: usize) -> bool {
    doc.toks.get(t).is_some_and(|x| {
        x.kind == TokKind::Punct && matches!(&doc.text[x.start..x.end], "\"" | "“" | "«" | "„")
    })
}

/// "… a déclaré un responsable local. «…», a déclaré le chef X": an
/// official left unnamed is the person who speaks in the next sentences.
fn unnamed_then_named(doc: &Doc, i: usize, name: String, ctx: &Ctx, speakers: &mut Speakers) -> String {
    const UNNAMED: &[&str] = &["responsable", "official", "un responsable", "an official"];
    if !UNNAMED.iter().any(|u| name.starts_with(u)) {
        return name;
    }
    let person = |n: &String| n.split(' ').all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (i + 1..(i + 3).min(doc.sents.len()))
        .find_map(|j| speakers.of(doc, j, ctx).filter(person))
        .unwrap_or(name)
}

/// A figure in a headline or kicker (a paragraph of one short sentence with
/// no attribution) takes the claimant of the body: the next claim whose
/// claimant the text names.
fn headlines_take_the_body_claimant(doc: &Doc, claims: &mut [Claim], found: &[Found]) {
    // the next claim found in its clause, after each claim
    let mut next_clause = vec![None; claims.len()];
    for j in (1..claims.len()).rev() {
        next_clause[j - 1] = if found[j] == Found::Clause { Some(j) } else { next_clause[j] };
    }
    // the sentence of the first figure the text attributes where it stands
    let body_starts = (0..claims.len())
        .find(|&k| found[k] == Found::Clause)
        .map_or(usize::MAX, |k| doc.sentence_index(claims[k].start));
    for k in 0..claims.len() {
        if found[k] != Found::Fallback {
            continue;
        }
        let i = doc.sentence_index(claims[k].start);
        let (s, e) = doc.sents.get(i).copied().unwrap_or((0, 0));
        // (before the body: a one-sentence paragraph after a figure the text
        // attributes is the body's own)
        let alone = i <= body_starts
            && opens_paragraph(doc, i)
            && (i + 1 >= doc.sents.len() || opens_paragraph(doc, i + 1));
        // or a short line of its own at the top, without a full stop (a
        // title): only the first sentences are looked at, not their lines
        let title = i < 4 && {
            let at = claims[k].start;
            let line_start = (0..=at).rev().find(|&t| doc.toks[t].nl_before).unwrap_or(0);
            let line_end =
                (at + 1..doc.toks.len()).find(|&t| doc.toks[t].nl_before).unwrap_or(doc.toks.len());
            line_end - line_start <= 20 && !(line_start..line_end).any(|t| doc.toks[t].is_punct(b'.'))
        };
        if !(alone && e - s <= 25 || title) {
            continue;
        }
        // the body's claim of the same count, else the next one it names a source for;
        // the same count counts the same people
        let same = (k + 1..claims.len()).find(|&j| {
            found[j] != Found::Fallback
                && claims[j].attrs.count_low == claims[k].attrs.count_low
                && claims[j].attrs.count_high == claims[k].attrs.count_high
                && claims[j].attrs.what == claims[k].attrs.what
        });
        if let Some(j) = same {
            claims[k].attrs.claimant = claims[j].attrs.claimant.clone();
            claims[k].attrs.side = claims[j].attrs.side;
        } else if let Some(j) = next_clause[k] {
            claims[k].attrs.claimant = claims[j].attrs.claimant.clone();
        }
    }
}

/// "the army had lost 200 people", "les forces ont perdu 30 hommes".
fn army_lost(doc: &Doc, f: &Figure) -> bool {
    const ARMY: &[&str] = &["army", "armée", "forces", "troops", "troupes", "military"];
    let s = doc.sentence_of(f.number).0;
    (f.start.saturating_sub(4).max(s)..f.start)
        .find(|&t| doc.is_any(t, &["lost", "perdu", "loses", "perd", "suffered", "subi", "essuyé"]))
        .is_some_and(|lost| (lost.saturating_sub(5).max(s)..lost).any(|t| doc.is_any(t, ARMY)))
}

/// The claimant did the killing or destroying: an active verb before the
/// figure ("affirme avoir éliminé 50 combattants", "says it destroyed").
fn inflicted(doc: &Doc, f: &Figure) -> bool {
    const DID: &[&str] = &[
        "éliminé",
        "éliminés",
        "neutralisé",
        "neutralisés",
        "tué",
        "abattu",
        "abattus",
        "détruit",
        "détruits",
        "killed",
        "destroyed",
        "downed",
        "eliminated",
        "shot",
    ];
    let (s, _) = doc.sentence_of(f.number);
    (f.start.saturating_sub(4).max(s)..f.start).any(|t| {
        doc.is_any(t, DID)
            && t > 0
            && !doc.is_any(t - 1, &["été", "been", "were", "was", "être", "are", "is"])
            && doc.is_any(t - 1, &["avoir", "a", "ont", "have", "has", "had", "it", "they", "having", "'ve"])
    })
}

/// Who denies the figure in its sentence or the next ("un chiffre démenti
/// par Erevan", "a claim denied by Kyiv", "Kyiv rejected the claim"): a
/// denial of an attack or of blame is no denial of a figure, so the clause
/// must speak of a figure or a claim.
fn denial(doc: &Doc, f: &Figure, ctx: &Ctx) -> Option<String> {
    const DENY: &[&str] = &[
        "démenti",
        "démentis",
        "démentie",
        "démenties",
        "dément",
        "démentent",
        "démentait",
        "réfuté",
        "réfute",
        "rejeté",
        "rejette",
        "contesté",
        "conteste",
        "denied",
        "denies",
        "deny",
        "rejected",
        "rejects",
        "refuted",
        "disputed",
    ];
    const FIGURE: &[&str] = &[
        "chiffre",
        "chiffres",
        "bilan",
        "bilans",
        "affirmation",
        "affirmations",
        "claim",
        "claims",
        "figure",
        "figures",
        "toll",
        "numbers",
    ];
    let i = doc.sentence_index(f.number);
    let last = if i + 1 < doc.sents.len() && !opens_paragraph(doc, i + 1) { i + 1 } else { i };
    for j in i..=last {
        let (s, e) = doc.sents[j];
        let from = if j == i { f.end } else { s };
        for t in from..e {
            if !doc.is_any(t, DENY) {
                continue;
            }
            let about_figure = (t.saturating_sub(6).max(s)..(t + 6).min(e)).any(|x| doc.is_any(x, FIGURE))
                || (j == i && t <= f.end + 3);
            if !about_figure {
                continue;
            }
            // "démenti par X", "denied by X"
            let by = (t + 1..(t + 3).min(e)).find(|&x| doc.is_any(x, &["par", "by"]));
            let name = match by {
                Some(b) => starting_in(ctx.entities, b + 1, b + 4)
                    .iter()
                    .find(|en| en.start > b && en.start <= b + 3)
                    .and_then(|en| names::of_entity(ctx.country, doc, en)),
                None => starting_in(ctx.entities, s, t)
                    .iter()
                    .rev()
                    .find(|en| en.end <= t && en.start >= s && t - en.end <= 4)
                    .and_then(|en| names::of_entity(ctx.country, doc, en)),
            };
            if name.is_some() {
                return name;
            }
        }
    }
    None
}

/// Whom the counted noun counts where the vocabulary does not say or says
/// otherwise: police, rescuers and medics are civilians (the guide).
fn who_of_noun(doc: &Doc, f: &Figure) -> Option<Who> {
    const CIVIL: &[&str] = &[
        "policiers",
        "policier",
        "policemen",
        "police",
        "secouristes",
        "rescuers",
        "médecins",
        "medics",
        "doctors",
        "paramedics",
        "pompiers",
        "firefighters",
        "journalistes",
        "journalists",
        "enfants",
        "children",
        "femmes",
        "women",
    ];
    // fighters of armed groups and attackers are military (the guide)
    const FIGHTERS: &[&str] = &[
        "terroristes",
        "terrorists",
        "jihadistes",
        "djihadistes",
        "jihadists",
        "militants",
        "assaillants",
        "attackers",
        "assailants",
        "insurgés",
        "insurgents",
        "rebelles",
        "rebels",
        "éléments",
        "miliciens",
        "militiamen",
        "combattants",
        "fighters",
        "gunmen",
        "membres",
        "members",
    ];
    // the noun the vocabulary does not know is the word after the number
    let mut noun = f.noun.unwrap_or(f.number + 1);
    if doc.is_any(noun, &["autres", "other", "others"]) {
        noun += 1;
    }
    if doc.is_any(noun, FIGHTERS) {
        return Some(Who::Military);
    }
    doc.is_any(noun, CIVIL).then_some(Who::Civilians)
}

/// "… tués et 34 blessés": a figure right after another, joined by "et",
/// "and" or a comma, continues its list.
fn linked_to_previous(doc: &Doc, prev: &Figure, f: &Figure) -> bool {
    prev.end <= f.start
        && f.start - prev.end <= 6
        && doc.sentence_index(prev.start) == doc.sentence_index(f.start)
        && (prev.end..f.start).any(|t| doc.is_any(t, &["et", "and", ",", "("]))
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
    if let Some(d) = starting_in(dates, s, verb + 3).iter().find(near) {
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

#[cfg(test)]
mod tests;
