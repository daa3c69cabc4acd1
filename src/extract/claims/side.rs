//! Whose losses a claim counts: the party, by its canonical French name
//! (ANNOTATION_GUIDE, claims: side), and whether the figure holds for each
//! party (scope). Countries, adjectives and demonyms come from the world
//! data (`geo`); armed groups, unnamed attackers and places whose party is
//! not their country's from lexicon/parties.tsv.

use super::data::{DATA, Fast};
use super::names::country_in;
use crate::annotation::{Party, Scope, What, Who};
use crate::extract::entities::Entity;
use crate::extract::figures::Figure;
use crate::extract::scan::{Doc, TokKind};
use crate::extract::spans::{Lookbacks, starting_in};
use crate::extract::vocab::SideWord;
use crate::geo::{Country, PlaceKind, fold, world};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The parties an article names, by how often (places, adjectives and
/// demonyms, armed groups): the other party of a claimant is the one
/// named most after it.
pub struct Parties {
    counts: Vec<(Party, usize)>,
    /// The last group and place named before a token (`spans::Lookback`).
    back: Lookbacks<Party>,
}

impl Parties {
    pub fn new(doc: &Doc, entities: &[Entity], figures: &[Figure]) -> Parties {
        let mut counts: Vec<(Party, usize)> = Vec::new();
        let mut add = |p: Party, n: usize| match counts.iter_mut().find(|(q, _)| *q == p) {
            Some((_, c)) => *c += n,
            None => counts.push((p, n)),
        };
        // a place in a sentence that counts someone weighs more than one in passing
        let counting: Vec<usize> = figures.iter().map(|f| doc.sentence_index(f.number)).collect();
        let mut counts_someone = vec![false; doc.sents.len()];
        for &i in &counting {
            counts_someone[i] = true;
        }
        // a place that only sets the speaker's scene ("en Suisse, X a souligné") is no party
        // the comma first: it is one test, the reporting verb up to eight lookups
        let scene = |en: &Entity| {
            doc.toks.get(en.end).is_some_and(|t| t.is_punct(b',')) && {
                let (_, e) = doc.sentence_of(en.start);
                (en.end..(en.end + 8).min(e)).any(|t| super::attribution::says(doc, t))
            }
        };
        for e in entities.iter().filter(|e| e.is("LOC") && !scene(e)) {
            if let Some(p) = party_of_place(&fold(entity_text(doc, e))) {
                add(p, if counts_someone[doc.sentence_index(e.start)] { 2 } else { 1 });
            }
        }
        // adjectives, demonyms and groups: read in the sentences that count someone
        let mut sentences = counting.clone();
        sentences.dedup();
        for i in sentences {
            let (s, e) = doc.sents.get(i).copied().unwrap_or((0, 0));
            let mut t = s;
            while t < e {
                let (p, len) = party_at(doc, t);
                if let Some(p) = p {
                    add(p, 1);
                }
                t += len.max(1);
            }
        }
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        Parties { counts, back: Lookbacks::default() }
    }

    /// The party the article names most, if it names one at least twice as
    /// often as any other.
    pub fn main(&self) -> Option<Party> {
        match self.counts.as_slice() {
            [] => None,
            [(p, _)] => Some(*p),
            [(p, n), (_, m), ..] => (*n >= 2 * *m).then_some(*p),
        }
    }

    /// Whether the two parties named most are named about as often (the
    /// second at least half as often as the first).
    pub fn balanced(&self) -> bool {
        matches!(self.counts.as_slice(), [(_, n), (_, m), ..] if 2 * m >= *n)
    }

    /// Whether `p` is one of the two parties named most (a belligerent, not
    /// a mediator).
    pub fn is_belligerent(&self, p: Party) -> bool {
        self.counts.iter().take(2).any(|&(q, _)| q == p)
    }

    /// The one armed group the article names, when it names exactly one:
    /// the attackers it leaves unnamed elsewhere ("three attackers") are its.
    pub fn only_group(&self) -> Option<Party> {
        let mut groups = self.counts.iter().map(|&(p, _)| p).filter(|&p| is_group(p) && !is_unnamed(p));
        match (groups.next(), groups.next()) {
            (Some(g), None) => Some(g),
            _ => None,
        }
    }

    /// The party named most, other than `p`.
    pub fn other_than(&self, p: Option<Party>) -> Party {
        self.counts.iter().map(|&(q, _)| q).find(|&q| Some(q) != p).unwrap_or(Party::UNKNOWN)
    }
}

fn entity_text<'d>(doc: &'d Doc, e: &Entity) -> &'d str {
    &doc.text[doc.toks[e.start].start..doc.toks[e.end - 1].end]
}

