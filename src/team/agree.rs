//! Agreement between two annotators on the same dispatches, as annotation
//! tools report it (INCEpTION, brat's comparison):
//! - per label and overall, span-level precision, recall and F1: a span
//!   agrees when the other annotator has the same label on exactly the same
//!   characters (one to one); the first annotator is the reference;
//! - Cohen's κ on tokens (maximal runs of letters and digits): per label,
//!   whether each token is inside a span of that label for each annotator;
//!   overall, the label of the innermost span over each token (the shortest:
//!   an entity inside an EVENT counts as the entity), `O` for none;
//! - on claims both gave the same span, how often each field agrees
//!   (claimant compared without case and extra spaces; two missing values
//!   agree).
//!
//! Only accepted annotations count, orphans never.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::kappa::Confusion;
use crate::annotation::{Annotation, Kind};
use crate::extract::score::Prf;

/// The token label of no span.
pub const OUTSIDE: &str = "O";

/// One dispatch as both annotators left it.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub id: String,
    pub text: &'a str,
    pub reference: Vec<&'a Annotation>,
    pub other: Vec<&'a Annotation>,
}

/// A dispatch not compared, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelAgreement {
    pub label: String,
    /// Spans of the reference annotator, of the other, and the same in both.
    pub reference: usize,
    pub other: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Cohen's κ on tokens.
    pub kappa: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldAgreement {
    pub field: &'static str,
    pub agree: usize,
    pub matched: usize,
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAgreement {
    /// Claims both annotators gave the same span.
    pub matched: usize,
    pub fields: Vec<FieldAgreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub reference: String,
    pub other: String,
    /// The dispatches compared.
    pub documents: Vec<String>,
    pub left_out: Vec<LeftOut>,
    pub tokens: usize,
    pub labels: Vec<LabelAgreement>,
    pub overall: LabelAgreement,
    pub claims: ClaimAgreement,
}

/// The claim fields compared, in the order reported.
pub const CLAIM_FIELDS: [&str; 6] = ["claimant", "what", "who", "side", "scope", "count"];

fn same_field(field: &str, a: &Annotation, b: &Annotation) -> bool {
    let (x, y) = (&a.attrs, &b.attrs);
    match field {
        "claimant" => {
            let norm = |c: &Option<String>| {
                c.as_deref().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
            };
            norm(&x.claimant) == norm(&y.claimant)
        }
        "what" => x.what == y.what,
        "who" => x.who == y.who,
        "side" => x.side == y.side,
        "scope" => x.scope == y.scope,
        "count" => (x.count_low, x.count_high) == (y.count_low, y.count_high),
        _ => unreachable!("a field of CLAIM_FIELDS"),
    }
}

/// Character ranges (code points) of the tokens of `text`.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}

/// For each token, the labels of the spans over it and the innermost one.
struct TokenLabels<'a> {
    all: Vec<Vec<&'a str>>,
    innermost: Vec<&'a str>,
}

fn token_labels<'a>(tokens: &[(usize, usize)], spans: &[&'a Annotation]) -> TokenLabels<'a> {
    let mut all: Vec<Vec<&str>> = vec![Vec::new(); tokens.len()];
    let mut inner: Vec<Option<(usize, &str)>> = vec![None; tokens.len()];
    for a in spans {
        // Tokens overlapping the span: they end after its start and begin before its end.
        let first = tokens.partition_point(|t| t.1 <= a.start);
        for (i, _) in tokens.iter().enumerate().skip(first).take_while(|(_, t)| t.0 < a.end) {
            if !all[i].contains(&a.label.as_str()) {
                all[i].push(&a.label);
            }
            let key = (a.len(), a.label.as_str());
            if inner[i].is_none_or(|k| key < k) {
                inner[i] = Some(key);
            }
        }
    }
    TokenLabels { all, innermost: inner.into_iter().map(|k| k.map_or(OUTSIDE, |k| k.1)).collect() }
}

/// Span counts by (label, start, end).
fn spans(list: &[&Annotation]) -> BTreeMap<(String, usize, usize), usize> {
    let mut m = BTreeMap::new();
    for a in list {
        *m.entry((a.label.clone(), a.start, a.end)).or_default() += 1;
    }
    m
}

#[derive(Default)]
struct Tally {
    reference: usize,
    other: usize,
    matched: usize,
    tokens: Confusion,
}

impl Tally {
    fn row(&self, label: &str) -> LabelAgreement {
        let prf = Prf::new(self.matched, self.other, self.reference);
        LabelAgreement {
            label: label.to_string(),
            reference: self.reference,
            other: self.other,
            matched: self.matched,
            precision: prf.precision,
            recall: prf.recall,
            f1: prf.f1,
            kappa: self.tokens.kappa(),
        }
    }
}

