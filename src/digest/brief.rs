//! What a dispatch off screen keeps of its suggestions: only what the
//! digests read (claims, events, the entities inside an event), 48 bytes a
//! suggestion, their text sliced from the article when asked. Ten thousand
//! dispatches would otherwise hold a full `Annotation` (about 400 bytes and
//! five strings) for every figure, date and name they suggest.

use std::collections::HashMap;

use crate::annotation::{Annotation, Kind, Party, Qualifier, Scope, Status, What, Who};
use crate::corpus::Article;
use crate::date::{PartialDate, Precision};

/// A count that is not there.
const NO_COUNT: u64 = u64::MAX;

/// No party: the party index that no interner reaches in a process.
const NO_PARTY: u16 = u16::MAX;

/// Between a claimant and the claimant who denies its figure, in one word.
const DENIAL: char = '\u{1f}';

/// One kept suggestion. `year`, `month`, `day` (0: none) are a claim's
/// `as_of` or an event's date; `word` (start, end in `Brief::words`) its
/// claimant (and who denies it, after `DENIAL`), summary or canonical name;
/// `has` says which are there. No `Option` and no nested date: 48 bytes,
/// not 56.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    kind: Kind,
    status: Status,
    qualifier: Option<Qualifier>,
    what: Option<What>,
    who: Option<Who>,
    scope: Option<Scope>,
    precision: Option<Precision>,
    has: u8,
    month: u8,
    day: u8,
    /// The party's index in this process (`NO_PARTY`: none).
    side: u16,
    year: i32,
    start: u32,
    end: u32,
    counts: [u64; 2],
    word: (u32, u32),
}

const HAS_DATE: u8 = 1;
const HAS_WORD: u8 = 2;

impl Row {
    fn date(&self) -> Option<PartialDate> {
        let part = |n: u8| (n != 0).then_some(u32::from(n));
        (self.has & HAS_DATE != 0).then(|| PartialDate {
            year: self.year,
            month: part(self.month),
            day: part(self.day),
        })
    }

    fn side(&self) -> Option<Party> {
        Party::from_index(u32::from(self.side)).filter(|_| self.side != NO_PARTY)
    }

    fn word<'a>(&self, words: &'a str) -> Option<&'a str> {
        (self.has & HAS_WORD != 0).then(|| &words[self.word.0 as usize..self.word.1 as usize])
    }
}

/// The kept suggestions of one dispatch, in the order of the extractor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brief {
    rows: Vec<Row>,
    /// The rows' words, each once.
    words: String,
    /// Each row's covered text in `words`, when the dispatch's text is not
    /// kept in memory (read when shown: `Brief::quoted`); else empty.
    quotes: Vec<(u32, u32)>,
}

/// The suggestions the digests read, in the extractor's order: claims,
/// events, and the entities inside an event (suggested, or accepted in
/// `annotations`), which name what the event is about.
pub fn digested<'a>(suggestions: &'a [Annotation], annotations: &[Annotation]) -> Vec<&'a Annotation> {
    let mut events: Vec<(usize, usize)> = suggestions
        .iter()
        .chain(annotations.iter().filter(|a| a.status == Status::Accepted))
        .filter(|a| a.kind == Kind::Event)
        .map(|a| (a.start, a.end))
        .collect();
    events.sort_unstable();
    let inside_event = |a: &Annotation| {
        // An event starting at or before the entity and ending after it.
        let upto = events.partition_point(|&(s, _)| s <= a.start);
        events[..upto].iter().rev().any(|&(_, e)| a.end <= e)
    };
    suggestions
        .iter()
        .filter(|a| match a.kind {
            Kind::Claim | Kind::Event => true,
            Kind::Entity => inside_event(a),
            _ => false,
        })
        .collect()
}

impl Brief {
    /// Keeps of `suggestions` what the digests read: claims, events, and the
    /// entities inside an event (suggested, or accepted in `annotations`),
    /// which name what the event is about.
    pub fn new(suggestions: &[Annotation], annotations: &[Annotation]) -> Brief {
        let kept = digested(suggestions, annotations);
        let mut brief = Brief::default();
        let mut seen: HashMap<&str, Option<(u32, u32)>> = HashMap::new();
        for a in kept {
            let row = brief.row(a, &mut seen);
            brief.rows.push(row);
        }
        brief.rows.shrink_to_fit();
        brief.words.shrink_to_fit();
        brief
    }