/// Whether a party is an armed group or unnamed attackers (not a country
/// or a people).
pub fn is_unnamed(p: Party) -> bool {
    DATA.unnamed.values().any(|u| *u == p.as_str())
}

pub fn is_group(p: Party) -> bool {
    DATA.groups.values().chain(DATA.unnamed.values()).any(|g| *g == p.as_str())
}

/// The armed group last named before token `before` (within a few
/// sentences), for "le mouvement", "the group".
pub fn group_before(doc: &Doc, before: usize) -> Option<Party> {
    let from = doc.sentence_of(before).0;
    let from = doc.sentence_of(from.saturating_sub(1)).0;
    let from = doc.sentence_of(from.saturating_sub(1)).0;
    (from..before)
        .rev()
        .find_map(|k| party_at(doc, k).0.filter(|&p| DATA.groups.values().any(|g| *g == p.as_str())))
}

/// The party a place's losses are: a place of parties.tsv, else its country's.
pub fn party_of_place(key: &str) -> Option<Party> {
    if let Some((party, _)) = DATA.places.get(key) {
        return Party::parse(party);
    }
    let c = world().country_of_place(key)?;
    Party::parse(c.party())
}

/// Every folded word that can start a party's name: a country's adjective
/// or demonym, the first word of a group, place or unnamed attackers of
/// parties.tsv. A token outside it costs one lookup and no allocation.
static OPENERS: LazyLock<HashSet<String, Fast>> = LazyLock::new(|| {
    let mut set: HashSet<String, Fast> =
        world().countries().iter().flat_map(|c| c.adjectives.iter().map(|a| fold(a))).collect();
    let first = |k: &String| k.split(' ').next().unwrap_or("").to_string();
    set.extend(DATA.groups.keys().chain(DATA.places.keys()).chain(DATA.unnamed.keys()).map(first));
    set
});

/// The first two bytes of every opener of two bytes or more, as a table
/// indexed by `b0 << 8 | b1`: a word outside it cannot be an opener.
static OPENER_STARTS: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let mut table = vec![false; 1 << 16];
    for key in OPENERS.iter().map(|k| k.as_bytes()).filter(|k| k.len() >= 2) {
        table[usize::from(key[0]) << 8 | usize::from(key[1])] = true;
    }
    table
});

/// The first words of the parties of several words ("boko", "djihad
/// islamique"…): a name is read on only while it is one of them.
static PREFIXES: LazyLock<HashSet<String, Fast>> = LazyLock::new(|| {
    let mut set: HashSet<String, Fast> = HashSet::default();
    for key in DATA.groups.keys().chain(DATA.places.keys()) {
        let words: Vec<&str> = key.split(' ').collect();
        for n in 1..words.len() {
            set.insert(words[..n].join(" "));
        }
    }
    set
});

/// Whether a folded word can open a party's name (an adjective, a demonym,
/// a group's or a place's first word of parties.tsv).
pub fn may_open(folded: &str) -> bool {
    OPENERS.contains(folded)
}

