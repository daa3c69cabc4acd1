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

/// The compact form of a `Brief` the index keeps (`Brief::encode`): read
/// back with a copy of its words and one pass over fixed-size rows, no
/// parsing and no allocation a row. Little-endian:
///
/// - a format byte, then as `u32`: rows, quotes (0 or one a row), the
///   words' bytes, the claims' words' bytes; as `u16`: parties;
/// - each party's name (`u16` length, bytes): rows name their party by its
///   place here, not by this process's interned index;
/// - the words: the claims' first (their claimants and quotes), then the
///   others': a reader of one part copies only its own;
/// - the rows, `ROW_BYTES` each (see `put_row`);
/// - the quotes, (start, end) in the words.
const FORMAT: u8 = 1;
const HEADER_BYTES: usize = 1 + 4 + 4 + 4 + 4 + 2;
const ROW_BYTES: usize = 48;

/// The statuses and precisions by their code (the other kinds of value
/// have an `ALL` of their own).
const STATUSES: [Status; 3] = [Status::Accepted, Status::Rejected, Status::Suggested];
const PRECISIONS: [Precision; 4] = [Precision::Day, Precision::Month, Precision::Year, Precision::Unknown];

/// A value's code: its place in `all` from 1, 0 for none.
fn code<T: PartialEq + Copy>(all: &[T], value: Option<T>) -> u8 {
    value.and_then(|v| all.iter().position(|x| *x == v)).map_or(0, |i| i as u8 + 1)
}

/// The value of a code; `Err` for a code no value has.
fn of_code<T: Copy>(all: &[T], code: u8) -> Result<Option<T>, ()> {
    match code {
        0 => Ok(None),
        c => all.get(usize::from(c) - 1).copied().map(Some).ok_or(()),
    }
}

/// Reads little-endian numbers off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ()> {
        if self.0.len() < n {
            return Err(());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ()> {
        self.take(N).map(|b| b.try_into().expect("N bytes taken"))
    }

    fn u8(&mut self) -> Result<u8, ()> {
        self.array::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Result<u16, ()> {
        self.array().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Result<u32, ()> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, ()> {
        self.array().map(u64::from_le_bytes)
    }
}

/// Which of a dispatch's kept suggestions a reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    /// The claims (`claims`).
    Claims,
    /// The events and the names inside them (`timeline`).
    Events,
}

impl Part {
    fn keeps(self, kind: Kind) -> bool {
        match self {
            Part::All => true,
            Part::Claims => kind == Kind::Claim,
            Part::Events => kind != Kind::Claim,
        }
    }
}

impl Brief {
    /// The compact form the index keeps (see `FORMAT`), appended to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut parties: Vec<u16> = Vec::new();
        for r in &self.rows {
            if r.side != NO_PARTY && !parties.contains(&r.side) {
                parties.push(r.side);
            }
        }
        // The words laid out again: the claims' first, each word once in
        // its part.
        let mut words = [String::new(), String::new()];
        let mut seen: [HashMap<&str, (u32, u32)>; 2] = [HashMap::new(), HashMap::new()];
        let mut place = |part: usize, (s, e): (u32, u32)| {
            let w = &self.words[s as usize..e as usize];
            *seen[part].entry(w).or_insert_with(|| {
                let at = words[part].len() as u32;
                words[part].push_str(w);
                (at, at + w.len() as u32)
            })
        };
        let part = |r: &Row| usize::from(r.kind != Kind::Claim);
        let mut rows = self.rows.clone();
        let mut quotes = self.quotes.clone();
        for (i, r) in rows.iter_mut().enumerate() {
            if r.has & HAS_WORD != 0 {
                r.word = place(part(r), r.word);
            }
            if let Some(q) = quotes.get_mut(i) {
                *q = place(part(r), *q);
            }
        }
        let shift = words[0].len() as u32;
        for (i, r) in rows.iter_mut().enumerate() {
            if part(r) == 1 {
                if r.has & HAS_WORD != 0 {
                    r.word = (r.word.0 + shift, r.word.1 + shift);
                }
                if let Some(q) = quotes.get_mut(i) {
                    *q = (q.0 + shift, q.1 + shift);
                }
            }
        }
        let len32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
        let all = words[0].len() + words[1].len();
        out.reserve(HEADER_BYTES + all + rows.len() * ROW_BYTES + quotes.len() * 8);
        out.push(FORMAT);
        out.extend_from_slice(&len32(rows.len()));
        out.extend_from_slice(&len32(quotes.len()));
        out.extend_from_slice(&len32(all));
        out.extend_from_slice(&len32(words[0].len()));
        out.extend_from_slice(&(parties.len() as u16).to_le_bytes());
        for &p in &parties {
            let name = Party::from_index(u32::from(p)).map_or("", Party::as_str).as_bytes();
            let name = &name[..name.len().min(usize::from(u16::MAX))];
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name);
        }
        out.extend_from_slice(words[0].as_bytes());
        out.extend_from_slice(words[1].as_bytes());
        for r in &rows {
            let side = parties.iter().position(|&p| p == r.side).map_or(NO_PARTY, |i| i as u16);
            put_row(out, r, side);
        }
        for &(s, e) in &quotes {
            out.extend_from_slice(&s.to_le_bytes());
            out.extend_from_slice(&e.to_le_bytes());
        }
    }

    /// A `Brief` from its compact form; `None` for bytes that are not one
    /// (a truncated or damaged record is made again, not trusted).
    pub fn decode(bytes: &[u8]) -> Option<Brief> {
        Brief::decode_part(bytes, Part::All)
    }

    /// As `decode`, keeping only the suggestions of `part` and their words.
    pub fn decode_part(bytes: &[u8], part: Part) -> Option<Brief> {
        Brief::read(&mut Reader(bytes), part).ok()
    }

    fn read(r: &mut Reader, part: Part) -> Result<Brief, ()> {
        if r.u8()? != FORMAT {
            return Err(());
        }
        let (rows, quotes, words, claims) = (r.u32()? as usize, r.u32()? as usize, r.u32()?, r.u32()?);
        if (quotes != 0 && quotes != rows) || rows > r.0.len() / ROW_BYTES || claims > words {
            return Err(());
        }
        let mut parties: Vec<u16> = Vec::with_capacity(usize::from(r.u16()?));
        for _ in 0..parties.capacity() {
            let len = usize::from(r.u16()?);
            let name = std::str::from_utf8(r.take(len)?).map_err(|_| ())?;
            let party = Party::parse(name).ok_or(())?;
            parties.push(u16::try_from(party.index()).map_err(|_| ())?);
        }
        let all = r.take(words as usize)?;
        // The words of the part kept: its spans are moved by `from`.
        let (from, upto) = match part {
            Part::All => (0, words),
            Part::Claims => (0, claims),
            Part::Events => (claims, words),
        };
        let kept = std::str::from_utf8(&all[from as usize..upto as usize]).map_err(|_| ())?;
        let span = |(s, e): (u32, u32)| {
            let (s, e) = (s.checked_sub(from).ok_or(())?, e.checked_sub(from).ok_or(())?);
            let ok = s <= e && e as usize <= kept.len();
            if ok && kept.is_char_boundary(s as usize) && kept.is_char_boundary(e as usize) {
                Ok((s, e))
            } else {
                Err(())
            }
        };
        let mut brief = Brief {
            rows: Vec::with_capacity(rows),
            words: String::new(),
            quotes: Vec::with_capacity(quotes),
        };
        let mut keep: Vec<bool> = Vec::with_capacity(rows);
        for _ in 0..rows {
            let mut row = get_row(r, &parties)?;
            if row.has & HAS_DATE != 0 && !valid_date(&row) {
                return Err(());
            }
            let wanted = part.keeps(row.kind);
            keep.push(wanted);
            if wanted {
                if row.has & HAS_WORD != 0 {
                    row.word = span(row.word)?;
                }
                brief.rows.push(row);
            }
        }
        for &wanted in &keep[..quotes] {
            let q = (r.u32()?, r.u32()?);
            if wanted {
                brief.quotes.push(span(q)?);
            }
        }
        if !r.0.is_empty() {
            return Err(());
        }
        brief.rows.shrink_to_fit();
        brief.quotes.shrink_to_fit();
        brief.words.push_str(kept);
        Ok(brief)
    }
}