    /// As [`Brief::new`], for a dispatch whose text is not kept in memory:
    /// each row's covered text is kept in the words.
    pub fn quoted(suggestions: &[Annotation], annotations: &[Annotation]) -> Brief {
        let mut brief = Brief::new(suggestions, annotations);
        let kept = digested(suggestions, annotations);
        let quotes = kept.iter().map(|a| brief.push_word(&a.quote.exact).unwrap_or((0, 0))).collect();
        brief.quotes = quotes;
        brief.words.shrink_to_fit();
        brief
    }

    fn row<'a>(&mut self, a: &'a Annotation, seen: &mut HashMap<&'a str, Option<(u32, u32)>>) -> Row {
        let (date, word) = match a.kind {
            Kind::Claim => (a.attrs.as_of, a.attrs.claimant.as_deref()),
            Kind::Event => (a.attrs.date, a.attrs.summary.as_deref()),
            _ => (None, a.attrs.canonical.as_deref()),
        };
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let word = match (a.kind, word, a.attrs.denied_by.as_deref()) {
            // denials are rare: their joined word is not shared
            (Kind::Claim, Some(c), Some(d)) => self.push_word(&format!("{c}{DENIAL}{d}")),
            _ => word.and_then(|w| *seen.entry(w).or_insert_with(|| self.push_word(w))),
        };
        let byte = |n: Option<u32>| n.and_then(|n| u8::try_from(n).ok()).unwrap_or(0);
        let has = if date.is_some() { HAS_DATE } else { 0 } | if word.is_some() { HAS_WORD } else { 0 };
        Row {
            kind: a.kind,
            status: a.status,
            qualifier: a.attrs.qualifier,
            what: a.attrs.what,
            who: a.attrs.who,
            scope: a.attrs.scope,
            side: a.attrs.side.and_then(|p| u16::try_from(p.index()).ok()).unwrap_or(NO_PARTY),
            precision: a.attrs.precision,
            start: offset(a.start),
            end: offset(a.end),
            counts: [a.attrs.count_low.unwrap_or(NO_COUNT), a.attrs.count_high.unwrap_or(NO_COUNT)],
            has,
            year: date.map_or(0, |d| d.year),
            month: byte(date.and_then(|d| d.month)),
            day: byte(date.and_then(|d| d.day)),
            word: word.unwrap_or_default(),
        }
    }

    /// `None` past 4 GiB of words, which no dispatch under 4 GiB
    /// (`corpus::read_dispatch`) reaches in practice.
    fn push_word(&mut self, w: &str) -> Option<(u32, u32)> {
        let at = u32::try_from(self.words.len()).ok()?;
        let end = u32::try_from(self.words.len() + w.len()).ok()?;
        self.words.push_str(w);
        Some((at, end))
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The kept suggestions, read against `article`, the dispatch they were
    /// made for.
    pub fn marks<'a>(&'a self, article: &'a Article) -> impl Iterator<Item = Mark<'a>> + 'a {
        let quote = move |i: usize| self.quotes.get(i).copied();
        self.rows.iter().enumerate().map(move |(i, row)| Mark::Kept {
            row,
            words: &self.words,
            article,
            quote: quote(i),
        })
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.rows.iter().filter(|r| r.kind == kind).count()
    }
}

/// An annotation or a kept suggestion, as the digests read them.
#[derive(Debug, Clone, Copy)]
pub enum Mark<'a> {
    Full(&'a Annotation),
    /// `quote`: the covered text in `words`, when the article's text is
    /// not in memory.
    Kept {
        row: &'a Row,
        words: &'a str,
        article: &'a Article,
        quote: Option<(u32, u32)>,
    },
}

impl<'a> Mark<'a> {
    pub fn kind(&self) -> Kind {
        match self {
            Mark::Full(a) => a.kind,
            Mark::Kept { row, .. } => row.kind,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Mark::Full(a) => a.status,
            Mark::Kept { row, .. } => row.status,
        }
    }

    pub fn start(&self) -> usize {
        match self {
            Mark::Full(a) => a.start,
            Mark::Kept { row, .. } => row.start as usize,
        }
    }

    pub fn end(&self) -> usize {
        match self {
            Mark::Full(a) => a.end,
            Mark::Kept { row, .. } => row.end as usize,
        }
    }

