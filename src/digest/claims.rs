//! Casualty claims by source: every claim under its canonical claimant, in
//! series per (what, who, side), with disagreements between sources flagged.
//! Figures of different sources are never added together.

use super::FastMap as HashMap;
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
        range_of(self.count_low, self.count_high, self.qualifier)
    }
}

/// The range of counts a claim of these counts allows.
fn range_of(low: Option<u64>, high: Option<u64>, qualifier: Option<Qualifier>) -> Option<(f64, f64)> {
    let low = low.map(|n| n as f64);
    let high = high.map(|n| n as f64);
    let n = low.or(high)?;
    Some(match qualifier {
        Some(Qualifier::About) => (n * 0.9, high.unwrap_or(n) * 1.1),
        Some(Qualifier::Nearly) => (n * 0.9, n),
        Some(Qualifier::AtLeast) | Some(Qualifier::MoreThan) | Some(Qualifier::Many) => (n, f64::INFINITY),
        Some(Qualifier::UpTo) => (0.0, high.unwrap_or(n)),
        Some(Qualifier::Between) | Some(Qualifier::Exact) | None => (n, high.unwrap_or(n)),
    })
}

/// A `ClaimRow` as it serializes, borrowed from a `LeanClaims`: the same
/// fields in the same order (the test below holds them together).
#[derive(Debug, Serialize)]
pub struct ClaimView<'r> {
    claimant: &'r str,
    count_low: Option<u64>,
    count_high: Option<u64>,
    qualifier: Option<Qualifier>,
    what: Option<What>,
    who: Option<Who>,
    side: Option<&'static str>,
    scope: Scope,
    denied_by: Option<&'r str>,
    as_of: Option<PartialDate>,
    article: &'r str,
    reported_by: Option<&'r str>,
    start: usize,
    end: usize,
    quote: std::borrow::Cow<'r, str>,
    status: Status,
    disputed: bool,
    disputed_with: Canonical<'r>,
    latest: bool,
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
    lean(inputs, aliases, as_of, current, distinct).digest()
}

/// As `claims`, each row made only when asked (`LeanClaims::row`): what a
/// digest of every claim of a folder is written from, one chunk of rows at
/// a time, without holding every `ClaimRow` (its strings and names).
pub fn lean_claims<'a>(
    inputs: &Inputs<'a>,
    aliases: &Claimants,
    as_of: Option<PartialDate>,
    current: Option<&str>,
) -> LeanClaims<'a> {
    lean(inputs, aliases, as_of, current, false)
}

fn lean<'a>(
    inputs: &Inputs<'a>,
    aliases: &Claimants,
    as_of: Option<PartialDate>,
    current: Option<&str>,
    distinct: bool,
) -> LeanClaims<'a> {
    // Passes over the claims rather than a list of them: names, (count,)
    // rows. Only `distinct` keeps them, to make one of each.
    let grouped = || {
        let names = claims_in(inputs, as_of, current).map(|(_, a, _, _)| (claimant_of(a), authority(a)));
        ClaimantIndex::build(aliases, names)
    };
    let mut parties = PartyCache::default();
    let mut party = |p| parties.get(&aliases.parties, p);
    let (index, made) = if distinct {
        let index = grouped();
        let counted = one_of_each(gather(inputs, as_of, current), &index, current, &mut party);
        let made = made_rows(inputs, counted.len(), counted.into_iter(), &mut party);
        (index, made)
    } else {
        // The claimants grouped on one core while the rows are made on
        // the other: a row's group is filled in once both are done.
        std::thread::scope(|s| {
            let index = s.spawn(grouped);
            let found = claims_in(inputs, as_of, current).map(|f| (f, 1));
            let made = made_rows(inputs, 0, found, &mut party);
            (index.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), made)
        })
    };
    let Made { mut rows, written, articles, outlets } = made;
    // (group, canonical name, name as written) made once a name.
    let mut canonical: HashMap<&str, Arc<str>> = HashMap::default();
    let names: Vec<(usize, Arc<str>, Arc<str>)> = written
        .into_iter()
        .map(|w| match index.group(&w) {
            Some(g) => (g, share(&mut canonical, index.display(g)), w),
            // (`canonical`: a name unknown is its own)
            None => (usize::MAX, w.clone(), w),
        })
        .collect();
    // Each name's last row, and each group's name: the name of its last row.
    let mut last_row: Vec<usize> = vec![0; names.len()];
    for (i, l) in rows.iter_mut().enumerate() {
        l.group = names[l.name as usize].0;
        last_row[l.name as usize] = i;
    }
    let mut group_name: HashMap<usize, u32> = HashMap::default();
    let mut by_last: Vec<(usize, u32)> = last_row.iter().enumerate().map(|(n, &i)| (i, n as u32)).collect();
    by_last.sort_unstable();
    for (_, n) in by_last {
        group_name.insert(names[n as usize].0, n);
    }
    let mut claims = LeanClaims {
        rows,
        perm: Vec::new(),
        groups: Vec::new(),
        names,
        against: Against::default(),
        articles,
        outlets,
        side_rank: HashMap::default(),
        side_names: Vec::new(),
        group_name,
    };
    // Disputes and order read the rows, each to mark its own fields: the
    // rows are sorted on one core while the disputes are found.
    let (disputed, grouping) = std::thread::scope(|s| {
        let grouping = s.spawn(|| claims.grouping());
        let disputed = claims.disputed();
        (disputed, grouping.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    claims.flag_disputes(disputed);
    claims.group(grouping);
    claims
}

/// The rows of a digest as found, their claimants only as written (their
/// groups are not known yet), with the ids and outlets of their dispatches.
struct Made<'a> {
    rows: Vec<Lean<'a>>,
    /// Each name written, in the order first found (`Lean::name`).
    written: Vec<Arc<str>>,
    articles: Vec<Option<Arc<str>>>,
    outlets: Vec<Option<Arc<str>>>,
}

/// The `len` claims of `found` made rows.
fn made_rows<'a>(
    inputs: &Inputs<'a>,
    len: usize,
    found: impl Iterator<Item = Counted<'a>>,
    party: &mut dyn FnMut(Option<Party>) -> Option<Party>,
) -> Made<'a> {
    // Names and dispatch ids are shared by the rows that repeat them: one
    // lookup a claim, a name made once.
    let mut claimants: HashMap<&str, u32> = HashMap::default();
    let mut written: Vec<Arc<str>> = Vec::new();
    let mut articles: Vec<Option<Arc<str>>> = vec![None; inputs.docs.len()];
    let mut outlets: Vec<Option<Arc<str>>> = vec![None; inputs.docs.len()];
    let mut rows: Vec<Lean<'a>> = Vec::with_capacity(len);
    for ((order, ann, article, date), copies) in found {
        let name = claimant_of(ann);
        let name = *claimants.entry(name).or_insert_with(|| {
            written.push(Arc::from(name));
            (written.len() - 1) as u32
        });
        if articles[order].is_none() {
            articles[order] = Some(Arc::from(article));
            outlets[order] = inputs.docs[order].outlet.map(Arc::from);
        }
        rows.push(Lean {
            mark: ann,
            order,
            name,
            group: usize::MAX,
            side: party(ann.side()),
            scope: ann.scope().unwrap_or(Scope::Total),
            as_of: date,
            copies,
            against: NOT_DISPUTED,
            latest: false,
        });
    }
    Made { rows, written, articles, outlets }
}

