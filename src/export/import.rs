//! The import driver: annotations (and dispatch headers) read by a format
//! module land in the sidecars of the matching dispatches. Each source file
//! is one batch: a file with a problem lands not at all. What the other
//! files change is written all together or not at all, through a journal
//! ([`crate::annotation::store::journal`]): a crash or a full disk midway never leaves
//! some sidecars imported and others not.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::header;
use crate::annotation::labels::LabelDef;
use crate::annotation::model::{now_rfc3339, quote_at};
use crate::annotation::reanchor::{How, reanchor};
use crate::annotation::store::journal::{self, CommitError, Fault, Replacement, Step};
use crate::annotation::store::{serialize_sidecar, sha256_hex};
use crate::annotation::{Annotation, Attrs, Kind, LabelSchema, Quote, Sidecar, SidecarState, Status};
use crate::project::{Project, apply_override};

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
    /// The dispatch's header, when the format carries it.
    pub header: Option<header::Incoming>,
    /// The line it came from (0: a side file, or not given).
    pub header_line: usize,
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
        self.docs.push(IncomingDoc {
            article: article.to_string(),
            items: Vec::new(),
            header: None,
            header_line: 0,
        });
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
    /// Dispatch headers (date, outlet, title, language) brought to the file's.
    pub headers: usize,
    pub sidecars_written: Vec<PathBuf>,
    pub new_labels: Vec<String>,
    pub problems: Vec<Problem>,
    pub notices: Vec<Problem>,
}

/// Times the plan is made again when another program changed a sidecar
/// between reading and writing it.
const COMMIT_ATTEMPTS: usize = 3;

/// Places every batch on the project's dispatches and writes what changed.
pub fn apply(project: &mut Project, batches: Vec<Batch>, options: ImportOptions) -> ImportReport {
    apply_with(project, batches, options, &mut |_| Fault::Go)
}

/// [`apply`], with `hook` asked between the steps of the write: tests stop
/// the import there as a crash would, or make a step fail as a full disk.
pub fn apply_with(
    project: &mut Project,
    batches: Vec<Batch>,
    options: ImportOptions,
    hook: &mut dyn FnMut(Step) -> Fault,
) -> ImportReport {
    for _ in 0..COMMIT_ATTEMPTS {
        let mut staged = Staged::default();
        for batch in &batches {
            stage_batch(project, batch.clone(), options, &mut staged);
        }
        let changes = match staged.replacements(project) {
            Ok(c) => c,
            Err(message) => return staged.nothing_written(&project.dir, message),
        };
        if changes.is_empty() {
            return staged.report;
        }
        match journal::commit_with(&project.dir, &changes, hook) {
            Ok(()) => return staged.land(project),
            // Written meanwhile by another program: planned again on it.
            Err(CommitError::Changed { .. }) => staged.reload(project),
            Err(e @ (CommitError::Interrupted { .. } | CommitError::Crashed(_))) => {
                let mut report = staged.report;
                report.problems.push(Problem::new(
                    &project.dir,
                    0,
                    format!("the import could not finish: {e}"),
                ));
                return report;
            }
            Err(e) => {
                let message = format!("{e}; nothing was imported and every sidecar is as it was");
                return staged.nothing_written(&project.dir, message);
            }
        }
    }
    let message = "the sidecars kept changing while they were imported into; nothing was imported, try again";
    Staged::default().nothing_written(&project.dir, message.into())
}

/// What the batches change, not written yet.
#[derive(Default)]
struct Staged {
    report: ImportReport,
    /// The sidecars that change, by the position of their dispatch.
    sidecars: BTreeMap<usize, Sidecar>,
    /// The label schema, when labels were added.
    labels: Option<LabelSchema>,
}

impl Staged {
    /// The files to write: each changed sidecar, and labels.toml.
    fn replacements(&self, project: &Project) -> Result<Vec<Replacement>, String> {
        let mut out = Vec::new();
        for (&pos, sc) in &self.sidecars {
            let article = &project.articles[pos];
            let mut header = sc.header.clone();
            if header.text_sha256.is_empty() {
                header.text_sha256 = sha256_hex(article.text.as_bytes());
            }
            let before = match &project.sidecars[pos].state {
                SidecarState::Loaded { disk_sha256 } => Some(disk_sha256.clone()),
                _ => None,
            };
            out.push(Replacement {
                name: file_name(&sc.path),
                bytes: serialize_sidecar(&header, &sc.annotations, &sc.orphans),
                before,
            });
        }
        if let Some(labels) = &self.labels {
            let path = project.dir.join(LABELS_FILE);
            let on_disk = crate::bounded::read(&path, crate::bounded::MAX_SETTINGS)
                .map_err(|e| format!("cannot read {}: {e}; nothing was imported", path.display()))?;
            let text = toml::to_string(labels).map_err(|e| format!("cannot write the labels: {e}"))?;
            out.push(Replacement {
                name: LABELS_FILE.into(),
                bytes: text.into_bytes(),
                before: on_disk.map(|b| sha256_hex(&b)),
            });
        }
        Ok(out)
    }

    /// After the write: the project holds what is now on disk.
    fn land(mut self, project: &mut Project) -> ImportReport {
        for &pos in self.sidecars.keys() {
            let sidecar = Sidecar::load(&project.articles[pos]);
            apply_override(&mut project.articles[pos], &sidecar);
            self.report.sidecars_written.push(sidecar.path.clone());
            project.sidecars[pos] = sidecar;
        }
        if let Some(labels) = self.labels {
            project.labels = labels;
        }
        self.report
    }

