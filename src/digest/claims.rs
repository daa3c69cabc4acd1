//! Casualty claims by source: every claim under its canonical claimant, in
//! series per (what, who, side), with disagreements between sources flagged.
//! Figures of different sources are never added together.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::claimants::{Authority, ClaimantIndex, Claimants, UNATTRIBUTED};
use super::fold::fold;
use super::parties::PartyCache;
use super::{Inputs, Mark, in_view};
use crate::annotation::{Kind, Party, Qualifier, Scope, Status, What, Who};
use crate::date::PartialDate;

/// Claims of the same (what, who, party, scope), both dated to the day, are
/// compared when their dates are at most this many days apart: figures a
/// few days apart speak for the same state of the war, a week later the
/// toll has moved.
pub const DISPUTE_WINDOW_DAYS: i64 = 3;

/// One claim, with its canonical claimant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRow {
    pub claimant: Arc<str>,
    /// The claimant as the annotation or suggestion wrote it.
    #[serde(skip)]
    pub claimant_as_written: Arc<str>,
    #[serde(skip)]
    pub group: usize,
    pub count_low: Option<u64>,
    pub count_high: Option<u64>,
    pub qualifier: Option<Qualifier>,
    pub what: Option<What>,
    pub who: Option<Who>,
    /// The party whose losses these are.
    pub side: Option<Party>,
    /// A figure for each party ("de chaque côté"), or a total.
    pub scope: Scope,
    /// The claimant the text says denies the figure.
    pub denied_by: Option<Arc<str>>,
    /// The date the figure speaks for: its `as_of`, else the dispatch's date.
    pub as_of: Option<PartialDate>,
    pub article: Arc<str>,
    /// The outlet of the dispatch the claim was read in.
    pub reported_by: Option<Arc<str>>,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub status: Status,
    pub disputed: bool,
    /// The claimants whose figures for the same thing at close dates do not
    /// overlap this one.
    pub disputed_with: Vec<Arc<str>>,
    /// Whether this is the latest figure of its series (in the view asked for).
    pub latest: bool,
    /// How many claims this row stands for: 1 in `claims`; in
    /// `distinct_claims`, every claim of its claimant and series giving the
    /// same figure for the same date (several dispatches repeating one toll).
    #[serde(skip)]
    pub copies: u32,
}

impl ClaimRow {
    /// The figure in words: `550`, `about 200`, `more than 400`, `300–400`.
    pub fn figure(&self) -> String {
        let low = self.count_low.map(|n| n.to_string());
        let high = self.count_high.map(|n| n.to_string());
        let n = low.clone().or(high.clone()).unwrap_or_else(|| "?".into());
        match self.qualifier {
            Some(Qualifier::About) => format!("about {n}"),
            Some(Qualifier::AtLeast) => format!("at least {n}"),
            Some(Qualifier::MoreThan) => format!("more than {n}"),
            Some(Qualifier::UpTo) => format!("up to {}", high.unwrap_or(n)),
            Some(Qualifier::Nearly) => format!("nearly {n}"),
            Some(Qualifier::Many) => match low {
                Some(l) => format!("many ({l}+)"),
                None => "many".into(),
            },
            Some(Qualifier::Between) | Some(Qualifier::Exact) | None => match (low, high) {
                (Some(l), Some(h)) if l != h => format!("{l}–{h}"),
                _ => n,
            },
        }
    }

    /// The range of counts the claim allows, for comparing sources;
    /// `None` when it gives no number.
    pub fn range(&self) -> Option<(f64, f64)> {
        let low = self.count_low.map(|n| n as f64);
        let high = self.count_high.map(|n| n as f64);
        let n = low.or(high)?;
        Some(match self.qualifier {
            Some(Qualifier::About) => (n * 0.9, high.unwrap_or(n) * 1.1),
            Some(Qualifier::Nearly) => (n * 0.9, n),
            Some(Qualifier::AtLeast) | Some(Qualifier::MoreThan) | Some(Qualifier::Many) => {
                (n, f64::INFINITY)
            }
            Some(Qualifier::UpTo) => (0.0, high.unwrap_or(n)),
            Some(Qualifier::Between) | Some(Qualifier::Exact) | None => (n, high.unwrap_or(n)),
        })
    }
}