/// How a digest's rows sort: (group, what, who, side's rank (0: none),
/// scope, `date_key`, status, dispatch order, start).
type SortKey = (u32, Option<What>, Option<Who>, u32, Scope, u64, Status, u32, u32);

/// A date as a number in the dates' order, an undated claim (`u64::MAX`)
/// after every date.
fn date_key(d: PartialDate) -> u64 {
    let part = |n: Option<u32>| u64::from(n.map_or(0, |n| n.min(0xfffe) + 1));
    let year = (i64::from(d.year) - i64::from(i32::MIN)) as u64;
    (year << 32) | (part(d.month) << 16) | part(d.day)
}

/// A claim of a digest as it is compared, sorted and grouped: its mark and
/// what it was resolved to, no string of its own.
#[derive(Debug, Clone, Copy)]
struct Lean<'a> {
    mark: Mark<'a>,
    /// The dispatch's order in the inputs.
    order: usize,
    /// Its claimant in `LeanClaims::names`.
    name: u32,
    group: usize,
    side: Option<Party>,
    scope: Scope,
    as_of: Option<PartialDate>,
    copies: u32,
    /// The claimants disputing it, in `LeanClaims::against`.
    against: u32,
    latest: bool,
}

const NOT_DISPUTED: u32 = u32::MAX;

impl Lean<'_> {
    fn status(&self) -> Status {
        if self.mark.status() == Status::Accepted { Status::Accepted } else { Status::Suggested }
    }

    fn range(&self) -> Option<(f64, f64)> {
        range_of(self.mark.count_low(), self.mark.count_high(), self.mark.qualifier())
    }
}

/// The lists of disputing claimants: `disputes`' lists of groups, each
/// group shown by the canonical name of `LeanClaims::names[name_of[d]]`
/// (`d` its dense number).
#[derive(Default)]
struct Against {
    name_of: Vec<u32>,
    lists: Lists,
}

/// Claimants as JSON shows them: a list of their canonical names.
#[derive(Debug)]
struct Canonical<'r> {
    /// The groups' dense numbers (`Against`).
    groups: &'r [u32],
    name_of: &'r [u32],
    all: &'r [(usize, Arc<str>, Arc<str>)],
}

impl Serialize for Canonical<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.groups.iter().map(|&d| &*self.all[self.name_of[d as usize] as usize].1))
    }
}

/// The claims of a digest, each made a `ClaimRow` when asked.
pub struct LeanClaims<'a> {
    /// In the order they were found.
    rows: Vec<Lean<'a>>,
    /// The rows in the digest's order (claimant, then series, then date).
    perm: Vec<u32>,
    /// Each claimant group's rows in `perm`.
    groups: Vec<std::ops::Range<usize>>,
    /// (group, canonical name, name as written) of each name written.
    names: Vec<(usize, Arc<str>, Arc<str>)>,
    /// The lists of disputing claimants.
    against: Against,
    /// Each dispatch's id and outlet, by order, for those with claims.
    articles: Vec<Option<Arc<str>>>,
    outlets: Vec<Option<Arc<str>>>,
    /// Each party's place among the parties of the rows by name (`Party`'s
    /// order, without reading the party table at each comparison).
    side_rank: HashMap<Party, u32>,
    /// The names of the parties of the rows, by index (a row shown does
    /// not lock the party table).
    side_names: Vec<&'static str>,
    /// Each group's name (in `names`): its last row's (all of a group's
    /// rows share its canonical name).
    group_name: HashMap<usize, u32>,
}

