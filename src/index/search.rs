//! Full-text search of a folder through its index: SQLite's FTS5 over each
//! dispatch's title and text, case and diacritics removed ("beyrouth"
//! finds "Beyrouth", "geneve" finds "Genève"). The search table is filled
//! on the first search, not at indexing (which it would slow by half), and
//! kept up to date by hash at each one after.

use std::collections::{HashMap, HashSet};

use rusqlite::{Transaction, TransactionBehavior, params};

use super::Index;
use super::scan::{self, Hash, Loaded, Texts};
use crate::corpus::{self, Article, LoadWarning};
use crate::project::{Project, ProjectError};

/// The project of `dir` with only the dispatches matching `query` (see
/// [`search`]); texts left empty as `Texts::Sidecars` leaves them. Without
/// an index, the words are looked for in the files themselves.
pub fn open_matching(dir: &std::path::Path, query: &str) -> Result<Project, ProjectError> {
    let Loaded { corpus, hashes, index, notices, .. } = scan::load(dir, Texts::Sidecars)?;
    let (mut project, schema_error) = Project::from_corpus(corpus);
    if let Some(e) = schema_error {
        return Err(e.into());
    }
    let mut notices = notices;
    let articles = std::mem::take(&mut project.articles).into_vec();
    let keep = match index.as_ref().map(|i| search(i, &articles, &hashes, query)) {
        Some(Ok(keep)) => keep,
        other => {
            if let Some(Err(e)) = other {
                notices.push(format!("the index cannot search: {e}; the files were read instead"));
            }
            scan_files(&articles, query)
        }
    };
    let keep: HashSet<usize> = keep.into_iter().collect();
    project.articles = articles.into();
    project.sidecars.retain_places(|i| keep.contains(&i));
    project.articles.retain_places(|i| keep.contains(&i));
    let notice = |message| LoadWarning { path: dir.to_path_buf(), message };
    project.warnings.extend(notices.into_iter().map(notice));
    Ok(project)
}

/// [`search`] without an index: every text read and folded.
fn scan_files(articles: &[Article], query: &str) -> Vec<usize> {
    use crate::digest::fold::fold;
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    let hits = corpus::parallel::map(articles.iter().collect(), |a: &Article| {
        let text = full_text(a);
        let folded = fold(&format!("{} {text}", a.meta.title));
        let mut tokens = folded.split(|c: char| !c.is_alphanumeric());
        let tokens: Vec<&str> = tokens.by_ref().filter(|t| !t.is_empty()).collect();
        words.iter().all(|w| tokens.iter().any(|t| t.starts_with(w.as_str())))
    });
    (0..articles.len()).filter(|&i| hits[i]).collect()
}

/// An article's text, read from its file when the list left it empty.
fn full_text(a: &Article) -> String {
    match a.text.is_empty() {
        false => a.text.clone(),
        true => corpus::read_dispatch(&a.path)
            .ok()
            .and_then(|b| corpus::from_file_bytes(&a.path, b, Some(a.meta.clone())).ok())
            .map(|full| full.text)
            .unwrap_or_default(),
    }
}

