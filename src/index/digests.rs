//! The digests' suggestions kept in the index: per dispatch the claims,
//! events and the names inside an event (what `digest::Brief` keeps), valid
//! for a key of everything they depend on: the program, what the corpus
//! knows (every sidecar's accepted names), the file's bytes and its own
//! sidecar. `claims` and `timeline` then read no text but the sidecars'.

use std::borrow::Cow;
use std::path::Path;

use rusqlite::{Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::Index;
use super::scan::{self, Hash, Loaded, Texts};
use crate::annotation::{Kind, Sidecar, Status};
use crate::corpus::{self, Article};
use crate::digest::{Brief, FastMap, Kept, Part};
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
    open_for(dir, Part::All)
}

/// As `open`, keeping in memory only the suggestions of `part` (what one
/// digest reads).
pub fn open_for(dir: &Path, part: Part) -> Result<Digested, ProjectError> {
    let Loaded { corpus, hashes, index, mut notices, .. } = scan::load(dir, Texts::Sidecars)?;
    let (project, schema_error) = Project::from_corpus(corpus);
    if let Some(e) = schema_error {
        return Err(e.into());
    }
    let common = common_key(&project);
    // Each key on every core: a hash of the sidecar's decisions each.
    let keys: Vec<Option<Hash>> = corpus::parallel::map((0..project.articles.len()).collect(), |i| {
        let a = &project.articles[i];
        let bytes = hashes.get(a.path.file_name()?)?;
        Some(key(&common, bytes, project.sidecars.get_made(i)))
    });
    let mut suggestions: Vec<Option<Kept>> = vec![None; project.articles.len()];
    if let Some(index) = &index {
        let at: FastMap<Cow<str>, usize> =
            project.articles.iter().enumerate().filter_map(|(i, a)| Some((file_name(a)?, i))).collect();
        // Unreadable rows are made again (and stored over). Rows are
        // decoded a batch at a time (never all their bytes at once), while
        // the index reads the next ones.
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<(usize, Vec<u8>)>>(DECODE_AHEAD);
        std::thread::scope(|s| {
            let suggestions = &mut suggestions;
            s.spawn(move || {
                for batch in batches {
                    decode_batch(batch, suggestions, part);
                }
            });
            let mut batch = Vec::with_capacity(DECODE_BATCH);
            let _ = read_stored(index, |name, key, rows| {
                if let Some(&i) = at.get(name)
                    && keys[i] == Some(key)
                {
                    batch.push((i, rows.to_vec()));
                    if batch.len() == DECODE_BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(DECODE_BATCH));
                        let _ = send.send(full);
                    }
                }
            });
            let _ = send.send(batch);
            drop(send);
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
            let suggested = crate::extract::suggest(article, sidecar, &knowledge);
            progress.tick(article.text.len() as u64);
            Brief::quoted(&suggested, &sidecar.annotations)
        });
        progress.finish();
        if let Some(index) = &index {
            let fresh = stale
                .iter()
                .zip(&made)
                .filter_map(|(&i, brief)| Some((name(&project.articles[i]), keys[i]?, brief)));
            if let Err(e) = store(index, fresh) {
                notices.push(format!("the index {} was not updated: {e}", index.path.display()));
            }
        }
        for (&i, brief) in stale.iter().zip(made) {
            let brief = match part {
                Part::All => brief,
                _ => {
                    let mut bytes = Vec::new();
                    brief.encode(&mut bytes);
                    Brief::decode_part(&bytes, part).unwrap_or_default()
                }
            };
            suggestions[i] = Some(Kept::Brief(Box::new(brief)));
        }
    }
    let extracted = stale.len();
    let suggestions = suggestions.into_iter().map(Option::unwrap_or_default).collect();
    Ok(Digested { project, suggestions, extracted, notices })
}

/// How many stored rows are decoded together, and how many batches read
/// may wait for their decoding.
const DECODE_BATCH: usize = 512;
const DECODE_AHEAD: usize = 2;

/// Decodes the rows of `batch` (dispatch, bytes) into their places, on
/// every core.
fn decode_batch(batch: Vec<(usize, Vec<u8>)>, suggestions: &mut [Option<Kept>], part: Part) {
    let decoded = corpus::parallel::map(batch, |(i, bytes)| {
        (i, Brief::decode_part(&bytes, part).map(|b| Kept::Brief(Box::new(b))))
    });
    for (i, kept) in decoded {
        suggestions[i] = kept;
    }
}

/// The full article of a stub, its metadata kept (the sidecar's included).
fn reread(stub: &Article) -> Option<Article> {
    let bytes = corpus::read_dispatch(&stub.path).ok()?;
    corpus::from_file_bytes(&stub.path, bytes, Some(stub.meta.clone())).ok()
}

/// As `name`, borrowed where the name is UTF-8 (a lookup a dispatch).
fn file_name(a: &Article) -> Option<Cow<'_, str>> {
    a.path.file_name().map(|n| n.to_string_lossy())
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
    // A sidecar not made is empty.
    for (_, sc) in project.sidecars.made() {
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
fn key(common: &Hash, bytes: &Hash, sidecar: Option<&Sidecar>) -> Hash {
    let mut h = Sha256::new();
    h.update(common);
    h.update(bytes);
    if let Some(sidecar) = sidecar
        && (!sidecar.annotations.is_empty() || sidecar.header.meta != Default::default())
    {
        h.update(serde_json::to_vec(&(&sidecar.annotations, &sidecar.header.meta)).unwrap_or_default());
    }
    h.finalize().into()
}

/// Reads every stored row, handing each to `take` (name, key, the compact
/// `Brief`) as it comes: never all held at once.
fn read_stored(index: &Index, mut take: impl FnMut(&str, Hash, &[u8])) -> rusqlite::Result<()> {
    let mut stmt = index.conn.prepare("SELECT name, key, rows FROM digest")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: &[u8] = r.get_ref(1)?.as_blob()?;
        let Ok(key) = Hash::try_from(key) else { continue };
        take(r.get_ref(0)?.as_str()?, key, r.get_ref(2)?.as_blob()?);
    }
    Ok(())
}

/// Stores the `Brief`s made, in their compact form (`Brief::encode`).
fn store<'a>(index: &Index, fresh: impl Iterator<Item = (String, Hash, &'a Brief)>) -> rusqlite::Result<()> {
    let tx = Transaction::new_unchecked(&index.conn, TransactionBehavior::Immediate)?;
    {
        let mut put = tx.prepare("INSERT OR REPLACE INTO digest (name, key, rows) VALUES (?1, ?2, ?3)")?;
        let mut bytes = Vec::new();
        for (name, key, brief) in fresh {
            bytes.clear();
            brief.encode(&mut bytes);
            put.execute(params![name, &key[..], &bytes[..]])?;
        }
    }
    tx.commit()
}