impl<'a> LeanClaims<'a> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows (as `LeanClaims::row` takes them) in the order asked for,
    /// as `ClaimsDigest::rows` gives them.
    pub fn order(&self, order: ClaimOrder) -> Vec<u32> {
        let mut perm = self.perm.clone();
        let side = |l: &Lean| l.side.map(|p| self.side_rank[&p]);
        let row = |i: &u32| &self.rows[*i as usize];
        let what = |l: &Lean| l.mark.what();
        let who = |l: &Lean| l.mark.who();
        match order {
            ClaimOrder::Claimant => {}
            ClaimOrder::Side => perm.sort_by_key(|i| {
                let l = row(i);
                (side(l), l.scope, what(l), who(l))
            }),
            ClaimOrder::What => perm.sort_by_key(|i| {
                let l = row(i);
                (what(l), who(l), side(l), l.scope)
            }),
            ClaimOrder::Outlet => perm.sort_by(|a, b| {
                self.outlets[row(a).order].as_deref().cmp(&self.outlets[row(b).order].as_deref())
            }),
        }
        perm
    }

    /// The row `i` (of `LeanClaims::order`) in full.
    pub fn row(&self, i: u32) -> ClaimRow {
        let l = &self.rows[i as usize];
        let ann = l.mark;
        let (_, claimant, written) = &self.names[l.name as usize];
        ClaimRow {
            claimant: claimant.clone(),
            claimant_as_written: written.clone(),
            group: l.group,
            count_low: ann.count_low(),
            count_high: ann.count_high(),
            qualifier: ann.qualifier(),
            what: ann.what(),
            who: ann.who(),
            side: l.side,
            scope: l.scope,
            denied_by: ann.denied_by().map(Arc::from),
            as_of: l.as_of,
            article: self.articles[l.order].clone().unwrap_or_else(|| Arc::from("")),
            reported_by: self.outlets[l.order].clone(),
            start: ann.start(),
            end: ann.end(),
            quote: super::timeline::one_line(ann.exact()),
            status: l.status(),
            disputed: l.against != NOT_DISPUTED,
            disputed_with: self
                .disputing(l)
                .iter()
                .map(|&d| self.names[self.against.name_of[d as usize] as usize].1.clone())
                .collect(),
            latest: l.latest,
            copies: l.copies,
        }
    }

    /// The row `i` as JSON shows it (`ClaimRow`'s fields), borrowed: no
    /// string made, no name counted.
    pub fn view(&self, i: u32) -> ClaimView<'_> {
        let l = &self.rows[i as usize];
        let ann = l.mark;
        ClaimView {
            claimant: &self.names[l.name as usize].1,
            count_low: ann.count_low(),
            count_high: ann.count_high(),
            qualifier: ann.qualifier(),
            what: ann.what(),
            who: ann.who(),
            side: l.side.map(|p| self.side_names[p.index() as usize]),
            scope: l.scope,
            denied_by: ann.denied_by(),
            as_of: l.as_of,
            article: self.articles[l.order].as_deref().unwrap_or(""),
            reported_by: self.outlets[l.order].as_deref(),
            start: ann.start(),
            end: ann.end(),
            quote: super::timeline::one_line_cow(ann.exact()),
            status: l.status(),
            disputed: l.against != NOT_DISPUTED,
            disputed_with: Canonical {
                groups: self.disputing(l),
                name_of: &self.against.name_of,
                all: &self.names,
            },
            latest: l.latest,
        }
    }

    /// Every row made, in claimant groups and series.
    fn digest(self) -> ClaimsDigest {
        // Denials shared by the rows that repeat them, as names are.
        let mut denials: HashMap<&str, Arc<str>> = HashMap::default();
        let mut made = |i: u32| {
            let mut row = self.row(i);
            if let Some(d) = self.rows[i as usize].mark.denied_by() {
                row.denied_by = Some(share(&mut denials, d));
            }
            row
        };
        let mut groups = Vec::with_capacity(self.groups.len());
        for range in &self.groups {
            let rows = &self.perm[range.clone()];
            let mut series: Vec<Series> = Vec::new();
            let mut from = 0;
            while from < rows.len() {
                let key = self.series_key(rows[from]);
                let upto = from + rows[from..].iter().take_while(|&&i| self.series_key(i) == key).count();
                let history: Vec<ClaimRow> = rows[from..upto].iter().map(|&i| made(i)).collect();
                let first = &history[0];
                series.push(Series {
                    what: first.what,
                    who: first.who,
                    side: first.side,
                    scope: first.scope,
                    history,
                });
                from = upto;
            }
            let claimant = series.last().map(|s| s.history[0].claimant.to_string()).unwrap_or_default();
            groups.push(ClaimantGroup { claimant, series });
        }
        ClaimsDigest { groups }
    }

    /// The groups (by dense number, `Against`) disputing a row.
    fn disputing(&self, l: &Lean) -> &[u32] {
        if l.against == NOT_DISPUTED { &[] } else { self.against.lists.get(l.against) }
    }

    fn series_key(&self, i: u32) -> (usize, Option<What>, Option<Who>, Option<Party>, Scope) {
        let l = &self.rows[i as usize];
        (l.group, l.mark.what(), l.mark.who(), l.side, l.scope)
    }

    /// See `disputes`: the lists of disputing claimants, and the rows
    /// each list is of.
    fn disputed(&self) -> (Against, Vec<(usize, u32)>) {
        let rows = &self.rows;
        let names = &self.names;
        let fact = |i: usize| {
            let l = &rows[i];
            let claimant: &str = &names[l.name as usize].1;
            let (what, who, qualifier) = (l.mark.what(), l.mark.who(), l.mark.qualifier());
            Fact {
                doc: l.order,
                group: l.group,
                key: (what, who, l.side.map(Party::index), l.scope),
                as_of: l.as_of,
                range: l.range(),
                comparable: comparable(qualifier, what, who, l.side, claimant),
                claimant,
            }
        };
        let (lists, disputed) = disputes(rows.len(), fact);
        let name_of = lists.groups.iter().map(|g| self.group_name[g]).collect();
        (Against { name_of, lists }, disputed)
    }

    /// Marks the rows `disputed` found disputed.
    fn flag_disputes(&mut self, (against, disputed): (Against, Vec<(usize, u32)>)) {
        for (row, list) in disputed {
            self.rows[row].against = list;
        }
        self.against = against;
    }

    /// The rows sorted by claimant, then series, then date; the latest of
    /// each series; groups with accepted claims first, then by name.
    fn grouping(&self) -> Grouping {
        let mut parties: Vec<Party> = self.rows.iter().filter_map(|l| l.side).collect();
        parties.sort_unstable_by_key(|p| p.index());
        parties.dedup();
        parties.sort();
        let mut side_names = vec![""; parties.iter().map(|p| p.index() as usize + 1).max().unwrap_or(0)];
        for &p in &parties {
            side_names[p.index() as usize] = p.as_str();
        }
        let side_rank: HashMap<Party, u32> =
            parties.into_iter().enumerate().map(|(i, p)| (p, i as u32)).collect();
        let rows = &self.rows;
        let rank = &side_rank;
        // Each row's key made once (group, series, date, status, dispatch,
        // start), small; the row's place last: rows alike stay in the order
        // found.
        let mut keys: Vec<(SortKey, u32)> = rows
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let side = l.side.map_or(0, |p| rank[&p] + 1);
                let group = u32::try_from(l.group).unwrap_or(u32::MAX);
                let date = l.as_of.map_or(u64::MAX, date_key);
                let (order, start) = (l.order as u32, l.mark.start() as u32);
                (
                    (group, l.mark.what(), l.mark.who(), side, l.scope, date, l.status(), order, start),
                    i as u32,
                )
            })
            .collect();
        keys.sort_unstable();
        let perm: Vec<u32> = keys.into_iter().map(|(_, i)| i).collect();
        // Groups and series, and the latest figures of each series.
        let mut latest: Vec<u32> = Vec::new();
        let mut groups: Vec<(bool, std::ops::Range<usize>)> = Vec::new();
        let mut from = 0;
        while from < perm.len() {
            let group = rows[perm[from] as usize].group;
            let upto = from + perm[from..].iter().take_while(|&&i| rows[i as usize].group == group).count();
            let mut s = from;
            while s < upto {
                let skey = self.series_key(perm[s]);
                let e = s + perm[s..upto].iter().take_while(|&&i| self.series_key(i) == skey).count();
                let at = |i: u32| {
                    let d = rows[i as usize].as_of;
                    (d.is_none(), d)
                };
                let last = at(perm[e - 1]);
                let first_latest = s + perm[s..e].partition_point(|&i| at(i) < last);
                latest.extend_from_slice(&perm[first_latest..e]);
                s = e;
            }
            let accepted = perm[from..upto].iter().any(|&i| rows[i as usize].status() == Status::Accepted);
            groups.push((accepted, from..upto));
            from = upto;
        }
        // The name a group is shown and sorted by: its last series' first
        // row's claimant.
        let shown = |range: &std::ops::Range<usize>| {
            let last = rows[perm[range.end - 1] as usize].group;
            let mut s = range.end - 1;
            let skey = self.series_key(perm[s]);
            while s > range.start && self.series_key(perm[s - 1]) == skey {
                s -= 1;
            }
            debug_assert_eq!(rows[perm[s] as usize].group, last);
            fold(&self.names[rows[perm[s] as usize].name as usize].1)
        };
        let mut order: Vec<((bool, String), usize)> =
            groups.iter().enumerate().map(|(n, (acc, range))| ((!acc, shown(range)), n)).collect();
        order.sort();
        let mut sorted = Vec::with_capacity(perm.len());
        let mut ranges = Vec::with_capacity(groups.len());
        for (_, n) in order {
            let range = groups[n].1.clone();
            let at = sorted.len();
            sorted.extend_from_slice(&perm[range.clone()]);
            ranges.push(at..sorted.len());
        }
        Grouping { perm: sorted, groups: ranges, latest, side_rank, side_names }
    }

    /// Puts the rows in the order of `grouping`.
    fn group(&mut self, grouping: Grouping) {
        for &i in &grouping.latest {
            self.rows[i as usize].latest = true;
        }
        self.perm = grouping.perm;
        self.groups = grouping.groups;
        self.side_rank = grouping.side_rank;
        self.side_names = grouping.side_names;
    }
}

