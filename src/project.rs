//! A project: the corpus of a folder with the sidecar of each article and the
//! label schema. Sidecar metadata overrides what was inferred.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation::labels::SchemaError;
use crate::annotation::store::sidecar_path;
use crate::annotation::{LabelSchema, Sidecar, Sidecars};
use crate::corpus::{self, Article, Articles, Corpus, CorpusError, LoadWarning, MetaSource};
use crate::date::Precision;
use crate::index::Texts;
use crate::index::catalog::Catalog;

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
}

#[derive(Debug, Clone)]
pub struct Project {
    pub dir: PathBuf,
    /// Sorted by effective date; `sidecars[i]` belongs to `articles[i]`.
    /// Opened through the index's catalog, each is made when first used.
    pub articles: Articles,
    pub sidecars: Sidecars,
    pub labels: LabelSchema,
    pub warnings: Vec<LoadWarning>,
    /// The folder's index file, when it was opened through one with texts
    /// read on demand (`Texts::Lazy`): a dispatch's text is then empty
    /// until [`Project::load_text`] reads it.
    pub index: Option<PathBuf>,
    /// Whether dispatches were taken from the index without a look at their
    /// files' sizes and times (`index::scan::unvouched` checks them).
    pub unchecked: bool,
    /// The index's catalog the dispatches were taken from, without a look
    /// at the folder (`index::catalog::check` looks after the first frame).
    pub catalog: Option<Arc<Catalog>>,
}

impl Project {
    pub fn open(dir: &Path) -> Result<Project, ProjectError> {
        let (project, schema_error) = Project::open_lenient(dir)?;
        match schema_error {
            Some(e) => Err(e.into()),
            None => Ok(project),
        }
    }

    /// Like [`Project::open`], but a bad `labels.toml` gives the built-in
    /// schema and the error beside it, for `check` to report and go on.
    pub fn open_lenient(dir: &Path) -> Result<(Project, Option<SchemaError>), ProjectError> {
        let mut recovered = recover_interrupted_import(dir);
        let corpus = corpus::load(dir)?;
        recovered.extend(remove_stale_temporaries(&corpus));
        let (mut project, schema_error) = Project::from_corpus(corpus);
        project.warnings.splice(0..0, recovered);
        Ok((project, schema_error))
    }

    /// Like [`Project::open`], through the folder's index (`crate::index`):
    /// only the dispatches changed since the last start are inferred again.
    /// With `Texts::Sidecars`, a dispatch without a sidecar keeps an empty
    /// text (for the list, which reads none). Notices about the index (a
    /// rebuild) come last among the warnings.
    pub fn open_indexed(dir: &Path, texts: Texts) -> Result<Project, ProjectError> {
        let mut recovered = recover_interrupted_import(dir);
        if texts == Texts::Lazy
            && let Some((catalog, index)) = crate::index::catalog::open_for(dir)
        {
            let mut project = Project::from_catalog(catalog, index)?;
            project.warnings.splice(0..0, recovered);
            return Ok(project);
        }
        let crate::index::Loaded { corpus, hashes, index, notices, unchecked, .. } =
            crate::index::load(dir, texts)?;
        // Not needed here: not held while the sidecars are read.
        drop(hashes);
        recovered.extend(remove_stale_temporaries(&corpus));
        let (mut project, schema_error) = Project::from_corpus(corpus);
        if let Some(e) = schema_error {
            return Err(e.into());
        }
        if texts != Texts::All {
            project.index = index.map(|i| i.path);
        }
        project.unchecked = unchecked;
        project.warnings.splice(0..0, recovered);
        let notice = |message| LoadWarning { path: dir.to_path_buf(), message };
        project.warnings.extend(notices.into_iter().map(notice));
        Ok(project)
    }

