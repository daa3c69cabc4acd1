//! The sidecar store: `NAME.ann.jsonl` beside `NAME.txt` (DESIGN.md §2).
//!
//! A header line, then one annotation a line sorted by (start, end, id), then
//! the orphans (annotations that could not be found again after the text
//! changed), each marked `"orphan":true`, sorted the same way. A sidecar that
//! does not read is never written; every save is atomic and checks that the
//! file on disk is still the one loaded, merging or refusing when it is not.

mod edit;
pub mod journal;
pub mod merge;
pub mod parse;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::model::Annotation;
use crate::corpus::{Article, Lang};
use crate::date::{PartialDate, Precision};

pub use edit::EditError;
pub use merge::Conflict;
pub use parse::{Anchored, Anchoring, Entry, Moved, Parsed, anchor, parse, parse_sidecar, quote_in};
pub use write::{FileLayer, StdFs, Step, WriteFailure, with_layer, write_atomic, write_atomic_checked};

pub const FORMAT: &str = "depeche-annotations";
pub const VERSION: u32 = 1;

/// Saves retried when the file keeps changing between our check and rename.
const SAVE_ATTEMPTS: usize = 3;

/// Article metadata set by the annotator; overrides what is inferred.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MetaOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The first line of a sidecar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Borrowed for a new sidecar: one allocation less per dispatch at a start.
    pub format: std::borrow::Cow<'static, str>,
    pub version: u32,
    /// SHA-256 (hex) of the text the offsets refer to.
    pub text_sha256: String,
    #[serde(default)]
    pub meta: MetaOverride,
}

impl Header {
    #[cfg(test)]
    pub(crate) fn for_text(text: &str) -> Header {
        Header { text_sha256: sha256_hex(text.as_bytes()), ..Header::unhashed() }
    }

    /// The header of a new sidecar, its text not hashed yet.
    fn unhashed() -> Header {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            text_sha256: String::new(),
            meta: MetaOverride::default(),
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("{path}:{line}: {message}")]
    Invalid { path: PathBuf, line: usize, message: String },
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("cannot save {path}: {message}")]
    Write { path: PathBuf, message: String },
    #[error("{path} was changed by another program and the changes conflict: {message}")]
    Conflict { path: PathBuf, message: String },
}

/// What is known of the file on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum SidecarState {
    /// No sidecar yet.
    Absent,
    /// Loaded; `disk_sha256` is the hash of the bytes read, to detect changes
    /// made behind our back.
    Loaded { disk_sha256: String },
    /// The file did not parse or validate: read-only, never overwritten.
    Broken(StoreError),
}

/// The annotations of one article, as loaded and edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Sidecar {
    pub path: PathBuf,
    /// Its `text_sha256` is the hash of the article text the annotations are
    /// anchored in (the disk may still hold an older one); empty for a new
    /// sidecar, made for its article's text as loaded: the hash is taken at
    /// the first save, not for every dispatch at start-up.
    pub header: Header,
    /// Sorted by (start, end, id).
    pub annotations: Vec<Annotation>,
    /// Annotations that could not be re-anchored in the current text: kept,
    /// written back, never dropped. Sorted by (start, end, id).
    pub orphans: Vec<Annotation>,
    pub state: SidecarState,
    /// Every annotation (orphans included) as last loaded or saved: the base
    /// of a three-way merge with the file on disk.
    pub base: Vec<Annotation>,
    /// The header metadata as last loaded or saved (base of its merge).
    pub base_meta: MetaOverride,
    /// What re-anchoring did when the sidecar was read (empty after a save).
    pub anchoring: Anchoring,
    /// The last save, when it replaced the file unchanged: what another
    /// program's version may still be made from
    /// ([`Sidecar::restore_if_overwritten`]).
    pub last_save: Option<Box<LastSave>>,
}

/// A save as [`Sidecar::restore_if_overwritten`] looks at it afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct LastSave {
    /// The file's annotations and metadata before it.
    before: Vec<Annotation>,
    before_meta: MetaOverride,
    /// The size and time of the file it wrote: unchanged, nothing is read.
    written: Option<(u64, std::time::SystemTime)>,
}

/// Annotations by id.
fn by_id(list: &[Annotation]) -> HashMap<&str, &Annotation> {
    list.iter().map(|a| (a.id.as_str(), a)).collect()
}

