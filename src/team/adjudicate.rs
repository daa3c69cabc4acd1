//! Adjudication, with no terminal in it: where the annotators of one
//! dispatch differ, the versions side by side, and the change a curator's
//! decision makes (applied, undone and saved like every other change, by
//! [`crate::annotation::edit::editor::Editor`]).
//!
//! A disagreement is a group of overlapping annotations of one kind (or of
//! one span) that the annotators did not all make alike: a different label,
//! span or field, an annotation one of them lacks, or a rejected alternative
//! kept by the merge driver (`attrs.alternative_of`). An annotation every
//! annotator of the dispatch made alike is agreed and left out; so is a
//! dispatch only one person annotated.
//!
//! A decision never deletes: the result is a new accepted annotation (the
//! editor stamps the curator as its author), every version becomes
//! `rejected`, keeping who made it in `attrs.annotated_by`, and all of them
//! carry the decision's id in `attrs.adjudication` (what the progress counts).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::annotation::edit::change::{Change, new_annotation};
use crate::annotation::{Annotation, Attrs, Kind, Status};
use crate::corpus::Article;

use super::merge::ALTERNATIVE_OF;

/// The id of the decision, on its result and on every version it settled.
pub const ADJUDICATION: &str = "adjudication";
/// On a version a decision rejected: who made it (its `author` is now the
/// curator's, who made the last change).
pub const ANNOTATED_BY: &str = "annotated_by";

/// The versions of one passage the annotators did not make alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The passage the versions cover together (code points).
    pub start: usize,
    pub end: usize,
    /// By author, then place: the numbers the curator's keys pick (1, 2…).
    pub versions: Vec<Annotation>,
}

/// For a merge, the version (from 0) whose value each field takes where
/// the versions set it differently.
pub type Choices = BTreeMap<String, usize>;

/// What the curator decides for a disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Keep version `n` (from 0) alone.
    Pick(usize),
    /// Keep every version (each distinct one once) where none clashes.
    Both,
    /// One annotation with the fields of all: where they set a field
    /// differently, the chosen version's value, else the lowest-numbered.
    Merge(Choices),
    /// Keep none.
    RejectAll,
}

/// How far a dispatch's adjudication is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Disagreements still open.
    pub open: usize,
    /// Decisions taken.
    pub decided: usize,
}

impl Progress {
    pub fn total(&self) -> usize {
        self.open + self.decided
    }
}

fn extra_str<'a>(a: &'a Annotation, key: &str) -> Option<&'a str> {
    a.attrs.extra.get(key).and_then(|v| v.as_str())
}

/// Whether a decision made or settled `a`.
pub fn is_decided(a: &Annotation) -> bool {
    a.attrs.extra.contains_key(ADJUDICATION)
}

/// The annotation `a` is a merge driver's alternative of, if any.
pub fn alternative_of(a: &Annotation) -> Option<&str> {
    extra_str(a, ALTERNATIVE_OF)
}

/// Who made version `a` (before any decision).
pub fn made_by(a: &Annotation) -> &str {
    extra_str(a, ANNOTATED_BY).unwrap_or(&a.author)
}

/// The fields of `a` that say what it means: its attributes without the
/// bookkeeping of merges and decisions.
pub fn meaning(a: &Annotation) -> Attrs {
    let mut attrs = a.attrs.clone();
    for k in [ADJUDICATION, ANNOTATED_BY, ALTERNATIVE_OF] {
        attrs.extra.remove(k);
    }
    attrs
}

/// Two annotations say the same thing: kind, label, span and fields.
fn same_content(a: &Annotation, b: &Annotation) -> bool {
    let marked = |x: &Annotation| {
        [ADJUDICATION, ANNOTATED_BY, ALTERNATIVE_OF].iter().any(|k| x.attrs.extra.contains_key(*k))
    };
    a.kind == b.kind
        && a.label == b.label
        && a.start == b.start
        && a.end == b.end
        // (no copy of the fields unless one carries adjudication marks)
        && if marked(a) || marked(b) { meaning(a) == meaning(b) } else { a.attrs == b.attrs }
}

