//! The digests' suggestions kept in the index: per dispatch the claims,
//! events and the names inside an event (what `digest::Brief` keeps), valid
//! for a key of everything they depend on: the program, what the corpus
//! knows (every sidecar's accepted names), the file's bytes and its own
//! sidecar. `claims` and `timeline` then read no text but the sidecars'.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::Index;
use super::scan::{self, Hash, Loaded, Texts};
use crate::annotation::{Annotation, Attrs, Kind, Quote, Sidecar, Status};
use crate::corpus::{self, Article};
use crate::digest::{Brief, Kept};
use crate::project::{Project, ProjectError};

/// A project whose texts may be empty (see `Texts::Sidecars`) and the
/// digests' suggestions of each of its dispatches.
pub struct Digested {
    pub project: Project,
    /// `suggestions[i]` belongs to `project.articles[i]`: only what the
    /// digests read, as `digest::Brief` keeps it with its quotes (48 bytes
    /// a row and its words, not an `Annotation` of five strings).
    pub suggestions: Vec<Kept>,
    /// How many dispatches had to be read and run through the extractor.
    pub extracted: usize,
    /// Things the user should know about the index (a rebuild).
    pub notices: Vec<String>,
}

/// Opens `dir` for the digests: suggestions from the index where its key
/// still holds, made (and stored) for the rest.
pub fn open(dir: &Path) -> Result<Digested, ProjectError> {
    let Loaded { corpus, hashes, index, mut notices, .. } = scan::load(dir, Texts::Sidecars)?;
    let (project, schema_error) = Project::from_corpus(corpus);
    if let Some(e) = schema_error {
        return Err(e.into());
    }
    let common = common_key(&project);
    let keys: Vec<Option<Hash>> = project
        .articles
        .iter()
        .zip(&project.sidecars)
        .map(|(a, sc)| {
            let bytes = hashes.get(a.path.file_name()?)?;
            Some(key(&common, bytes, sc))
        })
        .collect();
    let brief =
        |i: usize, rows: &[Annotation]| Kept::Brief(Brief::quoted(rows, &project.sidecars[i].annotations));
    let mut suggestions: Vec<Option<Kept>> = vec![None; project.articles.len()];
    if let Some(index) = &index {
        let at: HashMap<String, usize> =
            project.articles.iter().enumerate().map(|(i, a)| (name(a), i)).collect();
        // Unreadable rows are made again (and stored over).
        let _ = read_stored(index, |name, key, rows| {
            if let Some(&i) = at.get(name)
                && keys[i] == Some(key)
            {
                suggestions[i] = serde_json::from_str::<Vec<Stored>>(rows).ok().map(|rows| {
                    let rows: Vec<Annotation> = rows.into_iter().map(Stored::into_annotation).collect();
                    brief(i, &rows)
                });
            }
        });
    }
    let stale: Vec<usize> = (0..suggestions.len()).filter(|&i| suggestions[i].is_none()).collect();
    if !stale.is_empty() {
        let knowledge = crate::extract::Knowledge::from_project(&project);
        let progress = super::progress::Progress::start(stale.len());
        let made = corpus::parallel::map(stale.clone(), |i| {
            let (article, sidecar) = (&project.articles[i], &project.sidecars[i]);
            let full;
            let article = if article.text.is_empty() {
                full = reread(article);
                full.as_ref().unwrap_or(article)
            } else {
                article
            };
            let rows = rows(&crate::extract::suggest(article, sidecar, &knowledge), &sidecar.annotations);
            progress.tick(article.text.len() as u64);
            rows
        });
        progress.finish();
        if let Some(index) = &index {
            let fresh = stale
                .iter()
                .zip(&made)
                .filter_map(|(&i, rows)| Some((name(&project.articles[i]), keys[i]?, rows)));
            if let Err(e) = store(index, fresh) {
                notices.push(format!("the index {} was not updated: {e}", index.path.display()));
            }
        }
        for (&i, rows) in stale.iter().zip(made) {
            suggestions[i] = Some(brief(i, &rows));
        }
    }
    let extracted = stale.len();
    let suggestions = suggestions.into_iter().map(Option::unwrap_or_default).collect();
    Ok(Digested { project, suggestions, extracted, notices })
}

