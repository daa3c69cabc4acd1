//! Corpus-wide views: the running timeline and the claims by source.
//! Pure functions over the project, its annotations and its suggestions: no
//! I/O, cheap enough to recompute on every annotation change. Only
//! `Claimants::load` reads a file (articles/claimants.toml); load it once.
//!
//! The side pane of the article `i` of a project:
//!
//! ```
//! use depeche::digest::{claimants::Claimants, claims, timeline, Inputs};
//! # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
//! let project = depeche::project::Project::open(&dir).unwrap();
//! let suggestions = depeche::extract::suggest_project(&project);
//! let aliases = Claimants::load(&project.dir).unwrap();
//! let inputs = Inputs::from_project(&project, &suggestions);
//! let here = &project.articles[3];
//! let events = timeline(&inputs, here.meta.date, Some(&here.id));
//! let by_source = claims(&inputs, &aliases, here.meta.date, Some(&here.id));
//! assert!(!events.is_empty() && !by_source.groups.is_empty());
//! ```

pub mod aliases;
pub mod brief;
pub mod claimants;
pub mod claims;
pub mod fold;
pub mod parties;
pub mod table;
pub mod timeline;

use std::collections::{HashMap, HashSet};

use crate::annotation::{Annotation, Kind, Status};
use crate::corpus::{Article, Articles};
use crate::date::PartialDate;
use crate::project::Project;

pub use brief::{Brief, Mark, Part};

/// The maps of the digests' own keys (hashes, ids, groups), hashed fast:
/// several lookups a claim or an event of the folder. Seeded at random as
/// the standard maps are; nothing reads them in their order.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;
pub use claimants::{Claimants, ClaimantsError};
pub use claims::{ClaimOrder, ClaimRow, ClaimantGroup, ClaimsDigest, Series, claims};
pub use timeline::{Source, TimelineEntry, timeline};

/// One dispatch as the digests see it: its id, its effective date, its
/// sidecar annotations (accepted and rejected) and its suggestions.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub date: Option<PartialDate>,
    /// The outlet that published it: who reported its claims.
    pub outlet: Option<&'a str>,
    pub annotations: &'a [Annotation],
    pub suggestions: Suggested<'a>,
}

/// A dispatch's suggestions, in full or as kept off screen (with the
/// article they are read against).
#[derive(Debug, Clone, Copy)]
pub enum Suggested<'a> {
    Full(&'a [Annotation]),
    Brief(&'a Brief, &'a Article),
}

impl<'a> Suggested<'a> {
    pub fn is_empty(&self) -> bool {
        match self {
            Suggested::Full(s) => s.is_empty(),
            Suggested::Brief(b, _) => b.is_empty(),
        }
    }

    pub fn marks(&self) -> impl Iterator<Item = Mark<'a>> + 'a {
        let (full, kept): (&[Annotation], _) = match *self {
            Suggested::Full(s) => (s, None),
            Suggested::Brief(b, article) => (&[], Some(b.marks(article))),
        };
        full.iter().map(Mark::Full).chain(kept.into_iter().flatten())
    }
}

/// An article's suggestions as an application keeps them: in full for the
/// dispatch shown (in text order, as `extract::suggest` gives them, with
/// the length of the longest), brief for the others.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Kept {
    /// None made yet (or dropped): a large folder holds a million of these,
    /// a few bytes each.
    #[default]
    None,
    Full {
        list: Vec<Annotation>,
        longest: usize,
    },
    Brief(Box<Brief>),
}

impl Kept {
    /// `list` in text order (by start).
    pub fn full_of(list: Vec<Annotation>) -> Kept {
        debug_assert!(list.is_sorted_by_key(|a| a.start));
        let longest = list.iter().map(Annotation::len).max().unwrap_or(0);
        Kept::Full { list, longest }
    }

    /// The suggestions in full that overlap `start..end`, found by halving:
    /// a long dispatch has tens of thousands, a frame shows a few dozen.
    pub fn full_overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = &Annotation> {
        let (list, longest) = match self {
            Kept::Full { list, longest } => (list.as_slice(), *longest),
            Kept::Brief(_) | Kept::None => (&[][..], 0),
        };
        // Nothing starting a longest span or more before `start` reaches it.
        let from = list.partition_point(|a| a.start + longest <= start);
        let upto = list.partition_point(|a| a.start < end);
        list[from..upto.max(from)].iter().filter(move |a| a.overlaps(start, end))
    }