    /// The project of a loaded corpus: its sidecars and label schema read.
    pub fn from_corpus(corpus: Corpus) -> (Project, Option<SchemaError>) {
        let Corpus { dir, articles, warnings, others } = corpus;
        let (labels, schema_error) = match LabelSchema::load(&dir) {
            Ok(labels) => (labels, None),
            Err(e) => (LabelSchema::default(), Some(e)),
        };
        let mut articles = articles;
        // The folder's listing says which sidecars exist: no failed open
        // per dispatch without one. A sidecar created after the listing is
        // found by the save, which merges with whatever is on disk.
        // Each made in its own box at once: the list of places takes the
        // boxes, not a copy of every sidecar beside the first. An empty
        // one is made when asked for (most dispatches have none).
        let load = |a: &Article| {
            let exists = others.contains(sidecar_path(&a.path).file_name().unwrap_or_default());
            exists.then(|| Box::new(Sidecar::load(a)))
        };
        let mut sidecars = corpus::parallel::map(articles.iter().collect(), load);
        for (a, sc) in articles.iter_mut().zip(&sidecars) {
            if let Some(sc) = sc {
                apply_override(a, sc);
            }
        }
        // Sorted in place, the two lists together (no copy of either).
        // A sidecar's date may move its dispatch; most often none does.
        let key = |a: &Article| (a.meta.date.is_none(), a.meta.date, a.id.clone());
        let in_order = |a: &Article, b: &Article| {
            (a.meta.date.is_none(), a.meta.date, a.id.as_str())
                <= (b.meta.date.is_none(), b.meta.date, b.id.as_str())
        };
        if !articles.is_sorted_by(in_order) {
            let mut order: Vec<usize> = (0..articles.len()).collect();
            order.sort_by_cached_key(|&i| key(&articles[i]));
            permute(&mut articles, &mut sidecars, order);
        }
        let paths =
            corpus::places::PathList(articles.iter().map(|a| a.path.clone().into_boxed_path()).collect());
        let (articles, sidecars) = (articles.into(), Sidecars::from_some(Arc::new(paths), sidecars));
        let project = Project {
            dir,
            articles,
            sidecars,
            labels,
            warnings,
            index: None,
            unchecked: false,
            catalog: None,
        };
        (project, schema_error)
    }

    /// The project of a catalog (`index::catalog`) of the index at
    /// `index`: nothing is made per dispatch but for those with a sidecar,
    /// whose texts are read (their annotations are anchored in them) and
    /// whose sidecar's metadata may move them in the list.
    fn from_catalog(catalog: Catalog, index: PathBuf) -> Result<Project, ProjectError> {
        let dir = catalog.dir.clone();
        let labels = LabelSchema::load(&dir)?;
        let catalog = Arc::new(catalog);
        let rows: Arc<dyn corpus::Rows> = catalog.clone();
        let mut articles = Articles::from_rows(rows.clone());
        let mut sidecars = Sidecars::from_rows(rows);
        let annotated = corpus::parallel::map(catalog.with_sidecar.clone(), |i| {
            let stub = catalog.article(i);
            let mut a = read_full(&stub).unwrap_or(stub);
            let sc = Sidecar::load(&a);
            apply_override(&mut a, &sc);
            (i, a, sc)
        });
        let mut moved = Vec::new();
        for (i, a, sc) in annotated {
            if a.meta.date != catalog.date(i) {
                moved.push(i);
            }
            articles.set(i, a);
            sidecars.set(i, sc);
        }
        // A sidecar's date moves its dispatch: each goes to its place again.
        let mut taken: Vec<_> =
            moved.iter().rev().map(|&i| (articles.remove(i), sidecars.remove(i))).collect();
        taken.sort_by(|a, b| corpus::sort_key(&a.0).cmp(&corpus::sort_key(&b.0)));
        for (a, sc) in taken {
            let at = articles.place_for(corpus::sort_key(&a));
            articles.insert(at, a);
            sidecars.insert(at, sc);
        }
        let warnings = catalog
            .warnings
            .iter()
            .map(|(name, message)| LoadWarning { path: dir.join(name), message: message.clone() })
            .collect();
        Ok(Project {
            dir,
            articles,
            sidecars,
            labels,
            warnings,
            index: Some(index),
            unchecked: true,
            catalog: Some(catalog),
        })
    }