/// A file's size and modification time.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    std::fs::metadata(path).ok().and_then(|m| Some((m.len(), m.modified().ok()?)))
}

/// What a save did, for the interface to say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SaveReport {
    /// Annotations added, edited or deleted by another program and merged.
    pub merged: usize,
    /// Header fields changed by another program and merged.
    pub merged_meta: usize,
    /// The file had been deleted by another program and was written anew.
    pub recreated: bool,
}

impl SaveReport {
    /// A sentence for the status line when the save did more than write.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.merged > 0 {
            let s = if self.merged == 1 { "" } else { "s" };
            parts.push(format!("merged {} annotation change{s} made by another program", self.merged));
        }
        if self.merged_meta > 0 {
            let s = if self.merged_meta == 1 { "" } else { "s" };
            parts.push(format!("merged {} header field{s} changed by another program", self.merged_meta));
        }
        if self.recreated {
            parts.push("the file had been deleted by another program and was written again".into());
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// `articles/NAME.txt` -> `articles/NAME.ann.jsonl`.
/// How a sidecar's name ends: `X.txt` has `X.ann.jsonl`.
pub const SIDECAR_SUFFIX: &str = ".ann.jsonl";

pub fn sidecar_path(article_path: &Path) -> PathBuf {
    let Some(path) = article_path.to_str() else { return article_path.with_extension("ann.jsonl") };
    // By hand for a path in Unicode, as `with_extension` would make it:
    // that parses every component, once per dispatch at every start.
    let name = path.rfind(std::path::is_separator).map_or(0, |i| i + 1);
    let stem = match path[name..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name + dot],
        _ => path,
    };
    let mut sidecar = String::with_capacity(stem.len() + SIDECAR_SUFFIX.len());
    sidecar.push_str(stem);
    sidecar.push_str(SIDECAR_SUFFIX);
    PathBuf::from(sidecar)
}

/// What the save found on disk.
enum Disk {
    Missing,
    Bytes(Vec<u8>),
}

fn read_disk(path: &Path) -> Result<Disk, std::io::Error> {
    Ok(match crate::bounded::read(path, crate::bounded::MAX_SIDECAR)? {
        Some(b) => Disk::Bytes(b),
        None => Disk::Missing,
    })
}

fn disk_hash(path: &Path) -> std::io::Result<Option<String>> {
    Ok(match read_disk(path)? {
        Disk::Missing => None,
        Disk::Bytes(b) => Some(sha256_hex(&b)),
    })
}

impl Sidecar {
    pub fn empty(article: &Article) -> Sidecar {
        Sidecar::empty_at(sidecar_path(&article.path))
    }

    /// An empty sidecar at `path` (no file yet).
    pub fn empty_at(path: PathBuf) -> Sidecar {
        Sidecar {
            path,
            header: Header::unhashed(),
            annotations: Vec::new(),
            orphans: Vec::new(),
            state: SidecarState::Absent,
            base: Vec::new(),
            base_meta: MetaOverride::default(),
            anchoring: Anchoring::default(),
            last_save: None,
        }
    }

    pub fn is_writable(&self) -> bool {
        !matches!(self.state, SidecarState::Broken(_))
    }

    pub fn error(&self) -> Option<&StoreError> {
        match &self.state {
            SidecarState::Broken(e) => Some(e),
            _ => None,
        }
    }

    pub fn sort(&mut self) {
        parse::sort(&mut self.annotations);
        parse::sort(&mut self.orphans);
    }

    /// Every annotation, orphans last: the content a save writes.
    fn all(&self) -> Vec<Annotation> {
        self.annotations.iter().chain(&self.orphans).cloned().collect()
    }

    /// Whether memory differs from what was last loaded or saved (edits, or
    /// offsets re-anchored in a changed text).
    pub fn has_unsaved_changes(&self) -> bool {
        self.anchoring.text_changed
            || self.header.meta != self.base_meta
            || !self.annotations.iter().chain(&self.orphans).eq(self.base.iter())
    }

