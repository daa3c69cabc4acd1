//! `depeche timeline`: the events of the corpus in date order.

use std::io::Write;

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
            return write_json_made(out, lean.len(), |i| lean.entry(i));
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
pub(crate) fn open_digested(
    dir: &std::path::Path,
    part: Part,
) -> Result<crate::index::digests::Digested, CliError> {
    let digested = crate::index::digests::open_for(dir, part).map_err(|e| CliError(e.to_string()))?;
    for n in &digested.notices {
        eprintln!("depeche: notice: {}", crate::text::inert_line(n));
    }
    Ok(digested)
}

/// `--as-of` as a date, or a usage error naming the option.
pub(crate) fn parse_as_of(value: Option<&str>) -> Result<Option<PartialDate>, CliError> {
    value.map(|v| v.parse::<PartialDate>().map_err(|e| CliError(format!("--as-of: {e}")))).transpose()
}

/// Writes `items` as a JSON array, pretty-printed, with a final newline and
/// what a terminal acts on escaped (`output::inert_json`): made on every
/// core a chunk of items at a time, the chunks written in order as they
/// come. The output is never held whole in memory (the claims of 100,000
/// dispatches are several hundred MB of JSON).
#[cfg(test)]
pub(crate) fn write_json_list<T: serde::Serialize + Sync>(out: &mut dyn Write, items: &[T]) -> CliResult {
    write_json_made(out, items.len(), |i| &items[i])
}

/// As `write_json_list`, for `len` items each made when its chunk is
/// written (`item(i)`, on any core).
pub(crate) fn write_json_made<T: serde::Serialize>(
    out: &mut dyn Write,
    len: usize,
    item: impl Fn(usize) -> T + Sync,
) -> CliResult {
    let chunks: Vec<std::ops::Range<usize>> =
        (0..len).step_by(LIST_CHUNK).map(|s| s..(s + LIST_CHUNK).min(len)).collect();
    let written = out.write_all(b"[").and_then(|()| {
        crate::corpus::parallel::for_each_ordered(
            &chunks,
            LIST_WINDOW,
            |range| json_items(range.clone().map(&item), range.start == 0),
            |json| out.write_all(&json?),
        )
    });
    let end: &[u8] = if len == 0 { b"]\n" } else { b"\n]\n" };
    match written.and_then(|()| out.write_all(end)).and_then(|()| out.flush()) {
        Err(e) if !output::is_broken_pipe(&e) => Err(e.into()),
        _ => Ok(EXIT_OK),
    }
}

/// How many items a chunk of `write_json_list` holds, and how many chunks
/// may wait for their turn (a few MB).
const LIST_CHUNK: usize = 1024;
const LIST_WINDOW: usize = 8;

/// `items` as the elements of a pretty-printed JSON array
/// (`serde_json::to_writer_pretty`'s bytes between its brackets), made
/// inert: each after its separator, one level in.
fn json_items<T: serde::Serialize>(
    items: impl ExactSizeIterator<Item = T>,
    first: bool,
) -> std::io::Result<Vec<u8>> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut buf = Vec::with_capacity(items.len() * 512);
    for (k, item) in items.enumerate() {
        buf.extend_from_slice(if first && k == 0 { b"\n  " } else { b",\n  " });
        // The formatter of the array's elements: one level in.
        let mut formatter = PrettyFormatter::new();
        formatter.begin_array(&mut std::io::sink())?;
        item.serialize(&mut serde_json::Serializer::with_formatter(&mut buf, formatter))
            .map_err(std::io::Error::from)?;
    }
    Ok(inert_json(buf))
}

/// `output::inert_json`'s bytes, without its pass a character: only the
/// characters at the bytes that may start what it escapes (DEL, and the
/// lead bytes of C1 controls, U+061C and the bidi marks) are looked at, the
/// runs between them copied whole. (JSON escapes every other control.)
fn inert_json(json: Vec<u8>) -> Vec<u8> {
    let Some(first) = next_lead(&json, 0) else { return json };
    let Ok(text) = std::str::from_utf8(&json) else { return json };
    let mut out = Vec::with_capacity(json.len() + 16);
    let (mut copied, mut at) = (0, first);
    loop {
        // a lead byte or DEL: a character's first byte
        let c = text[at..].chars().next().expect("a character starts here");
        if crate::text::inert_char(c).is_some() {
            out.extend_from_slice(&json[copied..at]);
            out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            copied = at + c.len_utf8();
        }
        match next_lead(&json, at + 1) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(&json[copied..]);
    out
}

/// The first byte from `from` on that `inert_json` looks at, eight bytes
/// at a time where none is DEL or above (most of the JSON).
fn next_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lead = |b: u8| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2);
    let mut at = from;
    while at + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        // A byte at 0x7f or above sets its high bit in w or in w + 1 (a
        // carry only comes from a byte that already has it).
        if (w | w.wrapping_add(ONES)) & HIGH != 0
            && let Some(i) = bytes[at..at + 8].iter().position(|&b| lead(b))
        {
            return Some(at + i);
        }
        at += 8;
    }
    bytes[at.min(bytes.len())..].iter().position(|&b| lead(b)).map(|i| at + i)
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
    fn json_made_inert_by_its_lead_bytes_is_json_made_inert_char_by_char() {
        let texts = [
            "",
            "plain",
            "é’«»\u{a0}",
            "a\u{7f}b\u{85}c\u{202e}d\u{61c}e\u{200f}",
            "\u{9f}\u{2069}💥\u{2028}x",
            "a long line of text with nothing to escape until the very end \u{7f}",
            "\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}~~~~~~~~~~~~~~~~~\u{202e}",
        ];
        for t in texts {
            let json = serde_json::to_vec_pretty(&[t, t]).unwrap();
            assert_eq!(inert_json(json.clone()), output::inert_json(json), "{t:?}");
        }
    }

    #[test]
    fn a_list_made_json_in_chunks_is_the_list_made_json_whole() {
        #[derive(serde::Serialize)]
        struct Item {
            name: String,
            n: Option<u32>,
            list: Vec<&'static str>,
            nested: Vec<(u8, [u8; 0])>,
        }
        let item = |i: usize| Item {
            name: format!("é\u{202e}\"{i}\n\u{85}"),
            n: (!i.is_multiple_of(3)).then_some(i as u32),
            list: ["a", "’"][..i % 3].to_vec(),
            nested: vec![(1, []); i % 2],
        };
        for n in [0, 1, 2, LIST_CHUNK - 1, LIST_CHUNK, 2 * LIST_CHUNK + 3] {
            let items: Vec<Item> = (0..n).map(item).collect();
            let (mut whole, mut chunked) = (Vec::new(), Vec::new());
            serde_json::to_writer_pretty(&mut whole, &items).unwrap();
            whole.push(b'\n');
            let whole = output::inert_json(whole);
            write_json_list(&mut chunked, &items).unwrap();
            assert_eq!(String::from_utf8(chunked).unwrap(), String::from_utf8(whole).unwrap(), "{n} items");
        }
    }
}
