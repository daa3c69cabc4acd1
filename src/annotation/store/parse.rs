//! Reading a sidecar: every line parsed and checked (structure first, then the
//! offsets against the article's text, or re-anchoring when the text changed).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{FORMAT, Header, StoreError, VERSION, sha256_hex};
use crate::annotation::model::{Annotation, QUOTE_CONTEXT, Quote, Status};
use crate::annotation::reanchor::{self, How};
use crate::corpus::Article;
use crate::text::inert;

/// One annotation line as stored. An orphan (an annotation that could not be
/// found again in the current text) carries `"orphan":true` as its first field;
/// its offsets and quote are the last ones known and are not checked.
#[derive(Serialize)]
pub(super) struct DiskLineRef<'a> {
    #[serde(skip_serializing_if = "is_false")]
    pub orphan: bool,
    #[serde(flatten)]
    pub annotation: &'a Annotation,
}

#[derive(Deserialize)]
struct DiskLine {
    #[serde(default)]
    orphan: bool,
    #[serde(flatten)]
    annotation: Annotation,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One annotation line of a sidecar, with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub annotation: Annotation,
    pub orphan: bool,
}

/// A sidecar's lines, checked for structure but not yet against a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub header: Header,
    pub entries: Vec<Entry>,
}

/// Parses a sidecar's bytes. Checks what needs no text: the header's format
/// and version, JSON of every line, non-empty and unique ids, `start <= end`,
/// and that no `suggested` annotation was stored. The first bad line is named.
pub fn parse_sidecar(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    let invalid =
        |line: usize, message: String| StoreError::Invalid { path: path.to_path_buf(), line, message };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        invalid(line, "the file is not UTF-8 text".into())
    })?;
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty());
    let (hn, hl) =
        lines.next().ok_or_else(|| invalid(1, "the file is empty: the header line is missing".into()))?;
    let header: Header =
        serde_json::from_str(hl).map_err(|e| invalid(hn, format!("the header line does not read: {e}")))?;
    if header.format != FORMAT {
        return Err(invalid(
            hn,
            format!("the header names format \"{}\", not \"{FORMAT}\"", inert(&header.format)),
        ));
    }
    if header.version == 0 || header.version > VERSION {
        return Err(invalid(
            hn,
            format!("format version {} is not one this depeche reads (1 to {VERSION})", header.version),
        ));
    }
    let mut entries = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, l) in lines {
        let DiskLine { orphan, annotation: a } =
            serde_json::from_str(l).map_err(|e| invalid(n, format!("the annotation does not read: {e}")))?;
        if a.id.trim().is_empty() {
            return Err(invalid(n, "the annotation has an empty id".into()));
        }
        if let Some(first) = seen.insert(a.id.clone(), n) {
            return Err(invalid(n, format!("id {} is already used on line {first}", inert(&a.id))));
        }
        if a.start > a.end {
            return Err(invalid(
                n,
                format!("annotation {}: start {} is after end {}", inert(&a.id), a.start, a.end),
            ));
        }
        if a.status == Status::Suggested {
            return Err(invalid(
                n,
                format!(
                    "annotation {} has status \"suggested\", which is never stored: accept or reject it",
                    inert(&a.id)
                ),
            ));
        }
        entries.push(Entry { line: n, annotation: a, orphan });
    }
    Ok(Parsed { header, entries })
}

/// Parses a sidecar's bytes (see [`parse_sidecar`]): the header and every
/// annotation, orphans included (after the others), without the text checks.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(Header, Vec<Annotation>), StoreError> {
    let Parsed { header, entries } = parse_sidecar(path, bytes)?;
    let (orphans, mut all): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.orphan);
    all.extend(orphans);
    Ok((header, all.into_iter().map(|e| e.annotation).collect()))
}

/// An annotation that moved when its text changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub id: String,
    pub from: (usize, usize),
    pub to: (usize, usize),
    pub how: How,
}

