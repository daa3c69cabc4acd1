//! `depeche timeline`: the events of the corpus in date order.

use std::io::Write;

use super::json_list::write_json_made;
use super::{CliError, CliResult, DigestFormat, EXIT_OK, TimelineArgs, output};
use crate::date::PartialDate;
use crate::digest::timeline::lean_timeline;
use crate::digest::{Inputs, Part, table, timeline};

pub fn run(args: &TimelineArgs, out: &mut dyn Write) -> CliResult {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let digested = open_digested(&args.dir.dir(), Part::Events)?;
    let inputs = Inputs::from_kept(&digested.project, &digested.suggestions);
    let bytes = match args.format {
        DigestFormat::Json => {
            // Each entry made as it is written: never every entry at once.
            let lean = lean_timeline(&inputs, as_of, None);
            return write_json_made(out, lean.len(), |i| lean.view(i));
        }
        DigestFormat::Table => table::timeline_table(&timeline(&inputs, as_of, None), 80).into_bytes(),
        DigestFormat::Csv => {
            let entries = timeline(&inputs, as_of, None);
            let mut buf = Vec::new();
            crate::export::csv::write_timeline(&entries, &mut buf).map_err(|e| CliError(e.to_string()))?;
            buf
        }
    };
    write_all(out, &bytes)
}

/// The folder with the digests' suggestions, from its index where it holds
/// them (`crate::index::digests`); notices about the index go to stderr.
/// Never freed piece by piece: the process ends after the command, and its
/// memory goes back whole (freeing a folder's digests took ~0.07 s at
/// 100,000 dispatches).
pub(crate) fn open_digested(
    dir: &std::path::Path,
    part: Part,
) -> Result<std::mem::ManuallyDrop<crate::index::digests::Digested>, CliError> {
    let digested = crate::index::digests::open_for(dir, part).map_err(|e| CliError(e.to_string()))?;
    for n in &digested.notices {
        eprintln!("depeche: notice: {}", crate::text::inert_line(n));
    }
    Ok(std::mem::ManuallyDrop::new(digested))
}

/// `--as-of` as a date, or a usage error naming the option.
pub(crate) fn parse_as_of(value: Option<&str>) -> Result<Option<PartialDate>, CliError> {
    value.map(|v| v.parse::<PartialDate>().map_err(|e| CliError(format!("--as-of: {e}")))).transpose()
}

/// Writes the output; a reader gone (`| head`) is the end, not an error.
pub(crate) fn write_all(out: &mut dyn Write, bytes: &[u8]) -> CliResult {
    match out.write_all(bytes) {
        Err(e) if !output::is_broken_pipe(&e) => Err(e.into()),
        _ => Ok(EXIT_OK),
    }
}