/// The full article of a stub, its metadata kept (the sidecar's included).
fn reread(stub: &Article) -> Option<Article> {
    let bytes = corpus::read_dispatch(&stub.path).ok()?;
    corpus::from_file_bytes(&stub.path, bytes, Some(stub.meta.clone())).ok()
}

fn name(a: &Article) -> String {
    a.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// What every dispatch's key shares: the program (its version, and the
/// executable's size and time, which a rebuild changes) and what the corpus
/// knows (every sidecar's accepted names, the extractor's `Knowledge`).
fn common_key(project: &Project) -> Hash {
    let mut h = Sha256::new();
    h.update(super::program());
    for sc in &project.sidecars {
        for a in sc.annotations.iter().filter(|a| a.kind == Kind::Entity && a.status == Status::Accepted) {
            for part in
                [a.quote.exact.as_str(), a.label.as_str(), a.attrs.canonical.as_deref().unwrap_or("\u{0}")]
            {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
    }
    h.finalize().into()
}

/// One dispatch's key: the common key, its bytes, its sidecar (whose
/// decisions the suggestions leave out and whose metadata they read).
fn key(common: &Hash, bytes: &Hash, sidecar: &Sidecar) -> Hash {
    let mut h = Sha256::new();
    h.update(common);
    h.update(bytes);
    if !sidecar.annotations.is_empty() || sidecar.header.meta != Default::default() {
        h.update(serde_json::to_vec(&(&sidecar.annotations, &sidecar.header.meta)).unwrap_or_default());
    }
    h.finalize().into()
}

/// What the digests read of a dispatch's suggestions (`digest::brief::digested`).
fn rows(suggestions: &[Annotation], annotations: &[Annotation]) -> Vec<Annotation> {
    crate::digest::brief::digested(suggestions, annotations).into_iter().cloned().collect()
}

/// A suggestion as the index keeps it: what the digests read of it
/// (`digest::Mark`), short names; not its id, context, author or time.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    k: Kind,
    l: String,
    t: Status,
    s: usize,
    e: usize,
    x: String,
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    a: Attrs,
}

impl Stored {
    fn of(a: &Annotation) -> Stored {
        Stored {
            k: a.kind,
            l: a.label.clone(),
            t: a.status,
            s: a.start,
            e: a.end,
            x: a.quote.exact.clone(),
            a: a.attrs.clone(),
        }
    }

    fn into_annotation(self) -> Annotation {
        Annotation {
            id: String::new(),
            kind: self.k,
            label: self.l,
            start: self.s,
            end: self.e,
            quote: Quote { exact: self.x, prefix: String::new(), suffix: String::new() },
            attrs: self.a,
            status: self.t,
            author: String::new(),
            at: String::new(),
        }
    }
}

/// Reads every stored row, handing each to `take` (name, key, rows) as it
/// comes: the rows are parsed one by one, never all held as text.
fn read_stored(index: &Index, mut take: impl FnMut(&str, Hash, &str)) -> rusqlite::Result<()> {
    let mut stmt = index.conn.prepare("SELECT name, key, rows FROM digest")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: &[u8] = r.get_ref(1)?.as_blob()?;
        let Ok(key) = Hash::try_from(key) else { continue };
        take(r.get_ref(0)?.as_str()?, key, r.get_ref(2)?.as_str()?);
    }
    Ok(())
}

fn store<'a>(
    index: &Index,
    fresh: impl Iterator<Item = (String, Hash, &'a Vec<Annotation>)>,
) -> rusqlite::Result<()> {
    let tx = Transaction::new_unchecked(&index.conn, TransactionBehavior::Immediate)?;
    {
        let mut put = tx.prepare("INSERT OR REPLACE INTO digest (name, key, rows) VALUES (?1, ?2, ?3)")?;
        for (name, key, rows) in fresh {
            let stored: Vec<Stored> = rows.iter().map(Stored::of).collect();
            let json = serde_json::to_string(&stored).unwrap_or_else(|_| "[]".into());
            put.execute(params![name, &key[..], json])?;
        }
    }
    tx.commit()
}
