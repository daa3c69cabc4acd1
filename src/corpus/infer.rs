//! Date and outlet from what a dispatch says about itself: the dateline
//! ("Moscou, 21 oct 2020 (AFP) -", "MOSCOW, Oct 21 (Reuters) -", "BAKU,
//! October 6. /TASS/."), the web page's stamps ("Reuters • 23/10/2020 à
//! 10:50", "Publié le 21/10/2020", "29.8.2022 - 20:50"), the byline ("Par
//! euronews avec AFP", "By Jane Doe (AP)"), the credits at the top or the end
//! ("SOURCE: Al Jazeera And Reuters", "ats/vkiss"), the file name, the
//! collector's month marker narrowed by the text's day words, and as a last
//! resort an outlet named in the body. Each value keeps the precision really
//! known and the source it came from. This is the one reader of datelines
//! and credits: the extractor's article block takes what it found.

mod credits;
mod daywords;
mod filename;

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::MetaSource;
use super::outlets;
use crate::date::{PartialDate, Precision};

/// Datelines, stamps and bylines are at the top: only this much is searched.
pub const HEAD_BYTES: usize = 8 * 1024;

const MONTHS_FR: &str = r"janvier|janv|jan|février|fevrier|févr|fevr|fév|fev|mars|mar|avril|avr|mai|juin|juillet|juil|août|aout|septembre|sept|sep|octobre|oct|novembre|nov|décembre|decembre|déc|dec";
const MONTHS_EN: &str = r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec";

/// The month a French or English name or abbreviation means.
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    let n = n.replace(['é', 'è'], "e").replace('û', "u");
    const STEMS: [(&str, u32); 16] = [
        ("jan", 1),
        ("fe", 2),
        ("mar", 3),
        ("av", 4),
        ("ap", 4),
        ("mai", 5),
        ("may", 5),
        ("juin", 6),
        ("jun", 6),
        ("juil", 7),
        ("jul", 7),
        ("ao", 8),
        ("au", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
    ];
    if n.starts_with("de") {
        return Some(12);
    }
    STEMS.iter().find(|(stem, _)| n.starts_with(stem)).map(|&(_, m)| m)
}

/// A date found in the text, not always with its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
}

impl Found {
    fn with_year(self, year: i32) -> Option<PartialDate> {
        match self.day {
            Some(d) => PartialDate::day(year, self.month, d),
            None => PartialDate::month(year, self.month),
        }
    }

    fn date(self) -> Option<PartialDate> {
        self.with_year(self.year?)
    }
}

/// A dateline: where it ends in the text (the body starts there), the
/// outlet of its parenthesis and the date it gives, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub start: usize,
    pub end: usize,
    pub outlet: Option<String>,
    pub date: Option<Found>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"\p{Lu}[\p{L}'’.\-]*(?:[ /\-]\p{Lu}[\p{L}'’.\-]*){0,4}(?:\s*/\s*\p{Lu}[\p{L}'’.\-]*(?:[ \-]\p{Lu}[\p{L}'’.\-]*){0,3})*";
    // "Azerbaijan", "Democratic Republic of Congo", "Etats-Unis".
    let region = r"\p{Lu}[\p{L}.\-]*(?:\s+(?:(?:of|the|de|du|des|and|et)\s+)*\p{Lu}[\p{L}.\-]*){0,4}";
    let fr = format!(r"(?P<fd>\d{{1,2}}|1er)\s+(?P<fm>(?i:{MONTHS_FR}))\.?(?:\s+(?P<fy>\d{{4}}))?");
    let en = format!(r"(?P<em>(?i:{MONTHS_EN}))\.?\s+(?P<ed>\d{{1,2}})(?:,?\s+(?P<ey>\d{{4}}))?");
    // "(AFP) -", "(Reuters) –", "(AP) —", and TASS's ". /TASS/.".
    let credit = r"(?:\((?P<outlet>[^()\n]{1,40})\)\s*[-–—:]|\.?\s*/(?P<slashed>\p{Lu}{2,10})/\s*[.\-–—:])";
    let pattern = format!(
        r"(?m)^[ \t]*(?P<place>{place})(?:\s*\(\p{{Lu}}[^()\n]{{1,30}}\))?(?:,\s*{region})?(?:,?\s+(?:{fr}|{en}))?\s*{credit}"
    );
    Regex::new(&pattern).expect("the dateline pattern compiles")
});

/// The first dateline of the head of `text`.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let head = head(text, HEAD_BYTES);
    for caps in DATELINE.captures_iter(head) {
        let whole = caps.get(0).expect("group 0");
        let raw = caps.name("outlet").or_else(|| caps.name("slashed")).map_or("", |m| m.as_str().trim());
        let outlet = outlets::first_named(raw).map(str::to_string).or_else(|| looks_like_agency(raw));
        if outlet.is_none() {
            continue;
        }
        let date = found_in(&caps, ("fd", "fm", "fy")).or_else(|| found_in(&caps, ("ed", "em", "ey")));
        return Some(Dateline { start: whole.start(), end: whole.end(), outlet, date });
    }
    None
}

/// An unknown agency in a dateline's parenthesis: a short acronym ("ATS").
fn looks_like_agency(s: &str) -> Option<String> {
    let ok = (2..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase());
    ok.then(|| s.to_string())
}

fn found_in(caps: &Captures, (d, m, y): (&str, &str, &str)) -> Option<Found> {
    let month = month_number(caps.name(m)?.as_str())?;
    let day = caps.name(d).map(|d| if d.as_str() == "1er" { 1 } else { d.as_str().parse().unwrap_or(0) });
    let year = caps.name(y).and_then(|y| y.as_str().parse().ok());
    let found = Found { year, month, day };
    // An impossible day (31 février) is no date at all.
    found.with_year(year.unwrap_or(2000)).map(|_| found)
}

