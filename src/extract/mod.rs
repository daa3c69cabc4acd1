//! Automatic suggestions: pure functions from text (+ article date + what the
//! corpus already knows) to suggested annotations.
//!
//! One pass builds a squeezed, tokenised view of the article (`scan`); the
//! rules (`figures`, `dates`, `entities`, `claims`, `events`) read it and
//! give spans in its bytes; this module turns them into annotations with
//! code point offsets and drops what the sidecar already decided.

pub mod claims;
pub mod dates;
pub mod entities;
pub mod events;
pub mod figures;
pub mod metadata;
pub mod numbers;
pub mod scan;
pub mod score;
pub mod synth;
pub mod tags;
pub mod vocab;

use std::collections::HashMap;

use crate::annotation::model::QUOTE_CONTEXT;
use crate::annotation::{Annotation, Attrs, Kind, Quote, Sidecar, Status};
use crate::corpus::Article;
use crate::project::Project;
use scan::Doc;

pub use entities::Knowledge;

/// The author recorded on suggestions.
pub const AUTHOR: &str = "depeche-extract";

/// Suggestions for one article (status `Suggested`), minus those overlapping
/// a passage its sidecar already gave the same label (accepted or rejected):
/// the annotator has decided about that place.
pub fn suggest(article: &Article, sidecar: &Sidecar, knowledge: &Knowledge) -> Vec<Annotation> {
    let doc = Doc::new(&article.text);
    let reference = metadata::reference_date(article, &doc);
    let figures = figures::find(&doc);
    let dates = dates::find(&doc, reference, article.meta.lang);
    let entities = entities::find(&doc, knowledge);
    let outlet = metadata::guess(article, &doc, knowledge).outlet;
    let claims = claims::find(&doc, &figures, &entities, &dates, reference, outlet.as_deref());
    let boilerplate = tags::boilerplate(&doc);
    let mut events = events::find(&doc, &dates);
    events.retain(|e| !boilerplate.iter().any(|&(s, t)| e.start < t && s < e.end));

    let decided = Decided::new(sidecar);
    let mut out = Vec::with_capacity(figures.len() * 2 + dates.len() + entities.len() + events.len());
    let mut maker = Maker { article, doc: &doc, at: crate::annotation::model::now_rfc3339() };
    for f in &figures {
        out.push(maker.make(f.start, f.end, Kind::Figure, "FIGURE", figures_attrs(f)));
    }
    for d in &dates {
        let attrs = Attrs { date: d.value, precision: d.value.map(|v| v.precision()), ..Attrs::default() };
        out.push(maker.make(d.start, d.end, Kind::Date, "DATE", attrs));
    }
    for e in &entities {
        let attrs = Attrs { canonical: e.canonical.clone(), ..Attrs::default() };
        out.push(maker.make(e.start, e.end, Kind::Entity, e.label.as_str(), attrs));
    }
    for c in claims {
        let (s, e) = (c.start, c.end);
        out.push(maker.make(s, e, Kind::Claim, "CLAIM", c.attrs));
    }
    for ev in events {
        let attrs = Attrs {
            date: Some(ev.date),
            precision: Some(ev.date.precision()),
            summary: Some(ev.summary),
            ..Attrs::default()
        };
        out.push(maker.make(ev.start, ev.end, Kind::Event, "EVENT", attrs));
    }
    for &(s, e) in &boilerplate {
        let attrs = Attrs { tag: Some("boilerplate".into()), ..Attrs::default() };
        out.push(maker.make(s, e, Kind::Tag, "TAG", attrs));
    }
    maker.at.clear();
    out.retain(|a| !decided.overlaps(&a.label, a.start, a.end));
    out.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    out
}

/// The spans a sidecar decided, per label: sorted by start with the running
/// maximum of their ends, so that "does any overlap s..e" is one binary search.
struct Decided<'s> {
    by_label: HashMap<&'s str, (Vec<usize>, Vec<usize>)>,
}

