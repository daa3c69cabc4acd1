//! A number with no noun after it is a figure only when its context says
//! what it counts: a killing verb before it ("kills 21"), a toll it gives
//! ("the death toll rose to 51", "le nombre de morts à neuf"), a verb it is
//! the subject of ("Dix-huit ont été abattus"), or a list it goes on
//! ("onze civils … : neuf en Azerbaïdjan et deux côté arménien").

use super::super::scan::{Doc, TokKind};
use super::super::vocab::Class;
use super::lexicon::{self, NounKind};
use super::noun;
use super::{Core, Figure};
use crate::annotation::{What, Who};

/// A verb whose object is a casualty count: "kills 21", "tue 21".
pub fn casualty_verb(doc: &Doc, t: usize) -> Option<What> {
    lexicon::word_at(doc, t)?.kills
}

/// A toll before the number in its sentence: "toll", "bilan", or
/// "number"/"nombre" with a casualty word after it ("the number of
/// civilians killed has risen to 51"). Gives what the toll counts, if it
/// says.
pub fn toll(doc: &Doc, start: usize) -> Option<Option<What>> {
    let (s, _) = doc.sentence_of(start);
    let from = start.saturating_sub(20).max(s);
    (from..start).rev().find_map(|t| {
        let e = lexicon::word_at(doc, t)?;
        let tally = e.tally && (t + 1..(t + 5).min(start)).any(|k| counts_people(doc, k));
        (e.toll || tally).then(|| what_between(doc, t.saturating_sub(2).max(s), start))
    })
}

fn counts_people(doc: &Doc, t: usize) -> bool {
    lexicon::is(doc, t, |e| e.casualty)
        || matches!(noun::noun_kind(doc, t), Some((_, NounKind::Counted { who: Some(_), .. })))
}

/// What the first casualty noun of tokens `a..b` counts ("death toll",
/// "nombre de morts", "number injured").
fn what_between(doc: &Doc, a: usize, b: usize) -> Option<What> {
    (a..b).find_map(|t| match noun::noun_kind(doc, t) {
        Some((_, NounKind::Counted { what: Some(w), .. })) if w != What::Equipment => Some(w),
        _ => None,
    })
}

/// The number is the subject of the verb after it: "Dix-huit auraient été
/// interceptés", "several thousand were killed". Gives what the verb says
/// happened to them, if it is a casualty ("ont été tués", "were wounded").
pub fn subject(doc: &Doc, core: &Core) -> Option<Option<What>> {
    const NOT_SUBJECT: &[&str] =
        &["à", "de", "d", "en", "du", "le", "la", "les", "in", "on", "at", "by", "of", "the", "to"];
    if !lexicon::is(doc, core.end, |e| e.verb) || (core.start > 0 && doc.is_any(core.start - 1, NOT_SUBJECT))
    {
        return None;
    }
    Some(what_between(doc, core.end + 1, (core.end + 4).min(doc.toks.len())))
}

/// Takes what and whom from the figure just before in the same sentence,
/// when this one continues its list ("dont", "et", ":", ",").
pub fn inherit(
    before: &[Figure],
    start: usize,
    doc: &Doc,
    what: &mut Option<What>,
    who: &mut Option<Who>,
) -> bool {
    let Some(prev) = before.last() else { return false };
    let same_sentence = doc.sentence_index(prev.start) == doc.sentence_index(start);
    // a list of things the lexicons do not know is no list of counts
    let unknown_noun = prev
        .noun
        .is_some_and(|n| noun::noun_kind(doc, n).is_none() && !lexicon::is(doc, n, |e| e.whole.is_some()));
    if !same_sentence || start < prev.end || start - prev.end > 12 || unknown_noun {
        return false;
    }
    let linked = (prev.end..start).any(|t| doc.is_any(t, &["dont", "et", "and", "including", ":", ","]));
    if linked {
        *what = prev.what;
        *who = prev.who;
    }
    linked
}

/// "un civil azéri était mort", "la mort de l'un de ses combattants": a
/// word of killing or hurting near "un" + person, not an active verb ("un
/// soldat a tué").
pub fn casualty_near(doc: &Doc, start: usize, end: usize) -> bool {
    let (s, e) = doc.sentence_of(start);
    let active =
        |t: usize| t > 0 && doc.is_any(t - 1, &["a", "ont", "avait", "avaient", "has", "have", "had"]);
    (end..(end + 8).min(e)).any(|t| lexicon::is(doc, t, |x| x.casualty) && !active(t))
        || (start.saturating_sub(5).max(s)..start).any(|t| lexicon::is(doc, t, |x| x.casualty))
}

/// A count follows in a list: "un hélicoptère et deux chars", "a tank, two
/// drones".
pub fn count_follows(doc: &Doc, end: usize) -> bool {
    doc.is_any(end, &[",", "et", "and"])
        && doc.toks.get(end + 1).is_some_and(|t| {
            t.kind == TokKind::Num
                || matches!(t.word.class, Class::Num(v) if v > 1)
                || (matches!(t.word.class, Class::Num(1)) && !doc.is_any(end + 1, &["un", "une", "one"]))
        })
}

/// "respectivement 27 et cinq morts": a number before "et" and a count
/// shares that count's noun. Gives what the noun counts.
pub fn shares_next_noun(doc: &Doc, end: usize) -> Option<Option<What>> {
    let number = |t: usize| {
        doc.toks.get(t).is_some_and(|x| x.kind == TokKind::Num || matches!(x.word.class, Class::Num(_)))
    };
    if !doc.is_any(end, &["et", "and", "ou", "or"]) || !number(end + 1) {
        return None;
    }
    match noun::noun_kind(doc, end + 2) {
        Some((_, NounKind::Counted { what, who: Some(_), .. })) => Some(what),
        Some((_, NounKind::Counted { what: Some(w), .. })) => Some(Some(w)),
        _ => None,
    }
}
