//! Annotations by position: an implicit augmented interval tree over spans
//! sorted by start (the layout of Heng Li's cgranges). "What is under the
//! cursor" and "what styles this visible line" cost O(log n + hits), never a
//! scan of every annotation of a long dispatch.

/// Where an indexed span comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// `sidecar.annotations[i]` (accepted ones only are indexed).
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

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanIndex {
    entries: Vec<Entry>,
    /// Largest end in the implicit subtree rooted at each position.
    max_end: Vec<usize>,
    levels: u32,
}

impl SpanIndex {
    pub fn build(mut entries: Vec<Entry>) -> SpanIndex {
        entries.sort_by_key(key);
        let mut index = SpanIndex { entries, max_end: Vec::new(), levels: 0 };
        index.grow_tree();
        index
    }

    /// Adds one entry in its sorted place. The tree is stale until
    /// [`SpanIndex::grow_tree`]: a patch makes its edits, then regrows once.
    pub fn insert(&mut self, e: Entry) {
        let at = self.entries.partition_point(|x| key(x) < key(&e));
        self.entries.insert(at, e);
    }

    pub fn contains(&self, e: Entry) -> bool {
        self.entries.binary_search_by_key(&key(&e), key).is_ok()
    }

    /// Removes one entry if present (tree stale as for `insert`).
    pub fn remove(&mut self, e: Entry) -> bool {
        match self.entries.binary_search_by_key(&key(&e), key) {
            Ok(at) => {
                self.entries.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// Renumbers the sidecar entries at or after `from` by `delta` (an
    /// annotation went in or out of the sidecar before them). A monotone
    /// shift: the sorted order holds.
    pub fn shift_sidecar(&mut self, from: usize, delta: isize) {
        for e in &mut self.entries {
            if let Source::Sidecar(i) = &mut e.source
                && *i >= from
            {
                *i = i.wrapping_add_signed(delta);
            }
        }
    }

    /// Recomputes the subtree maxima of the sorted entries: O(n), no sort.
    pub fn grow_tree(&mut self) {
        let entries = &self.entries;
        let n = entries.len();
        let mut max_end: Vec<usize> = std::mem::take(&mut self.max_end);
        max_end.clear();
        max_end.extend(entries.iter().map(|e| e.end));
        if n == 0 {
            self.max_end = max_end;
            self.levels = 0;
            return;
        }
        // Leaves are even positions; level k nodes sit at (2^k - 1) + j*2^(k+1).
        let mut last_i = (n - 1) & !1;
        let mut last = max_end[last_i];
        let mut k = 1u32;
        while (1usize << k) <= n {
            let x = 1usize << (k - 1);
            let i0 = (x << 1) - 1;
            let step = x << 2;
            let mut i = i0;
            while i < n {
                let left = max_end[i - x];
                let right = if i + x < n { max_end[i + x] } else { last };
                max_end[i] = entries[i].end.max(left).max(right);
                i += step;
            }
            last_i = if (last_i >> k) & 1 == 1 { last_i - x } else { last_i + x };
            if last_i < n && max_end[last_i] > last {
                last = max_end[last_i];
            }
            k += 1;
        }
        self.max_end = max_end;
        self.levels = k - 1;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every entry overlapping `start..end`, in (start, end) order.
    pub fn overlapping(&self, start: usize, end: usize) -> Vec<Entry> {
        let mut out = Vec::new();
        let n = self.entries.len();
        if n == 0 || end <= start {
            return out;
        }
        let mut stack: Vec<(usize, u32, bool)> = vec![((1usize << self.levels) - 1, self.levels, false)];
        while let Some((x, k, left_done)) = stack.pop() {
            if k <= 3 {
                // Small subtree: a linear scan of its sorted range.
                let i0 = (x >> k) << k;
                let i1 = (i0 + (1usize << (k + 1)) - 1).min(n);
                for e in &self.entries[i0.min(n)..i1] {
                    if e.start >= end {
                        break;
                    }
                    if start < e.end {
                        out.push(*e);
                    }
                }
            } else if !left_done {
                let y = x - (1usize << (k - 1));
                stack.push((x, k, true));
                if y >= n || self.max_end[y] > start {
                    stack.push((y, k - 1, false));
                }
            } else if x < n && self.entries[x].start < end {
                if start < self.entries[x].end {
                    out.push(self.entries[x]);
                }
                stack.push((x + (1usize << (k - 1)), k - 1, false));
            }
        }
        out.sort_by_key(|e| (e.start, e.end, e.source));
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
        let n = self.entries.len();
        let split = if forward {
            self.entries.partition_point(|e| e.start <= pos)
        } else {
            self.entries.partition_point(|e| e.start < pos)
        };
        let order: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new((split..n).chain(0..split))
        } else {
            Box::new((0..split).rev().chain((split..n).rev()))
        };
        order.map(|i| self.entries[i]).find(|e| keep(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_exactly_what_a_scan_finds(
            spans in proptest::collection::vec((0usize..300, 1usize..80), 0..200),
            queries in proptest::collection::vec((0usize..400, 1usize..40), 1..20),
        ) {
            let entries: Vec<Entry> = spans.iter().enumerate()
                .map(|(i, &(s, l))| Entry { start: s, end: s + l, source: Source::Sidecar(i) })
                .collect();
            let idx = SpanIndex::build(entries.clone());
            for (qs, ql) in queries {
                let mut want: Vec<Entry> = entries.iter().copied()
                    .filter(|e| e.start < qs + ql && qs < e.end).collect();
                want.sort_by_key(|e| (e.start, e.end, e.source));
                prop_assert_eq!(idx.overlapping(qs, qs + ql), want);
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
    }
}