/// The claims of one (what, who, party, scope) by one claimant, in as-of order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub what: Option<What>,
    pub who: Option<Who>,
    pub side: Option<Party>,
    pub scope: Scope,
    pub history: Vec<ClaimRow>,
}

impl Series {
    /// The latest figures (as of the date the digest was made for): the
    /// claims of the last date, several when one dispatch gives several
    /// (30 armoured vehicles and 20 drones), never added together.
    pub fn latest(&self) -> &[ClaimRow] {
        let Some(last) = self.history.last() else { return &[] };
        // The history is in as-of order, undated last (`group_rows`): the
        // last date's claims are found by halving, not by walking back
        // through a dispatch that repeats one figure thousands of times.
        let at = |r: &ClaimRow| (r.as_of.is_none(), r.as_of);
        let from = self.history.partition_point(|r| at(r) < at(last));
        &self.history[from..]
    }
}

/// Every claim of one canonical claimant.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantGroup {
    pub claimant: String,
    pub series: Vec<Series>,
}

/// The claims by source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimsDigest {
    /// Claimants with accepted claims first, then by name.
    pub groups: Vec<ClaimantGroup>,
}

/// How flat lists of claims are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimOrder {
    Claimant,
    Side,
    What,
    Outlet,
}

impl ClaimsDigest {
    /// Every claim, one after another, in the order asked for.
    pub fn rows(&self, order: ClaimOrder) -> Vec<&ClaimRow> {
        let mut rows: Vec<&ClaimRow> =
            self.groups.iter().flat_map(|g| g.series.iter().flat_map(|s| s.history.iter())).collect();
        // The group order is the claimant order; a stable sort keeps it
        // inside each side or kind.
        match order {
            ClaimOrder::Claimant => {}
            ClaimOrder::Side => rows.sort_by_key(|r| (r.side, r.scope, r.what, r.who)),
            ClaimOrder::What => rows.sort_by_key(|r| (r.what, r.who, r.side, r.scope)),
            ClaimOrder::Outlet => rows.sort_by(|a, b| a.reported_by.cmp(&b.reported_by)),
        }
        rows
    }
}

/// The claims of `inputs`: accepted annotations and suggestions (rejected
/// never), as known on `as_of` when given (claims from dispatches out by
/// then and speaking for no later date; the `current` dispatch counts as
/// out).
pub fn claims(
    inputs: &Inputs,
    aliases: &Claimants,
    as_of: Option<PartialDate>,
    current: Option<&str>,
) -> ClaimsDigest {
    digest(inputs, aliases, as_of, current, false)
}

/// As `claims`, a figure several dispatches repeat for one date (same
/// claimant, series, date and figure) made one row, its `copies` counting
/// them: what a reader is shown, without a row for each repeat.
pub fn distinct_claims(
    inputs: &Inputs,
    aliases: &Claimants,
    as_of: Option<PartialDate>,
    current: Option<&str>,
) -> ClaimsDigest {
    digest(inputs, aliases, as_of, current, true)
}

