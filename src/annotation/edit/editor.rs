//! The session's edits: every change to annotations or metadata is a
//! `Change` (a list of before/after pairs), applied to the project in memory,
//! kept for undo and redo, and saved through the store at once. A failed
//! save keeps the change in memory and is retried on the next change or on
//! demand; quitting with unsaved changes needs an explicit choice.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::change::new_annotation;
use super::change::{Change, MetaState, Op};
use super::history::{FileWrite, History, Side, Sim, Stack, articles_of};
use crate::annotation::{Annotation, EditError as StoreEditError, Kind, MetaOverride, Sidecar, Status};
use crate::corpus::Article;
use crate::project::{Project, apply_override};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed yet this session.
    Clean,
    /// On disk; with a sentence when the save merged changes made by
    /// another program.
    Saved(Option<String>),
    /// Changes are in memory only; the reason, in words.
    Failed(String),
    /// Written to another file on request; the sidecars were not.
    Elsewhere(String),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("{0} is read-only for annotations: {1}")]
    ReadOnly(String, String),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("\"{0}\" dropped from the undo history: its annotations changed outside this session")]
    Stale(String),
    /// The store refused an op (an id taken, offsets out of the text): the
    /// change was not made.
    #[error("not changed: {0}")]
    Refused(StoreEditError),
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub author: String,
    pub(super) undo: Vec<Change>,
    /// The top (last) is the step undone most recently.
    pub(super) redo: Vec<Change>,
    unsaved: BTreeSet<usize>,
    status: SaveStatus,
    revision: u64,
    claims_revision: u64,
    last_feeds_digests: bool,
    last_touches_tags: bool,
    /// Where the undo history is kept between runs; none in tests.
    pub(super) history: Option<History>,
    /// What the status bar should say once about the history.
    pub(super) note: Option<String>,
    pub(super) last_seq: u64,
    /// Articles whose history file waits for the next flush (written after
    /// the frame, with the sidecars, never in a keystroke's way).
    pub(super) history_dirty: BTreeSet<usize>,
    /// The steps read from the history files: changes of earlier sessions.
    pub(super) earlier: std::collections::HashSet<String>,
}

