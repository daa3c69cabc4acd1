//! PER, LOC, ORG: a lexicon of the beat shipped as data
//! (lexicon/entities.txt) and every entity the corpus accepted, matched with
//! one Aho-Corasick automaton; then contextual rules: a title or function
//! before a capitalised name, a known first name, "ministère … de la
//! Défense" and other bodies named by their function, acronyms, a
//! capitalised place after "à"/"in"; a surname alone after its full name.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::scan::{Doc, TokKind};
use super::vocab::Class;
use crate::annotation::{Kind, Status};
use crate::geo;
use crate::project::Project;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Lexicon,
    Outlet,
    First,
    Learned,
}

#[derive(Debug, Clone)]
struct Entry {
    label: Cow<'static, str>,
    canonical: Option<String>,
    source: Source,
}

/// What the corpus already knows: the lexicon plus every accepted entity
/// annotation (a pattern for every other dispatch), in one automaton.
/// Rejected suggestions are dropped per place by `suggest` (the sidecar).
#[derive(Debug, Clone)]
pub struct Knowledge {
    automaton: AhoCorasick,
    /// `entries[pattern id]`.
    entries: Vec<Entry>,
    /// The pairs of bytes a pattern can start with (a bit each): the
    /// automaton is only tried, anchored, at tokens starting with one.
    first_pairs: Vec<u64>,
}

static BUILTIN: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::build(Vec::new()));

impl Default for Knowledge {
    fn default() -> Self {
        BUILTIN.clone()
    }
}

impl Knowledge {
    /// The lexicon and the accepted entities of every sidecar of `project`.
    pub fn from_project(project: &Project) -> Knowledge {
        Knowledge::build(learned(project, None))
    }

    /// As `from_project`, without what article `skip` taught: to score the
    /// extractor on an article without letting it read the answers.
    pub fn from_project_except(project: &Project, skip: usize) -> Knowledge {
        Knowledge::build(learned(project, Some(skip)))
    }

    fn build(learned: Vec<(String, String, Option<String>)>) -> Knowledge {
        let mut by_surface: HashMap<String, Entry> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (n, line) in include_str!("lexicon/entities.txt").lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('|');
            let (Some(label), Some(surface)) = (f.next(), f.next()) else {
                panic!("lexicon/entities.txt:{}: LABEL|surface expected", n + 1)
            };
            let canonical = f.next().map(str::to_string);
            let (label, source) = match label {
                "OUTLET" => ("ORG", Source::Outlet),
                "FIRST" => ("PER", Source::First),
                "PER" | "LOC" | "ORG" => (label, Source::Lexicon),
                other => panic!("lexicon/entities.txt:{}: unknown label {other}", n + 1),
            };
            if !by_surface.contains_key(surface) {
                order.push(surface.to_string());
            }
            by_surface.insert(surface.to_string(), Entry { label: static_label(label), canonical, source });
        }
        for (surface, label, canonical) in learned {
            if !by_surface.contains_key(&surface) {
                order.push(surface.clone());
            }
            let canonical = canonical.or_else(|| by_surface.get(&surface).and_then(|e| e.canonical.clone()));
            by_surface
                .insert(surface, Entry { label: static_label(&label), canonical, source: Source::Learned });
        }
        let mut patterns: Vec<String> = Vec::with_capacity(order.len() * 2);
        let mut entries = Vec::with_capacity(order.len() * 2);
        for surface in order {
            let entry = by_surface.remove(&surface).expect("every surface has its entry");
            let upper = surface.to_uppercase();
            if upper != surface
                && entry.source != Source::First
                && upper.chars().count() == surface.chars().count()
            {
                patterns.push(upper);
                entries.push(entry.clone());
            }
            patterns.push(surface);
            entries.push(entry);
        }
        let mut first_pairs = vec![0u64; 1 << 10];
        for p in &patterns {
            let b = p.as_bytes();
            match b.len() {
                0 => {}
                1 => (0..=255u8).for_each(|n| set_pair(&mut first_pairs, b[0], n)),
                _ => set_pair(&mut first_pairs, b[0], b[1]),
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Both)
            .build(&patterns)
            .expect("the lexicon builds an automaton");
        Knowledge { automaton, entries, first_pairs }
    }

