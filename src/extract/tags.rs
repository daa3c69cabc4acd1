//! TAG boilerplate: web furniture around a dispatch ("Partager cet
//! article", "PUBLICITÉ", a login prompt, "Tous droits réservés" credits)
//! and the related headlines after "À découvrir également" / "Lire aussi".

use super::scan::Doc;

/// Lowercase phrases that open a block of other stories, to the end.
const RELATED: &[&str] = &[
    "à découvrir également",
    "a découvrir également",
    "lire aussi",
    "sur le même sujet",
    "read more",
    "related stories",
    "more on this story",
];

/// Lowercase lines of site furniture.
const FURNITURE: &[&str] = &[
    "partager cet article",
    "publicité",
    "copier/coller le lien",
    "connectez-vous pour conserver cet article",
    "tous droits réservés",
    "advertisement",
    "share this article",
];

/// Squeezed byte where related headlines begin, if the text has them: a
/// line opening on one of `RELATED`.
pub fn related_start(doc: &Doc) -> Option<usize> {
    line_starts(doc).find(|&t| starts_with_any(doc, t, RELATED)).map(|t| doc.toks[t].start)
}

/// Tokens that open a line (only those are looked at: cheap on long texts;
/// listed by the scan, not found by a pass over every token).
fn line_starts<'a>(doc: &'a Doc) -> impl Iterator<Item = usize> + 'a {
    doc.line_starts()
}

fn starts_with_any(doc: &Doc, t: usize, phrases: &[&str]) -> bool {
    let rest = &doc.lower[doc.toks[t].start..];
    phrases.iter().any(|p| rest.starts_with(p))
}

/// Whether a token range overlaps one of `boilerplate` (in text order, none
/// overlapping another, as [`boilerplate`] gives them).
pub fn overlaps(boilerplate: &[(usize, usize)], start: usize, end: usize) -> bool {
    // the first range ending after `start` is the only one that can
    let k = boilerplate.partition_point(|&(_, t)| t <= start);
    boilerplate.get(k).is_some_and(|&(s, t)| start < t && s < end)
}

/// Token ranges of boilerplate: each line opening on a furniture phrase,
/// and the related headlines to the end of the text.
pub fn boilerplate(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let related = related_start(doc);
    for s in line_starts(doc) {
        if related.is_some_and(|r| doc.toks[s].start >= r) {
            break;
        }
        if starts_with_any(doc, s, FURNITURE) {
            let mut e = s + 1;
            while e < doc.toks.len() && !doc.toks[e].nl_before {
                e += 1;
            }
            out.push((s, e));
        }
    }
    if let Some(s) = related.and_then(|r| doc.tok_at(r)) {
        out.push((s, doc.toks.len()));
    }
    out
}
