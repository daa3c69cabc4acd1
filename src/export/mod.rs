//! Interchange formats: brat standoff, JSONL (depeche and doccano), W3C Web
//! Annotation, CSV. One module per format, one driver for export and one for
//! import (docs/interchange.md says what each format keeps).

pub mod anchor;
pub mod brat;
pub mod csv;
pub mod files;
pub mod header;
pub mod import;
pub mod jsonl;
pub mod w3c;

use std::path::{Path, PathBuf};

use crate::annotation::{Annotation, Sidecar, Status};
use crate::project::Project;

/// The formats `depeche export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Brat,
    Jsonl,
    Doccano,
    W3c,
    /// `claims.csv` and `timeline.csv`, as `depeche claims|timeline --format csv`.
    Csv,
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
        if !sidecar.orphans.is_empty() {
            summary.skipped.push(format!(
                "{}: {} orphaned annotations (no longer found in the text) were left out",
                article.id,
                sidecar.orphans.len()
            ));
        }
    }
    match format {
        Format::Brat => brat::export(project, out, &mut summary)?,
        Format::Jsonl => jsonl::export_complete(project, out, &mut summary)?,
        Format::Doccano => jsonl::export_doccano(project, out, &mut summary)?,
        Format::W3c => w3c::export(project, out, &mut summary)?,
        Format::Csv => export_csv(project, out, &mut summary)?,
    }
    Ok(summary)
}

/// The digests as CSV, through the one CSV writer of [`csv`]: the same rows
/// as `depeche claims --format csv` and `depeche timeline --format csv`.
fn export_csv(project: &Project, out: &Path, summary: &mut ExportSummary) -> Result<(), ExportError> {
    use crate::digest::{ClaimOrder, Claimants, Inputs, claims, timeline};
    let aliases = Claimants::load(&project.dir).map_err(|e| ExportError::Refused(e.to_string()))?;
    let suggestions = crate::extract::suggest_project(project);
    let inputs = Inputs::from_project(project, &suggestions);
    let digest = claims(&inputs, &aliases, None, None);
    let rows = digest.rows(ClaimOrder::Claimant);
    let entries = timeline(&inputs, None, None);
    let refused = |e: ::csv::Error| ExportError::Refused(format!("cannot write CSV: {e}"));
    let mut bytes = Vec::new();
    csv::write_claims(&rows, &mut bytes).map_err(refused)?;
    summary.files.push(files::write_file(out, "claims.csv", &bytes)?);
    let mut bytes = Vec::new();
    csv::write_timeline(&entries, &mut bytes).map_err(refused)?;
    summary.files.push(files::write_file(out, "timeline.csv", &bytes)?);
    summary.articles = project.articles.len();
    summary.annotations = rows.len() + entries.len();
    Ok(())
}