/// The order of a digest's rows (see `LeanClaims::grouping`).
struct Grouping {
    perm: Vec<u32>,
    groups: Vec<std::ops::Range<usize>>,
    /// The latest rows of their series.
    latest: Vec<u32>,
    side_rank: HashMap<Party, u32>,
    side_names: Vec<&'static str>,
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
    let mut at: HashMap<Key, usize> = HashMap::default();
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
    let mut accepted: HashMap<usize, bool> = HashMap::default();
    let mut counts: HashMap<SeriesKey, usize> = HashMap::default();
    let mut points: HashMap<(SeriesKey, usize), Vec<(f64, f64)>> = HashMap::default();
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

/// What deciding disputes reads of a claim. Its party by its index: two
/// claims of one party have one, and only equal keys are compared.
struct Fact<'n> {
    doc: usize,
    group: usize,
    key: (Option<What>, Option<Who>, Option<u32>, Scope),
    as_of: Option<PartialDate>,
    range: Option<(f64, f64)>,
    comparable: bool,
    /// Its canonical claimant.
    claimant: &'n str,
}

/// Per claim, whether it is its claimant's total in its dispatch: the
/// highest figure of its series for its date there (the others are parts
/// of it, or of other incidents). Claims come dispatch by dispatch: the
/// highest figures are kept for one dispatch at a time.
fn totals<'n>(n: usize, fact: &impl Fn(usize) -> Fact<'n>) -> Vec<bool> {
    type Place = (usize, (usize, (Option<What>, Option<Who>, Option<u32>, Scope), Option<PartialDate>));
    // A claim's dispatch, place there and lowest count, read once.
    let seen = |i: usize| {
        let f = fact(i);
        ((f.doc, (f.group, f.key, f.as_of)), f.range.map(|r| r.0))
    };
    let mut highest: HashMap<Place, f64> = HashMap::default();
    let mut totals_of = |batch: &[(Place, Option<f64>)], totals: &mut Vec<bool>| {
        highest.clear();
        for &(place, low) in batch {
            if let Some(low) = low {
                let h = highest.entry(place).or_insert(low);
                *h = h.max(low);
            }
        }
        totals.extend(batch.iter().map(|(place, low)| low.is_some_and(|l| highest.get(place) == Some(&l))));
    };
    let mut totals = Vec::with_capacity(n);
    let mut batch: Vec<(Place, Option<f64>)> = Vec::new();
    for i in 0..n {
        let claim = seen(i);
        match batch.last() {
            Some(last) if last.0.0 > claim.0.0 => {
                // Claims in another order: the highest figures of all at once.
                let all: Vec<(Place, Option<f64>)> = (0..n).map(seen).collect();
                totals.clear();
                totals_of(&all, &mut totals);
                return totals;
            }
            Some(last) if last.0.0 < claim.0.0 => {
                totals_of(&batch, &mut totals);
                batch.clear();
            }
            _ => {}
        }
        batch.push(claim);
    }
    totals_of(&batch, &mut totals);
    totals
}

