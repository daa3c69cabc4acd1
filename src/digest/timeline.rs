//! The running timeline: events across the corpus, the same event reported
//! by several dispatches folded into one entry with several sources.

use super::{FastMap as HashMap, FastSet as HashSet};
use std::collections::hash_map::Entry;

use serde::Serialize;

use super::fold::{content_words, fold_to, shared, stem_of};
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

/// How many runs of items may wait for their turn to be joined.
const ITEMS_WINDOW: usize = 64;

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
    let (items, features) = items(inputs, |doc| in_view(doc, as_of, current));
    entries(&items, &features, current)
}

/// The timeline as known on `as_of` and the whole timeline, as two calls of
/// `timeline` give them, each event's wording and features worked out once.
pub fn timelines(
    inputs: &Inputs,
    as_of: PartialDate,
    current: Option<&str>,
) -> (Vec<TimelineEntry>, Vec<TimelineEntry>) {
    let (all, features) = items(inputs, |_| true);
    let known: Vec<Item> =
        all.iter().filter(|i| in_view(&inputs.docs[i.order], Some(as_of), current)).cloned().collect();
    (entries(&known, &features, current), entries(&all, &features, current))
}

/// The event items of the documents `keep` keeps, in clustering order:
/// accepted wording first, then the most precise dates (so that a month
/// joins its day rather than the reverse), then reporting order; and the
/// features they point into (one vector, not one for each of hundreds of
/// thousands of items).
fn items<'a>(inputs: &Inputs<'a>, keep: impl Fn(&Doc) -> bool + Sync) -> (Vec<Item<'a>>, Vec<u64>) {
    // The dispatches' items on every core, a run of dispatches at a time
    // (their wording folded, their features hashed), joined in order.
    let runs: Vec<std::ops::Range<usize>> = (0..inputs.docs.len())
        .step_by(ITEMS_RUN)
        .map(|s| s..(s + ITEMS_RUN).min(inputs.docs.len()))
        .collect();
    // Each run's items joined as it comes: never every run's and the joined
    // list at once.
    let (mut items, mut features): (Vec<Item>, Vec<u64>) = (Vec::new(), Vec::new());
    let make = |run: &std::ops::Range<usize>| {
        let (mut items, mut features) = (Vec::new(), Vec::new());
        for order in run.clone() {
            let doc = &inputs.docs[order];
            if keep(doc) {
                collect_items(*doc, order, &mut items, &mut features);
            }
        }
        (items, features)
    };
    let join = |(part, feats): (Vec<Item<'a>>, Vec<u64>)| -> Result<(), ()> {
        let shift = features.len() as u32;
        for mut item in part {
            item.features = (item.features.0 + shift, item.features.1 + shift);
            item.found = items.len() as u32;
            items.push(item);
        }
        features.extend(feats);
        Ok(())
    };
    let _ = crate::corpus::parallel::for_each_ordered(&runs, ITEMS_WINDOW, make, join);
    // Grown by doubling while joined: up to half of each unused (tens of
    // MB on a large folder); a large block shrinks in place.
    items.shrink_to_fit();
    features.shrink_to_fit();
    // Items alike in their keys stay in the order found (in place: no
    // scratch half the size of the items, as a stable sort takes).
    items.sort_unstable_by(|a, b| {
        (!a.accepted, std::cmp::Reverse(a.precision().rank()), a.order, a.ann.start(), a.found).cmp(&(
            !b.accepted,
            std::cmp::Reverse(b.precision().rank()),
            b.order,
            b.ann.start(),
            b.found,
        ))
    });
    (items, features)
}

fn entries(items: &[Item], features: &[u64], current: Option<&str>) -> Vec<TimelineEntry> {
    arrange(items, features)
        .into_iter()
        .map(|(date, members)| to_entry(date, &members, items, current))
        .collect()
}

/// The entries of `items` in the timeline's order (date, then the first
/// dispatch reporting it, then wording), each as its date and members.
fn arrange(items: &[Item], features: &[u64]) -> Vec<(Option<PartialDate>, Vec<usize>)> {
    let mut clusters: Vec<(usize, Option<PartialDate>, Vec<usize>)> = cluster_by_year(items, features)
        .into_iter()
        .map(|c| (first_order(&c, items), c.date, c.members))
        .collect();
    // An entry's wording is its first member's (`to_entry`).
    let key = |(order, date, members): &(usize, Option<PartialDate>, Vec<usize>)| {
        (date.is_none(), *date, *order, &*items[members[0]].summary)
    };
    clusters.sort_by(|a, b| key(a).cmp(&key(b)));
    clusters.into_iter().map(|(_, date, members)| (date, members)).collect()
}

