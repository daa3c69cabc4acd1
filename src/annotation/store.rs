//! The sidecar store: `NAME.ann.jsonl` beside `NAME.txt`.
//! A header line, then one annotation a line sorted by (start, end, id).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::model::Annotation;
use crate::corpus::{Article, Lang};
use crate::date::{PartialDate, Precision};

pub const FORMAT: &str = "depeche-annotations";
pub const VERSION: u32 = 1;

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
    pub format: String,
    pub version: u32,
    /// SHA-256 (hex) of the text the offsets refer to.
    pub text_sha256: String,
    #[serde(default)]
    pub meta: MetaOverride,
}

impl Header {
    pub fn for_text(text: &str) -> Header {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            text_sha256: sha256_hex(text.as_bytes()),
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
    pub header: Header,
    /// Sorted by (start, end, id).
    pub annotations: Vec<Annotation>,
    /// Annotations that could not be re-anchored in the current text.
    pub orphans: Vec<Annotation>,
    pub state: SidecarState,
    /// The annotations as last loaded or saved: the base of a three-way merge.
    pub base: Vec<Annotation>,
}

/// `articles/NAME.txt` -> `articles/NAME.ann.jsonl`.
pub fn sidecar_path(article_path: &Path) -> PathBuf {
    article_path.with_extension("ann.jsonl")
}

impl Sidecar {
    pub fn empty(article: &Article) -> Sidecar {
        Sidecar {
            path: sidecar_path(&article.path),
            header: Header::for_text(&article.text),
            annotations: Vec::new(),
            orphans: Vec::new(),
            state: SidecarState::Absent,
            base: Vec::new(),
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
        self.annotations.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Reads the sidecar of `article`. Never fails: a broken file gives a
    /// read-only sidecar carrying the error.
    pub fn load(article: &Article) -> Sidecar {
        let mut sc = Sidecar::empty(article);
        let bytes = match std::fs::read(&sc.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return sc,
            Err(e) => {
                sc.state =
                    SidecarState::Broken(StoreError::Read { path: sc.path.clone(), message: e.to_string() });
                return sc;
            }
        };
        match parse(&sc.path, &bytes) {
            Ok((header, annotations)) => {
                sc.header = header;
                sc.annotations = annotations;
                sc.sort();
                sc.base = sc.annotations.clone();
                sc.state = SidecarState::Loaded { disk_sha256: sha256_hex(&bytes) };
            }
            Err(e) => sc.state = SidecarState::Broken(e),
        }
        sc
    }

    /// Writes the sidecar (header, then annotations sorted).
    pub fn save(&mut self, _article: &Article) -> Result<(), StoreError> {
        if let SidecarState::Broken(e) = &self.state {
            return Err(e.clone());
        }
        self.sort();
        let bytes = serialize(&self.header, &self.annotations);
        std::fs::write(&self.path, &bytes)
            .map_err(|e| StoreError::Write { path: self.path.clone(), message: e.to_string() })?;
        self.base = self.annotations.clone();
        self.state = SidecarState::Loaded { disk_sha256: sha256_hex(&bytes) };
        Ok(())
    }
}

/// The bytes of a sidecar: one JSON object a line.
pub fn serialize(header: &Header, annotations: &[Annotation]) -> Vec<u8> {
    let mut out = serde_json::to_vec(header).expect("header serialises");
    out.push(b'\n');
    for a in annotations {
        serde_json::to_writer(&mut out, a).expect("annotation serialises");
        out.push(b'\n');
    }
    out
}

/// Parses a sidecar's bytes, naming the first bad line.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Header, Vec<Annotation>), StoreError> {
    let invalid =
        |line: usize, message: String| StoreError::Invalid { path: path.to_path_buf(), line, message };
    let text = std::str::from_utf8(bytes).map_err(|e| invalid(1, format!("not UTF-8: {e}")))?;
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (hn, hl) = lines.next().ok_or_else(|| invalid(1, "empty file: the header line is missing".into()))?;
    let header: Header = serde_json::from_str(hl).map_err(|e| invalid(hn + 1, format!("bad header: {e}")))?;
    let mut annotations = Vec::new();
    for (n, l) in lines {
        let a: Annotation = serde_json::from_str(l).map_err(|e| invalid(n + 1, e.to_string()))?;
        annotations.push(a);
    }
    Ok((header, annotations))
}
