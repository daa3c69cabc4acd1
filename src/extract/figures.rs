//! FIGURE: cardinal quantities with their qualifier and counted noun
//! ("plus de 400 morts", "entre 300 et 400 morts", "une centaine de civils",
//! "la moitié des 140.000 habitants", "thousands of soldiers"), as integer
//! ranges. Dates, times, years, ages, durations, ordinals, frequencies and
//! numbers inside names are left out.

use super::numbers;
use super::scan::{Doc, TokKind};
use super::vocab::{Class, SideWord};
use crate::annotation::{Qualifier, What, Who};

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Token range of the span: qualifier through counted noun.
    pub start: usize,
    pub end: usize,
    /// First token of the number itself.
    pub number: usize,
    /// The counted noun, if the figure names one.
    pub noun: Option<usize>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    /// What and whom the counted noun counts (inherited in "dont 22 civils
    /// arméniens et 31 azerbaïdjanais").
    pub what: Option<What>,
    pub who: Option<Who>,
    /// A side word right after the noun ("civils arméniens", "soldats ennemis")
    /// or before it ("Russian servicemen").
    pub side: Option<SideWord>,
    /// The claimant's own losses: "1,068 of its servicemen".
    pub own_side: bool,
    /// For a fraction ("la moitié des 140.000 habitants"): where the whole
    /// starts and its range, itself a figure.
    pub whole: Option<(usize, u64, Option<u64>, Qualifier)>,
}

/// A number before its noun: value range, qualifier, token after it.
struct Core {
    start: usize,
    number: usize,
    end: usize,
    low: u64,
    high: Option<u64>,
    qualifier: Qualifier,
    /// An approximation ("une centaine", "des milliers") takes "de" before its noun.
    takes_de: bool,
    /// Written in words.
    words: bool,
}

pub fn find(doc: &Doc) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        let Some(core) = core_at(doc, i) else {
            i += 1;
            continue;
        };
        let next = core.end.max(i + 1);
        if let Some(fig) = complete(doc, core, &out) {
            i = fig.end.max(next);
            let inner = fig.whole.map(|(start, low, high, qualifier)| Figure {
                start,
                low: Some(low),
                high,
                qualifier,
                what: None,
                side: None,
                whole: None,
                ..fig.clone()
            });
            out.push(fig);
            out.extend(inner);
        } else {
            i = next;
        }
    }
    out
}

/// The number starting at token `i`, with the range it carries.
fn core_at(doc: &Doc, i: usize) -> Option<Core> {
    let tok = &doc.toks[i];
    match tok.kind {
        TokKind::Num => digits_core(doc, i),
        TokKind::Word => match tok.word.class {
            Class::Num(_) => words_core(doc, i),
            Class::Approx(v) if article_before(doc, i) => Some(Core {
                start: i - 1,
                number: i,
                end: i + 1,
                low: v,
                high: Some(v),
                qualifier: Qualifier::About,
                takes_de: true,
                words: true,
            }),
            Class::Many(v) => many_core(doc, i, v),
            _ => None,
        },
        TokKind::Punct => None,
    }
}

fn article_before(doc: &Doc, i: usize) -> bool {
    i > 0 && doc.is_any(i - 1, &["une", "un", "a", "an"])
}