/// The folded form of token `t` when it can open a party's name.
fn opener(doc: &Doc, t: usize) -> Option<String> {
    let tok = &doc.toks[t];
    if tok.kind != TokKind::Word || tok.end - tok.start < 3 {
        return None;
    }
    // "Volker Türk": a capitalised word after a name is part of it
    if tok.cap
        && t > 0
        && doc.toks[t - 1].cap
        && doc.toks[t - 1].kind == TokKind::Word
        && doc.sentence_of(t).0 != t - 1
    {
        return None;
    }
    let lower = doc.tok_lower(t);
    if lower.is_ascii() && !lower.contains(['-', '\'']) {
        // most words share their first two letters with no opener: no hashing then
        let b = lower.as_bytes();
        if !OPENER_STARTS[usize::from(b[0]) << 8 | usize::from(b[1])] {
            return None;
        }
        return OPENERS.contains(lower).then(|| lower.to_string());
    }
    // accented words folded into one buffer per thread, not one string a word
    thread_local!(static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
    BUF.with_borrow_mut(|buf| {
        buf.clear();
        crate::geo::fold_into(lower, buf);
        OPENERS.contains(buf.split(' ').next().unwrap_or("")).then(|| buf.clone())
    })
}

/// The country an adjective, a demonym or a country's name in the sentence
/// `s..e` points at (for bodies named by function alone).
pub fn country_named_in(doc: &Doc, entities: &[Entity], s: usize, e: usize) -> Option<&'static Country> {
    let w = world();
    // the sentence's places, in the entities' order: one pass over all entities, not one a token
    let places: Vec<&Entity> = starting_in(entities, s, e)
        .iter()
        .filter(|en| en.start >= s && en.start < e && en.is("LOC"))
        .collect();
    (s..e).find_map(|t| {
        if let Some(en) = places.iter().find(|en| en.start == t) {
            let p = w.place(entity_text(doc, en)).filter(|p| p.kind == PlaceKind::Country)?;
            return w.country(p.country_code);
        }
        opener(doc, t).and_then(|k| w.country_of_adjective(&k))
    })
}

/// The party a word or a few words at `t` name (an adjective, a demonym,
/// an armed group, unnamed attackers), with how many tokens they take.
fn party_at(doc: &Doc, t: usize) -> (Option<Party>, usize) {
    let Some(mut key) = opener(doc, t) else { return (None, 1) };
    let word = key.clone();
    // groups and places of several words ("Djihad islamique", "Boko Haram")
    let mut best = None;
    let mut k = t + 1;
    for n in 1..=DATA.longest_name {
        if n > 1 && !PREFIXES.contains(&key) {
            break;
        }
        if n > 1 {
            while k < doc.toks.len() && doc.toks[k].kind != TokKind::Word && doc.toks[k].is_punct(b'-') {
                k += 1;
            }
            if k >= doc.toks.len() || doc.toks[k].kind != TokKind::Word {
                break;
            }
            key.push(' ');
            key.push_str(&fold(doc.tok_text(k)));
            k += 1;
        }
        if let Some(g) = DATA.groups.get(&key) {
            best = Some((Party::parse(g), k - t));
        } else if let Some((p, _)) = DATA.places.get(&key).filter(|_| n > 1) {
            best = Some((Party::parse(p), k - t));
        }
    }
    if let Some(b) = best {
        return b;
    }
    if let Some(u) = DATA.unnamed.get(&word) {
        return (Party::parse(u), 1);
    }
    (world().country_of_adjective(&word).and_then(|c| Party::parse(c.party())), 1)
}

/// The party a claimant speaks for: a country its name holds
/// ("ministère russe de la Défense", "autorités ukrainiennes"), an armed
/// group, a place of parties.tsv, a person of the alias data.
pub fn party_of_claimant(claimant: &str) -> Option<Party> {
    if claimant == super::EACH_SIDE {
        return Some(Party::BOTH);
    }
    if let Some(p) = DATA.speaks_for.get(claimant) {
        return Party::parse(p);
    }
    let key = fold(claimant);
    if let Some(g) = DATA.groups.get(&key) {
        return Party::parse(g);
    }
    if let Some(p) = DATA.authorities.get(&key) {
        return Party::parse(p);
    }
    let words: Vec<&str> = key.split([' ', '\'']).collect();
    for n in (1..=3).rev() {
        for w in words.windows(n) {
            let k = w.join(" ");
            if let Some(g) = DATA.groups.get(&k) {
                return Party::parse(g);
            }
            if let Some((p, _)) = DATA.places.get(&k) {
                return Party::parse(p);
            }
        }
    }
    // a person's name is no adjective: "Volker Türk" speaks for no Turkey
    if is_person_name(claimant) {
        return None;
    }
    country_in(&key).and_then(|c| Party::parse(c.party()))
}

/// Whether a claimant is written as a person's name: every word
/// capitalised, or an Arabic particle glued to one ("Ashraf al-Qidra").
pub fn is_person_name(name: &str) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    name.split(' ').all(|w| capital(w) || w.split_once('-').is_some_and(|(_, rest)| capital(rest)))
}

