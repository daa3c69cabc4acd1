//! The running timeline: events across the corpus, the same event reported
//! by several dispatches folded into one entry with several sources.

use super::{FastMap as HashMap, FastSet as HashSet};

use serde::Serialize;

use super::fold::{content_words, fold, shared, stem_of};
use super::{Doc, Inputs, Mark, in_view};
use crate::annotation::{Kind, Status};
use crate::date::{PartialDate, Precision};

/// Two events on compatible dates are the same when their summaries and the
/// entities inside their passages share at least this many items (content
/// word stems plus entity names). One shared word is too weak in a corpus
/// where every summary names the same region.
pub const MIN_SHARED: usize = 2;

/// Two events an annotator accepted separately in one dispatch are meant as
/// two, unless one clearly restates the other (a lead and its paragraph):
/// they merge only on twice the evidence. A suggestion meets an accepted
/// event of its own dispatch on the same terms; two suggestions of one
/// dispatch never merge (the extractor already folded what it found to be
/// one event: "a raid" and "the toll of the raid" of one day).
pub const MIN_SHARED_SAME_DISPATCH: usize = 2 * MIN_SHARED;

/// How many dispatches a thread takes at a time when making the items.
const ITEMS_RUN: usize = 32;

/// How many members of an entry a new report is compared with.
const MAX_REPRESENTATIVES: usize = 8;

/// A passage an entry comes from: a link back to the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub article: String,
    /// Code point offsets into the article text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub quote: String,
    /// Whether this passage is an accepted annotation (else a suggestion).
    #[serde(skip)]
    pub accepted: bool,
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// `None` when no source gives a date.
    pub date: Option<PartialDate>,
    pub precision: Precision,
    pub summary: String,
    pub sources: Vec<Source>,
    /// `accepted` when an annotator accepted at least one source, else `suggested`.
    pub status: Status,
    /// Whether the current dispatch contributes a source to this entry.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
}

impl TimelineEntry {
    /// The date as shown: unknown parts as `??` (`2020-10-??`, `????-??-??`).
    pub fn date_label(&self) -> String {
        date_label(self.date)
    }
}

pub use crate::date::label as date_label;

/// The timeline of `inputs`. With `as_of`, only the events reported in
/// dispatches out by that date (see `known_by`) — the timeline as it was
/// known then; events dated later (announced, scheduled) stay. Entries with a
/// source in the `current` dispatch are marked.
pub fn timeline(inputs: &Inputs, as_of: Option<PartialDate>, current: Option<&str>) -> Vec<TimelineEntry> {
    let t0 = std::time::Instant::now();
    let items = items(inputs, |doc| in_view(doc, as_of, current));
    crate::phase(" items", t0);
    let clusters = cluster(&items);
    crate::phase(" cluster", t0);
    eprintln!("items {} clusters {}", items.len(), clusters.len());
    drop(clusters);
    let e = entries(&items, current);
    crate::phase(" entries", t0);
    e
}

/// The timeline as known on `as_of` and the whole timeline, as two calls of
/// `timeline` give them, each event's wording and features worked out once.
pub fn timelines(
    inputs: &Inputs,
    as_of: PartialDate,
    current: Option<&str>,
) -> (Vec<TimelineEntry>, Vec<TimelineEntry>) {
    let all = items(inputs, |_| true);
    let known: Vec<Item> =
        all.iter().filter(|i| in_view(&inputs.docs[i.order], Some(as_of), current)).cloned().collect();
    (entries(&known, current), entries(&all, current))
}

/// The event items of the documents `keep` keeps, in clustering order:
/// accepted wording first, then the most precise dates (so that a month
/// joins its day rather than the reverse), then reporting order.
fn items<'a>(inputs: &Inputs<'a>, keep: impl Fn(&Doc) -> bool + Sync) -> Vec<Item<'a>> {
    // The dispatches' items on every core, a run of dispatches at a time
    // (their wording folded, their features hashed), joined in order.
    let runs: Vec<std::ops::Range<usize>> = (0..inputs.docs.len())
        .step_by(ITEMS_RUN)
        .map(|s| s..(s + ITEMS_RUN).min(inputs.docs.len()))
        .collect();
    let parts = crate::corpus::parallel::map(runs, |run| {
        let mut items = Vec::new();
        for order in run {
            let doc = &inputs.docs[order];
            if keep(doc) {
                collect_items(*doc, order, &mut items);
            }
        }
        items
    });
    let mut items = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        items.extend(part);
    }
    items.sort_by(|a, b| {
        (!a.accepted, std::cmp::Reverse(a.precision().rank()), a.order, a.ann.start()).cmp(&(
            !b.accepted,
            std::cmp::Reverse(b.precision().rank()),
            b.order,
            b.ann.start(),
        ))
    });
    items
}