fn digits_core(doc: &Doc, i: usize) -> Option<Core> {
    let tok = &doc.toks[i];
    let next = doc.toks.get(i + 1);
    let prev = i.checked_sub(1).map(|p| &doc.toks[p]);
    // "1er", "2e", "10h30", "G7", "Su-25", "23/10", "10:50", "50%"
    if next.is_some_and(|n| !n.space_before && (n.kind != TokKind::Punct || is_joiner(doc, i + 1))) {
        return None;
    }
    if prev.is_some_and(|p| !tok.space_before && (p.kind != TokKind::Punct || is_joiner(doc, i - 1))) {
        return None;
    }
    if next.is_some_and(|n| n.is_punct(b'%')) || doc.is_any(i + 1, &["pour", "percent", "per"]) {
        return None;
    }
    // "27 septembre", "September 27", "oct 2020"
    if is_month(doc, i + 1)
        || (i > 0 && is_month(doc, i - 1))
        || (i > 1 && doc.toks[i - 1].is_punct(b'.') && is_month(doc, i - 2))
    {
        return None;
    }
    let mut end = i + 1;
    let mut value = tok.value;
    if let Some(m) = numbers::multiplier(doc, end) {
        value *= m as f64;
        end += 1;
    }
    let year_like = tok.plain_digits == 4 && (1800.0..=2100.0).contains(&tok.value) && end == i + 1;
    if year_like && !matches!(noun_class(doc, end), Some(Class::Noun { .. })) {
        return None;
    }
    let (low, high) = (value.floor() as u64, value.ceil() as u64);
    Some(Core {
        start: i,
        number: i,
        end,
        low,
        high: Some(high),
        qualifier: Qualifier::Exact,
        takes_de: end > i + 1,
        words: false,
    })
}

/// '/', ':', '-', '.', ',' glued between two tokens join them into one thing
/// (a date, a time, a name), so a number touching one is not a quantity.
fn is_joiner(doc: &Doc, p: usize) -> bool {
    let t = &doc.toks[p];
    t.kind == TokKind::Punct
        && matches!(doc.tok_text(p), "/" | ":" | "-" | "h" | "°" | "%" | "€" | "$" | "n°")
        || (t.kind == TokKind::Punct
            && matches!(doc.tok_text(p), "." | ",")
            && doc.toks.get(p + 1).is_some_and(|n| !n.space_before && n.kind == TokKind::Num))
}

fn is_month(doc: &Doc, t: usize) -> bool {
    t < doc.toks.len() && matches!(doc.toks[t].word.class, Class::Month { .. })
}

fn words_core(doc: &Doc, i: usize) -> Option<Core> {
    // "sept." before a day number is September, not seven
    if doc.is(i, "sept") && doc.toks.get(i + 1).is_some_and(|t| t.is_punct(b'.')) {
        return None;
    }
    let (value, end) = numbers::words_at(doc, i)?;
    // "un" inside a compound was read; a lone article was refused by words_at
    if is_month(doc, end) || (i > 0 && is_month(doc, i - 1)) {
        return None;
    }
    Some(Core {
        start: i,
        number: i,
        end,
        low: value,
        high: Some(value),
        qualifier: Qualifier::Exact,
        takes_de: end > i + 1 && doc.toks[end - 1].word.class == Class::Num(1_000_000)
            || doc.toks[end - 1].word.class == Class::Num(1_000_000_000),
        words: true,
    })
}

/// "des milliers", "plusieurs centaines", "des dizaines de milliers",
/// "hundreds", "tens of thousands".
fn many_core(doc: &Doc, i: usize, v: u64) -> Option<Core> {
    let det =
        i > 0 && doc.is_any(i - 1, &["des", "plusieurs", "quelques", "de", "d", "les", "many", "several"]);
    let start = if det && !doc.is(i - 1, "d") { i - 1 } else { i };
    let mut low = v;
    let mut end = i + 1;
    if doc.is_any(end, &["de", "d", "of"]) {
        let k = if doc.toks.get(end + 1).is_some_and(|t| t.is_punct(b'\'')) { end + 2 } else { end + 1 };
        if let Some(Class::Many(v2) | Class::Approx(v2)) = doc.toks.get(k).map(|t| t.word.class)
            && v2 >= 1000
        {
            low = v * (v2 / if v2 % 2000 == 0 { 2 } else { 1 });
            end = k + 1;
        }
    }
    Some(Core {
        start,
        number: i,
        end,
        low,
        high: None,
        qualifier: Qualifier::Many,
        takes_de: true,
        words: true,
    })
}

