//! A project: the corpus of a folder with the sidecar of each article and the
//! label schema. Sidecar metadata overrides what was inferred.

use std::path::{Path, PathBuf};

use crate::annotation::labels::SchemaError;
use crate::annotation::{LabelSchema, Sidecar};
use crate::corpus::{self, Article, Corpus, CorpusError, LoadWarning, MetaSource};

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
    pub articles: Vec<Article>,
    pub sidecars: Vec<Sidecar>,
    pub labels: LabelSchema,
    pub warnings: Vec<LoadWarning>,
}

impl Project {
    pub fn open(dir: &Path) -> Result<Project, ProjectError> {
        let Corpus { dir, articles, warnings } = corpus::load(dir)?;
        let labels = LabelSchema::load(&dir)?;
        let mut pairs: Vec<(Article, Sidecar)> = articles
            .into_iter()
            .map(|mut a| {
                let sc = Sidecar::load(&a);
                apply_override(&mut a, &sc);
                (a, sc)
            })
            .collect();
        pairs.sort_by(|(a, _), (b, _)| {
            (a.meta.date.is_none(), a.meta.date, &a.id).cmp(&(b.meta.date.is_none(), b.meta.date, &b.id))
        });
        let (articles, sidecars) = pairs.into_iter().unzip();
        Ok(Project { dir, articles, sidecars, labels, warnings })
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// Sidecar metadata wins over inference.
pub fn apply_override(article: &mut Article, sidecar: &Sidecar) {
    let m = &sidecar.header.meta;
    if let Some(d) = m.date {
        article.meta.date = Some(d);
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