/// As `timeline`, each entry made only when asked (`LeanTimeline::entry`):
/// what the timeline of every event of a folder is written from, a chunk
/// of entries at a time, without holding every entry's sources.
pub fn lean_timeline<'a>(
    inputs: &Inputs<'a>,
    as_of: Option<PartialDate>,
    current: Option<&str>,
) -> LeanTimeline<'a> {
    let (items, features) = items(inputs, |doc| in_view(doc, as_of, current));
    let entries = arrange(&items, &features);
    LeanTimeline { items, entries, current: current.map(str::to_string) }
}

/// A timeline whose entries are made when asked.
pub struct LeanTimeline<'a> {
    items: Vec<Item<'a>>,
    /// Each entry's date and members (in `items`), in the timeline's order.
    entries: Vec<(Option<PartialDate>, Vec<usize>)>,
    current: Option<String>,
}

impl LeanTimeline<'_> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry `i`, as `timeline` gives it.
    pub fn entry(&self, i: usize) -> TimelineEntry {
        let (date, members) = &self.entries[i];
        to_entry(*date, members, &self.items, self.current.as_deref())
    }

    /// The entry `i` as JSON shows it (`TimelineEntry`'s fields), borrowed:
    /// no string made but a quote that spans lines.
    pub fn view(&self, i: usize) -> EntryView<'_> {
        let (date, members) = &self.entries[i];
        view_of(*date, members, &self.items, self.current.as_deref())
    }
}

/// A `TimelineEntry` as it serializes, borrowed from a `LeanTimeline`: the
/// same fields in the same order (`tests/digest_lean.rs` holds them
/// together through the binary's JSON).
#[derive(Serialize)]
pub struct EntryView<'r> {
    date: Option<PartialDate>,
    precision: Precision,
    summary: &'r str,
    sources: SourcesView<'r>,
    status: Status,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    current: bool,
}

/// An entry's members as its `Source`s serialize.
struct SourcesView<'r>(Vec<&'r Item<'r>>);

impl Serialize for SourcesView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct SourceView<'r> {
            article: &'r str,
            start: usize,
            end: usize,
            quote: std::borrow::Cow<'r, str>,
        }
        s.collect_seq(self.0.iter().map(|m| SourceView {
            article: m.article,
            start: m.ann.start(),
            end: m.ann.end(),
            quote: one_line_cow(m.ann.exact()),
        }))
    }
}

/// One event annotation or suggestion, with what it is compared on.
#[derive(Clone)]
struct Item<'a> {
    article: &'a str,
    /// The dispatch's position in the input (date order).
    order: usize,
    ann: Mark<'a>,
    accepted: bool,
    /// Its place among the items as found.
    found: u32,
    date: Option<PartialDate>,
    summary: std::borrow::Cow<'a, str>,
    /// Hashes of the content stems of the summary and of the entity names
    /// inside the passage, sorted: where they are in the items' features.
    features: (u32, u32),
}

impl Item<'_> {
    fn features<'f>(&self, all: &'f [u64]) -> &'f [u64] {
        &all[self.features.0 as usize..self.features.1 as usize]
    }

    fn precision(&self) -> Precision {
        self.date.map_or(Precision::Unknown, |d| d.precision())
    }
}

