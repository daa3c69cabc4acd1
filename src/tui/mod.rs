//! The terminal application (reader and annotator).

use std::path::Path;

use crate::cli::{CliError, CliResult};

/// Opens the reader on the dispatches of `dir`.
pub fn run(dir: &Path) -> CliResult {
    let project = crate::cli::open_project(dir)?;
    Err(CliError::new(format!(
        "the reader is not built yet ({} dispatches in {})",
        project.articles.len(),
        dir.display()
    )))
}

pub mod annotate;
