//! Re-anchoring: finding an annotation again in a text that changed since its
//! offsets were written (DESIGN.md §2), the way Hypothesis anchors web
//! annotations. Pure functions over the new text; offsets are code points.
//!
//! 1. The old position, if the text there still equals the quote.
//! 2. Else the exact occurrences of the quote, ranked by how well their
//!    surroundings match the stored prefix and suffix, then by distance to the
//!    old position.
//! 3. Else approximate occurrences within a bounded number of edits
//!    (Sellers' algorithm with Ukkonen's cut-off), ranked the same way.
//! 4. Else nothing: the caller keeps the annotation as an orphan.

use super::model::Quote;
use crate::text::CharIndex;

/// How an annotation was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The text at the old offsets still equals the quote.
    Kept,
    /// An exact occurrence of the quote elsewhere.
    Exact,
    /// An approximate occurrence with this many edits.
    Fuzzy { errors: usize },
}

/// Where an annotation now lies (code points, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub start: usize,
    pub end: usize,
    pub how: How,
}

/// At most one edit for every this many characters of the quote.
const CHARS_PER_ERROR: usize = 4;
/// Below this, an approximate match must also be supported by its context.
const MIN_CONTEXT: f64 = 0.5;
/// A quote this long is not found elsewhere by chance: an exact occurrence is
/// trusted even when its surroundings were rewritten.
const SELF_EVIDENT_QUOTE: usize = 16;
/// Texts up to this size are searched whole for approximate matches; longer
/// ones only near the old position (exact occurrences are looked for near it
/// first, then in the whole text), to bound the work.
const WHOLE_TEXT_FUZZY: usize = 200_000;
const NEAR_RADIUS: usize = 20_000;
/// Exact occurrences scored at most (the nearest to the old position).
const MAX_CANDIDATES: usize = 1_000;

// Weights of the score, as in Hypothesis' text-quote anchoring.
const W_QUOTE: f64 = 50.0;
const W_PREFIX: f64 = 20.0;
const W_SUFFIX: f64 = 20.0;
const W_POSITION: f64 = 2.0;

/// Finds `quote` in `text` (indexed by `index`), near `old_start..old_end`.
pub fn reanchor(
    text: &str,
    index: &CharIndex,
    old_start: usize,
    old_end: usize,
    quote: &Quote,
) -> Option<Placement> {
    let len = index.len_chars();
    if old_start <= old_end && old_end <= len && index.slice(text, old_start, old_end) == quote.exact {
        return Some(Placement { start: old_start, end: old_end, how: How::Kept });
    }
    if quote.exact.is_empty() {
        // An empty quote has no text to look for: only its position held it.
        return None;
    }
    let m = quote.exact.chars().count();
    let ctx = Context::new(text, index, quote, old_start);

    // Near the old position first: on a long text, searching all of it for
    // every annotation would cost the text's length each time.
    let near = window(old_start, old_end, len, NEAR_RADIUS.max(8 * m));
    let whole = (0, len);
    for (w0, w1) in if near == whole { vec![whole] } else { vec![near, whole] } {
        let exact = exact_occurrences(text, index, &quote.exact, w0, w1, old_start);
        if let Some(r) = nearest_best(&ctx, &exact, m) {
            let unique = exact.len() == 1 && (w0, w1) == whole;
            if m >= SELF_EVIDENT_QUOTE || unique && r.context.is_none() || r.context >= Some(MIN_CONTEXT) {
                return Some(Placement { start: r.start, end: r.end, how: How::Exact });
            }
        }
    }

    let k = m / CHARS_PER_ERROR;
    if k == 0 {
        return None;
    }
    let (w0, w1) = if len <= WHOLE_TEXT_FUZZY { whole } else { near };
    let window: Vec<char> = index.slice(text, w0, w1).chars().collect();
    let pattern: Vec<char> = quote.exact.chars().collect();
    let best = approximate_matches(&pattern, &window, k)
        .into_iter()
        .filter(|mt| mt.end > mt.start)
        .map(|mt| ctx.rate(w0 + mt.start, w0 + mt.end, mt.errors, m))
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.start.cmp(&a.start)))?;
    let supported = match best.context {
        Some(c) => c >= MIN_CONTEXT,
        // Nothing around it to confirm: only a near-perfect match will do.
        None => best.errors * 2 * CHARS_PER_ERROR <= m,
    };
    supported.then_some(Placement {
        start: best.start,
        end: best.end,
        how: How::Fuzzy { errors: best.errors },
    })
}

