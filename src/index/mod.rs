//! An index per folder of dispatches, as newsboat keeps its cache: an
//! SQLite file in the data folder (`$XDG_DATA_HOME/depeche/index/`), never
//! beside the articles. Per dispatch it keeps what the file's size and
//! modification time vouch for: the bytes' hash, the metadata inferred from
//! them, the suggestions the digests read (claims, events, the names in an
//! event) and, once searched, the words of each (FTS5). A start lists the
//! folder and re-reads only what changed.
//!
//! The files stay the truth: deleting the index loses nothing, an index of
//! another schema version or one SQLite cannot read is rebuilt with a
//! notice, and two processes on one folder share it (WAL, a busy timeout,
//! every write in one transaction).

pub mod catalog;
pub mod check;
pub mod digests;
pub mod progress;
pub mod scan;
mod schema;
pub use schema::VERSION as SCHEMA_VERSION;
pub mod search;
mod stamp;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use scan::{Loaded, Texts, load};

/// Overrides where indexes live; `off` means no index at all (every start
/// reads every file, as before the index).
pub const DIR_ENV: &str = "DEPECHE_INDEX_DIR";

/// How long a process waits for another's write before it goes on without
/// writing (what it read from the files is right either way).
const BUSY: Duration = Duration::from_secs(5);

/// Who reads the files: the version and the build of this program (the
/// executable's size and time, which a rebuild changes). The metadata a
/// record keeps is what that program read in the file; another reads it
/// again.
pub(crate) fn program() -> String {
    let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok());
    let (len, time) = exe.map_or((0, 0), |m| {
        let t = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        (m.len(), t.map_or(0, |d| d.as_nanos()))
    });
    format!("{} {len} {time}", env!("CARGO_PKG_VERSION"))
}

impl Index {
    /// The program that wrote the records, if any did.
    pub(crate) fn program(&self) -> Option<String> {
        self.conn.query_row("SELECT value FROM meta WHERE key = 'program'", [], |r| r.get(0)).ok()
    }
}

/// An open index of one folder.
pub struct Index {
    pub(crate) conn: Connection,
    pub path: PathBuf,
}

/// Why an index could not be used (the caller falls back to the files).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no data folder to keep the index in")]
    NoDataDir,
    #[error("the index is turned off ({DIR_ENV}=off)")]
    Off,
    #[error("cannot create the index folder {}: {source}", path.display())]
    Dir { path: PathBuf, source: std::io::Error },
    #[error("the index {} cannot be used: {source}", path.display())]
    Sql { path: PathBuf, source: rusqlite::Error },
}

/// The folder indexes live in: `DEPECHE_INDEX_DIR`, else the data folder's
/// `depeche/index`.
pub fn folder() -> Result<PathBuf, IndexError> {
    match std::env::var_os(DIR_ENV) {
        Some(v) if v == "off" => Err(IndexError::Off),
        Some(v) if !v.is_empty() => Ok(PathBuf::from(v)),
        _ => directories::ProjectDirs::from("", "", "depeche")
            .map(|d| d.data_dir().join("index"))
            .ok_or(IndexError::NoDataDir),
    }
}

/// The index file of the folder `root` (canonical): one per folder, named
/// by a hash of its path.
pub fn path_for(root: &Path) -> Result<PathBuf, IndexError> {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(root.as_os_str().as_encoded_bytes());
    let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    let stem = root.file_name().and_then(|n| n.to_str()).unwrap_or("folder");
    let stem: String =
        stem.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').take(32).collect();
    Ok(folder()?.join(format!("{stem}-{name}.sqlite")))
}