/// The stamp pattern; `boundary` puts a Unicode word boundary before the
/// outlet's name. That look-around stops regex's fast engines at the first
/// accented letter (the slow one then costs a millisecond a dispatch), so
/// [`find_stamps`] searches without it and checks the boundary itself.
/// Every written date matches; [`find_stamps`] keeps those a page stamps:
/// after an outlet or a "Publié le", with a clock time, or alone on a line.
fn stamp_pattern(boundary: bool) -> Regex {
    let mut names: Vec<&str> = outlets::all_spellings().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let names = names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
    let dmy = r"(?P<sd>\d{1,2})(?P<sep>[/.])(?P<sm>\d{1,2})[/.](?P<sy>\d{4})";
    let dfr = format!(r"(?P<fd>\d{{1,2}}|1er)\s+(?P<fm>(?i:{MONTHS_FR}))\.?,?\s+(?P<fy>\d{{4}})");
    let den = format!(r"(?P<em>(?i:{MONTHS_EN}))\.?\s+(?P<ed>\d{{1,2}}),?\s+(?P<ey>\d{{4}})");
    let iso = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})";
    let lead = r"(?i:(?P<updated>mis à jour|modifié|actualisé|dernière mise à jour|last updated|updated)|publié|published|posted|first published|créé)\s*(?:le|on|:)?\s*:?\s*";
    let time = r"(?P<time>,?\s*(?:à|at|-|—|–)?\s*\d{1,2}[:h]\d{2}(?:\s*(?i:[ap]\.?m\.?|gmt|utc|cet|cest|edt|est|eet|eest|bst))?)?";
    let b = if boundary { r"\b" } else { "" };
    let pattern = format!(
        r"(?:©?\s*(?P<outlet>{b}(?:{names}))\s*[•·|–—/-]\s*|(?P<lead>{lead}))?(?:{dmy}|{dfr}|{den}|{iso}){time}"
    );
    Regex::new(&pattern).expect("the stamp pattern compiles")
}

/// The stamp pattern as meant: the outlet's name starts a word.
static STAMP: LazyLock<Regex> = LazyLock::new(|| stamp_pattern(true));
/// The same without the word boundary, for a fast first search.
static STAMP_FAST: LazyLock<Regex> = LazyLock::new(|| stamp_pattern(false));
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w").expect("\\w compiles"));

/// Whether a Unicode word boundary (as regex's `\b`) stands before byte `i`
/// of `s`, where a word character starts.
fn word_starts_at(s: &str, i: usize) -> bool {
    let mut buf = [0u8; 4];
    !s[..i].chars().next_back().is_some_and(|c| WORD_CHAR.is_match(c.encode_utf8(&mut buf)))
}

/// The stamps of `head`, as `STAMP.captures_iter` finds them. `STAMP`
/// matches a subset of what the fast pattern does, so no stamp starts before
/// the fast pattern's next match; that match is `STAMP`'s unless its outlet
/// name is glued to a word before it, and only then does `STAMP` itself
/// search, from there.
fn stamp_captures(head: &str) -> Vec<Captures<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= head.len() {
        let Some(fast) = STAMP_FAST.captures_at(head, at) else { break };
        let whole = fast.get(0).expect("group 0");
        let caps = match fast.name("outlet") {
            Some(o) if !word_starts_at(head, o.start()) => match STAMP.captures_at(head, whole.start()) {
                Some(c) => c,
                None => break,
            },
            _ => fast,
        };
        let end = caps.get(0).expect("group 0").end();
        out.push(caps);
        // A stamp is never empty (it holds a date): on from its end.
        at = end;
    }
    out
}

/// What a stamp says of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    /// "Publié le", "Published".
    Published,
    /// "Mis à jour le", "Updated": a later day than the publication's.
    Updated,
    /// A date after an outlet, with a clock time, or alone on its line.
    Plain,
}

/// A web page's stamp: the outlet and day of publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub start: usize,
    pub end: usize,
    pub outlet: Option<String>,
    pub date: Option<PartialDate>,
    pub kind: StampKind,
}

/// The stamps in the head of `text`.
pub fn find_stamps(text: &str) -> Vec<Stamp> {
    let head = head(text, HEAD_BYTES);
    stamp_captures(head)
        .into_iter()
        .filter(|caps| is_stamp(head, caps))
        .map(|caps| {
            let whole = caps.get(0).expect("group 0");
            let numeric = || {
                let n = |g: &str| caps.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
                let (d, m, y) = (n("sd").or(n("id"))?, n("sm").or(n("im"))?, n("sy").or(n("iy"))?);
                PartialDate::day(y as i32, m, d)
            };
            let date = numeric()
                .or_else(|| found_in(&caps, ("fd", "fm", "fy")).and_then(Found::date))
                .or_else(|| found_in(&caps, ("ed", "em", "ey")).and_then(Found::date));
            let outlet = caps.name("outlet").and_then(|m| outlets::canonical(m.as_str())).map(str::to_string);
            let kind = match (caps.name("lead"), caps.name("updated")) {
                (_, Some(_)) => StampKind::Updated,
                (Some(_), None) => StampKind::Published,
                _ => StampKind::Plain,
            };
            Stamp { start: whole.start(), end: whole.end(), outlet, date, kind }
        })
        .filter(|s| s.date.is_some())
        .collect()
}

