//! Lookups in the rules' lists sorted by their first token (entities,
//! figures and dates are made in text order): the items starting in a
//! token range are one sub-slice found by binary search, not a pass over
//! the whole list. A pass per figure over every entity made the claims of
//! a long dispatch quadratic.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use super::dates::DateFound;
use super::entities::Entity;
use super::figures::Figure;

/// Work units, counted in tests only: each token text or entity label the
/// rules read. A pass per figure over every entity or token before it
/// shows as work growing with the square of a dispatch's size.
#[cfg(test)]
pub mod work {
    use std::cell::Cell;

    thread_local!(static UNITS: Cell<u64> = const { Cell::new(0) });

    pub fn add() {
        UNITS.with(|u| u.set(u.get() + 1));
    }

    /// The units counted on this thread since the last call.
    pub fn take() -> u64 {
        UNITS.with(|u| u.replace(0))
    }
}

/// An item of a list sorted by its first token.
pub trait Start {
    fn first_token(&self) -> usize;
}

impl Start for Entity {
    fn first_token(&self) -> usize {
        self.start
    }
}

impl Start for Figure {
    fn first_token(&self) -> usize {
        self.start
    }
}

impl Start for DateFound {
    fn first_token(&self) -> usize {
        self.start
    }
}

/// The items of `list` (sorted by first token) starting in `from..to`, in
/// their order.
pub fn starting_in<T: Start>(list: &[T], from: usize, to: usize) -> &[T] {
    debug_assert!(list.is_sorted_by_key(Start::first_token), "a list of spans out of text order");
    let lo = list.partition_point(|x| x.first_token() < from);
    let hi = lo + list[lo..].partition_point(|x| x.first_token() < to);
    &list[lo..hi]
}

/// The items of `list` (sorted by first token) starting before token `t`.
pub fn starting_before<T: Start>(list: &[T], t: usize) -> &[T] {
    starting_in(list, 0, t)
}

/// The entities (sorted by first token) that may hold a token of
/// `from..to`: those starting in it or at most `longest` tokens before it
/// (`longest`: the most tokens an entity of the list spans).
pub fn may_overlap(list: &[Entity], from: usize, to: usize, longest: usize) -> &[Entity] {
    starting_in(list, from.saturating_sub(longest), to)
}

/// The most tokens an entity of `list` spans.
pub fn longest(list: &[Entity]) -> usize {
    list.iter().map(|e| e.end.saturating_sub(e.start)).max().unwrap_or(0)
}

/// "The last item before here that is a such-and-such", asked again and
/// again as a text is read: each item is looked at once, whatever the
/// number of questions (a pass back over every earlier entity per claim
/// made a long dispatch quadratic), and only from the first question's
/// answer on (a lookback asked once reads back to its answer, as a pass
/// would). The reading must depend on the item alone.
pub struct Lookback<V> {
    /// Items `read.0..read.1` have been looked at (none yet: `None`).
    read: Option<(usize, usize)>,
    /// Those whose reading gave something, in order, with it.
    hits: VecDeque<(usize, V)>,
}

impl<V> Default for Lookback<V> {
    fn default() -> Self {
        Lookback { read: None, hits: VecDeque::new() }
    }
}

impl<V: Clone> Lookback<V> {
    /// Among items `0..n`, the last `i` with `keep(i)` whose reading
    /// `read(i)` is something, with it.
    pub fn last(
        &mut self,
        n: usize,
        mut read: impl FnMut(usize) -> Option<V>,
        keep: impl Fn(usize) -> bool,
    ) -> Option<(usize, V)> {
        let (mut lo, mut hi) = self.read.unwrap_or((n, n));
        // forward to `n`
        while hi < n {
            if let Some(v) = read(hi) {
                self.hits.push_back((hi, v));
            }
            hi += 1;
        }
        let k = self.hits.partition_point(|&(i, _)| i < n);
        let found = self.hits.range(..k).rev().find(|&&(i, _)| keep(i)).cloned();
        // else back from what was read, to the answer
        let found = found.or_else(|| {
            while lo > 0 {
                lo -= 1;
                if let Some(v) = read(lo) {
                    self.hits.push_front((lo, v.clone()));
                    if lo < n && keep(lo) {
                        return Some((lo, v));
                    }
                }
            }
            None
        });
        self.read = Some((lo, hi));
        found
    }