/// Whether a claim can dispute another: it says what, whom and whose
/// losses, and who claims it.
fn comparable(
    qualifier: Option<Qualifier>,
    what: Option<What>,
    who: Option<Who>,
    side: Option<Party>,
    claimant: &str,
) -> bool {
    // "des milliers", "tens of thousands": a vague count says "many", which
    // no count contradicts
    qualifier != Some(Qualifier::Many)
        && what.is_some()
        && who.is_some()
        && side.is_some_and(|p| p != Party::UNKNOWN)
        && claimant != UNATTRIBUTED
}

fn claimant_of<'a>(ann: Mark<'a>) -> &'a str {
    ann.claimant().map(str::trim).filter(|c| !c.is_empty()).unwrap_or(UNATTRIBUTED)
}

fn authority(ann: Mark) -> Authority {
    if ann.status() == Status::Accepted { Authority::Accepted } else { Authority::Suggested }
}

/// Which claims dispute others: claims of different claimants about the
/// same (what, who, party, scope), both dated to the day and at most
/// `DISPUTE_WINDOW_DAYS` apart, whose ranges do not overlap, each its
/// claimant's total in its dispatch (`totals`). Claims with an unknown
/// party, kind or claimant, or a date known only to the month, are not
/// compared: a month is not "within three days" of anything. Within one
/// dispatch, only claimants speaking for two different countries dispute
/// ("Bakou: 900 soldats arméniens. Erevan parle de 100"): one dispatch's
/// other figures of a series are mostly parts and other incidents ("766
/// d'entre elles", a second village).
///
/// Gives the lists of disputing groups (each in the order of its first
/// disputing claim) and, for each disputed claim, its list (claims in no
/// order).
fn disputes<'n>(n: usize, fact: impl Fn(usize) -> Fact<'n>) -> (Lists, Vec<(usize, u32)>) {
    let totals = totals(n, &fact);
    // Groups numbered densely (a mark a group while comparing), with
    // their camps.
    // A camp as a number, 0 for none: camps compared without their names.
    let mut dense: HashMap<usize, u32> = HashMap::default();
    let mut camp_ids: HashMap<&'static str, u32> = HashMap::default();
    let mut groups: Vec<(usize, u32)> = Vec::new();
    let mut cmp: Vec<Cmp> = (0..n)
        .filter(|&i| totals[i])
        .filter_map(|i| {
            let f = fact(i);
            let date = f.as_of.filter(|d| d.day.is_some() && f.comparable)?;
            let range = f.range?;
            let group = *dense.entry(f.group).or_insert_with(|| {
                let camp = camp_of(f.claimant).map_or(0, |c| {
                    let next = camp_ids.len() as u32 + 1;
                    *camp_ids.entry(c).or_insert(next)
                });
                groups.push((f.group, camp));
                (groups.len() - 1) as u32
            });
            // A date to the day: its first day is its last.
            let day = chrono::Datelike::num_days_from_ce(&date.first_day());
            Some(Cmp { key: series_number(f.key), day, range, group, row: i as u32, doc: f.doc as u32 })
        })
        .collect();
    drop((totals, dense, camp_ids));
    // (by row last: the claims alike stay in the order found)
    cmp.sort_unstable_by_key(|c| (c.key, c.day, c.row));
    let (classes, member_class) = classes_of(&cmp);
    // Classes of different series never meet: the series are compared on
    // every core, a run of whole series at a time.
    let runs = series_runs(&classes, &cmp);
    let found = crate::corpus::parallel::map(runs, |run| partners(&classes[run], &cmp, &groups));
    // The lists kept as each core made them, not copied.
    let mut lists = Lists { groups: groups.iter().map(|&(g, _)| g).collect(), ..Lists::default() };
    let mut list_of: Vec<u32> = Vec::with_capacity(classes.len());
    for (flat, spans) in found {
        let run = lists.flats.len() as u32;
        for span in spans {
            list_of.push(match span {
                None => NOT_DISPUTED,
                Some((s, e)) => {
                    lists.spans.push((run, s, e));
                    (lists.spans.len() - 1) as u32
                }
            });
        }
        lists.flats.push(flat);
    }
    // (in the order compared: a claim is compared once)
    let disputed: Vec<(usize, u32)> = cmp
        .iter()
        .zip(&member_class)
        .filter(|&(_, &class)| list_of[class as usize] != NOT_DISPUTED)
        .map(|(c, &class)| (c.row as usize, list_of[class as usize]))
        .collect();
    (lists, disputed)
}

