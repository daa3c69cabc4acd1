//! The undo history kept between runs: one JSON Lines file per sidecar in
//! the user's data folder (`…/depeche/undo/<hash of the sidecar's canonical
//! path>.jsonl`, never beside the articles), rewritten after each change,
//! read when annotate mode first opens on that dispatch.
//!
//! Nothing here touches the disk: the history parses the text the run loop
//! read ([`History::parse`]) and renders what it must write
//! ([`History::render`], a [`FileWrite`]); the run loop reads and writes.
//!
//! A step is applied only when the sidecar still holds the state it expects
//! (its "after" to undo, its "before" to redo): a step whose annotations were
//! changed behind depeche's back is dropped with a message, never applied
//! blindly. The check is by annotation id and content, so an edit elsewhere
//! in the file does not invalidate the history.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::change::{Change, MetaState, Op};
use crate::annotation::{Annotation, MetaOverride};
use crate::project::Project;

/// Steps kept per sidecar: the newest ones.
pub const MAX_STEPS: usize = 500;

pub(super) const FORMAT: u32 = 1;

/// `$XDG_DATA_HOME/depeche/undo` (or the platform's data folder).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "depeche").map(|d| d.data_dir().join("undo"))
}

/// Which stack a persisted step is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stack {
    Undo,
    Redo,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) depeche_undo: u32,
    /// The canonical path of the sidecar: guards against a hash collision
    /// and tells a person which file this history is about.
    pub(super) sidecar: String,
}

/// One step as written: every op names its sidecar, so a step that spans
/// several dispatches (mark all occurrences) is whole in each of their files.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Record {
    stack: Stack,
    id: String,
    seq: u64,
    what: String,
    ops: Vec<RecordOp>,
}

// Records are read and written one at a time: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
enum RecordOp {
    Ann { sidecar: String, before: Option<Annotation>, after: Option<Annotation> },
    Meta { sidecar: String, before: MetaState, after: MetaState },
}

/// A file the run loop must write (atomically, through the store's durable
/// write): the plan the history returns instead of writing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Where the history files go and which dispatches' files were read.
#[derive(Debug, Clone)]
pub struct History {
    pub(super) dir: PathBuf,
    /// Steps kept per file.
    pub(super) limit: usize,
    pub(super) loaded: BTreeSet<usize>,
    /// Articles whose file the run loop should read next.
    pub(super) wanted: BTreeSet<usize>,
    /// The canonical path of each article's sidecar, by position.
    pub(super) keys: Vec<String>,
}

/// The sidecar's path with its folder made canonical (the sidecar itself may
/// not exist yet).
fn canonical_key(path: &Path, cache: &mut HashMap<PathBuf, PathBuf>) -> String {
    let parent = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let dir = cache
        .entry(parent.clone())
        .or_insert_with(|| std::fs::canonicalize(&parent).unwrap_or(parent))
        .clone();
    match path.file_name() {
        Some(name) => dir.join(name).display().to_string(),
        None => dir.display().to_string(),
    }
}

/// The history file of the sidecar whose canonical path is `key`.
pub fn file_for(dir: &Path, key: &str) -> PathBuf {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hex}.jsonl"))
}