    /// The covered text.
    pub fn exact(&self) -> &'a str {
        match *self {
            Mark::Full(a) => &a.quote.exact,
            Mark::Kept { words, quote: Some((s, e)), .. } => &words[s as usize..e as usize],
            Mark::Kept { row, article, .. } => article.slice(row.start as usize, row.end as usize),
        }
    }

    fn word(&self) -> Option<&'a str> {
        match *self {
            Mark::Full(_) => None,
            Mark::Kept { row, words, .. } => row.word(words),
        }
    }

    fn kept_date(&self, kind: Kind) -> Option<PartialDate> {
        match self {
            Mark::Full(_) => None,
            Mark::Kept { row, .. } => row.date().filter(|_| row.kind == kind),
        }
    }

    pub fn claimant(&self) -> Option<&'a str> {
        match self {
            Mark::Full(a) => a.attrs.claimant.as_deref(),
            Mark::Kept { row, .. } => self
                .word()
                .filter(|_| row.kind == Kind::Claim)
                .map(|w| w.split_once(DENIAL).map_or(w, |(c, _)| c)),
        }
    }

    /// Who denies a claim's figure.
    pub fn denied_by(&self) -> Option<&'a str> {
        match self {
            Mark::Full(a) => a.attrs.denied_by.as_deref(),
            Mark::Kept { row, .. } => self
                .word()
                .filter(|_| row.kind == Kind::Claim)
                .and_then(|w| w.split_once(DENIAL).map(|(_, d)| d)),
        }
    }

    pub fn scope(&self) -> Option<Scope> {
        match self {
            Mark::Full(a) => a.attrs.scope,
            Mark::Kept { row, .. } => row.scope,
        }
    }

    pub fn summary(&self) -> Option<&'a str> {
        match self {
            Mark::Full(a) => a.attrs.summary.as_deref(),
            Mark::Kept { row, .. } => self.word().filter(|_| row.kind == Kind::Event),
        }
    }

    pub fn canonical(&self) -> Option<&'a str> {
        match self {
            Mark::Full(a) => a.attrs.canonical.as_deref(),
            Mark::Kept { row, .. } => self.word().filter(|_| !matches!(row.kind, Kind::Claim | Kind::Event)),
        }
    }

    pub fn count_low(&self) -> Option<u64> {
        match self {
            Mark::Full(a) => a.attrs.count_low,
            Mark::Kept { row, .. } => Some(row.counts[0]).filter(|&n| n != NO_COUNT),
        }
    }

    pub fn count_high(&self) -> Option<u64> {
        match self {
            Mark::Full(a) => a.attrs.count_high,
            Mark::Kept { row, .. } => Some(row.counts[1]).filter(|&n| n != NO_COUNT),
        }
    }

    pub fn qualifier(&self) -> Option<Qualifier> {
        match self {
            Mark::Full(a) => a.attrs.qualifier,
            Mark::Kept { row, .. } => row.qualifier,
        }
    }

    pub fn what(&self) -> Option<What> {
        match self {
            Mark::Full(a) => a.attrs.what,
            Mark::Kept { row, .. } => row.what,
        }
    }

    pub fn who(&self) -> Option<Who> {
        match self {
            Mark::Full(a) => a.attrs.who,
            Mark::Kept { row, .. } => row.who,
        }
    }

    pub fn side(&self) -> Option<Party> {
        match self {
            Mark::Full(a) => a.attrs.side,
            Mark::Kept { row, .. } => row.side(),
        }
    }

    /// A claim's date: the day its figure speaks for.
    pub fn as_of(&self) -> Option<PartialDate> {
        match self {
            Mark::Full(a) => a.attrs.as_of,
            Mark::Kept { .. } => self.kept_date(Kind::Claim),
        }
    }

    /// An event's date.
    pub fn date(&self) -> Option<PartialDate> {
        match self {
            Mark::Full(a) => a.attrs.date,
            Mark::Kept { .. } => self.kept_date(Kind::Event),
        }
    }

    pub fn precision(&self) -> Option<Precision> {
        match self {
            Mark::Full(a) => a.attrs.precision,
            Mark::Kept { row, .. } => row.precision,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Attrs;

    fn article(text: &str) -> Article {
        crate::corpus::from_bytes(std::path::Path::new("a.txt"), text.as_bytes())
    }

    #[test]
    fn a_dispatch_off_screen_keeps_what_the_digests_read() {
        let text =
            "Le 9 octobre, Bakou a bombardé Stepanakert. Selon Erevan, 20 morts. Moscou appelle au calme.";
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            (text[..b].chars().count(), text[..b].chars().count() + s.chars().count())
        };
        let ann = |kind, label, s: &str| {
            let (start, end) = at(s);
            Annotation::new(text, kind, label, start, end)
        };
        let suggestions = vec![
            ann(Kind::Event, "EVENT", "Bakou a bombardé Stepanakert"),
            ann(Kind::Entity, "LOC", "Stepanakert"),
            ann(Kind::Entity, "LOC", "Moscou"),
            ann(Kind::Claim, "CLAIM", "Selon Erevan, 20 morts"),
            ann(Kind::Figure, "FIGURE", "20 morts"),
            ann(Kind::Date, "DATE", "9 octobre"),
        ];
        // An accepted event of the sidecar covers "Moscou" too.
        let accepted = [ann(Kind::Event, "EVENT", "Moscou appelle au calme")];
        let article = article(text);
        let brief = Brief::new(&suggestions, &accepted);
        let kept: Vec<&str> = brief.marks(&article).map(|m| m.exact()).collect();
        assert_eq!(kept, ["Bakou a bombardé Stepanakert", "Stepanakert", "Moscou", "Selon Erevan, 20 morts"]);
        assert!(Brief::new(&suggestions[2..3], &[]).is_empty(), "a name outside any event names nothing");
    }

    #[test]
    fn suggestions_in_full_overlapping_a_range_are_those_a_scan_finds() {
        let text = "a".repeat(300);
        let span =
            |start: usize, len: usize| Annotation::new(&text, Kind::Figure, "FIGURE", start, start + len);
        let list: Vec<Annotation> = (0..60).map(|i| span(i * 4, [1, 3, 40, 2][i % 4])).collect::<Vec<_>>();
        let kept = crate::digest::Kept::full_of(list.clone());
        for (start, end) in [(0, 1), (10, 12), (41, 45), (100, 101), (230, 300), (250, 251), (299, 300)] {
            let scan: Vec<(usize, usize)> =
                list.iter().filter(|a| a.overlaps(start, end)).map(|a| (a.start, a.end)).collect();
            let found: Vec<(usize, usize)> =
                kept.full_overlapping(start, end).map(|a| (a.start, a.end)).collect();
            assert_eq!(found, scan, "{start}..{end}");
        }
    }

    #[test]
    fn a_kept_suggestion_reads_as_the_annotation_it_was() {
        let text = "Selon Erevan, plus de 20 à 30 morts le 9 octobre 2020. Bakou dément, Bakou encore.";
        let mut claim = Annotation::new(text, Kind::Claim, "CLAIM", 0, 35);
        claim.status = Status::Suggested;
        claim.attrs = Attrs {
            claimant: Some("Erevan".into()),
            count_low: Some(20),
            count_high: Some(30),
            qualifier: Some(Qualifier::MoreThan),
            what: Some(What::Killed),
            who: Some(Who::Civilians),
            side: Party::parse("Arménie"),
            scope: Some(Scope::Each),
            denied_by: Some("autorités arméniennes".into()),
            as_of: Some("2020-10-09".parse().unwrap()),
            ..Attrs::default()
        };
        let mut event = Annotation::new(text, Kind::Event, "EVENT", 56, 68);
        event.attrs.date = Some("2020-10".parse().unwrap());
        event.attrs.precision = Some(Precision::Month);
        event.attrs.summary = Some("Bakou".into());
        let mut entity = Annotation::new(text, Kind::Entity, "LOC", 56, 61);
        entity.attrs.canonical = Some("Bakou".into());
        let suggestions = [claim, event, entity];
        let article = article(text);
        let brief = Brief::new(&suggestions, &[]);
        assert_eq!(brief.len(), 3);
        for (kept, full) in brief.marks(&article).zip(suggestions.iter().map(Mark::Full)) {
            assert_eq!(
                (kept.kind(), kept.status(), kept.start(), kept.end()),
                (full.kind(), full.status(), full.start(), full.end())
            );
            assert_eq!(kept.exact(), full.exact());
            assert_eq!(
                (kept.claimant(), kept.summary(), kept.canonical()),
                (full.claimant(), full.summary(), full.canonical())
            );
            assert_eq!(
                (kept.count_low(), kept.count_high(), kept.qualifier()),
                (full.count_low(), full.count_high(), full.qualifier())
            );
            assert_eq!((kept.what(), kept.who(), kept.side()), (full.what(), full.who(), full.side()));
            assert_eq!((kept.scope(), kept.denied_by()), (full.scope(), full.denied_by()));
            assert_eq!(
                (kept.as_of(), kept.date(), kept.precision()),
                (full.as_of(), full.date(), full.precision())
            );
        }
        assert_eq!(brief.words, "Erevan\u{1f}autorités arméniennesBakou", "each word once");
        assert_eq!(std::mem::size_of::<Row>(), 48);
    }
}
