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

/// Squeezed byte where related headlines begin, if the text has them.
pub fn related_start(doc: &Doc) -> Option<usize> {
    RELATED.iter().filter_map(|p| doc.lower.find(p)).min()
}

/// Token ranges of boilerplate: each furniture phrase to the end of its
/// line, and the related headlines to the end of the text.
pub fn boilerplate(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let related = related_start(doc);
    for phrase in FURNITURE {
        for (b, _) in doc.lower.match_indices(phrase) {
            if related.is_some_and(|r| b >= r) {
                continue;
            }
            let Some(s) = doc.tok_at(b) else { continue };
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
    out.sort_unstable();
    out.dedup();
    out
}