/// The annotator's name: the config's, else the login name, else "unknown".
pub fn author_name(configured: Option<&str>) -> String {
    if let Some(name) = configured.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

fn stamp(a: &mut Annotation, author: &str) {
    a.author = author.to_string();
    a.at = crate::annotation::model::now_rfc3339();
}

/// Applies one op through the store's checked edit API (ids unique,
/// offsets within the text, the quote read from the text, the order kept).
fn apply_op(project: &mut Project, op: &Op) -> Result<(), StoreEditError> {
    match op {
        Op::Ann { article, before, after } => {
            let (text, sc) = (&project.articles[*article], &mut project.sidecars[*article]);
            match (before, after) {
                (Some(b), Some(a)) if a.id == b.id => sc.replace(text, a.clone()).map(|_| ()),
                _ => {
                    if let Some(b) = before {
                        sc.remove(&b.id)?;
                    }
                    match after {
                        Some(a) => sc.add(text, a.clone()).map(|_| ()),
                        None => Ok(()),
                    }
                }
            }
        }
        Op::Meta { article, after, .. } => {
            project.sidecars[*article].header.meta = after.over.clone();
            project.articles[*article].meta = after.meta.clone();
            Ok(())
        }
    }
}

/// Applies every op of `ops`, or none: a refusal of the store takes back
/// the ops already applied.
fn apply_all(project: &mut Project, ops: &[Op]) -> Result<(), StoreEditError> {
    for (k, op) in ops.iter().enumerate() {
        if let Err(e) = apply_op(project, op) {
            for done in ops[..k].iter().rev() {
                // The inverse of what was just applied cannot be refused.
                let _ = apply_op(project, &done.inverse());
            }
            return Err(e);
        }
    }
    Ok(())
}

impl Editor {
    pub fn new(author: impl Into<String>) -> Editor {
        Editor {
            author: author.into(),
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: BTreeSet::new(),
            status: SaveStatus::Clean,
            revision: 0,
            claims_revision: 0,
            last_feeds_digests: false,
            last_touches_tags: false,
            history: None,
            note: None,
            last_seq: 0,
            history_dirty: BTreeSet::new(),
            earlier: Default::default(),
        }
    }

    /// A message about the undo history (a step dropped, a file not
    /// written), once.
    pub fn take_note(&mut self) -> Option<String> {
        self.note.take()
    }

    fn next_seq(&mut self) -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        self.last_seq = now.max(self.last_seq + 1);
        self.last_seq
    }

    /// Bumped by every change, undo, redo and save: a cache key for views.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Bumped only when claims may have changed (a change involving one, a
    /// save that merged another program's edits, a discard): the key of
    /// the list's claim counts, which a label key on an entity keeps.
    pub fn claims_revision(&self) -> u64 {
        self.claims_revision
    }

    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// The articles (positions in the project) with changes not on disk.
    pub fn unsaved(&self) -> impl Iterator<Item = usize> + '_ {
        self.unsaved.iter().copied()
    }

    /// Whether the change last applied (committed, undone or redone) could
    /// move the side pane: a claim, event, figure or date, or metadata.
    pub fn last_change_feeds_digests(&self) -> bool {
        self.last_feeds_digests
    }

    /// Whether the change last applied involved a tag (a boilerplate tag
    /// moves the article's layout; nothing else does).
    pub fn last_change_touches_tags(&self) -> bool {
        self.last_touches_tags
    }

    /// What the next undo takes back, when it is a change of an earlier
    /// session (read from the history file): the caller asks first.
    pub fn next_undo_from_earlier(&self) -> Option<&str> {
        self.undo.last().filter(|c| self.earlier.contains(&c.id)).map(|c| c.what.as_str())
    }

    /// The change applied last (committed or redone): the top of undo.
    pub fn last_done(&self) -> Option<&Change> {
        self.undo.last()
    }

    /// The change undone last: the top of redo.
    pub fn last_undone(&self) -> Option<&Change> {
        self.redo.last()
    }

    /// Whether something waits to be written (sidecars or history files).
    pub fn has_pending_writes(&self) -> bool {
        !self.unsaved.is_empty() || !self.history_dirty.is_empty()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn check_writable(project: &Project, change: &Change) -> Result<(), EditError> {
        for op in &change.ops {
            let sc = &project.sidecars[op.article()];
            if let Some(e) = sc.error() {
                return Err(EditError::ReadOnly(project.articles[op.article()].id.clone(), e.to_string()));
            }
        }
        Ok(())
    }

    fn apply(&mut self, project: &mut Project, change: &Change) -> Result<(), EditError> {
        apply_all(project, &change.ops).map_err(EditError::Refused)?;
        self.last_feeds_digests = change.ops.iter().any(|op| match op {
            Op::Meta { .. } => true,
            Op::Ann { before, after, .. } => before
                .iter()
                .chain(after)
                .any(|a| matches!(a.kind, Kind::Claim | Kind::Event | Kind::Figure | Kind::Date)),
        });
        let involves = |kind: Kind| {
            change.ops.iter().any(|op| match op {
                Op::Meta { .. } => false,
                Op::Ann { before, after, .. } => before.iter().chain(after).any(|a| a.kind == kind),
            })
        };
        let claims = involves(Kind::Claim);
        self.last_touches_tags = involves(Kind::Tag);
        for op in &change.ops {
            self.unsaved.insert(op.article());
        }
        self.revision += 1;
        self.claims_revision += u64::from(claims);
        Ok(())
    }

    /// Applies a new change: stamps author and time, clears redo. Saving is
    /// the caller's next step ([`Editor::flush`]), done by the run loop.
    /// The history files of the dispatches it touches are read first
    /// ([`Editor::needs_history`]), so that it lands on top of their steps.
    pub fn commit(&mut self, project: &mut Project, mut change: Change) -> Result<(), EditError> {
        if change.is_empty() {
            return Ok(());
        }
        Self::check_writable(project, &change)?;
        for op in &mut change.ops {
            if let Op::Ann { after: Some(a), .. } = op {
                stamp(a, &self.author);
            }
        }
        change.seq = self.next_seq();
        self.apply(project, &change)?;
        let mut touched = articles_of(&change);
        for c in self.redo.drain(..) {
            touched.extend(articles_of(&c));
        }
        self.undo.push(change);
        self.history_dirty.extend(touched);
        Ok(())
    }

    /// Undoes the last change; returns its description. A change whose
    /// annotations are no longer as it left them is dropped, not applied.
    pub fn undo(&mut self, project: &mut Project) -> Result<String, EditError> {
        let change = self.undo.pop().ok_or(EditError::NothingToUndo)?;
        if !Sim::new(project).holds(&change.ops, Side::After) {
            // The history file forgets it at the next save.
            self.history_dirty.extend(articles_of(&change));
            return Err(EditError::Stale(change.what));
        }
        let inverse = Change { ops: change.ops.iter().rev().map(Op::inverse).collect(), ..change.clone() };
        if let Err(e) = Self::check_writable(project, &inverse).and_then(|_| self.apply(project, &inverse)) {
            self.undo.push(change);
            return Err(e);
        }
        self.history_dirty.extend(articles_of(&change));
        self.redo.push(change);
        Ok(self.undo_description(&inverse.what, "undone"))
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<String, EditError> {
        let change = self.redo.pop().ok_or(EditError::NothingToRedo)?;
        if !Sim::new(project).holds(&change.ops, Side::Before) {
            self.history_dirty.extend(articles_of(&change));
            return Err(EditError::Stale(change.what));
        }
        if let Err(e) = Self::check_writable(project, &change).and_then(|_| self.apply(project, &change)) {
            self.redo.push(change);
            return Err(e);
        }
        let what = change.what.clone();
        self.history_dirty.extend(articles_of(&change));
        // Redone now: this session's change, undone again without a question.
        self.earlier.remove(&change.id);
        self.undo.push(change);
        Ok(self.undo_description(&what, "redone"))
    }

    fn undo_description(&self, what: &str, done: &str) -> String {
        format!("{done}: {what}")
    }

    /// Saves every article with unsaved changes through the store. What
    /// fails stays unsaved (and in memory) and is retried on the next call.
    /// The history files are the run loop's to write first
    /// ([`Editor::history_writes`]).
    pub fn flush(&mut self, project: &mut Project) -> &SaveStatus {
        if self.unsaved.is_empty() {
            return &self.status;
        }
        let mut failures = Vec::new();
        let mut notes = Vec::new();
        for &i in &self.unsaved.clone() {
            let (articles, sidecars) = (&project.articles, &mut project.sidecars);
            match sidecars[i].save_with_report(&articles[i]) {
                Ok(report) => {
                    self.unsaved.remove(&i);
                    if report.merged > 0 || report.recreated {
                        self.claims_revision += 1;
                    }
                    notes.extend(report.summary());
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
        // A save may have merged changes made on disk: views must refresh.
        self.revision += 1;
        self.status = match failures.len() {
            0 => SaveStatus::Saved((!notes.is_empty()).then(|| notes.join("; "))),
            // the status line says "not saved: " before the reason
            1 => SaveStatus::Failed(failures[0].clone()),
            n => SaveStatus::Failed(format!("{n} dispatches, first: {}", failures[0])),
        };
        &self.status
    }

    /// A sidecar changed outside a save (another program's version merged
    /// back): views built from the annotations must refresh.
    pub fn sidecars_changed(&mut self) {
        self.revision += 1;
        self.claims_revision += 1;
    }

    /// The unsaved changes were written elsewhere (the quit guard's `s`,
    /// by the run loop): the sidecars were not, and will not be.
    pub fn saved_elsewhere(&mut self, path: &std::path::Path) {
        self.unsaved.clear();
        self.status = SaveStatus::Elsewhere(format!("saved to {} (not beside the articles)", path.display()));
    }

    /// Drops the unsaved changes: their sidecars are read again from disk.
    pub fn discard_unsaved(&mut self, project: &mut Project) {
        for &i in &self.unsaved {
            let sc = Sidecar::load(&project.articles[i]);
            apply_override(&mut project.articles[i], &sc);
            project.sidecars[i] = sc;
        }
        self.unsaved.clear();
        self.undo.clear();
        self.redo.clear();
        self.history_dirty.clear();
        self.revision += 1;
        self.claims_revision += 1;
        self.status = SaveStatus::Clean;
    }

    /// A metadata change of `article` to the override `over`.
    pub fn meta_change(project: &Project, article: usize, over: MetaOverride) -> Change {
        let before = Box::new(MetaState {
            over: project.sidecars[article].header.meta.clone(),
            meta: project.articles[article].meta.clone(),
        });
        let mut a: Article = project.articles[article].clone();
        let mut sc = project.sidecars[article].clone();
        sc.header.meta = over.clone();
        apply_override(&mut a, &sc);
        let after = Box::new(MetaState { over, meta: a.meta });
        let mut change = Change::new("metadata edited");
        change.ops.push(Op::Meta { article, before, after });
        change
    }
}

/// Every whole-word occurrence of `needle` in the corpus, as
/// (article, start, end) in code points.
pub fn occurrences(project: &Project, needle: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    if needle.trim().is_empty() {
        return out;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    for (i, a) in project.articles.iter().enumerate() {
        for (b, m) in a.text.match_indices(needle) {
            let before = a.text[..b].chars().next_back();
            let after = a.text[b + m.len()..].chars().next();
            let starts_word = needle.chars().next().is_some_and(|c| c.is_alphanumeric());
            let ends_word = needle.chars().next_back().is_some_and(|c| c.is_alphanumeric());
            if (starts_word && word(before)) || (ends_word && word(after)) {
                continue;
            }
            let s = a.index.char_of_byte(&a.text, b);
            out.push((i, s, s + needle.chars().count()));
        }
    }
    out
}

/// The change that labels every occurrence of `needle` with `label`: spans
/// already accepted with that label are left alone; a rejection there is
/// overturned (the annotator asked for it explicitly).
pub fn mark_all(project: &Project, needle: &str, label: &str, kind: Kind) -> Change {
    let mut change = Change::new(format!("{label} on every \"{needle}\""));
    for (i, s, e) in occurrences(project, needle) {
        let sc = &project.sidecars[i];
        let same = |a: &&Annotation| a.start == s && a.end == e && a.label == label;
        if sc.annotations.iter().any(|a| same(&a) && a.status == Status::Accepted) {
            continue;
        }
        let new = new_annotation(&project.articles[i], kind, label, s, e);
        match sc.annotations.iter().find(|a| same(a) && a.status == Status::Rejected) {
            Some(rejected) => {
                change = change.update(i, rejected.clone(), Annotation { id: rejected.id.clone(), ..new })
            }
            None => change = change.add(i, new),
        }
    }
    let n = change.ops.len();
    change.what = format!("{label} on {n} occurrence{} of \"{needle}\"", if n == 1 { "" } else { "s" });
    change
}

impl Editor {
    /// Keeps the undo history between runs in `dir` (one file per sidecar).
    pub fn with_history(mut self, dir: PathBuf) -> Editor {
        self.set_history_dir(dir);
        self
    }

    pub fn set_history_dir(&mut self, dir: PathBuf) {
        self.history = Some(History::new(dir));
    }

    /// Keeps `limit` steps per file instead of [`MAX_STEPS`].
    pub fn set_history_limit(&mut self, limit: usize) {
        if let Some(h) = &mut self.history {
            h.limit = limit.max(1);
        }
    }

    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Asks for article `i`'s history file (annotate mode opening on it):
    /// the run loop reads it ([`Editor::history_reads`]).
    pub fn want_history(&mut self, i: usize) {
        if let Some(h) = self.history.as_mut().filter(|h| !h.loaded.contains(&i)) {
            h.wanted.insert(i);
        }
    }

    /// Whether `change` reaches a dispatch whose history file is not read
    /// yet: those are asked for, and the change waits for them (so that it
    /// lands on top of their steps and clears their redo, as in one run).
    pub fn needs_history(&mut self, change: &Change) -> bool {
        let Some(h) = self.history.as_mut() else { return false };
        let unread: Vec<usize> = articles_of(change).into_iter().filter(|i| !h.loaded.contains(i)).collect();
        h.wanted.extend(&unread);
        !unread.is_empty()
    }

    /// The history files the run loop must read now, (article, path): those
    /// asked for, and those about to be rewritten that were not read yet
    /// (so that nothing of an earlier run is lost).
    pub fn history_reads(&mut self, project: &Project) -> Vec<(usize, PathBuf)> {
        let Some(h) = self.history.as_mut() else { return Vec::new() };
        let mut wanted = std::mem::take(&mut h.wanted);
        wanted.extend(self.history_dirty.iter().filter(|i| !h.loaded.contains(i)));
        wanted.retain(|i| *i < project.sidecars.len() && !h.loaded.contains(i));
        wanted.into_iter().map(|i| (i, h.file(project, i))).collect()
    }

    /// Article `i`'s history file as the run loop read it (`Ok(None)`: no
    /// file yet): each step is checked against the sidecar as it is now,
    /// those that still fit join the undo and redo stacks, a file that lost
    /// steps is rewritten at the next [`Editor::history_writes`]. Returns
    /// what the annotator should be told.
    pub fn history_read(
        &mut self,
        project: &Project,
        i: usize,
        read: Result<Option<String>, String>,
    ) -> Option<String> {
        match self.load_history(project, i, read) {
            Ok(0) => None,
            Ok(dropped) => {
                self.history_dirty.insert(i);
                let id = &project.articles[i].id;
                let steps = if dropped == 1 { "1 undo step" } else { "undo steps" };
                let n = if dropped == 1 { String::new() } else { format!("{dropped} ") };
                Some(format!("{n}{steps} of {id} dropped: the sidecar changed outside depeche since"))
            }
            Err(e) => Some(e),
        }
    }

    /// Merges article `i`'s file once; the number of steps dropped.
    fn load_history(
        &mut self,
        project: &Project,
        i: usize,
        read: Result<Option<String>, String>,
    ) -> Result<usize, String> {
        let Some(h) = self.history.as_mut() else { return Ok(0) };
        h.wanted.remove(&i);
        if !h.loaded.insert(i) {
            return Ok(0);
        }
        let path = h.file(project, i);
        let steps = h.parse(project, i, &path, read?.as_deref())?;
        let (undo, redo): (Vec<_>, Vec<_>) = steps.into_iter().partition(|(s, _)| *s == Stack::Undo);
        let known: BTreeSet<String> = self.undo.iter().chain(&self.redo).map(|c| c.id.clone()).collect();
        let mut dropped = 0;
        // Undo from the newest down: each must find its "after", then leaves
        // its "before" for the one below.
        let mut sim = Sim::new(project);
        let mut keep_undo = Vec::new();
        for (_, c) in undo.into_iter().rev() {
            if sim.holds(&c.ops, Side::After) {
                sim.set(&c.ops, Side::Before);
                keep_undo.push(c);
            } else if !known.contains(&c.id) {
                dropped += 1;
            }
        }
        let mut sim = Sim::new(project);
        let mut keep_redo = Vec::new();
        for (_, c) in redo.into_iter().rev() {
            if sim.holds(&c.ops, Side::Before) {
                sim.set(&c.ops, Side::After);
                keep_redo.push(c);
            } else if !known.contains(&c.id) {
                dropped += 1;
            }
        }
        for c in keep_undo.into_iter().filter(|c| !known.contains(&c.id)) {
            self.last_seq = self.last_seq.max(c.seq);
            self.earlier.insert(c.id.clone());
            let at = self.undo.partition_point(|x| x.seq < c.seq);
            self.undo.insert(at, c);
        }
        for c in keep_redo.into_iter().filter(|c| !known.contains(&c.id)) {
            self.last_seq = self.last_seq.max(c.seq);
            // The redo stack's top is the oldest step undone.
            let at = self.redo.partition_point(|x| x.seq > c.seq);
            self.redo.insert(at, c);
        }
        Ok(dropped)
    }

    /// The history files to rewrite from the stacks in memory, for the run
    /// loop to write: those of the dispatches whose steps changed and whose
    /// file was read ([`Editor::history_reads`] first).
    pub fn history_writes(&mut self, project: &Project) -> Vec<FileWrite> {
        let Some(h) = self.history.as_mut() else {
            self.history_dirty.clear();
            return Vec::new();
        };
        h.refresh_keys(project);
        let h = &*h;
        let (ready, unread): (BTreeSet<usize>, BTreeSet<usize>) =
            std::mem::take(&mut self.history_dirty).into_iter().partition(|i| h.loaded.contains(i));
        self.history_dirty = unread;
        let mut plan = Vec::new();
        for i in ready.into_iter().filter(|i| *i < project.sidecars.len()) {
            let touches = |c: &&Change| c.ops.iter().any(|op| op.article() == i);
            let steps: Vec<(Stack, &Change)> = self
                .undo
                .iter()
                .filter(touches)
                .map(|c| (Stack::Undo, c))
                .chain(self.redo.iter().filter(touches).map(|c| (Stack::Redo, c)))
                .collect();
            let (file, problem) = h.render(i, steps);
            if let Some(p) = problem {
                self.note = Some(p);
            }
            plan.push(file);
        }
        plan
    }

    /// What the run loop's reads and writes of the history came to: a
    /// problem, said once with the next message.
    pub fn history_note(&mut self, problem: String) {
        self.note = Some(problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(text: &str) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let p = Project::open(dir.path()).unwrap();
        (dir, p)
    }

    #[test]
    fn a_change_the_store_refuses_is_not_made_at_all() {
        let (_dir, mut p) = project("Une ville du nord et une autre au sud.");
        let mut editor = Editor::new("t");
        let a = new_annotation(&p.articles[0], Kind::Entity, "LOC", 4, 9);
        let twin = Annotation { start: 13, end: 17, ..a.clone() };
        // The second op reuses the first one's id: the store refuses it.
        let change = Change::new("two").add(0, a.clone()).add(0, twin);
        let e = editor.commit(&mut p, change).unwrap_err();
        assert!(matches!(e, EditError::Refused(_)), "{e}");
        assert!(p.sidecars[0].annotations.is_empty(), "the first op was taken back");
        assert!(!editor.can_undo() && !editor.has_unsaved());
        // Offsets past the end are refused the same way.
        let long = Annotation { start: 30, end: 99, ..a };
        assert!(editor.commit(&mut p, Change::new("out").add(0, long)).is_err());
        assert!(p.sidecars[0].annotations.is_empty());
    }

    #[test]
    fn the_history_is_a_plan_of_reads_and_writes_never_done_here() {
        let (_dir, mut p) = project("Une ville du nord et une autre au sud.");
        let data = tempfile::tempdir().unwrap();
        let undo = data.path().join("undo");
        let mut editor = Editor::new("t").with_history(undo.clone());
        editor.want_history(0);
        let reads = editor.history_reads(&p);
        assert_eq!(reads.len(), 1);
        assert!(reads[0].1.starts_with(&undo));
        assert_eq!(editor.history_read(&p, 0, Ok(None)), None, "no file yet: an empty history");
        let change =
            Change::new("LOC added").add(0, new_annotation(&p.articles[0], Kind::Entity, "LOC", 4, 9));
        assert!(!editor.needs_history(&change), "read already");
        editor.commit(&mut p, change).unwrap();
        let plan = editor.history_writes(&p);
        assert_eq!(plan.len(), 1);
        assert!(!undo.exists(), "the editor wrote nothing");
        let text = String::from_utf8(plan[0].bytes.clone()).unwrap();
        assert_eq!(text.lines().count(), 2, "a header and the step: {text}");
        assert!(editor.history_writes(&p).is_empty(), "written once");
        // The same text read by the next run: the step is there to undo.
        let mut next = Editor::new("t").with_history(undo.clone());
        next.want_history(0);
        assert_eq!(next.history_read(&p, 0, Ok(Some(text))), None);
        assert!(next.can_undo() && next.next_undo_from_earlier() == Some("LOC added"));
        assert!(next.history_writes(&p).is_empty(), "nothing changed: nothing to write");
        // A change reaching a dispatch whose file is not read waits for it.
        let mut fresh = Editor::new("t").with_history(undo);
        let change =
            Change::new("ORG added").add(0, new_annotation(&p.articles[0], Kind::Entity, "ORG", 0, 3));
        assert!(fresh.needs_history(&change));
        assert_eq!(fresh.history_reads(&p).len(), 1);
    }
}