/// Whether a written date is a page's stamp rather than a date in a
/// sentence: an outlet or a "Publié le" before it; else it stands out on its
/// line (little before it, at most a few words after) with a clock time, as
/// a dotted day ("29.8.2022"), or alone.
fn is_stamp(head: &str, caps: &Captures) -> bool {
    if caps.name("outlet").is_some() || caps.name("lead").is_some() {
        return true;
    }
    let whole = caps.get(0).expect("group 0");
    let line_start = head[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = head[whole.end()..].find('\n').map_or(head.len(), |i| whole.end() + i);
    let words = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    // "29/10/2012 12:38 EDT | Actualisé …": a bar parts a page's fields
    let field_end = head[whole.end()..line_end].find(['|', '•', '·']).map_or(line_end, |i| whole.end() + i);
    let (before, after) = (&head[line_start..whole.start()], &head[whole.end()..field_end]);
    if words(before) > 6 || words(after) > 3 {
        return false;
    }
    let timed = caps.name("time").is_some_and(|t| !t.as_str().trim().is_empty());
    let dotted = caps.name("sep").is_some_and(|s| s.as_str() == ".");
    timed || dotted || (words(before) == 0 && words(after) == 0)
}

/// The stamp that dates publication: the first "Publié le", else the
/// earliest plain stamp, else the earliest update. Stamps outside the
/// collector's month, when it is known, are not the publication's.
fn publication_stamp(stamps: &[Stamp], marker: Option<PartialDate>) -> Option<PartialDate> {
    let dated = |kind| {
        stamps
            .iter()
            .filter(move |s| s.kind == kind)
            .filter_map(|s| s.date)
            .filter(move |d| marker.is_none_or(|m| m.overlaps(d)))
    };
    dated(StampKind::Published)
        .next()
        .or_else(|| dated(StampKind::Plain).min())
        .or_else(|| dated(StampKind::Updated).min())
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:Par|By|BY|PAR)\s+(?P<who>[^\n]{1,100}?)\s*$")
        .expect("the byline pattern compiles")
});

/// `BYLINE` anchored at the start of the haystack.
static BYLINE_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\A(?:{})", BYLINE.as_str())).expect("the anchored byline pattern compiles")
});

/// The outlet of a byline line ("Par euronews avec AFP", "By Jane Doe (AP)",
/// "By Reuters Staff"): the first known outlet it names.
pub fn find_byline(text: &str) -> Option<(usize, usize, String)> {
    let head = head(text, HEAD_BYTES);
    byline_in(head, 0).or_else(|| {
        // "By Xinhua" closes some dispatches.
        let start = text.len().saturating_sub(BYLINE_TAIL_BYTES).max(head.len());
        let start = (start..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        byline_in(&text[start..], start)
    })
}

/// The bytes at the end of a text where a closing byline is looked for.
const BYLINE_TAIL_BYTES: usize = 400;

/// The first byline of `part` that names an outlet, in offsets of the text
/// (`part` starts at byte `offset`).
fn byline_in(part: &str, offset: usize) -> Option<(usize, usize, String)> {
    let head = part;
    let mut at = 0;
    // Every match starts at a line that can open a byline: the pattern is
    // tried there only, anchored ("Partager cet article" opens with "Par"
    // and must not send an unanchored search through the rest of the text).
    while let Some(line) = next_byline_start(head, at) {
        let Some(caps) = BYLINE_HERE.captures(&head[line..]) else {
            at = line + 1;
            continue;
        };
        let whole = caps.get(0).expect("group 0");
        let (start, end) = (line + whole.start(), line + whole.end());
        if let Some(o) = byline_who(&caps).and_then(outlets::first_named) {
            return Some((offset + start, offset + end, o.to_string()));
        }
        at = end;
    }
    None
}

/// The first line start at or after byte `from` whose line begins (after
/// spaces and tabs) with a word a byline begins with: every `BYLINE` match
/// starts at such a line start.
fn next_byline_start(head: &str, from: usize) -> Option<usize> {
    let mut i = match from == 0 || head.as_bytes()[from - 1] == b'\n' {
        true => from,
        false => from + head[from..].find('\n')? + 1,
    };
    loop {
        let line = head[i..].trim_start_matches([' ', '\t']);
        if ["Par", "By", "BY", "PAR"].iter().any(|w| line.starts_with(w)) {
            return Some(i);
        }
        i += head[i..].find('\n')? + 1;
    }
}

/// Whether a line is a byline (with or without a known outlet).
pub fn is_byline(line: &str) -> bool {
    BYLINE.captures(line.trim()).is_some_and(|caps| byline_who(&caps).is_some())
}

/// Who a byline names, unless the line is a sentence ("Par ailleurs, …").
fn byline_who<'h>(caps: &Captures<'h>) -> Option<&'h str> {
    let who = caps.name("who")?.as_str();
    let first = who.chars().next()?;
    let first_word = who.split_whitespace().next().unwrap_or("");
    let named = first.is_uppercase() || outlets::canonical(first_word).is_some();
    let short = who.split_whitespace().count() <= 10 && !who.ends_with(['.', ':', ';']);
    (named && short).then_some(who)
}

/// The day words that narrow a month are read in the lede and the first
/// paragraphs.
const DAY_WORDS_BYTES: usize = 3 * 1024;

/// Mentions of an outlet are counted in this much of the text.
const MENTION_BYTES: usize = 16 * 1024;

/// How an outlet named in the body is named there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MentionKind {
    /// "selon l'agence TASS", "footage aired by al-Masirah": the article
    /// quotes another outlet, which is rather *not* its outlet.
    Cited,
    /// "a indiqué à l'AFP", "un journaliste de l'AFP", "told Reuters", "AFP
    /// could not verify": the outlet's own reporting.
    Plain,
}

