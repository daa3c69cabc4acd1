//! A folder read through its index: one listing, a stat per dispatch, and
//! only the files whose size or modification time changed read and
//! inferred again. A file modified within moments of its reading is in
//! doubt (a second change in the same clock tick would not show): it is
//! read again and its hash compared.

use std::collections::HashMap;

use crate::digest::{FastMap, FastSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rusqlite::{Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::stamp::{generation, mtime_ns, now_ns, pack_date, unpack_date, vouches};
use super::{Index, IndexError, is_corruption};
use crate::annotation::store::SIDECAR_SUFFIX;
use crate::corpus::{self, Article, ArticleMeta, Corpus, CorpusError, Lang, LoadWarning, MetaSource};

use crate::text::CharIndex;

/// Which dispatches need their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Every one (the reader).
    All,
    /// Only those with a sidecar (it is anchored in the text); the others'
    /// text is left empty when the index vouches for their metadata. For
    /// the list and the digests, which read no text.
    Sidecars,
    /// As `Sidecars` when an index is used (the reader reads each other
    /// text when it is shown, and searches through the index); every text
    /// when there is none, as before the index.
    Lazy,
}

/// One dispatch file after a change: its article, or `None` when it is
/// gone (or no longer a dispatch).
pub type Change = (OsString, Option<Article>);

/// SHA-256 of a file's bytes.
pub type Hash = [u8; 32];

/// A folder as loaded through its index.
pub struct Loaded {
    pub corpus: Corpus,
    /// The hash of each dispatch's bytes, by file name.
    pub hashes: FastMap<OsString, Hash>,
    /// The folder, canonical.
    pub root: PathBuf,
    /// The index, when one could be used.
    pub index: Option<Index>,
    /// Things the user should know about the index (a rebuild).
    pub notices: Vec<String>,
    /// How many files were read because the index did not vouch for them.
    pub read: usize,
    /// Whether the index's records were taken without a stat of their
    /// files (`Texts::Lazy`): [`unvouched`] checks them after the first
    /// frame.
    pub unchecked: bool,
}

/// What the index knows of one file.
#[derive(Debug, Clone)]
struct Record {
    size: i64,
    mtime: i64,
    indexed_at: i64,
    hash: Hash,
    encoding: Option<&'static str>,
    meta: Option<ArticleMeta>,
    warning: Option<String>,
}

impl Record {
    /// Whether it holds what a dispatch needs without its file: the
    /// metadata and encoding, or the warning that skipped it.
    fn is_complete(&self) -> bool {
        self.warning.is_some() || (self.meta.is_some() && self.encoding.is_some())
    }

    /// What the record vouches by: size, time and reading time.
    fn stamp(&self) -> (i64, i64, i64) {
        (self.size, self.mtime, self.indexed_at)
    }

    /// Whether size and time vouch for the file without reading it.
    fn vouches(&self, size: i64, mtime: i64) -> bool {
        vouches((self.size, self.mtime, self.indexed_at), (size, mtime))
    }
}

/// One dispatch file after the scan.
struct Outcome {
    name: OsString,
    article: Result<Article, String>,
    /// A new or updated record to write.
    record: Option<Record>,
    hash: Option<Hash>,
    read: bool,
    /// The bytes read.
    bytes: u64,
    /// The size, time and reading time the index vouches by after the scan
    /// (zeros vouch for nothing).
    stamp: (i64, i64, i64),
    symlink: bool,
}

/// Loads `dir` through its index (made or brought up to date on the way).
/// Without a usable index, every file is read, as `corpus::load` does.
pub fn load(dir: &Path, texts: Texts) -> Result<Loaded, CorpusError> {
    // Before the listing: a change made during it moves the folder's time
    // past what the catalog records (`catalog::Stamp`).
    let folder_time = super::catalog::folder_time(dir);
    // The index's records are read while the folder is listed.
    let canonical = dir.canonicalize().ok();
    let (listing, opened) = std::thread::scope(|s| {
        let opened = canonical.as_deref().map(|root| s.spawn(|| open_with_records(root)));
        let listing = corpus::list(dir);
        let opened = opened.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (listing, opened)
    });
    let listing = listing?;
    let root = listing.root.clone();
    let (index, (known, read_at), mut notices) =
        opened.unwrap_or_else(|| (None, (Vec::new(), None), Vec::new()));
    // Records another build of depeche wrote vouch for nothing: what it read
    // in a file (its date, its outlet) may be what this one reads otherwise.
    let vouched = index.as_ref().is_some_and(|i| i.program().is_some_and(|p| p == super::program()));
    let now = now_ns();
    let others = &listing.others;
    // The dispatches with a sidecar, by stem (`X.txt` has `X.ann.jsonl`).
    let with_sidecar: FastSet<&str> =
        others.iter().filter_map(|n| n.to_str()?.strip_suffix(SIDECAR_SUFFIX)).collect();
    let has_sidecar = |name: &OsString| with_sidecar.contains(stem_of(name));
    let progress = super::progress::Progress::start(listing.dispatches.len());
    let all = texts == Texts::All || (texts == Texts::Lazy && index.is_none());
    // The reader takes the index's word for every file it knows, and checks
    // their sizes and times after its first frame (a stat per file is most
    // of a start of a large archive).
    let trust = texts == Texts::Lazy && vouched && index.is_some();
    let (paired, gone) = pair(listing.dispatches, known);
    let outcomes = corpus::parallel::map(paired, |((name, entry), known)| {
        let need_text = all || has_sidecar(&name);
        let known = known.filter(|_| vouched);
        let outcome = scan_one(&root, name, &entry, known, need_text, trust, now);
        progress.tick(outcome.bytes);
        outcome
    });
    progress.finish();
    let gone: Vec<&OsString> = gone.iter().collect();
    let changed: Vec<(&OsString, &Record)> =
        outcomes.iter().filter_map(|o| o.record.as_ref().map(|r| (&o.name, r))).collect();
    // The generation of the index that holds what this scan found, if any
    // does (another process may have written between the two).
    let mut found_at = read_at;
    if let Some(i) = &index
        && (!changed.is_empty() || !gone.is_empty() || !vouched)
    {
        match write(i, &changed, &gone) {
            Ok(g) => found_at = (g.before == read_at).then_some(g.after),
            Err(e) => {
                // Another process holding the index too long, a full disk:
                // what was read from the files is right; the next start
                // reads it again.
                notices.push(format!("the index {} was not updated: {e}", i.path.display()));
                found_at = None;
            }
        }
    }
    let read = outcomes.iter().filter(|o| o.read).count();
    let mut hashes = FastMap::default();
    let mut articles = Vec::with_capacity(outcomes.len());
    // Per article: (stamp, symbolic link), for the catalog.
    let mut files = Vec::with_capacity(outcomes.len());
    let mut warnings = Vec::new();
    // The reader asks none (the digests and the search read them).
    let keep_hashes = texts != Texts::Lazy;
    for o in outcomes {
        if let Some(h) = o.hash.filter(|_| keep_hashes) {
            hashes.insert(o.name.clone(), h);
        }
        match o.article {
            Ok(a) => {
                articles.push(a);
                files.push((o.stamp, o.symlink));
            }
            Err(message) => warnings.push(LoadWarning { path: dir.join(&o.name), message }),
        }
    }
    if let (Some(i), Some(generation)) = (&index, found_at) {
        let has_sidecar = |a: &Article| with_sidecar.contains(a.id.as_str());
        super::catalog::keep(dir, i, (generation, folder_time), &articles, &files, has_sidecar, &warnings);
    }
    let mut corpus = Corpus { dir: dir.to_path_buf(), articles, warnings, others: listing.others };
    corpus.sort();
    Ok(Loaded { corpus, hashes, root, index, notices, read, unchecked: trust })
}

/// Each dispatch of a listing with the index's record of it (both sorted
/// by name), and the names of the records no dispatch has any more. Each
/// record goes to its dispatch whole (no copy of its metadata, no map).
type Named<T> = (OsString, T);
type Paired<E, R> = (Vec<(Named<E>, Option<R>)>, Vec<OsString>);
fn pair<E, R>(dispatches: Vec<Named<E>>, known: Vec<Named<R>>) -> Paired<E, R> {
    let mut records = known.into_iter().peekable();
    let mut gone = Vec::new();
    let mut paired = Vec::with_capacity(dispatches.len());
    for entry in dispatches {
        let mut record = None;
        while let Some((name, _)) = records.peek() {
            match name.cmp(&entry.0) {
                std::cmp::Ordering::Less => gone.extend(records.next().map(|(n, _)| n)),
                std::cmp::Ordering::Equal => {
                    record = records.next().map(|(_, r)| r);
                    break;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        paired.push((entry, record));
    }
    gone.extend(records.map(|(n, _)| n));
    (paired, gone)
}

/// The folder's index, opened, and every record it holds (sorted by name);
/// what the user should hear about it (a rebuild).
/// Every record the index holds, by name, and the generation they are.
type Known = (Vec<(OsString, Record)>, Option<i64>);

fn open_with_records(root: &Path) -> (Option<Index>, Known, Vec<String>) {
    let mut notices = Vec::new();
    let mut index = match Index::open(root) {
        Ok((index, notice)) => {
            notices.extend(notice);
            Some(index)
        }
        Err(IndexError::Off) => None,
        Err(e) => {
            notices.push(e.to_string());
            None
        }
    };
    let mut read_at = None;
    let known = match index.take() {
        Some(i) => match records(&i) {
            Ok((known, generation)) => {
                index = Some(i);
                read_at = generation;
                known
            }
            Err(e) if is_corruption(&e) => match i.rebuild(root, &e.to_string()) {
                Ok((fresh, notice)) => {
                    notices.push(notice);
                    index = Some(fresh);
                    Vec::new()
                }
                Err(e) => {
                    notices.push(e.to_string());
                    Vec::new()
                }
            },
            Err(e) => {
                notices.push(format!("the index {} cannot be read: {e}", i.path.display()));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    (index, (known, read_at), notices)
}

/// The dispatches of the folder `root` (canonical) the index's records no
/// longer vouch for by size and time: those a start that took the index's
/// word (`Texts::Lazy`) did not check. Empty when there is no index.
pub fn unvouched(root: &Path) -> Vec<OsString> {
    let (Ok(listing), Ok((index, _))) = (corpus::list(root), Index::open(root)) else { return Vec::new() };
    let Ok(known) = sizes(&index) else { return Vec::new() };
    drop(index);
    listing
        .dispatches
        .into_iter()
        .filter(|(_, e)| e.file_type().is_ok_and(|t| !t.is_symlink()))
        .filter_map(|(name, e)| {
            // A file the index did not know was read at the start.
            let then = *known.get(&name)?;
            let fresh = e.metadata().is_ok_and(|m| vouches(then, (m.len() as i64, mtime_ns(&m))));
            (!fresh).then_some(name)
        })
        .collect()
}

/// What the index knows of each file's size, time and reading time, by name.
fn sizes(index: &Index) -> rusqlite::Result<HashMap<OsString, (i64, i64, i64)>> {
    let mut stmt = index.conn.prepare("SELECT name, size, mtime, indexed_at FROM dispatch")?;
    let rows = stmt
        .query_map([], |r| Ok((OsString::from(r.get::<_, String>(0)?), (r.get(1)?, r.get(2)?, r.get(3)?))))?;
    rows.collect()
}

/// The files `names` of the folder `root` (canonical) read again after a
/// change seen by a watcher: each as an article (its text kept), or `None`
/// when it is gone or no longer a dispatch; the index's records follow
/// (when there is one).
pub fn reread(root: &Path, names: &[OsString]) -> Vec<Change> {
    read_again(root, names, false)
}

/// As [`reread`], but only the files whose bytes are not those the index
/// knew (or that are gone): a file in doubt by its time alone is the same
/// dispatch.
pub fn recheck(root: &Path, names: &[OsString]) -> Vec<Change> {
    read_again(root, names, true)
}

fn read_again(root: &Path, names: &[OsString], only_changed: bool) -> Vec<(OsString, Option<Article>)> {
    if names.is_empty() {
        return Vec::new();
    }
    let index = Index::open(root).ok().map(|(i, _)| i);
    let now = now_ns();
    let mut before = Vec::with_capacity(names.len());
    let outcomes: Vec<Outcome> = names
        .iter()
        .map(|name| {
            let path = root.join(name);
            let gone = || Outcome {
                name: name.clone(),
                article: Err(String::new()),
                record: None,
                hash: None,
                read: false,
                bytes: 0,
                stamp: (0, 0, 0),
                symlink: false,
            };
            if !inside(root, &path) {
                before.push(None);
                return gone();
            }
            match corpus::read_dispatch_stat(&path) {
                Ok((bytes, m)) => {
                    let known = index.as_ref().and_then(|i| record(i, name).ok().flatten());
                    before.push(known.as_ref().map(|r| r.hash));
                    from_bytes(&path, name, bytes, known.as_ref(), false, (m.len() as i64, mtime_ns(&m)), now)
                }
                Err(_) => {
                    before.push(None);
                    gone()
                }
            }
        })
        .collect();
    if let Some(i) = &index {
        let changed: Vec<(&OsString, &Record)> =
            outcomes.iter().filter_map(|o| o.record.as_ref().map(|r| (&o.name, r))).collect();
        let gone: Vec<&OsString> = outcomes.iter().filter(|o| o.hash.is_none()).map(|o| &o.name).collect();
        let _ = write(i, &changed, &gone);
    }
    outcomes
        .into_iter()
        .zip(before)
        .filter(|(o, before)| !only_changed || o.hash.is_none() || o.hash != *before)
        .map(|(o, _)| (o.name, o.article.ok()))
        .collect()
}

/// A regular file, or a symbolic link to one inside `root`.
fn inside(root: &Path, path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            path.canonicalize().is_ok_and(|t| t.starts_with(root) && t.is_file())
        }
        Ok(m) => m.is_file(),
        Err(_) => false,
    }
}

/// What the index knows of one file.
fn record(index: &Index, name: &OsString) -> rusqlite::Result<Option<Record>> {
    let mut stmt = index.conn.prepare(&format!("SELECT {RECORD} FROM dispatch WHERE name = ?1"))?;
    let mut rows = stmt.query([name.to_string_lossy()])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    Ok(Some(from_row(r)?.1))
}

/// The columns of a record, as [`from_row`] reads them.
const RECORD: &str = "name, size, mtime, indexed_at, hash, encoding, \
                      date, date_source, outlet, outlet_source, title, lang, warning";

/// A row of [`RECORD`]'s columns, read in place (no copy of each column
/// before it is parsed: a start of a large archive reads every record).
fn from_row(r: &rusqlite::Row) -> rusqlite::Result<(OsString, Record)> {
    let name: String = r.get(0)?;
    let hash = r.get_ref(4)?.as_blob().ok().and_then(|b| b.try_into().ok()).unwrap_or([0; 32]);
    let text = |i| r.get_ref(i).and_then(|v| Ok(v.as_str_or_null()?));
    let number = |i| r.get::<_, Option<i64>>(i);
    let source = |i| number(i).map(|c| c.and_then(MetaSource::from_code));
    // A field that does not read makes no metadata: the file is read again.
    let meta = match number(11)?.and_then(Lang::from_code) {
        Some(lang) => match (number(6)?.map(unpack_date), source(7)?, source(9)?) {
            (Some(None), ..) | (_, None, _) | (.., None) => None,
            (date, Some(date_source), Some(outlet_source)) => Some(ArticleMeta {
                date: date.flatten(),
                date_source,
                outlet: text(8)?.map(str::to_string),
                outlet_source,
                title: text(10)?.unwrap_or_default().to_string(),
                lang,
            }),
        },
        None => None,
    };
    let record = Record {
        size: r.get(1)?,
        mtime: r.get(2)?,
        indexed_at: r.get(3)?,
        hash,
        encoding: text(5)?.and_then(static_encoding),
        meta,
        warning: r.get(12)?,
    };
    Ok((OsString::from(name), record))
}

/// Every file the index knows, sorted by name, and the generation they are
/// (read together: another process's write falls before or after both).
fn records(index: &Index) -> rusqlite::Result<Known> {
    let tx = Transaction::new_unchecked(&index.conn, TransactionBehavior::Deferred)?;
    // Made at its size: a record is a few hundred bytes, moved at each
    // doubling of a growing list.
    let count: i64 = index.conn.query_row("SELECT count(*) FROM dispatch", [], |r| r.get(0))?;
    let mut known = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    let mut stmt = index.conn.prepare(&format!("SELECT {RECORD} FROM dispatch"))?;
    for row in stmt.query_map([], from_row)? {
        known.push(row?);
    }
    // Rows come in the order they were written: by name, unless some were
    // written again since.
    let read_at = generation(&index.conn);
    drop(stmt);
    tx.commit()?;
    if !known.is_sorted_by(|a, b| a.0 <= b.0) {
        known.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
    Ok((known, read_at))
}

/// An encoding's name as the decoder spells it (a `&'static str`).
fn static_encoding(name: &str) -> Option<&'static str> {
    encoding_rs::Encoding::for_label(name.as_bytes()).map(|e| e.name()).filter(|n| *n == name)
}

/// One file: from the index when it vouches for it, else read.
fn scan_one(
    root: &Path,
    name: OsString,
    entry: &std::fs::DirEntry,
    mut known: Option<Record>,
    need_text: bool,
    trust: bool,
    now: i64,
) -> Outcome {
    let outcome = |article, record, hash, read| Outcome {
        name: name.clone(),
        article,
        record,
        hash,
        read,
        bytes: 0,
        stamp: (0, 0, 0),
        symlink: false,
    };
    let path = match corpus::check_entry(root, entry) {
        Ok(p) => p,
        Err(w) => return outcome(Err(w), None, None, false),
    };
    // A symbolic link's target may change behind it: always read.
    let symlink = entry.file_type().map(|t| t.is_symlink()).unwrap_or(true);
    let vouches = |r: &Record, stat: (i64, i64)| !symlink && r.vouches(stat.0, stat.1);
    if !need_text && known.as_ref().is_some_and(Record::is_complete) {
        let taken = (trust && !symlink) || {
            // Through the folder's listing (a stat relative to the folder,
            // not a walk of the whole path per file); a link's target is
            // always read.
            let stat = match symlink {
                false => entry.metadata(),
                true => std::fs::metadata(&path),
            };
            let stat = stat.ok().map(|m| (m.len() as i64, mtime_ns(&m)));
            stat.zip(known.as_ref()).is_some_and(|(stat, r)| vouches(r, stat))
        };
        if let Some(r) = known.take_if(|_| taken) {
            let (hash, stamp) = (Some(r.hash), r.stamp());
            return Outcome {
                article: from_record(id_of(&name), path, r),
                name,
                record: None,
                hash,
                read: false,
                bytes: 0,
                stamp,
                symlink,
            };
        }
    }
    // Size and time from the open file: one lookup of the path, not two.
    let (bytes, stat) = match corpus::read_dispatch_stat(&path) {
        Ok((bytes, m)) => (bytes, (m.len() as i64, mtime_ns(&m))),
        Err(w) => return outcome(Err(w), None, None, true),
    };
    let vouched = known.as_ref().is_some_and(|r| vouches(r, stat));
    let mut outcome = from_bytes(&path, &name, bytes, known.as_ref(), vouched, stat, now);
    outcome.symlink = symlink;
    // Read to be indexed, not to be shown: the text goes at once (a first
    // `list` of a million dispatches would otherwise hold them all).
    if !need_text && let Ok(a) = &mut outcome.article {
        let (id, path) = (std::mem::take(&mut a.id), std::mem::take(&mut a.path));
        *a = stub(id, path, std::mem::replace(&mut a.meta, empty_meta()), a.encoding);
    }
    outcome
}

pub(crate) fn empty_meta() -> ArticleMeta {
    use crate::corpus::{Lang, MetaSource};
    ArticleMeta {
        date: None,
        date_source: MetaSource::None,
        outlet: None,
        outlet_source: MetaSource::None,
        title: String::new(),
        lang: Lang::Fr,
    }
}

/// A file's bytes as an article; the metadata of `known` is kept when the
/// bytes are the same (taken as the same without hashing them when
/// `vouched`).
fn from_bytes(
    path: &Path,
    name: &OsString,
    bytes: Vec<u8>,
    known: Option<&Record>,
    vouched: bool,
    (size, mtime): (i64, i64),
    now: i64,
) -> Outcome {
    let len = bytes.len() as u64;
    let outcome = |article, record: Option<Record>, hash| {
        let stamp = record.as_ref().or(known).map_or((0, 0, 0), Record::stamp);
        Outcome { name: name.clone(), article, record, hash, read: true, bytes: len, stamp, symlink: false }
    };
    let hash: Hash = match known {
        Some(r) if vouched => r.hash,
        _ => Sha256::digest(&bytes).into(),
    };
    let same = known.filter(|r| r.hash == hash && (r.warning.is_some() || r.meta.is_some()));
    let article = match same {
        Some(r) if r.warning.is_some() => Err(r.warning.clone().unwrap_or_default()),
        Some(r) => corpus::from_file_bytes(path, bytes, r.meta.clone()),
        None => corpus::from_file_bytes(path, bytes, None),
    };
    // Stored unless nothing changed but the doubt, still there.
    let record = Record {
        size,
        mtime,
        indexed_at: now,
        hash,
        encoding: article.as_ref().ok().map(|a| a.encoding),
        meta: article.as_ref().ok().map(|a| a.meta.clone()),
        warning: article.as_ref().err().cloned(),
    };
    let unchanged = vouched
        || known.is_some_and(|r| {
            r.hash == hash && r.size == size && r.mtime == mtime && !record.vouches(size, mtime)
        });
    outcome(article, (!unchanged).then_some(record), Some(hash))
}

/// A dispatch as its record tells it, without its text (a record
/// [`Record::is_complete`]).
fn from_record(id: String, path: PathBuf, r: Record) -> Result<Article, String> {
    match (r.warning, r.meta, r.encoding) {
        (Some(w), _, _) => Err(w),
        (None, Some(meta), Some(encoding)) => Ok(stub(id, path, meta, encoding)),
        _ => Err("is not in the index as a dispatch".into()),
    }
}

/// A dispatch whose text is not needed: its metadata from the index.
fn stub(id: String, path: PathBuf, meta: ArticleMeta, encoding: &'static str) -> Article {
    Article { id, path, text: String::new(), index: CharIndex::new(""), meta, encoding }
}

/// A dispatch's id: its file name without the extension, as
/// `Path::file_stem` gives it (without a parse of the whole path).
fn stem_of(name: &OsString) -> &str {
    corpus::stem(name.to_str().unwrap_or("article"))
}

fn id_of(name: &OsString) -> String {
    stem_of(name).to_string()
}

/// Writes the changed records and forgets the files gone, in one
/// transaction (taken at once: two writers never interleave).
fn write(
    index: &Index,
    changed: &[(&OsString, &Record)],
    gone: &[&OsString],
) -> rusqlite::Result<Generations> {
    let tx = Transaction::new_unchecked(&index.conn, TransactionBehavior::Immediate)?;
    let before = generation(&tx);
    {
        let mut put = tx.prepare(&format!(
            "INSERT OR REPLACE INTO dispatch ({RECORD}, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        ))?;
        for (name, r) in changed {
            let id = id_of(name);
            let name = name.to_string_lossy();
            let m = r.meta.as_ref();
            put.execute(params![
                name,
                r.size,
                r.mtime,
                r.indexed_at,
                &r.hash[..],
                r.encoding,
                m.and_then(|m| m.date).map(pack_date),
                m.map(|m| m.date_source.code()),
                m.and_then(|m| m.outlet.as_deref()),
                m.map(|m| m.outlet_source.code()),
                m.map(|m| m.title.as_str()),
                m.map(|m| m.lang.code()),
                r.warning,
                id,
            ])?;
        }
        let mut forget = tx.prepare("DELETE FROM dispatch WHERE name = ?1")?;
        let mut forget_digest = tx.prepare("DELETE FROM digest WHERE name = ?1")?;
        for name in gone {
            let name = name.to_string_lossy();
            forget.execute([&name])?;
            forget_digest.execute([&name])?;
        }
        // the records are this build's reading
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('program', ?1)", [super::program()])?;
    }
    // Never a number an earlier index of the folder had (a rebuilt index
    // starts from the clock, not from one): a catalog made for another
    // generation is never taken for this one's.
    let after = now_ns().max(before.map_or(0, |g| g + 1));
    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', ?1)", [after.to_string()])?;
    tx.commit()?;
    Ok(Generations { before, after })
}

/// The index's generation before and after a write of records.
struct Generations {
    before: Option<i64>,
    after: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Lang, MetaSource};
    use crate::date::PartialDate;

    #[test]
    fn each_dispatch_gets_its_record_and_the_records_left_are_gone() {
        let named = |names: &[&str]| names.iter().map(|n| (OsString::from(n), n.to_uppercase())).collect();
        let (paired, gone) =
            pair::<String, String>(named(&["b", "c", "e", "f"]), named(&["a", "c", "d", "f", "g"]));
        let got: Vec<(&str, Option<&str>)> =
            paired.iter().map(|((n, _), r)| (n.to_str().unwrap(), r.as_deref())).collect();
        assert_eq!(got, [("b", None), ("c", Some("C")), ("e", None), ("f", Some("F"))]);
        assert_eq!(gone, ["a", "d", "g"].map(OsString::from));
    }

    #[test]
    fn an_id_is_the_file_stem() {
        for name in ["2020-10-21_afp.txt", "a.b.txt", "a.", ".hidden", "plain", "é.TXT"] {
            let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
            assert_eq!(id_of(&OsString::from(name)), stem, "{name}");
        }
    }

    #[test]
    fn dates_pack_and_unpack_at_every_precision() {
        for d in ["2020", "2020-10", "2020-10-21", "1999-01-01"] {
            let date: PartialDate = d.parse().unwrap();
            assert_eq!(unpack_date(pack_date(date)), Some(date), "{d}");
        }
        assert_eq!(unpack_date(20201341), None, "no 13th month");
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = Index::open_at(&dir.path().join("i.sqlite"), dir.path()).unwrap();
        let meta = ArticleMeta {
            date: "2021-03".parse().ok(),
            date_source: MetaSource::DayWords,
            outlet: Some("Agence Kivu Presse".into()),
            outlet_source: MetaSource::Credit,
            title: "Des pêcheurs bloqués au port".into(),
            lang: Lang::Fr,
        };
        let made = |meta: Option<ArticleMeta>, warning: Option<String>| Record {
            size: 1234,
            mtime: 1_600_000_000_123_456_789,
            indexed_at: 1_600_000_100_000_000_000,
            hash: [7; 32],
            encoding: meta.as_ref().map(|_| "windows-1252"),
            meta,
            warning,
        };
        let (read, skipped) = (made(Some(meta.clone()), None), made(None, Some("is empty".into())));
        let undated = made(Some(ArticleMeta { date: None, outlet: None, ..meta.clone() }), None);
        let names: Vec<OsString> = ["a.txt", "b.txt", "c.txt"].map(OsString::from).into();
        write(&index, &[(&names[0], &read), (&names[1], &skipped), (&names[2], &undated)], &[]).unwrap();
        let known: HashMap<OsString, Record> = records(&index).unwrap().0.into_iter().collect();
        for (name, want) in names.iter().zip([&read, &skipped, &undated]) {
            let got = &known[name];
            assert_eq!(got.meta, want.meta, "{name:?}");
            assert_eq!(got.warning, want.warning);
            assert_eq!(got.encoding, want.encoding);
            assert_eq!(
                (got.size, got.mtime, got.indexed_at, got.hash),
                (want.size, want.mtime, want.indexed_at, want.hash)
            );
        }
        assert_eq!(record(&index, &names[0]).unwrap().unwrap().meta, Some(meta));
    }
}