    /// Whether `name` is an outlet the lexicon knows; its canonical name.
    pub fn outlet(&self, name: &str) -> Option<String> {
        let m = self.automaton.find(name)?;
        let e = &self.entries[m.pattern().as_usize()];
        (m.start() == 0 && m.end() == name.len() && e.source == Source::Outlet)
            .then(|| e.canonical.clone().unwrap_or_else(|| name.to_string()))
    }
}

/// Accepted entity annotations: (surface as the scanner sees it, label, canonical).
fn learned(project: &Project, skip: Option<usize>) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for (i, sc) in project.sidecars.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        for a in &sc.annotations {
            if a.kind == Kind::Entity && a.status == Status::Accepted && !a.quote.exact.trim().is_empty() {
                let surface = Doc::new(a.quote.exact.trim()).text;
                out.push((surface, a.label.clone(), a.attrs.canonical.clone()));
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Token range.
    pub start: usize,
    pub end: usize,
    pub label: Cow<'static, str>,
    pub canonical: Option<String>,
    /// False for a body the claims read as a claimant but the guide does
    /// not tag ("l'armée russe": a generic army, not a named one).
    pub tagged: bool,
}

impl Entity {
    pub fn is(&self, label: &str) -> bool {
        self.label == label
    }
}

/// A candidate before overlaps are settled; higher `rank` wins a tie.
struct Candidate {
    e: Entity,
    rank: u8,
}

pub fn find(doc: &Doc, knowledge: &Knowledge) -> Vec<Entity> {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    // lexicon and learned entries: the automaton anchored at the tokens
    // that can start a name, never over a match already taken
    let bytes = doc.text.as_bytes();
    let mut taken_to = 0;
    for (s, tok) in doc.toks.iter().enumerate() {
        let pair = (bytes[tok.start], bytes.get(tok.start + 1).copied().unwrap_or(0));
        if tok.start < taken_to
            || tok.kind == TokKind::Num
            || !has_pair(&knowledge.first_pairs, pair.0, pair.1)
        {
            continue;
        }
        let input = Input::new(&doc.text).range(tok.start..).anchored(Anchored::Yes);
        let Some(m) = knowledge.automaton.find(input) else { continue };
        if !at_word_edges(&doc.text, m.start(), m.end()) {
            continue;
        }
        let e = s + doc.toks[s..].partition_point(|t| t.end < m.end());
        if e >= doc.toks.len() || doc.toks[e].end != m.end() {
            continue;
        }
        taken_to = m.end();
        let entry = &knowledge.entries[m.pattern().as_usize()];
        match entry.source {
            Source::First => firsts.push(s),
            source => cands.push(Candidate {
                e: Entity {
                    start: s,
                    end: e + 1,
                    label: entry.label.clone(),
                    canonical: entry.canonical.clone(),
                    tagged: true,
                },
                rank: if source == Source::Learned { 4 } else { 3 },
            }),
        }
    }
    // tokens inside a lexicon or learned entity: one flag a token, so that
    // the rules ask in O(1)
    // (a surname alone stays open: "Niyazi Bayramov" is not the minister
    // "Bayramov" the lexicon knows)
    let mut covered = vec![false; doc.toks.len()];
    for c in &cands {
        let lone_surname = c.e.is("PER") && c.e.end == c.e.start + 1;
        if !lone_surname {
            covered[c.e.start..c.e.end].fill(true);
        }
    }
    // a first name and the capitalised words after it
    for &f in &firsts {
        let end = name_run(doc, f + 1, |t| !covered[t]);
        if end > f + 1 {
            covered[f..end].fill(true);
            cands.push(Candidate { e: entity(f, end, "PER"), rank: 2 });
        }
    }
    // places of the world's data, not over the lexicon's names
    let mut key = String::new();
    let mut places = Vec::new();
    for t in 0..doc.toks.len() {
        if !covered[t]
            && let Some(e) = world_place_at(doc, t, |k| covered[k], &mut key)
        {
            places.push(Candidate { e, rank: 1 });
        }
    }
    cands.extend(places);
    let known = |t: usize| covered[t];
    let mut extra = Vec::new();
    for t in 0..doc.toks.len() {
        let tok = &doc.toks[t];
        if tok.kind != TokKind::Word {
            continue;
        }
        if (tok.word.class == Class::Title || (tok.end - tok.start == 5 && doc.is(t, "chefs")))
            && let Some(e) = after_title(doc, t, known)
        {
            extra.push(Candidate { e, rank: 2 });
        }
        if tok.word.has(super::vocab::ENTCUE)
            && let Some(e) =
                body_at(doc, t).or_else(|| function_body_at(doc, t)).or_else(|| building_at(doc, t))
        {
            extra.push(Candidate { e, rank: 2 });
        }
        if tok.upper && tok.word.class != Class::Title && is_acronym(doc, t) && !known(t) {
            extra.push(Candidate { e: entity(t, t + 1, "ORG"), rank: 1 });
        }
        if !tok.cap {
            continue;
        }
        if let Some(e) = place_after_preposition(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
        if let Some(e) = possessive_body(doc, t, &cands) {
            extra.push(Candidate { e, rank: 2 });
        }
        if let Some(e) = appositive_person(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
        if let Some(e) = credited_person(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
    }
    cands.extend(extra);
    let mut chosen = settle(cands);
    propagate_surnames(doc, &mut chosen);
    // the editor's brackets belong to the name: "[Vladimir] Poutine"
    for e in chosen.iter_mut().filter(|e| e.is("PER") && e.start >= 3) {
        let s = e.start;
        if doc.toks[s - 1].is_punct(b']') && doc.toks[s - 3].is_punct(b'[') && doc.toks[s - 2].cap {
            e.start = s - 3;
        }
    }
    chosen
}

/// The entity labels as static strings (no allocation a candidate); any
/// other label learned from the corpus is owned.
fn static_label(label: &str) -> Cow<'static, str> {
    match label {
        "PER" => Cow::Borrowed("PER"),
        "LOC" => Cow::Borrowed("LOC"),
        "ORG" => Cow::Borrowed("ORG"),
        other => Cow::Owned(other.to_string()),
    }
}

fn set_pair(bits: &mut [u64], a: u8, b: u8) {
    let k = (a as usize) << 8 | b as usize;
    bits[k >> 6] |= 1 << (k & 63);
}

fn has_pair(bits: &[u64], a: u8, b: u8) -> bool {
    let k = (a as usize) << 8 | b as usize;
    bits[k >> 6] & (1 << (k & 63)) != 0
}

fn entity(start: usize, end: usize, label: &str) -> Entity {
    Entity { start, end, label: static_label(label), canonical: None, tagged: true }
}

fn at_word_edges(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Capitalised words from `t` that can be a name: up to four, not a month,
/// weekday, title or acronym. Returns the end.
fn name_run(doc: &Doc, t: usize, free: impl Fn(usize) -> bool) -> usize {
    let mut e = t;
    while e < doc.toks.len() && e < t + 4 {
        let tok = &doc.toks[e];
        let name_like = tok.kind == TokKind::Word
            && tok.cap
            && !tok.upper
            && !matches!(
                tok.word.class,
                Class::Month { .. } | Class::Weekday(_) | Class::Title | Class::Stop
            )
            && free(e);
        // a particle inside a name: "Le Drian", "de Gaulle"
        if !name_like {
            break;
        }
        e += 1;
    }
    e
}

/// A country, region or city of the world's data (`geo`) from token `t`:
/// the longest run of words (capitalised, or particles inside: "Deir
/// el-Balah", "Sana'a") that names one. Not inside a longer proper name:
/// "Gaza Humanitarian Foundation", "Lloyd Austin".
fn world_place_at(doc: &Doc, t: usize, known: impl Fn(usize) -> bool, key: &mut String) -> Option<Entity> {
    let tok = &doc.toks[t];
    if tok.kind != TokKind::Word
        || matches!(tok.word.class, Class::Title | Class::Month { .. } | Class::Weekday(_))
    {
        return None;
    }
    let world = geo::world();
    if !tok.cap && !world.starts_lowercase_place(doc.tok_lower(t)) {
        return None;
    }
    key.clear();
    geo::fold_into(doc.tok_text(t), key);
    if !world.starts_place(key) {
        return None;
    }
    let mut best = None;
    let limit = (t + 7).min(doc.toks.len());
    let mut k = t;
    while k < limit {
        let x = &doc.toks[k];
        if k > t {
            let glued_apostrophe = x.is_punct(b'\'') && !x.space_before;
            let word = x.kind == TokKind::Word && (x.cap || x.end - x.start <= 3 || particle(doc, k));
            if known(k)
                || !(word || glued_apostrophe)
                || (x.kind == TokKind::Word && x.word.class == Class::Title)
            {
                break;
            }
        }
        if x.kind == TokKind::Word {
            key.clear();
            geo::fold_into(&doc.text[tok.start..x.end], key);
            if let Some(place) = world.place(key) {
                best = Some((k + 1, place));
            }
        }
        k += 1;
    }
    let (end, place) = best?;
    if !doc.toks[end - 1].cap && !particle(doc, end - 1) {
        // "Port of Spain" yes, "Sahel et" no: a name ends on a name
        return None;
    }
    let proper = |k: usize| {
        doc.toks
            .get(k)
            .is_some_and(|x| x.kind == TokKind::Word && x.cap && x.word.class == Class::None && !known(k))
    };
    if proper(end) && doc.toks[end].space_before {
        return None;
    }
    if t > 0 && proper(t - 1) && doc.sentence_of(t).0 != t - 1 && doc.toks[t].space_before {
        return None;
    }
    let surface = &doc.text[tok.start..doc.toks[end - 1].end];
    let canonical = (surface != place.name).then(|| place.name.to_string());
    Some(Entity { start: t, end, label: "LOC".into(), canonical, tagged: true })
}

/// A particle inside an Arabic name: "al-Ras", "el-Balah", "ad-Dawr".
fn particle(doc: &Doc, t: usize) -> bool {
    let w = doc.tok_text(t);
    let Some((head, rest)) = w.split_once('-') else { return false };
    matches!(head, "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an" | "ed" | "es" | "et")
        && rest.starts_with(char::is_uppercase)
}

/// "le porte-parole du Kremlin Dmitri Peskov", "le président turc Recep
/// Tayyip Erdogan", "le ministre des Affaires étrangères Sergueï Lavrov",
/// "M. Lavrov", "MM. Mnatsakanian et Baïramov": the capitalised run that
/// follows a title through its complements.
fn after_title(doc: &Doc, title: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let mut t = title + 1;
    if doc.toks.get(t).is_some_and(|x| x.is_punct(b'.')) {
        t += 1;
    }
    let limit = (title + 9).min(doc.toks.len());
    let mut after_of = false;
    while t < limit {
        let tok = &doc.toks[t];
        if tok.kind == TokKind::Punct {
            if tok.is_punct(b'\'') {
                t += 1;
                continue;
            }
            return None;
        }
        if tok.kind == TokKind::Num {
            return None;
        }
        if tok.cap {
            if known(t) {
                // "du Kremlin", "des Affaires": a complement, go on
                t += 1;
                after_of = false;
                continue;
            }
            let end = name_run(doc, t, |k| !known(k));
            if end == t {
                return None;
            }
            let next_lower = doc.toks.get(end).is_some_and(|n| n.kind == TokKind::Word && !n.cap);
            if after_of && next_lower && function_word(doc, end) {
                // "des Affaires étrangères": a complement
                t = end + 1;
                after_of = false;
                continue;
            }
            if after_of && !doc.toks[t].space_before {
                return None;
            }
            return Some(entity(t, end, "PER"));
        }
        after_of = doc.is_any(t, &["de", "des", "du", "d", "of", "the"]);
        if !(after_of || doc.is_any(t, &["la", "l", "le"]) || function_word(doc, t)) {
            return None;
        }
        t += 1;
    }
    None
}

/// Words a title carries before the name: nationality adjectives,
/// "étrangères", "général", "adjoint", "d'Etat"…
fn function_word(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word {
        return false;
    }
    if matches!(tok.word.class, Class::Nat(_) | Class::Title) {
        return true;
    }
    let w = doc.tok_lower(t);
    const WORDS: &[&str] = &[
        "étrangères",
        "extérieures",
        "général",
        "générale",
        "adjoint",
        "adjointe",
        "diplomatie",
        "défense",
        "affaires",
        "gouvernement",
        "parole",
        "foreign",
        "defence",
        "defense",
        "state",
        "affairs",
        "deputy",
    ];
    const SUFFIXES: &[&str] = &[
        "ais", "aise", "ien", "ienne", "ain", "aine", "ique", "and", "ande", "ois", "oise", "éen", "éenne",
        "urc", "usse", "ec",
    ];
    WORDS.contains(&w) || (!tok.cap && SUFFIXES.iter().any(|s| w.ends_with(s)) && w.chars().count() > 4)
}

/// Bodies named by their function: "ministère azerbaïdjanais de la Défense",
/// "ministère de la Défense d'Azerbaïdjan", "bureau du procureur général
/// d'Azerbaïdjan", "centre d'information du gouvernement arménien",
/// "Ministry of Defence". The name needs a capitalised word or a
/// nationality to stop being a common noun.
fn body_at(doc: &Doc, head: usize) -> Option<Entity> {
    const HEADS: &[&str] = &[
        "ministère",
        "bureau",
        "parquet",
        "département",
        "comité",
        "commission",
        "conseil",
        "centre",
        "agence",
        "état-major",
        "ministry",
        "office",
        "committee",
        "department",
    ];
    if !doc.is_any(head, HEADS) {
        return None;
    }
    let mut good = None;
    let mut t = head + 1;
    // "parquet général azerbaïdjanais"
    if doc.is_any(t, &["général", "générale"]) {
        t += 1;
    }
    let limit = (head + 10).min(doc.toks.len());
    while t < limit {
        let tok = &doc.toks[t];
        if tok.kind == TokKind::Word && matches!(tok.word.class, Class::Nat(_))
            || (!tok.cap && nationality(doc, t))
        {
            t += 1;
            good = Some(t);
            continue;
        }
        if doc.is_any(t, &["de", "des", "du", "d", "of"]) {
            let mut k = t + 1;
            while doc.toks.get(k).is_some_and(|x| x.is_punct(b'\''))
                || doc.is_any(k, &["la", "l", "le", "the"])
            {
                k += 1;
            }
            let Some(x) = doc.toks.get(k).filter(|x| x.kind == TokKind::Word) else { break };
            if matches!(x.word.class, Class::Month { .. } | Class::Weekday(_)) {
                break;
            }
            if x.cap {
                let mut e = k + 1;
                while doc.toks.get(e).is_some_and(|n| n.kind == TokKind::Word && n.cap) {
                    e += 1;
                }
                // "Affaires étrangères"
                if doc.is_any(e, &["étrangères", "extérieures", "intérieures"]) {
                    e += 1;
                }
                // "Situations d'urgence": a complement glued by its elision
                if doc.is(e, "d")
                    && doc.toks.get(e + 1).is_some_and(|x| x.is_punct(b'\''))
                    && doc.toks.get(e + 2).is_some_and(|x| {
                        x.kind == TokKind::Word && !x.cap && x.word.class == Class::None && !x.space_before
                    })
                {
                    e += 3;
                }
                t = e;
                good = Some(t);
                continue;
            }
            if matches!(x.word.class, Class::None | Class::Title) && !x.word.has(super::vocab::SAY) {
                // "du procureur", "d'information": good only if a name follows
                t = k + 1;
                if doc.is_any(t, &["général", "générale"]) {
                    t += 1;
                }
                continue;
            }
        }
        break;
    }
    let end = good?;
    // "l'agence russe RIA Novosti": the name that follows is the entity
    if doc.toks.get(end).is_some_and(|n| n.kind == TokKind::Word && n.cap) {
        return None;
    }
    Some(entity(head, end, "ORG"))
}

/// A body named by a function and a nationality: "la diplomatie russe",
/// "la présidence française", "l'armée azerbaïdjanaise" (not "qui dirige
/// la diplomatie arménienne", "les chefs de la diplomatie": a function).
fn function_body_at(doc: &Doc, t: usize) -> Option<Entity> {
    let head = doc.tok_lower(t);
    if !matches!(head, "diplomatie" | "présidence" | "armée") || doc.toks[t].cap {
        return None;
    }
    let adjective =
        matches!(doc.toks.get(t + 1).map(|x| x.word.class), Some(Class::Nat(_))) || nationality(doc, t + 1);
    if !adjective || doc.is_any(t + 1, &["ennemie", "ennemi"]) {
        return None;
    }
    if t >= 2 && doc.is_any(t - 1, &["la", "l"]) || t >= 3 && doc.toks[t - 1].is_punct(b'\'') {
        let before = if doc.toks[t - 1].is_punct(b'\'') { t.saturating_sub(3) } else { t - 2 };
        if doc.is_any(before, &["dirige", "dirigeait", "diriger"])
            || (before > 0 && doc.is(before, "de") && doc.is_any(before - 1, &["chef", "chefs", "cheffe"]))
        {
            return None;
        }
    }
    let adj = doc.tok_lower(t + 1);
    let canonical = match (head, adj) {
        ("diplomatie", a) => Some(format!("ministère {} des Affaires étrangères", masculine(a))),
        ("présidence", "française") => Some("Elysée".to_string()),
        ("présidence", "russe") => Some("Kremlin".to_string()),
        ("présidence", "américaine") => Some("Maison Blanche".to_string()),
        _ => None,
    };
    // an army is a claimant, not a named organisation (the guide)
    let tagged = head != "armée";
    Some(Entity { start: t, end: t + 2, label: "ORG".into(), canonical, tagged })
}

/// "arménienne" -> "arménien", "française" -> "français", "russe" stays.
fn masculine(adjective: &str) -> String {
    for (fem, masc) in
        [("ienne", "ien"), ("aise", "ais"), ("aine", "ain"), ("oise", "ois"), ("éenne", "éen"), ("que", "c")]
    {
        if let Some(stem) = adjective.strip_suffix(fem) {
            return format!("{stem}{masc}");
        }
    }
    adjective.to_string()
}

/// A named building is a place with its noun: "cathédrale Saint-Sauveur".
fn building_at(doc: &Doc, t: usize) -> Option<Entity> {
    const NOUNS: &[&str] = &[
        "cathédrale",
        "église",
        "mosquée",
        "monastère",
        "basilique",
        "aéroport",
        "cathedral",
        "church",
        "mosque",
        "monastery",
        "airport",
    ];
    if !doc.is_any(t, NOUNS) {
        return None;
    }
    let name = doc.toks.get(t + 1).filter(|x| x.kind == TokKind::Word && x.cap && !x.upper)?;
    let _ = name;
    Some(entity(t, name_run(doc, t + 1, |_| true), "LOC"))
}

fn nationality(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word || tok.cap {
        return false;
    }
    let w = doc.tok_lower(t);
    const SUFFIXES: &[&str] = &["ais", "aise", "ien", "ienne", "ain", "aine", "ois", "oise", "éen", "éenne"];
    w.chars().count() > 4 && SUFFIXES.iter().any(|s| w.ends_with(s))
        || matches!(w, "russe" | "turc" | "turque")
}

/// An all-caps word of two to six letters, outside an all-caps line.
fn is_acronym(doc: &Doc, t: usize) -> bool {
    let w = doc.tok_text(t);
    let n = w.chars().count();
    if !(2..=6).contains(&n) || w.chars().all(|c| "IVXLC".contains(c)) {
        return false;
    }
    let upper_at = |k: usize| doc.toks.get(k).is_some_and(|x| x.kind == TokKind::Word && x.upper);
    let shouting = (t > 0 && upper_at(t - 1)) || upper_at(t + 1);
    !shouting
}

/// "à Martouni", "la ville de Martouni", "in Hadrut": one capitalised word
/// the lexicon does not know, after a place preposition.
fn place_after_preposition(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    if !tok.cap || tok.upper || t == 0 || known(t) || tok.word.class != Class::None {
        return None;
    }
    let after_place_word = t >= 2
        && doc.is_any(t - 1, &["de", "of"])
        && doc.is_any(
            t - 2,
            &["ville", "village", "localité", "région", "town", "village", "city", "district"],
        );
    if after_place_word {
        // "le village de Karmir Chouka": the capitalised run is the name
        let end = name_run(doc, t, |k| !known(k));
        return (end > t && end <= t + 3).then(|| entity(t, end, "LOC"));
    }
    let after_in = doc.is_any(t - 1, &["à", "in", "near"])
        && doc.toks[t - 1].kind == TokKind::Word
        && !doc.toks[t - 1].cap;
    if !(after_place_word || after_in) {
        return None;
    }
    let next_cap = doc.toks.get(t + 1).is_some_and(|n| n.kind == TokKind::Word && n.cap);
    (!next_cap).then(|| entity(t, t + 1, "LOC"))
}

/// A state body named with its country's possessive: "Armenia's defence
/// ministry", "Azerbaijan's prosecutor general's office", "Russia's Defense
/// Ministry", "Azerbaijan's military".
fn possessive_body(doc: &Doc, t: usize, cands: &[Candidate]) -> Option<Entity> {
    if !doc.toks[t].cap || !(t + 1..(t + 4).min(doc.toks.len())).any(|k| doc.toks[k].is_punct(b'\'')) {
        return None;
    }
    let country = cands.iter().find(|c| c.e.start == t && c.e.is("LOC"))?;
    let apostrophe = country.e.end;
    if !(doc.toks.get(apostrophe).is_some_and(|x| x.is_punct(b'\'')) && doc.is(apostrophe + 1, "s")) {
        return None;
    }
    const WORDS: &[&str] = &[
        "defence",
        "defense",
        "foreign",
        "interior",
        "prosecutor",
        "general",
        "emergency",
        "situations",
        "'",
        "s",
    ];
    const HEADS: &[&str] = &["ministry", "office", "military", "army"];
    let mut k = apostrophe + 2;
    while k < doc.toks.len() && k < apostrophe + 9 {
        if doc.is_any(k, HEADS) {
            return Some(entity(t, k + 1, "ORG"));
        }
        if !doc.is_any(k, WORDS) {
            return None;
        }
        k += 1;
    }
    None
}

/// A person named in apposition to a title or function: "le porte-parole
/// du ministère …, Vagif Dargahli", "une habitante, Sevinj Mammadova", "the
/// speaker of parliament, Ararat Mirzoyan"; or before one: "Rachel Denber,
/// the group's deputy director". Two or three capitalised words nobody
/// knows, set off by commas.
fn appositive_person(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    if !tok.cap || tok.upper || tok.word.class != Class::None || known(t) || t == 0 {
        return None;
    }
    let comma_at = |k: usize| doc.toks.get(k).is_some_and(|x| x.is_punct(b','));
    if !(comma_at(t - 1) || comma_at(t + 2) || comma_at(t + 3)) {
        return None;
    }
    let end = name_run(doc, t, |k| !known(k) && doc.toks[k].word.class == Class::None);
    if end < t + 2 || end > t + 3 {
        return None;
    }
    let (s, e) = doc.sentence_of(t);
    let stops = |x: usize| x >= e || doc.toks[x].kind == TokKind::Punct || !doc.toks[x].cap;
    if !stops(end) {
        return None;
    }
    let is_title = |k: usize| doc.toks[k].word.class == Class::Title;
    // a title before, in the same clause, the name after a comma
    if doc.toks[t - 1].is_punct(b',') {
        let from = t.saturating_sub(14).max(s);
        let mut k = t - 1;
        while k > from {
            k -= 1;
            if breaks_clause(doc, k) {
                break;
            }
            if is_title(k) {
                return Some(entity(t, end, "PER"));
            }
        }
    }
    // a title after: "Rachel Denber, the group's deputy … director"
    if doc.toks.get(end).is_some_and(|x| x.is_punct(b',')) {
        let upto = (end + 13).min(e);
        let mut k = end + 1;
        while k < upto && !breaks_clause(doc, k) {
            if is_title(k) {
                return Some(entity(t, end, "PER"));
            }
            k += 1;
        }
    }
    None
}

/// Punctuation other than an apostrophe ends a clause for these rules.
fn breaks_clause(doc: &Doc, k: usize) -> bool {
    doc.toks[k].kind == TokKind::Punct && !doc.toks[k].is_punct(b'\'')
}

/// Wire credits: "(Reporting by Nailia Bagirova in Baku and Nvard
/// Hovhannisyan; Writing by Margarita Antidze; Editing by Alison Williams)".
fn credited_person(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    if t < 2 || !doc.toks[t].cap || known(t) || doc.toks[t].word.class != Class::None {
        return None;
    }
    const OPENERS: &[&str] =
        &["reporting", "writing", "editing", "reported", "written", "edited", "compiled"];
    let after_by = doc.is(t - 1, "by") && doc.is_any(t - 2, OPENERS);
    // "… and Nvard Hovhannisyan" inside the same credit
    let after_and = doc.is(t - 1, "and")
        && (t.saturating_sub(8)..t - 1).any(|k| doc.is(k, "by") && k > 0 && doc.is_any(k - 1, OPENERS))
        && !(t.saturating_sub(8)..t - 1).any(|k| doc.toks[k].is_punct(b';') || doc.toks[k].is_punct(b')'));
    if !(after_by || after_and) {
        return None;
    }
    let end = name_run(doc, t, |k| !known(k));
    (end >= t + 2 && end <= t + 3).then(|| entity(t, end, "PER"))
}

/// Longest first; a higher rank wins between equal spans; no overlaps.
fn settle(mut cands: Vec<Candidate>) -> Vec<Entity> {
    cands.sort_by(|a, b| {
        (b.e.end - b.e.start)
            .cmp(&(a.e.end - a.e.start))
            .then(b.rank.cmp(&a.rank))
            .then(a.e.start.cmp(&b.e.start))
    });
    let mut taken: Vec<Entity> = Vec::with_capacity(cands.len());
    for c in cands {
        if !taken.iter().any(|t| t.start < c.e.end && c.e.start < t.end) {
            taken.push(c.e);
        }
    }
    taken.sort_by_key(|e| e.start);
    taken
}

/// "Dmitri Peskov" … "Peskov": a surname alone names the same person.
fn propagate_surnames(doc: &Doc, chosen: &mut Vec<Entity>) {
    let surnames: Vec<(&str, Option<String>)> = chosen
        .iter()
        .filter(|e| e.is("PER") && e.end - e.start >= 2)
        .map(|e| {
            let canonical = e
                .canonical
                .clone()
                .unwrap_or_else(|| doc.text[doc.toks[e.start].start..doc.toks[e.end - 1].end].to_string());
            (doc.tok_text(e.end - 1), Some(canonical))
        })
        .collect();
    if surnames.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for t in 0..doc.toks.len() {
        let tok = &doc.toks[t];
        if !tok.cap || tok.kind != TokKind::Word {
            continue;
        }
        let w = doc.tok_text(t);
        if let Some((_, canonical)) = surnames.iter().find(|(s, _)| *s == w)
            && !chosen.iter().any(|e| e.start <= t && t < e.end)
        {
            added.push(Entity {
                start: t,
                end: t + 1,
                label: "PER".into(),
                canonical: canonical.clone(),
                tagged: true,
            });
        }
    }
    if !added.is_empty() {
        chosen.extend(added);
        chosen.sort_by_key(|e| e.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        find(&doc, &Knowledge::default())
            .into_iter()
            .map(|e| {
                (doc.text[doc.toks[e.start].start..doc.toks[e.end - 1].end].to_string(), e.label.into_owned())
            })
            .collect()
    }

    #[test]
    fn lexicon_titles_bodies_and_acronyms() {
        let e = ents(
            "Le porte-parole du Kremlin Dmitri Peskov a parlé au Nagorny\n\nKarabakh avec le ministère de la Défense d'Azerbaïdjan et la FAO.",
        );
        assert!(e.contains(&("Kremlin".into(), "ORG".into())), "{e:?}");
        assert!(e.contains(&("Dmitri Peskov".into(), "PER".into())), "{e:?}");
        assert!(e.contains(&("Nagorny Karabakh".into(), "LOC".into())), "{e:?}");
        assert!(e.contains(&("ministère de la Défense d'Azerbaïdjan".into(), "ORG".into())), "{e:?}");
        assert!(e.contains(&("FAO".into(), "ORG".into())), "{e:?}");
    }

    #[test]
    fn unknown_people_after_a_title() {
        let e =
            ents("Le ministre des Affaires étrangères Jean Dupont et le président turc Ali Veli ont parlé.");
        assert!(e.contains(&("Jean Dupont".into(), "PER".into())), "{e:?}");
        assert!(e.contains(&("Ali Veli".into(), "PER".into())), "{e:?}");
    }
}