impl History {
    pub fn new(dir: PathBuf) -> History {
        History { dir, limit: MAX_STEPS, loaded: BTreeSet::new(), wanted: BTreeSet::new(), keys: Vec::new() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn refresh_keys(&mut self, project: &Project) {
        if self.keys.len() == project.sidecars.len() {
            return;
        }
        let mut cache = HashMap::new();
        // From each dispatch's path: no empty sidecar is made for it.
        let path = |i| crate::annotation::store::sidecar_path(&project.articles.path(i));
        self.keys = (0..project.sidecars.len()).map(|i| canonical_key(&path(i), &mut cache)).collect();
    }

    /// The history file of article `i` of the project.
    pub fn file(&mut self, project: &Project, i: usize) -> PathBuf {
        self.refresh_keys(project);
        file_for(&self.dir, &self.keys[i])
    }

    pub(super) fn to_record(&self, stack: Stack, c: &Change) -> Record {
        let ops = c
            .ops
            .iter()
            .map(|op| match op {
                Op::Ann { article, before, after } => RecordOp::Ann {
                    sidecar: self.keys[*article].clone(),
                    before: before.clone(),
                    after: after.clone(),
                },
                Op::Meta { article, before, after } => RecordOp::Meta {
                    sidecar: self.keys[*article].clone(),
                    before: (**before).clone(),
                    after: (**after).clone(),
                },
            })
            .collect();
        Record { stack, id: c.id.clone(), seq: c.seq, what: c.what.clone(), ops }
    }

    /// A record as a change of this project; `None` when it names a sidecar
    /// the project no longer has.
    fn to_change(&self, r: Record) -> Option<(Stack, Change)> {
        let article = |key: &str| self.keys.iter().position(|k| k == key);
        let mut ops = Vec::with_capacity(r.ops.len());
        for op in r.ops {
            ops.push(match op {
                RecordOp::Ann { sidecar, before, after } => {
                    Op::Ann { article: article(&sidecar)?, before, after }
                }
                RecordOp::Meta { sidecar, before, after } => {
                    Op::Meta { article: article(&sidecar)?, before: Box::new(before), after: Box::new(after) }
                }
            });
        }
        Some((r.stack, Change { id: r.id, seq: r.seq, what: r.what, ops }))
    }

    /// The steps of article `i`'s history file, whose text the run loop
    /// read from `path` (`None`: no file yet), in file order (undo oldest
    /// first, then redo bottom first). An unreadable file is an error in
    /// words naming file and line.
    pub(super) fn parse(
        &mut self,
        project: &Project,
        i: usize,
        path: &Path,
        text: Option<&str>,
    ) -> Result<Vec<(Stack, Change)>, String> {
        self.refresh_keys(project);
        let Some(text) = text else { return Ok(Vec::new()) };
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
        let Some((_, first)) = lines.next() else { return Ok(Vec::new()) };
        let header: Header = serde_json::from_str(first)
            .map_err(|e| format!("{} line 1 is not an undo history header: {e}", path.display()))?;
        if header.depeche_undo != FORMAT || header.sidecar != self.keys[i] {
            // Another version's or another sidecar's file: not ours to use.
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for (n, line) in lines {
            let r: Record = serde_json::from_str(line)
                .map_err(|e| format!("{} line {} is not an undo step: {e}", path.display(), n + 1))?;
            out.extend(self.to_change(r));
        }
        Ok(out)
    }

    /// The file of article `i` holding `steps` (the newest [`Self::limit`]
    /// of them), and why a step could not be written, if one could not.
    pub(super) fn render(&self, i: usize, mut steps: Vec<(Stack, &Change)>) -> (FileWrite, Option<String>) {
        if steps.len() > self.limit {
            let mut seqs: Vec<u64> = steps.iter().map(|(_, c)| c.seq).collect();
            seqs.sort_unstable();
            let cut = seqs[seqs.len() - self.limit];
            steps.retain(|(_, c)| c.seq >= cut);
        }
        let mut bytes = Vec::new();
        let mut problem = None;
        let header = Header { depeche_undo: FORMAT, sidecar: self.keys[i].clone() };
        let lines = std::iter::once(serde_json::to_string(&header))
            .chain(steps.iter().map(|(s, c)| serde_json::to_string(&self.to_record(*s, c))));
        for line in lines {
            match line {
                Ok(l) => {
                    bytes.extend_from_slice(l.as_bytes());
                    bytes.push(b'\n');
                }
                Err(e) => problem = Some(e.to_string()),
            }
        }
        (FileWrite { path: file_for(&self.dir, &self.keys[i]), bytes }, problem)
    }
}

/// Which side of a step the sidecar should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// Two states of one annotation are the same when everything the annotator
/// sees is (the time stamp and the quote's context may be rewritten by a
/// save).
fn same(a: Option<&Annotation>, b: Option<&Annotation>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.id == b.id
                && a.kind == b.kind
                && a.label == b.label
                && a.start == b.start
                && a.end == b.end
                && a.quote.exact == b.quote.exact
                && a.attrs == b.attrs
                && a.status == b.status
        }
        _ => false,
    }
}

/// The annotations and metadata of the project as steps would leave them,
/// without touching the project: the check before an undo, and the walk
/// down a loaded history.
pub struct Sim<'a> {
    project: &'a Project,
    anns: HashMap<(usize, String), Option<Annotation>>,
    meta: HashMap<usize, MetaOverride>,
    ids: HashMap<usize, HashMap<&'a str, usize>>,
}

