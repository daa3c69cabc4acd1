//! Annotations by position: spans sorted by (start, end, source) in chunks
//! of a few hundred, each chunk knowing its largest end and longest span.
//! "What styles this visible line" skips the chunks that end before it and
//! searches inside the others; a change inserts or removes in one chunk and
//! updates that chunk's summary, never the whole index.

use crate::annotation::{Annotation, Status};

/// Where an indexed span comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// An accepted annotation of the sidecar: the `k`-th of the sidecar's
    /// annotations over this same span (the sidecar is sorted by (start,
    /// end, id)). A rank within its span, not a position in the whole list:
    /// a change elsewhere leaves it alone.
    Sidecar(usize),
    /// `suggestions[i]` not yet accepted or rejected.
    Suggestion(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub start: usize,
    pub end: usize,
    pub source: Source,
}

fn key(e: &Entry) -> (usize, usize, Source) {
    (e.start, e.end, e.source)
}

/// Entries a chunk holds after a build: room to grow before a split (tiny
/// in unit tests, so that they split and empty chunks all the time).
const FILL: usize = if cfg!(test) { 4 } else { 256 };
/// A chunk this full splits in two.
const CAP: usize = 2 * FILL;

#[derive(Debug, Clone, Default)]
struct Chunk {
    /// Sorted by `key`, never empty.
    entries: Vec<Entry>,
    max_end: usize,
    max_len: usize,
}

impl Chunk {
    fn new(entries: Vec<Entry>) -> Chunk {
        let mut c = Chunk { entries, max_end: 0, max_len: 0 };
        c.summarize();
        c
    }

    fn summarize(&mut self) {
        self.max_end = self.entries.iter().map(|e| e.end).max().unwrap_or(0);
        self.max_len = self.entries.iter().map(|e| e.end.saturating_sub(e.start)).max().unwrap_or(0);
    }

    fn first(&self) -> &Entry {
        &self.entries[0]
    }

    fn last(&self) -> &Entry {
        &self.entries[self.entries.len() - 1]
    }
}

/// Two indexes are equal when they hold the same entries, however chunked.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    chunks: Vec<Chunk>,
    len: usize,
    /// At least the longest span (not lowered by a removal): the chunks
    /// ending that much before a query are skipped by halving.
    max_len: usize,
}

impl PartialEq for SpanIndex {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl SpanIndex {
    pub fn build(mut entries: Vec<Entry>) -> SpanIndex {
        entries.sort_by_key(key);
        let len = entries.len();
        let chunks: Vec<Chunk> = entries.chunks(FILL).map(|c| Chunk::new(c.to_vec())).collect();
        let max_len = chunks.iter().map(|c| c.max_len).max().unwrap_or(0);
        SpanIndex { chunks, len, max_len }
    }

    /// The chunk where `k` is or would go: the first whose last entry is
    /// not below it, else the last one.
    fn chunk_of(&self, k: (usize, usize, Source)) -> usize {
        let i = self.chunks.partition_point(|c| key(c.last()) < k);
        i.min(self.chunks.len().saturating_sub(1))
    }

    /// Adds one entry in its sorted place.
    pub fn insert(&mut self, e: Entry) {
        self.len += 1;
        self.max_len = self.max_len.max(e.end.saturating_sub(e.start));
        if self.chunks.is_empty() {
            self.chunks.push(Chunk::new(vec![e]));
            return;
        }
        let ci = self.chunk_of(key(&e));
        let c = &mut self.chunks[ci];
        let at = c.entries.partition_point(|x| key(x) < key(&e));
        c.entries.insert(at, e);
        c.max_end = c.max_end.max(e.end);
        c.max_len = c.max_len.max(e.end.saturating_sub(e.start));
        if c.entries.len() >= CAP {
            let tail = Chunk::new(c.entries.split_off(FILL));
            c.summarize();
            self.chunks.insert(ci + 1, tail);
        }
    }

    fn find(&self, e: Entry) -> Option<(usize, usize)> {
        if self.chunks.is_empty() {
            return None;
        }
        let ci = self.chunk_of(key(&e));
        let at = self.chunks[ci].entries.binary_search_by_key(&key(&e), key).ok()?;
        Some((ci, at))
    }

    pub fn contains(&self, e: Entry) -> bool {
        self.find(e).is_some()
    }

    /// Removes one entry if present.
    pub fn remove(&mut self, e: Entry) -> bool {
        let Some((ci, at)) = self.find(e) else { return false };
        self.len -= 1;
        let c = &mut self.chunks[ci];
        c.entries.remove(at);
        if c.entries.is_empty() {
            self.chunks.remove(ci);
        } else {
            c.summarize();
        }
        true
    }