/// Adds the counted noun, the qualifier, a range ("entre 300 et 400") and a
/// fraction ("la moitié des"); refuses what is not a quantity.
fn complete(doc: &Doc, mut core: Core, before: &[Figure]) -> Option<Figure> {
    // "entre 300 et 400", "between 300 and 400", "de 300 à 400"
    let mut range_from: Option<usize> = None;
    if core.qualifier == Qualifier::Exact && doc.is_any(core.end, &["et", "and", "à", "to"]) {
        let opener = core.start > 0 && doc.is_any(core.start - 1, &["entre", "between", "de", "from"]);
        if opener && let Some(second) = core_at(doc, core.end + 1).filter(|c| c.qualifier == Qualifier::Exact)
        {
            range_from = Some(core.start - 1);
            let low = core.low;
            core =
                Core { low, high: second.high, qualifier: Qualifier::Between, start: core.start, ..second };
        }
    }
    let mut k = core.end;
    let took_de = core.takes_de && doc.is_any(k, &["de", "d", "of"]);
    if took_de {
        k += if doc.toks.get(k + 1).is_some_and(|t| t.is_punct(b'\'')) { 2 } else { 1 };
    }
    // "1,068 of its servicemen", "480 de leurs soldats": the claimant's own
    let mut own_side = false;
    if !took_de
        && doc.is_any(k, &["of", "de"])
        && doc.is_any(k + 1, &["its", "their", "ses", "leurs"])
        && matches!(noun_class(doc, k + 2), Some(Class::Noun { .. }))
    {
        k += 2;
        own_side = true;
    }
    // adjectives before the noun: "22 Armenian civilians", "90 armored vehicles"
    let mut noun_at = k;
    let mut adjective_side = None;
    for skip in 0..2 {
        let t = k + skip;
        let nat = match noun_class(doc, t) {
            Some(Class::Nat(s)) => Some(s),
            _ => None,
        };
        if nat.is_some()
            || doc.toks.get(t).is_some_and(|t| t.cap && t.kind == TokKind::Word)
            || is_adjective_form(doc, t)
        {
            adjective_side = adjective_side.or(nat);
            if matches!(noun_class(doc, t + 1), Some(Class::Noun { .. })) {
                noun_at = t + 1;
                break;
            }
        } else {
            break;
        }
    }
    if noun_at == k {
        adjective_side = None;
    }
    let class = noun_class(doc, noun_at);
    let mut noun = None;
    let (mut what, mut who, mut side) = (None, None, None);
    match class {
        Some(Class::Unit(_) | Class::Freq | Class::Place | Class::Month { .. } | Class::Weekday(_)) => {
            return None;
        }
        Some(Class::Noun { what: w, who: h }) => {
            noun = Some(noun_at);
            what = w;
            who = h;
            if let Some(Class::Nat(s)) = noun_class(doc, noun_at + 1) {
                side = Some(s);
            }
        }
        Some(Class::Count) => noun = Some(noun_at),
        Some(Class::Nat(s)) if noun_at == k => {
            // "et 31 azerbaïdjanais": the noun is left out, the span is the number
            side = Some(s);
            if s == SideWord::Enemy {
                // "des centaines d'ennemis": enemies are fighters
                noun = Some(noun_at);
                who = Some(Who::Military);
            }
        }
        Some(Class::Title) if core.qualifier == Qualifier::Exact => noun = Some(noun_at),
        Some(Class::None) if (!core.words || took_de) && is_common_noun(doc, noun_at) => noun = Some(noun_at),
        _ => {}
    }
    side = side.or(adjective_side);
    // "kills 21", "a tué 21": a casualty verb counts what follows it
    if noun.is_none() && !core.words && core.start > 0 {
        what = casualty_verb(doc, core.start - 1);
    }
    if noun.is_none() && what.is_none() {
        // an ellipsis in a list: "onze civils … : neuf en Azerbaïdjan et deux"
        if !inherit(before, &core, doc, &mut what, &mut who) {
            return None;
        }
    } else if what.is_none() && class.is_some_and(|c| matches!(c, Class::Noun { .. })) {
        // "plus de 400 morts, dont 22 civils": the list counts the same thing
        let mut inherited_who = None;
        inherit(before, &core, doc, &mut what, &mut inherited_who);
    }
    // "les deux pays", "ses deux homologues": a definite number word is no count
    let people = who.is_some() || matches!(class, Some(Class::Title));
    const DEFINITE: &[&str] =
        &["les", "ses", "leurs", "ces", "nos", "vos", "the", "these", "those", "its", "their", "both"];
    if core.words
        && core.qualifier == Qualifier::Exact
        && what.is_none()
        && !people
        && core.start > 0
        && doc.is_any(core.start - 1, DEFINITE)
    {
        return None;
    }
    let mut start = range_from.unwrap_or(core.start);
    let (mut low, mut high, mut qualifier) = (core.low, core.high, core.qualifier);
    let mut whole = None;
    if let Some((s, div)) = fraction_before(doc, start) {
        whole = Some((start, low, high, qualifier));
        start = s;
        low /= div;
        high = high.map(|h| h / div);
        if qualifier == Qualifier::Exact {
            qualifier = Qualifier::About;
        }
    }
    if qualifier != Qualifier::Between
        && let Some((s, q)) = qualifier_before(doc, start)
    {
        start = s;
        (low, high, qualifier) = apply_qualifier(q, qualifier, low, high);
    }
    let end = noun.map(|n| n + 1).unwrap_or(core.end);
    Some(Figure {
        start,
        end,
        number: core.number,
        noun,
        low: Some(low),
        high,
        qualifier,
        what,
        who,
        side,
        own_side,
        whole,
    })
}

