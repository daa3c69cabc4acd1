//! `depeche merge-driver %O %A %B %P`: the merge git runs for a sidecar that
//! both branches changed (set up by `depeche git-setup`). The three versions
//! are merged by annotation id (rules in `team::merge`), the result written
//! atomically over %A, and every decision said on stderr. Exit 0 when
//! merged; an input that does not read stops it with the file and line, %A
//! left untouched (git then reports the file as conflicted, with no markers
//! written into it).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, CliResult, EXIT_OK};
use crate::annotation::StoreError;
use crate::annotation::store::{Parsed, parse_sidecar, serialize_sidecar, write_atomic};
use crate::team::merge::merge;
use crate::text::inert_line;

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The version both branches started from (git's %O; empty when there was none)
    pub base: PathBuf,
    /// This branch's version (%A): the merged sidecar is written here
    pub ours: PathBuf,
    /// The other branch's version (%B)
    pub theirs: PathBuf,
    /// The sidecar's path in the repository (%P), named in messages
    pub path: Option<String>,
}

pub fn run(args: &MergeDriverArgs, _out: &mut dyn Write) -> CliResult {
    let name = args.path.clone().unwrap_or_else(|| args.ours.display().to_string());
    let read = |p: &Path, side: &str| read_version(p, &name, side, &args.ours);
    let base = read(&args.base, "the common ancestor's version")?;
    let missing = |side: &str| {
        CliError::new(format!(
            "{name}: {side} is empty, so it is not a sidecar; nothing was merged and {} is left as it was.",
            args.ours.display()
        ))
    };
    let ours = read(&args.ours, "this branch's version")?.ok_or_else(|| missing("this branch's version"))?;
    let theirs = read(&args.theirs, "the other branch's version")?
        .ok_or_else(|| missing("the other branch's version"))?;
    let merged = merge(base.as_ref(), &ours, &theirs);
    let bytes = serialize_sidecar(&merged.header, &merged.annotations, &merged.orphans);
    write_atomic(&args.ours, &bytes)
        .map_err(|f| CliError::new(format!("{name}: the merged sidecar cannot be written: {f}.")))?;
    let mut err = std::io::stderr().lock();
    for r in &merged.resolutions {
        let _ = writeln!(err, "depeche merge-driver: {}: {r}.", inert_line(&name));
    }
    Ok(EXIT_OK)
}

/// A version git gave: parsed, or None when the file is empty (git passes an
/// empty file for a version that did not exist).
fn read_version(path: &Path, name: &str, side: &str, target: &Path) -> Result<Option<Parsed>, CliError> {
    let cannot = |what: String| {
        CliError::new(format!(
            "{name}: {side} ({}) {what}; nothing was merged and {} is left as it was.",
            path.display(),
            target.display()
        ))
    };
    let bytes = crate::bounded::read(path, crate::bounded::MAX_SIDECAR)
        .map_err(|e| cannot(format!("cannot be read: {e}")))?
        .ok_or_else(|| cannot("does not exist".into()))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse_sidecar(path, &bytes).map(Some).map_err(|e| match e {
        StoreError::Invalid { line, message, .. } => cannot(format!("does not read, line {line}: {message}")),
        other => cannot(other.to_string()),
    })
}