/// What the claim's clause says about whose losses, beyond the figure.
pub struct Cues {
    pub claimant: Option<Party>,
    /// The claimant owns up to the losses ("ont reconnu la mort de").
    pub admits: bool,
    /// The claimant did the killing or destroying ("affirme avoir éliminé").
    pub inflicted: bool,
}

const EACH: &[(&str, &str)] = &[("chaque", "côté"), ("chaque", "camp"), ("each", "side"), ("part", "et")];
const BOTH: &[(&str, &str)] = &[("both", "sides"), ("deux", "côtés"), ("deux", "camps")];
const OWN: &[&str] =
    &["ses", "its", "their", "leurs", "our", "nos", "my", "mes", "notre", "his", "her", "son", "sa"];
/// Where the words after a figure stop speaking of it.
const STOP: &[&str] = &[
    "par",
    "by",
    "selon",
    "according",
    "contre",
    "against",
    "lors",
    "during",
    "après",
    "after",
    "from",
    "près",
    "near",
    "dans",
    "in",
    "à",
    "au",
    "en",
    "at",
    "on",
    "sur",
];

/// The party whose losses `f` counts, the scope (`each` when the figure
/// holds for every party), and whether the figure's own words or clause
/// said it (not a guess from the claimant or the article).
pub fn side_of(
    doc: &Doc,
    f: &Figure,
    what: What,
    who: Option<Who>,
    cues: &Cues,
    entities: &[Entity],
    parties: &Parties,
) -> (Party, Option<Scope>, bool) {
    let (p, scope) = side_guess(doc, f, what, who, cues, entities, parties);
    let (s, e) = doc.sentence_of(f.number);
    let said = (f.number + 1..(f.end + 4).min(e)).any(|t| party_at(doc, t).0.is_some())
        || place_in(doc, entities, s, e, f.start) == Some(p)
            && (f.end..(f.end + 4).min(e))
                .any(|t| starting_in(entities, t, t + 1).iter().any(|en| en.start == t));
    (p, scope, said || scope.is_some())
}