fn entries(items: &[Item], current: Option<&str>) -> Vec<TimelineEntry> {
    let clusters = cluster(items);
    let mut entries: Vec<(usize, TimelineEntry)> =
        clusters.into_iter().map(|c| (first_order(&c, items), to_entry(c, items, current))).collect();
    entries.sort_by(|(oa, a), (ob, b)| {
        (a.date.is_none(), a.date, *oa, &a.summary).cmp(&(b.date.is_none(), b.date, *ob, &b.summary))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}

/// One event annotation or suggestion, with what it is compared on.
#[derive(Clone)]
struct Item<'a> {
    article: &'a str,
    /// The dispatch's position in the input (date order).
    order: usize,
    ann: Mark<'a>,
    accepted: bool,
    date: Option<PartialDate>,
    summary: String,
    /// Hashes of the content stems of the summary and of the entity names
    /// inside the passage, sorted.
    features: Vec<u64>,
}

impl Item<'_> {
    fn precision(&self) -> Precision {
        self.date.map_or(Precision::Unknown, |d| d.precision())
    }
}

fn collect_items<'a>(doc: Doc<'a>, order: usize, items: &mut Vec<Item<'a>>) {
    let usable: Vec<Mark> = doc.usable().collect();
    let mut entities: Vec<Mark> = usable.iter().copied().filter(|a| a.kind() == Kind::Entity).collect();
    entities.sort_by_key(|a| a.start());
    for ann in usable.iter().copied().filter(|a| a.kind() == Kind::Event) {
        let summary = one_line(ann.summary().filter(|s| !s.trim().is_empty()).unwrap_or(ann.exact()));
        let mut features: Vec<u64> = content_words(&fold(&summary)).map(|w| Fnv::of(&[w]).0).collect();
        let from = entities.partition_point(|e| e.start() < ann.start());
        for e in
            entities[from..].iter().take_while(|e| e.start() < ann.end()).filter(|e| e.end() <= ann.end())
        {
            // A name is one feature: "@" and its stems, joined by spaces.
            let name = fold(e.canonical().unwrap_or(e.exact()));
            let mut h = Fnv::of(&["@"]);
            for (i, w) in name.split(' ').filter(|w| !w.is_empty()).map(stem_of).enumerate() {
                if i > 0 {
                    h.feed(" ");
                }
                h.feed(w);
            }
            features.push(h.0);
        }
        features.sort();
        features.dedup();
        items.push(Item {
            article: doc.id,
            order,
            ann,
            accepted: ann.status() == Status::Accepted,
            date: event_date(&ann),
            summary,
            features,
        });
    }
}

/// A feature's hash (64-bit FNV-1a): stable, and fast on the short words
/// of every event of the folder.
struct Fnv(u64);

impl Fnv {
    fn of(parts: &[&str]) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        for p in parts {
            h.feed(p);
        }
        h
    }

    fn feed(&mut self, s: &str) {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The event's date, no more precise than its stated precision.
fn event_date(ann: &Mark) -> Option<PartialDate> {
    let date = ann.date()?;
    match ann.precision() {
        Some(Precision::Unknown) => None,
        Some(p) if p.rank() < date.precision().rank() => Some(date.truncate(p)),
        _ => Some(date),
    }
}

/// As `one_line`, borrowed when `s` is one line already (most quotes).
pub(crate) fn one_line_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // one_line(s) == s: no whitespace but single spaces between words
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return std::borrow::Cow::Owned(one_line(s));
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    if after_space && !s.is_empty() {
        return std::borrow::Cow::Owned(one_line(s));
    }
    std::borrow::Cow::Borrowed(s)
}

