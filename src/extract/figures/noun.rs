//! The counted noun after a number, where the span ends: "de" after an
//! approximation, English words before the noun ("two police vehicles",
//! "dozens of seriously injured patients"), partitives ("41 des 80
//! drones", "trois de ses membres", "10 of them"), "autres"/"other",
//! compounds ("fusils automatiques"), one number for joined nouns ("10
//! chars et transports de troupe blindés"). A French adjective after the
//! noun stays out ("32 véhicules", not "blindés").

use super::super::scan::{Doc, TokKind};
use super::super::vocab::{Class, SideWord};
use super::core::{self, Core};
use super::lexicon::{self, NounKind, Whole};
use crate::annotation::{What, Who};

/// The noun phrase of a figure.
#[derive(Debug, Clone, Copy, Default)]
pub struct Phrase {
    /// The token after the span.
    pub end: usize,
    /// The counted noun, if the span has one.
    pub noun: Option<usize>,
    pub what: Option<What>,
    pub who: Option<Who>,
    /// A noun that counts people or equipment (the lexicons know it).
    pub people: bool,
    /// Money, distance, weapons fired: a figure without a claim.
    pub measure: bool,
    pub side: Option<SideWord>,
    /// "1,068 of its servicemen": the claimant's own.
    pub own_side: bool,
    /// "30 autres", "nine others", "et 511 blessés": the noun is left out,
    /// the list goes on counting.
    pub elided: bool,
}

/// A number is no figure: its noun, ending before this token, counts
/// places, property, strikes or time.
pub struct NotCounted(pub usize);

/// The noun phrase after `core`, or `Ok` with no noun when the number
/// stands alone; `Err` when the noun makes it no figure ("300 villages",
/// "7 derniers jours").
pub fn after(doc: &Doc, core: &Core) -> Result<Phrase, NotCounted> {
    let k = core.end;
    let bare = Phrase { end: core.end, ..Phrase::default() };
    // "22,000-strong African Union force"
    if core::is_strong(doc, k) {
        return Ok(strong_force(doc, k + 2).unwrap_or(bare));
    }
    // "une centaine de civils", "5 millions de dollars", "hundreds of victims"
    if let Some(j) = de_at(doc, k).filter(|_| core.takes_de) {
        // "une douzaine d'autres": the noun is left out
        if lexicon::is(doc, j, |e| e.other) {
            return Ok(Phrase { elided: true, ..bare });
        }
        // "hundreds of the group's fighters"
        if lexicon::is(doc, j, |e| e.whole.is_some()) {
            return partitive(doc, k).map(|p| p.unwrap_or(bare));
        }
        return Ok(head(doc, j, true)?.unwrap_or(bare));
    }
    if lexicon::is(doc, k, |e| e.other) {
        return Ok(others(doc, k).unwrap_or(Phrase { elided: true, ..bare }));
    }
    if let Some(p) = partitive(doc, k)? {
        return Ok(p);
    }
    // "a dozen soldiers", "several hundred people": English needs no "of"
    if core.takes_de {
        return Ok(head(doc, k, false)?.unwrap_or(bare));
    }
    let Some(mut p) = head(doc, k, !core.words)? else { return Ok(bare) };
    // "ont été tués et 511 blessés", "4,000 killed": the participle is the
    // verb of an elided noun
    let start = lexicon::qualifier_before(doc, core.start).map_or(core.start, |(s, _)| s);
    if p.noun == Some(k)
        && is_participle(doc, k)
        && (lexicon::is(doc, k, |e| e.verbal) || elliptic_participle(doc, start))
    {
        return Ok(Phrase { what: p.what, elided: true, ..bare });
    }
    // "10 chars et transports de troupe blindés": one number for joined nouns
    if p.what == Some(What::Equipment)
        && doc.is_any(p.end, &["et", "and"])
        && let Some((end, NounKind::Counted { what: Some(What::Equipment), .. })) = noun_kind(doc, p.end + 1)
    {
        p.end = end;
    }
    Ok(p)
}

/// The token after "de", "d'" or "of" at `k`.
fn de_at(doc: &Doc, k: usize) -> Option<usize> {
    if !doc.is_any(k, &["de", "d", "of"]) {
        return None;
    }
    Some(if doc.toks.get(k + 1).is_some_and(|t| t.is_punct(b'\'')) { k + 2 } else { k + 1 })
}

/// "autres"/"other" at `k`: "14 autres soldats", "16 other people" keep it;
/// "30 autres", "6 autres blessés", "nine others" stop at the number.
fn others(doc: &Doc, k: usize) -> Option<Phrase> {
    match noun_kind(doc, k + 1) {
        Some((end, NounKind::Counted { what, who, participle: false }))
            if who.is_some() || what.is_none() =>
        {
            Some(Phrase { end, noun: Some(end - 1), what, who, people: true, ..Phrase::default() })
        }
        Some((_, NounKind::Counted { what, participle: true, .. })) => {
            Some(Phrase { end: k, what, elided: true, ..Phrase::default() })
        }
        _ => None,
    }
}