fn digest(
    inputs: &Inputs,
    aliases: &Claimants,
    as_of: Option<PartialDate>,
    current: Option<&str>,
    distinct: bool,
) -> ClaimsDigest {
    let found = gather(inputs, as_of, current);
    let names = found.iter().map(|(_, a, _, _)| (claimant_of(*a), authority(*a)));
    let index = ClaimantIndex::build(aliases, names);
    let mut parties = PartyCache::default();
    let found = if distinct {
        one_of_each(found, &index, current, &mut |p| parties.get(&aliases.parties, p))
    } else {
        found.into_iter().map(|f| (f, 1)).collect()
    };
    // Names and dispatch ids are shared by the rows that repeat them: a
    // digest of the newest dispatch holds every claim of the folder. One
    // lookup a claim: (group, canonical name, name as written).
    let mut canonical: HashMap<&str, Arc<str>> = HashMap::new();
    let mut claimants: HashMap<&str, (usize, Arc<str>, Arc<str>)> = HashMap::new();
    let mut article_of: Vec<Option<Arc<str>>> = vec![None; inputs.docs.len()];
    let mut outlet_of: Vec<Option<Option<Arc<str>>>> = vec![None; inputs.docs.len()];
    let mut denials: HashMap<&str, Arc<str>> = HashMap::new();
    let mut rows: Vec<(usize, usize, ClaimRow)> = found
        .iter()
        .map(|&((order, ann, article, date), copies)| {
            let written = claimant_of(ann);
            let (group, claimant, claimant_as_written) = claimants
                .entry(written)
                .or_insert_with(|| {
                    let group = index.group(written).unwrap_or(usize::MAX);
                    (group, share(&mut canonical, index.canonical(written)), Arc::from(written))
                })
                .clone();
            let row = ClaimRow {
                claimant,
                claimant_as_written,
                group,
                count_low: ann.count_low(),
                count_high: ann.count_high(),
                qualifier: ann.qualifier(),
                what: ann.what(),
                who: ann.who(),
                side: parties.get(&aliases.parties, ann.side()),
                scope: ann.scope().unwrap_or(Scope::Total),
                denied_by: ann.denied_by().map(|d| share(&mut denials, d)),
                as_of: date,
                article: article_of[order].get_or_insert_with(|| Arc::from(article)).clone(),
                reported_by: outlet_of[order]
                    .get_or_insert_with(|| inputs.docs[order].outlet.map(Arc::from))
                    .clone(),
                start: ann.start(),
                end: ann.end(),
                quote: super::timeline::one_line(ann.exact()),
                status: if ann.status() == Status::Accepted { Status::Accepted } else { Status::Suggested },
                disputed: false,
                disputed_with: Vec::new(),
                latest: false,
                copies,
            };
            (order, ann.start(), row)
        })
        .collect();
    drop(found);
    flag_disputes(&mut rows);
    group_rows(rows)
}

/// A found claim, and how many found claims it stands for.
type Counted<'a> = (Found<'a>, u32);

/// One claim of each (claimant, series, date, figure), with the number of
/// dispatches that give it (a communiqué quoted twice in one dispatch is
/// one): an accepted one if any, the current dispatch's if it has one, else
/// the first reported.
fn one_of_each<'a>(
    found: Vec<Found<'a>>,
    index: &ClaimantIndex,
    current: Option<&str>,
    party: &mut dyn FnMut(Option<Party>) -> Option<Party>,
) -> Vec<Counted<'a>> {
    let rank = |f: &Found| (f.1.status() != Status::Accepted, Some(f.2) != current);
    type Key = (Option<usize>, SeriesKey, Option<PartialDate>, Option<u64>, Option<u64>, Option<Qualifier>);
    let mut kept: Vec<Counted> = Vec::new();
    // the last dispatch counted for each kept claim: found claims come
    // dispatch by dispatch, so one comparison tells a new dispatch
    let mut last_order: Vec<usize> = Vec::new();
    let mut at: HashMap<Key, usize> = HashMap::new();
    for f in found {
        let m = f.1;
        let key = (
            index.group(claimant_of(m)),
            (m.what(), m.who(), party(m.side()), m.scope().unwrap_or(Scope::Total)),
            f.3,
            m.count_low(),
            m.count_high(),
            m.qualifier(),
        );
        match at.get(&key) {
            Some(&k) => {
                let (first, n) = &mut kept[k];
                if last_order[k] != f.0 {
                    last_order[k] = f.0;
                    *n += 1;
                }
                if rank(&f) < rank(first) {
                    *first = f;
                }
            }
            None => {
                at.insert(key, kept.len());
                last_order.push(f.0);
                kept.push((f, 1));
            }
        }
    }
    kept
}

fn share<'k>(shared: &mut HashMap<&'k str, Arc<str>>, s: &'k str) -> Arc<str> {
    shared.entry(s).or_insert_with(|| Arc::from(s)).clone()
}

/// A claim a digest is made of: (dispatch order, claim, dispatch id, the
/// date it speaks for).
type Found<'a> = (usize, Mark<'a>, &'a str, Option<PartialDate>);

/// The claims a digest as of `as_of` is made of, in an exactly sized vector
/// (counted first: a digest of every claim of the folder is the biggest
/// thing the reader makes).
fn gather<'a>(inputs: &Inputs<'a>, as_of: Option<PartialDate>, current: Option<&str>) -> Vec<Found<'a>> {
    let mut found = Vec::with_capacity(claims_in(inputs, as_of, current).count());
    found.extend(claims_in(inputs, as_of, current));
    found
}