/// The best rated of exact occurrences given nearest first. Stops at the first
/// one whose context matches perfectly: farther ones cannot score higher
/// (this keeps repetitive texts with many occurrences cheap).
fn nearest_best(ctx: &Context<'_>, starts: &[usize], m: usize) -> Option<Rated> {
    let mut best: Option<Rated> = None;
    for &s in starts {
        let r = ctx.rate(s, s + m, 0, m);
        if best.is_none_or(|b| r.score > b.score) {
            best = Some(r);
        }
        if r.perfect {
            break;
        }
    }
    best
}

/// `start..end` widened by `radius` on each side, within `0..len`.
fn window(start: usize, end: usize, len: usize, radius: usize) -> (usize, usize) {
    (start.min(len).saturating_sub(radius), end.max(start).saturating_add(radius).min(len))
}

/// Start offsets (code points) of every occurrence of `needle` within the
/// code points `w0..w1`, overlapping ones included, the nearest to `near`
/// first, at most [`MAX_CANDIDATES`].
fn exact_occurrences(
    text: &str,
    index: &CharIndex,
    needle: &str,
    w0: usize,
    w1: usize,
    near: usize,
) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut from, stop) = (index.byte(text, w0), index.byte(text, w1));
    while let Some(pos) = text[from..stop].find(needle) {
        let b = from + pos;
        found.push(index.char_of_byte(text, b));
        let step = text[b..].chars().next().map_or(1, char::len_utf8);
        from = b + step;
    }
    found.sort_by_key(|&s| (s.abs_diff(near), s));
    found.truncate(MAX_CANDIDATES);
    found
}

/// The stored context of a quote and what is needed to score a candidate.
struct Context<'t> {
    text: &'t str,
    index: &'t CharIndex,
    prefix: Vec<char>,
    suffix: Vec<char>,
    hint: usize,
}

#[derive(Debug, Clone, Copy)]
struct Rated {
    start: usize,
    end: usize,
    errors: usize,
    /// Mean similarity of the prefix and suffix present in the quote.
    context: Option<f64>,
    /// Every context present matches exactly.
    perfect: bool,
    score: f64,
}

impl<'t> Context<'t> {
    fn new(text: &'t str, index: &'t CharIndex, quote: &Quote, hint: usize) -> Self {
        Context {
            text,
            index,
            prefix: quote.prefix.chars().collect(),
            suffix: quote.suffix.chars().collect(),
            hint,
        }
    }

    fn rate(&self, start: usize, end: usize, errors: usize, m: usize) -> Rated {
        let len = self.index.len_chars().max(1);
        let quote_sim = 1.0 - errors as f64 / m.max(1) as f64;
        let prefix_sim = (!self.prefix.is_empty()).then(|| {
            let before: Vec<char> =
                self.index.slice(self.text, start.saturating_sub(self.prefix.len()), start).chars().collect();
            similarity(&self.prefix, &before)
        });
        let suffix_sim = (!self.suffix.is_empty()).then(|| {
            let after: Vec<char> =
                self.index.slice(self.text, end, end + self.suffix.len()).chars().collect();
            similarity(&self.suffix, &after)
        });
        let context = match (prefix_sim, suffix_sim) {
            (Some(p), Some(s)) => Some((p + s) / 2.0),
            (p, s) => p.or(s),
        };
        let position = 1.0 - start.abs_diff(self.hint) as f64 / len as f64;
        let score = W_QUOTE * quote_sim
            + W_PREFIX * prefix_sim.unwrap_or(0.5)
            + W_SUFFIX * suffix_sim.unwrap_or(0.5)
            + W_POSITION * position;
        let perfect = prefix_sim.unwrap_or(1.0) == 1.0 && suffix_sim.unwrap_or(1.0) == 1.0;
        Rated { start, end, errors, context, perfect, score }
    }
}

