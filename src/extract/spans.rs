//! Lookups in the rules' lists sorted by their first token (entities,
//! figures and dates are made in text order): the items starting in a
//! token range are one sub-slice found by binary search, not a pass over
//! the whole list. A pass per figure over every entity made the claims of
//! a long dispatch quadratic.

use super::dates::DateFound;
use super::entities::Entity;
use super::figures::Figure;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(start: usize, end: usize) -> Entity {
        Entity {
            start,
            end,
            label: "LOC".into(),
            canonical: None,
            tagged: true,
            bytes: None,
        }
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
}