fn claims_in<'a, 'i>(
    inputs: &'i Inputs<'a>,
    as_of: Option<PartialDate>,
    current: Option<&'i str>,
) -> impl Iterator<Item = Found<'a>> + 'i {
    let docs = inputs.docs.iter().enumerate().filter(move |(_, doc)| in_view(doc, as_of, current));
    docs.flat_map(move |(order, doc)| {
        let accepted = SpanSet::new(
            doc.annotations
                .iter()
                .filter(|a| a.kind == Kind::Claim && a.status == Status::Accepted)
                .map(|a| (a.start, a.end)),
        );
        doc.usable().filter(|a| a.kind() == Kind::Claim).filter_map(move |ann| {
            // A suggestion over a claim already accepted is that claim.
            if ann.status() != Status::Accepted && accepted.overlaps(ann.start(), ann.end()) {
                return None;
            }
            let date = ann.as_of().or(doc.date);
            if let Some(limit) = as_of
                && date.is_some_and(|d| d.first_day() > limit.last_day())
            {
                return None;
            }
            Some((order, ann, doc.id, date))
        })
    })
}

/// What a chart of claims tells apart: (what, who, party, scope).
pub type SeriesKey = (Option<What>, Option<Who>, Option<Party>, Scope);

/// A claimant's figures of one series over time: (day number, count), a
/// figure many dispatches repeat once.
pub type ChartLine = (String, Vec<(f64, f64)>);

/// Every series of the claims of `inputs`, most claimed first, each with
/// one line per claimant (in the order of a digest's groups): the chart of
/// the claims over time, without making the rows of a digest.
pub fn charts(inputs: &Inputs, aliases: &Claimants) -> Vec<(SeriesKey, Vec<ChartLine>)> {
    // Two passes over the claims, none kept: names, then points.
    let names = claims_in(inputs, None, None).map(|(_, a, _, _)| (claimant_of(a), authority(a)));
    let index = ClaimantIndex::build(aliases, names);
    let mut accepted: HashMap<usize, bool> = HashMap::new();
    let mut counts: HashMap<SeriesKey, usize> = HashMap::new();
    let mut points: HashMap<(SeriesKey, usize), Vec<(f64, f64)>> = HashMap::new();
    let mut parties = PartyCache::default();
    for (_, ann, _, date) in claims_in(inputs, None, None) {
        let group = index.group(claimant_of(ann)).unwrap_or(usize::MAX);
        *accepted.entry(group).or_default() |= ann.status() == Status::Accepted;
        let side = parties.get(&aliases.parties, ann.side());
        let key = (ann.what(), ann.who(), side, ann.scope().unwrap_or(Scope::Total));
        *counts.entry(key).or_default() += 1;
        // A date known only to the year has no place on a day axis.
        let day = date.filter(|d| d.month.is_some()).map(|d| d.first_day());
        if let (Some(day), Some(n)) = (day, ann.count_low().or(ann.count_high())) {
            let x = chrono::Datelike::num_days_from_ce(&day) as f64;
            points.entry((key, group)).or_default().push((x, n as f64));
        }
    }
    let name = |g: usize| if g == usize::MAX { UNATTRIBUTED } else { index.display(g) };
    let mut groups: Vec<(bool, String, usize)> =
        accepted.iter().map(|(&g, &acc)| (!acc, fold(name(g)), g)).collect();
    groups.sort();
    let mut series: Vec<(SeriesKey, usize)> = counts.into_iter().collect();
    series.sort_by_key(|&(key, n)| (std::cmp::Reverse(n), key));
    series
        .into_iter()
        .map(|(key, _)| {
            let lines = groups
                .iter()
                .filter_map(|&(_, _, g)| {
                    let mut p = points.remove(&(key, g))?;
                    p.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
                    p.dedup();
                    Some((name(g).to_string(), p))
                })
                .collect();
            (key, lines)
        })
        .collect()
}

/// Spans sorted by start, with the running maximum of their ends: whether
/// any overlaps a range in O(log n), not a scan per claim.
struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> SpanSet {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut max = 0;
        let max_end = spans.iter().map(|&(_, e)| {
            max = max.max(e);
            max
        });
        SpanSet { max_end: max_end.collect(), starts: spans.iter().map(|s| s.0).collect() }
    }

    /// Same rule as `Annotation::overlaps`: some span has start < end and
    /// start < its end.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.starts.partition_point(|&s| s < end);
        before > 0 && self.max_end[before - 1] > start
    }
}

