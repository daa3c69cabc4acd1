//! Interchange formats: brat standoff, JSONL (depeche and doccano), W3C Web
//! Annotation, CSV. One module per format, one driver for export and one for
//! import (docs/interchange.md says what each format keeps).

pub mod anchor;
pub mod brat;
pub mod csv;
pub mod files;
pub mod import;
pub mod jsonl;
pub mod w3c;

use std::path::{Path, PathBuf};

use crate::annotation::{Annotation, Sidecar, Status};
use crate::project::Project;

/// The formats `depeche export` writes (CSV is the digest's, see [`csv`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Brat,
    Jsonl,
    Doccano,
    W3c,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Refused(String),
}

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub files: Vec<PathBuf>,
    pub articles: usize,
    pub annotations: usize,
    /// Things left out, one sentence each (a broken sidecar, an empty span).
    pub skipped: Vec<String>,
}

/// The annotations other tools should see: accepted ones, in sidecar order.
/// Rejected suggestions are depeche's own memory and stay in the complete JSONL.
pub fn accepted(sidecar: &Sidecar) -> impl Iterator<Item = &Annotation> {
    sidecar.annotations.iter().filter(|a| a.status == Status::Accepted)
}

/// Writes the project's annotations into the folder `out` in `format`.
pub fn export(project: &Project, format: Format, out: &Path) -> Result<ExportSummary, ExportError> {
    files::prepare_out_dir(out, &project.dir)?;
    let mut summary = ExportSummary::default();
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        if let Some(e) = sidecar.error() {
            summary.skipped.push(format!("{} was left out: its sidecar is broken ({e})", article.id));
        }
    }
    match format {
        Format::Brat => brat::export(project, out, &mut summary)?,
        Format::Jsonl => jsonl::export_complete(project, out, &mut summary)?,
        Format::Doccano => jsonl::export_doccano(project, out, &mut summary)?,
        Format::W3c => w3c::export(project, out, &mut summary)?,
    }
    Ok(summary)
}
