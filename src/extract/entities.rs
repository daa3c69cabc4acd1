//! PER, LOC, ORG: a lexicon of the beat shipped as data
//! (lexicon/entities.txt) and every entity the corpus accepted, matched with
//! one Aho-Corasick automaton; then contextual rules: a title or function
//! before a capitalised name, a known first name, "ministère … de la
//! Défense" and other bodies named by their function, acronyms, a
//! capitalised place after "à"/"in"; a surname alone after its full name.

use std::borrow::Cow;
use std::cmp::Reverse;
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
        const LEXICON: [(&str, &str); 2] = [
            ("lexicon/entities.txt", include_str!("lexicon/entities.txt")),
            ("lexicon/bodies.txt", include_str!("lexicon/bodies.txt")),
        ];
        let lines = LEXICON
            .iter()
            .flat_map(|(file, data)| crate::text::data_lines(data).map(move |(n, l)| (*file, n, l)));
        for (file, n, line) in lines {
            let line = line.trim();
            let mut f = line.split('|');
            let (Some(label), Some(surface)) = (f.next(), f.next()) else {
                panic!("{file}:{}: LABEL|surface expected", n + 1)
            };
            let canonical = f.next().map(str::to_string);
            let (label, source) = match label {
                "OUTLET" => ("ORG", Source::Outlet),
                "FIRST" => ("PER", Source::First),
                "PER" | "LOC" | "ORG" => (label, Source::Lexicon),
                other => panic!("{file}:{}: unknown label {other}", n + 1),
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
    // An empty sidecar not made yet teaches nothing.
    for (i, sc) in project.sidecars.made() {
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
    /// The span tagged, in bytes of `Doc::text`, when narrower than the
    /// tokens: a name glued by a hyphen ("Houthi" in "Houthi-run", "Boko
    /// Haram" in "anti-Boko Haram"), or the body after a possessive whose
    /// tokens are the whole claimant ("defence ministry" of "Armenia's
    /// defence ministry").
    pub bytes: Option<(usize, usize)>,
}

impl Entity {
    /// The byte range of the name in `Doc::text`.
    pub fn byte_range(&self, doc: &Doc) -> (usize, usize) {
        self.bytes.unwrap_or((doc.toks[self.start].start, doc.toks[self.end - 1].end))
    }
}

impl Entity {
    pub fn is(&self, label: &str) -> bool {
        #[cfg(test)]
        super::spans::work::add();
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
        let e = first_ending_at(doc, s, m.end());
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
                    bytes: None,
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
    // places of the world's data, not over the lexicon's names nor before
    // a person's ("[Vladimir] Poutine")
    let mut person = vec![false; doc.toks.len()];
    for c in cands.iter().filter(|c| c.e.is("PER")) {
        person[c.e.start..c.e.end].fill(true);
    }
    let mut key = String::new();
    let mut places = Vec::new();
    for t in 0..doc.toks.len() {
        if covered[t] {
            continue;
        }
        if let Some(e) = world_place_at(doc, t, |k| covered[k], |k| person[k], &mut key) {
            places.push(Candidate { e, rank: 1 });
        } else if doc.toks[t].hyphen {
            glued_names(doc, t, knowledge, &mut key, &mut places);
        }
    }
    cands.extend(places);
    let known = |t: usize| covered[t];
    // the first place candidate starting at each token, for possessives
    // (u32::MAX for none: four bytes a token on a long dispatch, not sixteen)
    let mut place_at: Vec<u32> = vec![u32::MAX; doc.toks.len()];
    for (k, c) in cands.iter().enumerate().rev().filter(|(_, c)| c.e.is("LOC")) {
        place_at[c.e.start] = k as u32;
    }
    let place_at = |t: usize| (place_at[t] != u32::MAX).then(|| &cands[place_at[t] as usize]);
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
        if let Some(e) = english_ministry_at(doc, t) {
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
        if let Some(e) = possessive_body(doc, t, place_at(t)) {
            extra.push(Candidate { e, rank: 2 });
        }
        if let Some(e) = french_named_body_at(doc, t, known).or_else(|| english_named_body_at(doc, t, known))
        {
            extra.push(Candidate { e, rank: 1 });
        }
        if let Some(e) = appositive_person(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
        if let Some(e) = credited_person(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
        if let Some(e) = first_name_person(doc, t, known) {
            extra.push(Candidate { e, rank: 1 });
        }
    }
    cands.extend(extra);
    let mut chosen = settle(doc, cands);
    propagate_surnames(doc, &mut chosen);
    // the editor's brackets belong to the name: "[Vladimir] Poutine"
    for e in chosen.iter_mut().filter(|e| e.is("PER") && e.start >= 3) {
        let s = e.start;
        if doc.toks[s - 1].is_punct(b']') && doc.toks[s - 3].is_punct(b'[') && doc.toks[s - 2].cap {
            e.start = s - 3;
        }
    }
    // in text order, which the rules' lookups rely on (`spans`); only a
    // name in brackets taken apart can have broken it
    if !chosen.is_sorted_by_key(|e| e.start) {
        chosen.sort_by_key(|e| e.start);
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
    Entity { start, end, label: static_label(label), canonical: None, tagged: true, bytes: None }
}

/// The first token from `from` that ends at byte `b` or after (or the
/// number of tokens): a walk over the few tokens of a name, not a halving
/// over the rest of the text, which reads far memory on a long dispatch.
fn first_ending_at(doc: &Doc, from: usize, b: usize) -> usize {
    let mut k = from;
    while doc.toks.get(k).is_some_and(|t| t.end < b) {
        k += 1;
    }
    k
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
            && (tok.cap || particle(doc, e))
            && !tok.upper
            && !matches!(
                tok.word.class,
                Class::Month { .. } | Class::Weekday(_) | Class::Title | Class::Stop | Class::Nat(_)
            )
            && free(e)
            && geo::world().country_of_adjective(doc.tok_text(e)).is_none();
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
fn world_place_at(
    doc: &Doc,
    t: usize,
    known: impl Fn(usize) -> bool,
    person: impl Fn(usize) -> bool,
    key: &mut String,
) -> Option<Entity> {
    let tok = &doc.toks[t];
    if tok.kind != TokKind::Word
        || matches!(tok.word.class, Class::Title | Class::Month { .. } | Class::Weekday(_))
    {
        return None;
    }
    let world = geo::world();
    if tok.cap {
        // a word of the vocabulary ("Le", "The") only opens a longer name ("Le Caire")
        if tok.word.class != Class::None
            && !doc.toks.get(t + 1).is_some_and(|x| x.cap || particle(doc, t + 1))
        {
            return None;
        }
    } else if !world.starts_lowercase_place(doc.tok_lower(t)) {
        return None;
    }
    key.clear();
    geo::fold_into(doc.tok_text(t), key);
    let span = world.place_span(key)?;
    let mut best = None;
    let limit = (t + span).min(doc.toks.len());
    let mut k = t;
    while k < limit {
        let x = &doc.toks[k];
        if k > t {
            let glued_apostrophe = x.is_punct(b'\'') && !x.space_before;
            let word = x.kind == TokKind::Word && (x.cap || x.end - x.start <= 3 || particle(doc, k));
            // a lexicon name may lie inside: "bande de Gaza"
            if !(word || glued_apostrophe) || (x.kind == TokKind::Word && x.word.class == Class::Title) {
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
    // a capitalised word on the same line, not shouting, makes a longer name
    let proper = |k: usize| {
        doc.toks.get(k).is_some_and(|x| {
            x.kind == TokKind::Word && x.cap && !x.upper && x.word.class == Class::None && !known(k)
        })
    };
    let same_line = |k: usize| doc.toks.get(k).is_some_and(|x| x.space_before && !x.nl_before);
    if !tok.upper && proper(end) && same_line(end) {
        return None;
    }
    if !tok.upper && t > 0 && proper(t - 1) && doc.sentence_of(t).0 != t - 1 && same_line(t) {
        return None;
    }
    let after_bracket = if doc.toks.get(end).is_some_and(|x| x.is_punct(b']')) { end + 1 } else { end };
    if after_bracket < doc.toks.len() && person(after_bracket) {
        return None;
    }
    let surface = &doc.text[tok.start..doc.toks[end - 1].end];
    let canonical = (surface != place.name).then(|| place.name.to_string());
    Some(Entity { start: t, end, label: "LOC".into(), canonical, tagged: true, bytes: None })
}

/// Names glued to other words by hyphens: "Houthi-run", "Israel-Hamas",
/// "UN-backed", "anti-Boko Haram", "Moscow-brokered": each capitalised
/// part the lexicon or the world's data knows, with the words after the
/// last part when the name goes on ("Boko Haram").
fn glued_names(doc: &Doc, t: usize, knowledge: &Knowledge, key: &mut String, out: &mut Vec<Candidate>) {
    let tok = &doc.toks[t];
    let text = &doc.text[tok.start..tok.end];
    let mut offset = tok.start;
    for part in text.split('-') {
        let (s, e) = (offset, offset + part.len());
        offset = e + 1;
        if !part.starts_with(char::is_uppercase) || part.len() < 2 || (s == tok.start && e == tok.end) {
            continue;
        }
        // the lexicon, anchored at the part: it may end there or on a later token
        let input = Input::new(&doc.text).range(s..).anchored(Anchored::Yes);
        if let Some(m) = knowledge.automaton.find(input)
            && at_word_edges(&doc.text, m.start(), m.end()) | (m.end() == e)
        {
            let last = first_ending_at(doc, t, m.end());
            let ends_here = m.end() == e || doc.toks.get(last).is_some_and(|x| x.end == m.end() && last > t);
            let entry = &knowledge.entries[m.pattern().as_usize()];
            if ends_here && entry.source != Source::First {
                let end = if m.end() == e { t + 1 } else { last + 1 };
                let canonical = entry.canonical.clone().or_else(|| Some(doc.text[s..m.end()].to_string()));
                let e = Entity {
                    start: t,
                    end,
                    label: entry.label.clone(),
                    canonical,
                    tagged: true,
                    bytes: Some((s, m.end())),
                };
                out.push(Candidate { e, rank: 3 });
                continue;
            }
        }
        key.clear();
        geo::fold_into(part, key);
        if let Some(place) = geo::world().place(key) {
            let e = Entity {
                start: t,
                end: t + 1,
                label: "LOC".into(),
                canonical: Some(place.name.to_string()),
                tagged: true,
                bytes: Some((s, e)),
            };
            out.push(Candidate { e, rank: 1 });
        }
    }
}

/// A given name followed by a surname: "Ashraf al-Qidra", "Lidia Kelly".
fn opens_person(doc: &Doc, t: usize) -> bool {
    let next = doc.toks.get(t + 1).is_some_and(|x| x.cap && x.kind == TokKind::Word && !x.upper)
        || (t + 1 < doc.toks.len() && particle(doc, t + 1));
    next && FIRST_NAMES.contains(doc.tok_text(t))
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
    let mut common_taken = false;
    while t < limit {
        let tok = &doc.toks[t];
        // a headline's last word is no title of the next line's first
        if tok.nl_before {
            return None;
        }
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
            if known(t) || geo::world().place(doc.tok_text(t)).is_some() {
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
            // "a resident of Otomabere.": one word closing the clause after
            // "of" is where, not who
            if after_of && end == t + 1 && doc.toks.get(end).is_none_or(|x| x.kind == TokKind::Punct) {
                return None;
            }
            return Some(entity(t, end, "PER"));
        }
        // "chef de gang X", "commandant de bataillon X": one common noun
        // after "de" belongs to the function
        let complement = after_of
            && !common_taken
            && tok.kind == TokKind::Word
            && tok.word.class == Class::None
            && !tok.word.has(super::vocab::SAY)
            && !tok.word.has(super::vocab::EVENT)
            && t + 1 < limit
            && doc.toks[t + 1].cap;
        common_taken |= complement;
        after_of = doc.is_any(t, &["de", "des", "du", "d", "of", "the"]);
        if !(after_of || complement || doc.is_any(t, &["la", "l", "le"]) || function_word(doc, t)) {
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
        // "ministère de l'Agriculture et des Ressources animales"
        if good == Some(t) && doc.is(t, "et") && doc.is_any(t + 1, &["de", "des", "du", "d"]) {
            t += 1;
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
                // "du Hamas Ashraf al-Qidra": the body's name ends where a person's begins
                while doc.toks.get(e).is_some_and(|n| n.kind == TokKind::Word && n.cap)
                    && !opens_person(doc, e)
                {
                    e += 1;
                }
                // "Affaires étrangères", "Ressources animales", "Sécurité publique"
                if doc.is_any(e, MINISTRY_ADJECTIVES) {
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
            // "ministère de la défense": a function, even lowercase
            if doc.is_any(k, MINISTRY_FUNCTIONS) {
                t = k + 1;
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
    if doc.toks.get(end).is_some_and(|n| n.kind == TokKind::Word && n.cap) && !opens_person(doc, end) {
        return None;
    }
    Some(entity(head, end, "ORG"))
}

/// The lowercase adjectives a ministry's capitalised function takes.
const MINISTRY_ADJECTIVES: &[&str] = &[
    "étrangères",
    "extérieures",
    "intérieures",
    "publique",
    "publiques",
    "animales",
    "animale",
    "nationale",
    "nationales",
    "sociales",
    "sociale",
    "civile",
    "humanitaires",
    "humanitaire",
    "économique",
    "numérique",
    "supérieur",
    "rurales",
    "rural",
    "naturelles",
    "halieutiques",
    "religieuses",
    "urbaine",
    "locales",
];

/// What a ministry is of, written lowercase by some ("ministère de la
/// défense").
const MINISTRY_FUNCTIONS: &[&str] = &[
    "défense",
    "santé",
    "intérieur",
    "justice",
    "économie",
    "agriculture",
    "éducation",
    "information",
    "culture",
    "finances",
    "transports",
    "énergie",
    "environnement",
    "sécurité",
    "armées",
];

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
    Some(Entity { start: t, end: t + 2, label: "ORG".into(), canonical, tagged, bytes: None })
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
    // capitals that name no organisation: times, units, page furniture
    const NOT_BODIES: &[&str] = &[
        "GMT", "UTC", "TV", "PDF", "OK", "AM", "PM", "GPS", "ID", "USD", "EUR", "KM", "SOURCE", "PHOTO",
        "VIDEO", "LIVE", "UPDATE", "BREAKING", "READ", "MORE", "ALSO", "NEW", "SEE", "FILE", "EDT", "EST",
        "CET",
    ];
    // "(BIEN cinq)": capitals that open a bracket of words are emphasis; an
    // acronym stands alone in its bracket ("(OSDH)")
    let emphasis = t > 0
        && doc.toks[t - 1].is_punct(b'(')
        && doc.toks.get(t + 1).is_some_and(|x| x.kind == TokKind::Word && !x.cap);
    if NOT_BODIES.contains(&w) || emphasis {
        return false;
    }
    let upper_at = |k: usize| doc.toks.get(k).is_some_and(|x| x.kind == TokKind::Word && x.upper);
    let shouting = (t > 0 && upper_at(t - 1)) || upper_at(t + 1);
    !shouting
}

/// "à Martouni", "la ville de Martouni", "in Hadrut", "près d'Inates",
/// "dans le secteur de Houla", "la localité israélienne de Margaliot",
/// "à Cité Soleil", "Maroun al-Ras": a capitalised name the data does not
/// know after a place preposition or a place noun and "de"/"of". After a
/// preposition, two words only when the first is no given name ("à Jean
/// Dupont" is a person).
fn place_after_preposition(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    if !tok.cap || tok.upper || t == 0 || known(t) || tok.word.class != Class::None || tok.end - tok.start < 2
    {
        return None;
    }
    // "de Houla", "d'Inates": the word before the preposition
    let de = if doc.toks[t - 1].is_punct(b'\'') && t >= 2 && doc.is(t - 2, "d") {
        Some(t - 2)
    } else if doc.is_any(t - 1, &["de", "of"]) {
        Some(t - 1)
    } else {
        None
    };
    let run = |max: usize| {
        if geo::world().country_of_adjective(doc.tok_text(t)).is_some() {
            return None;
        }
        let end = name_run_with_particles(doc, t, &known);
        (end > t && end <= t + max).then(|| entity(t, end, "LOC"))
    };
    if let Some(de) = de
        && de >= 1
    {
        // "la localité israélienne de Margaliot": a nationality between
        let noun = if de >= 2 && nationality(doc, de - 1) { de - 2 } else { de - 1 };
        if doc.is_any(noun, PLACE_NOUNS) {
            return run(3);
        }
        // "près de Sanam", "près d'Inates"
        if doc.is_any(noun, &["près", "proximité", "environs", "nord", "sud", "est", "ouest"]) {
            return run(2);
        }
    }
    let after_in = doc.is_any(t - 1, &["à", "in", "near", "outside", "around"])
        && doc.toks[t - 1].kind == TokKind::Word
        && !doc.toks[t - 1].cap;
    if !after_in || geo::world().country_of_adjective(doc.tok_text(t)).is_some() {
        return None;
    }
    let end = name_run_with_particles(doc, t, &known);
    let two_words = end == t + 2 && !FIRST_NAMES.contains(doc.tok_text(t));
    (end == t + 1 || two_words || (end == t + 2 && particle(doc, t + 1))).then(|| entity(t, end, "LOC"))
}

/// Nouns of places that name one after "de"/"of": "le village de …".
const PLACE_NOUNS: &[&str] = &[
    "ville",
    "village",
    "localité",
    "région",
    "province",
    "oblast",
    "district",
    "département",
    "préfecture",
    "commune",
    "gouvernorat",
    "secteur",
    "quartier",
    "camp",
    "camps",
    "base",
    "garnison",
    "site",
    "zone",
    "périphérie",
    "town",
    "city",
    "governorate",
    "county",
    "neighbourhood",
    "neighborhood",
    "outskirts",
    "suburb",
    "area",
];

/// A run of capitalised words with Arabic particles inside ("Maroun
/// al-Ras", "Deir al-Balah"), up to four tokens.
fn name_run_with_particles(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> usize {
    let free = |k: usize| !known(k);
    let mut end = name_run(doc, t, free);
    while end > t && end < t + 4 && particle(doc, end) && !known(end) {
        end = name_run(doc, end + 1, free).max(end + 1);
    }
    end
}

/// An English body named by its function, with its nationality adjective
/// when it has one: "health ministry", "Armenian Defence Ministry",
/// "Russian defence ministry", "foreign ministry" (from the head noun
/// "ministry" backwards).
fn english_ministry_at(doc: &Doc, head: usize) -> Option<Entity> {
    const FUNCTIONS: &[&str] = &[
        "health",
        "defence",
        "defense",
        "foreign",
        "interior",
        "justice",
        "finance",
        "information",
        "education",
        "agriculture",
        "emergency",
        "emergencies",
        "economy",
        "energy",
        "culture",
        "transport",
        "home",
        "intelligence",
    ];
    if !doc.is(head, "ministry") || head == 0 {
        return None;
    }
    let mut start = head;
    while start > 0 && doc.is_any(start - 1, FUNCTIONS) && doc.toks[start - 1].kind == TokKind::Word {
        start -= 1;
    }
    if start == head {
        return None;
    }
    if start > 0
        && doc.toks[start - 1].cap
        && geo::world().country_of_adjective(doc.tok_text(start - 1)).is_some_and(|_| doc.toks[start - 1].cap)
    {
        start -= 1;
    }
    Some(entity(start, head + 1, "ORG"))
}

/// A capitalised head noun of a named body or armed group
/// (lexicon/words.txt, flag `bodyhead`): "Forces", "Réseau", "Foundation".
fn body_head(doc: &Doc, t: usize) -> bool {
    let tok = &doc.toks[t];
    tok.cap && tok.word.has(super::vocab::BODYHEAD)
}

/// A named body written in French: a capitalised head noun inside a
/// sentence and its complements ("Réseau national des droits de l'homme",
/// "Fondation humanitaire de Gaza", "Forces armées soudanaises",
/// "Haut-Commissariat aux droits de l'homme de l'ONU"): adjectives,
/// nouns after "de"/"des"/"aux", capitalised words; a verb or a
/// punctuation mark ends it.
fn french_named_body_at(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    if !body_head(doc, t) || tok.upper || known(t) || t == 0 {
        return None;
    }
    // inside a sentence, after an article or a preposition
    if !doc
        .is_any(t - 1, &["la", "le", "les", "l", "du", "des", "de", "d", "aux", "au", "à", "par", "et", "'"])
        && !doc.toks[t - 1].is_punct(b'\'')
    {
        return None;
    }
    let mut end = t + 1;
    let mut k = t + 1;
    let limit = (t + 12).min(doc.toks.len());
    let mut after_preposition = false;
    while k < limit {
        let x = &doc.toks[k];
        if x.is_punct(b'\'') && !x.space_before {
            k += 1;
            continue;
        }
        if x.kind != TokKind::Word || x.word.has(super::vocab::SAY) {
            break;
        }
        if doc.is_any(k, &["de", "des", "du", "d", "aux", "au", "à", "et", "pour", "la", "l", "le", "les"]) {
            after_preposition = true;
            k += 1;
            continue;
        }
        let content = x.cap && !x.upper
            || x.upper && !doc.toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word && n.upper)
            || !x.cap && (after_preposition || adjective_like(doc, k)) && x.word.class != Class::Stop;
        if !content || matches!(x.word.class, Class::Month { .. } | Class::Weekday(_) | Class::Num(_)) {
            break;
        }
        after_preposition = false;
        k += 1;
        end = k;
    }
    (end > t + 1 && (!army_head(doc, t) || acronym_follows(doc, end))).then(|| entity(t, end, "ORG"))
}

/// Heads of armies and forces: the guide tags one only with a proper name
/// and an acronym ("Forces de défense et de sécurité (FDS)"), not "the
/// Defense Army of …".
fn army_head(doc: &Doc, t: usize) -> bool {
    doc.is_any(
        t,
        &[
            "forces",
            "force",
            "armée",
            "army",
            "corps",
            "garde",
            "guard",
            "police",
            "gendarmerie",
            "milice",
            "militia",
        ],
    )
}

/// "(FDS)" right after a name.
fn acronym_follows(doc: &Doc, end: usize) -> bool {
    doc.toks.get(end).is_some_and(|x| x.is_punct(b'('))
        && doc.toks.get(end + 1).is_some_and(|x| x.upper)
        && doc.toks.get(end + 2).is_some_and(|x| x.is_punct(b')'))
}

/// A French adjective by its ending or a nationality: "national",
/// "humanitaire", "armées", "soudanaises".
fn adjective_like(doc: &Doc, t: usize) -> bool {
    const SUFFIXES: &[&str] = &[
        "al", "ale", "aux", "ales", "aire", "aires", "ique", "iques", "if", "ive", "ifs", "ives", "el",
        "elle", "els", "elles", "iste", "istes", "ée", "ées", "és", "ien", "ienne", "iens", "iennes", "ais",
        "aise", "aises", "ain", "aine", "ains", "aines", "eur", "eure", "ier", "ière",
    ];
    let w = doc.tok_lower(t);
    nationality(doc, t) || (w.chars().count() > 3 && SUFFIXES.iter().any(|s| w.ends_with(s)))
}

/// A named body written in English: capitalised words through a head noun
/// ("Gaza Humanitarian Foundation", "Allied Democratic Forces"), and its
/// "of"/"for" complement of capitalised words ("Convention for the Respect
/// of Human Rights").
fn english_named_body_at(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    if !tok.cap || tok.upper || known(t) || !matches!(tok.word.class, Class::None | Class::Nat(_)) {
        return None;
    }
    if t > 0 && doc.toks[t - 1].cap && doc.toks[t - 1].kind == TokKind::Word && doc.sentence_of(t).0 != t - 1
    {
        return None;
    }
    let cap_word = |k: usize| {
        doc.toks.get(k).is_some_and(|x| {
            x.kind == TokKind::Word
                && x.cap
                && !x.upper
                && !known(k)
                && !matches!(x.word.class, Class::Month { .. } | Class::Weekday(_))
                && x.space_before
                && !x.nl_before
        })
    };
    let mut k = t;
    let mut head = None;
    while k < t + 6 && (k == t || cap_word(k)) {
        if body_head(doc, k) {
            head = Some(k);
        }
        k += 1;
    }
    let head = head?;
    if head == t && !doc.is_any(head + 1, &["of", "for"]) {
        return None;
    }
    let mut end = head + 1;
    // "Convention for the Respect of Human Rights", "Ministry of Defence"
    let mut j = end;
    while doc.is_any(j, &["of", "for", "the", "and"]) {
        j += 1;
        let mut caps = j;
        while cap_word(caps) {
            caps += 1;
        }
        if caps == j {
            break;
        }
        end = caps;
        j = caps;
    }
    let head_is_army = (t..=head).any(|k| army_head(doc, k) && body_head(doc, k));
    (end > t + 1 && (!head_is_army || acronym_follows(doc, end))).then(|| entity(t, end, "ORG"))
}

/// A state body named with its country's possessive: its tokens are the
/// whole, the claimant; its span is the body after the possessive, tagged
/// apart from the place as the guide does ("defence ministry"; an army is
/// not tagged): "Armenia's defence ministry", "Azerbaijan's prosecutor general's office", "Russia's Defense
/// Ministry", "Azerbaijan's military".
fn possessive_body(doc: &Doc, t: usize, place: Option<&Candidate>) -> Option<Entity> {
    if !doc.toks[t].cap || !(t + 1..(t + 4).min(doc.toks.len())).any(|k| doc.toks[k].is_punct(b'\'')) {
        return None;
    }
    let country = place?;
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
            // the whole is the claimant; the guide tags the place and the
            // body apart ("Armenia" + "defence ministry"), an army not at all
            let whole = entity(t, k + 1, "ORG");
            if doc.is_any(k, &["military", "army"]) {
                return Some(Entity { tagged: false, ..whole });
            }
            let body = (doc.toks[apostrophe + 2].start, doc.toks[k].end);
            return Some(Entity { bytes: Some(body), ..whole });
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

/// Given names of many countries (lexicon/first_names.txt, generated).
static FIRST_NAMES: LazyLock<geo::FxHashSet<&'static str>> = LazyLock::new(|| {
    crate::text::data_lines(include_str!("lexicon/first_names.txt")).map(|(_, l)| l).collect()
});

/// A given name and the capitalised words after it on the same line:
/// "Lidia Kelly", "Christophe Munyanderu". The words after it must not be
/// places or adjectives of the world's data ("Will Russia …").
fn first_name_person(doc: &Doc, t: usize, known: impl Fn(usize) -> bool) -> Option<Entity> {
    let tok = &doc.toks[t];
    // the set is asked only when a capitalised word follows
    // "Ashraf al-Qidra": an Arabic particle glued to the surname
    let next_cap = doc.toks.get(t + 1).is_some_and(|x| x.cap && x.kind == TokKind::Word)
        || (t + 1 < doc.toks.len() && particle(doc, t + 1));
    if !tok.cap
        || tok.upper
        || !next_cap
        || known(t)
        || tok.word.class != Class::None
        || !FIRST_NAMES.contains(doc.tok_text(t))
    {
        return None;
    }
    let world = geo::world();
    let free = |k: usize| {
        let x = &doc.toks[k];
        !known(k)
            && x.space_before
            && !x.nl_before
            && world.place(doc.tok_text(k)).is_none()
            && world.country_of_adjective(doc.tok_text(k)).is_none()
    };
    let end = name_run(doc, t + 1, free);
    (end > t + 1).then(|| entity(t, end, "PER"))
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

/// Longest first; a higher rank wins between equal spans; no overlaps. A
/// body the guide does not tag (`tagged` false) never hides a tagged one:
/// "Ethiopia's military" keeps "Ethiopia".
fn settle(doc: &Doc, mut cands: Vec<Candidate>) -> Vec<Entity> {
    // longest first, then by rank, then in text order; keys are sorted, not
    // the candidates (a hundred bytes each, hundreds of thousands on a long
    // dispatch), the index last keeping equals in their order
    let mut order: Vec<(Reverse<usize>, Reverse<u8>, usize, u32)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (Reverse(c.e.end - c.e.start), Reverse(c.rank), c.e.start, i as u32))
        .collect();
    order.sort_unstable();
    let mut taken: Vec<u32> = Vec::with_capacity(cands.len());
    // the bytes taken, by tagged and untagged entities: an overlap is one
    // look at the candidate's bytes, not a pass over every entity taken
    // (an empty span, never made, takes no byte: then every entity is asked)
    let mut occupied = [vec![false; doc.text.len()], vec![false; doc.text.len()]];
    let mut empty_taken = false;
    for &(_, _, _, i) in &order {
        let c = &cands[i as usize].e;
        let (s, e) = c.byte_range(doc);
        let bytes = &mut occupied[c.tagged as usize];
        let overlaps = if s < e && !empty_taken {
            bytes[s..e].contains(&true)
        } else {
            taken.iter().any(|&k| {
                let t = &cands[k as usize].e;
                let (ts, te) = t.byte_range(doc);
                t.tagged == c.tagged && ts < e && s < te
            })
        };
        if !overlaps {
            if s < e {
                bytes[s..e].fill(true);
            }
            empty_taken |= s >= e;
            taken.push(i);
        }
    }
    // in text order, equals in the order taken
    let mut by_range: Vec<((usize, usize), u32, u32)> =
        taken.iter().enumerate().map(|(k, &i)| (cands[i as usize].e.byte_range(doc), k as u32, i)).collect();
    by_range.sort_unstable();
    by_range
        .into_iter()
        .map(|(_, _, i)| std::mem::replace(&mut cands[i as usize].e, entity(0, 0, "PER")))
        .collect()
}

/// "Dmitri Peskov" … "Peskov": a surname alone names the same person.
fn propagate_surnames(doc: &Doc, chosen: &mut Vec<Entity>) {
    let surnames: Vec<(&str, Option<String>)> = chosen
        .iter()
        // a name found once by its title stands alone later too ("le chef
        // de gang Mikanò" … "Mikanò")
        .filter(|e| e.is("PER") && e.tagged && e.bytes.is_none() && doc.toks[e.end - 1].cap)
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
    // the first person of each surname; the tokens some entity holds
    let mut first: HashMap<&str, &Option<String>> = HashMap::with_capacity(surnames.len());
    for (s, canonical) in &surnames {
        first.entry(s).or_insert(canonical);
    }
    let mut held = vec![false; doc.toks.len()];
    for e in chosen.iter() {
        held[e.start..e.end].fill(true);
    }
    let mut added = Vec::new();
    for t in 0..doc.toks.len() {
        let tok = &doc.toks[t];
        if !tok.cap || tok.kind != TokKind::Word {
            continue;
        }
        let w = doc.tok_text(t);
        if let Some(&canonical) = first.get(w)
            && held.get(t) == Some(&false)
        {
            added.push(Entity {
                start: t,
                end: t + 1,
                label: "PER".into(),
                canonical: canonical.clone(),
                tagged: true,
                bytes: None,
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

    /// The tagged entities as the suggestions give them: text and label.
    fn ents(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        find(&doc, &Knowledge::default())
            .into_iter()
            .filter(|e| e.tagged)
            .map(|e| {
                let (s, end) = e.byte_range(&doc);
                (doc.text[s..end].to_string(), e.label.into_owned())
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

    fn has(e: &[(String, String)], text: &str, label: &str) -> bool {
        e.contains(&(text.to_string(), label.to_string()))
    }

    #[test]
    fn places_of_the_world_data_in_both_languages() {
        let e = ents("Des tirs ont visé Zaporijjia et Lviv, puis la bande de Gaza et Khan Younès.");
        for place in ["Zaporijjia", "Lviv", "bande de Gaza", "Khan Younès"] {
            assert!(has(&e, place, "LOC"), "{place}: {e:?}");
        }
        let e = ents("Shelling hit Kharkov overnight; talks in Addis Ababa and Mogadishu went on.");
        for place in ["Kharkov", "Addis Ababa", "Mogadishu"] {
            assert!(has(&e, place, "LOC"), "{place}: {e:?}");
        }
    }

    #[test]
    fn adjectives_and_demonyms_are_no_entities() {
        let e = ents(
            "Les Ukrainiens et les Palestiniens, selon des sources israéliennes. Israelis and Sudanese said so.",
        );
        assert!(e.iter().all(|(_, l)| l != "LOC"), "{e:?}");
    }

    #[test]
    fn a_place_inside_a_longer_proper_name_is_left_to_the_name() {
        let e = ents("The Kharkiv Humanitarian Foundation said aid arrived.");
        assert!(has(&e, "Kharkiv Humanitarian Foundation", "ORG"), "{e:?}");
        assert!(!has(&e, "Kharkiv", "LOC"), "{e:?}");
    }

    #[test]
    fn names_glued_by_a_hyphen() {
        let e = ents("A Hamas-run ministry and the Russia-Ukraine talks; une milice anti-Boko Haram.");
        assert!(has(&e, "Hamas", "ORG") && has(&e, "Russia", "LOC") && has(&e, "Ukraine", "LOC"), "{e:?}");
        assert!(has(&e, "Boko Haram", "ORG"), "{e:?}");
    }

    #[test]
    fn unlisted_places_by_their_context() {
        let e = ents(
            "Des combats près de Tazmalt et dans le secteur de Bouira, puis dans la localité syrienne de Kafr Zita.",
        );
        for place in ["Tazmalt", "Bouira", "Kafr Zita"] {
            assert!(has(&e, place, "LOC"), "{place}: {e:?}");
        }
        let e = ents("Gunmen attacked the village of Ngolo and houses in Dar al-Salam.");
        assert!(has(&e, "Ngolo", "LOC") && has(&e, "Dar al-Salam", "LOC"), "{e:?}");
        // two words after "à" are a person when the first is a given name
        let e = ents("Il a écrit à Pierre Lambert hier.");
        assert!(!has(&e, "Pierre Lambert", "LOC"), "{e:?}");
    }

    #[test]
    fn people_by_their_given_name_or_rank() {
        let e = ents("Selon Olga Petrenko et le colonel Amadou Traoré, tout est calme.");
        assert!(has(&e, "Olga Petrenko", "PER") && has(&e, "Amadou Traoré", "PER"), "{e:?}");
        let e = ents("Maria Lopez, a spokeswoman, spoke to a resident of Goma.");
        assert!(has(&e, "Maria Lopez", "PER") && !has(&e, "Goma", "PER"), "{e:?}");
    }

    #[test]
    fn armed_groups_and_bodies_by_data_and_head_noun() {
        let e = ents(
            "Le Hezbollah, les Houthis et l'UNRWA ont parlé, comme le Réseau national de défense des libertés.",
        );
        for org in ["Hezbollah", "Houthis", "UNRWA", "Réseau national de défense des libertés"] {
            assert!(has(&e, org, "ORG"), "{org}: {e:?}");
        }
        let e = ents("Les Forces de protection du peuple (FPP) et l'armée tchadienne.");
        assert!(has(&e, "Forces de protection du peuple", "ORG"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t.contains("armée")), "a generic army is not tagged: {e:?}");
    }

    #[test]
    fn ministries_with_their_adjectives_agencies_and_capitals_of_emphasis() {
        let e = ents("Le ministère de l'Élevage et des Ressources halieutiques a publié un communiqué.");
        assert!(has(&e, "ministère de l'Élevage et des Ressources halieutiques", "ORG"), "{e:?}");
        let e = ents("Le ministère tchadien de la Sécurité publique l'a confirmé à l'agence Wafa.");
        assert!(has(&e, "ministère tchadien de la Sécurité publique", "ORG"), "{e:?}");
        assert!(has(&e, "Wafa", "ORG"), "{e:?}");
        let e = ents("Elle a compté six morts (PLUS que prévu) dans le village.");
        assert!(!e.iter().any(|(t, _)| t == "PLUS"), "{e:?}");
    }

    #[test]
    fn a_body_ends_where_its_spokesman_begins() {
        let e = ents("Le porte-parole du ministère de la Santé du Hamas Ashraf al-Qidra a parlé.");
        assert!(has(&e, "Ashraf al-Qidra", "PER"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t.ends_with("Ashraf")), "{e:?}");
    }

    #[test]
    fn english_bodies_keep_their_nationality_and_a_possessive_splits() {
        let e = ents("The Ukrainian health ministry and Kenya's interior ministry said so.");
        assert!(has(&e, "Ukrainian health ministry", "ORG"), "{e:?}");
        assert!(has(&e, "Kenya", "LOC") && has(&e, "interior ministry", "ORG"), "{e:?}");
        let e = ents("Le ministère malien de la Défense et le ministère de la santé.");
        assert!(has(&e, "ministère malien de la Défense", "ORG"), "{e:?}");
        assert!(has(&e, "ministère de la santé", "ORG"), "{e:?}");
    }

    #[test]
    fn a_function_with_its_common_noun_and_capitals_that_are_no_bodies() {
        let e = ents("Le chef de milice Mbokoloni a parlé à 1600 GMT.");
        assert!(has(&e, "Mbokoloni", "PER"), "{e:?}");
        assert!(!has(&e, "GMT", "ORG"), "{e:?}");
        let e = ents("Talks stall, says minister\n\nA long war ended.");
        assert!(!e.iter().any(|(t, _)| t == "A"), "{e:?}");
    }

    #[test]
    fn unknown_people_after_a_title() {
        let e =
            ents("Le ministre des Affaires étrangères Jean Dupont et le président turc Ali Veli ont parlé.");
        assert!(e.contains(&("Jean Dupont".into(), "PER".into())), "{e:?}");
        assert!(e.contains(&("Ali Veli".into(), "PER".into())), "{e:?}");
    }
}