fn instant(at: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(at).ok()
}

/// The curators of a dispatch: who took a decision there, and when first.
/// What a curator adds or changes there afterwards (in annotate mode: a
/// name every annotator missed, a result's field) is the curator's own
/// word, not one more version to adjudicate.
struct Curators<'a>(BTreeMap<&'a str, chrono::DateTime<chrono::FixedOffset>>);

impl<'a> Curators<'a> {
    fn of(annotations: &'a [Annotation]) -> Curators<'a> {
        let mut first = BTreeMap::new();
        for a in annotations.iter().filter(|a| is_decided(a)) {
            if let Some(t) = instant(&a.at) {
                let e = first.entry(a.author.as_str()).or_insert(t);
                *e = (*e).min(t);
            }
        }
        Curators(first)
    }

    /// Whether `a` (accepted, no decision's) was made by a curator after
    /// their first decision.
    fn added(&self, a: &Annotation) -> bool {
        self.0.get(a.author.as_str()).is_some_and(|first| instant(&a.at).is_some_and(|t| t >= *first))
    }

    /// An accepted annotation that is an annotator's version.
    fn version(&self, a: &Annotation) -> bool {
        a.status == Status::Accepted && !is_decided(a) && !self.added(a)
    }
}

/// The annotators of a dispatch: the authors of its accepted annotations
/// (a curator's results and additions aside), of the versions decisions
/// settled, and of the merge alternatives. A rejected suggestion makes no
/// one an annotator, and neither do a few annotations beside another's
/// many: an author is an annotator with at least a third as many as the
/// most prolific (one name added to a dispatch annotated whole is a
/// correction in progress, not a version of every other annotation).
fn annotators<'a>(annotations: &'a [Annotation], curators: &Curators<'_>) -> BTreeSet<&'a str> {
    let mut made: BTreeMap<&str, usize> = BTreeMap::new();
    for a in annotations {
        let who = match a.status {
            Status::Accepted if curators.version(a) => Some(a.author.as_str()),
            Status::Rejected if is_decided(a) => extra_str(a, ANNOTATED_BY),
            Status::Rejected if alternative_of(a).is_some() => Some(a.author.as_str()),
            _ => None,
        };
        if let Some(who) = who {
            *made.entry(who).or_default() += 1;
        }
    }
    let most = made.values().copied().max().unwrap_or(0);
    made.into_iter().filter(|&(_, n)| n * 3 >= most).map(|(who, _)| who).collect()
}

/// The versions of the open disagreements of a dispatch's annotations
/// (sorted by (start, end, id), as a sidecar is), in text order.
fn versions(annotations: &[Annotation]) -> Vec<&Annotation> {
    let curators = Curators::of(annotations);
    let open: Vec<&Annotation> = annotations.iter().filter(|a| curators.version(a)).collect();
    let candidates: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| a.status == Status::Rejected && !is_decided(a) && alternative_of(a).is_some())
        .collect();
    // (the ids looked up only where a merge left alternatives)
    let open_ids: HashSet<&str> =
        if candidates.is_empty() { HashSet::new() } else { open.iter().map(|a| a.id.as_str()).collect() };
    let alternatives: Vec<&Annotation> =
        candidates.into_iter().filter(|a| alternative_of(a).is_some_and(|w| open_ids.contains(w))).collect();
    let authors = annotators(annotations, &curators);
    if authors.len() < 2 && alternatives.is_empty() {
        return Vec::new();
    }
    let disputed: HashSet<&str> = alternatives.iter().filter_map(|a| alternative_of(a)).collect();
    // Agreed: every annotator made it alike (the same span, so neighbours
    // in the sorted list), and no alternative disputes it.
    let agreed = |i: usize| {
        let a = open[i];
        if disputed.contains(a.id.as_str()) {
            return false;
        }
        let from = open.partition_point(|b| (b.start, b.end) < (a.start, a.end));
        let same_span = open[from..].iter().take_while(|b| (b.start, b.end) == (a.start, a.end));
        let alike: BTreeSet<&str> =
            same_span.filter(|b| same_content(a, b)).map(|b| b.author.as_str()).collect();
        authors.iter().all(|u| alike.contains(u))
    };
    let mut versions: Vec<&Annotation> =
        (0..open.len()).filter(|&i| !agreed(i)).map(|i| open[i]).chain(alternatives).collect();
    versions.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    versions
}

