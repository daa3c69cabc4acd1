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
pub mod spans;
pub mod synth;
pub mod tags;
pub mod vocab;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

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
    suggest_with(article, sidecar, knowledge, &Progress::default()).expect("nothing cancels it")
}

/// How far [`suggest_with`] is, and a way to stop it, shared with the
/// thread that waits for it (the reader, for a long dispatch).
#[derive(Debug, Default)]
pub struct Progress {
    permille: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    /// Asks the extraction to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// How far it is, in thousandths.
    pub fn permille(&self) -> u32 {
        self.permille.load(Ordering::Relaxed)
    }

    /// A step reached: `None` when the extraction is to stop there.
    fn reach(&self, permille: u32) -> Option<()> {
        self.permille.store(permille, Ordering::Relaxed);
        (!self.is_cancelled()).then_some(())
    }
}

/// [`suggest`], telling how far it is in `progress` (by its steps, weighed
/// by their share of the time) and giving up, `None`, once cancelled.
pub fn suggest_with(
    article: &Article,
    sidecar: &Sidecar,
    knowledge: &Knowledge,
    progress: &Progress,
) -> Option<Vec<Annotation>> {
    let doc = Doc::new(&article.text);
    progress.reach(150)?;
    let reference = metadata::reference_date(article, &doc);
    let figures = figures::find(&doc);
    let dates = dates::find(&doc, reference, article.meta.lang);
    progress.reach(300)?;
    let entities = entities::find(&doc, knowledge);
    let outlet = metadata::guess(article, &doc, knowledge).outlet;
    progress.reach(450)?;
    let claims = claims::find(&doc, &figures, &entities, &dates, reference, outlet.as_deref());
    progress.reach(650)?;
    let boilerplate = tags::boilerplate(&doc);
    let mut events = events::find(&doc, &dates);
    events.retain(|e| !tags::overlaps(&boilerplate, e.start, e.end));
    progress.reach(750)?;

    let mut found = Found { entities, figures, dates, claims, events, boilerplate };
    let specs = found.specs(&doc);
    // in text order, so that code point offsets are counted in one sweep;
    // indices are sorted, not the specs
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&specs[a], &specs[b]);
        (x.start, x.end, found.label(x.of)).cmp(&(y.start, y.end, found.label(y.of)))
    });
    let decided = Decided::new(sidecar);
    let mut maker = Maker::new(article, &doc);
    let mut out = Vec::with_capacity(specs.len());
    let n = order.len().max(1);
    for (k, i) in order.into_iter().enumerate() {
        if k % 8192 == 0 {
            progress.reach(800 + (200 * k / n) as u32)?;
        }
        let spec = &specs[i];
        let (kind, label, attrs) = found.take(spec.of);
        let a = maker.make(spec, kind, label, attrs);
        if !decided.overlaps(&a.label, a.start, a.end) {
            out.push(a);
        }
    }
    progress.reach(1000);
    Some(out)
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

/// What the rules found, from which annotations are made: a spec holds
/// where its label and attributes are, not them (a long dispatch has
/// hundreds of thousands; attributes are large).
struct Found {
    entities: Vec<entities::Entity>,
    figures: Vec<figures::Figure>,
    dates: Vec<dates::DateFound>,
    claims: Vec<claims::Claim>,
    events: Vec<events::EventFound>,
    boilerplate: Vec<(usize, usize)>,
}

/// Where a spec's label and attributes are: an index in one of [`Found`]'s lists.
#[derive(Clone, Copy)]
enum Of {
    Entity(u32),
    Figure(u32),
    Date(u32),
    Claim(u32),
    Event(u32),
    Tag,
}

/// An annotation to make: bytes of the squeezed text.
struct Spec {
    start: usize,
    end: usize,
    of: Of,
}

