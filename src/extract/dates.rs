//! DATE: temporal expressions normalised against the article's date, the
//! way HeidelTime's news mode does it: a weekday in a past-tense clause is
//! the latest such day on or before the article date, in a future-tense one
//! the next; "le lendemain" and "la veille" count from the date just
//! mentioned; "hier" and "il y a deux jours" from the article date. What
//! cannot be resolved keeps its span and gets no value: never a guess.

use chrono::{Datelike, Duration, NaiveDate};

use super::scan::{Doc, TokKind};
use super::vocab::{Class, DATECUE, FUTURE, PAST};
use crate::corpus::Lang;
use crate::date::{PartialDate, Precision};

#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    /// Token range of the expression.
    pub start: usize,
    pub end: usize,
    pub value: Option<PartialDate>,
}

/// A date written out: day and month, maybe the year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Explicit {
    pub start: usize,
    pub end: usize,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

pub fn find(doc: &Doc, reference: Option<PartialDate>, lang: Lang) -> Vec<DateFound> {
    let mut out = find_all(doc, reference, lang);
    reported_speech(doc, &mut out);
    // related headlines after "À découvrir également" are other stories of
    // other days: their dates keep no value
    if let Some(b) = super::tags::related_start(doc) {
        for d in out.iter_mut().filter(|d| doc.toks[d.start].start >= b) {
            d.value = None;
        }
    }
    out
}

/// "hier" inside a quotation attributed to a statement of a given day
/// ("«Hier, …», a-t-elle confié dimanche") counts from that day; when the
/// statement's day is given but cannot be resolved, it gets no value.
fn reported_speech(doc: &Doc, dates: &mut [DateFound]) {
    for k in 0..dates.len() {
        let i = dates[k].start;
        let Class::Rel(n) = doc.toks[i].word.class else { continue };
        let Some(close) = closing_quote(doc, i) else { continue };
        let (_, e) = doc.sentence_of(close);
        let limit = (close + 8).min(e.max(close + 1)).min(doc.toks.len());
        let Some(verb) = (close + 1..limit).find(|&t| doc.toks[t].word.has(super::vocab::SAY)) else {
            continue;
        };
        let statement = dates[k + 1..].iter().find(|d| {
            d.start > verb && d.start <= verb + 3 && !matches!(doc.toks[d.start].word.class, Class::Rel(_))
        });
        if let Some(s) = statement {
            dates[k].value =
                s.value.and_then(|v| v.naive()).map(|d| PartialDate::from(d + Duration::days(n as i64)));
        }
    }
}

/// The closing quotation mark of the quotation holding token `i`, if any:
/// an opening mark before it and a closing one after it on the same line.
fn closing_quote(doc: &Doc, i: usize) -> Option<usize> {
    let mark =
        |t: usize, marks: &[&str]| doc.toks[t].kind == TokKind::Punct && marks.contains(&doc.tok_text(t));
    let mut b = i;
    loop {
        if doc.toks[b].nl_before || b == 0 || i - b > 80 {
            return None;
        }
        b -= 1;
        if mark(b, &["»", "”"]) {
            return None;
        }
        if mark(b, &["«", "“", "\""]) {
            break;
        }
    }
    (i + 1..(i + 80).min(doc.toks.len()))
        .take_while(|&t| !doc.toks[t].nl_before)
        .find(|&t| mark(t, &["»", "”", "\""]))
}