/// Words just before an outlet that make it the one reporting: someone
/// spoke to it, its staff saw or counted.
const OWN_BEFORE: &[&str] = &[
    "à l'",
    "à l’",
    "au ",
    "told ",
    "to ",
    "journaliste de l'",
    "journaliste de l’",
    "journalistes de l'",
    "journalistes de l’",
    "correspondant de l'",
    "correspondant de l’",
    "photographe de l'",
    "photographe de l’",
    "interrogé par l'",
    "interrogé par l’",
    "interrogée par l'",
    "interrogée par l’",
    "contacté par l'",
    "contacté par l’",
    "joint par l'",
    "joint par l’",
    "consulté par l'",
    "consulté par l’",
    "consultée par l'",
    "consultée par l’",
    "décompte de l'",
    "décompte de l’",
    "bilan de l'",
    "bilan de l’",
    "tally by ",
    "count by ",
];
/// Words just after an outlet that make it the one reporting.
const OWN_AFTER: &[&str] = &[
    "journalist",
    "correspondent",
    "reporter",
    "photographer",
    "could not",
    "was unable",
    "has not been able",
    "was not able",
    "n'a pas pu",
    "n’a pas pu",
    "n'a pas été en mesure",
    "n’a pas été en mesure",
    "n'était pas en mesure",
    "n’était pas en mesure",
    "tally",
    "count",
];

/// The outlet most named in the body: plain mentions first, then citations.
fn find_mention(text: &str) -> Option<(String, MetaSource)> {
    let text = head(text, MENTION_BYTES);
    let (ac, names) = &*outlets::MENTIONS;
    let mut counts: Vec<(&str, MentionKind, usize, usize)> = Vec::new();
    for m in ac.find_iter(text) {
        if !outlets::is_word_at(text, m.start(), m.len()) || in_photo_credit(text, m.start(), m.end()) {
            continue;
        }
        let name = names[m.pattern().as_usize()];
        let kind = mention_kind(text, m.start(), m.end());
        match counts.iter_mut().find(|(n, k, _, _)| *n == name && *k == kind) {
            Some(entry) => entry.2 += 1,
            None => counts.push((name, kind, 1, m.start())),
        }
    }
    let best = |kind| {
        counts
            .iter()
            .filter(|c| c.1 == kind)
            .max_by_key(|c| (c.2, std::cmp::Reverse(c.3)))
            .map(|c| c.0.to_string())
    };
    best(MentionKind::Plain)
        .map(|n| (n, MetaSource::Mention))
        .or_else(|| best(MentionKind::Cited).map(|n| (n, MetaSource::Cited)))
}

/// "(AP Photo/…)", "[JANE DOE / AFP]": a picture's credit names no source
/// of the text.
fn in_photo_credit(text: &str, start: usize, end: usize) -> bool {
    let after = window_after(text, end, 8);
    let before = window_before(text, start, 3);
    after.starts_with(" Photo")
        || after.starts_with(" photo")
        || (before.trim_end().ends_with('/') && after.starts_with([']', ')']))
}

fn mention_kind(text: &str, start: usize, end: usize) -> MentionKind {
    let before = window_before(text, start, 24).to_lowercase();
    let after = window_after(text, end, 30).to_lowercase();
    let after = after.trim_start_matches([',', ' ']);
    let cited = ["according to ", "referring to ", "similar to "].iter().any(|w| before.ends_with(w));
    let own = !cited
        && (OWN_BEFORE.iter().any(|w| before.ends_with(w)) || OWN_AFTER.iter().any(|w| after.starts_with(w)));
    if own { MentionKind::Plain } else { MentionKind::Cited }
}

/// Up to `n` bytes before `i`, within the same sentence.
fn window_before(text: &str, i: usize, n: usize) -> &str {
    let mut s = i.saturating_sub(n);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let w = &text[s..i];
    match w.rfind(['.', '\n', ';']) {
        Some(cut) => &w[cut + 1..],
        None => w,
    }
}

fn window_after(text: &str, i: usize, n: usize) -> &str {
    let mut e = (i + n).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[i..e]
}

/// The first `n` bytes of `s`, cut on a character boundary.
pub fn head(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut e = n;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

/// What inference found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub date: Option<PartialDate>,
    pub date_source: MetaSource,
    pub outlet: Option<String>,
    pub outlet_source: MetaSource,
}

/// How far a source is trusted for a date, when two are equally precise.
fn date_trust(s: MetaSource) -> u8 {
    match s {
        MetaSource::Sidecar => 9,
        MetaSource::Dateline => 6,
        MetaSource::Stamp => 5,
        MetaSource::FileName => 4,
        MetaSource::DayWords => 3,
        MetaSource::Marker => 2,
        _ => 1,
    }
}

/// Date and outlet of a dispatch. `marker` is the collector's date marker.
pub fn infer(text: &str, marker: Option<PartialDate>) -> Inferred {
    infer_with(text, marker, "", find_dateline(text).as_ref(), &find_stamps(text))
}