/// The open disagreements of a dispatch, each with its versions, in text order.
pub fn disagreements(annotations: &[Annotation]) -> Vec<Disagreement> {
    let versions = versions(annotations);
    group(&versions, &roots(&versions))
}

/// Versions that overlap with the same kind, share a span, or are an
/// alternative and its winner, grouped (union-find over a sweep in text
/// order).
fn roots(versions: &[&Annotation]) -> Vec<usize> {
    let n = versions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let join = |p: &mut Vec<usize>, i: usize, j: usize| {
        let (a, b) = (root(p, i), root(p, j));
        if a != b {
            p[a.max(b)] = a.min(b);
        }
    };
    for i in 0..n {
        let a = versions[i];
        for (j, b) in versions.iter().enumerate().skip(i + 1) {
            if b.start >= a.end && (b.start, b.end) != (a.start, a.end) {
                break;
            }
            if (a.kind == b.kind && a.overlaps(b.start, b.end)) || (a.start, a.end) == (b.start, b.end) {
                join(&mut parent, i, j);
            }
        }
    }
    let index: BTreeMap<&str, usize> = versions.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    for (i, a) in versions.iter().enumerate() {
        if let Some(&w) = alternative_of(a).and_then(|w| index.get(w)) {
            join(&mut parent, i, w);
        }
    }
    (0..n).map(|i| root(&mut parent, i)).collect()
}

/// The versions by their group's root, made disagreements.
fn group(versions: &[&Annotation], roots: &[usize]) -> Vec<Disagreement> {
    let mut groups: BTreeMap<usize, Vec<Annotation>> = BTreeMap::new();
    for (v, &r) in versions.iter().zip(roots) {
        groups.entry(r).or_default().push((*v).clone());
    }
    let mut out: Vec<Disagreement> = groups
        .into_values()
        .map(|mut vs| {
            vs.sort_by(|a, b| {
                (made_by(a), alternative_of(a).is_some(), a.sort_key()).cmp(&(
                    made_by(b),
                    alternative_of(b).is_some(),
                    b.sort_key(),
                ))
            });
            let start = vs.iter().map(|a| a.start).min().unwrap_or(0);
            let end = vs.iter().map(|a| a.end).max().unwrap_or(0);
            Disagreement { start, end, versions: vs }
        })
        .collect();
    out.sort_by_key(|d| (d.start, d.end));
    out
}

/// How far the adjudication of a dispatch is.
pub fn progress(annotations: &[Annotation]) -> Progress {
    let decided: BTreeSet<&str> = annotations.iter().filter_map(|a| extra_str(a, ADJUDICATION)).collect();
    // counted, not copied: the list asks at every frame after a change
    let versions = versions(annotations);
    let open = roots(&versions).into_iter().collect::<BTreeSet<usize>>().len();
    Progress { open, decided: decided.len() }
}

/// Why a decision cannot be taken, in words for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("there is no version {wanted}: this disagreement has {have}")]
    NoSuchVersion { wanted: usize, have: usize },
    #[error(
        "b keeps every version only where none clashes: {0} and {1} mark the same words differently; \
         pick one ({0} or {1}) or merge their fields (m)"
    )]
    Clash(usize, usize),
    #[error("m merges the fields of versions of one span and label: {0} and {1} differ in {2}; pick one")]
    NotMergeable(usize, usize, &'static str),
}