fn side_guess(
    doc: &Doc,
    f: &Figure,
    what: What,
    who: Option<Who>,
    cues: &Cues,
    entities: &[Entity],
    parties: &Parties,
) -> (Party, Option<Scope>) {
    let (s, e) = doc.sentence_of(f.number);
    let near = f.end..(f.end + 6).min(e);
    let pair = |t: usize, list: &[(&str, &str)]| list.iter().any(|(a, b)| doc.is(t, a) && doc.is(t + 1, b));
    if near.clone().any(|t| pair(t, EACH)) || cues.claimant == Some(Party::BOTH) {
        return (Party::BOTH, Some(Scope::Each));
    }
    if near.clone().any(|t| pair(t, BOTH)) {
        return (Party::BOTH, None);
    }
    // a toll and its breakdown by party: "400 morts, dont 22 civils arméniens
    // et 31 azerbaïdjanais", "onze civils : neuf en Azerbaïdjan et deux côté arménien"
    if let Some(open) = (f.end..(f.end + 6).min(e)).find(|&t| doc.is_any(t, &["dont", "including", ":"])) {
        let mut named: Vec<Party> = Vec::new();
        // the breakdown ends where the clause goes on: "…, depuis le début de l'invasion russe"
        let end = (open..e)
            .find(|&t| {
                doc.is_any(
                    t,
                    &[
                        "depuis",
                        "since",
                        "dans",
                        "lors",
                        "during",
                        "selon",
                        "according",
                        "par",
                        "by",
                        "after",
                        "après",
                    ],
                )
            })
            .unwrap_or(e);
        let counted = |t: usize| {
            (t.saturating_sub(3)..t).any(|k| {
                doc.toks[k].kind == TokKind::Num
                    || matches!(doc.toks[k].word.class, crate::extract::vocab::Class::Num(_))
            })
        };
        for t in (open..end).filter(|&t| counted(t)) {
            let p = party_at(doc, t).0.or_else(|| {
                starting_in(entities, t, t + 1)
                    .iter()
                    .find(|en| en.start == t && en.is("LOC"))
                    .and_then(|en| party_of_place(&fold(entity_text(doc, en))))
            });
            if let Some(p) = p.filter(|p| !named.contains(p)) {
                named.push(p);
            }
        }
        if named.len() >= 2 {
            return (Party::BOTH, None);
        }
    }
    // "la guerre a fait 30 000 morts", "the fighting killed …": a whole war's toll
    const WAR: &[&str] =
        &["guerre", "conflit", "combats", "insurrection", "war", "conflict", "fighting", "insurgency"];
    let made = (f.start.saturating_sub(3).max(s)..f.start)
        .any(|t| doc.is_any(t, &["fait", "killed", "left", "claimed"]));
    if made
        && who == Some(Who::All)
        && (f.start.saturating_sub(10).max(s)..f.start)
            .any(|t| doc.is_any(t, WAR) || doc.is_any(t, &["ils", "they"]))
    {
        // a side counting the war's dead counts its own
        let own = cues.claimant.filter(|&c| c.is_named() && parties.is_belligerent(c));
        return (own.unwrap_or(Party::BOTH), None);
    }
    let enemy = || parties.other_than(cues.claimant);
    if f.side == Some(SideWord::Enemy)
        || (s..f.start).any(|t| doc.is_any(t, &["ennemi", "l'ennemi", "enemy"]))
    {
        return (enemy(), None);
    }
    // "the Azerbaijani army had lost 200 people": the party that lost them
    if let Some(lost) = (f.start.saturating_sub(4).max(s)..f.start)
        .rev()
        .find(|&t| doc.is_any(t, &["lost", "perdu", "perd", "loses"]))
    {
        let subject = (lost.saturating_sub(6).max(s)..lost)
            .rev()
            .find_map(|t| party_at(doc, t).0.filter(|p| p.is_named()));
        if let Some(p) = subject {
            return (p, None);
        }
    }
    // the counted noun's adjective or group: "soldats arméniens", "Ukrainian
    // civilians", "combattants du Hezbollah", "Palestiniens", "63 terroristes"
    let mut t = f.number + 1;
    let stop = (f.end + 4).min(e);
    while t < stop {
        if t >= f.end
            && (doc.is_any(t, STOP) || doc.toks[t].kind == TokKind::Num || doc.toks[t].word.has(super::SAY))
        {
            break;
        }
        if t >= f.end && doc.toks[t].kind == TokKind::Punct && !doc.toks[t].is_punct(b'\'') {
            break;
        }
        if let Some(en) =
            starting_in(entities, t, t + 1).iter().find(|en| en.start == t && en.is("LOC") && t < f.end)
            && let Some(p) = party_of_place(&fold(entity_text(doc, en)))
        {
            return (p, None);
        }
        let (p, len) = party_at(doc, t);
        if let Some(p) = p {
            return (p, None);
        }
        // "11 combattants du groupe": the armed group last named
        if doc.is_any(t, &["groupe", "group", "mouvement", "movement"])
            && t > 0
            && doc.is_any(t - 1, &["du", "the", "of"])
        {
            let last = parties
                .back
                .last(("group", "", None), f.start, |k| party_at(doc, k).0.filter(|&p| is_group(p)), |_| true)
                .map(|(_, p)| p);
            if let Some(p) = last {
                return (p, None);
            }
        }
        t += len.max(1);
    }
    let own = f.own_side
        || (f.number..f.end).any(|t| doc.is_any(t, OWN))
        || (f.end..(f.end + 6).min(e)).any(|t| {
            doc.is_any(t, &["leurs", "ses", "its", "their"]) && doc.is_any(t + 1, &["rangs", "ranks"])
        });
    if let Some(c) = cues.claimant.filter(|c| c.is_named()) {
        if own || cues.admits {
            return (c, None);
        }
        if what == What::Equipment || cues.inflicted {
            return (enemy(), None);
        }
        if who == Some(Who::Military) {
            return (c, None);
        }
    }
    // a place in the clause: where it happened
    if let Some(p) = place_in(doc, entities, s, e, f.start) {
        return (p, None);
    }
    // a state counts its own people; an armed group's count of people is
    // the population struck, the land's (DECISIONS: the Houthis' tolls are Yemen's)
    if let Some(c) = cues.claimant.filter(|&c| c.is_named() && !is_group(c)) {
        return (c, None);
    }
    if let Some(p) = parties.main() {
        return (p, None);
    }
    // a toll of the fighting in a war of two parties named as often: nothing
    // ties it to one, it is every party's
    const FIGHTING: &[&str] = &[
        "combats",
        "affrontements",
        "hostilités",
        "fighting",
        "clashes",
        "hostilities",
        "conflit",
        "conflict",
    ];
    let before = doc.sentence_of(s.saturating_sub(1)).0;
    let fighting = (before..e).any(|t| doc.is_any(t, FIGHTING));
    if parties.balanced() && who == Some(Who::All) && fighting {
        return (Party::BOTH, None);
    }
    // the places of the sentences before, nearest first
    let before = parties.back.last_entity(("place", "", None), entities, s, |en| {
        (en.is("LOC") && !is_speaker(doc, en)).then(|| party_of_place(&fold(entity_text(doc, en)))).flatten()
    });
    if let Some(p) = before {
        return (p, None);
    }
    (parties.other_than(None), None)
}