    /// What this start took from the index unseen, to be checked after the
    /// first frame (`index::watch::Watch::start`).
    pub fn to_check(&self) -> crate::index::watch::Check {
        use crate::index::watch::Check;
        match (&self.catalog, self.unchecked) {
            (Some(c), _) => Check::Catalog(c.clone()),
            (None, true) => Check::Records,
            (None, false) => Check::Nothing,
        }
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.position(id)
    }

    /// Whether article `i`'s text is in memory (a dispatch is never empty:
    /// an empty text is one not read yet).
    pub fn has_text(&self, i: usize) -> bool {
        self.articles.is_made(i) && !self.articles[i].text.is_empty()
    }

    /// Reads article `i`'s text if it was left to be read when shown; its
    /// metadata (the sidecar's included) stays. False when the file cannot
    /// be read any more (the text stays empty).
    pub fn load_text(&mut self, i: usize) -> bool {
        let Some(a) = self.articles.get_mut(i) else { return false };
        if !a.text.is_empty() {
            return true;
        }
        match read_full(a) {
            Some(full) => {
                a.text = full.text;
                a.index = full.index;
                true
            }
            None => false,
        }
    }

    /// Reads every text left to be read when shown, on every core (the
    /// annotator's corpus-wide actions, `*` and its undo, write sidecars
    /// anchored in any of them). A file that cannot be read any more keeps
    /// an empty text.
    pub fn load_all_texts(&mut self) {
        let stubs: Vec<usize> = (0..self.articles.len()).filter(|&i| !self.has_text(i)).collect();
        if stubs.is_empty() {
            return;
        }
        let articles = &self.articles;
        let read = corpus::parallel::map(stubs.clone(), |i| read_full(&articles[i]));
        for (i, full) in stubs.into_iter().zip(read) {
            if let Some(full) = full {
                self.articles[i].text = full.text;
                self.articles[i].index = full.index;
            }
        }
    }

    /// Article `i` with its text: as held, or read for the moment (when it
    /// is left to be read when shown).
    pub fn full_article(&self, i: usize) -> Option<std::borrow::Cow<'_, Article>> {
        let a = self.articles.peek(i)?;
        match a.text.is_empty() {
            false => Some(a),
            true => read_full(&a).map(std::borrow::Cow::Owned),
        }
    }
}

/// The article of a file whose text was left unread, its metadata kept.
fn read_full(stub: &Article) -> Option<Article> {
    let bytes = corpus::read_dispatch(&stub.path).ok()?;
    corpus::from_file_bytes(&stub.path, bytes, Some(stub.meta.clone())).ok()
}

