//! The three-way merge of a sidecar that git runs (`depeche merge-driver`):
//! the version both branches started from (base), ours and theirs, merged
//! annotation by annotation (by id) and header field by header field.
//!
//! Rules, so that a merge never stops and never loses an annotation:
//! - changed on one side only (added, edited, deleted): that change is taken;
//! - changed the same way on both: taken once;
//! - edited differently on both (or added twice with one id): the version
//!   with the later `at` wins; the other is kept beside it as a `rejected`
//!   alternative with an id of its own (derived from the two, so that merging
//!   the same versions again gives the same file) and `attrs.alternative_of`
//!   naming the winner: a curator can still take it back;
//! - edited on one side and deleted on the other: the edit is kept — the
//!   deleter removed a version that no longer exists, and a deletion can be
//!   redone where an edit cannot;
//! - a header field changed differently on both: the field has no time of
//!   its own, so the side whose latest annotation change is later wins (ours
//!   when neither changed an annotation or the times are equal);
//! - the two sides anchored in different texts (the article was edited): the
//!   merged header names no text, so that depeche re-anchors every
//!   annotation by its quote the next time it reads the sidecar.
//!
//! Every resolution of the last four kinds is returned, for the driver to
//! report on stderr.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::annotation::store::{Header, MetaOverride, Parsed};
use crate::annotation::{Annotation, Status};
use crate::text::inert_line;

/// The attribute naming, on a rejected alternative, the annotation that won.
pub const ALTERNATIVE_OF: &str = "alternative_of";

/// Which branch a version comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideName {
    Ours,
    Theirs,
}

impl SideName {
    fn other(self) -> SideName {
        match self {
            SideName::Ours => SideName::Theirs,
            SideName::Theirs => SideName::Ours,
        }
    }
}

impl fmt::Display for SideName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SideName::Ours => "this branch",
            SideName::Theirs => "the merged branch",
        })
    }
}

/// A decision the merge had to take, for the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// The same annotation edited differently on both sides.
    BothEdited { winner: Box<Annotation>, won_on: SideName, alternative: Box<Annotation> },
    /// Edited on one side, deleted on the other: the edit is kept.
    EditKept { annotation: Box<Annotation>, edited_on: SideName },
    /// A header field set differently on both sides.
    HeaderField { field: &'static str, kept: String, dropped: String, kept_from: SideName },
    /// The sides were anchored in different texts.
    TextsDiffer,
}

fn describe(a: &Annotation) -> String {
    let exact: String = a.quote.exact.chars().take(40).collect();
    format!("annotation {} ({} “{}”)", a.id, a.label, exact)
}

fn by(a: &Annotation) -> String {
    let author = if a.author.is_empty() { "an unnamed annotator" } else { a.author.as_str() };
    let at = if a.at.is_empty() { "an unknown time" } else { a.at.as_str() };
    format!("by {author} at {at}")
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Resolution::BothEdited { winner, won_on, alternative } => format!(
                "{} was edited on both branches: the later edit ({}, {won_on}) is kept; the other ({}, {}) \
                 is kept as the rejected alternative {}",
                describe(winner),
                by(winner),
                by(alternative),
                won_on.other(),
                alternative.id
            ),
            Resolution::EditKept { annotation, edited_on } => format!(
                "{} was deleted on {} and edited on {edited_on} ({}): the edit is kept; delete it again if \
                 it must go",
                describe(annotation),
                edited_on.other(),
                by(annotation)
            ),
            Resolution::HeaderField { field, kept, dropped, kept_from } => format!(
                "the header field {field} was set on both branches: {kept} ({kept_from}, whose annotation \
                 changes are the later) is kept, {dropped} ({}) is dropped",
                kept_from.other()
            ),
            Resolution::TextsDiffer => "the two branches annotated different versions of the text: every \
                                        annotation is re-anchored by its quote when depeche next reads it"
                .to_string(),
        };
        f.write_str(&inert_line(&text))
    }
}

/// The merged sidecar.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub header: Header,
    /// Sorted by (start, end, id).
    pub annotations: Vec<Annotation>,
    /// Sorted by (start, end, id).
    pub orphans: Vec<Annotation>,
    pub resolutions: Vec<Resolution>,
    /// Annotations taken from the other branch (added, edited or deleted there).
    pub from_theirs: usize,
}

/// An annotation as one version holds it.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    annotation: Annotation,
    orphan: bool,
}