/// A series key as one number, in the keys' order: (what, who, party,
/// scope) each a field of its bits, a `None` before every value.
fn series_number((what, who, side, scope): (Option<What>, Option<Who>, Option<u32>, Scope)) -> u64 {
    let what = what.map_or(0, |w| w as u64 + 1);
    let who = who.map_or(0, |w| w as u64 + 1);
    let side = side.map_or(0, |p| u64::from(p) + 1);
    (what << 56) | (who << 48) | (side << 8) | scope as u64
}

/// Lists of groups by their dense numbers: the list `i` is
/// `flats[spans[i].0][spans[i].1..spans[i].2]`, the dense number `d` the
/// group `groups[d]`.
#[derive(Default)]
struct Lists {
    groups: Vec<usize>,
    flats: Vec<Vec<u32>>,
    spans: Vec<(u32, u32, u32)>,
}

impl Lists {
    fn get(&self, i: u32) -> &[u32] {
        let (run, s, e) = self.spans[i as usize];
        &self.flats[run as usize][s as usize..e as usize]
    }
}

/// What a comparison needs of a claim, computed once: its series (as
/// `series_number`), its day, its range, its group (numbered densely), row
/// and dispatch.
struct Cmp {
    key: u64,
    /// Days from the common era's first (compared a few times a pair).
    day: i32,
    range: (f64, f64),
    group: u32,
    row: u32,
    doc: u32,
}

/// Claims alike in every compared field (a figure repeated through a long
/// dispatch) dispute the same groups: each kind of claim is compared once.
/// Gives the classes (each at its first claim in `cmp`, sorted by series
/// and day) and each claim's class. Claims alike share a series and a day:
/// the claims of one (series, day) are told apart at a time.
fn classes_of(cmp: &[Cmp]) -> (Vec<u32>, Vec<u32>) {
    type ClassKey = ((u64, u64), u32, u32);
    let mut class_of: HashMap<ClassKey, u32> = HashMap::default();
    let mut classes: Vec<u32> = Vec::new();
    let mut member_class: Vec<u32> = Vec::with_capacity(cmp.len());
    for (i, c) in cmp.iter().enumerate() {
        if i > 0 && (cmp[i - 1].key, cmp[i - 1].day) != (c.key, c.day) {
            class_of.clear();
        }
        let key = ((c.range.0.to_bits(), c.range.1.to_bits()), c.group, c.doc);
        let id = *class_of.entry(key).or_insert_with(|| {
            classes.push(i as u32);
            (classes.len() - 1) as u32
        });
        member_class.push(id);
    }
    (classes, member_class)
}