/// Puts `a[order[k]]` (and `b[order[k]]`) at `k`, by swaps along the cycles
/// of the permutation.
fn permute<A, B>(a: &mut [A], b: &mut [B], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        // Each cycle is walked once: a visited place points to itself.
        while order[k] != start {
            let next = order[k];
            a.swap(k, next);
            b.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

/// Sidecar metadata wins over inference. A precision in the sidecar says how
/// much of the date is known: it cuts a more precise date (set or inferred)
/// down, and `unknown` means no date at all.
pub fn apply_override(article: &mut Article, sidecar: &Sidecar) {
    let m = &sidecar.header.meta;
    let date = m.date.or(article.meta.date);
    let set_date = m.date.is_some() || m.precision.is_some();
    if set_date {
        article.meta.date = match (date, m.precision) {
            (_, Some(Precision::Unknown)) | (None, _) => None,
            (Some(d), Some(p)) if p.rank() < d.precision().rank() => Some(d.truncate(p)),
            (Some(d), _) => Some(d),
        };
        article.meta.date_source = MetaSource::Sidecar;
    }
    if let Some(o) = &m.outlet {
        article.meta.outlet = Some(o.clone());
        article.meta.outlet_source = MetaSource::Sidecar;
    }
    if let Some(t) = &m.title {
        article.meta.title = t.clone();
    }
    if let Some(l) = m.lang {
        article.meta.lang = l;
    }
}

/// An import a crash interrupted is completed (or rolled back) before
/// anything reads the folder, so that nothing reads a half-made change:
/// one look for its journal, not a listing; what was done, as notes.
fn recover_interrupted_import(dir: &Path) -> Vec<LoadWarning> {
    use crate::annotation::store::journal;
    if std::fs::symlink_metadata(dir.join(corpus::JOURNAL)).is_err() {
        return Vec::new();
    }
    notes(journal::recover(dir, journal::stale_before()))
}

/// depeche's own stale temporary files, seen in the listing the corpus
/// already made, are removed (no sidecar changes: nothing to read again).
fn remove_stale_temporaries(corpus: &Corpus) -> Vec<LoadWarning> {
    use crate::annotation::store::journal;
    if !journal::needs_recovery(corpus.others.iter().cloned()) {
        return Vec::new();
    }
    notes(journal::recover(&corpus.dir, journal::stale_before()))
}

fn notes(said: Vec<(std::path::PathBuf, String)>) -> Vec<LoadWarning> {
    said.into_iter().map(|(path, message)| LoadWarning { path, message }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::MetaOverride;
    use crate::corpus::Lang;

    fn article() -> Article {
        corpus::from_bytes(
            Path::new("a.txt"),
            " date 2020-10 Moscou, 21 oct 2020 (AFP) - Le ministre a reçu ses homologues.".as_bytes(),
        )
    }

    fn with(meta: MetaOverride) -> Article {
        let mut a = article();
        let mut sc = Sidecar::empty(&a);
        sc.header.meta = meta;
        apply_override(&mut a, &sc);
        a
    }

    #[test]
    fn permuting_two_lists_together() {
        let mut rng = fastrand::Rng::with_seed(3);
        for n in 0..40 {
            let mut order: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut order);
            let (mut a, mut b): (Vec<usize>, Vec<String>) =
                ((0..n).collect(), (0..n).map(|i| i.to_string()).collect());
            permute(&mut a, &mut b, order.clone());
            assert_eq!(a, order);
            assert_eq!(b, order.iter().map(|i| i.to_string()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn without_sidecar_meta_inference_stands() {
        let a = with(MetaOverride::default());
        assert_eq!(a.meta.date.unwrap().to_string(), "2020-10-21");
        assert_eq!(a.meta.date_source, MetaSource::Dateline);
        assert_eq!(a.meta.outlet_source, MetaSource::Dateline);
    }

    #[test]
    fn sidecar_meta_overrides_everything() {
        let a = with(MetaOverride {
            date: Some("2020-10-20".parse().unwrap()),
            precision: None,
            outlet: Some("Le Monde".into()),
            title: Some("Un titre".into()),
            lang: Some(Lang::En),
        });
        assert_eq!(a.meta.date.unwrap().to_string(), "2020-10-20");
        assert_eq!((a.meta.date_source, a.meta.outlet_source), (MetaSource::Sidecar, MetaSource::Sidecar));
        assert_eq!(
            (a.meta.outlet.as_deref(), a.meta.title.as_str(), a.meta.lang),
            (Some("Le Monde"), "Un titre", Lang::En)
        );
    }

    #[test]
    fn sidecar_precision_cuts_the_date() {
        let a = with(MetaOverride {
            date: Some("2020-10-09".parse().unwrap()),
            precision: Some(Precision::Month),
            ..Default::default()
        });
        assert_eq!(a.meta.date.unwrap().to_string(), "2020-10");
        assert_eq!(a.meta.precision(), Precision::Month);
        let a = with(MetaOverride { precision: Some(Precision::Year), ..Default::default() });
        assert_eq!(a.meta.date.unwrap().to_string(), "2020");
        assert_eq!(a.meta.date_source, MetaSource::Sidecar);
        let a = with(MetaOverride { precision: Some(Precision::Unknown), ..Default::default() });
        assert_eq!((a.meta.date, a.meta.precision()), (None, Precision::Unknown));
        let a = with(MetaOverride {
            date: Some("2020-10-09".parse().unwrap()),
            precision: Some(Precision::Day),
            ..Default::default()
        });
        assert_eq!(a.meta.date.unwrap().to_string(), "2020-10-09");
    }
}
