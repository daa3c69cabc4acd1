//! The import driver: annotations read by a format module land in the
//! sidecars of the matching dispatches. Each source file is one batch:
//! every annotation of it lands, or none does.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::annotation::labels::LabelDef;
use crate::annotation::model::{now_rfc3339, quote_at};
use crate::annotation::reanchor::{How, reanchor};
use crate::annotation::{Annotation, Attrs, Kind, Quote, Sidecar, Status};
use crate::project::Project;

/// A problem or a notice, named by file and line (1-based, 0 = the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem { path: path.to_path_buf(), line, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            n => write!(f, "{}:{}: {}", self.path.display(), n, self.message),
        }
    }
}

/// One annotation as a format read it, before it is placed on a dispatch.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incoming {
    /// The line of the source file it came from (for messages).
    pub line: usize,
    pub id: Option<String>,
    /// `None`: the label's kind in the schema.
    pub kind: Option<Kind>,
    pub label: String,
    pub start: usize,
    pub end: usize,
    /// The text expected at `start..end` (None: nothing to check against).
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
    /// `None`: the format carries no fields (an existing annotation keeps its own).
    pub attrs: Option<Attrs>,
    /// `None`: the format has no status; an imported annotation is accepted.
    pub status: Option<Status>,
    pub author: Option<String>,
    pub at: Option<String>,
}

/// The annotations one source file gives one dispatch.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingDoc {
    /// The dispatch id (file stem) the annotations belong to.
    pub article: String,
    pub items: Vec<Incoming>,
}

/// What one source file gave: documents, or the problems that refuse it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batch {
    pub path: PathBuf,
    pub docs: Vec<IncomingDoc>,
    pub problems: Vec<Problem>,
    /// Things worth saying that do not refuse the file (a split span, an ignored relation).
    pub notices: Vec<Problem>,
}

impl Batch {
    pub fn new(path: &Path) -> Batch {
        Batch { path: path.to_path_buf(), ..Batch::default() }
    }

    pub fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem::new(&self.path, line, message));
    }

    pub fn notice(&mut self, line: usize, message: impl Into<String>) {
        self.notices.push(Problem::new(&self.path, line, message));
    }

    /// The document of `article`, created on first use.
    pub fn doc(&mut self, article: &str) -> &mut IncomingDoc {
        if let Some(i) = self.docs.iter().position(|d| d.article == article) {
            return &mut self.docs[i];
        }
        self.docs.push(IncomingDoc { article: article.to_string(), items: Vec::new() });
        self.docs.last_mut().expect("just pushed")
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Add labels unknown to the schema to `labels.toml` instead of refusing.
    pub add_labels: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub files_imported: usize,
    pub files_refused: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub sidecars_written: Vec<PathBuf>,
    pub new_labels: Vec<String>,
    pub problems: Vec<Problem>,
    pub notices: Vec<Problem>,
}

/// Places every batch on the project's dispatches and saves what changed.
pub fn apply(project: &mut Project, batches: Vec<Batch>, options: ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    for batch in batches {
        apply_batch(project, batch, options, &mut report);
    }
    report
}

