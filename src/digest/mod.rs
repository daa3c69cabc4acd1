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

pub mod claimants;
pub mod claims;
pub mod fold;
pub mod table;
pub mod timeline;

use std::collections::HashSet;

use crate::annotation::{Annotation, Kind, Status};
use crate::date::PartialDate;
use crate::project::Project;

pub use claimants::{Claimants, ClaimantsError};
pub use claims::{ClaimOrder, ClaimRow, ClaimantGroup, ClaimsDigest, Series, claims};
pub use timeline::{Source, TimelineEntry, timeline};

/// One dispatch as the digests see it: its id, its effective date, its
/// sidecar annotations (accepted and rejected) and its suggestions.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub date: Option<PartialDate>,
    pub annotations: &'a [Annotation],
    pub suggestions: &'a [Annotation],
}

impl<'a> Doc<'a> {
    /// What the digests use: accepted annotations, then the suggestions that
    /// no sidecar annotation (accepted or rejected) already covers with the
    /// same span and kind. Rejected annotations never come out.
    pub fn usable(&self) -> impl Iterator<Item = &'a Annotation> + 'a {
        let annotations = self.annotations;
        let accepted = annotations.iter().filter(|a| a.status == Status::Accepted);
        // A set of the settled spans, not a scan of the sidecar per
        // suggestion: a long dispatch has thousands of both.
        let settled: HashSet<(Kind, usize, usize)> = if self.suggestions.is_empty() {
            HashSet::new()
        } else {
            annotations.iter().map(|a| (a.kind, a.start, a.end)).collect()
        };
        let suggested = self
            .suggestions
            .iter()
            .filter(move |s| s.status != Status::Rejected && !settled.contains(&(s.kind, s.start, s.end)));
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
        let docs = project
            .articles
            .iter()
            .zip(&project.sidecars)
            .enumerate()
            .map(|(i, (article, sidecar))| Doc {
                id: &article.id,
                date: article.meta.date,
                annotations: &sidecar.annotations,
                suggestions: suggestions.get(i).map(Vec::as_slice).unwrap_or(&[]),
            })
            .collect();
        Inputs { docs }
    }
}

/// Keeps of `suggestions` only what the digests read: claims, events, and
/// the entities inside an event (suggested, or accepted in `annotations`),
/// which name what the event is about. A dispatch not on screen needs no
/// more, and ten thousand of them would otherwise hold every figure, date
/// and name they suggest.
pub fn retain_digested(suggestions: &mut Vec<Annotation>, annotations: &[Annotation]) {
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
    suggestions.retain(|a| match a.kind {
        Kind::Claim | Kind::Event => true,
        Kind::Entity => inside_event(a),
        _ => false,
    });
    suggestions.shrink_to_fit();
    // The quote's context and the time stamp serve a sidecar line only; a
    // suggestion is recomputed in full before it can be accepted.
    for a in suggestions.iter_mut() {
        a.quote.prefix = String::new();
        a.quote.suffix = String::new();
        a.at = String::new();
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut suggestions = vec![
            ann(Kind::Event, "EVENT", "Bakou a bombardé Stepanakert"),
            ann(Kind::Entity, "LOC", "Stepanakert"),
            ann(Kind::Entity, "LOC", "Moscou"),
            ann(Kind::Claim, "CLAIM", "Selon Erevan, 20 morts"),
            ann(Kind::Figure, "FIGURE", "20 morts"),
            ann(Kind::Date, "DATE", "9 octobre"),
        ];
        // An accepted event of the sidecar covers "Moscou" too.
        let accepted = [ann(Kind::Event, "EVENT", "Moscou appelle au calme")];
        retain_digested(&mut suggestions, &accepted);
        let kept: Vec<&str> = suggestions.iter().map(|a| a.quote.exact.as_str()).collect();
        assert_eq!(kept, ["Bakou a bombardé Stepanakert", "Stepanakert", "Moscou", "Selon Erevan, 20 morts"]);
        assert!(suggestions.iter().all(|a| a.quote.prefix.is_empty() && a.at.is_empty()));
        let mut without = vec![ann(Kind::Entity, "LOC", "Moscou")];
        retain_digested(&mut without, &[]);
        assert!(without.is_empty(), "a name outside any event names nothing in the timeline");
    }
}