/// A partitive at `k`: "41 des 80 drones", "41 sur 80 drones", "trois de
/// ses membres", "10 d'entre eux", "192 of its soldiers", "eight of my
/// colleagues", "10 of them", "at least 28,120 of the 120,000 ethnic
/// Armenians". The whole's own count is part of the span, not a figure.
fn partitive(doc: &Doc, k: usize) -> Result<Option<Phrase>, NotCounted> {
    let Some((mut j, _)) = lexicon::phrase_at(doc, k, |e| e.partitive) else { return Ok(None) };
    let plain_de = doc.is_any(k, &["de", "d"]) && !doc.is(j - 1, "entre");
    let mut own = false;
    match lexicon::word_at(doc, j).and_then(|e| e.whole) {
        Some(Whole::Pronoun) => {
            return Ok(Some(Phrase { end: j + 1, noun: Some(j), ..Phrase::default() }));
        }
        Some(w) => {
            own = w == Whole::Own;
            j += 1;
            // "the group's fighters"
            if doc.toks.get(j + 1).is_some_and(|t| t.is_punct(b'\'')) && doc.is(j + 2, "s") {
                j += 3;
            }
        }
        None if plain_de => return Ok(None),
        None => {}
    }
    // the whole's count: "des 80 drones", "of the 120,000"
    if let Some(t) = doc.toks.get(j) {
        if t.kind == TokKind::Num {
            j += 1;
        } else if let Some((_, end)) = super::super::numbers::words_at(doc, j) {
            j = end;
        }
    }
    let Some(mut p) = head(doc, j, true)? else { return Ok(None) };
    p.own_side = own;
    Ok(Some(p))
}

/// "22,000-strong African Union force": the name and the force it sizes.
fn strong_force(doc: &Doc, mut j: usize) -> Option<Phrase> {
    while doc.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && t.cap) {
        j += 1;
    }
    let t = doc.toks.get(j)?;
    (t.kind == TokKind::Word && !t.cap && t.word.class != Class::Stop).then_some(Phrase {
        end: j + 1,
        noun: Some(j),
        measure: true,
        ..Phrase::default()
    })
}

/// The counted noun at `j`, after at most three words before it ("two
/// Congo soldiers", "hundreds of burn victims", "dozens of seriously
/// injured patients"). `common`: a word the lexicons do not know may be
/// the noun ("30 véhicules", "12 ambulances").
fn head(doc: &Doc, j: usize, common: bool) -> Result<Option<Phrase>, NotCounted> {
    for t in j..j + 4 {
        if let Some((end, kind)) = noun_kind(doc, t) {
            let (noun, end, kind) = later_noun(doc, t, end, kind);
            return counted(doc, j, noun, end, kind).map(Some);
        }
        if !is_modifier(doc, t) || french_plural(doc, t) {
            break;
        }
    }
    // a French adjective or complement after the noun stays out
    if common && is_common_noun(doc, j) {
        let side = nat_at(doc, j + 1);
        return Ok(Some(Phrase { end: j + 1, noun: Some(j), side, ..Phrase::default() }));
    }
    // "et 31 azerbaïdjanais": the noun is left out, the side is said
    if let Some(s) = nat_at(doc, j).filter(|_| !doc.toks[j].cap) {
        if s == SideWord::Enemy {
            // "des centaines d'ennemis": enemies are fighters
            return Ok(Some(Phrase {
                end: j + 1,
                noun: Some(j),
                who: Some(Who::Military),
                side: Some(s),
                people: true,
                ..Phrase::default()
            }));
        }
        return Ok(Some(Phrase { end: j, side: Some(s), ..Phrase::default() }));
    }
    Ok(None)
}

/// "injured patients", "dead civilians": an English participle before a
/// counted noun is its adjective.
fn later_noun(doc: &Doc, t: usize, end: usize, kind: NounKind) -> (usize, usize, NounKind) {
    let w = doc.tok_lower(t);
    let english_participle = end == t + 1 && w.is_ascii() && (w.ends_with("ed") || w == "dead");
    if english_participle
        && let Some((end2, k2 @ NounKind::Counted { participle: false, .. })) = noun_kind(doc, end)
    {
        return (end, end2, k2);
    }
    (t, end, kind)
}

/// The phrase of a counted noun from `noun` to `end` (words before it
/// from `j`), with the side said before it ("Russian servicemen") or after
/// it ("civils arméniens").
fn counted(doc: &Doc, j: usize, noun: usize, end: usize, kind: NounKind) -> Result<Phrase, NotCounted> {
    let (what, who, people) = match kind {
        NounKind::Counted { what, who, .. } => (what, who, true),
        NounKind::Measure => (None, None, false),
        NounKind::NotCounted => return Err(NotCounted(end)),
    };
    // "quelques centaines de kilomètres carrés": an area
    if !people && matches!(noun_kind(doc, end), Some((_, NounKind::NotCounted))) {
        return Err(NotCounted(end + 1));
    }
    let side = nat_at(doc, end).or_else(|| (j..noun).find_map(|t| nat_at(doc, t)));
    Ok(Phrase { end, noun: Some(noun), what, who, people, measure: !people, side, ..Phrase::default() })
}