    /// Reads the sidecar of `article`. Never fails: a broken file gives a
    /// read-only sidecar carrying the error (file and line).
    pub fn load(article: &Article) -> Sidecar {
        let mut sc = Sidecar::empty(article);
        let bytes = match read_disk(&sc.path) {
            Ok(Disk::Bytes(b)) => b,
            Ok(Disk::Missing) => return sc,
            Err(e) => {
                sc.state =
                    SidecarState::Broken(StoreError::Read { path: sc.path.clone(), message: e.to_string() });
                return sc;
            }
        };
        match parse_sidecar(&sc.path, &bytes).and_then(|p| anchor(&sc.path, p, article)) {
            Ok(a) => {
                sc.header = a.header;
                sc.annotations = a.annotations;
                sc.orphans = a.orphans;
                sc.anchoring = a.anchoring;
                sc.base = sc.all();
                sc.base_meta = sc.header.meta.clone();
                sc.state = SidecarState::Loaded { disk_sha256: sha256_hex(&bytes) };
            }
            Err(e) => sc.state = SidecarState::Broken(e),
        }
        sc
    }

    /// Writes the sidecar atomically, merging what another program changed
    /// meanwhile (see [`Sidecar::save_with_report`]).
    pub fn save(&mut self, article: &Article) -> Result<(), StoreError> {
        self.save_with_report(article).map(|_| ())
    }

    /// Writes the sidecar atomically. If the file on disk is no longer the
    /// one loaded, its changes are merged by annotation id with ours against
    /// `base`; a conflict refuses the save. On any error nothing is written
    /// and memory is left as it was.
    pub fn save_with_report(&mut self, article: &Article) -> Result<SaveReport, StoreError> {
        if let SidecarState::Broken(e) = &self.state {
            return Err(StoreError::Write {
                path: self.path.clone(),
                message: format!("it is read-only because it did not read ({e}); fix it by hand first"),
            });
        }
        self.rebase_on(article);
        // Two depeche processes saving into one folder take turns; an editor
        // does not lock, which the check before the rename covers.
        let _turn = write::lock_folder(&self.path);
        for _ in 0..SAVE_ATTEMPTS {
            let disk = read_disk(&self.path).map_err(|e| self.read_error(e))?;
            let (merged, report, disk_sha) = self.merge_with_disk(&disk, article)?;
            let header = Header {
                format: FORMAT.into(),
                version: VERSION,
                text_sha256: self.header.text_sha256.clone(),
                meta: merged.meta.clone(),
            };
            let bytes = serialize_sidecar(&header, &merged.annotations, &merged.orphans);
            let path = self.path.clone();
            let written = match disk_sha {
                // No file: one another program creates meanwhile is not
                // overwritten (merged at the next attempt).
                None => write::write_atomic_new(&self.path, &bytes),
                Some(_) => write_atomic_checked(&self.path, &bytes, || Ok(disk_hash(&path)? == disk_sha)),
            };
            match written {
                // Changed again between our check and the rename: once more.
                Ok(false) => continue,
                Err(f) if !f.replaced() => return Err(self.write_error(&f)),
                _ => {}
            }
            // The file holds the new bytes: memory follows, even when only
            // the last flush failed (the error below says so).
            self.header = header;
            self.annotations = merged.annotations;
            self.orphans = merged.orphans;
            let replaced_unchanged = report.merged == 0 && report.merged_meta == 0 && !report.recreated;
            self.last_save = replaced_unchanged.then(|| {
                Box::new(LastSave {
                    before: std::mem::take(&mut self.base),
                    before_meta: std::mem::take(&mut self.base_meta),
                    written: stamp(&self.path),
                })
            });
            self.base = self.all();
            self.base_meta = self.header.meta.clone();
            self.anchoring = Anchoring::default();
            self.state = SidecarState::Loaded { disk_sha256: sha256_hex(&bytes) };
            return match written {
                Err(f) => Err(StoreError::Write { path: self.path.clone(), message: f.to_string() }),
                Ok(_) => Ok(report),
            };
        }
        Err(StoreError::Conflict {
            path: self.path.clone(),
            message: "it kept changing while depeche was saving; nothing was saved, try again".into(),
        })
    }