/// Whitespace runs (line breaks of hard-wrapped text) become one space.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// An entry being built: item indices, its date and wording so far.
struct Cluster {
    members: Vec<usize>,
    date: Option<PartialDate>,
    /// Whether `date` comes from an accepted source.
    date_accepted: bool,
    /// The dispatches (by order) of its accepted members (see
    /// `MIN_SHARED_SAME_DISPATCH`).
    accepted_docs: HashSet<usize>,
    /// The dispatches of its suggested members.
    suggested_docs: HashSet<usize>,
    /// The members an item is compared with: the first ones, accepted
    /// first. Only their wordings count, not every report's, so that a
    /// much-reported event cannot attract every event of its day.
    reps: Vec<usize>,
    /// The union of the representatives' features, sorted.
    features: Vec<u64>,
    /// `signature(features)`.
    signature: u64,
}

/// One bit per feature: two sets with no bit in common share no feature,
/// which rules most candidates out without comparing the lists.
fn signature(features: &[u64]) -> u64 {
    features.iter().fold(0, |sig, f| sig | 1 << (f % 64))
}

/// Greedy clustering in item order: each item joins the best compatible
/// cluster (overlapping dates, most features shared with its
/// representatives, at least `MIN_SHARED` or `MIN_SHARED_SAME_DISPATCH`) or
/// starts its own. The cost follows the events of a day, not the corpus:
/// see `Index`.
fn cluster(items: &[Item]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index = Index::default();
    for (i, item) in items.iter().enumerate() {
        let sig = signature(&item.features);
        let best = index
            .candidates(&clusters, item)
            .into_iter()
            .filter_map(|(c, hits)| match hits {
                Some(score) => Some((score, c)),
                None => (clusters[c].signature & sig != 0)
                    .then(|| (shared(&clusters[c].features, &item.features), c)),
            })
            .filter(|&(score, c)| {
                let cl = &clusters[c];
                if !item.accepted && cl.suggested_docs.contains(&item.order) {
                    return false;
                }
                let same_dispatch = cl.accepted_docs.contains(&item.order)
                    || (item.accepted && cl.suggested_docs.contains(&item.order));
                score >= if same_dispatch { MIN_SHARED_SAME_DISPATCH } else { MIN_SHARED }
            })
            .max_by_key(|&(score, c)| (score, std::cmp::Reverse(c)));
        match best {
            Some((_, c)) => {
                let cl = &mut clusters[c];
                cl.members.push(i);
                if item.accepted {
                    cl.accepted_docs.insert(item.order);
                } else {
                    cl.suggested_docs.insert(item.order);
                }
                if cl.reps.len() < MAX_REPRESENTATIVES {
                    cl.reps.push(i);
                    cl.signature |= sig;
                    cl.features = merge_sorted(&cl.features, &item.features);
                    index.add_features(c, cl.date, &item.features);
                }
                let refine = item.date.is_some_and(|d| {
                    cl.date.is_none_or(|cd| d.precision().rank() > cd.precision().rank())
                        && (item.accepted || !cl.date_accepted)
                });
                if refine {
                    let old = cl.date;
                    cl.date = item.date;
                    cl.date_accepted = item.accepted;
                    index.moved(c, old, cl.date);
                    if file_key(old) != file_key(cl.date) {
                        for &r in &cl.reps {
                            index.add_features(c, cl.date, &items[r].features);
                        }
                    }
                }
            }
            None => {
                let c = clusters.len();
                index.by_date.entry(item.date).or_default().push(c);
                index.add_features(c, item.date, &item.features);
                clusters.push(Cluster {
                    members: vec![i],
                    date: item.date,
                    date_accepted: item.accepted,
                    accepted_docs: if item.accepted {
                        HashSet::from_iter([item.order])
                    } else {
                        HashSet::default()
                    },
                    suggested_docs: if item.accepted {
                        HashSet::default()
                    } else {
                        HashSet::from_iter([item.order])
                    },
                    reps: vec![i],
                    features: item.features.clone(),
                    signature: sig,
                });
            }
        }
    }
    clusters
}

/// Where a cluster's features are filed: its date (a day apart from its
/// month, a month apart from its year).
type FileKey = PartialDate;

fn file_key(date: Option<PartialDate>) -> Option<FileKey> {
    date
}

