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
    let keep = match index.as_ref().map(|i| search(i, &project.articles, &hashes, query)) {
        Some(Ok(keep)) => keep,
        other => {
            if let Some(Err(e)) = other {
                notices.push(format!("the index cannot search: {e}; the files were read instead"));
            }
            scan_files(&project.articles, query)
        }
    };
    let keep: HashSet<usize> = keep.into_iter().collect();
    let mut i = 0;
    project.sidecars.retain(|_| (keep.contains(&i), i += 1).0);
    let mut i = 0;
    project.articles.retain(|_| (keep.contains(&i), i += 1).0);
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
    hashes: &HashMap<std::ffi::OsString, Hash>,
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
    hashes: &HashMap<std::ffi::OsString, Hash>,
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