/// Two results that cannot both stand: the same span said differently, or
/// spans of one kind that cross (neither inside the other).
fn clash(a: &Annotation, b: &Annotation) -> bool {
    if (a.start, a.end) == (b.start, b.end) {
        return !same_content(a, b);
    }
    let nested = (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
    a.kind == b.kind && a.overlaps(b.start, b.end) && !nested
}

/// The fields of several versions merged: a value they all agree on or only
/// some set is kept; where they set different values, the first version's.
/// Returns the merged fields and, for each field where they differed, a
/// word on what was taken.
type Fields = serde_json::Map<String, serde_json::Value>;

fn field_maps(versions: &[Annotation]) -> Vec<Fields> {
    versions
        .iter()
        .map(|a| match serde_json::to_value(meaning(a)) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => Fields::new(),
        })
        .collect()
}

/// The versions (from 0) that set field `k`, with their values.
fn set_by<'m>(maps: &'m [Fields], k: &str) -> Vec<(usize, &'m serde_json::Value)> {
    maps.iter().enumerate().filter_map(|(i, m)| m.get(k).map(|v| (i, v))).collect()
}

/// The fields the versions set differently, each with the versions that
/// set it (from 0) and their values in words: what a merge asks about.
pub fn conflicts(versions: &[Annotation]) -> Vec<(String, Vec<(usize, String)>)> {
    let maps = field_maps(versions);
    let keys: BTreeSet<&String> = maps.iter().flat_map(|m| m.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let set = set_by(&maps, k);
            let first = set.first()?.1;
            set.iter().any(|(_, v)| *v != first).then(|| {
                let shown = |v: &serde_json::Value| match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), set.iter().map(|(i, v)| (*i, shown(v))).collect())
            })
        })
        .collect()
}

fn merge_fields(versions: &[Annotation], choices: &Choices) -> (Attrs, Vec<String>) {
    let maps = field_maps(versions);
    let keys: BTreeSet<&String> = maps.iter().flat_map(|m| m.keys()).collect();
    let mut merged = serde_json::Map::new();
    let mut notes = Vec::new();
    for k in keys {
        let set = set_by(&maps, k);
        let Some(&(first, _)) = set.first() else { continue };
        let from = choices.get(k).copied().filter(|c| set.iter().any(|(i, _)| i == c)).unwrap_or(first);
        let value = maps[from][k.as_str()].clone();
        if set.iter().any(|(_, v)| **v != value) {
            let others: Vec<String> = set
                .iter()
                .filter(|(_, v)| **v != value)
                .map(|(i, v)| format!("{} said {v}", i + 1))
                .collect();
            notes.push(format!("{k} {value} from {} ({})", from + 1, others.join(", ")));
        }
        merged.insert(k.clone(), value);
    }
    let attrs = serde_json::from_value(serde_json::Value::Object(merged)).unwrap_or_default();
    (attrs, notes)
}

/// Whether the versions can be merged into one: same span, kind and label.
pub fn mergeable(d: &Disagreement) -> Result<(), Refusal> {
    let Some(first) = d.versions.first() else { return Ok(()) };
    for (i, v) in d.versions.iter().enumerate().skip(1) {
        let what = if (v.start, v.end) != (first.start, first.end) {
            Some("span")
        } else if v.label != first.label || v.kind != first.kind {
            Some("label")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(Refusal::NotMergeable(1, i + 1, what));
        }
    }
    Ok(())
}

/// A short name of a version for a sentence: `1 (ana: LOC)`.
fn named(n: usize, a: &Annotation) -> String {
    let alt = if alternative_of(a).is_some() { ", merge alternative" } else { "" };
    format!("{} ({}: {}{alt})", n + 1, made_by(a), a.label)
}

