//! Cohen's κ: the agreement of two annotators on the category of each item,
//! corrected for the agreement their own label frequencies would give by
//! chance. κ = (po − pe) / (1 − pe), po the share of items on which they
//! agree, pe = Σ over categories of p₁(c)·p₂(c).

use std::collections::BTreeMap;

/// A confusion table of two annotators over some items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Confusion {
    pairs: BTreeMap<(String, String), usize>,
    total: usize,
}

impl Confusion {
    /// One item: the first annotator's category `a`, the second's `b`.
    pub fn add(&mut self, a: &str, b: &str) {
        *self.pairs.entry((a.to_string(), b.to_string())).or_default() += 1;
        self.total += 1;
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// The share of items both put in the same category (1 when no items).
    pub fn observed(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let same: usize = self.pairs.iter().filter(|((a, b), _)| a == b).map(|(_, n)| n).sum();
        same as f64 / self.total as f64
    }

    /// The agreement expected by chance from each annotator's own frequencies.
    pub fn expected(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        let mut second: BTreeMap<&str, usize> = BTreeMap::new();
        for ((a, b), n) in &self.pairs {
            *first.entry(a).or_default() += n;
            *second.entry(b).or_default() += n;
        }
        let n = self.total as f64;
        first.iter().map(|(c, x)| (*x as f64 / n) * (*second.get(c).unwrap_or(&0) as f64 / n)).sum()
    }

    /// Cohen's κ. When chance alone gives full agreement (both annotators
    /// put every item in one and the same category) κ is 1 by convention.
    pub fn kappa(&self) -> f64 {
        let (po, pe) = (self.observed(), self.expected());
        if (1.0 - pe).abs() < 1e-12 { 1.0 } else { (po - pe) / (1.0 - pe) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[(&str, &str, usize)]) -> Confusion {
        let mut c = Confusion::default();
        for &(a, b, n) in cells {
            for _ in 0..n {
                c.add(a, b);
            }
        }
        c
    }

    #[test]
    fn the_textbook_example() {
        // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
        // po = 35/50 = 0.7; pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4.
        let c = table(&[("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15)]);
        assert!((c.observed() - 0.7).abs() < 1e-12);
        assert!((c.expected() - 0.5).abs() < 1e-12);
        assert!((c.kappa() - 0.4).abs() < 1e-12);
    }

    #[test]
    fn full_agreement_is_one_and_chance_is_zero() {
        assert_eq!(table(&[("LOC", "LOC", 3), ("O", "O", 7)]).kappa(), 1.0);
        assert_eq!(table(&[("O", "O", 4)]).kappa(), 1.0);
        // Each says LOC half the time, independently of the other.
        let c = table(&[("LOC", "LOC", 1), ("LOC", "O", 1), ("O", "LOC", 1), ("O", "O", 1)]);
        assert_eq!(c.kappa(), 0.0);
    }
}
