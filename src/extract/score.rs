//! Scoring suggestions against the accepted annotations of a project:
//! precision, recall and F1 per label, strict (same span) and lenient
//! (overlapping span, one to one); DATE value accuracy; CLAIM field
//! accuracy. Each article is scored with what the *other* articles taught
//! (leave one out), so that learning from the corpus is not reading the
//! answers.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Knowledge, suggest};
use crate::annotation::{Annotation, Kind, Sidecar, Status};
use crate::project::Project;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(tp: usize, suggested: usize, gold: usize) -> Prf {
        let p = if suggested == 0 { if gold == 0 { 1.0 } else { 0.0 } } else { tp as f64 / suggested as f64 };
        let r = if gold == 0 { 1.0 } else { tp as f64 / gold as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1 }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub gold: usize,
    pub suggested: usize,
    pub strict_tp: usize,
    pub lenient_tp: usize,
    pub strict: Prf,
    pub lenient: Prf,
}

/// Counts that add up across articles; `Report::finish` computes rates.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub suggested: usize,
    /// Found (overlap) and judged right.
    pub right: usize,
    /// Found (overlap), whatever the value.
    pub matched: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimCounts {
    /// Gold claims, suggested claims, overlapping pairs.
    pub gold: usize,
    pub suggested: usize,
    pub matched: usize,
    /// Same count range and claimant.
    pub figure_and_claimant: usize,
    pub claimant: usize,
    pub what: usize,
    pub who: usize,
    pub side: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// The articles scored: those with accepted annotations.
    pub articles: usize,
    /// The articles left out: nobody annotated them, so every suggestion
    /// would count as a false positive.
    pub unannotated: Vec<String>,
    pub labels: Vec<LabelScore>,
    /// PER, LOC and ORG together, strict and lenient.
    pub entities: LabelScore,
    /// DATE values: `right` = same date and precision (two missing values agree).
    pub date_values: Counts,
    /// right / matched.
    pub date_value_accuracy: f64,
    /// F1 where a hit must overlap and carry the right value.
    pub date_value_f1: f64,
    pub claims: ClaimCounts,
    /// F1 where a hit must overlap with the same count range and claimant.
    pub claim_f1: f64,
    pub claimant_accuracy: f64,
    pub what_accuracy: f64,
    pub who_accuracy: f64,
    pub side_accuracy: f64,
}

impl Report {
    pub fn label(&self, name: &str) -> Option<&LabelScore> {
        self.labels.iter().find(|l| l.label == name)
    }
}

/// Scores suggestions for every annotated article of `project` against its
/// accepted annotations.
pub fn evaluate(project: &Project) -> Report {
    let mut acc = Accumulator::default();
    let mut unannotated = Vec::new();
    for (i, article) in project.articles.iter().enumerate() {
        let gold: Vec<&Annotation> =
            project.sidecars[i].annotations.iter().filter(|a| a.status == Status::Accepted).collect();
        if gold.is_empty() {
            unannotated.push(article.id.clone());
            continue;
        }
        let knowledge = Knowledge::from_project_except(project, i);
        let suggested = suggest(article, &Sidecar::empty(article), &knowledge);
        acc.add(&gold, &suggested);
    }
    let mut report = acc.finish(project.articles.len() - unannotated.len());
    report.unannotated = unannotated;
    report
}

#[derive(Default)]
struct Accumulator {
    labels: BTreeMap<String, LabelScore>,
    entities: LabelScore,
    dates: Counts,
    claims: ClaimCounts,
}