/// 1 for equal sequences, 0 for sequences with nothing in common.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longest as f64
}

/// Edit distance (insertions, deletions, substitutions) of two short sequences.
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// An approximate occurrence of a pattern in a haystack (indices into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApproxMatch {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

/// The occurrences of `pattern` in `hay` with at most `k` edits: for each run
/// of adjacent end positions within `k`, the one with the fewest edits.
/// Sellers' semi-global edit distance, computing only the rows that can still
/// be within `k` (Ukkonen's cut-off), so about O(k·n) on real text.
pub fn approximate_matches(pattern: &[char], hay: &[char], k: usize) -> Vec<ApproxMatch> {
    let m = pattern.len();
    if m == 0 {
        return Vec::new();
    }
    let inf = k + 1;
    // cost[i]: fewest edits turning pattern[..i] into some text ending here;
    // from[i]: where that text starts.
    let mut cost: Vec<usize> = (0..=m).map(|i| i.min(inf)).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut last_active = k.min(m);
    let mut out: Vec<ApproxMatch> = Vec::new();
    let mut in_run = false;
    for (j, &c) in hay.iter().enumerate() {
        let (mut diag, mut diag_from) = (cost[0], from[0]);
        cost[0] = 0;
        from[0] = j + 1;
        let top = (last_active + 1).min(m);
        for i in 1..=top {
            let (old, old_from) = (cost[i], from[i]);
            let (mut best, mut best_from) = (diag + usize::from(pattern[i - 1] != c), diag_from);
            if cost[i - 1] + 1 < best {
                (best, best_from) = (cost[i - 1] + 1, from[i - 1]);
            }
            if old + 1 < best {
                (best, best_from) = (old + 1, old_from);
            }
            (diag, diag_from) = (old, old_from);
            cost[i] = best.min(inf);
            from[i] = best_from;
        }
        let mut l = top;
        while l > 0 && cost[l] > k {
            l -= 1;
        }
        last_active = l;
        if last_active == m {
            let here = ApproxMatch { start: from[m], end: j + 1, errors: cost[m] };
            match out.last_mut() {
                Some(prev) if in_run && here.errors < prev.errors => *prev = here,
                Some(_) if in_run => {}
                _ => out.push(here),
            }
            in_run = true;
        } else {
            in_run = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, start: usize, end: usize) -> Quote {
        super::super::model::quote_at(text, start, end)
    }

    fn find(new: &str, old_start: usize, old_end: usize, quote: &Quote) -> Option<Placement> {
        reanchor(new, &CharIndex::new(new), old_start, old_end, quote)
    }

    fn covered(text: &str, p: Placement) -> &str {
        crate::text::slice_chars(text, p.start, p.end)
    }

    const OLD: &str = "Moscou, 21 oct 2020 (AFP) - Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu \
                       mercredi séparément ses homologues arménien et azerbaïdjanais, selon la diplomatie russe.";

    fn lavrov() -> (usize, usize, Quote) {
        let s = OLD.chars().collect::<String>().find("Sergueï Lavrov").unwrap();
        let start = OLD[..s].chars().count();
        let end = start + "Sergueï Lavrov".chars().count();
        (start, end, q(OLD, start, end))
    }

    #[test]
    fn an_unchanged_position_is_kept() {
        let (s, e, quote) = lavrov();
        let p = find(OLD, s, e, &quote).unwrap();
        assert_eq!((p.start, p.end, p.how), (s, e, How::Kept));
    }

    #[test]
    fn an_insertion_before_moves_the_span() {
        let (s, e, quote) = lavrov();
        let new = format!("MISE À JOUR 😀 : {OLD}");
        let p = find(&new, s, e, &quote).unwrap();
        assert_eq!(p.how, How::Exact);
        assert_eq!((p.start, p.end), (s + 16, e + 16));
        assert_eq!(covered(&new, p), "Sergueï Lavrov");
    }

    #[test]
    fn an_insertion_after_keeps_the_span() {
        let (s, e, quote) = lavrov();
        let new = format!("{OLD} Fin de la dépêche.");
        assert_eq!(find(&new, s, e, &quote).unwrap().how, How::Kept);
    }

    #[test]
    fn an_insertion_inside_is_found_approximately() {
        let (s, e, quote) = lavrov();
        let new = OLD.replace("Sergueï Lavrov", "Sergueï V. Lavrov");
        let p = find(&new, s, e, &quote).unwrap();
        assert!(matches!(p.how, How::Fuzzy { errors: 3 }), "{p:?}");
        assert_eq!(covered(&new, p), "Sergueï V. Lavrov");
    }

    #[test]
    fn a_vanished_quote_is_an_orphan() {
        let (s, e, quote) = lavrov();
        let new = OLD.replace("Sergueï Lavrov", "le chef de la diplomatie");
        assert_eq!(find(&new, s, e, &quote), None);
    }

    #[test]
    fn the_occurrence_with_the_matching_context_wins_over_the_nearest() {
        let text = "à Bakou, le ministre parle. Plus tard, à Stepanakert, les sirènes.";
        let start = text.find("Stepanakert").unwrap();
        let start = text[..start].chars().count();
        let quote = q(text, start, start + 11);
        // The sentence moves to the front; a decoy with another context sits
        // where the span used to be.
        let new = "Plus tard, à Stepanakert, les sirènes. à Bakou, le ministre parle. Stepanakert puis rien.";
        let p = find(new, start, start + 11, &quote).unwrap();
        assert_eq!((p.start, p.how), (13, How::Exact));
    }

    #[test]
    fn a_short_quote_with_a_foreign_context_is_not_moved_there() {
        let text = "Les forces arméniennes ont tiré sur Bakou hier soir.";
        let start = text.find("Bakou").unwrap();
        let quote = q(text, start, start + 5);
        let new = "Tout autre chose : un concert à Bakou demain.";
        assert_eq!(find(new, start, start + 5, &quote), None);
    }

    #[test]
    fn code_points_not_bytes() {
        let text = "👍 Ərdoğan à Bakı 😀 fin";
        let quote = q(text, 12, 16);
        assert_eq!(quote.exact, "Bakı");
        let new = format!("😀😀{text}");
        let p = find(&new, 12, 16, &quote).unwrap();
        assert_eq!((p.start, p.end), (14, 18));
    }

    #[test]
    fn long_texts_are_searched_near_first_then_whole() {
        let filler = "Lorem ipsum dolor sit amet. ".repeat(20_000);
        let old = format!("{filler}Le cessez-le-feu humanitaire est entré en vigueur.{filler}");
        let s = old.find("cessez-le-feu").unwrap();
        let (start, end) = (s, s + "cessez-le-feu".len());
        let quote = q(&old, start, end);
        // Shifted a little: found near the old position.
        let near = format!("Mise à jour. {old}");
        let p = find(&near, start, end, &quote).unwrap();
        assert_eq!((p.start, p.how), (start + 13, How::Exact));
        // Moved far beyond the near window: found in the whole text.
        let far = format!("{filler}{filler}{old}");
        let p = find(&far, start, end, &quote).unwrap();
        assert_eq!(covered(&far, p), "cessez-le-feu");
        assert_eq!(p.start, start + 2 * filler.len());
    }

    #[test]
    fn approximate_matches_report_start_end_and_errors() {
        let pat: Vec<char> = "abcdef".chars().collect();
        let hay: Vec<char> = "xxabcXdefyy".chars().collect();
        let found = approximate_matches(&pat, &hay, 1);
        assert_eq!(found, vec![ApproxMatch { start: 2, end: 9, errors: 1 }]);
        assert!(approximate_matches(&pat, &"zzzzzz".chars().collect::<Vec<_>>(), 1).is_empty());
    }

    #[test]
    fn levenshtein_counts_edits() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("Bakou"), &c("Bakı")), 2);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
        assert_eq!(similarity(&c("abcd"), &c("abcd")), 1.0);
    }
}