/// [`infer`] for the file named `stem`, given the dateline and stamps of
/// `text` (loading finds them once for the title too).
///
/// The date: the most precise of the dateline, the publication stamp, the
/// file name and the marker (the more trusted between equals), none of them
/// outside the marker's month; a month alone is narrowed by the text's day
/// words. The outlet: the first credited, read in this order: byline, source
/// line, stamp, dateline, credit line, the desk's house credit, "Avec AFP"
/// (the publisher of the file name, when it has one, wrote with the agency),
/// an outlet the text says it spoke to (or whose staff saw), the file name,
/// a photo credit, and at last an outlet the text only cites.
pub fn infer_with(
    text: &str,
    marker: Option<PartialDate>,
    stem: &str,
    dateline: Option<&Dateline>,
    stamps: &[Stamp],
) -> Inferred {
    let named = filename::read(stem);
    let (date, date_source) = date_of(text, marker, named.date, dateline, stamps);
    let (outlet, outlet_source) = outlet_of(text, named.outlet, dateline, stamps).unzip();
    Inferred { date, date_source, outlet, outlet_source: outlet_source.unwrap_or(MetaSource::None) }
}

fn date_of(
    text: &str,
    marker: Option<PartialDate>,
    from_name: Option<PartialDate>,
    dateline: Option<&Dateline>,
    stamps: &[Stamp],
) -> (Option<PartialDate>, MetaSource) {
    let mut dates: Vec<(PartialDate, MetaSource)> = Vec::new();
    if let Some(m) = marker {
        dates.push((m, MetaSource::Marker));
    }
    if let Some(d) = from_name {
        dates.push((d, MetaSource::FileName));
    }
    if let Some(d) = publication_stamp(stamps, marker) {
        dates.push((d, MetaSource::Stamp));
    }
    if let Some(found) = dateline.and_then(|d| d.date) {
        let year = found.year.or_else(|| year_for(found.month, marker.or(from_name), stamps));
        if let Some(d) = year.and_then(|y| found.with_year(y)) {
            dates.push((d, MetaSource::Dateline));
        }
    }
    // The collector's month bounds the file name's date; the dateline is the
    // dispatch's own word (a night across New Year), stamps were chosen in it.
    dates.retain(|(d, s)| *s == MetaSource::Dateline || marker.is_none_or(|m| m.overlaps(d)));
    let best = dates.iter().max_by_key(|(d, s)| (d.precision().rank(), date_trust(*s))).copied();
    match best {
        Some((d, _)) if d.precision() == Precision::Month => {
            let month = d.month.expect("a month date has its month");
            match daywords::narrow(head(text, DAY_WORDS_BYTES), d.year, month) {
                Some(day) => (PartialDate::day(d.year, month, day), MetaSource::DayWords),
                None => (Some(d), best.map_or(MetaSource::None, |b| b.1)),
            }
        }
        Some((d, s)) => (Some(d), s),
        None => (None, MetaSource::None),
    }
}

fn outlet_of(
    text: &str,
    from_name: Option<&'static str>,
    dateline: Option<&Dateline>,
    stamps: &[Stamp],
) -> Option<(String, MetaSource)> {
    let owned = |o: &str, s| Some((o.to_string(), s));
    if let Some((_, _, o)) = find_byline(text) {
        return Some((o, MetaSource::Byline));
    }
    if let Some(o) = credits::source(text) {
        return owned(o, MetaSource::Credit);
    }
    if let Some(o) = stamps.iter().find_map(|s| s.outlet.clone()) {
        return Some((o, MetaSource::Stamp));
    }
    if let Some(o) = dateline.and_then(|d| d.outlet.clone()) {
        return Some((o, MetaSource::Dateline));
    }
    // The other credits cost a read of every line: only now.
    let credits = credits::find(text);
    if let Some(o) = credits.line.or(credits.signature) {
        return owned(o, MetaSource::Credit);
    }
    if let Some(agency) = credits.with {
        return match from_name {
            Some(publisher) => owned(publisher, MetaSource::FileName),
            None => owned(agency, MetaSource::Credit),
        };
    }
    // An outlet the text only cites ("selon l'agence TASS") is rather a
    // source of the story than its publisher: the file name goes first.
    let mention = find_mention(text);
    let spoken_to = mention.clone().filter(|m| m.1 == MetaSource::Mention);
    spoken_to
        .or_else(|| from_name.and_then(|o| owned(o, MetaSource::FileName)))
        .or_else(|| credits.photo.and_then(|o| owned(o, MetaSource::Photo)))
        .or(mention)
}