/// A verb whose object is a casualty count: "kills 21", "tue 21".
fn casualty_verb(doc: &Doc, t: usize) -> Option<What> {
    match doc.tok_lower(t) {
        "kills" | "killed" | "kill" | "killing" | "tue" | "tuent" | "tué" => Some(What::Killed),
        "wounds" | "wounded" | "injures" | "injured" | "blesse" | "blessent" | "blessé" => {
            Some(What::Wounded)
        }
        _ => None,
    }
}

/// A lowercase English word shaped like an adjective ("armored", "local",
/// "wounded" is a noun in the vocabulary and stays one).
fn is_adjective_form(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word || tok.cap || tok.word.class != Class::None {
        return false;
    }
    let w = doc.tok_lower(t);
    w.is_ascii()
        && w.len() > 4
        && ["ed", "al", "ian", "ese", "ish", "ive", "ous", "ary", "ic"].iter().any(|s| w.ends_with(s))
}

/// Takes what and whom from the figure just before in the same sentence,
/// when this one continues its list ("dont", "et", ":", ",").
fn inherit(
    before: &[Figure],
    core: &Core,
    doc: &Doc,
    what: &mut Option<What>,
    who: &mut Option<Who>,
) -> bool {
    let Some(prev) = before.last() else { return false };
    let same_sentence = doc.sentence_index(prev.start) == doc.sentence_index(core.start);
    if !same_sentence
        || core.start < prev.end
        || core.start - prev.end > 12
        || (prev.noun.is_none() && prev.what.is_none() && prev.who.is_none())
    {
        return false;
    }
    let linked = (prev.end..core.start).any(|t| doc.is_any(t, &["dont", "et", "and", "including", ":", ","]));
    if linked {
        *what = prev.what;
        *who = prev.who;
    }
    linked
}

fn noun_class(doc: &Doc, t: usize) -> Option<Class> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Word).then_some(tok.word.class)
}

/// A lowercase word that is not a function word could be a counted noun
/// ("30 véhicules", "12 ambulances"); verbs and adverbs mostly start with a
/// known function word before them in the lexicon, so they stay out.
fn is_common_noun(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else { return false };
    if tok.kind != TokKind::Word || tok.cap {
        return false;
    }
    let w = doc.tok_lower(t);
    !(w.ends_with("ait") || w.ends_with("aient") || w.ends_with("ment") || w.len() < 3)
}

/// "la moitié des", "un tiers des", "half of the": start token and divisor.
fn fraction_before(doc: &Doc, start: usize) -> Option<(usize, u64)> {
    if start < 2 {
        return None;
    }
    let of = start - 1;
    let (frac, div) = if doc.is_any(of, &["des", "de"]) {
        let f = of - 1;
        match doc.tok_lower(f) {
            "moitié" => (f, 2),
            "tiers" => (f, 3),
            "quart" => (f, 4),
            _ => return None,
        }
    } else if doc.is(of, "the") && start >= 3 && doc.is(of - 1, "of") && doc.is(of - 2, "half") {
        (of - 2, 2)
    } else {
        return None;
    };
    let s = if frac > 0 && doc.is_any(frac - 1, &["la", "un", "le", "a"]) { frac - 1 } else { frac };
    Some((s, div))
}