fn items(p: Option<&Parsed>) -> BTreeMap<String, Item> {
    p.map(|p| &p.entries[..])
        .unwrap_or_default()
        .iter()
        .map(|e| (e.annotation.id.clone(), Item { annotation: e.annotation.clone(), orphan: e.orphan }))
        .collect()
}

/// Merges `ours` and `theirs` against `base` (None: the file did not exist
/// in the common ancestor, or was empty).
pub fn merge(base: Option<&Parsed>, ours: &Parsed, theirs: &Parsed) -> Merged {
    let (b, o, t) = (items(base), items(Some(ours)), items(Some(theirs)));
    let ids: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut kept: Vec<Item> = Vec::new();
    let mut resolutions = Vec::new();
    let mut from_theirs = 0;
    for id in ids {
        let (bi, oi, ti) = (b.get(id), o.get(id), t.get(id));
        if oi == ti || ti == bi {
            kept.extend(oi.cloned());
        } else if oi == bi {
            from_theirs += 1;
            kept.extend(ti.cloned());
        } else {
            match (oi, ti) {
                (Some(oi), Some(ti)) => {
                    let (winner, won_on, loser) = match later(&oi.annotation, &ti.annotation) {
                        SideName::Ours => (oi, SideName::Ours, ti),
                        SideName::Theirs => (ti, SideName::Theirs, oi),
                    };
                    if same_content(winner, loser) {
                        // Both made the same change: nothing to keep beside it.
                        kept.push(winner.clone());
                        continue;
                    }
                    let alternative = alternative(&winner.annotation, &loser.annotation);
                    resolutions.push(Resolution::BothEdited {
                        winner: Box::new(winner.annotation.clone()),
                        won_on,
                        alternative: Box::new(alternative.clone()),
                    });
                    kept.push(winner.clone());
                    kept.push(Item { annotation: alternative, orphan: loser.orphan });
                }
                (Some(edited), None) | (None, Some(edited)) => {
                    let edited_on = if oi.is_some() { SideName::Ours } else { SideName::Theirs };
                    resolutions.push(Resolution::EditKept {
                        annotation: Box::new(edited.annotation.clone()),
                        edited_on,
                    });
                    kept.push(edited.clone());
                }
                (None, None) => unreachable!("both deleted is the same change on both sides"),
            }
        }
    }
    // An alternative made by an earlier merge is already there: once only.
    let mut seen = BTreeSet::new();
    kept.retain(|i| seen.insert(i.annotation.id.clone()));
    let (orphans, annotations): (Vec<Item>, Vec<Item>) = kept.into_iter().partition(|i| i.orphan);
    let mut annotations: Vec<Annotation> = annotations.into_iter().map(|i| i.annotation).collect();
    let mut orphans: Vec<Annotation> = orphans.into_iter().map(|i| i.annotation).collect();
    crate::annotation::store::parse::sort(&mut annotations);
    crate::annotation::store::parse::sort(&mut orphans);
    let header = merge_header(base, ours, theirs, (&b, &o, &t), &mut resolutions);
    Merged { header, annotations, orphans, resolutions, from_theirs }
}

/// Which of two versions of an annotation is the later: by `at` (an
/// instant; a time that does not read counts as the earliest), then, for
/// equal times, by content, so that both branches merging each other agree.
fn later(ours: &Annotation, theirs: &Annotation) -> SideName {
    let at = |a: &Annotation| chrono::DateTime::parse_from_rfc3339(&a.at).ok();
    let by_time = match (at(ours), at(theirs)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => ours.at.cmp(&theirs.at),
    };
    let order = by_time.then_with(|| {
        let json = |a: &Annotation| serde_json::to_string(a).unwrap_or_default();
        json(ours).cmp(&json(theirs))
    });
    if order == Ordering::Less { SideName::Theirs } else { SideName::Ours }
}

/// Whether two versions differ only by who changed them and when.
fn same_content(a: &Item, b: &Item) -> bool {
    let bare = |i: &Item| {
        let mut x = i.clone();
        x.annotation.author.clear();
        x.annotation.at.clear();
        x
    };
    bare(a) == bare(b)
}

/// `loser` kept as a rejected alternative of `winner`: its own content,
/// author and time, an id derived from both (the same merge twice gives the
/// same id), and a pointer to the winner.
fn alternative(winner: &Annotation, loser: &Annotation) -> Annotation {
    let mut alt = loser.clone();
    alt.status = Status::Rejected;
    alt.attrs.extra.insert(ALTERNATIVE_OF.into(), serde_json::Value::String(winner.id.clone()));
    let json = serde_json::to_string(loser).unwrap_or_default();
    alt.id = derived_id(&format!("{}\n{json}", winner.id));
    alt
}

