//! `depeche export --to brat|jsonl|doccano|w3c|csv OUT [DIR]`.

use std::io::Write;

use super::{CliError, CliResult, EXIT_OK, ExportArgs, ExportFormat, open_project};
use crate::export::{self, Format};

pub fn run(args: &ExportArgs, out: &mut dyn Write) -> CliResult {
    let project = open_project(&args.dir.dir())?;
    let format = match args.to {
        ExportFormat::Brat => Format::Brat,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Doccano => Format::Doccano,
        ExportFormat::W3c => Format::W3c,
        ExportFormat::Csv => Format::Csv,
    };
    let summary = export::export(&project, format, &args.out).map_err(|e| CliError(e.to_string()))?;
    let mut err = std::io::stderr();
    for s in &summary.skipped {
        writeln!(err, "depeche: {s}")?;
    }
    let what = if format == Format::Csv { "claim and timeline rows" } else { "annotations" };
    writeln!(
        out,
        "{} {what} of {} written to {} ({})",
        summary.annotations,
        crate::text::count(summary.articles, "dispatch", "dispatches"),
        args.out.display(),
        crate::text::count(summary.files.len(), "file", "files")
    )?;
    Ok(EXIT_OK)
}