fn collect_items<'a>(doc: Doc<'a>, order: usize, items: &mut Vec<Item<'a>>, all: &mut Vec<u64>) {
    let usable: Vec<Mark> = doc.usable().collect();
    let mut entities: Vec<Mark> = usable.iter().copied().filter(|a| a.kind() == Kind::Entity).collect();
    entities.sort_by_key(|a| a.start());
    // One buffer for every wording folded (millions on a large folder).
    let mut folded = String::new();
    for ann in usable.iter().copied().filter(|a| a.kind() == Kind::Event) {
        let summary = one_line_cow(ann.summary().filter(|s| !s.trim().is_empty()).unwrap_or(ann.exact()));
        let at = all.len();
        fold_to(&summary, &mut folded);
        all.extend(content_words(&folded).map(|w| Fnv::of(&[w]).0));
        let from = entities.partition_point(|e| e.start() < ann.start());
        for e in
            entities[from..].iter().take_while(|e| e.start() < ann.end()).filter(|e| e.end() <= ann.end())
        {
            // A name is one feature: "@" and its stems, joined by spaces.
            fold_to(e.canonical().unwrap_or(e.exact()), &mut folded);
            let mut h = Fnv::of(&["@"]);
            for (i, w) in folded.split(' ').filter(|w| !w.is_empty()).map(stem_of).enumerate() {
                if i > 0 {
                    h.feed(" ");
                }
                h.feed(w);
            }
            all.push(h.0);
        }
        // The item's features sorted, each once, where they were pushed.
        all[at..].sort_unstable();
        let mut kept = at;
        for r in at..all.len() {
            if kept == at || all[r] != all[kept - 1] {
                all[kept] = all[r];
                kept += 1;
            }
        }
        all.truncate(kept);
        items.push(Item {
            article: doc.id,
            order,
            ann,
            accepted: ann.status() == Status::Accepted,
            found: 0,
            date: event_date(&ann),
            summary,
            features: (at as u32, all.len() as u32),
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
    // one_line(s) == s: no whitespace but single spaces between words. A
    // byte at a time: only a character starting C2, E1, E2 or E3 may be
    // whitespace beyond ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F,
    // U+3000); the bytes of any other belong to no whitespace.
    let mut after_space = true;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return std::borrow::Cow::Owned(one_line(s)),
            0xc2 | 0xe1 | 0xe2 | 0xe3 if s[i..].chars().next().is_some_and(char::is_whitespace) => {
                return std::borrow::Cow::Owned(one_line(s));
            }
            _ => false,
        };
        if space && after_space {
            return std::borrow::Cow::Owned(one_line(s));
        }
        after_space = space;
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

/// `cluster` of every item, the items of each year (and the undated) on
/// their own, on every core. Exact: an item only ever meets clusters of its
/// own year (`Index::candidates`), or undated ones when it is undated, and
/// a cluster's date stays in its year. The clusters come back in the order
/// one pass over every item makes them: by their first member.
fn cluster_by_year(items: &[Item], all: &[u64]) -> Vec<Cluster> {
    let mut years: HashMap<Option<i32>, Vec<usize>> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        years.entry(item.date.map(|d| d.year)).or_default().push(i);
    }
    // Largest first: the cores finish together.
    let mut years: Vec<Vec<usize>> = years.into_values().collect();
    years.sort_by_key(|part| std::cmp::Reverse(part.len()));
    let mut clusters: Vec<Cluster> = Vec::new();
    let _ = crate::corpus::parallel::for_each_ordered(
        &years,
        years.len(),
        |part| cluster(items, all, part),
        |part| -> Result<(), ()> {
            clusters.extend(part);
            Ok(())
        },
    );
    clusters.sort_unstable_by_key(|c| c.members[0]);
    clusters
}

/// Greedy clustering of the items `part` (in item order): each item joins
/// the best compatible cluster (overlapping dates, most features shared
/// with its representatives, at least `MIN_SHARED` or
/// `MIN_SHARED_SAME_DISPATCH`) or starts its own. The cost follows the
/// events of a day, not the corpus: see `Index`.
fn cluster(items: &[Item], all: &[u64], part: &[usize]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index = Index::default();
    let mut tally = Tally::default();
    for &i in part {
        let item = &items[i];
        let features = item.features(all);
        let sig = signature(features);
        let best = index
            .candidates(&clusters, item.date, features, &mut tally)
            .into_iter()
            .filter_map(|(c, hits)| match hits {
                Some(score) => Some((score, c)),
                None => {
                    (clusters[c].signature & sig != 0).then(|| (shared(&clusters[c].features, features), c))
                }
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
                    cl.features = merge_sorted(&cl.features, features);
                    index.add_features(c, cl.date, features);
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
                            index.add_features(c, cl.date, items[r].features(all));
                        }
                    }
                }
            }
            None => {
                let c = clusters.len();
                index.by_date.entry(item.date).or_default().push(c);
                index.add_features(c, item.date, features);
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
                    features: features.to_vec(),
                    signature: sig,
                });
            }
        }
    }
    clusters
}

/// Where a cluster's features are filed: its date (a day apart from its
/// month, a month apart from its year).
/// The date packed in one number (year, month + 1, day + 1; 0: none),
/// one for one for the dates of events: hashed at every feature of every
/// item.
type FileKey = u64;