/// The country a claimant speaks for, when its name says it
/// ("ministère arménien de la Défense", "autorités azerbaïdjanaises",
/// "armée russe"): the belligerents whose figures contradict each other.
pub fn camp_of(claimant: &str) -> Option<&'static str> {
    let world = crate::geo::world();
    claimant
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 3)
        .find_map(|w| {
            world.country_of_adjective(w).or_else(|| {
                world
                    .place(w)
                    .filter(|p| p.kind == crate::geo::PlaceKind::Country)
                    .and_then(|p| world.country(p.country_code))
            })
        })
        .map(|c| c.name_fr)
}

/// Per row, whether it is its claimant's total in its dispatch: the
/// highest figure of its series for its date there (the others are parts
/// of it, or of other incidents).
fn totals(rows: &[(usize, usize, ClaimRow)]) -> Vec<bool> {
    type At = (usize, usize, SeriesKey, Option<PartialDate>);
    let at =
        |(doc, _, r): &(usize, usize, ClaimRow)| (r.group, *doc, (r.what, r.who, r.side, r.scope), r.as_of);
    let mut highest: HashMap<At, f64> = HashMap::new();
    for row in rows {
        if let Some((low, _)) = row.2.range() {
            let h = highest.entry(at(row)).or_insert(low);
            *h = h.max(low);
        }
    }
    rows.iter().map(|row| row.2.range().is_some_and(|(low, _)| highest.get(&at(row)) == Some(&low))).collect()
}

/// Whether a row can dispute another: it says what, whom and whose losses,
/// and who claims it.
fn comparable(r: &ClaimRow) -> bool {
    // "des milliers", "tens of thousands": a vague count says "many", which
    // no count contradicts
    r.qualifier != Some(Qualifier::Many)
        && r.what.is_some()
        && r.who.is_some()
        && r.side.is_some_and(|p| p != Party::UNKNOWN)
        && &*r.claimant != UNATTRIBUTED
}

fn claimant_of<'a>(ann: Mark<'a>) -> &'a str {
    ann.claimant().map(str::trim).filter(|c| !c.is_empty()).unwrap_or(UNATTRIBUTED)
}

fn authority(ann: Mark) -> Authority {
    if ann.status() == Status::Accepted { Authority::Accepted } else { Authority::Suggested }
}

