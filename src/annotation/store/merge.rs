//! Three-way merge of two versions of a sidecar (ours in memory, theirs on
//! disk) against the version both started from, annotation by annotation
//! (by id) and header field by header field. Changes to different
//! annotations merge; the same annotation changed differently on both sides,
//! or changed on one and deleted on the other, is a conflict.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::MetaOverride;
use crate::annotation::model::Annotation;
use crate::text::inert;

/// One version of a sidecar's content.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub annotations: &'a [Annotation],
    pub orphans: &'a [Annotation],
    pub meta: &'a MetaOverride,
}

/// The merged content.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub annotations: Vec<Annotation>,
    pub orphans: Vec<Annotation>,
    pub meta: MetaOverride,
    /// Annotations added, edited or deleted on their side and taken.
    pub from_theirs: usize,
    /// Header fields changed on their side and taken.
    pub meta_from_theirs: usize,
}

/// What one side did to an item since the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Edited,
    Deleted,
}

impl Change {
    fn of<T: PartialEq>(base: Option<&T>, side: Option<&T>) -> Change {
        match (base, side) {
            (None, _) => Change::Added,
            (Some(_), None) => Change::Deleted,
            _ => Change::Edited,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Edited => "edited",
            Change::Deleted => "deleted",
        }
    }
}

/// Both sides changed the same item differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// "annotation k3… (LOC “Bakou”)" or "the header field outlet".
    pub subject: String,
    pub id: Option<String>,
    pub ours: Change,
    pub theirs: Change,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} was {} here and {} by the other program; nothing was saved",
            self.subject,
            self.ours.as_str(),
            self.theirs.as_str()
        )
    }
}

/// The outcome of one item: which side to take, or a conflict.
enum Pick {
    Same,
    Ours,
    Theirs,
    Conflict(Change, Change),
}

fn pick<T: PartialEq>(base: Option<&T>, ours: Option<&T>, theirs: Option<&T>) -> Pick {
    if ours == theirs {
        Pick::Same
    } else if ours == base {
        Pick::Theirs
    } else if theirs == base {
        Pick::Ours
    } else {
        Pick::Conflict(Change::of(base, ours), Change::of(base, theirs))
    }
}