fn file_key(date: Option<PartialDate>) -> Option<FileKey> {
    date.map(key_of)
}

fn key_of(d: PartialDate) -> FileKey {
    let part = |n: Option<u32>| u64::from(n.map_or(0, |n| n.min(0xfffe) + 1));
    (u64::from(d.year as u32) << 32) | (part(d.month) << 16) | part(d.day)
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
    /// (file key, feature) -> the clusters whose representatives have the
    /// feature, as its latest filing in `filings`. A cluster whose date
    /// moved to another key is skipped when read.
    by_feature: HashMap<(FileKey, u64), u32>,
    /// Every filing: (cluster, the filing before it of the same key and
    /// feature, or `NO_FILING`). One list for all, not a vector a feature
    /// (millions of them on a large folder, most of one or two clusters).
    filings: Vec<(u32, u32)>,
    /// The keys anything was filed under: most dates have no cluster at
    /// their month or year, whose features are then not looked up.
    keys: HashSet<FileKey>,
}

const NO_FILING: u32 = u32::MAX;

impl Index {
    fn add_features(&mut self, c: usize, date: Option<PartialDate>, features: &[u64]) {
        let Some(key) = file_key(date) else { return };
        self.keys.insert(key);
        let c = c as u32;
        for &f in features {
            let next = self.filings.len() as u32;
            match self.by_feature.entry((key, f)) {
                // A feature re-added by another representative may repeat:
                // it only over-counts hits, which the exact score then
                // corrects.
                Entry::Occupied(latest) if self.filings[*latest.get() as usize].0 == c => {}
                Entry::Occupied(mut latest) => {
                    self.filings.push((c, *latest.get()));
                    latest.insert(next);
                }
                Entry::Vacant(none) => {
                    self.filings.push((c, NO_FILING));
                    none.insert(next);
                }
            }
        }
    }

    /// The clusters filed under `key` and `feature`, latest first.
    fn filed(&self, key: FileKey, feature: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.by_feature.get(&(key, feature)).copied().unwrap_or(NO_FILING);
        std::iter::from_fn(move || {
            let (c, before) = *self.filings.get(at as usize)?;
            at = before;
            Some(c)
        })
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
    fn candidates(
        &self,
        clusters: &[Cluster],
        date: Option<PartialDate>,
        features: &[u64],
        tally: &mut Tally,
    ) -> Vec<(usize, Option<usize>)> {
        let Some(d) = date else {
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
        }
        .into_iter()
        .map(key_of)
        .filter(|k| self.keys.contains(k))
        .collect();
        // Clusters by number of the item's features their representatives
        // hold (a feature filed twice for a cluster counted once): the
        // features they share. Fewer than MIN_SHARED is never enough.
        for (n, &f) in features.iter().enumerate() {
            for &key in &keys {
                for c in self.filed(key, f) {
                    if file_key(clusters[c as usize].date) == Some(key) {
                        tally.count(c, n as u32);
                    }
                }
            }
        }
        tally.take(MIN_SHARED).map(|(c, n)| (c as usize, Some(n as usize))).collect()
    }
}

/// The features an item shares with each cluster, counted in numbered
/// slots kept from item to item (tens of millions of counts on a large
/// folder: no map, nothing allocated a count).
#[derive(Default)]
struct Tally {
    /// Per cluster: (count, the last feature counted).
    slots: Vec<(u32, u32)>,
    /// The clusters counted since the last `take`.
    touched: Vec<u32>,
}

impl Tally {
    /// Counts feature `n` for cluster `c`, once however often it is filed.
    fn count(&mut self, c: u32, n: u32) {
        let c = c as usize;
        if c >= self.slots.len() {
            self.slots.resize(c + 1, (0, u32::MAX));
        }
        let (count, last) = &mut self.slots[c];
        if *last != n {
            if *count == 0 {
                self.touched.push(c as u32);
            }
            *last = n;
            *count += 1;
        }
    }