impl<'s> Decided<'s> {
    fn new(sidecar: &'s Sidecar) -> Self {
        let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for a in &sidecar.annotations {
            spans.entry(a.label.as_str()).or_default().push((a.start, a.end));
        }
        let by_label = spans
            .into_iter()
            .map(|(label, mut v)| {
                v.sort_unstable();
                let starts = v.iter().map(|&(s, _)| s).collect();
                let max_ends = v
                    .iter()
                    .scan(0, |m, &(_, e)| {
                        *m = (*m).max(e);
                        Some(*m)
                    })
                    .collect();
                (label, (starts, max_ends))
            })
            .collect();
        Decided { by_label }
    }

    fn overlaps(&self, label: &str, start: usize, end: usize) -> bool {
        let Some((starts, max_ends)) = self.by_label.get(label) else { return false };
        // Spans starting before `end`; one of them overlaps iff the farthest
        // end among them passes `start` (an empty suggestion at a span counts).
        let n = starts.partition_point(|&s| s < end.max(start + 1));
        n > 0 && max_ends[n - 1] > start
    }
}

/// Suggestions for every article; `result[i]` belongs to `project.articles[i]`.
pub fn suggest_project(project: &Project) -> Vec<Vec<Annotation>> {
    let knowledge = Knowledge::from_project(project);
    project.articles.iter().zip(&project.sidecars).map(|(a, s)| suggest(a, s, &knowledge)).collect()
}

fn figures_attrs(f: &figures::Figure) -> Attrs {
    Attrs { count_low: f.low, count_high: f.high, qualifier: Some(f.qualifier), ..Attrs::default() }
}

/// Builds annotations from token ranges of the squeezed text.
struct Maker<'a> {
    article: &'a Article,
    doc: &'a Doc<'a>,
    at: String,
}

impl Maker<'_> {
    fn make(
        &mut self,
        start_tok: usize,
        end_tok: usize,
        kind: Kind,
        label: &str,
        attrs: Attrs,
    ) -> Annotation {
        let doc = self.doc;
        let sb = doc.orig_byte(doc.toks[start_tok].start);
        let eb = doc.orig_byte(doc.toks[end_tok - 1].end);
        let (text, index) = (&self.article.text, &self.article.index);
        let start = index.char_of_byte(text, sb);
        let end = index.char_of_byte(text, eb);
        let pre = index.byte(text, start.saturating_sub(QUOTE_CONTEXT));
        let post = index.byte(text, end + QUOTE_CONTEXT);
        Annotation {
            id: crate::annotation::model::new_id(),
            kind,
            label: label.to_string(),
            start,
            end,
            quote: Quote {
                exact: text[sb..eb].to_string(),
                prefix: text[pre..sb].to_string(),
                suffix: text[eb..post].to_string(),
            },
            attrs,
            status: Status::Suggested,
            author: AUTHOR.to_string(),
            at: self.at.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Kind, Status};

    fn sidecar_with(text: &str, spans: &[(&str, usize, usize, Status)]) -> Sidecar {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let article = crate::corpus::from_bytes(&path, text.as_bytes());
        let mut sc = Sidecar::empty(&article);
        for &(label, s, e, status) in spans {
            let mut a = Annotation::new(text, Kind::Entity, label, s, e);
            a.status = status;
            sc.annotations.push(a);
        }
        sc
    }

    #[test]
    fn a_decided_passage_is_not_suggested_again_with_the_same_label() {
        let text = "Les combats ont repris le 27 septembre au Karabakh, selon Bakou.";
        let sc = sidecar_with(text, &[("EVENT", 4, 38, Status::Accepted), ("LOC", 58, 63, Status::Rejected)]);
        let d = Decided::new(&sc);
        assert!(d.overlaps("EVENT", 0, 50), "a wider clause over an accepted event");
        assert!(d.overlaps("EVENT", 10, 12), "inside it");
        assert!(!d.overlaps("EVENT", 38, 50), "touching its end is not overlapping");
        assert!(!d.overlaps("DATE", 26, 38), "another label is still suggested");
        assert!(d.overlaps("LOC", 58, 63), "a rejected place stays rejected");
        assert!(!d.overlaps("LOC", 42, 50));
    }
}
