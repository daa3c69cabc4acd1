//! `depeche import --from brat|jsonl SRC [DIR] [--add-labels]`.

use std::io::Write;

use super::{CliResult, EXIT_OK, EXIT_PROBLEMS, ImportArgs, ImportFormat, open_project};
use crate::export::import::{ImportOptions, apply};
use crate::export::{brat, jsonl};
use crate::text::count;

pub fn run(args: &ImportArgs, out: &mut dyn Write) -> CliResult {
    let mut project = open_project(&args.dir.dir())?;
    let batches = match args.from {
        ImportFormat::Brat => brat::read(&args.src),
        ImportFormat::Jsonl => vec![jsonl::read(&args.src, &project)],
    };
    let options = ImportOptions { add_labels: args.add_labels };
    let report = apply(&mut project, batches, options);
    let mut err = std::io::stderr();
    // the messages quote the file imported: inert, a crafted file cannot
    // drive the terminal through them
    for n in &report.notices {
        writeln!(err, "note: {}", crate::text::inert_line(&n.to_string()))?;
    }
    for p in &report.problems {
        writeln!(err, "error: {}", crate::text::inert_line(&p.to_string()))?;
    }
    if !report.new_labels.is_empty() {
        writeln!(
            out,
            "labels added to labels.toml: {}",
            crate::text::inert_line(&report.new_labels.join(", "))
        )?;
    }
    let headers = match report.headers {
        0 => String::new(),
        n => format!(
            "; {} (date, outlet, title, language) restored",
            count(n, "dispatch header", "dispatch headers")
        ),
    };
    writeln!(
        out,
        "{} imported, {} refused: {} added, {} updated, {} already there{headers}; {} written",
        count(report.files_imported, "file", "files"),
        report.files_refused,
        count(report.added, "annotation", "annotations"),
        report.updated,
        report.unchanged,
        count(report.sidecars_written.len(), "sidecar", "sidecars")
    )?;
    Ok(if report.problems.is_empty() { EXIT_OK } else { EXIT_PROBLEMS })
}
