//! Lists written as JSON for scripts: pretty-printed, made on every core a
//! chunk at a time and written in order, never held whole in memory, with
//! what a terminal would act on escaped.

use std::io::Write;

use super::{CliResult, EXIT_OK, output};

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
    // The chunk's items made before any is written: what they read is
    // fetched from memory for many at a time (a digest's rows are read
    // in no order of memory).
    let items: Vec<T> = items.collect();
    let mut buf = Chunk(Vec::with_capacity(items.len() * 1024));
    for (k, item) in items.iter().enumerate() {
        buf.0.extend_from_slice(if first && k == 0 { b"\n  " } else { b",\n  " });
        // The formatter of the array's elements: one level in.
        let formatter = Pretty { level: 1, has_value: false };
        item.serialize(&mut serde_json::Serializer::with_formatter(&mut buf, formatter))
            .map_err(std::io::Error::from)?;
    }
    Ok(output::inert_json(buf.0))
}

/// The bytes of a chunk as serde_json writes them, mostly a few at a time
/// (quotes, separators): a byte pushed rather than copied by a call.
struct Chunk(Vec<u8>);

impl std::io::Write for Chunk {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes).map(|()| bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match *bytes {
            [b] => self.0.push(b),
            _ => self.0.extend_from_slice(bytes),
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// serde_json's `PrettyFormatter` (two spaces a level), its line breaks
/// written each with its indent at once rather than a level at a time.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the indent.
    fn line<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        const RUN: &[u8; 2 + 2 * 16] = b",\n                                ";
        let from = usize::from(first);
        match RUN.get(from..2 + 2 * self.level) {
            Some(run) => w.write_all(run),
            None => {
                w.write_all(&RUN[from..2])?;
                (0..self.level).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[test]
    fn the_pretty_formatter_writes_as_serde_json_s() {
        // Nested deeper than the indent written at once, empty and not.
        let mut deep = serde_json::json!(["end", {}, []]);
        for i in 0..20 {
            deep = serde_json::json!({ "level": i, "inner": [deep, null, {"a": [1, 2]}], "none": [] });
        }
        let mut ours = Chunk(Vec::new());
        deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut ours,
            Pretty { level: 0, has_value: false },
        ))
        .unwrap();
        assert_eq!(String::from_utf8(ours.0).unwrap(), serde_json::to_string_pretty(&deep).unwrap());
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
