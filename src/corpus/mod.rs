//! Articles on disk: loading, decoding, the date marker, metadata inference,
//! and the Corpus sorted by date.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Precision};
use crate::text::CharIndex;

/// Where a piece of metadata came from, most trustworthy last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaSource {
    None,
    FirstSentence,
    Byline,
    Marker,
    Dateline,
    Headline,
    Sidecar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// What is known about an article: inferred, or set in its sidecar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub date: Option<PartialDate>,
    pub date_source: MetaSource,
    pub outlet: Option<String>,
    pub outlet_source: MetaSource,
    pub title: String,
    pub lang: Lang,
}

impl ArticleMeta {
    pub fn precision(&self) -> Precision {
        self.date.map(|d| d.precision()).unwrap_or(Precision::Unknown)
    }
}

/// One dispatch. `text` is what every offset refers to: the decoded file,
/// line endings normalised to `\n`, BOM and date marker removed.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    pub index: CharIndex,
    pub meta: ArticleMeta,
    /// The encoding the file was decoded from ("UTF-8", "windows-1252", …).
    pub encoding: String,
}

impl Article {
    /// The text between two code point offsets.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.index.slice(&self.text, start, end)
    }

    pub fn len_chars(&self) -> usize {
        self.index.len_chars()
    }
}

/// Something skipped or refused while loading, named for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read the folder {path}: {source}")]
    Dir { path: PathBuf, source: std::io::Error },
}

/// The dispatches of a folder, sorted by date (unknown dates last), then id.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub dir: PathBuf,
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
}

impl Corpus {
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Sorts by date, unknown dates last; a month before the days in it.
    pub fn sort(&mut self) {
        self.articles.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    }
}

fn sort_key(a: &Article) -> (bool, Option<PartialDate>, &str) {
    (a.meta.date.is_none(), a.meta.date, &a.id)
}

/// Loads every `.txt` dispatch of `dir`. Never writes anything.
pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
    let entries =
        std::fs::read_dir(dir).map_err(|source| CorpusError::Dir { path: dir.to_path_buf(), source })?;
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => articles.push(from_bytes(&path, &bytes)),
            Err(e) => warnings.push(LoadWarning { path, message: format!("cannot be read: {e}") }),
        }
    }
    let mut corpus = Corpus { dir: dir.to_path_buf(), articles, warnings };
    corpus.sort();
    Ok(corpus)
}

/// Builds an article from a file's bytes.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Article {
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_string();
    let raw = String::from_utf8_lossy(bytes);
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let (marker, text) = strip_marker(&normalised);
    let title: String = text.trim().lines().next().unwrap_or("").chars().take(80).collect();
    let meta = ArticleMeta {
        date: marker,
        date_source: if marker.is_some() { MetaSource::Marker } else { MetaSource::None },
        outlet: None,
        outlet_source: MetaSource::None,
        title,
        lang: Lang::Fr,
    };
    let text = text.to_string();
    Article {
        id,
        path: path.to_path_buf(),
        index: CharIndex::new(&text),
        text,
        meta,
        encoding: "UTF-8".into(),
    }
}

/// Splits a leading ` date YYYY[-MM[-DD]]` marker from the text.
pub fn strip_marker(s: &str) -> (Option<PartialDate>, &str) {
    let t = s.trim_start_matches(' ');
    let Some(rest) = t.strip_prefix("date ") else { return (None, s) };
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    match rest[..end].parse::<PartialDate>() {
        Ok(d) => {
            let after = &rest[end..];
            let after = after.strip_prefix(' ').or_else(|| after.strip_prefix('\n')).unwrap_or(after);
            (Some(d), after)
        }
        Err(_) => (None, s),
    }
}