/// The year of a dateline that gives only day and month ("23 octobre"),
/// from the marker or a stamp; across New Year when the months say so.
fn year_for(month: u32, marker: Option<PartialDate>, stamps: &[Stamp]) -> Option<i32> {
    let known = marker.or_else(|| stamps.iter().find_map(|s| s.date))?;
    if known.precision() == Precision::Year {
        return Some(known.year);
    }
    let m = known.month?;
    Some(match (m, month) {
        (12, 1) => known.year + 1,
        (1, 12) => known.year - 1,
        _ => known.year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    fn run(text: &str, marker: Option<&str>) -> Inferred {
        infer(text, marker.map(|m| m.parse().unwrap()))
    }

    #[test]
    fn months_in_french_and_english() {
        for (name, n) in [
            ("oct", 10),
            ("octobre", 10),
            ("Oct.", 10),
            ("févr", 2),
            ("August", 8),
            ("août", 8),
            ("avr", 4),
            ("déc", 12),
            ("Sept", 9),
            ("juil", 7),
            ("juin", 6),
            ("mars", 3),
        ] {
            assert_eq!(month_number(name), Some(n), "{name}");
        }
    }

    #[test]
    fn afp_dateline_with_its_year_gives_the_day() {
        let i = run(
            "ATTENTION - ajoute communiqué ///\n\nMoscou, 21 oct 2020 (AFP) - Le ministre a reçu, a indiqué à l'AFP\n",
            Some("2020-10"),
        );
        assert_eq!((i.date, i.date_source), (d("2020-10-21"), MetaSource::Dateline));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("AFP"), MetaSource::Dateline));
    }

    #[test]
    fn a_dateline_without_year_takes_the_markers() {
        let i = run("BAKOU/EREVAN, 23 octobre (Reuters) - Les Etats-Unis tentent", Some("2020-10"));
        assert_eq!((i.date, i.date_source), (d("2020-10-23"), MetaSource::Dateline));
        assert_eq!(i.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn a_dateline_without_any_year_gives_no_date_but_its_outlet() {
        let i = run("BAKOU/EREVAN, 23 octobre (Reuters) - Les Etats-Unis tentent", None);
        assert_eq!((i.date, i.date_source), (None, MetaSource::None));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Reuters"), MetaSource::Dateline));
    }

    #[test]
    fn the_year_crosses_new_year() {
        let i = run("PARIS, 2 janvier (AFP) - Texte", Some("2020-12"));
        assert_eq!(i.date, d("2021-01-02"));
    }

    #[test]
    fn english_datelines() {
        let i = run("MOSCOW, Oct 21 (Reuters) - Russia said on Wednesday", Some("2020"));
        assert_eq!((i.date, i.outlet.as_deref()), (d("2020-10-21"), Some("Reuters")));
        let i = run("WASHINGTON, Oct. 23, 2020 (AP) — Secretary of State", None);
        assert_eq!((i.date, i.outlet.as_deref()), (d("2020-10-23"), Some("AP")));
        let i = run("BAKU, Azerbaijan (AP) — Fighting raged on", Some("2020-10"));
        assert_eq!((i.date, i.date_source), (d("2020-10"), MetaSource::Marker));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("AP"), MetaSource::Dateline));
    }

    #[test]
    fn dateline_variants() {
        let cases = [
            ("PARIS, 9 oct (AFP) - Texte", Some("2020-10-09"), "AFP"),
            ("Erevan (AFP) - Texte", Some("2020-10"), "AFP"),
            ("MOSCOU, 1er octobre 2020 (AFP) – Texte", Some("2020-10-01"), "AFP"),
            ("NATIONS UNIES (Etats-Unis), 9 oct 2020 (AFP) - Texte", Some("2020-10-09"), "AFP"),
            ("ISTANBUL, Oct. 9 (Reuters) - Text", Some("2020-10-09"), "Reuters"),
            ("Bakou, 9 octobre 2020 (Anadolu) - Texte", Some("2020-10-09"), "Anadolu"),
            ("GENÈVE, 8 oct 2020 (ATS) - Texte", Some("2020-10-08"), "ATS"),
            ("STEPANAKERT, 9 oct (AFP/Archives) - Texte", Some("2020-10-09"), "AFP"),
        ];
        for (text, date, outlet) in cases {
            let i = run(text, Some("2020-10"));
            assert_eq!(
                (i.date, i.outlet.as_deref()),
                (date.and_then(|d| d.parse().ok()), Some(outlet)),
                "{text}"
            );
        }
        assert_eq!(find_dateline("Le président (PS) - a dit"), None, "a party is no agency");
        assert_eq!(find_dateline("Selon Moscou (Russie) - rien"), None);
    }

    #[test]
    fn a_stamp_is_read_up_to_the_bar_that_parts_the_page_fields() {
        let text =
            "MONDE\n14/03/2016 09:12 CET | Actualisé 14/05/2016 18:40 CEST\n\nUn attentat a fait six morts.";
        let got = run(text, Some("2016-03"));
        assert_eq!(got.date, d("2016-03-14"));
    }

    #[test]
    fn the_fast_stamp_search_finds_what_the_pattern_does() {
        let bits = [
            "Reuters",
            "AFP",
            "AP",
            "AFPTV",
            "euronews",
            "Le Monde",
            "L’Express",
            "Publié le ",
            "Updated: ",
            "é",
            "x",
            "Ü",
            "_",
            "1",
            " ",
            " • ",
            " - ",
            "|",
            "23/10/2020",
            "9 octobre 2020",
            "Oct. 9, 2020",
            "2020-10-23",
            " à 10:50",
            "\n",
            "«",
            "ÉAFP",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let s: String = (0..rng.usize(1..12)).map(|_| bits[rng.usize(..bits.len())]).collect();
            let groups = |c: &Captures| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>();
            let want: Vec<_> = STAMP.captures_iter(&s).map(|c| groups(&c)).collect();
            let got: Vec<_> = stamp_captures(&s).iter().map(groups).collect();
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn the_byline_search_skipping_lines_finds_what_the_pattern_does() {
        let bits = [
            "Par ",
            "By ",
            "PAR\u{a0}",
            "BY",
            "  ",
            "\t",
            "\n",
            "euronews",
            " avec AFP",
            "Jane Doe",
            "x",
            "é",
            ".",
        ];
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..20_000 {
            let s: String = (0..rng.usize(1..14)).map(|_| bits[rng.usize(..bits.len())]).collect();
            let want = BYLINE.captures_iter(&s).find_map(|caps| {
                let whole = caps.get(0).expect("group 0");
                let o = outlets::first_named(byline_who(&caps)?)?;
                Some((whole.start(), whole.end(), o.to_string()))
            });
            assert_eq!(find_byline(&s), want, "{s:?}");
        }
    }

    #[test]
    fn web_stamp_gives_day_and_outlet() {
        let i = run(
            "Connexion client Haut-Karabakh-Les Etats-Unis tentent une médiation Reuters • 23/10/2020 à 10:50\n\ntexte",
            Some("2020-10"),
        );
        assert_eq!((i.date, i.date_source), (d("2020-10-23"), MetaSource::Stamp));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Reuters"), MetaSource::Stamp));
        let i = run("Titre\nPublié le 9 octobre 2020 à 10h50\nTexte", None);
        assert_eq!((i.date, i.date_source), (d("2020-10-09"), MetaSource::Stamp));
        let i = run("Title\nUpdated: October 9, 2020\nText", None);
        assert_eq!(i.date, d("2020-10-09"));
    }

    #[test]
    fn byline_names_the_publisher_before_the_agency() {
        let i = run("Titre\nPar\u{a0}euronews avec\u{a0}AFP\nMoscou (AFP) - Texte", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("euronews"), MetaSource::Byline));
        assert_eq!(i.date_source, MetaSource::None);
        let i = run("Headline\nBy JANE DOE Associated Press\nText", None);
        assert_eq!(i.outlet.as_deref(), Some("AP"));
        let i = run("Headline\n\nBy Nailia Bagirova (Reuters)\n\nText", None);
        assert_eq!(i.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn an_outlet_only_cited_in_the_body_is_said_so() {
        let i = run("Le ministre, selon l'agence TASS, a déclaré que rien.", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("TASS"), MetaSource::Cited));
        let i = run(
            "Selon l'agence TASS, rien. Un diplomate a indiqué à l'AFP que oui. Un journaliste de l'AFP a vu.",
            None,
        );
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("AFP"), MetaSource::Mention));
    }

    #[test]
    fn a_cited_outlet_never_beats_a_dateline() {
        let i = run("Moscou (AFP) - Selon l'agence TASS et l'agence TASS encore, rien.", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("AFP"), MetaSource::Dateline));
    }

    #[test]
    fn a_sentence_beginning_with_par_is_no_byline() {
        assert!(!is_byline(
            "Par ailleurs, le bureau du procureur général d'Azerbaïdjan a fait état de 19 blessés."
        ));
        assert!(!is_byline("Par ailleurs, l'AFP a rapporté"));
        assert!(is_byline("Par\u{a0}euronews avec\u{a0}AFP"));
        assert!(is_byline("By Jane Doe"));
    }

    #[test]
    fn the_most_precise_wins_and_the_marker_alone_keeps_its_precision() {
        assert_eq!(run("Texte sans date.", Some("2020-10")).date, d("2020-10"));
        assert_eq!(run("Texte sans date.", None).date, None);
        let i = run("Moscou, 31 février 2020 (AFP) - impossible", Some("2020-02"));
        assert_eq!((i.date, i.date_source), (d("2020-02"), MetaSource::Marker));
    }

    fn named(stem: &str, text: &str, marker: Option<&str>) -> Inferred {
        let m = marker.map(|m| m.parse().unwrap());
        infer_with(text, m, stem, find_dateline(text).as_ref(), &find_stamps(text))
    }

    #[test]
    fn tass_datelines_and_regions_of_several_words() {
        let i = run("ANKARA, March 4. /TASS/. Turkey's foreign minister said on Thursday", Some("2021-03"));
        assert_eq!((i.date, i.outlet.as_deref()), (d("2021-03-04"), Some("TASS")));
        assert_eq!(i.date_source, MetaSource::Dateline);
        let i = run("GOMA, Democratic Republic of Congo, March 4 (Reuters) - Rebels said", Some("2021-03"));
        assert_eq!((i.date, i.outlet.as_deref()), (d("2021-03-04"), Some("Reuters")));
        let i = run("Titre\n\nKIEV (Reuters) – Une frappe a touché la ville mardi.", Some("2021-03"));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Reuters"), MetaSource::Dateline));
    }

    #[test]
    fn stamps_in_the_forms_pages_give_them() {
        let cases = [
            ("Titre\nBelga\n4.3.2021 - 09:15\nTexte du jour.", "2021-03-04"),
            ("Titre\n04.03.2021, 09:15\nTexte.", "2021-03-04"),
            ("Headline\n\nMarch 4, 2021 — 09:15 am EST\n\nText of the day.", "2021-03-04"),
            ("Headline\nAFP Published 4 Mar, 2021 09:15am\nText.", "2021-03-04"),
            ("Un dessin (©AFP / 04 mars 2021 09h15) puis le texte.", "2021-03-04"),
            ("Titre\n04/03/2021 à 09:15\nTexte.", "2021-03-04"),
            ("Titre\n\n4 mars 2021\n\nTexte.", "2021-03-04"),
        ];
        for (text, date) in cases {
            let i = run(text, Some("2021-03"));
            assert_eq!((i.date, i.date_source), (d(date), MetaSource::Stamp), "{text}");
        }
    }

    #[test]
    fn a_date_in_a_sentence_is_no_stamp() {
        let i = run("Le sommet du 4 mars 2021 à Genève a échoué, dit-on.", Some("2021-03"));
        assert_eq!((i.date, i.date_source), (d("2021-03"), MetaSource::Marker));
        let i = run("Titre\nLe 2 mars 2021 à 19h30, l'armée a tiré sur la foule.", Some("2021-03"));
        assert_eq!((i.date, i.date_source), (d("2021-03"), MetaSource::Marker), "a time in a sentence");
    }

    #[test]
    fn the_publication_stamp_wins_over_updates_and_later_stamps() {
        let t = "Titre\nMis à jour le 9 mars 2021 à 10:00\nPublié le 4 mars 2021 à 08:00\nTexte.";
        assert_eq!(run(t, Some("2021-03")).date, d("2021-03-04"));
        let t = "Titre\n09/03/2021 10:00\n04/03/2021 08:00\nTexte.";
        assert_eq!(run(t, Some("2021-03")).date, d("2021-03-04"), "the earliest plain stamp");
        let t = "Titre\n04/03/2021 08:00\nTexte.\n\n09/05/2021 10:00 EDT";
        assert_eq!(run(t, Some("2021-03")).date, d("2021-03-04"));
        let t = "Title\nUpdated: March 9, 2021\nText";
        assert_eq!(run(t, None).date, d("2021-03-09"), "an update when nothing else says");
        let t = "Titre\n04/05/2021 08:00\nTexte.";
        assert_eq!(run(t, Some("2021-03")).date, d("2021-03"), "a stamp outside the marker's month");
    }

    #[test]
    fn the_marker_month_narrowed_by_day_words() {
        // 2021-03-06 is a Saturday.
        let i = run("Des milliers de personnes ont manifesté ce samedi 6 mars à Minsk.", Some("2021-03"));
        assert_eq!((i.date, i.date_source), (d("2021-03-06"), MetaSource::DayWords));
        let i = run("Le ministre a parlé jeudi.", Some("2021-03"));
        assert_eq!((i.date, i.date_source), (d("2021-03"), MetaSource::Marker));
    }

    #[test]
    fn the_file_name_gives_a_date_and_an_outlet_when_the_text_does_not() {
        let i = named("2021-03-04_lemonde_la-treve", "Le ministre a parlé jeudi.", None);
        assert_eq!((i.date, i.date_source), (d("2021-03-04"), MetaSource::FileName));
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Le Monde"), MetaSource::FileName));
        let i = named("2021-03-04_lemonde_la-treve", "PARIS, 5 mars 2021 (AFP) - Texte", None);
        assert_eq!((i.date, i.outlet.as_deref()), (d("2021-03-05"), Some("AFP")), "the text's credit first");
        let i = named("2021-04-01_afp_x", "Texte.", Some("2021-03"));
        assert_eq!(i.date, d("2021-03"), "a file name outside the marker's month");
    }

    #[test]
    fn credits_at_the_top_and_the_end() {
        let i = run("Titre\nTexte sur la trêve.\nSource : Le Soir avec Belga", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Le Soir"), MetaSource::Credit));
        let i = run("The truce held.\n\nSOURCE: Bloomberg And Reuters\n", None);
        assert_eq!(i.outlet.as_deref(), Some("Bloomberg"));
        let i = run("La trêve a tenu, a indiqué à l'AFP un porte-parole.\nbelga/jdr", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Belga"), MetaSource::Credit));
        let i = run("The truce held.\n(Writing by Jane Roe; Editing by John Doe)", None);
        assert_eq!(i.outlet.as_deref(), Some("Reuters"));
        let i = run("La trêve a tenu.\nPar John Doe\n\nTexte.\nBy Xinhua", None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("Xinhua"), MetaSource::Byline));
    }

    #[test]
    fn avec_an_agency_is_the_publishers_when_the_file_names_it() {
        let t = "La trêve a tenu.\nAvec AFP\nCommentaires";
        assert_eq!(named("K1_lesoir_treve", t, None).outlet.as_deref(), Some("Le Soir"));
        assert_eq!(run(t, None).outlet.as_deref(), Some("AFP"));
    }

    #[test]
    fn spoken_to_beats_the_file_name_which_beats_a_citation_and_a_photo() {
        let t = "Le maire a déclaré à l'AFP que la trêve tenait.";
        assert_eq!(named("K1_lesoir_treve", t, None).outlet.as_deref(), Some("AFP"));
        let t = "La trêve tenait, selon l'agence Anadolu Agency, selon l'agence Interfax.";
        assert_eq!(named("K1_lesoir_treve", t, None).outlet.as_deref(), Some("Le Soir"));
        assert_eq!(run(t, None).outlet_source, MetaSource::Cited);
        let t = "Rescuers search the rubble (AP Photo/Jane Roe) of the market.";
        let i = run(t, None);
        assert_eq!((i.outlet.as_deref(), i.outlet_source), (Some("AP"), MetaSource::Photo));
        let t = "The strike was filmed, according to Reuters, and footage aired by Al Jazeera showed it.";
        assert_eq!(run(t, None).outlet_source, MetaSource::Cited);
        let t = "The mayor told Reuters the truce held. Reuters could not verify it.";
        assert_eq!(run(t, None).outlet_source, MetaSource::Mention);
    }

    #[test]
    fn any_text_and_name_infer_without_panicking() {
        let bits = [
            "samedi ",
            "14 ",
            "mars ",
            "2021",
            "Friday",
            " the seventh of ",
            "au ",
            "’",
            "é",
            "\n",
            "(",
            ")",
            "[",
            "]",
            "/",
            " / ",
            "AFP",
            "ats/vkiss",
            "Source : ",
            "Avec ",
            "Reuters",
            " • ",
            "04.03.2021",
            " 09:15",
            "Publié le ",
            "Updated: ",
            "PARIS, ",
            " - ",
            "/TASS/.",
            "By ",
            "Par ",
            "© ",
            "😀",
            "x",
        ];
        let names = ["", "2021-03-04_afp_x", "K1_lesoir_y", "_", "a_b_c_d", "copie-2021-13-40_rt-france"];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..3_000 {
            let text: String = (0..rng.usize(0..40)).map(|_| bits[rng.usize(..bits.len())]).collect();
            let stem = names[rng.usize(..names.len())];
            let _ = named(stem, &text, Some("2021-03"));
            let _ = named(stem, &text, None);
        }
    }

    #[test]
    fn a_dateline_far_down_a_huge_text_is_not_searched() {
        let text = format!("{}\nMoscou, 21 oct 2020 (AFP) - x", "mot ".repeat(10_000));
        assert_eq!(find_dateline(&text), None);
    }
}