/// Whether a row's date is one a `PartialDate` can be (the digests take
/// its first and last days).
fn valid_date(r: &Row) -> bool {
    let day = |m: u8, d: u8| PartialDate::day(r.year, u32::from(m), u32::from(d)).is_some();
    match (r.month, r.day) {
        (0, 0) => day(1, 1) && day(12, 31),
        (m, 0) => (1..=12).contains(&m) && day(1, 1) && day(12, 31),
        (0, _) => false,
        (m, d) => day(m, d),
    }
}

/// One row, `ROW_BYTES` of it: kind, status, qualifier, what, who, scope,
/// precision, has, month, day (a byte each), side (`u16`, its place in the
/// parties), year (`i32`), start, end (`u32`), counts (`u64`), word (`u32`
/// start and end).
fn put_row(out: &mut Vec<u8>, r: &Row, side: u16) {
    out.extend_from_slice(&[
        code(&Kind::ALL, Some(r.kind)),
        code(&STATUSES, Some(r.status)),
        code(Qualifier::ALL, r.qualifier),
        code(What::ALL, r.what),
        code(Who::ALL, r.who),
        code(Scope::ALL, r.scope),
        code(&PRECISIONS, r.precision),
        r.has,
        r.month,
        r.day,
    ]);
    out.extend_from_slice(&side.to_le_bytes());
    out.extend_from_slice(&r.year.to_le_bytes());
    out.extend_from_slice(&r.start.to_le_bytes());
    out.extend_from_slice(&r.end.to_le_bytes());
    out.extend_from_slice(&r.counts[0].to_le_bytes());
    out.extend_from_slice(&r.counts[1].to_le_bytes());
    out.extend_from_slice(&r.word.0.to_le_bytes());
    out.extend_from_slice(&r.word.1.to_le_bytes());
}