fn apply_batch(project: &mut Project, mut batch: Batch, options: ImportOptions, report: &mut ImportReport) {
    let mut staged: Vec<(usize, Sidecar, Counts)> = Vec::new();
    // Labels unknown to the schema, with the kind the source gives them.
    let mut unknown: BTreeMap<String, Option<Kind>> = BTreeMap::new();
    let docs = std::mem::take(&mut batch.docs);
    for doc in &docs {
        let Some(pos) = project.position(&doc.article) else {
            let line = doc.items.first().map_or(0, |i| i.line);
            batch.problem(
                line,
                format!("there is no dispatch '{}' in {}", doc.article, project.dir.display()),
            );
            continue;
        };
        let sidecar = staged
            .iter()
            .position(|(p, _, _)| *p == pos)
            .map(|i| staged[i].1.clone())
            .unwrap_or_else(|| project.sidecars[pos].clone());
        if let Some(e) = sidecar.error() {
            batch.problem(
                0,
                format!("the sidecar of '{}' is broken and is never overwritten: {e}", doc.article),
            );
            continue;
        }
        let mut sidecar = sidecar;
        let mut counts = Counts::default();
        let mut touched = HashSet::new();
        for item in &doc.items {
            if !project.labels.labels.iter().any(|l| l.name == item.label) {
                let kind = unknown.entry(item.label.clone()).or_default();
                *kind = kind.or(item.kind);
            }
            let article = &project.articles[pos];
            match place(&article.text, &article.index, item) {
                Ok((start, end, moved)) => {
                    if moved {
                        batch.notice(
                            item.line,
                            format!(
                                "{} '{}' was not at {}-{} in the dispatch: re-anchored at {start}-{end}",
                                item.label,
                                item.exact.as_deref().unwrap_or(""),
                                item.start,
                                item.end
                            ),
                        );
                    }
                    let kind = item.kind.unwrap_or_else(|| project.labels.kind_of(&item.label));
                    let at = Placed { kind, start, end };
                    merge(&mut sidecar, &article.text, item, at, &mut touched, &mut counts);
                }
                Err(message) => batch.problem(item.line, message),
            }
        }
        match staged.iter_mut().find(|(p, _, _)| *p == pos) {
            Some(entry) => {
                entry.1 = sidecar;
                entry.2.add(counts);
            }
            None => staged.push((pos, sidecar, counts)),
        }
    }
    if !unknown.is_empty() && !options.add_labels {
        let list: Vec<_> = unknown.keys().map(String::as_str).collect();
        batch.problem(
            0,
            format!(
                "labels unknown to the schema: {} (run again with --add-labels to add them to labels.toml)",
                list.join(", ")
            ),
        );
    }
    report.notices.append(&mut batch.notices);
    if !batch.problems.is_empty() {
        report.files_refused += 1;
        report.problems.append(&mut batch.problems);
        report.problems.push(Problem::new(
            &batch.path,
            0,
            "nothing of this file was imported (the problems above must be fixed first)",
        ));
        return;
    }
    if !unknown.is_empty() {
        let before = project.labels.clone();
        for (name, kind) in &unknown {
            let def = new_label(&project.labels.labels, name, kind.unwrap_or(Kind::Entity));
            project.labels.labels.push(def);
        }
        if let Err(e) = project.labels.save(&project.dir) {
            project.labels = before;
            report.files_refused += 1;
            report.problems.push(Problem::new(&batch.path, 0, format!("nothing imported: {e}")));
            return;
        }
        report.new_labels.extend(unknown.into_keys());
    }
    for (pos, mut sidecar, counts) in staged {
        if counts.added + counts.updated > 0 {
            if let Err(e) = sidecar.save(&project.articles[pos]) {
                report.problems.push(Problem::new(&batch.path, 0, format!("not saved: {e}")));
                continue;
            }
            report.sidecars_written.push(sidecar.path.clone());
            project.sidecars[pos] = sidecar;
        }
        report.added += counts.added;
        report.updated += counts.updated;
        report.unchanged += counts.unchanged;
    }
    report.files_imported += 1;
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    added: usize,
    updated: usize,
    unchanged: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
    }
}

/// Where `item` lands in `text`: (start, end, whether it was moved).
fn place(
    text: &str,
    index: &crate::text::CharIndex,
    item: &Incoming,
) -> Result<(usize, usize, bool), String> {
    let len = index.len_chars();
    if item.start >= item.end {
        return Err(format!("empty span {}-{}: the end must be after the start", item.start, item.end));
    }
    let Some(exact) = item.exact.as_deref() else {
        if item.end > len {
            return Err(format!(
                "offsets {}-{} are out of range: the dispatch has {len} characters",
                item.start, item.end
            ));
        }
        return Ok((item.start, item.end, false));
    };
    let quote = Quote { exact: exact.to_string(), prefix: item.prefix.clone(), suffix: item.suffix.clone() };
    // The one rule of re-anchoring, as for a sidecar whose text changed.
    match reanchor(text, index, item.start, item.end, &quote) {
        Some(p) => Ok((p.start, p.end, p.how != How::Kept)),
        None if item.end > len => Err(format!(
            "offsets {}-{} are out of range (the dispatch has {len} characters) and '{exact}' is nowhere in it",
            item.start, item.end
        )),
        None => Err(format!(
            "the dispatch reads '{}' at {}-{}, not '{exact}', and '{exact}' is nowhere in it",
            crate::text::inert_line(index.slice(text, item.start, item.end)),
            item.start,
            item.end
        )),
    }
}