    /// Renumbers the sidecar entries over `start..end` ranked `from` or
    /// more by `delta` (an annotation of that span went in or out of the
    /// sidecar before them). Only that span's entries move; the sorted
    /// order holds since the shift is monotone.
    pub fn shift_sidecar(&mut self, start: usize, end: usize, from: usize, delta: isize) {
        let lo = (start, end, Source::Sidecar(from));
        let mut ci = self.chunks.partition_point(|c| key(c.last()) < lo);
        while let Some(c) = self.chunks.get_mut(ci) {
            let at = c.entries.partition_point(|x| key(x) < lo);
            for e in &mut c.entries[at..] {
                match &mut e.source {
                    Source::Sidecar(k) if (e.start, e.end) == (start, end) => {
                        *k = k.wrapping_add_signed(delta);
                    }
                    _ => return,
                }
            }
            ci += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every entry in (start, end, source) order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.chunks.iter().flat_map(|c| c.entries.iter())
    }

    /// Every entry in order, copied.
    pub fn entries(&self) -> Vec<Entry> {
        self.iter().copied().collect()
    }

    /// Whether every chunk is sorted, non-empty, in order with the next and
    /// summed up right (for the checks of a patched index).
    pub fn is_consistent(&self) -> bool {
        let sorted = self.iter().zip(self.iter().skip(1)).all(|(a, b)| key(a) < key(b));
        let summed = self.chunks.iter().all(|c| {
            let mut fresh = Chunk { entries: c.entries.clone(), max_end: 0, max_len: 0 };
            fresh.summarize();
            !c.entries.is_empty() && (fresh.max_end, fresh.max_len) == (c.max_end, c.max_len)
        });
        let bound = self.chunks.iter().all(|c| c.max_len <= self.max_len);
        sorted && summed && bound && self.len == self.iter().count()
    }

    /// Every entry overlapping `start..end`, in (start, end, source) order.
    pub fn overlapping(&self, start: usize, end: usize) -> Vec<Entry> {
        let mut out = Vec::new();
        if end <= start {
            return out;
        }
        // Nothing starting `max_len` or more before `start` reaches it.
        let reach = start.saturating_sub(self.max_len);
        let from = self.chunks.partition_point(|c| c.last().start < reach);
        for c in &self.chunks[from..] {
            if c.first().start >= end {
                break;
            }
            if c.max_end <= start {
                continue;
            }
            // Nothing starting `max_len` or more before `start` reaches it.
            let from = start.saturating_sub(c.max_len);
            let lo = c.entries.partition_point(|e| e.start < from);
            for e in &c.entries[lo..] {
                if e.start >= end {
                    break;
                }
                if start < e.end {
                    out.push(*e);
                }
            }
        }
        out
    }

    /// The entries covering position `pos`, innermost (shortest) first: the
    /// order the cursor cycles through.
    pub fn at(&self, pos: usize) -> Vec<Entry> {
        let mut hits = self.overlapping(pos, pos + 1);
        hits.sort_by_key(|e| (e.end - e.start, e.start, e.source));
        hits
    }

    /// The first entry starting after `pos` (or before it, walking back)
    /// that `keep` accepts, wrapping around the text.
    pub fn next_from(&self, pos: usize, forward: bool, keep: impl Fn(&Entry) -> bool) -> Option<Entry> {
        // The split: entries before it start at or before `pos` (forward),
        // strictly before it (backward).
        let before = |e: &Entry| if forward { e.start <= pos } else { e.start < pos };
        let ci = self.chunks.partition_point(|c| before(c.last()));
        let at = self.chunks.get(ci).map_or(0, |c| c.entries.partition_point(|e| before(e)));
        let (head, tail): (&[Chunk], &[Chunk]) = self.chunks.split_at(ci);
        let (mid_before, mid_after, rest): (&[Entry], &[Entry], &[Chunk]) = match tail.split_first() {
            Some((c, rest)) => (&c.entries[..at], &c.entries[at..], rest),
            None => (&[], &[], &[]),
        };
        let all_before = head.iter().flat_map(|c| c.entries.iter()).chain(mid_before);
        let all_after = mid_after.iter().chain(rest.iter().flat_map(|c| c.entries.iter()));
        let found = if forward {
            all_after.chain(all_before).find(|e| keep(e))
        } else {
            all_before.rev().chain(all_after.rev()).find(|e| keep(e))
        };
        found.copied()
    }
}

/// The suggestions' spans in text order, (start, end, index), the
/// impossible ones (past `len`, empty) left out: built once per list.
pub fn suggestion_spans(suggestions: &[Annotation], len: usize) -> Vec<(usize, usize, usize)> {
    let mut spans: Vec<(usize, usize, usize)> = (suggestions.iter().enumerate())
        .filter(|(_, a)| a.end <= len && a.start < a.end)
        .map(|(i, a)| (a.start, a.end, i))
        .collect();
    spans.sort_unstable();
    spans
}

/// The marks of a dispatch, the one rule for the reader and the annotator:
/// its accepted annotations (each by its rank among those of its span) and
/// the suggestions that no annotation of the same span and label settles
/// (accepted or rejected). `annotations` is the sidecar's list, sorted by
/// (start, end, id); `spans` from [`suggestion_spans`].
pub fn mark_entries(
    annotations: &[Annotation],
    suggestions: &[Annotation],
    spans: &[(usize, usize, usize)],
) -> Vec<Entry> {
    // Room for both at once: growing a vector of tens of thousands of
    // entries step by step copies it again and again.
    let mut entries: Vec<Entry> = Vec::with_capacity(annotations.len() + spans.len());
    let mut group = 0;
    for (i, a) in annotations.iter().enumerate() {
        if i > 0 && (annotations[i - 1].start, annotations[i - 1].end) != (a.start, a.end) {
            group = i;
        }
        if a.status == Status::Accepted {
            entries.push(Entry { start: a.start, end: a.end, source: Source::Sidecar(i - group) });
        }
    }
    let mut from = 0;
    for &(start, end, i) in spans {
        while annotations.get(from).is_some_and(|a| (a.start, a.end) < (start, end)) {
            from += 1;
        }
        let decided = annotations[from..]
            .iter()
            .take_while(|a| a.start == start && a.end == end)
            .any(|a| a.label == suggestions[i].label);
        if !decided {
            entries.push(Entry { start, end, source: Source::Suggestion(i) });
        }
    }
    entries
}

/// The sidecar annotation an index entry of rank `k` points at.
pub fn sidecar_at<'a>(list: &'a [Annotation], e: &Entry, k: usize) -> &'a Annotation {
    &list[list.partition_point(|x| (x.start, x.end) < (e.start, e.end)) + k]
}