/// Where the clusters an item may join are found: those that share enough
/// features with it, looked up by feature under the dates it may meet (a
/// day: its own, its month, its year; a month: its days, itself, its
/// year; a year: every date of it). Only the clusters sharing enough
/// features are scored, not every cluster of a busy day.
#[derive(Default)]
struct Index {
    /// The undated clusters (under `None`; the others are kept up to date
    /// but read by feature).
    by_date: HashMap<Option<PartialDate>, Vec<usize>>,
    /// (file key, feature) -> clusters whose representatives have the
    /// feature. A cluster whose date moved to another key is skipped when read.
    by_feature: HashMap<(FileKey, u64), Vec<usize>>,
}

impl Index {
    fn add_features(&mut self, c: usize, date: Option<PartialDate>, features: &[u64]) {
        let Some(key) = file_key(date) else { return };
        for &f in features {
            let list = self.by_feature.entry((key, f)).or_default();
            // A feature re-added by another representative may repeat: it
            // only over-counts hits, which the exact score then corrects.
            if list.last() != Some(&c) {
                list.push(c);
            }
        }
    }

    fn moved(&mut self, c: usize, old: Option<PartialDate>, new: Option<PartialDate>) {
        if let Some(v) = self.by_date.get_mut(&old) {
            v.retain(|&x| x != c);
        }
        self.by_date.entry(new).or_default().push(c);
    }

    /// The clusters `item` may join, each with the number of features it
    /// shares with the item when they were counted (a dated item's: a
    /// cluster is filed under each feature of its representatives, once
    /// under its date).
    fn candidates(&self, clusters: &[Cluster], item: &Item) -> Vec<(usize, Option<usize>)> {
        let Some(d) = item.date else {
            let undated = self.by_date.get(&None).map_or(&[][..], Vec::as_slice);
            return undated.iter().map(|&c| (c, None)).collect();
        };
        let y = d.year;
        let year = PartialDate::year(y);
        let month = |m: u32| PartialDate { year: y, month: Some(m), day: None };
        let days = |m: u32| (1..=31).map(move |day| PartialDate { year: y, month: Some(m), day: Some(day) });
        let keys: Vec<FileKey> = match (d.month, d.day) {
            (Some(m), Some(_)) => vec![d, month(m), year],
            (Some(m), None) => days(m).chain([month(m), year]).collect(),
            _ => std::iter::once(year).chain((1..=12).flat_map(|m| days(m).chain([month(m)]))).collect(),
        };
        // Clusters by number of the item's features their representatives
        // hold (a feature filed twice for a cluster counted once): the
        // features they share. Fewer than MIN_SHARED is never enough.
        let mut hits: HashMap<usize, (usize, usize)> = HashMap::default();
        for (n, &f) in item.features.iter().enumerate() {
            for &key in &keys {
                for &c in self.by_feature.get(&(key, f)).into_iter().flatten() {
                    if file_key(clusters[c].date) == Some(key) {
                        let (count, last) = hits.entry(c).or_insert((0, usize::MAX));
                        if *last != n {
                            *last = n;
                            *count += 1;
                        }
                    }
                }
            }
        }
        hits.into_iter().filter(|&(_, (n, _))| n >= MIN_SHARED).map(|(c, (n, _))| (c, Some(n))).collect()
    }
}

fn merge_sorted(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn first_order(c: &Cluster, items: &[Item]) -> usize {
    c.members.iter().map(|&i| items[i].order).min().unwrap_or(usize::MAX)
}

fn to_entry(c: Cluster, items: &[Item], current: Option<&str>) -> TimelineEntry {
    // Members are in item order: accepted first, so the first member's
    // wording is the annotator's when there is one.
    let lead = &items[c.members[0]];
    let mut members: Vec<&Item> = c.members.iter().map(|&i| &items[i]).collect();
    members.sort_by_key(|m| (m.order, m.ann.start(), m.ann.end()));
    let sources: Vec<Source> = members
        .iter()
        .map(|m| Source {
            article: m.article.to_string(),
            start: m.ann.start(),
            end: m.ann.end(),
            quote: one_line(m.ann.exact()),
            accepted: m.accepted,
        })
        .collect();
    let accepted = members.iter().any(|m| m.accepted);
    TimelineEntry {
        date: c.date,
        precision: c.date.map_or(Precision::Unknown, |d| d.precision()),
        summary: lead.summary.clone(),
        current: current.is_some_and(|id| sources.iter().any(|s| s.article == id)),
        sources,
        status: if accepted { Status::Accepted } else { Status::Suggested },
    }
}