/// The classes cut into runs of whole series, a few hundred runs (each
/// thread of `parallel::map` takes a contiguous share of them).
fn series_runs(classes: &[u32], cmp: &[Cmp]) -> Vec<std::ops::Range<usize>> {
    let per = classes.len().div_ceil(256).max(1);
    let mut runs = Vec::new();
    let mut from = 0;
    while from < classes.len() {
        let mut upto = (from + per).min(classes.len());
        let key = |i: usize| cmp[classes[i] as usize].key;
        while upto < classes.len() && key(upto) == key(upto - 1) {
            upto += 1;
        }
        runs.push(from..upto);
        from = upto;
    }
    runs
}

/// For each class of `run` (whole series, sorted by day), the groups of
/// the classes it disagrees with, in the order of their first such class
/// (dense numbers, one after another in the first vector), or `None`.
#[allow(clippy::type_complexity)]
fn partners(run: &[u32], cmp: &[Cmp], groups: &[(usize, u32)]) -> (Vec<u32>, Vec<Option<(u32, u32)>>) {
    let window = DISPUTE_WINDOW_DAYS as i32;
    // The run's classes side by side, with what a comparison reads (a
    // scan of a window reads each some fifty times).
    let classes: Vec<Side> = run
        .iter()
        .map(|&c| {
            let c = &cmp[c as usize];
            Side {
                low: c.range.0,
                high: c.range.1,
                group: c.group,
                doc: c.doc,
                camp: groups[c.group as usize].1,
            }
        })
        .collect();
    let key = |n: usize| cmp[run[n] as usize].key;
    let day = |n: usize| cmp[run[n] as usize].day;
    // The class whose list a group was last put in: a group once a list.
    let mut stamp: Vec<u32> = vec![u32::MAX; groups.len()];
    let mut flat: Vec<u32> = Vec::new();
    let mut spans = Vec::with_capacity(run.len());
    let mut disagreeing: Vec<u32> = Vec::new();
    // The classes of a (series, day) share their window: the classes of
    // the series within `window` days of it, from `from` to `upto`.
    let (mut from, mut upto) = (0, 0);
    let mut block = 0;
    while block < run.len() {
        let (k, d) = (key(block), day(block));
        let end = block + (block..run.len()).take_while(|&m| key(m) == k && day(m) == d).count();
        while key(from) != k || day(from) + window < d {
            from += 1;
        }
        upto = upto.max(end);
        while upto < run.len() && key(upto) == k && day(upto) <= d + window {
            upto += 1;
        }
        let near = &classes[from..upto];
        for (n, a) in classes.iter().enumerate().take(end).skip(block) {
            // Without a branch a comparison (their outcomes follow no
            // pattern): the groups of the classes `a` disagrees with
            // written one after another, each counted only when it does...
            disagreeing.resize(near.len(), 0);
            let mut found = 0;
            // (a class never disagrees with itself: one group)
            for b in near {
                disagreeing[found] = b.group;
                found += usize::from(a.disagrees(b));
            }
            // ... then each group kept once, at its first.
            let at = flat.len();
            flat.resize(at + found, 0);
            let mut kept = at;
            for &g in &disagreeing[..found] {
                flat[kept] = g;
                kept += usize::from(stamp[g as usize] != n as u32);
                stamp[g as usize] = n as u32;
            }
            flat.truncate(kept);
            spans.push((kept > at).then_some((at as u32, kept as u32)));
        }
        block = end;
    }
    (flat, spans)
}

/// A class as `partners` compares it: its range, group, dispatch and its
/// group's camp (0: none).
struct Side {
    low: f64,
    high: f64,
    group: u32,
    doc: u32,
    camp: u32,
}