type Side<'a> = BTreeMap<&'a str, (&'a Annotation, bool)>;

fn by_id(v: Version<'_>) -> Side<'_> {
    let anchored = v.annotations.iter().map(|a| (a.id.as_str(), (a, false)));
    anchored.chain(v.orphans.iter().map(|a| (a.id.as_str(), (a, true)))).collect()
}

fn describe(a: &Annotation) -> String {
    let exact: String = a.quote.exact.chars().take(40).collect();
    format!("annotation {} ({} “{}”)", inert(&a.id), inert(&a.label), inert(&exact))
}

/// Merges `ours` and `theirs`, both anchored in the same text, against `base`
/// (every annotation of the base version, orphans included).
pub fn merge3(
    base: &[Annotation],
    base_meta: &MetaOverride,
    ours: Version<'_>,
    theirs: Version<'_>,
) -> Result<Merged, Conflict> {
    let base_ids: BTreeMap<&str, &Annotation> = base.iter().map(|a| (a.id.as_str(), a)).collect();
    let (o, t) = (by_id(ours), by_id(theirs));
    let ids: BTreeSet<&str> = base_ids.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    let mut merged = Merged {
        annotations: Vec::new(),
        orphans: Vec::new(),
        meta: MetaOverride::default(),
        from_theirs: 0,
        meta_from_theirs: 0,
    };
    for id in ids {
        let b = base_ids.get(id).copied();
        let (oa, ta) = (o.get(id).map(|x| x.0), t.get(id).map(|x| x.0));
        let chosen = match pick(b, oa, ta) {
            Pick::Same | Pick::Ours => o.get(id),
            Pick::Theirs => {
                merged.from_theirs += 1;
                t.get(id)
            }
            Pick::Conflict(ours, theirs) => {
                let shown = oa.or(ta).or(b).expect("an id comes from one of the versions");
                return Err(Conflict { subject: describe(shown), id: Some(id.to_string()), ours, theirs });
            }
        };
        match chosen {
            Some(&(a, false)) => merged.annotations.push(a.clone()),
            Some(&(a, true)) => merged.orphans.push(a.clone()),
            None => {}
        }
    }
    super::parse::sort(&mut merged.annotations);
    super::parse::sort(&mut merged.orphans);
    merged.meta = merge_meta(base_meta, ours.meta, theirs.meta, &mut merged.meta_from_theirs)?;
    Ok(merged)
}

fn merge_meta(
    base: &MetaOverride,
    ours: &MetaOverride,
    theirs: &MetaOverride,
    from_theirs: &mut usize,
) -> Result<MetaOverride, Conflict> {
    fn field<T: PartialEq + Clone>(
        name: &str,
        b: &Option<T>,
        o: &Option<T>,
        t: &Option<T>,
        from_theirs: &mut usize,
    ) -> Result<Option<T>, Conflict> {
        match pick(b.as_ref(), o.as_ref(), t.as_ref()) {
            Pick::Same | Pick::Ours => Ok(o.clone()),
            Pick::Theirs => {
                *from_theirs += 1;
                Ok(t.clone())
            }
            Pick::Conflict(ours, theirs) => {
                Err(Conflict { subject: format!("the header field {name}"), id: None, ours, theirs })
            }
        }
    }
    Ok(MetaOverride {
        date: field("date", &base.date, &ours.date, &theirs.date, from_theirs)?,
        precision: field("precision", &base.precision, &ours.precision, &theirs.precision, from_theirs)?,
        outlet: field("outlet", &base.outlet, &ours.outlet, &theirs.outlet, from_theirs)?,
        title: field("title", &base.title, &ours.title, &theirs.title, from_theirs)?,
        lang: field("lang", &base.lang, &ours.lang, &theirs.lang, from_theirs)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::Kind;

    const TEXT: &str = "Bakou et Erevan, puis Moscou.";

    fn ann(id: &str, start: usize, end: usize) -> Annotation {
        let mut a = Annotation::new(TEXT, Kind::Entity, "LOC", start, end);
        a.id = id.into();
        a.at = "2020-10-09T10:00:00+02:00".into();
        a
    }

    fn v<'a>(a: &'a [Annotation], meta: &'a MetaOverride) -> Version<'a> {
        Version { annotations: a, orphans: &[], meta }
    }

    #[test]
    fn changes_to_different_annotations_merge() {
        let m = MetaOverride::default();
        let base = vec![ann("a", 0, 5), ann("b", 9, 15)];
        let mut ours = base.clone();
        ours[0].label = "ORG".into();
        ours.push(ann("c", 22, 28));
        let mut theirs = base.clone();
        theirs.remove(1);
        let out = merge3(&base, &m, v(&ours, &m), v(&theirs, &m)).unwrap();
        let ids: Vec<_> = out.annotations.iter().map(|a| (a.id.as_str(), a.label.as_str())).collect();
        assert_eq!(ids, [("a", "ORG"), ("c", "LOC")]);
        assert_eq!(out.from_theirs, 1);
    }

    #[test]
    fn the_same_annotation_changed_twice_conflicts() {
        let m = MetaOverride::default();
        let base = vec![ann("a", 0, 5)];
        let mut ours = base.clone();
        ours[0].label = "ORG".into();
        let mut theirs = base.clone();
        theirs[0].label = "PER".into();
        let c = merge3(&base, &m, v(&ours, &m), v(&theirs, &m)).unwrap_err();
        assert_eq!((c.id.as_deref(), c.ours, c.theirs), (Some("a"), Change::Edited, Change::Edited));
        assert!(c.to_string().contains("annotation a (ORG “Bakou”) was edited here and edited"), "{c}");
        let c = merge3(&base, &m, v(&ours, &m), v(&[], &m)).unwrap_err();
        assert_eq!((c.ours, c.theirs), (Change::Edited, Change::Deleted));
    }

    #[test]
    fn identical_changes_and_deletions_agree() {
        let m = MetaOverride::default();
        let base = vec![ann("a", 0, 5), ann("b", 9, 15)];
        let both = vec![ann("b", 9, 15)];
        let out = merge3(&base, &m, v(&both, &m), v(&both, &m)).unwrap();
        assert_eq!(out.annotations, both);
        assert_eq!(out.from_theirs, 0);
    }

    #[test]
    fn header_fields_merge_one_by_one() {
        let base = MetaOverride::default();
        let ours = MetaOverride { outlet: Some("AFP".into()), ..base.clone() };
        let theirs = MetaOverride { title: Some("Lavrov".into()), ..base.clone() };
        let out = merge3(&[], &base, v(&[], &ours), v(&[], &theirs)).unwrap();
        assert_eq!((out.meta.outlet.as_deref(), out.meta.title.as_deref()), (Some("AFP"), Some("Lavrov")));
        assert_eq!(out.meta_from_theirs, 1);
        let clash = MetaOverride { outlet: Some("Reuters".into()), ..base.clone() };
        let c = merge3(&[], &base, v(&[], &ours), v(&[], &clash)).unwrap_err();
        assert_eq!(c.subject, "the header field outlet");
    }
}
