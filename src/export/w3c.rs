//! W3C Web Annotation (JSON-LD, http://www.w3.org/ns/anno.jsonld): one
//! annotation object a line. The target is the dispatch (`NAME.txt`, relative
//! to the articles folder) with a TextQuoteSelector and a
//! TextPositionSelector (code points, end exclusive); the body carries the
//! label (purpose tagging), the kind (classifying) and the fields as JSON
//! (describing). The source is the dispatch described with its header
//! (`dc:title`, `dc:publisher`, `dcterms:issued`, `language`). Import reads
//! these lines back through `--from jsonl`.

use std::path::Path;

use serde_json::{Value, json};

use super::files::write_file;
use super::header::{self, Header};
use super::import::Incoming;
use super::jsonl::article_id;
use super::{ExportError, ExportSummary, accepted};
use crate::annotation::{Annotation, Attrs, Kind};
use crate::project::Project;

pub const FILE: &str = "annotations.w3c.jsonl";
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const ID_PREFIX: &str = "urn:depeche:";

pub fn export(project: &Project, out: &Path, summary: &mut ExportSummary) -> Result<(), ExportError> {
    let mut s = String::new();
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        if sidecar.error().is_some() {
            continue;
        }
        let header = Header::of(article, sidecar);
        for a in accepted(sidecar) {
            s.push_str(&to_w3c(&article.id, &header, a).to_string());
            s.push('\n');
            summary.annotations += 1;
        }
        summary.articles += 1;
    }
    summary.files.push(write_file(out, FILE, s.as_bytes())?);
    Ok(())
}

/// One annotation as a W3C Web Annotation, its dispatch's header in its source.
pub fn to_w3c(article: &str, header: &Header, a: &Annotation) -> Value {
    let mut body = vec![
        json!({"type": "TextualBody", "purpose": "tagging", "value": a.label}),
        json!({"type": "TextualBody", "purpose": "classifying", "value": a.kind.as_str()}),
    ];
    if !a.attrs.is_empty() {
        let fields = serde_json::to_string(&a.attrs).expect("serialises");
        body.push(json!({"type": "TextualBody", "purpose": "describing", "format": "application/json", "value": fields}));
    }
    let mut v = json!({
        "@context": CONTEXT,
        "id": format!("{ID_PREFIX}{article}:{}", a.id),
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": {
            "source": header.w3c_source(article),
            "selector": [
                {"type": "TextQuoteSelector", "exact": a.quote.exact, "prefix": a.quote.prefix, "suffix": a.quote.suffix},
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        },
        "generator": {"type": "Software", "name": "depeche"},
    });
    if !a.at.is_empty() {
        v["created"] = json!(a.at);
    }
    if !a.author.is_empty() {
        v["creator"] = json!({"type": "Person", "name": a.author});
    }
    v
}

/// Reads one W3C annotation: (dispatch id, the annotation, the dispatch's
/// header when its source describes one).
pub fn incoming(v: &Value) -> Result<(String, Incoming, Option<header::Incoming>), String> {
    let target = &v["target"];
    let described = target.get("source").filter(|s| s.is_object());
    let source = match target {
        Value::String(s) => s.as_str(),
        t => t
            .get("source")
            .and_then(|s| s.as_str().or_else(|| s.get("id").and_then(Value::as_str)))
            .ok_or("the target has no source")?,
    };
    let name = source.rsplit(['/', '#']).next().unwrap_or(source);
    let article = article_id(name)?;
    if source.contains("..") {
        return Err(format!("target source '{source}' leaves the folder: refused"));
    }
    let mut item = Incoming::default();
    let (mut position, mut has_quote) = (None, false);
    for sel in as_list(target.get("selector")) {
        match sel.get("type").and_then(Value::as_str) {
            Some("TextPositionSelector") => {
                let n = |k: &str| sel.get(k).and_then(Value::as_u64).map(|x| x as usize);
                position = Some((
                    n("start").ok_or("TextPositionSelector without start")?,
                    n("end").ok_or("TextPositionSelector without end")?,
                ));
            }
            Some("TextQuoteSelector") => {
                let s = |k: &str| sel.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                item.exact = Some(s("exact")).filter(|e| !e.is_empty());
                item.prefix = s("prefix");
                item.suffix = s("suffix");
                has_quote = item.exact.is_some();
            }
            _ => {}
        }
    }
    match position {
        Some((s, e)) => (item.start, item.end) = (s, e),
        None if has_quote => item.end = item.exact.as_deref().map_or(0, |e| e.chars().count()),
        None => return Err("the target has neither a TextPositionSelector nor a TextQuoteSelector".into()),
    }
    let bodies = as_list(v.get("body"));
    for b in &bodies {
        let value = b.get("value");
        match b.get("purpose").and_then(Value::as_str) {
            Some("tagging") => item.label = value.and_then(Value::as_str).unwrap_or("").to_string(),
            Some("classifying") => {
                let k = value.and_then(Value::as_str).unwrap_or("");
                item.kind = Some(
                    Kind::ALL
                        .into_iter()
                        .find(|x| x.as_str() == k)
                        .ok_or_else(|| format!("'{k}' is not a kind"))?,
                );
            }
            Some("describing") if b.get("format").and_then(Value::as_str) == Some("application/json") => {
                let attrs: Attrs = match value {
                    Some(Value::String(s)) => serde_json::from_str(s),
                    Some(other) => serde_json::from_value(other.clone()),
                    None => Ok(Attrs::default()),
                }
                .map_err(|e| format!("the describing body is not depeche fields: {e}"))?;
                item.attrs = Some(attrs);
            }
            _ => {}
        }
    }
    if item.label.is_empty() {
        return Err("no body with purpose 'tagging' gives the label".into());
    }
    item.attrs.get_or_insert_with(Attrs::default);
    item.id = v
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| id.strip_prefix(ID_PREFIX))
        .and_then(|rest| rest.rsplit(':').next())
        .map(str::to_string);
    item.at = v.get("modified").or(v.get("created")).and_then(Value::as_str).map(str::to_string);
    item.author =
        v.get("creator").and_then(|c| c.get("name").or(Some(c))).and_then(Value::as_str).map(str::to_string);
    let header = described.map(header::Incoming::from_w3c_source).transpose()?.flatten();
    Ok((article, item, header))
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}