impl Found {
    /// The specs, by kind (tagged entities, figures, dates, claims, events,
    /// boilerplate), each kind in the order its rule gave them.
    fn specs(&self, doc: &Doc) -> Vec<Spec> {
        let mut specs: Vec<Spec> = Vec::with_capacity(
            self.entities.len()
                + self.figures.len()
                + self.dates.len()
                + self.claims.len()
                + self.events.len()
                + self.boilerplate.len(),
        );
        // entities give byte ranges: a name can be part of a hyphenated token
        for (i, e) in self.entities.iter().enumerate().filter(|(_, e)| e.tagged) {
            let (start, end) = e.byte_range(doc);
            specs.push(Spec { start, end, of: Of::Entity(i as u32) });
        }
        let mut add = |s: usize, e: usize, of: Of| {
            specs.push(Spec { start: doc.toks[s].start, end: doc.toks[e - 1].end, of })
        };
        for (i, f) in self.figures.iter().enumerate() {
            add(f.start, f.end, Of::Figure(i as u32));
        }
        for (i, d) in self.dates.iter().enumerate() {
            add(d.start, d.end, Of::Date(i as u32));
        }
        for (i, c) in self.claims.iter().enumerate() {
            add(c.start, c.end, Of::Claim(i as u32));
        }
        for (i, ev) in self.events.iter().enumerate() {
            add(ev.start, ev.end, Of::Event(i as u32));
        }
        for &(s, e) in &self.boilerplate {
            add(s, e, Of::Tag);
        }
        specs
    }

    fn label(&self, of: Of) -> &str {
        match of {
            Of::Entity(i) => &self.entities[i as usize].label,
            Of::Figure(_) => "FIGURE",
            Of::Date(_) => "DATE",
            Of::Claim(_) => "CLAIM",
            Of::Event(_) => "EVENT",
            Of::Tag => "TAG",
        }
    }

    /// The kind, label and attributes of a spec, taken (each spec is made once).
    fn take(&mut self, of: Of) -> (Kind, String, Attrs) {
        match of {
            Of::Entity(i) => {
                let e = &mut self.entities[i as usize];
                let label = std::mem::replace(&mut e.label, std::borrow::Cow::Borrowed("")).into_owned();
                (Kind::Entity, label, Attrs { canonical: e.canonical.take(), ..Attrs::default() })
            }
            Of::Figure(i) => (Kind::Figure, "FIGURE".into(), figures_attrs(&self.figures[i as usize])),
            Of::Date(i) => {
                let d = &self.dates[i as usize];
                let attrs =
                    Attrs { date: d.value, precision: d.value.map(|v| v.precision()), ..Attrs::default() };
                (Kind::Date, "DATE".into(), attrs)
            }
            Of::Claim(i) => (Kind::Claim, "CLAIM".into(), std::mem::take(&mut self.claims[i as usize].attrs)),
            Of::Event(i) => {
                let ev = &mut self.events[i as usize];
                let attrs = Attrs {
                    date: Some(ev.date),
                    precision: Some(ev.date.precision()),
                    summary: Some(std::mem::take(&mut ev.summary)),
                    ..Attrs::default()
                };
                (Kind::Event, "EVENT".into(), attrs)
            }
            Of::Tag => {
                (Kind::Tag, "TAG".into(), Attrs { tag: Some("boilerplate".into()), ..Attrs::default() })
            }
        }
    }
}

/// Builds annotations from specs in text order, counting code points from
/// the last one made rather than from the start of the text.
struct Maker<'a> {
    text: &'a str,
    doc: &'a Doc<'a>,
    at: String,
    /// (original byte, its code point offset) of the last start made.
    cursor: (usize, usize),
}

impl<'a> Maker<'a> {
    fn new(article: &'a Article, doc: &'a Doc<'a>) -> Self {
        Maker { text: &article.text, doc, at: crate::annotation::model::now_rfc3339(), cursor: (0, 0) }
    }

