//! `depeche timeline`: the events of the corpus in date order.

use std::io::Write;

use super::{CliError, CliResult, DigestFormat, EXIT_OK, TimelineArgs, output};
use crate::date::PartialDate;
use crate::digest::{Inputs, table, timeline};

pub fn run(args: &TimelineArgs, out: &mut dyn Write) -> CliResult {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let digested = open_digested(&args.dir.dir())?;
    let inputs = Inputs::from_kept(&digested.project, &digested.suggestions);
    let entries = timeline(&inputs, as_of, None);
    let bytes = match args.format {
        DigestFormat::Table => table::timeline_table(&entries, 80).into_bytes(),
        DigestFormat::Json => return write_json(out, &entries),
        DigestFormat::Csv => {
            let mut buf = Vec::new();
            crate::export::csv::write_timeline(&entries, &mut buf).map_err(|e| CliError(e.to_string()))?;
            buf
        }
    };
    write_all(out, &bytes)
}

/// The folder with the digests' suggestions, from its index where it holds
/// them (`crate::index::digests`); notices about the index go to stderr.
pub(crate) fn open_digested(dir: &std::path::Path) -> Result<crate::index::digests::Digested, CliError> {
    let digested = crate::index::digests::open(dir).map_err(|e| CliError(e.to_string()))?;
    for n in &digested.notices {
        eprintln!("depeche: notice: {}", crate::text::inert_line(n));
    }
    Ok(digested)
}

/// `--as-of` as a date, or a usage error naming the option.
pub(crate) fn parse_as_of(value: Option<&str>) -> Result<Option<PartialDate>, CliError> {
    value.map(|v| v.parse::<PartialDate>().map_err(|e| CliError(format!("--as-of: {e}")))).transpose()
}

/// Writes `value` as a JSON array, pretty-printed, with a final newline and
/// what a terminal acts on escaped (`output::inert_json`), streamed to `out`: the output is
/// never held whole in memory (the claims of 100,000 dispatches are
/// several hundred MB of JSON).
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> CliResult {
    let mut w = Inert { out: std::io::BufWriter::with_capacity(1 << 16, out), pending: Vec::new() };
    let written = serde_json::to_writer_pretty(&mut w, value)
        .map_err(std::io::Error::from)
        .and_then(|()| w.write_all(b"\n"))
        .and_then(|()| w.flush());
    match written {
        Err(e) if !output::is_broken_pipe(&e) => Err(e.into()),
        _ => Ok(EXIT_OK),
    }
}

/// Passes JSON through `output::inert_json` as it is written, a whole
/// number of characters at a time.
struct Inert<W: Write> {
    out: W,
    pending: Vec<u8>,
}

/// How much JSON is gathered before it is made inert and written.
const INERT_CHUNK: usize = 1 << 16;

impl<W: Write> Inert<W> {
    fn drain(&mut self) -> std::io::Result<()> {
        // A character cut at the end waits for its other bytes.
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let rest = self.pending.split_off(whole);
        let done = std::mem::replace(&mut self.pending, rest);
        self.out.write_all(&output::inert_json(done))
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= INERT_CHUNK {
            self.drain()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()?;
        self.out.write_all(&std::mem::take(&mut self.pending))?;
        self.out.flush()
    }
}

/// Writes the output; a reader gone (`| head`) is the end, not an error.
pub(crate) fn write_all(out: &mut dyn Write, bytes: &[u8]) -> CliResult {
    match out.write_all(bytes) {
        Err(e) if !output::is_broken_pipe(&e) => Err(e.into()),
        _ => Ok(EXIT_OK),
    }
}
