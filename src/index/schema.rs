//! The tables of an index and their version.

use std::path::Path;

use rusqlite::Connection;

use super::Unusable;

/// Bumped whenever a table or what a column holds changes: an index of
/// another version is rebuilt from the files.
pub const VERSION: i64 = 5;

const TABLES: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per dispatch file. What size and mtime (ns) vouch for: the
-- bytes' SHA-256, the metadata inferred from them (an ArticleMeta, a column
-- a field: the date as YYYYMMDD with 00 for what is unknown, sources and
-- language by their codes; lang is NULL without metadata), or the warning
-- that skipped the file. indexed_at (ns): when it was read.
CREATE TABLE dispatch (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    indexed_at INTEGER NOT NULL,
    hash BLOB NOT NULL,
    id TEXT,
    encoding TEXT,
    date INTEGER,
    date_source INTEGER,
    outlet TEXT,
    outlet_source INTEGER,
    title TEXT,
    lang INTEGER,
    warning TEXT
);
-- The suggestions the digests read (a `digest::Brief` in its compact
-- form, `Brief::encode`), valid for `key`: the extractor, what the corpus
-- knows, the bytes and the sidecar.
CREATE TABLE digest (
    name TEXT PRIMARY KEY,
    key BLOB NOT NULL,
    rows BLOB NOT NULL
);
-- Full-text search, filled at the first search: which file (and bytes)
-- each row of `search` holds; the words of its title and text, case and
-- diacritics removed, without a copy of the text (contentless).
CREATE TABLE searched (rowid INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, hash BLOB NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(
    title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
";

/// Makes sure the connection holds an index of this version for `root`:
/// creates the tables in a new file (true), refuses another version's.
pub fn settle(conn: &Connection, root: &Path) -> Result<bool, Unusable> {
    let sql = Unusable::from_sql;
    // WAL: readers never wait for a writer, a crash mid-write loses only
    // that write. Asking for it reads the header: a file that is not a
    // database fails here.
    conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
    match version {
        VERSION => Ok(false),
        0 => create(conn, root).map(|()| true).map_err(sql),
        other => Err(Unusable::Version(other)),
    }
}

fn create(conn: &Connection, root: &Path) -> rusqlite::Result<()> {
    // Two processes may create it at once: the second finds it made.
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 {
        conn.execute_batch(TABLES)?;
        conn.execute("INSERT INTO meta (key, value) VALUES ('folder', ?1)", [root.display().to_string()])?;
        conn.pragma_update(None, "user_version", VERSION)?;
    }
    conn.execute_batch("COMMIT")
}

/// The folder an index was made for. Opened for writing but never created
/// (a read-only connection to a WAL database leaves its -wal and -shm
/// files behind).
pub fn folder_of(index: &Path) -> Option<std::path::PathBuf> {
    use rusqlite::OpenFlags;
    let conn = Connection::open_with_flags(index, OpenFlags::SQLITE_OPEN_READ_WRITE).ok()?;
    conn.query_row("SELECT value FROM meta WHERE key = 'folder'", [], |r| r.get::<_, String>(0))
        .ok()
        .map(Into::into)
}