    pub fn as_suggested<'a>(&'a self, article: &'a Article) -> Suggested<'a> {
        match self {
            Kept::Full { list, .. } => Suggested::Full(list),
            Kept::Brief(b) => Suggested::Brief(b, article),
            Kept::None => Suggested::Full(&[]),
        }
    }

    /// The suggestions in full; none when kept brief.
    pub fn full(&self) -> &[Annotation] {
        match self {
            Kept::Full { list, .. } => list,
            Kept::Brief(_) | Kept::None => &[],
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Kept::Full { list, .. } => list.len(),
            Kept::Brief(b) => b.len(),
            Kept::None => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn count(&self, kind: Kind) -> usize {
        match self {
            Kept::Full { list, .. } => list.iter().filter(|a| a.kind == kind).count(),
            Kept::Brief(b) => b.count(kind),
            Kept::None => 0,
        }
    }
}

impl<'a> Doc<'a> {
    /// What the digests use: accepted annotations, then the suggestions that
    /// no sidecar annotation (accepted or rejected) already covers with the
    /// same span and kind. Rejected annotations never come out.
    pub fn usable(&self) -> impl Iterator<Item = Mark<'a>> + 'a {
        let annotations = self.annotations;
        let accepted = annotations.iter().filter(|a| a.status == Status::Accepted).map(Mark::Full);
        // A set of the settled spans, not a scan of the sidecar per
        // suggestion: a long dispatch has thousands of both.
        let settled: HashSet<(Kind, usize, usize)> = if self.suggestions.is_empty() {
            HashSet::new()
        } else {
            annotations.iter().map(|a| (a.kind, a.start, a.end)).collect()
        };
        let suggested = self.suggestions.marks().filter(move |s| {
            s.status() != Status::Rejected && !settled.contains(&(s.kind(), s.start(), s.end()))
        });
        accepted.chain(suggested)
    }
}

/// The pieces both digests work on, borrowed from a project and its
/// suggestions (or built by hand in tests).
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    pub docs: Vec<Doc<'a>>,
}

impl<'a> Inputs<'a> {
    /// `suggestions[i]` belongs to `project.articles[i]`, as
    /// `extract::suggest_project` returns them; missing ones count as none.
    pub fn from_project(project: &'a Project, suggestions: &'a [Vec<Annotation>]) -> Inputs<'a> {
        Inputs::with(project, 0..project.articles.len(), |i, _| {
            Suggested::Full(suggestions.get(i).map(Vec::as_slice).unwrap_or(&[]))
        })
    }

    /// As `from_project`, with the suggestions as an application keeps them.
    pub fn from_kept(project: &'a Project, kept: &'a [Kept]) -> Inputs<'a> {
        Inputs::from_kept_in(project, kept, 0..project.articles.len())
    }

    /// As `from_kept`, over the dispatches of `places` only.
    pub fn from_kept_in(
        project: &'a Project,
        kept: &'a [Kept],
        places: std::ops::Range<usize>,
    ) -> Inputs<'a> {
        // A dispatch without suggestions needs no article made for them.
        Inputs::with(project, places, |i, articles| match kept.get(i) {
            Some(k) if !k.is_empty() => k.as_suggested(&articles[i]),
            _ => Suggested::Full(&[]),
        })
    }

    fn with(
        project: &'a Project,
        places: std::ops::Range<usize>,
        suggested: impl Fn(usize, &'a Articles) -> Suggested<'a>,
    ) -> Inputs<'a> {
        let (articles, sidecars) = (&project.articles, &project.sidecars);
        // Each dispatch's fields from its row: no article is made for it,
        // but for the suggestions held in full (those of the article shown).
        let docs = places
            .map(|i| Doc {
                id: articles.id(i),
                date: articles.date(i),
                outlet: articles.outlet(i),
                annotations: sidecars.annotations(i),
                suggestions: suggested(i, articles),
            })
            .collect();
        Inputs { docs }
    }
}

/// Whether a dispatch dated `date` was certainly out by `as_of`: its latest
/// possible day is not after the latest day `as_of` can mean. A dispatch
/// known only to the month is not counted as known by a day of that month;
/// an undated one is never known by a date.
pub fn known_by(date: Option<PartialDate>, as_of: PartialDate) -> bool {
    date.is_some_and(|d| d.last_day() <= as_of.last_day())
}

/// Whether `doc` is part of the corpus as it stood on `as_of` (the current
/// dispatch always is).
pub(crate) fn in_view(doc: &Doc, as_of: Option<PartialDate>, current: Option<&str>) -> bool {
    match as_of {
        None => true,
        Some(d) => current == Some(doc.id) || known_by(doc.date, d),
    }
}