/// Qualifier phrases, as token sequences read backwards from the number.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["plus", "de"], Qualifier::MoreThan),
    (&["plus", "d", "'"], Qualifier::MoreThan),
    (&["au", "moins"], Qualifier::AtLeast),
    (&["au", "minimum"], Qualifier::AtLeast),
    (&["près", "de"], Qualifier::Nearly),
    (&["près", "d", "'"], Qualifier::Nearly),
    (&["pres", "de"], Qualifier::Nearly),
    (&["presque"], Qualifier::Nearly),
    (&["quasiment"], Qualifier::Nearly),
    (&["environ"], Qualifier::About),
    (&["quelque"], Qualifier::About),
    (&["à", "peu", "près"], Qualifier::About),
    (&["approximativement"], Qualifier::About),
    (&["jusqu", "'", "à"], Qualifier::UpTo),
    (&["moins", "de"], Qualifier::UpTo),
    (&["moins", "d", "'"], Qualifier::UpTo),
    (&["au", "plus"], Qualifier::UpTo),
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::UpTo),
];

fn qualifier_before(doc: &Doc, start: usize) -> Option<(usize, Qualifier)> {
    QUALIFIERS.iter().find_map(|(words, q)| {
        let n = words.len();
        (start >= n && words.iter().enumerate().all(|(k, w)| doc.is(start - n + k, w)))
            .then(|| (start - n, *q))
    })
}

/// The range a qualifier gives: "plus de 400" is 400 and up, "jusqu'à 400"
/// is up to 400; on an approximation ("plus d'une centaine") the phrase wins.
fn apply_qualifier(
    q: Qualifier,
    had: Qualifier,
    low: u64,
    high: Option<u64>,
) -> (u64, Option<u64>, Qualifier) {
    let _ = had;
    match q {
        Qualifier::MoreThan | Qualifier::AtLeast => (low, None, q),
        Qualifier::UpTo => (0, high.or(Some(low)), q),
        _ => (low, high, q),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(String, Option<u64>, Option<u64>, Qualifier)> {
        let doc = Doc::new(text);
        find(&doc)
            .into_iter()
            .map(|f| {
                let s = doc.toks[f.start].start;
                let e = doc.toks[f.end - 1].end;
                (doc.text[s..e].to_string(), f.low, f.high, f.qualifier)
            })
            .collect()
    }

    #[test]
    fn qualified_and_ranged_figures() {
        let f = figs("Le bilan est de plus de 400 morts, dont 22 civils arméniens et 31 azerbaïdjanais.");
        assert_eq!(f[0], ("plus de 400 morts".into(), Some(400), None, Qualifier::MoreThan));
        assert_eq!(f[1].0, "22 civils");
        assert_eq!(f[2].0, "31");
        let f = figs("Entre 300 et 400 morts selon un bilan.");
        assert_eq!(f[0], ("Entre 300 et 400 morts".into(), Some(300), Some(400), Qualifier::Between));
    }

    #[test]
    fn fractions_and_approximations() {
        let f =
            figs("la moitié des 140.000 habitants ont fui, une centaine de civils, des milliers de soldats");
        assert_eq!(
            f[0],
            ("la moitié des 140.000 habitants".into(), Some(70000), Some(70000), Qualifier::About)
        );
        assert_eq!(f[1], ("140.000 habitants".into(), Some(140000), Some(140000), Qualifier::Exact));
        assert_eq!(f[2], ("une centaine de civils".into(), Some(100), Some(100), Qualifier::About));
        assert_eq!(f[3], ("des milliers de soldats".into(), Some(2000), None, Qualifier::Many));
    }

    #[test]
    fn non_figures() {
        assert!(
            figs("le 27 septembre 2020 à 10:50, depuis trente ans, à deux reprises, deux fois, le 1er")
                .is_empty()
        );
    }
}