impl Side {
    /// Claims of different groups whose ranges do not overlap, from
    /// different dispatches or claimants of different camps.
    fn disagrees(&self, b: &Side) -> bool {
        // (`&` and `|`, not `&&` and `||`: no branch)
        let disjoint = (self.high < b.low) | (b.high < self.low);
        let apart = (self.doc != b.doc) | ((self.camp != 0) & (b.camp != 0) & (self.camp != b.camp));
        (self.group != b.group) & apart & disjoint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact_of<'r>(rows: &'r [(usize, usize, ClaimRow)]) -> impl Fn(usize) -> Fact<'r> {
        move |i| {
            let (doc, _, r) = &rows[i];
            Fact {
                doc: *doc,
                group: r.group,
                key: (r.what, r.who, r.side.map(Party::index), r.scope),
                as_of: r.as_of,
                range: r.range(),
                comparable: comparable(r.qualifier, r.what, r.who, r.side, &r.claimant),
                claimant: &r.claimant,
            }
        }
    }

    /// `disputes` on rows made in full, as `LeanClaims::disputed` reads them.
    fn flag_disputes(rows: &mut [(usize, usize, ClaimRow)]) {
        let (lists, disputed) = disputes(rows.len(), fact_of(rows));
        let names: HashMap<usize, Arc<str>> =
            rows.iter().map(|(_, _, r)| (r.group, r.claimant.clone())).collect();
        for (row, list) in disputed {
            let r = &mut rows[row].2;
            r.disputed = true;
            r.disputed_with =
                lists.get(list).iter().map(|&d| names[&lists.groups[d as usize]].clone()).collect();
        }
    }

    /// The pairwise comparison `disputes` replaced: every claim against
    /// every later claim of its window.
    fn reference(rows: &[(usize, usize, ClaimRow)]) -> Vec<Vec<usize>> {
        let totals = totals(rows.len(), &fact_of(rows));
        let mut idx: Vec<usize> = (0..rows.len())
            .filter(|&i| totals[i] && fact_of(rows)(i).comparable)
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
    fn a_lean_row_shows_as_the_row_made_in_full() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
        let project = crate::project::Project::open(&dir).unwrap();
        let suggestions = crate::extract::suggest_project(&project);
        let aliases = Claimants::load(&project.dir).unwrap();
        let inputs = Inputs::from_project(&project, &suggestions);
        let as_of = PartialDate::month(2020, 10);
        for as_of in [None, as_of] {
            let lean = lean_claims(&inputs, &aliases, as_of, None);
            let digest = claims(&inputs, &aliases, as_of, None);
            assert!(!lean.is_empty() && digest.rows(ClaimOrder::Claimant).len() == lean.len());
            for order in [ClaimOrder::Claimant, ClaimOrder::Side, ClaimOrder::What, ClaimOrder::Outlet] {
                let full: Vec<String> =
                    digest.rows(order).iter().map(|r| serde_json::to_string_pretty(r).unwrap()).collect();
                let rows = lean.order(order);
                let made: Vec<String> =
                    rows.iter().map(|&i| serde_json::to_string_pretty(&lean.row(i)).unwrap()).collect();
                let views: Vec<String> =
                    rows.iter().map(|&i| serde_json::to_string_pretty(&lean.view(i)).unwrap()).collect();
                assert_eq!(made, full, "{order:?}");
                assert_eq!(views, full, "{order:?}");
            }
        }
        for s in ["", "a b", " a", "a ", "a  b", "a\nb", "a\u{a0}b", "a\tb c", "\n"] {
            assert_eq!(super::super::timeline::one_line_cow(s), super::super::timeline::one_line(s), "{s:?}");
        }
    }

    #[test]
    fn a_quote_is_one_line_as_one_line_makes_it() {
        use super::super::timeline::{one_line, one_line_cow};
        // Every whitespace character, and others sharing their first bytes.
        let others = ['a', 'é', '\u{1c}', '\u{84}', '\u{1681}', '\u{2019}', '\u{205e}', '\u{3001}', '’'];
        let chars = ('\0'..='\u{3001}').filter(|c| c.is_whitespace()).chain(others);
        for c in chars {
            for s in [format!("{c}"), format!("a{c}b"), format!("a {c}"), format!("{c} b"), format!("à{c}")]
            {
                assert_eq!(one_line_cow(&s), one_line(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn a_series_as_one_number_sorts_as_its_key() {
        let whats = std::iter::once(None).chain(What::ALL.iter().copied().map(Some));
        let whos: Vec<Option<Who>> =
            std::iter::once(None).chain(Who::ALL.iter().copied().map(Some)).collect();
        let mut keys = Vec::new();
        for what in whats {
            for &who in &whos {
                for side in [None, Some(0), Some(1), Some(7), Some(u32::MAX - 1), Some(u32::MAX)] {
                    for &scope in Scope::ALL {
                        keys.push((what, who, side, scope));
                    }
                }
            }
        }
        for a in &keys {
            for b in &keys {
                assert_eq!(series_number(*a).cmp(&series_number(*b)), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    /// Claimants of the generated claims: two of one camp, one of
    /// another, one of none (claimants of different camps dispute within
    /// one dispatch).
    const CLAIMANTS: [&str; 4] =
        ["ministère arménien de la Défense", "armée arménienne", "armée azerbaïdjanaise", "témoins"];

    #[test]
    fn disputes_match_the_pairwise_comparison() {
        assert!(camp_of(CLAIMANTS[0]).is_some() && camp_of(CLAIMANTS[0]) == camp_of(CLAIMANTS[1]));
        assert!(camp_of(CLAIMANTS[2]).is_some() && camp_of(CLAIMANTS[2]) != camp_of(CLAIMANTS[0]));
        assert!(camp_of(CLAIMANTS[3]).is_none());
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
                        claimant: CLAIMANTS[group].into(),
                        claimant_as_written: CLAIMANTS[group].into(),
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
            // In any order, and dispatch by dispatch (as claims are found).
            let mut by_dispatch = rows.clone();
            by_dispatch.sort_by_key(|r| r.0);
            for rows in [rows, by_dispatch] {
                let expected = reference(&rows);
                let mut got = rows.clone();
                flag_disputes(&mut got);
                for (i, (_, _, r)) in got.iter().enumerate() {
                    let names: Vec<Arc<str>> = expected[i].iter().map(|&g| CLAIMANTS[g].into()).collect();
                    assert_eq!(r.disputed_with, names, "row {i} of {rows:?}");
                    assert_eq!(r.disputed, !names.is_empty());
                }
            }
        }
    }
}