    /// After a save, another program may have replaced the file with a
    /// version made from the one before it (it checked the file, depeche's
    /// rename came, then it wrote: a `git pull` racing the save). What that
    /// save added or changed is then missing from the disk. Merges the
    /// disk's version against the file it was made from, which puts it
    /// back, and saves: `Ok(true)`. `Ok(false)` when the disk holds the save
    /// (or was changed otherwise: merged as usual at the next save).
    pub fn restore_if_overwritten(&mut self, article: &Article) -> Result<bool, StoreError> {
        let Some(last) = self.last_save.take() else { return Ok(false) };
        if last.written.is_some() && stamp(&self.path) == last.written {
            return Ok(false);
        }
        let SidecarState::Loaded { disk_sha256 } = &self.state else { return Ok(false) };
        let Ok(Disk::Bytes(bytes)) = read_disk(&self.path) else { return Ok(false) };
        if sha256_hex(&bytes) == *disk_sha256 {
            return Ok(false);
        }
        let Ok(theirs) = parse_sidecar(&self.path, &bytes).and_then(|p| anchor(&self.path, p, article))
        else {
            // Half written, or broken: the next save says so.
            return Ok(false);
        };
        let LastSave { before, before_meta, .. } = *last;
        let has = |map: &HashMap<&str, &Annotation>, a: &Annotation| map.get(a.id.as_str()) == Some(&a);
        let mut theirs_all = theirs.annotations;
        theirs_all.extend(theirs.orphans);
        let (theirs, old, ours) = (by_id(&theirs_all), by_id(&before), by_id(&self.base));
        // What the save added or changed, missing from theirs…
        let lost = self.base.iter().any(|a| !has(&old, a) && !has(&theirs, a));
        // …and theirs holding what the file before it held (and the save kept).
        let from_before = before.iter().all(|a| has(&theirs, a) || !has(&ours, a));
        if !lost || !from_before {
            return Ok(false);
        }
        self.base = before;
        self.base_meta = before_meta;
        self.save_with_report(article).map(|_| true)
    }

    /// Our content merged with what is on disk, the report, and the hash the
    /// disk must still have at the rename (None: no file).
    fn merge_with_disk(
        &self,
        disk: &Disk,
        article: &Article,
    ) -> Result<(merge::Merged, SaveReport, Option<String>), StoreError> {
        let ours = merge::Version {
            annotations: &self.annotations,
            orphans: &self.orphans,
            meta: &self.header.meta,
        };
        let unchanged = |disk_sha: Option<String>| {
            let merged = merge::Merged {
                annotations: self.annotations.clone(),
                orphans: self.orphans.clone(),
                meta: self.header.meta.clone(),
                from_theirs: 0,
                meta_from_theirs: 0,
            };
            (merged, SaveReport::default(), disk_sha)
        };
        let expected = match &self.state {
            SidecarState::Loaded { disk_sha256 } => Some(disk_sha256.as_str()),
            _ => None,
        };
        let bytes = match disk {
            Disk::Missing if expected.is_none() => return Ok(unchanged(None)),
            Disk::Missing => {
                // Deleted behind our back: nothing to clobber, write ours again.
                let (m, mut r, s) = unchanged(None);
                r.recreated = true;
                return Ok((m, r, s));
            }
            Disk::Bytes(b) => b,
        };
        let disk_sha = sha256_hex(bytes);
        if Some(disk_sha.as_str()) == expected {
            return Ok(unchanged(Some(disk_sha)));
        }
        let theirs = parse_sidecar(&self.path, bytes).and_then(|p| anchor(&self.path, p, article)).map_err(
            |e| match e {
                StoreError::Invalid { path, line, message } => StoreError::Invalid {
                    path,
                    line,
                    message: format!(
                        "changed by another program since it was loaded and no longer reads ({message}); \
                         nothing was saved"
                    ),
                },
                other => other,
            },
        )?;
        let theirs_v = merge::Version {
            annotations: &theirs.annotations,
            orphans: &theirs.orphans,
            meta: &theirs.header.meta,
        };
        let merged = merge::merge3(&self.base, &self.base_meta, ours, theirs_v)
            .map_err(|c| StoreError::Conflict { path: self.path.clone(), message: c.to_string() })?;
        let report =
            SaveReport { merged: merged.from_theirs, merged_meta: merged.meta_from_theirs, recreated: false };
        Ok((merged, report, Some(disk_sha)))
    }