/// 12 characters of the alphabet of annotation ids, from a hash of `seed`.
fn derived_id(seed: &str) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    Sha256::digest(seed.as_bytes()).iter().take(12).map(|b| ALPHABET[(b & 31) as usize] as char).collect()
}

type Items = BTreeMap<String, Item>;

/// The latest `at` among the annotations a side added or edited.
fn last_change(base: &Items, side: &Items) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    side.iter()
        .filter(|(id, item)| base.get(*id) != Some(*item))
        .filter_map(|(_, item)| chrono::DateTime::parse_from_rfc3339(&item.annotation.at).ok())
        .max()
}

fn merge_header(
    base: Option<&Parsed>,
    ours: &Parsed,
    theirs: &Parsed,
    (b, o, t): (&Items, &Items, &Items),
    resolutions: &mut Vec<Resolution>,
) -> Header {
    let later_side = if last_change(b, t) > last_change(b, o) { SideName::Theirs } else { SideName::Ours };
    let empty = MetaOverride::default();
    let bm = base.map(|p| &p.header.meta).unwrap_or(&empty);
    let (om, tm) = (&ours.header.meta, &theirs.header.meta);
    let mut field = FieldMerge { later_side, resolutions };
    let meta = MetaOverride {
        date: field.pick("date", &bm.date, &om.date, &tm.date),
        precision: field.pick("precision", &bm.precision, &om.precision, &tm.precision),
        outlet: field.pick("outlet", &bm.outlet, &om.outlet, &tm.outlet),
        title: field.pick("title", &bm.title, &om.title, &tm.title),
        lang: field.pick("lang", &bm.lang, &om.lang, &tm.lang),
    };
    let (os, ts) = (&ours.header.text_sha256, &theirs.header.text_sha256);
    let text_sha256 = if os == ts {
        os.clone()
    } else {
        resolutions.push(Resolution::TextsDiffer);
        String::new()
    };
    Header {
        format: ours.header.format.clone(),
        version: ours.header.version.max(theirs.header.version),
        text_sha256,
        meta,
    }
}

struct FieldMerge<'r> {
    later_side: SideName,
    resolutions: &'r mut Vec<Resolution>,
}

impl FieldMerge<'_> {
    fn pick<T: PartialEq + Clone + Serialize>(
        &mut self,
        name: &'static str,
        b: &Option<T>,
        o: &Option<T>,
        t: &Option<T>,
    ) -> Option<T> {
        if o == t || t == b {
            return o.clone();
        }
        if o == b {
            return t.clone();
        }
        let (kept, dropped) = match self.later_side {
            SideName::Ours => (o, t),
            SideName::Theirs => (t, o),
        };
        self.resolutions.push(Resolution::HeaderField {
            field: name,
            kept: shown(kept),
            dropped: shown(dropped),
            kept_from: self.later_side,
        });
        kept.clone()
    }
}