impl Index {
    /// Opens (or creates) the index of the folder `root` (canonical). An
    /// index of another version or unreadable is deleted and made anew:
    /// the notice says so.
    pub fn open(root: &Path) -> Result<(Index, Option<String>), IndexError> {
        let path = path_for(root)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| IndexError::Dir { path: dir.to_path_buf(), source })?;
        }
        let sql = |source| IndexError::Sql { path: path.clone(), source };
        match Index::open_at(&path, root) {
            Ok((index, false)) => Ok((index, None)),
            Ok((index, true)) => {
                forget_gone_folders(&path);
                Ok((index, None))
            }
            Err(Unusable::Sql(e)) => Err(sql(e)),
            Err(why) => {
                remove(&path);
                let (index, _) = Index::open_at(&path, root).map_err(|e| sql(e.into_sql()))?;
                Ok((index, Some(rebuilt_notice(&path, &why))))
            }
        }
    }

    /// The index at `path`, and whether it was created just now. Processes
    /// opening a new index at once can find it locked where SQLite calls no
    /// busy handler (switching it to WAL): they try again for as long as a
    /// write may wait.
    fn open_at(path: &Path, root: &Path) -> Result<(Index, bool), Unusable> {
        let started = std::time::Instant::now();
        loop {
            match Index::try_open_at(path, root) {
                Err(Unusable::Sql(e)) if is_busy(&e) && started.elapsed() < BUSY => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                other => return other,
            }
        }
    }

    fn try_open_at(path: &Path, root: &Path) -> Result<(Index, bool), Unusable> {
        let conn = Connection::open(path).map_err(Unusable::Sql)?;
        conn.busy_timeout(BUSY).map_err(Unusable::Sql)?;
        let index = Index { conn, path: path.to_path_buf() };
        let created = schema::settle(&index.conn, root)?;
        Ok((index, created))
    }

    /// Deletes the index and makes it anew (after a query found it corrupt).
    pub(crate) fn rebuild(self, root: &Path, why: &str) -> Result<(Index, String), IndexError> {
        let path = self.path.clone();
        drop(self);
        remove(&path);
        let (index, _) = Index::open_at(&path, root)
            .map_err(|e| IndexError::Sql { path: path.clone(), source: e.into_sql() })?;
        Ok((index, rebuilt_notice(&path, &Unusable::Corrupt(why.to_string()))))
    }
}

/// Whether SQLite said another connection holds the file.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Why an existing index was set aside.
#[derive(Debug)]
pub(crate) enum Unusable {
    /// Written by another version of depeche.
    Version(i64),
    /// Not a database, or one SQLite finds damaged.
    Corrupt(String),
    /// Anything else (a locked or read-only file): not a reason to delete.
    Sql(rusqlite::Error),
}

impl Unusable {
    fn into_sql(self) -> rusqlite::Error {
        match self {
            Unusable::Sql(e) => e,
            other => rusqlite::Error::InvalidParameterName(format!("{other:?}")),
        }
    }

    /// An SQLite error that says the file itself is damaged.
    pub(crate) fn from_sql(e: rusqlite::Error) -> Unusable {
        if is_corruption(&e) { Unusable::Corrupt(e.to_string()) } else { Unusable::Sql(e) }
    }
}

/// Whether an error means the database file is damaged or not one at all.
pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
    use rusqlite::ffi::ErrorCode;
    matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
}

fn rebuilt_notice(path: &Path, why: &Unusable) -> String {
    let reason = match why {
        Unusable::Version(v) => format!("was written by another version of depeche (schema {v})"),
        Unusable::Corrupt(e) => format!("could not be read ({e})"),
        Unusable::Sql(e) => e.to_string(),
    };
    format!("the index {} {reason}: it was rebuilt from the files", path.display())
}

/// Deletes the indexes of folders that no longer exist (temporary folders,
/// moved archives), when a new one is made beside them: they would only
/// take room. An index lost this way loses nothing.
fn forget_gone_folders(new: &Path) {
    let Some(Ok(entries)) = new.parent().map(std::fs::read_dir) else { return };
    for p in entries.flatten().map(|e| e.path()) {
        if p != new
            && p.extension().is_some_and(|e| e == "sqlite")
            && schema::folder_of(&p).is_some_and(|folder| !folder.exists())
        {
            remove(&p);
        }
        // A catalog whose index is gone (a process that wrote it while
        // another deleted its index) is of no use.
        if p.extension().is_some_and(|e| e == "catalog") && !p.with_extension("").exists() {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Deletes an index file with its WAL and shared-memory files and its
/// catalog.
fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm", ".catalog"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
