//! Casualty claims by source: every claim under its canonical claimant, in
//! series per (what, who, side), with disagreements between sources flagged.
//! Figures of different sources are never added together.

use serde::Serialize;

use super::claimants::{Authority, ClaimantIndex, Claimants, UNATTRIBUTED};
use super::fold::fold;
use super::{Inputs, in_view};
use crate::annotation::{Annotation, Kind, Qualifier, Side, Status, What, Who};
use crate::date::PartialDate;

/// Claims of the same (what, who, side) are compared when their dates are at
/// most this many days apart (0 when one date contains the other): figures
/// a few days apart speak for the same state of the war, a week later the
/// toll has moved.
pub const DISPUTE_WINDOW_DAYS: i64 = 3;

/// One claim, with its canonical claimant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRow {
    pub claimant: String,
    /// The claimant as the annotation or suggestion wrote it.
    #[serde(skip)]
    pub claimant_as_written: String,
    #[serde(skip)]
    pub group: usize,
    pub count_low: Option<u64>,
    pub count_high: Option<u64>,
    pub qualifier: Option<Qualifier>,
    pub what: Option<What>,
    pub who: Option<Who>,
    pub side: Option<Side>,
    /// The date the figure speaks for: its `as_of`, else the dispatch's date.
    pub as_of: Option<PartialDate>,
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub status: Status,
    pub disputed: bool,
    /// The claimants whose figures for the same thing at close dates do not
    /// overlap this one.
    pub disputed_with: Vec<String>,
    /// Whether this is the latest figure of its series (in the view asked for).
    pub latest: bool,
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

/// The claims of one (what, who, side) by one claimant, in as-of order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub what: Option<What>,
    pub who: Option<Who>,
    pub side: Option<Side>,
    pub history: Vec<ClaimRow>,
}

