//! JSON Lines in two shapes. The complete one keeps every field of a depeche
//! annotation plus `article` (one annotation a line, the shape of `depeche
//! suggest`); doccano's is one article a line: `{"article", "text", "label":
//! [[start, end, "LABEL"], …]}`. Import reads both, doccano's newer
//! `entities` form and W3C annotations, deciding line by line.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::anchor::SourceText;
use super::files::{is_plain_name, write_file};
use super::header::{self, Header};
use super::import::{Batch, Incoming};
use super::{ExportError, ExportSummary, accepted};
use crate::annotation::model::quote_at;
use crate::annotation::{Annotation, Attrs, Kind, Quote, Sidecar, Status};
use crate::corpus::Article;
use crate::project::Project;

pub const COMPLETE_FILE: &str = "annotations.jsonl";
pub const DOCCANO_FILE: &str = "doccano.jsonl";

#[derive(Serialize)]
struct CompleteOut<'a> {
    article: &'a str,
    #[serde(flatten)]
    annotation: &'a Annotation,
}

/// Every annotation of every readable sidecar, rejected ones included, each
/// dispatch's header first.
pub fn export_complete(
    project: &Project,
    out: &Path,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let mut s = String::new();
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        if sidecar.error().is_some() {
            continue;
        }
        summary.annotations += complete_dispatch(&mut s, article, sidecar);
        summary.articles += 1;
    }
    summary.files.push(write_file(out, COMPLETE_FILE, s.as_bytes())?);
    Ok(())
}

/// One dispatch in the complete shape, appended to `out`: its header line,
/// then every annotation, rejected ones included. The one writer of this
/// shape (`export`, and the quit guard's copy elsewhere); the number of
/// annotations written.
pub fn complete_dispatch(out: &mut String, article: &Article, sidecar: &Sidecar) -> usize {
    out.push_str(&Header::of(article, sidecar).line(&article.id));
    out.push('\n');
    for a in &sidecar.annotations {
        out.push_str(
            &serde_json::to_string(&CompleteOut { article: &article.id, annotation: a }).expect("serialises"),
        );
        out.push('\n');
    }
    sidecar.annotations.len()
}

/// One line per article with its text and accepted spans.
pub fn export_doccano(project: &Project, out: &Path, summary: &mut ExportSummary) -> Result<(), ExportError> {
    let mut s = String::new();
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        if sidecar.error().is_some() {
            continue;
        }
        // Spans only: two annotations differing by their fields alone are one here.
        let mut seen = std::collections::HashSet::new();
        let labels: Vec<Value> = accepted(sidecar)
            .filter(|a| seen.insert((a.start, a.end, a.label.as_str())))
            .map(|a| json!([a.start, a.end, a.label]))
            .collect();
        summary.annotations += labels.len();
        let line = json!({"article": article.id, "text": article.text, "label": labels});
        s.push_str(&line.to_string());
        s.push('\n');
        summary.articles += 1;
    }
    summary.files.push(write_file(out, DOCCANO_FILE, s.as_bytes())?);
    Ok(())
}

/// A complete line, leniently: only `article`, `label`, `start`, `end` are required.
#[derive(Deserialize)]
struct CompleteIn {
    article: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    kind: Option<Kind>,
    label: String,
    start: usize,
    end: usize,
    #[serde(default)]
    quote: Option<Quote>,
    #[serde(default)]
    attrs: Option<Attrs>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    at: Option<String>,
}

/// Reads a JSONL file into one batch (the whole file lands or none of it).
pub fn read(src: &Path, project: &Project) -> Batch {
    let mut batch = Batch::new(src);
    match std::fs::symlink_metadata(src) {
        Ok(m) if m.file_type().is_symlink() => {
            batch.problem(0, "is a symbolic link: give the real file");
            return batch;
        }
        Ok(m) if m.is_dir() => {
            batch
                .problem(0, "is a folder: --from jsonl reads one .jsonl file (brat folders are --from brat)");
            return batch;
        }
        _ => {}
    }
    let bytes = match std::fs::read(src) {
        Ok(b) => b,
        Err(e) => {
            batch.problem(0, format!("cannot be read: {e}"));
            return batch;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        batch.problem(0, "is not UTF-8");
        return batch;
    };
    parse(&mut batch, &text, project);
    batch
}

/// Parses JSONL `text` into `batch`.
pub fn parse(batch: &mut Batch, text: &str, project: &Project) {
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => {
                batch.problem(n, "not a JSON object");
                continue;
            }
            Err(e) => {
                batch.problem(n, format!("not valid JSON: {e}"));
                continue;
            }
        };
        let result = if value.get("text").is_some_and(Value::is_string) {
            doccano_line(&value, n, project, batch)
        } else if value.get("target").is_some() {
            super::w3c::incoming(&value).map(|(article, mut item, header)| {
                item.line = n;
                let doc = batch.doc(&article);
                if header.is_some() {
                    (doc.header, doc.header_line) = (header, n);
                }
                doc.items.push(item);
            })
        } else if value.get("kind").and_then(Value::as_str) == Some("article") {
            header_line(&value, n, batch)
        } else {
            complete_line(value, n, batch)
        };
        if let Err(m) = result {
            batch.problem(n, m);
        }
    }
    if !batch.problems.is_empty() {
        batch.docs.clear();
    }
}