    /// Reads again what the plan was made from.
    fn reload(&self, project: &mut Project) {
        for &pos in self.sidecars.keys() {
            project.sidecars[pos] = Sidecar::load(&project.articles[pos]);
        }
        if let Ok(labels) = LabelSchema::load(&project.dir) {
            project.labels = labels;
        }
    }

    /// Nothing was written: every file the batches would have imported is refused.
    fn nothing_written(mut self, dir: &Path, message: String) -> ImportReport {
        let r = &mut self.report;
        r.files_refused += r.files_imported;
        (r.files_imported, r.added, r.updated, r.unchanged, r.headers) = (0, 0, 0, 0, 0);
        r.new_labels.clear();
        r.problems.push(Problem::new(dir, 0, message));
        self.report
    }
}

const LABELS_FILE: &str = "labels.toml";

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn stage_batch(project: &Project, mut batch: Batch, options: ImportOptions, staged: &mut Staged) {
    let mut changed: Vec<(usize, Sidecar, Counts)> = Vec::new();
    let schema = staged.labels.as_ref().unwrap_or(&project.labels);
    // Labels unknown to the schema, with the kind the source gives them.
    let mut unknown: BTreeMap<String, Option<Kind>> = BTreeMap::new();
    let docs = std::mem::take(&mut batch.docs);
    for doc in &docs {
        let Some(pos) = project.position(&doc.article) else {
            let message = format!("there is no dispatch '{}' in {}", doc.article, project.dir.display());
            match doc.items.first() {
                Some(item) => batch.problem(item.line, message),
                // A header alone has nothing to lose: said, not refused.
                None => batch.notice(doc.header_line, format!("{message}: its header was not restored")),
            }
            continue;
        };
        let sidecar = changed
            .iter()
            .find(|(p, _, _)| *p == pos)
            .map(|(_, s, _)| s)
            .or_else(|| staged.sidecars.get(&pos))
            .unwrap_or(&project.sidecars[pos])
            .clone();
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
        let article = &project.articles[pos];
        if let Some(h) = &doc.header
            && h.restore(article, &mut sidecar.header.meta)
        {
            counts.headers += 1;
        }
        for item in &doc.items {
            if schema.get(&item.label).is_none() {
                let kind = unknown.entry(item.label.clone()).or_default();
                *kind = kind.or(item.kind);
            }
            match place(&article.text, &article.index, item) {
                Ok((start, end, how)) => {
                    if how != How::Kept {
                        let nearly = match how {
                            How::Fuzzy { errors } => format!(" (approximately: {errors} edits apart)"),
                            _ => String::new(),
                        };
                        batch.notice(
                            item.line,
                            format!(
                                "{} '{}' was not at {}-{} in the dispatch: re-anchored at {start}-{end}{nearly}",
                                item.label,
                                item.exact.as_deref().unwrap_or(""),
                                item.start,
                                item.end
                            ),
                        );
                    }
                    let kind = item.kind.unwrap_or_else(|| schema.kind_of(&item.label));
                    let at = Placed { kind, start, end };
                    merge(&mut sidecar, &article.text, item, at, &mut touched, &mut counts);
                }
                Err(message) => batch.problem(item.line, message),
            }
        }
        match changed.iter_mut().find(|(p, _, _)| *p == pos) {
            Some(entry) => {
                entry.1 = sidecar;
                entry.2.add(counts);
            }
            None => changed.push((pos, sidecar, counts)),
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
    let mut labels = None;
    if !unknown.is_empty() && options.add_labels {
        let mut schema = schema.clone();
        for (name, kind) in &unknown {
            match new_label(&schema.labels, name, kind.unwrap_or(Kind::Entity)) {
                Ok(def) => schema.labels.push(def),
                Err(m) => batch.problem(0, m),
            }
        }
        labels = Some(schema);
    }
    let report = &mut staged.report;
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
    if let Some(schema) = labels {
        staged.labels = Some(schema);
        report.new_labels.extend(unknown.into_keys());
    }
    for (pos, sidecar, counts) in changed {
        if counts.added + counts.updated + counts.headers > 0 {
            staged.sidecars.insert(pos, sidecar);
        }
        report.added += counts.added;
        report.updated += counts.updated;
        report.unchanged += counts.unchanged;
        report.headers += counts.headers;
    }
    report.files_imported += 1;
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    added: usize,
    updated: usize,
    unchanged: usize,
    headers: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.headers += o.headers;
    }
}

/// Where `item` lands in `text`: (start, end, how it was found there).
fn place(text: &str, index: &crate::text::CharIndex, item: &Incoming) -> Result<(usize, usize, How), String> {
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
        return Ok((item.start, item.end, How::Kept));
    };
    let quote = Quote { exact: exact.to_string(), prefix: item.prefix.clone(), suffix: item.suffix.clone() };
    // The one rule of re-anchoring, as for a sidecar whose text changed.
    match reanchor(text, index, item.start, item.end, &quote) {
        Some(p) => Ok((p.start, p.end, p.how)),
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
/// digits, capitals and small letters, a colour from a small palette; or
/// why the name cannot be a label.
fn new_label(existing: &[LabelDef], name: &str, kind: Kind) -> Result<LabelDef, String> {
    const PALETTE: [&str; 6] =
        ["light-green", "light-cyan", "light-magenta", "light-yellow", "light-blue", "light-red"];
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("'{}' cannot be a label: a label is one word", crate::text::inert_line(name)));
    }
    let key = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .find(|k| !existing.iter().any(|l| l.key == *k))
        .ok_or_else(|| format!("no key is free for the new label {name}: edit labels.toml by hand"))?;
    Ok(LabelDef {
        name: name.to_string(),
        kind,
        key,
        color: PALETTE[existing.len() % PALETTE.len()].to_string(),
        description: "added by an import".to_string(),
    })
}