impl Series {
    /// The latest figures (as of the date the digest was made for): the
    /// claims of the last date, several when one dispatch gives several
    /// (30 armoured vehicles and 20 drones), never added together.
    pub fn latest(&self) -> &[ClaimRow] {
        let Some(last) = self.history.last() else { return &[] };
        let from = self.history.iter().rposition(|r| r.as_of != last.as_of).map_or(0, |i| i + 1);
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
            ClaimOrder::Side => rows.sort_by_key(|r| (r.side, r.what, r.who)),
            ClaimOrder::What => rows.sort_by_key(|r| (r.what, r.who, r.side)),
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
    let mut found: Vec<(usize, &Annotation, &str, Option<PartialDate>)> = Vec::new();
    for (order, doc) in inputs.docs.iter().enumerate() {
        if !in_view(doc, as_of, current) {
            continue;
        }
        let accepted = SpanSet::new(
            doc.annotations
                .iter()
                .filter(|a| a.kind == Kind::Claim && a.status == Status::Accepted)
                .map(|a| (a.start, a.end)),
        );
        for ann in doc.usable().filter(|a| a.kind == Kind::Claim) {
            // A suggestion over a claim already accepted is that claim.
            if ann.status != Status::Accepted && accepted.overlaps(ann.start, ann.end) {
                continue;
            }
            let date = ann.attrs.as_of.or(doc.date);
            if let Some(limit) = as_of
                && date.is_some_and(|d| d.first_day() > limit.last_day())
            {
                continue;
            }
            found.push((order, ann, doc.id, date));
        }
    }
    let names = found.iter().map(|(_, a, _, _)| (claimant_of(a), authority(a)));
    let index = ClaimantIndex::build(aliases, names);
    let mut rows: Vec<(usize, usize, ClaimRow)> = found
        .iter()
        .map(|&(order, ann, article, date)| {
            let written = claimant_of(ann);
            let group = index.group(written).unwrap_or(usize::MAX);
            let row = ClaimRow {
                claimant: index.canonical(written).to_string(),
                claimant_as_written: written.to_string(),
                group,
                count_low: ann.attrs.count_low,
                count_high: ann.attrs.count_high,
                qualifier: ann.attrs.qualifier,
                what: ann.attrs.what,
                who: ann.attrs.who,
                side: ann.attrs.side,
                as_of: date,
                article: article.to_string(),
                start: ann.start,
                end: ann.end,
                quote: ann.quote.exact.split_whitespace().collect::<Vec<_>>().join(" "),
                status: if ann.status == Status::Accepted { Status::Accepted } else { Status::Suggested },
                disputed: false,
                disputed_with: Vec::new(),
                latest: false,
            };
            (order, ann.start, row)
        })
        .collect();
    flag_disputes(&mut rows);
    group_rows(rows)
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

fn claimant_of(ann: &Annotation) -> &str {
    ann.attrs.claimant.as_deref().map(str::trim).filter(|c| !c.is_empty()).unwrap_or(UNATTRIBUTED)
}

fn authority(ann: &Annotation) -> Authority {
    if ann.status == Status::Accepted { Authority::Accepted } else { Authority::Suggested }
}

/// Flags claims of different claimants about the same (what, who, side), at
/// dates at most `DISPUTE_WINDOW_DAYS` apart, whose ranges do not overlap.
/// Claims with an unknown side, kind or date are not compared.
fn flag_disputes(rows: &mut [(usize, usize, ClaimRow)]) {
    /// What a comparison needs, computed once per row.
    struct Cmp {
        row: usize,
        key: (Option<What>, Option<Who>, Option<Side>),
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
        range: (f64, f64),
        group: usize,
    }
    let mut cmp: Vec<Cmp> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, r))| {
            let comparable =
                r.what.is_some() && r.who.is_some() && !matches!(r.side, None | Some(Side::Unknown));
            let date = r.as_of.filter(|_| comparable)?;
            Some(Cmp {
                row: i,
                key: (r.what, r.who, r.side),
                first: date.first_day(),
                last: date.last_day(),
                range: r.range()?,
                group: r.group,
            })
        })
        .collect();
    cmp.sort_by_key(|c| (c.key, c.first));
    let window = chrono::Duration::days(DISPUTE_WINDOW_DAYS);
    // For each row, the groups it disagrees with.
    let mut against: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for (n, a) in cmp.iter().enumerate() {
        let until = a.last + window;
        // Sorted by first day: b starts no earlier than a, so the days
        // between them count from a's end; once b starts beyond a's window,
        // so do all that follow.
        for b in cmp[n + 1..].iter().take_while(|b| b.key == a.key && b.first <= until) {
            let disjoint = a.range.1 < b.range.0 || b.range.1 < a.range.0;
            if a.group != b.group && disjoint {
                if !against[a.row].contains(&b.group) {
                    against[a.row].push(b.group);
                }
                if !against[b.row].contains(&a.group) {
                    against[b.row].push(a.group);
                }
            }
        }
    }
    let names: std::collections::HashMap<usize, String> =
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
        (a.group, a.what, a.who, a.side, a.as_of.is_none(), a.as_of, a.status, oa, sa).cmp(&(
            b.group,
            b.what,
            b.who,
            b.side,
            b.as_of.is_none(),
            b.as_of,
            b.status,
            ob,
            sb,
        ))
    });
    let mut groups: Vec<ClaimantGroup> = Vec::new();
    let mut last_group = None;
    for (_, _, row) in rows {
        if last_group != Some(row.group) {
            last_group = Some(row.group);
            groups.push(ClaimantGroup { claimant: row.claimant.clone(), series: Vec::new() });
        }
        let series = &mut groups.last_mut().expect("pushed above").series;
        match series.last_mut() {
            Some(s) if (s.what, s.who, s.side) == (row.what, row.who, row.side) => s.history.push(row),
            _ => series.push(Series { what: row.what, who: row.who, side: row.side, history: vec![row] }),
        }
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