/// Flags claims of different claimants about the same (what, who, party,
/// scope), both dated to the day and at most `DISPUTE_WINDOW_DAYS` apart,
/// whose ranges do not overlap, each its claimant's total in its dispatch
/// (`totals`). Claims with an unknown party, kind or claimant, or a date
/// known only to the month, are not compared: a month is not "within three
/// days" of anything. Within one dispatch, only claimants speaking for two
/// different countries dispute ("Bakou: 900 soldats arméniens. Erevan
/// parle de 100"): one dispatch's other figures of a series are mostly
/// parts and other incidents ("766 d'entre elles", a second village).
fn flag_disputes(rows: &mut [(usize, usize, ClaimRow)]) {
    /// What a comparison needs, computed once per row.
    struct Cmp {
        row: usize,
        key: SeriesKey,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
        range: (f64, f64),
        group: usize,
        doc: usize,
        camp: Option<&'static str>,
    }
    let totals = totals(rows);
    let mut camps: HashMap<usize, Option<&'static str>> = HashMap::new();
    let mut cmp: Vec<Cmp> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| totals[*i])
        .filter_map(|(i, (doc, _, r))| {
            let date = r.as_of.filter(|d| d.day.is_some() && comparable(r))?;
            Some(Cmp {
                row: i,
                key: (r.what, r.who, r.side, r.scope),
                first: date.first_day(),
                last: date.last_day(),
                range: r.range()?,
                group: r.group,
                doc: *doc,
                camp: *camps.entry(r.group).or_insert_with(|| camp_of(&r.claimant)),
            })
        })
        .collect();
    cmp.sort_by_key(|c| (c.key, c.first));
    // Claims alike in every compared field (a figure repeated through a long
    // dispatch) dispute the same groups: compare each kind of claim once.
    // A class stands at its first claim in the sorted order.
    type ClassKey = (Key, chrono::NaiveDate, chrono::NaiveDate, (u64, u64), usize, usize);
    type Key = SeriesKey;
    let mut class_of: std::collections::HashMap<ClassKey, usize> = std::collections::HashMap::new();
    let mut classes: Vec<&Cmp> = Vec::new();
    let mut member_class: Vec<usize> = Vec::with_capacity(cmp.len());
    for c in &cmp {
        let key = (c.key, c.first, c.last, (c.range.0.to_bits(), c.range.1.to_bits()), c.group, c.doc);
        let id = *class_of.entry(key).or_insert_with(|| {
            classes.push(c);
            classes.len() - 1
        });
        member_class.push(id);
    }
    let window = chrono::Duration::days(DISPUTE_WINDOW_DAYS);
    // For each class, the classes it disagrees with.
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); classes.len()];
    for (n, a) in classes.iter().enumerate() {
        let until = a.last + window;
        // Sorted by first day: b starts no earlier than a, so the days
        // between them count from a's end; once b starts beyond a's window,
        // so do all that follow.
        for (m, b) in
            classes.iter().enumerate().skip(n + 1).take_while(|(_, b)| b.key == a.key && b.first <= until)
        {
            let disjoint = a.range.1 < b.range.0 || b.range.1 < a.range.0;
            let apart = a.doc != b.doc || (a.camp.is_some() && b.camp.is_some() && a.camp != b.camp);
            if a.group != b.group && apart && disjoint {
                partners[n].push(m);
                partners[m].push(n);
            }
        }
    }
    // A claim's disputing groups in the order of their first disputing
    // claim: a class's first claim is its index in `classes`.
    let against_class: Vec<Vec<usize>> = partners
        .into_iter()
        .map(|mut p| {
            p.sort_unstable();
            let mut groups: Vec<usize> = Vec::new();
            for c in p {
                if !groups.contains(&classes[c].group) {
                    groups.push(classes[c].group);
                }
            }
            groups
        })
        .collect();
    let mut against: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for (c, class) in cmp.iter().zip(&member_class) {
        against[c.row] = against_class[*class].clone();
    }
    let names: std::collections::HashMap<usize, Arc<str>> =
        rows.iter().map(|(_, _, r)| (r.group, r.claimant.clone())).collect();
    for (i, groups) in against.into_iter().enumerate() {
        if !groups.is_empty() {
            let r = &mut rows[i].2;
            r.disputed = true;
            r.disputed_with = groups.iter().map(|g| names[g].clone()).collect();
        }
    }
}