    /// Re-anchors memory (and the merge base) if `article`'s text is not the
    /// one the annotations are anchored in (the article was reloaded).
    fn rebase_on(&mut self, article: &Article) {
        let sha = sha256_hex(article.text.as_bytes());
        if self.header.text_sha256.is_empty() {
            // New: anchored in this very text.
            self.header.text_sha256 = sha;
            return;
        }
        if sha == self.header.text_sha256 {
            return;
        }
        let place = |list: &[Annotation]| -> (Vec<Annotation>, Vec<Annotation>) {
            let mut kept = Vec::new();
            let mut lost = Vec::new();
            for a in list {
                match parse::reanchor_one(a, article) {
                    Some((b, _)) => kept.push(b),
                    None => lost.push(a.clone()),
                }
            }
            (kept, lost)
        };
        let (mut anchored, mut orphans) = place(&self.annotations);
        let (readopted, still) = place(&self.orphans);
        anchored.extend(readopted);
        orphans.extend(still);
        let (mut base, base_lost) = place(&self.base);
        base.extend(base_lost);
        self.annotations = anchored;
        self.orphans = orphans;
        self.base = base;
        self.sort();
        self.header.text_sha256 = sha;
        self.anchoring.text_changed = true;
    }

    /// Writes the current content to `path` (atomically), for when the
    /// sidecar's own folder is not writable. The sidecar itself is unchanged.
    pub fn save_copy_as_jsonl(&self, article: &Article, path: &Path) -> Result<(), StoreError> {
        if path == self.path {
            // Writing there would skip the check for changes made elsewhere.
            return Err(StoreError::Write {
                path: path.to_path_buf(),
                message: "a copy cannot replace the sidecar itself; save it instead".into(),
            });
        }
        let mut header = self.header.clone();
        if header.text_sha256.is_empty() {
            header.text_sha256 = sha256_hex(article.text.as_bytes());
        }
        let bytes = serialize_sidecar(&header, &self.annotations, &self.orphans);
        write_atomic(path, &bytes).map_err(|f| StoreError::Write {
            path: path.to_path_buf(),
            message: if f.replaced() { f.to_string() } else { format!("{f}; nothing was written") },
        })
    }

    fn read_error(&self, e: std::io::Error) -> StoreError {
        StoreError::Read {
            path: self.path.clone(),
            message: format!(
                "{e}; it must be checked before it is replaced, so nothing was saved and your annotations are still in memory"
            ),
        }
    }

    fn write_error(&self, f: &WriteFailure) -> StoreError {
        StoreError::Write {
            path: self.path.clone(),
            message: format!(
                "{f}; nothing was written and your annotations are still in memory (save a copy elsewhere)"
            ),
        }
    }
}

/// The bytes of a sidecar: one JSON object a line (no orphans).
pub fn serialize(header: &Header, annotations: &[Annotation]) -> Vec<u8> {
    serialize_sidecar(header, annotations, &[])
}

/// The bytes of a sidecar: the header, the annotations, then the orphans
/// marked `"orphan":true`.
pub fn serialize_sidecar(header: &Header, annotations: &[Annotation], orphans: &[Annotation]) -> Vec<u8> {
    let mut out = serde_json::to_vec(header).expect("a header serialises");
    out.push(b'\n');
    let lines = annotations.iter().map(|a| (a, false)).chain(orphans.iter().map(|a| (a, true)));
    for (annotation, orphan) in lines {
        serde_json::to_writer(&mut out, &parse::DiskLineRef { orphan, annotation })
            .expect("an annotation serialises");
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests;

/// The dispatches' sidecars, by place: one made (empty, at its path) only
/// when asked for.
pub type Sidecars = crate::corpus::Places<Sidecar>;

impl crate::corpus::places::FromRow for Sidecar {
    type Rows = dyn crate::corpus::places::Paths;
    fn from_row(rows: &dyn crate::corpus::places::Paths, row: usize) -> Sidecar {
        Sidecar::empty_at(sidecar_path(&rows.path(row)))
    }
}

impl Sidecars {
    /// Place `i`'s annotations, without making an empty sidecar for them.
    pub fn annotations(&self, i: usize) -> &[Annotation] {
        match self.is_made(i) {
            true => &self[i].annotations,
            false => &[],
        }
    }
}