/// The marks of one dispatch by position, for a reader that is not
/// annotating (the annotate session keeps its own, patched change by change).
#[derive(Debug, Clone, Default)]
pub struct Marks {
    index: SpanIndex,
}

impl Marks {
    pub fn build(annotations: &[Annotation], suggestions: &[Annotation], len: usize) -> Marks {
        let spans = suggestion_spans(suggestions, len);
        Marks { index: SpanIndex::build(mark_entries(annotations, suggestions, &spans)) }
    }

    /// The marks overlapping `start..end`, each with whether it is a
    /// suggestion; `annotations` and `suggestions` are those it was built from.
    pub fn overlapping<'a>(
        &self,
        annotations: &'a [Annotation],
        suggestions: &'a [Annotation],
        start: usize,
        end: usize,
    ) -> Vec<(&'a Annotation, bool)> {
        (self.index.overlapping(start, end).iter())
            .map(|e| match e.source {
                Source::Sidecar(k) => (sidecar_at(annotations, e, k), false),
                Source::Suggestion(i) => (&suggestions[i], true),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scan(entries: &[Entry], qs: usize, qe: usize) -> Vec<Entry> {
        let mut want: Vec<Entry> = entries.iter().copied().filter(|e| e.start < qe && qs < e.end).collect();
        want.sort_by_key(key);
        want
    }

    proptest! {
        #[test]
        fn finds_exactly_what_a_scan_finds(
            spans in proptest::collection::vec((0usize..3000, 1usize..80), 0..1500),
            queries in proptest::collection::vec((0usize..3100, 1usize..40), 1..20),
        ) {
            let entries: Vec<Entry> = spans.iter().enumerate()
                .map(|(i, &(s, l))| Entry { start: s, end: s + l, source: Source::Sidecar(i) })
                .collect();
            let idx = SpanIndex::build(entries.clone());
            for (qs, ql) in queries {
                prop_assert_eq!(idx.overlapping(qs, qs + ql), scan(&entries, qs, qs + ql));
            }
        }

        /// Random inserts, removes and renumberings: the patched index holds
        /// what a rebuild from the same entries holds, and answers alike.
        #[test]
        fn patched_equals_rebuilt(
            start in proptest::collection::vec((0usize..2000, 1usize..60, 0usize..3), 0..900),
            edits in proptest::collection::vec((0u8..3, 0usize..2000, 1usize..60, 0usize..4), 1..700),
            queries in proptest::collection::vec((0usize..2100, 1usize..40), 1..10),
        ) {
            let mut live: Vec<Entry> = start.iter().enumerate()
                .map(|(i, &(s, l, k))| Entry {
                    start: s,
                    end: s + l,
                    source: if k == 0 { Source::Suggestion(i) } else { Source::Sidecar(k) },
                })
                .collect();
            live.sort_by_key(key);
            live.dedup_by_key(|e| key(e));
            let mut idx = SpanIndex::build(live.clone());
            for (n, &(op, s, l, k)) in edits.iter().enumerate() {
                let e = Entry { start: s, end: s + l, source: Source::Sidecar(k) };
                match op {
                    0 => {
                        // Make room at rank `k` of the span, then take it.
                        idx.shift_sidecar(s, s + l, k, 1);
                        for x in live.iter_mut() {
                            if let Source::Sidecar(r) = &mut x.source
                                && (x.start, x.end) == (s, s + l) && *r >= k
                            {
                                *r += 1;
                            }
                        }
                        idx.insert(e);
                        live.push(e);
                    }
                    1 => {
                        // Remove an existing one (the n-th), closing its gap.
                        if live.is_empty() {
                            continue;
                        }
                        let gone = live.remove(n % live.len());
                        prop_assert!(idx.remove(gone));
                        if let Source::Sidecar(r) = gone.source {
                            idx.shift_sidecar(gone.start, gone.end, r + 1, -1);
                            for x in live.iter_mut() {
                                if let Source::Sidecar(q) = &mut x.source
                                    && (x.start, x.end) == (gone.start, gone.end) && *q > r
                                {
                                    *q -= 1;
                                }
                            }
                        }
                    }
                    _ => {
                        let sugg = Entry { source: Source::Suggestion(n + 10_000), ..e };
                        idx.insert(sugg);
                        live.push(sugg);
                    }
                }
                live.sort_by_key(key);
                prop_assert!(idx.is_consistent());
            }
            let rebuilt = SpanIndex::build(live.clone());
            prop_assert_eq!(&idx, &rebuilt);
            prop_assert_eq!(idx.entries(), live.clone());
            for (qs, ql) in queries {
                prop_assert_eq!(idx.overlapping(qs, qs + ql), scan(&live, qs, qs + ql));
                prop_assert_eq!(idx.at(qs), rebuilt.at(qs));
                for fwd in [true, false] {
                    let odd = |e: &Entry| e.start % 2 == 1;
                    prop_assert_eq!(idx.next_from(qs, fwd, odd), rebuilt.next_from(qs, fwd, odd));
                }
            }
        }
    }

    #[test]
    fn cycles_innermost_first_and_walks_with_wrap() {
        let e = |s, e, i| Entry { start: s, end: e, source: Source::Sidecar(i) };
        let idx = SpanIndex::build(vec![e(0, 50, 0), e(10, 20, 1), e(12, 15, 2), e(30, 35, 3)]);
        let at: Vec<_> = idx.at(13).iter().map(|x| x.source).collect();
        assert_eq!(at, [Source::Sidecar(2), Source::Sidecar(1), Source::Sidecar(0)]);
        assert_eq!(idx.next_from(12, true, |_| true).unwrap().start, 30);
        assert_eq!(idx.next_from(30, true, |_| true).unwrap().start, 0);
        assert_eq!(idx.next_from(12, false, |_| true).unwrap().start, 10);
        assert_eq!(idx.next_from(0, false, |_| true).unwrap().start, 30, "wraps back to the last");
    }

    #[test]
    fn walks_across_chunks_both_ways() {
        let entries: Vec<Entry> =
            (0..2000).map(|i| Entry { start: i * 3, end: i * 3 + 2, source: Source::Sidecar(0) }).collect();
        let idx = SpanIndex::build(entries);
        assert!(idx.chunks.len() > 2);
        assert_eq!(idx.next_from(3 * 1000, true, |e| e.start % 7 == 0).unwrap().start, 3003);
        assert_eq!(idx.next_from(3 * 1000, false, |e| e.start % 7 == 0).unwrap().start, 2982);
        assert_eq!(idx.next_from(5997, true, |e| e.start == 21).unwrap().start, 21);
        assert_eq!(idx.next_from(0, false, |e| e.start == 5997).unwrap().start, 5997);
    }
}