/// The change that carries out `decision` on `d`, a disagreement of article
/// `index` (`article`): the results added, every version rejected, all of
/// them marked with one decision id. Its `what` says what was chosen.
pub fn decide(
    index: usize,
    article: &Article,
    d: &Disagreement,
    decision: Decision,
) -> Result<Change, Refusal> {
    let vs = &d.versions;
    let (results, said): (Vec<Annotation>, String) = match decision {
        Decision::Pick(k) => {
            let v = vs.get(k).ok_or(Refusal::NoSuchVersion { wanted: k + 1, have: vs.len() })?;
            let others: Vec<String> =
                (0..vs.len()).filter(|&i| i != k).map(|i| (i + 1).to_string()).collect();
            let rest = if others.is_empty() {
                String::new()
            } else {
                format!(", {} rejected", others.join(" and "))
            };
            (vec![v.clone()], format!("kept {}{rest}", named(k, v)))
        }
        Decision::Both => {
            let mut kept: Vec<(usize, &Annotation)> = Vec::new();
            for (i, v) in vs.iter().enumerate() {
                if let Some((j, _)) = kept.iter().find(|(_, k)| clash(k, v)) {
                    return Err(Refusal::Clash(j + 1, i + 1));
                }
                if !kept.iter().any(|(_, k)| same_content(k, v)) {
                    kept.push((i, v));
                }
            }
            let names: Vec<String> = kept.iter().map(|(i, v)| named(*i, v)).collect();
            (kept.into_iter().map(|(_, v)| v.clone()).collect(), format!("kept {}", names.join(" and ")))
        }
        Decision::Merge(choices) => {
            mergeable(d)?;
            let (attrs, notes) = merge_fields(vs, &choices);
            let mut merged = vs[0].clone();
            merged.attrs = attrs;
            let how = if notes.is_empty() { String::new() } else { format!(": {}", notes.join("; ")) };
            let all: Vec<String> = (1..=vs.len()).map(|i| i.to_string()).collect();
            (vec![merged], format!("merged the fields of {}{how}", all.join(" and ")))
        }
        Decision::RejectAll => {
            let all: Vec<String> = (1..=vs.len()).map(|i| i.to_string()).collect();
            (Vec::new(), format!("rejected {}", all.join(" and ")))
        }
    };
    let decision_id = serde_json::Value::String(crate::annotation::model::new_id());
    let exact: String = crate::text::inert_line(article.slice(d.start, d.end)).chars().take(32).collect();
    let mut change = Change::new(format!("adjudicated \u{201c}{exact}\u{201d}: {said}"));
    for r in results {
        let mut a = new_annotation(article, r.kind, &r.label, r.start, r.end);
        a.attrs = meaning(&r);
        a.attrs.extra.insert(ADJUDICATION.into(), decision_id.clone());
        change = change.add(index, a);
    }
    for v in vs {
        let mut after = v.clone();
        after.status = Status::Rejected;
        let by = serde_json::Value::String(made_by(v).to_string());
        after.attrs.extra.insert(ANNOTATED_BY.into(), by);
        after.attrs.extra.insert(ADJUDICATION.into(), decision_id.clone());
        change = change.update(index, v.clone(), after);
    }
    Ok(change)
}

/// The fields of a version as (name, value) pairs, for the curator to
/// compare: its meaning only, in a stable order.
pub fn fields(a: &Annotation) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(m)) = serde_json::to_value(meaning(a)) else { return Vec::new() };
    m.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}

/// Whether the versions differ in `kind`/label, in span, or in field `name`.
pub fn differs(versions: &[Annotation], what: Difference<'_>) -> bool {
    let Some(first) = versions.first() else { return false };
    versions.iter().any(|v| match what {
        Difference::Label => v.label != first.label || v.kind != first.kind,
        Difference::Span => (v.start, v.end) != (first.start, first.end),
        Difference::Field(name) => {
            let get = |a: &Annotation| fields(a).into_iter().find(|(k, _)| k == name).map(|(_, v)| v);
            get(v) != get(first)
        }
    })
}

/// What [`differs`] compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference<'a> {
    Label,
    Span,
    Field(&'a str),
}

/// What a key of adjudicate mode does. Every action has a stable name that
/// the config file rebinds (`[keys.adjudicate]`) and help shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdjudicateAction {
    /// Keep version n (1-based, as on screen).
    Pick(u8),
    Both,
    Merge,
    RejectAll,
    Next,
    Prev,
}

const NAMES: &[(&str, AdjudicateAction)] = &[
    ("keep_both", AdjudicateAction::Both),
    ("merge_fields", AdjudicateAction::Merge),
    ("reject_both", AdjudicateAction::RejectAll),
    ("next_disagreement", AdjudicateAction::Next),
    ("prev_disagreement", AdjudicateAction::Prev),
];

