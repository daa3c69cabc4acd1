//! Articles on disk: loading, decoding, the date marker, metadata inference,
//! and the Corpus sorted by date.

pub mod boilerplate;
pub mod decode;
pub mod infer;
pub mod lang;
pub mod marker;
pub mod outlets;
pub mod parallel;
pub mod places;
pub mod title;

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Precision};
use crate::text::CharIndex;

pub use marker::strip_marker;
pub use places::{Articles, Places, Rows};

/// Where a piece of metadata came from, most trustworthy last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaSource {
    None,
    /// An outlet the body only quotes ("selon l'agence TASS"): rather not the
    /// article's own, given for want of anything better.
    Cited,
    /// An outlet the body names otherwise ("a indiqué à l'AFP").
    Mention,
    /// A photo credit ("(AP Photo/…)"): the picture's outlet, maybe not the text's.
    Photo,
    FirstSentence,
    /// The file's name ("2020-10-30_reuters_….txt").
    FileName,
    Byline,
    Marker,
    /// The marker's month narrowed to a day by the text's day words
    /// ("samedi 14 novembre").
    DayWords,
    /// A credit at the top or the end ("SOURCE: Al Jazeera And Reuters", "/ATS").
    Credit,
    /// A web page's publication stamp ("Reuters • 23/10/2020 à 10:50").
    Stamp,
    Dateline,
    Headline,
    Sidecar,
}

impl MetaSource {
    const ALL: [MetaSource; 14] = [
        MetaSource::None,
        MetaSource::Cited,
        MetaSource::Mention,
        MetaSource::Photo,
        MetaSource::FirstSentence,
        MetaSource::FileName,
        MetaSource::Byline,
        MetaSource::Marker,
        MetaSource::DayWords,
        MetaSource::Credit,
        MetaSource::Stamp,
        MetaSource::Dateline,
        MetaSource::Headline,
        MetaSource::Sidecar,
    ];

    /// A number for the index to keep it by (see [`MetaSource::from_code`]).
    pub fn code(self) -> i64 {
        MetaSource::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64
    }

    pub fn from_code(code: i64) -> Option<MetaSource> {
        usize::try_from(code).ok().and_then(|i| MetaSource::ALL.get(i)).copied()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MetaSource::None => "none",
            MetaSource::Cited => "cited",
            MetaSource::Mention => "mention",
            MetaSource::Photo => "photo",
            MetaSource::FirstSentence => "first_sentence",
            MetaSource::FileName => "file_name",
            MetaSource::Byline => "byline",
            MetaSource::Marker => "marker",
            MetaSource::DayWords => "day_words",
            MetaSource::Credit => "credit",
            MetaSource::Stamp => "stamp",
            MetaSource::Dateline => "dateline",
            MetaSource::Headline => "headline",
            MetaSource::Sidecar => "sidecar",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// A number for the index to keep it by (see [`Lang::from_code`]).
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Lang> {
        [Lang::Fr, Lang::En].get(usize::try_from(code).ok()?).copied()
    }

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
    pub encoding: &'static str,
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

impl LoadWarning {
    /// For information only, not a problem: what opening the folder did
    /// about an interrupted import (its messages are the journal's).
    pub fn is_note(&self) -> bool {
        self.path.file_name().is_some_and(|n| n == JOURNAL)
    }
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read the folder {}: {}.", crate::text::inert_line(&path.display().to_string()), io_words(source))]
    Dir { path: PathBuf, source: std::io::Error },
}

/// An I/O error in words a person understands.
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "it is not a folder".into(),
        _ => e.to_string(),
    }
}

/// The file an import keeps its plan in while it writes a folder's
/// sidecars (`annotation::store::journal`): not a dispatch, and what it
/// says when found is a note.
pub const JOURNAL: &str = ".depeche-journal.json";