fn get_row(r: &mut Reader, parties: &[u16]) -> Result<Row, ()> {
    let b: [u8; 10] = r.array()?;
    let side = match r.u16()? {
        NO_PARTY => NO_PARTY,
        i => *parties.get(usize::from(i)).ok_or(())?,
    };
    Ok(Row {
        kind: of_code(&Kind::ALL, b[0])?.ok_or(())?,
        status: of_code(&STATUSES, b[1])?.ok_or(())?,
        qualifier: of_code(Qualifier::ALL, b[2])?,
        what: of_code(What::ALL, b[3])?,
        who: of_code(Who::ALL, b[4])?,
        scope: of_code(Scope::ALL, b[5])?,
        precision: of_code(&PRECISIONS, b[6])?,
        has: b[7],
        month: b[8],
        day: b[9],
        side,
        year: i32::from_le_bytes(r.array()?),
        start: r.u32()?,
        end: r.u32()?,
        counts: [r.u64()?, r.u64()?],
        word: (r.u32()?, r.u32()?),
    })
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

    #[test]
    fn a_brief_comes_back_from_its_compact_form_as_it_went_in() {
        let text = "Selon Bakou, environ 40 soldats tués le 3 mars. Le pont de Goris a été détruit.";
        let mut claim = Annotation::new(text, Kind::Claim, "CLAIM", 0, 34);
        claim.attrs = Attrs {
            claimant: Some("Bakou".into()),
            count_low: Some(40),
            qualifier: Some(Qualifier::About),
            what: Some(What::Killed),
            who: Some(Who::Military),
            side: Party::parse("Arménie"),
            denied_by: Some("Erevan".into()),
            as_of: Some("2021-03-03".parse().unwrap()),
            ..Attrs::default()
        };
        let mut other = Annotation::new(text, Kind::Claim, "CLAIM", 13, 34);
        other.status = Status::Accepted;
        other.attrs.side = Party::parse("Azerbaïdjan");
        other.attrs.scope = Some(Scope::Each);
        let mut event = Annotation::new(text, Kind::Event, "EVENT", 48, 79);
        event.attrs.date = Some("2021-03".parse().unwrap());
        event.attrs.precision = Some(Precision::Month);
        event.attrs.summary = Some("Le pont de Goris détruit".into());
        let mut entity = Annotation::new(text, Kind::Entity, "LOC", 59, 64);
        entity.attrs.canonical = Some("Goris".into());
        let suggestions = [claim, other, event, entity];
        let article = article(text);
        // What a reader sees of each kept suggestion.
        let seen = |brief: &Brief| -> Vec<String> {
            brief
                .marks(&article)
                .map(|m| {
                    format!(
                        "{:?}",
                        (
                            (m.kind(), m.status(), m.start(), m.end(), m.exact()),
                            (m.claimant(), m.denied_by(), m.summary(), m.canonical()),
                            (m.count_low(), m.count_high(), m.qualifier(), m.what(), m.who(), m.side()),
                            (m.scope(), m.as_of(), m.date(), m.precision()),
                        )
                    )
                })
                .collect()
        };
        for brief in [
            Brief::new(&suggestions, &[]),
            Brief::quoted(&suggestions, &[]),
            Brief::quoted(&suggestions[1..2], &[]),
            Brief::quoted(&suggestions[2..], &[]),
            Brief::default(),
        ] {
            let mut bytes = Vec::new();
            brief.encode(&mut bytes);
            let back = Brief::decode(&bytes).expect("decoded");
            assert_eq!(seen(&back), seen(&brief));
            assert_eq!(back.len(), brief.len());
            // A part: the same suggestions of its kinds, and their words only.
            let claims = Brief::decode_part(&bytes, Part::Claims).expect("claims decoded");
            let events = Brief::decode_part(&bytes, Part::Events).expect("events decoded");
            let of = |kinds: &[Kind]| -> Vec<String> {
                let all = seen(&brief);
                let marks: Vec<Kind> = brief.marks(&article).map(|m| m.kind()).collect();
                all.into_iter().zip(marks).filter(|(_, k)| kinds.contains(k)).map(|(s, _)| s).collect()
            };
            assert_eq!(seen(&claims), of(&[Kind::Claim]));
            assert_eq!(seen(&events), of(&[Kind::Event, Kind::Entity]));
            assert_eq!(claims.words.len() + events.words.len(), back.words.len());
            // Anything cut short or damaged in a way that shows is refused,
            // not read wrong.
            for cut in 0..bytes.len() {
                assert_eq!(Brief::decode(&bytes[..cut]), None, "cut at {cut}");
            }
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(Brief::decode(&longer), None);
            bytes[0] = FORMAT + 1;
            assert_eq!(Brief::decode(&bytes), None);
        }
        let mut bytes = Vec::new();
        Brief::quoted(&suggestions, &[]).encode(&mut bytes);
        let words = bytes.len() - 4 * ROW_BYTES - 4 * 8;
        bytes[words - 1] = 0xff;
        assert_eq!(Brief::decode(&bytes), None, "words that are not UTF-8");
        assert_eq!(
            Brief::decode_part(&bytes, Part::Claims).map(|b| b.len()),
            Some(2),
            "the claims' words are whole"
        );
    }
}