/// The agreement of `other` with `reference` on `docs`.
pub fn compare(reference: &str, other: &str, docs: &[Document<'_>], left_out: Vec<LeftOut>) -> Report {
    let labels: BTreeSet<&str> =
        docs.iter().flat_map(|d| d.reference.iter().chain(&d.other)).map(|a| a.label.as_str()).collect();
    let mut per_label: BTreeMap<&str, Tally> = labels.iter().map(|l| (*l, Tally::default())).collect();
    let mut overall = Tally::default();
    let mut claim_pairs = 0;
    let mut claim_agree = [0usize; CLAIM_FIELDS.len()];
    let mut token_count = 0;
    for d in docs {
        let (r, o) = (spans(&d.reference), spans(&d.other));
        for ((label, _, _), n) in &r {
            let t = per_label.get_mut(label.as_str()).expect("every label is listed");
            t.reference += n;
            overall.reference += n;
        }
        for (key, n) in &o {
            let matched = (*n).min(*r.get(key).unwrap_or(&0));
            let t = per_label.get_mut(key.0.as_str()).expect("every label is listed");
            t.other += n;
            t.matched += matched;
            overall.other += n;
            overall.matched += matched;
        }
        let toks = tokens(d.text);
        token_count += toks.len();
        let (tr, to) = (token_labels(&toks, &d.reference), token_labels(&toks, &d.other));
        for (label, t) in per_label.iter_mut() {
            for i in 0..toks.len() {
                let has = |l: &Vec<&str>| if l.contains(label) { *label } else { OUTSIDE };
                t.tokens.add(has(&tr.all[i]), has(&to.all[i]));
            }
        }
        for i in 0..toks.len() {
            overall.tokens.add(tr.innermost[i], to.innermost[i]);
        }
        for (a, b) in claim_matches(&d.reference, &d.other) {
            claim_pairs += 1;
            for (n, field) in CLAIM_FIELDS.iter().enumerate() {
                claim_agree[n] += usize::from(same_field(field, a, b));
            }
        }
    }
    let rate = |n: usize| if claim_pairs == 0 { 1.0 } else { n as f64 / claim_pairs as f64 };
    Report {
        reference: reference.to_string(),
        other: other.to_string(),
        documents: docs.iter().map(|d| d.id.clone()).collect(),
        left_out,
        tokens: token_count,
        labels: per_label.iter().map(|(l, t)| t.row(l)).collect(),
        overall: overall.row("overall"),
        claims: ClaimAgreement {
            matched: claim_pairs,
            fields: CLAIM_FIELDS
                .iter()
                .zip(claim_agree)
                .map(|(field, agree)| FieldAgreement {
                    field,
                    agree,
                    matched: claim_pairs,
                    rate: rate(agree),
                })
                .collect(),
        },
    }
}

/// Claims of the two annotators on the same span with the same label, paired
/// one to one in the order of each list.
fn claim_matches<'a>(
    reference: &[&'a Annotation],
    other: &[&'a Annotation],
) -> Vec<(&'a Annotation, &'a Annotation)> {
    type Key<'k> = (&'k str, usize, usize);
    let key = |a: &'a Annotation| -> Key<'a> { (a.label.as_str(), a.start, a.end) };
    let mut theirs: BTreeMap<Key<'a>, Vec<&'a Annotation>> = BTreeMap::new();
    for a in other.iter().rev().filter(|a| a.kind == Kind::Claim) {
        theirs.entry(key(a)).or_default().push(a);
    }
    reference
        .iter()
        .filter(|a| a.kind == Kind::Claim)
        .filter_map(|a| theirs.get_mut(&key(a)).and_then(Vec::pop).map(|b| (*a, b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Status;

    const TEXT: &str = "Selon Ankara, 12 soldats tués près de Tbilissi.";

    fn span(label: &str, kind: Kind, exact: &str) -> Annotation {
        let b = TEXT.find(exact).unwrap();
        let start = TEXT[..b].chars().count();
        let mut a = Annotation::new(TEXT, kind, label, start, start + exact.chars().count());
        a.status = Status::Accepted;
        a
    }

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let t = tokens("Un 😀 à 12,5 km.");
        assert_eq!(t, [(0, 2), (5, 6), (7, 9), (10, 11), (12, 14)]);
    }

    #[test]
    fn span_scores_and_token_kappa_by_hand() {
        // 8 tokens: Selon Ankara 12 soldats tués près de Tbilissi.
        let loc_ankara = span("LOC", Kind::Entity, "Ankara");
        let loc_tbilissi = span("LOC", Kind::Entity, "Tbilissi");
        let org_ankara = span("ORG", Kind::Entity, "Ankara");
        let mut claim = span("CLAIM", Kind::Claim, "12 soldats tués");
        claim.attrs.claimant = Some("Ankara".into());
        let mut claim2 = claim.clone();
        claim2.attrs.claimant = Some(" ankara ".into());
        claim2.attrs.count_low = Some(12);
        let doc = Document {
            id: "d".into(),
            text: TEXT,
            reference: vec![&loc_ankara, &loc_tbilissi, &claim],
            other: vec![&org_ankara, &loc_tbilissi, &claim2],
        };
        let r = compare("ana", "ben", &[doc], Vec::new());
        assert_eq!(r.tokens, 8);
        let loc = &r.labels.iter().find(|l| l.label == "LOC").unwrap();
        assert_eq!((loc.reference, loc.other, loc.matched), (2, 1, 1));
        assert_eq!((loc.precision, loc.recall), (1.0, 0.5));
        // LOC tokens: ana {Ankara, Tbilissi}, ben {Tbilissi}: po = 7/8,
        // pe = 2/8·1/8 + 6/8·7/8 = 44/64; κ = (56/64 − 44/64)/(20/64) = 0.6.
        assert!((loc.kappa - 0.6).abs() < 1e-12, "{}", loc.kappa);
        // Overall: 3 of 4 spans matched each way; innermost labels per token:
        // ana O LOC CLAIM×3 O O LOC, ben O ORG CLAIM×3 O O LOC: po = 7/8,
        // pe = (O 3·3 + LOC 2·1 + CLAIM 3·3 + ORG 0·1)/64 = 20/64; κ = 36/44.
        assert_eq!((r.overall.reference, r.overall.other, r.overall.matched), (3, 3, 2));
        assert!((r.overall.kappa - 36.0 / 44.0).abs() < 1e-12, "{}", r.overall.kappa);
        assert_eq!(r.claims.matched, 1);
        let agree: Vec<(&str, usize)> = r.claims.fields.iter().map(|f| (f.field, f.agree)).collect();
        assert_eq!(
            agree,
            [("claimant", 1), ("what", 1), ("who", 1), ("side", 1), ("scope", 1), ("count", 0)]
        );
    }
}