fn find_all(doc: &Doc, reference: Option<PartialDate>, lang: Lang) -> Vec<DateFound> {
    let mut out: Vec<DateFound> = Vec::new();
    let ref_day = reference.and_then(|r| r.naive());
    // the last day mentioned: what "le lendemain" counts from
    let mut anchor = ref_day;
    let mut i = 0;
    while i < doc.toks.len() {
        if !may_start_date(doc, i) {
            i += 1;
            continue;
        }
        let found = explicit_at(doc, i, lang)
            .map(|e| DateFound { start: e.start, end: e.end, value: resolve_explicit(e, reference) })
            .or_else(|| month_at(doc, i, reference))
            .or_else(|| weekday_at(doc, i, ref_day))
            .or_else(|| relative_at(doc, i, ref_day, anchor));
        match found {
            Some(d) => {
                i = d.end.max(i + 1);
                if let Some(day) = d.value.and_then(|v| v.naive()) {
                    anchor = Some(day);
                }
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

/// A cheap test before the rules: digits, a date word, or a word that can
/// open a date ("la", "dans", "il", "the", "ce"…; flagged in the vocabulary).
fn may_start_date(doc: &Doc, i: usize) -> bool {
    let tok = &doc.toks[i];
    match tok.kind {
        TokKind::Num => true,
        TokKind::Punct => false,
        TokKind::Word => {
            !matches!(
                tok.word.class,
                Class::None
                    | Class::Stop
                    | Class::Noun { .. }
                    | Class::Count
                    | Class::Place
                    | Class::Nat(_)
                    | Class::Title
            ) || tok.word.has(DATECUE)
                || (tok.word.class == Class::None && tok.hyphen)
        }
    }
}

fn num(doc: &Doc, t: usize) -> Option<f64> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Num).then_some(tok.value)
}

fn glued_punct(doc: &Doc, t: usize, c: u8) -> bool {
    doc.toks.get(t).is_some_and(|tok| tok.is_punct(c) && !tok.space_before)
        && doc.toks.get(t + 1).is_some_and(|n| !n.space_before)
}

fn month_of(doc: &Doc, t: usize) -> Option<(u32, bool)> {
    match doc.toks.get(t)?.word.class {
        Class::Month { month, ambiguous } => Some((month as u32, ambiguous)),
        _ if doc.is(t, "sept") && doc.toks.get(t + 1).is_some_and(|n| n.is_punct(b'.')) => Some((9, false)),
        _ => None,
    }
}

fn day_number(doc: &Doc, t: usize) -> Option<u32> {
    let tok = doc.toks.get(t)?;
    if tok.kind == TokKind::Num
        && tok.plain_digits > 0
        && tok.plain_digits <= 2
        && (1.0..=31.0).contains(&tok.value)
    {
        return Some(tok.value as u32);
    }
    if tok.kind == TokKind::Word && matches!(doc.tok_lower(t), "premier" | "1er") {
        return Some(1);
    }
    None
}

fn year_number(doc: &Doc, t: usize) -> Option<i32> {
    let tok = doc.toks.get(t)?;
    (tok.kind == TokKind::Num && tok.plain_digits == 4 && (1900.0..=2100.0).contains(&tok.value))
        .then_some(tok.value as i32)
}

/// Skips the period of an abbreviated month ("oct.", "Sept.").
fn after_month(doc: &Doc, t: usize) -> usize {
    const ABBREVIATIONS: &[&str] = &[
        "janv", "fév", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "dec",
    ];
    let abbreviated = doc.is_any(t, ABBREVIATIONS);
    if abbreviated && doc.toks.get(t + 1).is_some_and(|n| n.is_punct(b'.') && !n.space_before) {
        t + 2
    } else {
        t + 1
    }
}

/// "23/10/2020 à 10:50", "2020-10-23", "le 27 septembre", "21 oct 2020",
/// "vendredi 9 octobre", "October 9", "Oct. 21, 2020", "9 October 2020".
pub fn explicit_at(doc: &Doc, i: usize, lang: Lang) -> Option<Explicit> {
    let tok = doc.toks.get(i)?;
    // numeric: D/M/YYYY (M/D/YYYY in English when the day cannot be a month)
    if tok.kind == TokKind::Num && glued_punct(doc, i + 1, b'/') && glued_punct(doc, i + 3, b'/') {
        let (a, b) = (num(doc, i)? as u32, num(doc, i + 2)? as u32);
        let y = doc.toks.get(i + 4)?;
        let year = match y.plain_digits {
            4 => y.value as i32,
            2 => 2000 + y.value as i32,
            _ => return None,
        };
        let (day, month) = if lang == Lang::En && a <= 12 && b > 12 { (b, a) } else { (a, b) };
        PartialDate::day(year, month, day)?;
        let end = time_after(doc, i + 5);
        return Some(Explicit { start: i, end, day, month, year: Some(year) });
    }
    // ISO: YYYY-MM-DD
    if tok.plain_digits == 4 && glued_punct(doc, i + 1, b'-') && glued_punct(doc, i + 3, b'-') {
        let (y, m, d) = (tok.value as i32, num(doc, i + 2)? as u32, num(doc, i + 4)? as u32);
        PartialDate::day(y, m, d)?;
        return Some(Explicit { start: i, end: time_after(doc, i + 5), day: d, month: m, year: Some(y) });
    }
    // day month [year]
    if let Some(day) = day_number(doc, i)
        && let Some((month, _)) = month_of(doc, i + 1)
    {
        let mut end = after_month(doc, i + 1);
        let year = year_number(doc, end);
        if year.is_some() {
            end += 1;
        }
        return Some(Explicit { start: lead_in(doc, i), end, day, month, year });
    }
    // month day[, year] (English)
    if let Some((month, _)) = month_of(doc, i) {
        let d = after_month(doc, i);
        if let Some(day) = day_number(doc, d).filter(|_| !doc.toks[d].is_punct(b'.')) {
            let mut end = d + 1;
            let mut year = None;
            if doc.toks.get(end).is_some_and(|t| t.is_punct(b',')) {
                if let Some(y) = year_number(doc, end + 1) {
                    year = Some(y);
                    end += 2;
                }
            } else if let Some(y) = year_number(doc, end) {
                year = Some(y);
                end += 1;
            }
            return Some(Explicit { start: lead_in(doc, i), end, day, month, year });
        }
    }
    None
}

/// "le", "ce" and a weekday before a written date belong to it.
fn lead_in(doc: &Doc, i: usize) -> usize {
    let mut s = i;
    if s > 0
        && doc.toks[s - 1].is_punct(b',')
        && s > 1
        && matches!(doc.toks[s - 2].word.class, Class::Weekday(_))
    {
        s -= 2;
    } else if s > 0 && matches!(doc.toks[s - 1].word.class, Class::Weekday(_)) {
        s -= 1;
    }
    if s > 0 && doc.is_any(s - 1, &["le", "ce"]) {
        s -= 1;
    }
    s
}

/// "à 10:50", "at 10:50", "10h50" after a date belong to it.
fn time_after(doc: &Doc, t: usize) -> usize {
    let k = if doc.is_any(t, &["à", "at", "-"]) || doc.toks.get(t).is_some_and(|x| x.is_punct(b',')) {
        t + 1
    } else {
        t
    };
    if num(doc, k).is_some() && glued_punct(doc, k + 1, b':') && num(doc, k + 2).is_some() {
        return k + 3;
    }
    t
}

fn resolve_explicit(e: Explicit, reference: Option<PartialDate>) -> Option<PartialDate> {
    match e.year {
        Some(y) => PartialDate::day(y, e.month, e.day),
        None => {
            let r = reference?;
            let near = r.first_day();
            [r.year, r.year - 1, r.year + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, e.month, e.day))
                .min_by_key(|d| (*d - near).num_days().abs())
                .map(PartialDate::from)
        }
    }
}

/// "fin septembre", "début octobre", "mi-octobre", "octobre 2020",
/// "en octobre", "late September", "early October".
fn month_at(doc: &Doc, i: usize, reference: Option<PartialDate>) -> Option<DateFound> {
    let tok = doc.toks.get(i)?;
    let mut start = i;
    let month = if let Some((m, ambiguous)) = month_of(doc, i) {
        let prefixed = i > 0 && doc.is_any(i - 1, &["fin", "début", "mi", "courant", "late", "early", "mid"]);
        if prefixed {
            start = i - 1;
        }
        let preposition = i > 0 && doc.is_any(i - 1, &["en", "in", "depuis", "since", "d", "until", "jusqu"]);
        if ambiguous && !prefixed && !preposition && year_number(doc, i + 1).is_none() {
            return None;
        }
        m
    } else if tok.kind == TokKind::Word {
        // "mi-octobre", "mid-October", "fin-septembre"
        let lower = doc.tok_lower(i);
        let (prefix, rest) = lower.split_once('-')?;
        if !matches!(prefix, "mi" | "mid" | "fin" | "début") {
            return None;
        }
        match super::vocab::lookup(rest).class {
            Class::Month { month, .. } => month as u32,
            _ => return None,
        }
    } else {
        return None;
    };
    let mut end = after_month(doc, i);
    let year = year_number(doc, end);
    if year.is_some() {
        end += 1;
    }
    let value = match year {
        Some(y) => PartialDate::month(y, month),
        None => reference.and_then(|r| {
            // the month nearest the article date
            let here = r.year * 12 + r.month.unwrap_or(6) as i32;
            [r.year - 1, r.year, r.year + 1]
                .into_iter()
                .min_by_key(|y| (y * 12 + month as i32 - here).abs())
                .and_then(|y| PartialDate::month(y, month))
        }),
    };
    Some(DateFound { start, end, value })
}

/// "vendredi", "jeudi soir", "ce vendredi", "lundi dernier", "next Monday",
/// "Friday night".
fn weekday_at(doc: &Doc, i: usize, ref_day: Option<NaiveDate>) -> Option<DateFound> {
    let Class::Weekday(wd) = doc.toks.get(i)?.word.class else { return None };
    let mut start = i;
    let mut end = i + 1;
    let mut relation = None;
    if i > 0 && doc.is_any(i - 1, &["ce", "this"]) {
        start = i - 1;
        relation = Some(Relation::ThisWeek);
    } else if i > 0 && doc.is_any(i - 1, &["last", "past"]) {
        start = i - 1;
        relation = Some(Relation::Past);
    } else if i > 0 && doc.is_any(i - 1, &["next", "coming"]) {
        start = i - 1;
        relation = Some(Relation::Next);
    }
    if doc.is_any(end, &["dernier", "passé"]) {
        end += 1;
        relation = Some(Relation::Past);
    } else if doc.is_any(end, &["prochain"]) {
        end += 1;
        relation = Some(Relation::Next);
    }
    if matches!(doc.toks.get(end).map(|t| t.word.class), Some(Class::DayPart)) {
        end += 1;
    }
    let value = ref_day.map(|r| {
        let rel = relation.unwrap_or_else(|| match tense_near(doc, i) {
            Tense::Past => Relation::Past,
            Tense::Future => Relation::Future,
            Tense::Unknown => Relation::Nearest,
        });
        PartialDate::from(resolve_weekday(r, wd as i64, rel))
    });
    Some(DateFound { start, end, value })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    Past,
    Future,
    Next,
    ThisWeek,
    Nearest,
}

fn resolve_weekday(r: NaiveDate, wd: i64, rel: Relation) -> NaiveDate {
    let today = r.weekday().num_days_from_monday() as i64;
    let back = (today - wd).rem_euclid(7);
    let ahead = (wd - today).rem_euclid(7);
    let shift = match rel {
        Relation::Past => -back,
        Relation::Future => ahead,
        Relation::Next => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        Relation::ThisWeek => wd - today,
        Relation::Nearest => {
            if back <= ahead {
                -back
            } else {
                ahead
            }
        }
    };
    r + Duration::days(shift)
}

/// The tense of the clause around token `t`: the nearest tense marker within
/// six words in the same sentence (auxiliaries, imperfect and conditional
/// endings, "va", "doit", "prévu", "will", "-ed").
fn tense_near(doc: &Doc, t: usize) -> Tense {
    let (s, e) = doc.sentence_of(t);
    for d in 1..=6 {
        for k in [t.checked_sub(d), Some(t + d)].into_iter().flatten() {
            if k < s || k >= e {
                continue;
            }
            let tense = tense_of(doc, k);
            if tense != Tense::Unknown {
                return tense;
            }
        }
    }
    Tense::Unknown
}

fn tense_of(doc: &Doc, k: usize) -> Tense {
    let tok = &doc.toks[k];
    if tok.kind != TokKind::Word || tok.cap {
        return Tense::Unknown;
    }
    if tok.word.has(FUTURE) {
        return Tense::Future;
    }
    if tok.word.has(PAST) {
        return Tense::Past;
    }
    let w = doc.tok_lower(k);
    if w.len() > 5 && (w.ends_with("rait") || w.ends_with("raient") || w.ends_with("ront")) {
        return Tense::Future;
    }
    if w.len() > 4 && (w.ends_with("ait") || w.ends_with("aient")) {
        return Tense::Past;
    }
    if w.len() > 4 && w.ends_with("ed") && w.is_ascii() {
        return Tense::Past;
    }
    Tense::Unknown
}

/// "hier", "demain", "aujourd'hui", "ce soir", "le lendemain", "la veille",
/// "une semaine plus tard", "deux jours après", "il y a deux jours",
/// "yesterday", "the next day", "the day before", "a week later", "two
/// days ago".
fn relative_at(
    doc: &Doc,
    i: usize,
    ref_day: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
) -> Option<DateFound> {
    let tok = doc.toks.get(i)?;
    let day = |base: Option<NaiveDate>, n: i64| base.map(|b| PartialDate::from(b + Duration::days(n)));
    let with_part = |end: usize| -> usize {
        if matches!(doc.toks.get(end).map(|t| t.word.class), Some(Class::DayPart)) { end + 1 } else { end }
    };
    match tok.word.class {
        Class::Rel(n) => {
            let end = with_part(i + 1);
            return Some(DateFound { start: i, end, value: day(ref_day, n as i64) });
        }
        Class::Anaphor(n) if i > 0 && doc.is_any(i - 1, &["le", "la", "l"]) => {
            let start = if doc.is(i - 1, "l") { i - 2 } else { i - 1 };
            return Some(DateFound { start, end: i + 1, value: day(anchor, n as i64) });
        }
        _ => {}
    }
    if !date_ahead(doc, i) {
        return None;
    }
    // "la nuit", "la nuit de samedi à dimanche", "the night" straddle two
    // days: a date without a value
    if doc.is_any(i, &["la", "the"])
        && doc.is_any(i + 1, &["nuit", "night"])
        && i > 0
        && doc.is_any(i - 1, &["dans", "pendant", "durant", "de", "through", "during", "overnight"])
    {
        let mut end = i + 2;
        let weekday = |t: usize| matches!(doc.toks.get(t).map(|x| x.word.class), Some(Class::Weekday(_)));
        if doc.is_any(end, &["de", "du"])
            && weekday(end + 1)
            && doc.is_any(end + 2, &["à", "au"])
            && weekday(end + 3)
        {
            end += 4;
        }
        return Some(DateFound { start: i, end, value: None });
    }
    // "le même jour", "the same day": the date just mentioned
    if doc.is_any(i, &["le", "the"])
        && doc.is_any(i + 1, &["même", "same"])
        && doc.is_any(i + 2, &["jour", "day"])
    {
        return Some(DateFound { start: i, end: i + 3, value: day(anchor, 0) });
    }
    // "last month", "le mois dernier", "next month", "le mois prochain"
    let month_shift = if doc.is_any(i, &["last", "next"]) && doc.is(i + 1, "month") {
        Some((if doc.is(i, "last") { -1 } else { 1 }, i + 2))
    } else if doc.is(i, "le") && doc.is(i + 1, "mois") && doc.is_any(i + 2, &["dernier", "prochain"]) {
        Some((if doc.is(i + 2, "dernier") { -1 } else { 1 }, i + 3))
    } else {
        None
    };
    if let Some((n, end)) = month_shift {
        return Some(DateFound { start: i, end, value: shifted(ref_day, n, 30) });
    }
    // "plus tôt dans la journée", "dans la journée", "deuxième partie de journée",
    // "en fin de journée": the day being told
    if doc.is(i, "dans") && doc.is(i + 1, "la") && doc.is(i + 2, "journée") {
        let start = if i >= 2 && doc.is_any(i - 2, &["plus"]) && doc.is_any(i - 1, &["tôt", "tard"]) {
            i - 2
        } else {
            i
        };
        return Some(DateFound { start, end: i + 3, value: day(anchor, 0) });
    }
    if doc.is_any(i, &["première", "deuxième", "seconde"]) && doc.is(i + 1, "partie") && doc.is(i + 2, "de")
    {
        let j = if doc.is(i + 3, "la") { i + 4 } else { i + 3 };
        if doc.is(j, "journée") {
            return Some(DateFound { start: i, end: j + 1, value: day(anchor, 0) });
        }
    }
    if doc.is_any(i, &["début", "fin", "milieu"]) && doc.is(i + 1, "de") && doc.is(i + 2, "journée") {
        return Some(DateFound { start: i, end: i + 3, value: day(anchor, 0) });
    }
    if doc.is_any(i, &["earlier", "later"])
        && doc.is(i + 1, "in")
        && doc.is(i + 2, "the")
        && doc.is(i + 3, "day")
    {
        return Some(DateFound { start: i, end: i + 4, value: day(anchor, 0) });
    }
    // aujourd'hui
    if doc.is(i, "aujourd") && doc.toks.get(i + 1).is_some_and(|t| t.is_punct(b'\'')) && doc.is(i + 2, "hui")
    {
        return Some(DateFound { start: i, end: i + 3, value: day(ref_day, 0) });
    }
    // ce soir, ce matin, cette nuit, this morning, last night
    if doc.is_any(i, &["ce", "cette", "this"])
        && matches!(doc.toks.get(i + 1).map(|t| t.word.class), Some(Class::DayPart))
    {
        return Some(DateFound { start: i, end: i + 2, value: day(ref_day, 0) });
    }
    if doc.is(i, "last") && doc.is(i + 1, "night") {
        return Some(DateFound { start: i, end: i + 2, value: day(ref_day, -1) });
    }
    // the next day, the following day, the day before, the previous day
    if doc.is(i, "the") {
        let n = if doc.is_any(i + 1, &["next", "following"]) && doc.is(i + 2, "day") {
            Some((1, i + 3))
        } else if (doc.is(i + 1, "previous") && doc.is(i + 2, "day"))
            || (doc.is(i + 1, "day") && doc.is(i + 2, "before"))
        {
            Some((-1, i + 3))
        } else {
            None
        };
        if let Some((n, end)) = n {
            return Some(DateFound { start: i, end, value: day(anchor, n) });
        }
    }
    // il y a deux jours
    if doc.is(i, "il") && doc.is(i + 1, "y") && doc.is(i + 2, "a") {
        let (n, unit, end) = quantity_of_days(doc, i + 3)?;
        return Some(DateFound { start: i, end, value: shifted(ref_day, -n, unit) });
    }
    // deux jours plus tard, une semaine après, two days ago, a week later
    let (n, unit, end) = quantity_of_days(doc, i)?;
    if doc.is(end, "plus") && doc.is(end + 1, "tard") {
        return Some(DateFound { start: i, end: end + 2, value: shifted(anchor, n, unit) });
    }
    if doc.is_any(end, &["après", "later"]) {
        // "une semaine après celle du 11 octobre": a preposition with its
        // own landmark, not a date counted from the last one
        const LANDMARK: &[&str] = &[
            "celle", "celui", "celles", "ceux", "le", "la", "les", "l", "un", "une", "son", "sa", "ses",
            "cette", "ce", "the", "a", "its", "their",
        ];
        if doc.is(end, "après") && doc.is_any(end + 1, LANDMARK) {
            return None;
        }
        return Some(DateFound { start: i, end: end + 1, value: shifted(anchor, n, unit) });
    }
    if doc.is_any(end, &["plus", "auparavant"]) && doc.is_any(end + 1, &["tôt"]) {
        return Some(DateFound { start: i, end: end + 2, value: shifted(anchor, -n, unit) });
    }
    if doc.is(end, "ago") {
        return Some(DateFound { start: i, end: end + 1, value: shifted(ref_day, -n, unit) });
    }
    None
}

/// A cheap test before the relative rules: a day word, a unit of time or
/// a word of those expressions within the next four tokens.
fn date_ahead(doc: &Doc, i: usize) -> bool {
    let ahead = i + 1..(i + 5).min(doc.toks.len());
    ahead.clone().any(|k| {
        matches!(
            doc.toks[k].word.class,
            Class::Anaphor(_)
                | Class::DayPart
                | Class::Unit(_)
                | Class::Rel(_)
                | Class::Weekday(_)
                | Class::Month { .. }
        )
    }) || ahead.into_iter().any(|k| {
        doc.toks[k].kind == TokKind::Word
            && matches!(
                doc.tok_lower(k),
                "y" | "hui" | "same" | "même" | "next" | "following" | "previous" | "partie" | "mois"
            )
    })
}

/// "deux jours", "une semaine", "a week", "3 days": count, unit in days, end.
fn quantity_of_days(doc: &Doc, i: usize) -> Option<(i64, i64, usize)> {
    let tok = doc.toks.get(i)?;
    let (n, next) = match tok.word.class {
        _ if doc.is_any(i, &["un", "une", "a", "an", "one"]) => (1, i + 1),
        Class::Num(_) => {
            let (v, end) = super::numbers::words_at(doc, i)?;
            (v as i64, end)
        }
        _ if tok.kind == TokKind::Num && tok.plain_digits > 0 && tok.value < 400.0 => {
            (tok.value as i64, i + 1)
        }
        _ => return None,
    };
    match doc.toks.get(next)?.word.class {
        Class::Unit(d) if d == 1 || d == 7 || d == 30 => Some((n, d as i64, next + 1)),
        _ => None,
    }
}

/// A day shifted by days or weeks; months give a month.
fn shifted(base: Option<NaiveDate>, n: i64, unit: i64) -> Option<PartialDate> {
    let b = base?;
    if unit == 30 {
        let m = b.year() * 12 + b.month0() as i32 + n as i32;
        return PartialDate::month(m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
    }
    Some(PartialDate::from(b + Duration::days(n * unit)))
}

/// The month of the week before the reference ("said last week"), when
/// that week, Monday to Sunday, lies in one month.
pub fn last_week_month(reference: PartialDate) -> Option<PartialDate> {
    let r = reference.naive()?;
    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64 + 7);
    let sunday = monday + Duration::days(6);
    (monday.month() == sunday.month()).then(|| PartialDate::month(monday.year(), monday.month())).flatten()
}

/// The precision of a found date's value (`Unknown` without one).
pub fn precision(d: &DateFound) -> Precision {
    d.value.map(|v| v.precision()).unwrap_or(Precision::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, reference: &str) -> Vec<(String, Option<String>)> {
        let doc = Doc::new(text);
        let r: PartialDate = reference.parse().unwrap();
        find(&doc, Some(r), Lang::Fr)
            .into_iter()
            .map(|d| {
                let s = doc.toks[d.start].start;
                let e = doc.toks[d.end - 1].end;
                (doc.text[s..e].to_string(), d.value.map(|v| v.to_string()))
            })
            .collect()
    }

    #[test]
    fn weekdays_follow_the_tense() {
        // 2020-10-23 is a Friday
        let d =
            dates("Il a déclaré jeudi qu'il viendra. Pompeo va recevoir lundi les ministres.", "2020-10-23");
        assert_eq!(d[0], ("jeudi".into(), Some("2020-10-22".into())));
        assert_eq!(d[1], ("lundi".into(), Some("2020-10-26".into())));
    }

    #[test]
    fn a_month_only_reference_gives_no_day() {
        let d = dates("Il a déclaré jeudi soir que le 27 septembre", "2020-10");
        assert_eq!(d[0], ("jeudi soir".into(), None));
        assert_eq!(d[1], ("le 27 septembre".into(), Some("2020-09-27".into())));
    }

    #[test]
    fn anaphors_count_from_the_last_date() {
        let d = dates(
            "Une rencontre le 9 octobre, une trêve le lendemain. Un autre a échoué une semaine plus tard.",
            "2020-10-21",
        );
        assert_eq!(d[1], ("le lendemain".into(), Some("2020-10-10".into())));
        assert_eq!(d[2], ("une semaine plus tard".into(), Some("2020-10-17".into())));
    }
}