fn nat_at(doc: &Doc, t: usize) -> Option<SideWord> {
    match doc.toks.get(t).map(|t| (t.kind, t.word.class)) {
        Some((TokKind::Word, Class::Nat(s))) => Some(s),
        _ => None,
    }
}

/// What the noun at `t` does to a count: the lexicon of figures first, then
/// the vocabulary, then a capitalised demonym ("Palestiniens", "Armenians").
/// Durations and months are not counted; a weekday after a number is no
/// noun ("passé à 9 vendredi").
pub fn noun_kind(doc: &Doc, t: usize) -> Option<(usize, NounKind)> {
    let tok = doc.toks.get(t)?;
    if tok.kind != TokKind::Word {
        return None;
    }
    if let Some((end, e)) = lexicon::phrase_at(doc, t, |e| e.noun.is_some()) {
        return Some((end, e.noun?));
    }
    let kind = match tok.word.class {
        Class::Noun { what, who } => NounKind::Counted { what, who, participle: false },
        Class::Count => NounKind::Measure,
        Class::Title => NounKind::Counted { what: None, who: None, participle: false },
        Class::Place | Class::Unit(_) | Class::Freq | Class::Month { .. } => NounKind::NotCounted,
        Class::Nat(_) | Class::None if is_demonym(doc, t) => {
            NounKind::Counted { what: None, who: None, participle: false }
        }
        _ => return None,
    };
    Some((t + 1, kind))
}

/// A capitalised plural after a count names a people ("Palestiniens",
/// "Serbs", "Israelis"), unless it opens a longer name.
fn is_demonym(doc: &Doc, t: usize) -> bool {
    let tok = &doc.toks[t];
    tok.cap
        && !tok.upper
        && doc.tok_lower(t).ends_with('s')
        && !doc.toks.get(t + 1).is_some_and(|n| n.kind == TokKind::Word && n.cap)
}

/// A word that may stand before a counted noun: a nationality or a name
/// ("Somali officers", "Congo soldiers"), an adjective or an adverb
/// ("armored", "seriously injured"), a noun used as one ("police vehicles",
/// "burn victims").
fn is_modifier(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word {
        return false;
    }
    match tok.word.class {
        Class::Nat(_) => true,
        Class::None if lexicon::is(doc, t, |e| e.adjective) => true,
        Class::None => {
            !lexicon::is(doc, t, |e| e.partitive || e.verb || e.other || e.function || e.whole.is_some())
                && doc.tok_lower(t).len() > 2
                && !(tok.cap && t > 0 && doc.toks[t - 1].is_punct(b'.'))
        }
        _ => false,
    }
}

/// "12 chefs militaires": a lowercase plural before a counted word is a
/// French noun with its adjective (English words before a noun are
/// singular: "police vehicles", "burn victims").
fn french_plural(doc: &Doc, t: usize) -> bool {
    let tok = &doc.toks[t];
    let w = doc.tok_lower(t);
    !tok.cap
        && tok.word.class == Class::None
        && !lexicon::is(doc, t, |e| e.adjective)
        && (w.ends_with('x') || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous")))
}

/// A lowercase word that is not a function word could be a counted noun
/// ("30 véhicules", "12 ambulances"); verbs and adverbs mostly start with a
/// known function word before them in the lexicon, so they stay out.
fn is_common_noun(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word || tok.cap || tok.word.class != Class::None {
        return false;
    }
    let text = doc.tok_text(t);
    let w = doc.tok_lower(t);
    // "militairesMoscou": two words glued by a page, no noun
    let glued = text.chars().skip(1).any(char::is_uppercase);
    !(glued
        || w.ends_with("ait")
        || w.ends_with("aient")
        || w.ends_with("ment")
        || w.ends_with("ly")
        || (w.ends_with("ed") && w.is_ascii())
        || w.len() < 3
        || lexicon::is(doc, t, |e| {
            e.other || e.verb || e.partitive || e.adjective || e.function || e.whole.is_some()
        }))
}

fn is_participle(doc: &Doc, t: usize) -> bool {
    lexicon::phrase_at(doc, t, |e| matches!(e.noun, Some(NounKind::Counted { participle: true, .. })))
        .is_some()
}

/// "192 soldats ont été tués et 511 blessés", "200 were killed and 400
/// wounded": a count after "<auxiliary> <casualty participle> et" is the
/// subject of an elided verb, its participle no noun.
fn elliptic_participle(doc: &Doc, start: usize) -> bool {
    let aux = |t: usize| lexicon::is(doc, t, |e| e.auxiliary);
    start >= 3
        && doc.is_any(start - 1, &["et", "and"])
        && lexicon::is(doc, start - 2, |e| e.casualty)
        && (aux(start - 3) || (start >= 4 && aux(start - 4)))
}