/// Where an incoming annotation landed.
#[derive(Debug, Clone, Copy)]
struct Placed {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Adds `item` at its place, or updates the annotation it already is (same
/// id, or same span, label and kind): importing twice adds nothing. Two
/// items of one file on the same annotation pool their fields.
fn merge(
    sidecar: &mut Sidecar,
    text: &str,
    item: &Incoming,
    placed: Placed,
    touched: &mut HashSet<String>,
    counts: &mut Counts,
) {
    let Placed { kind, start, end } = placed;
    let existing = find_match(sidecar, item, placed, touched);
    let status = item.status.unwrap_or(Status::Accepted);
    match existing {
        Some(i) if touched.contains(&sidecar.annotations[i].id) => {
            if let Some(attrs) = &item.attrs {
                let pooled = pool(&sidecar.annotations[i].attrs, attrs);
                if pooled != sidecar.annotations[i].attrs {
                    sidecar.annotations[i].attrs = pooled;
                    counts.updated += 1;
                }
            }
        }
        Some(i) => {
            touched.insert(sidecar.annotations[i].id.clone());
            let old = &sidecar.annotations[i];
            let mut new = old.clone();
            new.kind = kind;
            new.label = item.label.clone();
            new.start = start;
            new.end = end;
            new.quote = quote_at(text, start, end);
            if let Some(attrs) = &item.attrs {
                new.attrs = attrs.clone();
            }
            new.status = status;
            if let Some(author) = &item.author {
                new.author = author.clone();
            }
            if new == *old {
                counts.unchanged += 1;
                return;
            }
            new.at = item.at.clone().unwrap_or_else(now_rfc3339);
            sidecar.annotations[i] = new;
            counts.updated += 1;
        }
        None => {
            let mut new = Annotation::new(text, kind, &item.label, start, end);
            if let Some(id) = item.id.as_ref().filter(|id| !id.is_empty()) {
                new.id = id.clone();
            }
            touched.insert(new.id.clone());
            new.attrs = item.attrs.clone().unwrap_or_default();
            new.status = status;
            new.author = item.author.clone().unwrap_or_default();
            if let Some(at) = &item.at {
                new.at = at.clone();
            }
            sidecar.annotations.push(new);
            counts.added += 1;
        }
    }
    sidecar.sort();
}

/// The annotation `item` already is: the one with its id; else one with the
/// same span, label and kind, preferring equal fields, then one this import
/// has not touched yet. A second item of the same file on a touched
/// annotation is the same annotation only when it brings no other fields
/// (a fragment of a split span, a repeated line): two tags with different
/// fields over one span stay two.
fn find_match(
    sidecar: &Sidecar,
    item: &Incoming,
    placed: Placed,
    touched: &HashSet<String>,
) -> Option<usize> {
    let anns = &sidecar.annotations;
    if let Some(i) = item.id.as_deref().and_then(|id| anns.iter().position(|a| a.id == id)) {
        return Some(i);
    }
    let same = |a: &Annotation| {
        a.start == placed.start && a.end == placed.end && a.label == item.label && a.kind == placed.kind
    };
    let equal_fields = |a: &Annotation| item.attrs.as_ref().is_none_or(|f| *f == a.attrs);
    let fresh = |a: &Annotation| !touched.contains(&a.id);
    let compatible = |a: &Annotation| item.attrs.as_ref().is_none_or(|f| f.is_empty() || *f == a.attrs);
    anns.iter()
        .position(|a| same(a) && fresh(a) && equal_fields(a))
        .or_else(|| anns.iter().position(|a| same(a) && fresh(a)))
        .or_else(|| anns.iter().position(|a| same(a) && compatible(a)))
}

/// The fields of `a`, completed by those of `b` it lacks.
fn pool(a: &Attrs, b: &Attrs) -> Attrs {
    let (Ok(Value::Object(mut a_map)), Ok(Value::Object(b_map))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return a.clone();
    };
    for (k, v) in b_map {
        a_map.entry(k).or_insert(v);
    }
    serde_json::from_value(Value::Object(a_map)).unwrap_or_else(|_| a.clone())
}

/// A schema entry for a label met in an import: the first free key among
/// digits, capitals and small letters, a colour from a small palette.
fn new_label(existing: &[LabelDef], name: &str, kind: Kind) -> LabelDef {
    const PALETTE: [&str; 6] =
        ["light-green", "light-cyan", "light-magenta", "light-yellow", "light-blue", "light-red"];
    let key = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .find(|k| !existing.iter().any(|l| l.key == *k))
        .unwrap_or('?');
    LabelDef {
        name: name.to_string(),
        kind,
        key,
        color: PALETTE[existing.len() % PALETTE.len()].to_string(),
        description: "added by an import".to_string(),
    }
}