/// A header value for a sentence: "AFP", 2020-10-09, or "unset".
fn shown<T: Serialize>(v: &Option<T>) -> String {
    match v.as_ref().map(serde_json::to_value) {
        None => "unset".into(),
        Some(Ok(serde_json::Value::String(s))) => format!("“{s}”"),
        Some(Ok(other)) => other.to_string(),
        Some(Err(_)) => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Kind;
    use crate::annotation::store::{Entry, FORMAT, VERSION};

    const TEXT: &str = "Lisbonne et Porto, puis Madrid.";

    fn ann(id: &str, start: usize, end: usize, at: &str) -> Annotation {
        let mut a = Annotation::new(TEXT, Kind::Entity, "LOC", start, end);
        a.id = id.into();
        a.at = at.into();
        a.author = "ana".into();
        a
    }

    fn version(anns: &[Annotation], meta: MetaOverride) -> Parsed {
        Parsed {
            header: Header { format: FORMAT.into(), version: VERSION, text_sha256: "h".into(), meta },
            entries: anns
                .iter()
                .enumerate()
                .map(|(i, a)| Entry { line: i + 2, annotation: a.clone(), orphan: false })
                .collect(),
        }
    }

    const T0: &str = "2026-01-05T10:00:00+00:00";
    const T1: &str = "2026-01-05T11:00:00+00:00";
    const T2: &str = "2026-01-05T11:30:00+01:00"; // 10:30 UTC: earlier than T1

    fn ids(m: &Merged) -> Vec<&str> {
        m.annotations.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn additions_of_both_sides_are_kept_and_deletions_honoured() {
        let base = vec![ann("a", 0, 8, T0), ann("b", 12, 17, T0)];
        let ours = vec![ann("a", 0, 8, T0), ann("c", 24, 30, T1)];
        let theirs = vec![ann("b", 12, 17, T0), ann("a", 0, 8, T0), ann("d", 0, 8, T1)];
        let m = merge(
            Some(&version(&base, MetaOverride::default())),
            &version(&ours, MetaOverride::default()),
            &version(&theirs, MetaOverride::default()),
        );
        assert_eq!(ids(&m), ["a", "d", "c"]);
        assert!(m.resolutions.is_empty());
    }

    #[test]
    fn the_same_annotation_edited_on_both_sides_keeps_the_later_and_the_other_as_rejected() {
        let base = vec![ann("a", 0, 8, T0)];
        let mut ours = base.clone();
        ours[0].label = "ORG".into();
        ours[0].at = T1.into();
        let mut theirs = base.clone();
        theirs[0].label = "PER".into();
        theirs[0].at = T2.into();
        let d = MetaOverride::default;
        let m = merge(Some(&version(&base, d())), &version(&ours, d()), &version(&theirs, d()));
        assert_eq!(m.annotations.len(), 2);
        let won = m.annotations.iter().find(|a| a.id == "a").unwrap();
        assert_eq!((won.label.as_str(), won.status), ("ORG", Status::Accepted));
        let alt = m.annotations.iter().find(|a| a.id != "a").unwrap();
        assert_eq!((alt.label.as_str(), alt.status), ("PER", Status::Rejected));
        assert_eq!(alt.attrs.extra[ALTERNATIVE_OF], "a");
        assert_eq!(alt.id.len(), 12);
        // The other way round gives the same file.
        let n = merge(Some(&version(&base, d())), &version(&theirs, d()), &version(&ours, d()));
        assert_eq!(n.annotations, m.annotations);
        let said = m.resolutions[0].to_string();
        assert!(said.contains("the later edit (by ana at 2026-01-05T11:00:00+00:00, this branch)"), "{said}");
    }

    #[test]
    fn the_same_edit_made_twice_is_kept_once() {
        let base = vec![ann("a", 0, 8, T0)];
        let mut ours = base.clone();
        ours[0].label = "ORG".into();
        ours[0].at = T1.into();
        let mut theirs = ours.clone();
        theirs[0].author = "ben".into();
        theirs[0].at = T2.into();
        let d = MetaOverride::default;
        let m = merge(Some(&version(&base, d())), &version(&ours, d()), &version(&theirs, d()));
        assert_eq!(m.annotations, ours);
        assert!(m.resolutions.is_empty());
    }

    #[test]
    fn an_edit_survives_a_deletion_on_the_other_side() {
        let base = vec![ann("a", 0, 8, T0)];
        let mut theirs = base.clone();
        theirs[0].label = "ORG".into();
        let d = MetaOverride::default;
        let m = merge(Some(&version(&base, d())), &version(&[], d()), &version(&theirs, d()));
        assert_eq!(m.annotations, theirs);
        assert!(matches!(m.resolutions[0], Resolution::EditKept { edited_on: SideName::Theirs, .. }));
    }

    #[test]
    fn header_fields_merge_one_by_one_and_a_clash_goes_to_the_later_side() {
        let base = MetaOverride::default();
        let ours = MetaOverride { outlet: Some("AFP".into()), title: Some("Un".into()), ..base.clone() };
        let theirs = MetaOverride { title: Some("Deux".into()), ..base.clone() };
        let theirs_anns = vec![ann("z", 0, 8, T1)];
        let m = merge(Some(&version(&[], base)), &version(&[], ours), &version(&theirs_anns, theirs));
        assert_eq!(m.header.meta.outlet.as_deref(), Some("AFP"));
        assert_eq!(m.header.meta.title.as_deref(), Some("Deux"));
        assert_eq!(
            m.resolutions[0].to_string(),
            "the header field title was set on both branches: “Deux” (the merged branch, whose \
             annotation changes are the later) is kept, “Un” (this branch) is dropped"
        );
    }

    #[test]
    fn no_base_and_different_texts_are_merged_too() {
        let mut theirs = version(&[ann("b", 12, 17, T0)], MetaOverride::default());
        theirs.header.text_sha256 = "other".into();
        let m = merge(None, &version(&[ann("a", 0, 8, T0)], MetaOverride::default()), &theirs);
        assert_eq!(ids(&m), ["a", "b"]);
        assert_eq!(m.header.text_sha256, "");
        assert_eq!(m.resolutions, [Resolution::TextsDiffer]);
    }
}