/// A dispatch id from a field, refusing anything that is a path.
pub fn article_id(raw: &str) -> Result<String, String> {
    let id = raw.strip_suffix(".txt").unwrap_or(raw);
    if is_plain_name(id) && !id.starts_with('.') {
        Ok(id.to_string())
    } else {
        Err(format!("'{raw}' is a path, not a dispatch id: refused"))
    }
}

/// A dispatch's header (`kind: "article"`, as the complete JSONL and
/// `depeche suggest` write it).
pub fn header_line(value: &Value, n: usize, batch: &mut Batch) -> Result<(), String> {
    let article = article_id(value.get("article").and_then(Value::as_str).ok_or("no 'article' field")?)?;
    let incoming = header::Incoming::from_line(value.get("attrs").unwrap_or(&Value::Null))?;
    let doc = batch.doc(&article);
    (doc.header, doc.header_line) = (Some(incoming), n);
    Ok(())
}

fn complete_line(value: Value, n: usize, batch: &mut Batch) -> Result<(), String> {
    let line: CompleteIn =
        serde_json::from_value(value).map_err(|e| format!("not a depeche annotation: {e}"))?;
    let article = article_id(&line.article)?;
    if line.status == Some(Status::Suggested) {
        batch.notice(n, "a suggestion (status 'suggested') is not an annotation: skipped");
        return Ok(());
    }
    let quote = line.quote.unwrap_or_default();
    let item = Incoming {
        line: n,
        id: line.id,
        kind: line.kind,
        label: line.label,
        start: line.start,
        end: line.end,
        exact: (!quote.exact.is_empty()).then_some(quote.exact),
        prefix: quote.prefix,
        suffix: quote.suffix,
        attrs: line.attrs,
        status: line.status,
        author: line.author,
        at: line.at,
    };
    batch.doc(&article).items.push(item);
    Ok(())
}

fn doccano_line(value: &Value, n: usize, project: &Project, batch: &mut Batch) -> Result<(), String> {
    let raw_text = value["text"].as_str().unwrap_or_default();
    let source = SourceText::new(raw_text);
    let named = ["article", "name", "filename", "id"]
        .iter()
        .find_map(|k| value.get(*k).and_then(Value::as_str))
        .map(article_id)
        .transpose()?;
    let article = match named {
        Some(a) => a,
        None => project
            .articles
            .iter()
            .find(|a| a.text == source.text)
            .map(|a| a.id.clone())
            .ok_or("no 'article' field and no dispatch with this exact text")?,
    };
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    if let Some(labels) = value.get("label").and_then(Value::as_array) {
        for l in labels {
            match l.as_array().map(Vec::as_slice) {
                Some([s, e, lab]) => match (s.as_u64(), e.as_u64(), lab.as_str()) {
                    (Some(s), Some(e), Some(lab)) => spans.push((s as usize, e as usize, lab.to_string())),
                    _ => return Err(format!("{l} is not [start, end, \"LABEL\"]")),
                },
                _ => {
                    return Err(format!(
                        "{l} is not [start, end, \"LABEL\"] (text classification labels are not spans)"
                    ));
                }
            }
        }
    }
    if let Some(entities) = value.get("entities").and_then(Value::as_array) {
        for e in entities {
            match (
                e.get("start_offset").and_then(Value::as_u64),
                e.get("end_offset").and_then(Value::as_u64),
                e.get("label").and_then(Value::as_str),
            ) {
                (Some(s), Some(en), Some(lab)) => spans.push((s as usize, en as usize, lab.to_string())),
                _ => return Err(format!("{e} is not {{\"start_offset\", \"end_offset\", \"label\"}}")),
            }
        }
    }
    let doc_items = &mut batch.doc(&article).items;
    for (s, e, label) in spans {
        if s >= e || e > source.raw_len() {
            return Err(format!(
                "{label} {s}-{e} is out of range or empty: the text has {} characters",
                source.raw_len()
            ));
        }
        let (s, e) = (source.to_text(s), source.to_text(e));
        let q = quote_at(&source.text, s, e);
        doc_items.push(Incoming {
            line: n,
            label,
            start: s,
            end: e,
            exact: Some(q.exact),
            prefix: q.prefix,
            suffix: q.suffix,
            ..Incoming::default()
        });
    }
    Ok(())
}