/// The dispatches of a folder, sorted by date (unknown dates last), then id.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub dir: PathBuf,
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
    /// The names of the folder's other files (sidecars among them), from
    /// the same listing: no one lists the folder again to look for them.
    pub others: HashSet<OsString>,
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

pub(crate) fn sort_key(a: &Article) -> (bool, Option<PartialDate>, &str) {
    (a.meta.date.is_none(), a.meta.date, &a.id)
}

/// Loads every `.txt` dispatch of `dir`, sorted by date. Other files are
/// ignored (sidecars, labels, hidden files); binary and empty files, and
/// symbolic links leading out of the folder, are skipped with a warning
/// naming them. Never writes anything (a project's opening first completes
/// an import a crash interrupted: `annotation::store::journal`).
pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
    let Listing { root, dispatches, others } = list(dir)?;
    let mut warnings = Vec::new();
    let loaded = parallel::map(dispatches, |(_, entry)| {
        load_entry(&root, &entry).map_err(|message| LoadWarning { path: entry.path(), message })
    });
    let articles = loaded.into_iter().filter_map(|r| r.map_err(|w| warnings.push(w)).ok()).collect();
    let mut corpus = Corpus { dir: dir.to_path_buf(), articles, warnings, others };
    corpus.sort();
    Ok(corpus)
}

/// One listing of a folder: its dispatches by name, the names of the rest.
pub struct Listing {
    /// The folder, canonical: symbolic links must stay inside it.
    pub root: PathBuf,
    /// Each with its name.
    pub dispatches: Vec<(OsString, std::fs::DirEntry)>,
    pub others: HashSet<OsString>,
}

/// Lists `dir` once, dispatches sorted by file name.
pub fn list(dir: &Path) -> Result<Listing, CorpusError> {
    let dir_error = |source| CorpusError::Dir { path: dir.to_path_buf(), source };
    let root = dir.canonicalize().map_err(dir_error)?;
    let list = || -> Result<Vec<std::fs::DirEntry>, CorpusError> {
        std::fs::read_dir(dir).map_err(dir_error)?.collect::<Result<_, _>>().map_err(dir_error)
    };
    // Each name taken once (a sort by `file_name()` would make two per
    // comparison: millions of allocations in a large archive).
    let mut entries: Vec<(OsString, std::fs::DirEntry)> =
        list()?.into_iter().map(|e| (e.file_name(), e)).collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut dispatches = Vec::with_capacity(entries.len());
    let mut others = HashSet::new();
    for (name, entry) in entries {
        match is_dispatch_name(Path::new(&name)) {
            true => dispatches.push((name, entry)),
            false => {
                others.insert(name);
            }
        }
    }
    Ok(Listing { root, dispatches, others })
}

/// `NAME.txt`, not hidden (editors' lock and swap files are).
pub fn is_dispatch_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let txt = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    txt && !name.starts_with('.')
}

/// A dispatch's id: its file name without the extension (as
/// `Path::file_stem` gives it, without a parse of a whole path).
pub fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// One directory entry as an article, or why not (a sentence).
fn load_entry(root: &Path, entry: &std::fs::DirEntry) -> Result<Article, String> {
    let path = check_entry(root, entry)?;
    let bytes = read_dispatch(&path)?;
    from_file_bytes(&path, bytes, None)
}

/// Whether a directory entry may be read as a dispatch (a regular file, or
/// a symbolic link to one inside `root`), or why not (a sentence).
pub fn check_entry(root: &Path, entry: &std::fs::DirEntry) -> Result<PathBuf, String> {
    let path = entry.path();
    let kind = entry.file_type().map_err(|e| format!("cannot be examined: {e}"))?;
    if kind.is_symlink() {
        let target = path
            .canonicalize()
            .map_err(|e| format!("is a symbolic link to nothing readable ({e}), so it was skipped"))?;
        if !target.starts_with(root) {
            return Err(format!(
                "is a symbolic link leading out of the folder (to {}), so it was refused",
                target.display()
            ));
        }
        if !target.is_file() {
            return Err("is a symbolic link to something that is not a file, so it was skipped".into());
        }
    } else if !kind.is_file() {
        return Err("is not a regular file, so it was skipped".into());
    }
    if path.file_stem().and_then(|s| s.to_str()).is_none() {
        return Err("has a name that is not valid Unicode, so it was skipped".into());
    }
    Ok(path)
}