/// What happened to the offsets when the sidecar was read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Anchoring {
    /// The text changed since the sidecar was written: offsets were re-anchored.
    pub text_changed: bool,
    /// Annotations now at other offsets (or with another quote).
    pub moved: Vec<Moved>,
    /// Ids of annotations that could not be found again (now orphans).
    pub orphaned: Vec<String>,
    /// Ids of orphans found again in the current text.
    pub readopted: Vec<String>,
}

/// A sidecar anchored in its article's current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchored {
    /// The header, its hash now the current text's.
    pub header: Header,
    pub annotations: Vec<Annotation>,
    pub orphans: Vec<Annotation>,
    pub anchoring: Anchoring,
}

/// Places parsed annotations in `article`'s text. When the text is the one
/// the sidecar was written for, every offset and quote must match it (else
/// the line is named); when it changed, each annotation is re-anchored or
/// becomes an orphan.
pub fn anchor(path: &Path, parsed: Parsed, article: &Article) -> Result<Anchored, StoreError> {
    let text_sha256 = sha256_hex(article.text.as_bytes());
    let text_changed = parsed.header.text_sha256 != text_sha256;
    let mut out = Anchored {
        header: Header { text_sha256, ..parsed.header },
        annotations: Vec::new(),
        orphans: Vec::new(),
        anchoring: Anchoring { text_changed, ..Anchoring::default() },
    };
    for Entry { line, annotation: a, orphan } in parsed.entries {
        if !text_changed {
            if !orphan {
                check_against_text(path, line, &a, article)?;
                out.annotations.push(a);
            } else {
                out.orphans.push(a);
            }
            continue;
        }
        match reanchor_one(&a, article) {
            Some((b, how)) => {
                if orphan {
                    out.anchoring.readopted.push(a.id.clone());
                } else if (b.start, b.end, &b.quote) != (a.start, a.end, &a.quote) {
                    out.anchoring.moved.push(Moved {
                        id: a.id.clone(),
                        from: (a.start, a.end),
                        to: (b.start, b.end),
                        how,
                    });
                }
                out.annotations.push(b);
            }
            None => {
                if !orphan {
                    out.anchoring.orphaned.push(a.id.clone());
                }
                out.orphans.push(a);
            }
        }
    }
    sort(&mut out.annotations);
    sort(&mut out.orphans);
    Ok(out)
}

/// `a` found again in `article`'s text, with a quote taken from that text.
pub fn reanchor_one(a: &Annotation, article: &Article) -> Option<(Annotation, How)> {
    let p = reanchor::reanchor(&article.text, &article.index, a.start, a.end, &a.quote)?;
    let mut b = a.clone();
    b.start = p.start;
    b.end = p.end;
    b.quote = quote_in(article, p.start, p.end);
    Some((b, p.how))
}

/// The quote selector of `start..end` in `article` (indexed, so cheap on
/// large texts).
pub fn quote_in(article: &Article, start: usize, end: usize) -> Quote {
    Quote {
        exact: article.slice(start, end).to_string(),
        prefix: article.slice(start.saturating_sub(QUOTE_CONTEXT), start).to_string(),
        suffix: article.slice(end, end + QUOTE_CONTEXT).to_string(),
    }
}

fn check_against_text(path: &Path, line: usize, a: &Annotation, article: &Article) -> Result<(), StoreError> {
    let invalid = |message: String| StoreError::Invalid { path: path.to_path_buf(), line, message };
    let len = article.len_chars();
    if a.end > len {
        return Err(invalid(format!(
            "annotation {}: offsets {}..{} go past the end of the text ({len} characters)",
            inert(&a.id),
            a.start,
            a.end
        )));
    }
    let there = article.slice(a.start, a.end);
    if there != a.quote.exact {
        return Err(invalid(format!(
            "annotation {}: the quote \"{}\" is not the text at {}..{} (\"{}\")",
            inert(&a.id),
            inert(&shorten(&a.quote.exact)),
            a.start,
            a.end,
            inert(&shorten(there))
        )));
    }
    Ok(())
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX { s.to_string() } else { s.chars().take(MAX).chain(['…']).collect() }
}

/// Sorts by (start, end, id), the order of a sidecar's lines.
pub fn sort(annotations: &mut [Annotation]) {
    annotations.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