    /// Makes the annotation of `s`.
    fn make(&mut self, s: &Spec, kind: Kind, label: String, attrs: Attrs) -> Annotation {
        let text = self.text;
        let sb = self.doc.orig_byte(s.start);
        let eb = self.doc.orig_byte(s.end);
        let (cb, cc) = self.cursor;
        let start = if sb >= cb { cc + count_chars(&text[cb..sb]) } else { cc - count_chars(&text[sb..cb]) };
        self.cursor = (sb, start);
        let end = start + count_chars(&text[sb..eb]);
        let pre = back_chars(text, sb, QUOTE_CONTEXT);
        let post = ahead_chars(text, eb, QUOTE_CONTEXT);
        Annotation {
            id: crate::annotation::model::new_id(),
            kind,
            label,
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

/// Code points in `s`: the bytes that do not continue a character.
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// The byte `n` code points before byte `b` (or 0).
fn back_chars(text: &str, b: usize, n: usize) -> usize {
    text[..b].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The byte `n` code points after byte `b` (or the end).
fn ahead_chars(text: &str, b: usize, n: usize) -> usize {
    text[b..].char_indices().nth(n).map_or(text.len(), |(i, _)| b + i)
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

    /// A long dispatch dense with figures, claimants, titles and places,
    /// of `paragraphs` paragraphs (sentences written for the test).
    fn long_dispatch(paragraphs: usize) -> String {
        const SENTENCES: &[&str] = &[
            "Selon le ministère de la Défense, {n} soldats ont été tués et {m} blessés près de {p}.",
            "Le gouverneur a annoncé la mort de {n} civils, dont {m} enfants, un chiffre démenti par {p}.",
            "« Nous avons perdu {n} hommes », a déclaré le responsable local.",
            "Plus de {n} morts ont été recensés depuis le début de la guerre, selon un bilan officiel.",
            "The army said {n} fighters were killed and {m} others wounded near {p} on Monday.",
            "At least {n} people died in the blast, a health official said. The official added that {m} were missing.",
            "Au moins {n} policiers et {m} habitants ont été tués, a-t-il précisé.",
            "Le groupe a revendiqué l'attaque qui a fait {n} morts, selon lui.",
            "Des dizaines de corps supplémentaires ont été retrouvés lundi à {p}.",
            "Le président Marc Dulac a reçu {n} réfugiés, a indiqué l'agence.",
        ];
        const PLACES: &[&str] = &["Tbilissi", "Kharkiv", "Mopti", "Goma", "Marioupol", "Bouaké"];
        let mut rng = fastrand::Rng::with_seed(11);
        let mut text = String::from(" date 2021-03-02 Les bilans\n\n");
        for _ in 0..paragraphs {
            for _ in 0..rng.usize(1..4) {
                let s = SENTENCES[rng.usize(..SENTENCES.len())]
                    .replace("{n}", &rng.u32(2..900).to_string())
                    .replace("{m}", &rng.u32(2..90).to_string())
                    .replace("{p}", PLACES[rng.usize(..PLACES.len())]);
                text.push_str(&s);
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        text
    }

    #[test]
    fn the_work_of_suggestions_grows_linearly_with_a_dispatchs_size() {
        let work_on = |paragraphs: usize| {
            let text = long_dispatch(paragraphs);
            let article = crate::corpus::from_bytes(std::path::Path::new("long.txt"), text.as_bytes());
            let sidecar = Sidecar::empty(&article);
            spans::work::take();
            let n = suggest(&article, &sidecar, &Knowledge::default()).len();
            (spans::work::take(), n)
        };
        let (small, n_small) = work_on(300);
        let (large, n_large) = work_on(1200);
        assert!(n_small > 500 && n_large > 3 * n_small, "{n_small} then {n_large} suggestions");
        // four times the text, about four times the work; a pass per claim
        // over the text before it would be ten times and more
        let ratio = large as f64 / small as f64;
        assert!(ratio < 5.5, "work {small} then {large}: x{ratio:.1} for x4 the text");
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