impl AdjudicateAction {
    /// `pick_1`, `keep_both`, `next_disagreement`…
    pub fn name(&self) -> String {
        match self {
            AdjudicateAction::Pick(n) => format!("pick_{n}"),
            other => NAMES.iter().find(|(_, a)| a == other).map(|(n, _)| n.to_string()).unwrap_or_default(),
        }
    }

    pub fn from_name(name: &str) -> Option<AdjudicateAction> {
        if let Some(n) = name.strip_prefix("pick_") {
            return n.parse().ok().filter(|n| (1..=9).contains(n)).map(AdjudicateAction::Pick);
        }
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
    }

    /// The decision it takes, if it takes one.
    pub fn decision(self) -> Option<Decision> {
        match self {
            AdjudicateAction::Pick(n) => Some(Decision::Pick(usize::from(n.max(1)) - 1)),
            AdjudicateAction::Both => Some(Decision::Both),
            AdjudicateAction::Merge => Some(Decision::Merge(Choices::new())),
            AdjudicateAction::RejectAll => Some(Decision::RejectAll),
            AdjudicateAction::Next | AdjudicateAction::Prev => None,
        }
    }
}

/// Whether `kind` has fields worth comparing one by one (a claim's, an
/// event's): the view shows them on a line of their own.
pub fn has_fields(kind: Kind) -> bool {
    matches!(kind, Kind::Claim | Kind::Event | Kind::Figure | Kind::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Party, Who};

    const TEXT: &str = "Selon le ministère de l'Intérieur, 40 policiers ont été blessés à Valparaíso samedi.";

    fn at(needle: &str) -> (usize, usize) {
        let b = TEXT.find(needle).unwrap();
        let s = TEXT[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn ann(id: &str, author: &str, kind: Kind, label: &str, needle: &str) -> Annotation {
        let (s, e) = at(needle);
        let mut a = Annotation::new(TEXT, kind, label, s, e);
        a.id = id.into();
        a.author = author.into();
        a.at = "2026-12-01T10:00:00+00:00".into();
        a
    }

    fn sorted(mut v: Vec<Annotation>) -> Vec<Annotation> {
        crate::annotation::store::parse::sort(&mut v);
        v
    }

    fn article() -> (tempfile::TempDir, Article) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), TEXT).unwrap();
        let p = crate::project::Project::open(dir.path()).unwrap();
        (dir, p.articles[0].clone())
    }

    fn claim(id: &str, author: &str, who: Who) -> Annotation {
        let mut c = ann(id, author, Kind::Claim, "CLAIM", "40 policiers ont été blessés");
        c.attrs.count_low = Some(40);
        c.attrs.who = Some(who);
        c
    }

    #[test]
    fn what_two_annotators_made_alike_is_agreed_the_rest_is_disputed() {
        let anns = sorted(vec![
            ann("a1", "ana", Kind::Entity, "ORG", "ministère de l'Intérieur"),
            ann("b1", "ben", Kind::Entity, "ORG", "ministère de l'Intérieur"),
            ann("a2", "ana", Kind::Entity, "LOC", "Valparaíso"),
            ann("b2", "ben", Kind::Entity, "ORG", "Valparaíso"),
            ann("a3", "ana", Kind::Date, "DATE", "samedi"),
            claim("a4", "ana", Who::Military),
            claim("b4", "ben", Who::All),
        ]);
        let d = disagreements(&anns);
        let ids: Vec<Vec<&str>> =
            d.iter().map(|d| d.versions.iter().map(|v| v.id.as_str()).collect()).collect();
        assert_eq!(ids, [vec!["a4", "b4"], vec!["a2", "b2"], vec!["a3"]]);
        assert!(differs(&d[0].versions, Difference::Field("who")));
        assert!(!differs(&d[0].versions, Difference::Field("count_low")));
        assert!(differs(&d[1].versions, Difference::Label));
        assert_eq!(progress(&anns), Progress { open: 3, decided: 0 });
        // One annotator alone: nothing to adjudicate.
        let alone: Vec<Annotation> = anns.iter().filter(|a| a.author == "ana").cloned().collect();
        assert!(disagreements(&alone).is_empty());
    }

    #[test]
    fn a_few_annotations_beside_anothers_many_are_no_version() {
        // the gold annotated whole, a reader adds one name: nothing to adjudicate
        let mut anns = vec![
            ann("g1", "gold", Kind::Entity, "ORG", "ministère de l'Intérieur"),
            ann("g2", "gold", Kind::Entity, "LOC", "Valparaíso"),
            ann("g3", "gold", Kind::Date, "DATE", "samedi"),
            claim("g4", "gold", Who::All),
        ];
        anns.push(ann("r1", "reader", Kind::Entity, "PER", "Valparaíso"));
        let anns = sorted(anns);
        assert!(disagreements(&anns).is_empty());
        assert_eq!(progress(&anns), Progress { open: 0, decided: 0 });
        // two of the reader's beside four: a version of its own
        let mut more = anns.clone();
        more.push(ann("r2", "reader", Kind::Entity, "LOC", "samedi"));
        assert!(!disagreements(&sorted(more)).is_empty());
    }

    #[test]
    fn a_merge_alternative_is_a_disagreement_even_for_one_author() {
        let win = ann("w", "ana", Kind::Entity, "LOC", "Valparaíso");
        let mut alt = ann("x", "ana", Kind::Entity, "ORG", "Valparaíso");
        alt.status = Status::Rejected;
        alt.attrs.extra.insert(ALTERNATIVE_OF.into(), "w".into());
        let d = disagreements(&sorted(vec![win, alt]));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].versions[1].id, "x");
    }

    /// Applies a change's ops to a plain list as the editor and the store
    /// would: cora, the curator, stamped on what it writes.
    fn apply(anns: &mut Vec<Annotation>, c: &Change) {
        for op in &c.ops {
            if let crate::annotation::edit::change::Op::Ann { before, after, .. } = op {
                if let Some(b) = before {
                    anns.retain(|a| a.id != b.id);
                }
                anns.extend(after.clone().map(|mut a| {
                    a.author = "cora".into();
                    a.at = "2026-12-02T09:00:00+00:00".into();
                    a
                }));
            }
        }
        crate::annotation::store::parse::sort(anns);
    }

    #[test]
    fn a_pick_keeps_one_rejects_the_others_and_closes_the_disagreement() {
        let (_dir, art) = article();
        let mut anns = sorted(vec![
            ann("a2", "ana", Kind::Entity, "LOC", "Valparaíso"),
            ann("b2", "ben", Kind::Entity, "ORG", "Valparaíso"),
            ann("a3", "ana", Kind::Date, "DATE", "samedi"),
        ]);
        let d = disagreements(&anns);
        let c = decide(0, &art, &d[0], Decision::Pick(0)).unwrap();
        assert_eq!(c.what, "adjudicated \u{201c}Valparaíso\u{201d}: kept 1 (ana: LOC), 2 rejected");
        apply(&mut anns, &c);
        let kept: Vec<&Annotation> = anns.iter().filter(|a| a.status == Status::Accepted).collect();
        assert_eq!(kept.iter().map(|a| a.label.as_str()).collect::<Vec<_>>(), ["LOC", "DATE"]);
        assert!(is_decided(kept[0]) && kept[0].id != "a2");
        let b2 = anns.iter().find(|a| a.id == "b2").unwrap();
        assert_eq!((b2.status, made_by(b2)), (Status::Rejected, "ben"));
        assert_eq!(progress(&anns), Progress { open: 1, decided: 1 });
        // Rejecting the last one: nothing open, two decisions.
        let d = disagreements(&anns);
        apply(&mut anns, &decide(0, &art, &d[0], Decision::RejectAll).unwrap());
        assert_eq!(progress(&anns), Progress { open: 0, decided: 2 });
        assert_eq!(anns.len(), 4, "nothing deleted");
    }

    #[test]
    fn both_refuses_a_clash_and_merge_takes_the_first_where_fields_differ() {
        let (_dir, art) = article();
        let mut a = claim("a4", "ana", Who::Military);
        a.attrs.claimant = Some("ministère de l'Intérieur".into());
        let mut b = claim("b4", "ben", Who::All);
        b.attrs.side = Some(Party::parse("CL").unwrap_or(Party::UNKNOWN));
        let d = disagreements(&sorted(vec![a, b]));
        assert_eq!(decide(0, &art, &d[0], Decision::Both), Err(Refusal::Clash(1, 2)));
        let c = decide(0, &art, &d[0], Decision::Merge(Choices::new())).unwrap();
        let merged = match &c.ops[0] {
            crate::annotation::edit::change::Op::Ann { after: Some(m), .. } => m.clone(),
            _ => panic!("the result first"),
        };
        assert_eq!(merged.attrs.claimant.as_deref(), Some("ministère de l'Intérieur"));
        assert_eq!(merged.attrs.who, Some(Who::Military));
        assert!(merged.attrs.side.is_some(), "a field only 2 set is kept");
        assert!(c.what.contains("who \"military\" from 1 (2 said \"all\")"), "{}", c.what);
        // The curator chose 2's `who`: what a merge asks about, then takes.
        assert_eq!(
            conflicts(&d[0].versions),
            [("who".to_string(), vec![(0, "military".into()), (1, "all".into())])]
        );
        let chosen = Choices::from([("who".to_string(), 1)]);
        let c = decide(0, &art, &d[0], Decision::Merge(chosen)).unwrap();
        assert!(c.what.contains("who \"all\" from 2 (1 said \"military\")"), "{}", c.what);
        // Nested spans of one kind do not clash: both are kept.
        let outer = ann("o", "ana", Kind::Entity, "ORG", "ministère de l'Intérieur");
        let inner = ann("i", "ben", Kind::Entity, "ORG", "Intérieur");
        let d = disagreements(&sorted(vec![outer, inner]));
        assert_eq!(d.len(), 1);
        let c = decide(0, &art, &d[0], Decision::Both).unwrap();
        assert_eq!(c.ops.len(), 4);
        assert_eq!(
            decide(0, &art, &d[0], Decision::Merge(Choices::new())),
            Err(Refusal::NotMergeable(1, 2, "span"))
        );
        assert_eq!(
            decide(0, &art, &d[0], Decision::Pick(4)),
            Err(Refusal::NoSuchVersion { wanted: 5, have: 2 })
        );
    }

    #[test]
    fn what_a_curator_adds_after_deciding_is_no_version() {
        let (_dir, art) = article();
        let mut anns = sorted(vec![
            ann("a2", "ana", Kind::Entity, "LOC", "Valparaíso"),
            ann("b2", "ben", Kind::Entity, "ORG", "Valparaíso"),
            ann("a3", "ana", Kind::Date, "DATE", "samedi"),
            ann("b3", "ben", Kind::Date, "DATE", "samedi"),
        ]);
        let d = disagreements(&anns);
        apply(&mut anns, &decide(0, &art, &d[0], Decision::Pick(1)).unwrap());
        // Then, in annotate mode, a name both annotators missed.
        let mut added = ann("c1", "cora", Kind::Entity, "ORG", "ministère de l'Intérieur");
        added.at = "2026-12-02T09:05:00+00:00".into();
        anns.push(added);
        crate::annotation::store::parse::sort(&mut anns);
        assert_eq!(progress(&anns), Progress { open: 0, decided: 1 }, "the agreed date stays agreed");
    }

    #[test]
    fn action_names_round_trip() {
        for a in [
            AdjudicateAction::Pick(1),
            AdjudicateAction::Pick(9),
            AdjudicateAction::Both,
            AdjudicateAction::Merge,
            AdjudicateAction::RejectAll,
            AdjudicateAction::Next,
            AdjudicateAction::Prev,
        ] {
            assert_eq!(AdjudicateAction::from_name(&a.name()), Some(a));
        }
        assert_eq!(AdjudicateAction::from_name("pick_0"), None);
    }
}