/// A dispatch file's bytes as an article, or why not (a sentence). With
/// `known`, the metadata inferred from these same bytes before (an index
/// keeps it): it is not inferred again.
pub fn from_file_bytes(path: &Path, bytes: Vec<u8>, known: Option<ArticleMeta>) -> Result<Article, String> {
    let decoded = decode::decode_owned(bytes).map_err(|e| format!("is not a dispatch: {e}"))?;
    let article = match known {
        Some(meta) => build_known(path, decoded.text, decoded.encoding, meta),
        None => build(path, decoded.text, decoded.encoding),
    };
    if article.text.trim().is_empty() {
        return Err("is empty (no text after the date marker), so it was skipped".into());
    }
    Ok(article)
}

/// A file's bytes, or why not (a sentence). Its size is checked before it
/// is read: offsets are kept as u32 by the character index.
pub fn read_dispatch(path: &Path) -> Result<Vec<u8>, String> {
    read_dispatch_stat(path).map(|(bytes, _)| bytes)
}

/// As `read_dispatch`, with the file's metadata as it was opened (its size
/// and time, without a second lookup of the path).
pub fn read_dispatch_stat(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), String> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| format!("cannot be read: {e}");
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    let max = crate::bounded::MAX_DISPATCH;
    if meta.len() > max {
        let limit = crate::bounded::size(max);
        return Err(format!("is larger than {limit}, the limit for a dispatch, so it was skipped"));
    }
    let len = meta.len() as u32;
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    Ok((bytes, meta))
}

/// Builds an article from a file's bytes; bytes that do not decode are read
/// as lossy UTF-8 (flagged in `encoding`). `load` refuses them instead.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Article {
    try_from_bytes(path, bytes).unwrap_or_else(|_| {
        let text = decode::normalise_newlines(&String::from_utf8_lossy(bytes));
        build(path, text, "UTF-8 (lossy)")
    })
}

/// Builds an article from a file's bytes, or says why they are not text.
pub fn try_from_bytes(path: &Path, bytes: &[u8]) -> Result<Article, decode::DecodeError> {
    let decoded = decode::decode(bytes)?;
    Ok(build(path, decoded.text, decoded.encoding))
}

/// The article of decoded text (BOM gone, `\n` line endings).
fn build(path: &Path, mut decoded: String, encoding: &'static str) -> Article {
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_string();
    let (marker, text) = strip_marker(&decoded);
    // The dateline and stamps serve both the metadata and the title.
    let dateline = infer::find_dateline(text);
    let stamps = infer::find_stamps(text);
    let inferred = infer::infer_with(text, marker, &id, dateline.as_ref(), &stamps);
    let meta = ArticleMeta {
        date: inferred.date,
        date_source: inferred.date_source,
        outlet: inferred.outlet,
        outlet_source: inferred.outlet_source,
        title: title::title_with(text, dateline.as_ref(), &stamps),
        lang: lang::detect(text),
    };
    // The marker goes from the front in place: no second copy of the text.
    let skip = decoded.len() - text.len();
    decoded.drain(..skip);
    Article { id, path: path.to_path_buf(), index: CharIndex::new(&decoded), text: decoded, meta, encoding }
}

/// As `build`, with the metadata already known: only the marker goes.
fn build_known(path: &Path, mut decoded: String, encoding: &'static str, meta: ArticleMeta) -> Article {
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_string();
    let skip = decoded.len() - strip_marker(&decoded).1.len();
    decoded.drain(..skip);
    Article { id, path: path.to_path_buf(), index: CharIndex::new(&decoded), text: decoded, meta, encoding }
}