impl Accumulator {
    fn add(&mut self, gold: &[&Annotation], suggested: &[Annotation]) {
        let mut names: Vec<&str> = gold.iter().map(|a| a.label.as_str()).collect();
        names.extend(suggested.iter().map(|a| a.label.as_str()));
        names.sort_unstable();
        names.dedup();
        for name in names {
            let g: Vec<&Annotation> = gold.iter().copied().filter(|a| a.label == name).collect();
            let s: Vec<&Annotation> = suggested.iter().filter(|a| a.label == name).collect();
            let strict = s.iter().filter(|x| g.iter().any(|y| x.start == y.start && x.end == y.end)).count();
            let pairs = lenient_pairs(&g, &s);
            let row = self
                .labels
                .entry(name.to_string())
                .or_insert_with(|| LabelScore { label: name.into(), ..Default::default() });
            row.gold += g.len();
            row.suggested += s.len();
            row.strict_tp += strict;
            row.lenient_tp += pairs.len();
            if matches!(name, "PER" | "LOC" | "ORG") {
                self.entities.gold += g.len();
                self.entities.suggested += s.len();
                self.entities.strict_tp += strict;
                self.entities.lenient_tp += pairs.len();
            }
            if g.first().or(s.first()).is_some_and(|a| a.kind == Kind::Date) {
                self.dates.gold += g.len();
                self.dates.suggested += s.len();
                self.dates.matched += pairs.len();
                self.dates.right += pairs
                    .iter()
                    .filter(|(a, b)| {
                        a.attrs.date == b.attrs.date
                            && a.attrs.date.map(|d| d.precision()) == b.attrs.date.map(|d| d.precision())
                    })
                    .count();
            }
            if g.first().or(s.first()).is_some_and(|a| a.kind == Kind::Claim) {
                let c = &mut self.claims;
                c.gold += g.len();
                c.suggested += s.len();
                c.matched += pairs.len();
                for (a, b) in &pairs {
                    let same_claimant = same_text(&a.attrs.claimant, &b.attrs.claimant);
                    let same_count =
                        a.attrs.count_low == b.attrs.count_low && a.attrs.count_high == b.attrs.count_high;
                    c.claimant += same_claimant as usize;
                    c.figure_and_claimant += (same_claimant && same_count) as usize;
                    c.what += (a.attrs.what == b.attrs.what) as usize;
                    c.who += (a.attrs.who == b.attrs.who) as usize;
                    c.side += (a.attrs.side == b.attrs.side) as usize;
                }
            }
        }
    }

    fn finish(self, articles: usize) -> Report {
        let fill = |mut r: LabelScore| {
            r.strict = Prf::new(r.strict_tp, r.suggested, r.gold);
            r.lenient = Prf::new(r.lenient_tp, r.suggested, r.gold);
            r
        };
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let c = &self.claims;
        Report {
            articles,
            unannotated: Vec::new(),
            labels: self.labels.into_values().map(fill).collect(),
            entities: fill(LabelScore { label: "PER+LOC+ORG".into(), ..self.entities }),
            date_value_accuracy: ratio(self.dates.right, self.dates.matched),
            date_value_f1: Prf::new(self.dates.right, self.dates.suggested, self.dates.gold).f1,
            date_values: self.dates,
            claim_f1: Prf::new(c.figure_and_claimant, c.suggested, c.gold).f1,
            claimant_accuracy: ratio(c.claimant, c.matched),
            what_accuracy: ratio(c.what, c.matched),
            who_accuracy: ratio(c.who, c.matched),
            side_accuracy: ratio(c.side, c.matched),
            claims: self.claims,
        }
    }
}

fn same_text(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
        (None, None) => true,
        _ => false,
    }
}

/// One-to-one pairs of overlapping spans, the closest first.
fn lenient_pairs<'a>(
    gold: &[&'a Annotation],
    suggested: &[&'a Annotation],
) -> Vec<(&'a Annotation, &'a Annotation)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, s) in suggested.iter().enumerate() {
            if g.overlaps(s.start, s.end) {
                let cost = g.start.abs_diff(s.start) + g.end.abs_diff(s.end);
                candidates.push((cost, i, j));
            }
        }
    }
    candidates.sort_unstable();
    let (mut used_g, mut used_s) = (vec![false; gold.len()], vec![false; suggested.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_g[i] && !used_s[j] {
            used_g[i] = true;
            used_s[j] = true;
            pairs.push((gold[i], suggested[j]));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_of_nothing_is_perfect_and_of_misses_is_zero() {
        assert_eq!(Prf::new(0, 0, 0).f1, 1.0);
        assert_eq!(Prf::new(0, 3, 0).precision, 0.0);
        let p = Prf::new(3, 4, 6);
        assert!((p.precision - 0.75).abs() < 1e-9 && (p.recall - 0.5).abs() < 1e-9);
    }
}