    /// The last entity of `list` (sorted by first token) ending by token
    /// `before` whose reading is something, with it.
    pub fn last_entity(
        &mut self,
        list: &[Entity],
        before: usize,
        mut read: impl FnMut(&Entity) -> Option<V>,
    ) -> Option<V> {
        let n = starting_before(list, before).len();
        self.last(n, |i| read(&list[i]), |i| list[i].end <= before).map(|(_, v)| v)
    }
}

/// What a lookback looks for: a name for what, a word, the country of the
/// context (a reading may depend on it).
pub type LookFor = (&'static str, &'static str, Option<&'static str>);

/// Lookbacks by what they look for, shared by the rules of one text.
pub struct Lookbacks<V>(RefCell<HashMap<LookFor, Lookback<V>>>);

impl<V> Default for Lookbacks<V> {
    fn default() -> Self {
        Lookbacks(RefCell::new(HashMap::new()))
    }
}

impl<V: Clone> Lookbacks<V> {
    /// [`Lookback::last`] of the lookback for `what`.
    pub fn last(
        &self,
        what: LookFor,
        n: usize,
        read: impl FnMut(usize) -> Option<V>,
        keep: impl Fn(usize) -> bool,
    ) -> Option<(usize, V)> {
        // taken out while reading: a reading may ask another lookback
        let mut back = self.0.borrow_mut().remove(&what).unwrap_or_default();
        let found = back.last(n, read, keep);
        self.0.borrow_mut().insert(what, back);
        found
    }

    /// [`Lookback::last_entity`] of the lookback for `what`.
    pub fn last_entity(
        &self,
        what: LookFor,
        list: &[Entity],
        before: usize,
        read: impl FnMut(&Entity) -> Option<V>,
    ) -> Option<V> {
        let mut back = self.0.borrow_mut().remove(&what).unwrap_or_default();
        let found = back.last_entity(list, before, read);
        self.0.borrow_mut().insert(what, back);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(start: usize, end: usize) -> Entity {
        Entity { start, end, label: "LOC".into(), canonical: None, tagged: true, bytes: None }
    }

    #[test]
    fn the_items_starting_in_a_range_are_a_slice() {
        let list = [ent(1, 2), ent(3, 5), ent(3, 4), ent(7, 9), ent(12, 13)];
        let starts = |s: &[Entity]| s.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>();
        assert_eq!(starts(starting_in(&list, 3, 8)), [(3, 5), (3, 4), (7, 9)]);
        assert_eq!(starts(starting_in(&list, 4, 7)), []);
        assert_eq!(starts(starting_in(&list, 9, 2)), [], "an empty range");
        assert_eq!(starts(starting_before(&list, 7)), [(1, 2), (3, 5), (3, 4)]);
        // (3, 5) holds token 4; (7, 9) starts too far before 11 to hold it
        assert_eq!(longest(&list), 2);
        let near: Vec<_> = may_overlap(&list, 4, 5, 2).iter().filter(|e| e.start < 5 && e.end > 4).collect();
        assert_eq!(near.len(), 1);
        assert!(may_overlap(&list, 11, 12, 2).iter().all(|e| e.start >= 9));
    }

    #[test]
    fn a_lookback_reads_each_item_once_and_answers_like_a_pass_back() {
        // items 0..100; the even ones read as their half; keep all but 40
        let mut back = Lookback::default();
        let mut reads = 0;
        for n in [10, 50, 30, 100, 100, 3, 41, 0, 1] {
            let found = back.last(
                n,
                |i| {
                    reads += 1;
                    (i % 2 == 0).then_some(i / 2)
                },
                |i| i != 40,
            );
            let pass = (0..n).rev().filter(|&i| i != 40).find_map(|i| (i % 2 == 0).then_some((i, i / 2)));
            assert_eq!(found, pass, "n = {n}");
        }
        assert_eq!(reads, 100);
        let list = [ent(0, 1), ent(2, 6), ent(4, 5), ent(8, 9)];
        let mut back = Lookback::default();
        let ends = |e: &Entity| Some(e.end);
        assert_eq!(back.last_entity(&list, 5, ends), Some(5), "(2, 6) is not over by 5");
        assert_eq!(back.last_entity(&list, 4, ends), Some(1));
        assert_eq!(back.last_entity(&list, 20, ends), Some(9));
    }
}
