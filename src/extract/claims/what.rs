//! What a figure counts, if it is a claim at all (ANNOTATION_GUIDE,
//! claims: what): from its counted noun, else from the nearest cue word
//! around it (lexicon/claim_cues.tsv): "la mort de 550 soldats", "200
//! militaires tués", "wounding nine others", "la destruction de 30
//! véhicules"; killed and wounded counted together are casualties.

use std::sync::LazyLock;

use super::data::Map;
use crate::annotation::What;
use crate::extract::figures::Figure;
use crate::extract::scan::{Doc, TokKind};

struct Cues {
    before: Map<&'static str, Vec<What>>,
    after: Map<&'static str, Vec<What>>,
    noun: Map<&'static str, What>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut c = Cues { before: Map::default(), after: Map::default(), noun: Map::default() };
    for (_, line) in crate::text::data_lines(include_str!("../lexicon/claim_cues.tsv")) {
        let f: Vec<&'static str> = line.split('\t').collect();
        let [place, what, words] = f[..] else { panic!("claim_cues.tsv: {line:?}") };
        let what = What::parse(what).unwrap_or_else(|| panic!("claim_cues.tsv: {what:?}"));
        for w in words.split('|') {
            match place {
                "before" => c.before.entry(w).or_default().push(what),
                "after" => c.after.entry(w).or_default().push(what),
                "noun" => {
                    c.noun.insert(w, what);
                }
                _ => panic!("claim_cues.tsv: {place:?}"),
            }
        }
    }
    c
});

/// What `f` counts, or `None` when it counts no casualties.
pub fn of(doc: &Doc, f: &Figure) -> Option<What> {
    let (s, e) = doc.sentence_of(f.number);
    let cue = |t: usize, table: &Map<&'static str, Vec<What>>, equipment: bool| {
        table
            .get(doc.tok_lower(t))
            .and_then(|ws| ws.iter().copied().find(|&w| (w == What::Equipment) == equipment))
    };
    // the nearest cue before, within `reach` tokens, not across another figure's number
    let before = |reach: usize, equipment: bool| {
        (f.start.saturating_sub(reach).max(s)..f.start)
            .rev()
            .take_while(|&t| doc.toks[t].kind != TokKind::Num || t + 1 == f.start)
            .find_map(|t| cue(t, &CUES.before, equipment))
    };
    // "au moins 200 personnes, dont 10 civils, ont été tuées": the verb is
    // read past an aside that opens right after the figure
    let opens = |t: usize| doc.is_any(t, &["dont", "including", "among"]);
    let aside_end = [f.end, f.end + 1]
        .into_iter()
        .find(|&t| opens(t) && (t == f.end || doc.toks[f.end].is_punct(b',')))
        .and_then(|a| (a..(a + 10).min(e)).find(|&t| doc.toks[t].is_punct(b',')))
        .map_or(f.end, |c| c + 1);
    // "une dizaine d'autres ont été blessés": the others the figure leaves
    // out of its span are crossed, as an aside is
    let others = if doc.is_any(aside_end, &["autres", "others"]) {
        1
    } else if doc.is_any(aside_end, &["d"]) && doc.is_any(aside_end + 2, &["autres", "entre"]) {
        if doc.is_any(aside_end + 2, &["entre"]) { 4 } else { 3 }
    } else {
        0
    };
    let aside_end = (aside_end + others).min(e);
    let after = |reach: usize, equipment: bool| {
        (aside_end..(aside_end + reach).min(e))
            // "7000 habitants et 16 localités ont été évacués": a coordinated count is crossed
            .take_while(|&t| doc.toks[t].kind != TokKind::Num || doc.is_any(t - 1, &["et", "and"]))
            .find_map(|t| cue(t, &CUES.after, equipment))
    };
    if f.what == Some(What::Equipment) {
        let hit = before(12, true).or_else(|| after(10, true));
        return hit.map(|_| What::Equipment);
    }
    // "35 civils tués ou blessés": killed and wounded together
    let both = (f.end..(f.end + 8).min(e)).any(|t| {
        doc.is_any(t, &["tués", "morts", "killed", "dead"])
            && doc.is_any(t + 1, &["ou", "or", "et", "and"])
            && doc.is_any(t + 2, &["blessés", "wounded", "injured"])
    });
    if let Some(&w) = f.noun.and_then(|n| CUES.noun.get(doc.tok_lower(n))) {
        return Some(w);
    }
    if both {
        return Some(What::Casualties);
    }
    // "Onze martyrs avaient péri et des dizaines de personnes avaient été
    // blessées": the figure's own verb wins over what its list counted
    if let Some(w) = f.what {
        let own = (f.end..(f.end + 6).min(e))
            .take_while(|&t| doc.toks[t].kind == TokKind::Word)
            .find(|&t| t > 0 && doc.is_any(t - 1, &["été", "were", "been", "was", "are", "is"]))
            .and_then(|t| cue(t, &CUES.after, false));
        return Some(own.unwrap_or(w));
    }
    if f.noun.is_none() && f.who.is_none() && after(4, false).is_none() && before(3, false).is_none() {
        return None;
    }
    // a thing, not people ("abattu 14 missiles", "la saisie de 10 fusils"):
    // a destroying or seizing word makes it equipment
    let thing = f.who.is_none()
        && f.noun.is_some_and(|n| {
            matches!(
                doc.toks[n].word.class,
                crate::extract::vocab::Class::None | crate::extract::vocab::Class::Count
            ) || matches!(
                doc.toks[n].word.class,
                crate::extract::vocab::Class::Noun { who: None, what: None }
            )
        });
    if thing && let Some(w) = before(6, true).or_else(|| after(6, true)) {
        return Some(w);
    }
    // "tuant une personne et en blessant 13 autres": the nearest verb before
    // "The death toll in Lebanon in more than a year of war … has reached 4,047
    // people": the toll, however far, is the subject of the verb that reaches it
    const REACHES: &[&str] =
        &["reached", "reaches", "stands", "stood", "rose", "climbed", "atteint", "dépasse"];
    let reached = (f.start.saturating_sub(3).max(s)..f.start).any(|t| doc.is_any(t, REACHES))
        && (s..f.start).any(|t| doc.is_any(t, &["toll", "bilan"]));
    if reached && f.who.is_some() {
        return Some(What::Killed);
    }
    // "… were killed, and 31 people were injured": a cue before a comma or
    // a conjunction is the clause before's; the figure's own follows it
    let own_before = (f.start.saturating_sub(3).max(s)..f.start)
        .rev()
        .take_while(|&t| doc.toks[t].kind != TokKind::Num && !doc.is_any(t, &[",", "et", "and", "ou", "or"]))
        .find_map(|t| cue(t, &CUES.before, false));
    let people = own_before.or_else(|| after(16, false)).or_else(|| before(10, false)).or_else(|| {
        // the subject may be far from its verb: "70 000 habitants …, soit …, ont fui"
        (f.end..(f.end + 16).min(e))
            .filter_map(|t| cue(t, &CUES.after, false))
            .find(|&w| w == What::Displaced)
    });
    // a noun the vocabulary does not know, destroyed or seized: "abattu 14 missiles"
    people.or_else(|| {
        (f.who.is_none() && f.noun.is_some()).then(|| before(6, true).or_else(|| after(6, true))).flatten()
    })
}