    /// The clusters counted at least `min` times, with their counts; the
    /// slots emptied for the next item.
    fn take(&mut self, min: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let slots = &mut self.slots;
        self.touched.drain(..).filter_map(move |c| {
            let (count, _) = std::mem::replace(&mut slots[c as usize], (0, u32::MAX));
            (count as usize >= min).then_some((c, count))
        })
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

/// The entry of the cluster `members` (in `items`) dated `date`, borrowed.
fn view_of<'r>(
    date: Option<PartialDate>,
    members: &[usize],
    items: &'r [Item<'r>],
    current: Option<&str>,
) -> EntryView<'r> {
    // Members are in item order: accepted first, so the first member's
    // wording is the annotator's when there is one.
    let lead = &items[members[0]];
    let mut members: Vec<&Item> = members.iter().map(|&i| &items[i]).collect();
    members.sort_by_key(|m| (m.order, m.ann.start(), m.ann.end()));
    let accepted = members.iter().any(|m| m.accepted);
    EntryView {
        date,
        precision: date.map_or(Precision::Unknown, |d| d.precision()),
        summary: &lead.summary,
        current: current.is_some_and(|id| members.iter().any(|m| m.article == id)),
        sources: SourcesView(members),
        status: if accepted { Status::Accepted } else { Status::Suggested },
    }
}

fn to_entry(
    date: Option<PartialDate>,
    members: &[usize],
    items: &[Item],
    current: Option<&str>,
) -> TimelineEntry {
    let view = view_of(date, members, items, current);
    let sources = view.sources.0.iter().map(|m| Source {
        article: m.article.to_string(),
        start: m.ann.start(),
        end: m.ann.end(),
        quote: one_line(m.ann.exact()),
        accepted: m.accepted,
    });
    TimelineEntry {
        date: view.date,
        precision: view.precision,
        summary: view.summary.to_string(),
        sources: sources.collect(),
        status: view.status,
        current: view.current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Attrs, Quote};
    use crate::digest::Suggested;

    fn event(n: usize, date: &str, summary: &str, status: Status) -> Annotation {
        let date: PartialDate = date.parse().unwrap();
        Annotation {
            id: format!("e{n}"),
            kind: Kind::Event,
            label: "EVENT".into(),
            start: n * 10,
            end: n * 10 + 5,
            quote: Quote { exact: summary.into(), ..Quote::default() },
            attrs: Attrs {
                date: Some(date),
                precision: Some(date.precision()),
                summary: Some(summary.into()),
                ..Attrs::default()
            },
            status,
            author: "test".into(),
            at: String::new(),
        }
    }

    /// Clusters as (date, members), in the order they were made.
    fn made(clusters: Vec<Cluster>) -> Vec<(Option<PartialDate>, Vec<usize>)> {
        clusters.into_iter().map(|c| (c.date, c.members)).collect()
    }

    #[test]
    fn clustering_each_year_apart_gives_the_clusters_of_one_pass() {
        // Events of three years at every precision, their wordings drawn
        // from a few words so that many meet, some accepted, some undated.
        let words = ["ferry", "sank", "harbour", "storm", "rescued", "crew", "bridge", "flood"];
        let dates = ["2019", "2019-03", "2019-03-04", "2021-07-09", "2021-07", "2021", "2022-12-31"];
        let per_doc: Vec<Vec<Annotation>> = (0..60)
            .map(|d| {
                (0..4)
                    .map(|k| {
                        let n = d * 4 + k;
                        let summary =
                            format!("{} {} {}", words[n % 8], words[(n / 3) % 8], words[(n / 7) % 8]);
                        let status = if n % 5 == 0 { Status::Accepted } else { Status::Suggested };
                        let mut e = event(k, dates[n % dates.len()], &summary, status);
                        if n % 11 == 0 {
                            e.attrs.date = None;
                            e.attrs.precision = None;
                        }
                        e
                    })
                    .collect()
            })
            .collect();
        let ids: Vec<String> = (0..per_doc.len()).map(|d| format!("d{d}")).collect();
        let docs = per_doc
            .iter()
            .zip(&ids)
            .map(|(anns, id)| {
                let (accepted, suggested) = anns.split_at(anns.len() / 2);
                Doc {
                    id,
                    date: None,
                    outlet: None,
                    annotations: accepted,
                    suggestions: Suggested::Full(suggested),
                }
            })
            .collect();
        let inputs = Inputs { docs };
        let (items, features) = items(&inputs, |_| true);
        let years: HashSet<Option<i32>> = items.iter().map(|i| i.date.map(|d| d.year)).collect();
        assert_eq!(years.len(), 4, "three years and the undated");
        let one_pass = made(cluster(&items, &features, &(0..items.len()).collect::<Vec<_>>()));
        assert!(one_pass.iter().any(|(_, m)| m.len() > 2), "events met: {one_pass:?}");
        assert_eq!(made(cluster_by_year(&items, &features)), one_pass);
    }
}