/// The party of a place in the sentence that is not a speaker ("selon
/// Kyiv", "Moscou affirme", "told a briefing in Geneva"): where it
/// happened, a place after a locative preposition first ("à Gaza", "in
/// Kharkiv"), after the figure before before it.
fn place_in(doc: &Doc, entities: &[Entity], s: usize, e: usize, fig: usize) -> Option<Party> {
    const AT: &[&str] =
        &["à", "a", "au", "aux", "en", "dans", "in", "at", "near", "près", "sur", "on", "de", "du", "of"];
    let spoke = (fig..e).find(|&t| super::attribution::says(doc, t));
    let candidates: Vec<&Entity> = starting_in(entities, s, e)
        .iter()
        .filter(|en| en.start >= s && en.end <= e && en.is("LOC") && !is_speaker(doc, en))
        .filter(|en| spoke.is_none_or(|v| en.start < v))
        .filter(|en| en.start == 0 || !doc.is_any(en.start - 1, &["par", "by"]))
        .collect();
    let locative = |en: &&&Entity| {
        let k = if en.start >= 2 && doc.toks[en.start - 1].is_punct(b'\'') {
            en.start - 2
        } else {
            en.start.saturating_sub(1)
        };
        let k = if doc.is_any(k, &["le", "la", "les", "l", "the"]) { k.saturating_sub(1) } else { k };
        doc.is_any(k, AT) || doc.is(k, "d")
    };
    // "in Ethiopia's Tigray region", "au Soudan, au Darfour": a place whose
    // party is its own (parties.tsv) right after its country is the one meant
    let party = |en: &&Entity| {
        let own = candidates
            .iter()
            .find(|next| next.start > en.end && next.start <= en.end + 3)
            .filter(|next| DATA.places.contains_key(&fold(entity_text(doc, next))));
        own.map_or_else(
            || party_of_place(&fold(entity_text(doc, en))),
            |next| party_of_place(&fold(entity_text(doc, next))),
        )
    };
    let after = || candidates.iter().filter(|en| en.start > fig);
    let before = || candidates.iter().rev().filter(|en| en.start < fig);
    after()
        .filter(locative)
        .find_map(party)
        .or_else(|| before().filter(locative).find_map(party))
        .or_else(|| after().find_map(party))
        .or_else(|| before().find_map(party))
}

/// A place that speaks: "selon Kyiv", "according to Moscow", "Bakou affirme".
fn is_speaker(doc: &Doc, en: &Entity) -> bool {
    let s = en.start;
    // "l'OSDH, basé en Grande-Bretagne", "a group based in London": where a
    // source sits, not where it happened
    let seat = (s.saturating_sub(3)..s).any(|k| {
        doc.is_any(
            k,
            &["basé", "basée", "basés", "basées", "based", "headquartered", "siège", "établi", "établie"],
        )
    });
    seat || (s > 0 && doc.is_any(s - 1, &["selon", "par", "by"]))
        || (s > 1 && doc.is(s - 2, "according"))
        || doc.toks.get(en.end).is_some_and(|t| t.word.has(super::SAY))
        || (doc.is_any(en.end, &["a", "ont", "has", "have", "had"])
            && doc.toks.get(en.end + 1).is_some_and(|t| t.word.has(super::SAY)))
}
