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
    let mut w = Inert { out, pending: Vec::with_capacity(INERT_CHUNK + 4096) };
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

/// How much JSON is gathered before it is made inert and written (the
/// buffer of the writes).
const INERT_CHUNK: usize = 1 << 16;

impl<W: Write> Inert<W> {
    fn drain(&mut self) -> std::io::Result<()> {
        let whole = whole_chars(&self.pending);
        let done = &self.pending[..whole];
        // Most output has nothing a terminal acts on: written as it is,
        // without a copy (the bytes `inert_json` looks for first).
        if done.iter().any(|&b| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)) {
            self.out.write_all(&output::inert_json(done.to_vec()))?;
        } else {
            self.out.write_all(done)?;
        }
        // A character cut at the end waits for its other bytes; the buffer
        // keeps its room.
        self.pending.drain(..whole);
        Ok(())
    }
}

/// How many bytes of `bytes` (UTF-8) end on a character's end.
fn whole_chars(bytes: &[u8]) -> usize {
    let Some(lead) = bytes.iter().rposition(|&b| b & 0xc0 != 0x80) else { return bytes.len() };
    let width = match bytes[lead] {
        b if b < 0x80 => 1,
        b if b >= 0xf0 => 4,
        b if b >= 0xe0 => 3,
        _ => 2,
    };
    if lead + width <= bytes.len() { bytes.len() } else { lead }
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
        // Bytes of a character never finished (serde_json writes none).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_made_inert_as_it_streams_is_the_json_made_inert_whole() {
        // Accents, a bidi mark and a C1 control, cut at every byte.
        let json = "[\"Genève é\u{202e}x\u{85}y 💥\"]\n".repeat(3).into_bytes();
        let whole = output::inert_json(json.clone());
        for cut in 1..json.len() {
            let mut out = Vec::new();
            {
                let mut w = Inert { out: &mut out, pending: Vec::new() };
                for piece in json.chunks(cut) {
                    w.write_all(piece).unwrap();
                    w.drain().unwrap();
                }
                w.flush().unwrap();
            }
            assert_eq!(out, whole, "cut every {cut} bytes");
        }
        assert_eq!(whole_chars("aé".as_bytes()), 3);
        assert_eq!(whole_chars(&"aé".as_bytes()[..2]), 1);
        assert_eq!(whole_chars(&"💥".as_bytes()[..3]), 0);
    }
}