/// The dispatches of `articles` whose title or text hold every word of
/// `query` (each a word's beginning), by index into `articles`, in their
/// order. `hashes` are the bytes' hashes by file name (`Loaded::hashes`).
pub fn search(
    index: &Index,
    articles: &[Article],
    hashes: &crate::digest::FastMap<std::ffi::OsString, Hash>,
    query: &str,
) -> rusqlite::Result<Vec<usize>> {
    let names: Vec<String> = articles.iter().map(name).collect();
    refresh(index, articles, &names, hashes)?;
    let Some(expr) = match_expr(query) else { return Ok((0..articles.len()).collect()) };
    let mut stmt = index.conn.prepare(
        "SELECT searched.name FROM search JOIN searched ON searched.rowid = search.rowid WHERE search MATCH ?1",
    )?;
    let found: HashSet<String> = stmt.query_map([expr], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok((0..articles.len()).filter(|&i| found.contains(&names[i])).collect())
}

/// The FTS5 query of what a person typed: each word a prefix, all required.
/// Quotes keep FTS5's operators and punctuation out of it.
pub fn match_expr(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

fn name(a: &Article) -> String {
    a.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Brings the search table up to the files: adds what is new or changed,
/// drops what is gone, in one transaction.
fn refresh(
    index: &Index,
    articles: &[Article],
    names: &[String],
    hashes: &crate::digest::FastMap<std::ffi::OsString, Hash>,
) -> rusqlite::Result<()> {
    let have: HashMap<String, (i64, Vec<u8>)> = {
        let mut stmt = index.conn.prepare("SELECT name, rowid, hash FROM searched")?;
        stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<Result<_, _>>()?
    };
    let hash_of = |a: &Article| a.path.file_name().and_then(|n| hashes.get(n)).copied();
    let todo: Vec<usize> = (0..articles.len())
        .filter(|&i| match (have.get(&names[i]), hash_of(&articles[i])) {
            (Some((_, h)), Some(now)) => h[..] != now[..],
            _ => true,
        })
        .collect();
    let present: HashSet<&String> = names.iter().collect();
    let gone: Vec<i64> = have.iter().filter(|(n, _)| !present.contains(n)).map(|(_, (id, _))| *id).collect();
    if todo.is_empty() && gone.is_empty() {
        return Ok(());
    }
    // The texts the list left empty are read now, on every core.
    let texts = corpus::parallel::map(todo.clone(), |i| full_text(&articles[i]));
    let tx = Transaction::new_unchecked(&index.conn, TransactionBehavior::Immediate)?;
    {
        let mut drop_text = tx.prepare("DELETE FROM search WHERE rowid = ?1")?;
        let mut drop_name = tx.prepare("DELETE FROM searched WHERE rowid = ?1")?;
        let old = todo.iter().filter_map(|&i| have.get(&names[i]).map(|(id, _)| *id));
        for id in gone.iter().copied().chain(old) {
            drop_text.execute([id])?;
            drop_name.execute([id])?;
        }
        let mut put_name = tx.prepare("INSERT INTO searched (name, hash) VALUES (?1, ?2)")?;
        let mut put_text = tx.prepare("INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)")?;
        for (&i, text) in todo.iter().zip(&texts) {
            let hash = hash_of(&articles[i]).unwrap_or([0; 32]);
            put_name.execute(params![names[i], &hash[..]])?;
            let id = tx.last_insert_rowid();
            put_text.execute(params![id, articles[i].meta.title, text])?;
        }
    }
    tx.commit()
}

/// Searches a folder's texts through its index on a thread of its own, so
/// that a key never waits for it: the first question fills the search
/// table from the files (every text not in it yet, a batch at a time),
/// the others are one FTS5 query each. Only the latest question waiting is
/// answered.
pub struct Searcher {
    ask: std::sync::mpsc::Sender<Ask>,
    answers: std::sync::mpsc::Receiver<Answer>,
}

enum Ask {
    Words(String),
    /// The folder changed: the search table is brought up to the index's
    /// records before the next answer.
    Stale,
}

/// The words asked, and the names of the files holding them all (or why
/// the index could not say).
pub type Answer = (String, Result<HashSet<String>, String>);

/// How many texts are read and put in the search table per transaction.
const BATCH: usize = 1024;

impl Searcher {
    /// A searcher over the index file `index` of the folder `dir`.
    pub fn start(index: std::path::PathBuf, dir: std::path::PathBuf) -> Searcher {
        let (ask, asked) = std::sync::mpsc::channel::<Ask>();
        let (tell, answers) = std::sync::mpsc::channel();
        let run = move || {
            let conn = match rusqlite::Connection::open(&index) {
                Ok(c) => c,
                Err(e) => return drop(tell.send((String::new(), Err(e.to_string())))),
            };
            let _ = conn.busy_timeout(super::BUSY);
            let mut fresh = false;
            while let Ok(first) = asked.recv() {
                // Only the last question matters; a change seen on the way
                // makes the table stale.
                let mut words = None;
                for a in std::iter::once(first).chain(asked.try_iter()) {
                    match a {
                        Ask::Words(w) => words = Some(w),
                        Ask::Stale => fresh = false,
                    }
                }
                let Some(words) = words else { continue };
                if !fresh {
                    if let Err(e) = fill(&conn, &dir) {
                        let _ = tell.send((words, Err(e.to_string())));
                        continue;
                    }
                    fresh = true;
                }
                if tell.send((words.clone(), names_matching(&conn, &words))).is_err() {
                    return;
                }
            }
        };
        // Without a thread no answer comes: the filter matches titles only.
        let _ = std::thread::Builder::new().name("search".into()).spawn(run);
        Searcher { ask, answers }
    }

    /// Asks for the files holding every word of `words` (prefixes).
    pub fn ask(&self, words: &str) {
        let _ = self.ask.send(Ask::Words(words.to_string()));
    }

    /// The folder's files changed (the index's records are up to date).
    pub fn stale(&self) {
        let _ = self.ask.send(Ask::Stale);
    }

    /// An answer, if one came.
    pub fn answer(&self) -> Option<Answer> {
        self.answers.try_iter().last()
    }

    /// Waits up to `wait` for an answer (tests).
    pub fn wait(&self, wait: std::time::Duration) -> Option<Answer> {
        self.answers.recv_timeout(wait).ok()
    }
}

fn names_matching(conn: &rusqlite::Connection, words: &str) -> Result<HashSet<String>, String> {
    let run = || -> rusqlite::Result<HashSet<String>> {
        let Some(expr) = match_expr(words) else { return Ok(HashSet::new()) };
        let mut stmt = conn.prepare_cached(
            "SELECT searched.name FROM search JOIN searched ON searched.rowid = search.rowid WHERE search MATCH ?1",
        )?;
        stmt.query_map([expr], |r| r.get(0))?.collect()
    };
    run().map_err(|e| e.to_string())
}

/// Brings the search table up to the index's records of dispatches (their
/// hashes): texts new or changed are read from `dir` and put in, a batch
/// per transaction; those gone are dropped.
fn fill(conn: &rusqlite::Connection, dir: &std::path::Path) -> rusqlite::Result<()> {
    let gone: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT s.rowid FROM searched s LEFT JOIN dispatch d ON d.name = s.name
             WHERE d.name IS NULL OR d.hash != s.hash OR d.warning IS NOT NULL",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let todo: Vec<(String, Option<String>, Vec<u8>)> = {
        let mut stmt = conn.prepare(
            "SELECT d.name, d.title, d.hash FROM dispatch d LEFT JOIN searched s ON s.name = d.name
             WHERE d.warning IS NULL AND (s.name IS NULL OR s.hash != d.hash)",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    if !gone.is_empty() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        for id in gone {
            tx.execute("DELETE FROM search WHERE rowid = ?1", [id])?;
            tx.execute("DELETE FROM searched WHERE rowid = ?1", [id])?;
        }
        tx.commit()?;
    }
    for batch in todo.chunks(BATCH) {
        let texts = corpus::parallel::map(batch.iter().collect(), |(name, _, _)| text_of(&dir.join(name)));
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        {
            let mut put_name = tx.prepare("INSERT OR REPLACE INTO searched (name, hash) VALUES (?1, ?2)")?;
            let mut put_text = tx.prepare("INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)")?;
            for ((name, title, hash), text) in batch.iter().zip(texts) {
                put_name.execute(params![name, hash])?;
                let id = tx.last_insert_rowid();
                put_text.execute(params![id, title.as_deref().unwrap_or(""), text])?;
            }
        }
        tx.commit()?;
    }
    Ok(())
}

/// A dispatch's text as the reader shows it (decoded, marker removed);
/// empty when it cannot be read.
fn text_of(path: &std::path::Path) -> String {
    corpus::read_dispatch(path)
        .ok()
        .and_then(|b| corpus::from_file_bytes(path, b, Some(scan::empty_meta())).ok())
        .map(|a| a.text)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::match_expr;

    #[test]
    fn a_query_is_words_as_prefixes_without_operators() {
        assert_eq!(match_expr("Genève talks").as_deref(), Some("\"Genève\"* AND \"talks\"*"));
        assert_eq!(
            match_expr("a\" OR NEAR(b").as_deref(),
            Some("\"a\"* AND \"OR\"* AND \"NEAR\"* AND \"b\"*")
        );
        assert_eq!(match_expr(" -- "), None);
    }
}