/// Groups rows by claimant, then series; marks the latest of each series.
fn group_rows(mut rows: Vec<(usize, usize, ClaimRow)>) -> ClaimsDigest {
    rows.sort_by(|(oa, sa, a), (ob, sb, b)| {
        (a.group, a.what, a.who, a.side, a.scope, a.as_of.is_none(), a.as_of, a.status, oa, sa).cmp(&(
            b.group,
            b.what,
            b.who,
            b.side,
            b.scope,
            b.as_of.is_none(),
            b.as_of,
            b.status,
            ob,
            sb,
        ))
    });
    // The rows are cut into series from the end, each history taking its
    // exact size and the rest shrinking: a digest of the newest dispatch
    // holds every claim of the folder, never twice.
    let mut rows: Vec<ClaimRow> = rows.into_iter().map(|(_, _, row)| row).collect();
    let series_key = |r: &ClaimRow| (r.group, r.what, r.who, r.side, r.scope);
    let mut groups: Vec<ClaimantGroup> = Vec::new();
    while let Some(last) = rows.last() {
        let key = series_key(last);
        let from = rows.iter().rposition(|r| series_key(r) != key).map_or(0, |i| i + 1);
        let history = rows.split_off(from);
        rows.shrink_to_fit();
        let first = &history[0];
        if groups.last().is_none_or(|g| g.series[0].history[0].group != first.group) {
            groups.push(ClaimantGroup { claimant: first.claimant.to_string(), series: Vec::new() });
        }
        let series =
            Series { what: first.what, who: first.who, side: first.side, scope: first.scope, history };
        groups.last_mut().expect("pushed above").series.push(series);
    }
    groups.reverse();
    for g in &mut groups {
        g.series.reverse();
    }
    for s in groups.iter_mut().flat_map(|g| g.series.iter_mut()) {
        let from = s.history.len() - s.latest().len();
        for r in &mut s.history[from..] {
            r.latest = true;
        }
    }
    let has_accepted =
        |g: &ClaimantGroup| g.series.iter().any(|s| s.history.iter().any(|r| r.status == Status::Accepted));
    groups.sort_by_cached_key(|g| (!has_accepted(g), fold(&g.claimant)));
    ClaimsDigest { groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairwise comparison `flag_disputes` replaced: every claim
    /// against every later claim of its window.
    fn reference(rows: &[(usize, usize, ClaimRow)]) -> Vec<Vec<usize>> {
        let totals = totals(rows);
        let mut idx: Vec<usize> = (0..rows.len())
            .filter(|&i| totals[i] && comparable(&rows[i].2))
            .filter(|&i| rows[i].2.as_of.is_some_and(|d| d.day.is_some()) && rows[i].2.range().is_some())
            .collect();
        let key = |i: usize| {
            let r = &rows[i].2;
            ((r.what, r.who, r.side, r.scope), r.as_of.unwrap().first_day())
        };
        idx.sort_by_key(|&i| key(i));
        let mut against = vec![Vec::new(); rows.len()];
        for (n, &a) in idx.iter().enumerate() {
            let ra = &rows[a].2;
            let until = ra.as_of.unwrap().last_day() + chrono::Duration::days(DISPUTE_WINDOW_DAYS);
            for &b in idx[n + 1..].iter().take_while(|&&b| key(b).0 == key(a).0 && key(b).1 <= until) {
                let rb = &rows[b].2;
                let (x, y) = (ra.range().unwrap(), rb.range().unwrap());
                let (ca, cb) = (camp_of(&ra.claimant), camp_of(&rb.claimant));
                let apart = rows[a].0 != rows[b].0 || (ca.is_some() && cb.is_some() && ca != cb);
                if ra.group != rb.group && apart && (x.1 < y.0 || y.1 < x.0) {
                    if !against[a].contains(&rb.group) {
                        against[a].push(rb.group);
                    }
                    if !against[b].contains(&ra.group) {
                        against[b].push(ra.group);
                    }
                }
            }
        }
        against
    }

    #[test]
    fn disputes_match_the_pairwise_comparison() {
        // A small linear congruential generator: the same cases every run.
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let n = 1 + next(40) as usize;
            let rows: Vec<(usize, usize, ClaimRow)> = (0..n)
                .map(|i| {
                    let group = next(4) as usize;
                    let low = 10 * next(5);
                    let as_of = match next(4) {
                        0 => PartialDate::month(2020, 10),
                        _ => PartialDate::day(2020, 10, 1 + next(12) as u32),
                    };
                    let row = ClaimRow {
                        claimant: format!("c{group}").into(),
                        claimant_as_written: format!("c{group}").into(),
                        group,
                        count_low: Some(low),
                        count_high: (next(3) == 0).then_some(low + 10 * next(3)),
                        qualifier: [None, Some(Qualifier::About), Some(Qualifier::MoreThan)]
                            [next(3) as usize],
                        what: Some(What::ALL[next(2) as usize]),
                        who: Some(Who::ALL[0]),
                        side: Some([Party::BOTH, Party::UNKNOWN][(next(8) == 0) as usize]),
                        scope: [Scope::Total, Scope::Each][(next(4) == 0) as usize],
                        denied_by: None,
                        as_of,
                        article: "a".into(),
                        reported_by: None,
                        start: i,
                        end: i + 1,
                        quote: String::new(),
                        status: Status::Accepted,
                        disputed: false,
                        disputed_with: Vec::new(),
                        latest: false,
                        copies: 1,
                    };
                    (next(3) as usize, i, row)
                })
                .collect();
            let expected = reference(&rows);
            let mut got = rows.clone();
            flag_disputes(&mut got);
            for (i, (_, _, r)) in got.iter().enumerate() {
                let names: Vec<Arc<str>> = expected[i].iter().map(|g| format!("c{g}").into()).collect();
                assert_eq!(r.disputed_with, names, "row {i} of {rows:?}");
                assert_eq!(r.disputed, !names.is_empty());
            }
        }
    }
}