impl<'a> Sim<'a> {
    pub fn new(project: &'a Project) -> Sim<'a> {
        Sim { project, anns: HashMap::new(), meta: HashMap::new(), ids: HashMap::new() }
    }

    /// The annotation `id` of `article` as the steps so far leave it. The
    /// states an op knows of it are tried first, by binary search in the
    /// sorted sidecar; only one found elsewhere costs a map of every id.
    fn ann(&mut self, article: usize, id: &str, known: [Option<&Annotation>; 2]) -> Option<Annotation> {
        if let Some(a) = self.anns.get(&(article, id.to_string())) {
            return a.clone();
        }
        let list = &self.project.sidecars[article].annotations;
        for k in known.into_iter().flatten() {
            let at = list.partition_point(|x| x.sort_key() < k.sort_key());
            if let Some(a) = list.get(at).filter(|a| a.id == id) {
                return Some(a.clone());
            }
        }
        let ids = self
            .ids
            .entry(article)
            .or_insert_with(|| list.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect());
        ids.get(id).map(|&i| list[i].clone())
    }

    fn meta(&self, article: usize) -> &MetaOverride {
        self.meta.get(&article).unwrap_or(&self.project.sidecars[article].header.meta)
    }

    /// Whether every op finds its `side` state.
    pub fn holds(&mut self, ops: &[Op], side: Side) -> bool {
        ops.iter().all(|op| {
            if op.article() >= self.project.sidecars.len() {
                return false;
            }
            match op {
                Op::Ann { article, before, after } => {
                    let want = if side == Side::Before { before } else { after };
                    let Some(id) = before.as_ref().or(after.as_ref()).map(|a| a.id.clone()) else {
                        return false;
                    };
                    same(self.ann(*article, &id, [before.as_ref(), after.as_ref()]).as_ref(), want.as_ref())
                }
                Op::Meta { article, before, after } => {
                    let want = if side == Side::Before { before } else { after };
                    *self.meta(*article) == want.over
                }
            }
        })
    }

    /// Moves every op to its `side` state.
    pub fn set(&mut self, ops: &[Op], side: Side) {
        for op in ops {
            match op {
                Op::Ann { article, before, after } => {
                    let to = if side == Side::Before { before } else { after };
                    if let Some(id) = before.as_ref().or(after.as_ref()).map(|a| a.id.clone()) {
                        self.anns.insert((*article, id), to.clone());
                    }
                }
                Op::Meta { article, before, after } => {
                    let to = if side == Side::Before { before } else { after };
                    self.meta.insert(*article, to.over.clone());
                }
            }
        }
    }
}

/// The articles a step touches.
pub fn articles_of(c: &Change) -> BTreeSet<usize> {
    c.ops.iter().map(Op::article).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_a_stable_hash_of_the_canonical_path() {
        let a = file_for(Path::new("/d"), "/x/articles/a.ann.jsonl");
        assert_eq!(a, file_for(Path::new("/d"), "/x/articles/a.ann.jsonl"));
        assert_ne!(a, file_for(Path::new("/d"), "/x/articles/b.ann.jsonl"));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(name.len(), 32 + ".jsonl".len());
        let dir = tempfile::tempdir().unwrap();
        let mut cache = HashMap::new();
        let plain = canonical_key(&dir.path().join("a.ann.jsonl"), &mut cache);
        let dotted = canonical_key(&dir.path().join(".").join("a.ann.jsonl"), &mut cache);
        assert_eq!(plain, dotted);
    }
}
