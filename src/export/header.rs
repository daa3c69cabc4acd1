//! A dispatch's header as the exports carry it: its date (with precision),
//! outlet, title and language as `depeche list` shows them, and what the
//! annotator set in the sidecar. Without it an export imported into a folder
//! of bare `.txt` files (brat's, which have no date marker) would date and
//! credit the dispatches anew. The complete JSONL gives it one line per
//! dispatch (the shape of `depeche suggest`'s article block), brat a side
//! file `NAME.meta.json` holding the same line, W3C the annotation's source.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

use crate::annotation::{MetaOverride, Sidecar};
use crate::corpus::{Article, Lang};
use crate::date::{PartialDate, Precision};

/// The side file of a brat document: `NAME.meta.json`.
pub const BRAT_SUFFIX: &str = "meta.json";

/// What an export says of a dispatch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    pub date: Option<PartialDate>,
    pub precision: Precision,
    pub outlet: Option<String>,
    pub title: String,
    pub lang: Lang,
    /// What the annotator set in the sidecar; the rest was read from the text.
    #[serde(skip_serializing_if = "is_unset")]
    pub set: MetaOverride,
}

fn is_unset(m: &MetaOverride) -> bool {
    *m == MetaOverride::default()
}

impl Header {
    pub fn of(article: &Article, sidecar: &Sidecar) -> Header {
        let m = &article.meta;
        Header {
            date: m.date,
            precision: m.precision(),
            outlet: m.outlet.clone(),
            title: m.title.clone(),
            lang: m.lang,
            set: sidecar.header.meta.clone(),
        }
    }

    /// The JSONL line (and brat side file): `{"article", "kind": "article", "attrs"}`.
    pub fn line(&self, article: &str) -> String {
        json!({"article": article, "kind": "article", "attrs": self}).to_string()
    }

    /// The W3C target's source: the dispatch as a text resource, described
    /// with the Dublin Core terms of the Web Annotation context.
    pub fn w3c_source(&self, article: &str) -> Value {
        json!({
            "id": format!("{article}.txt"),
            "type": "Text",
            "format": "text/plain",
            "language": self.lang.as_str(),
            "dc:title": self.title,
            "dc:publisher": self.outlet,
            "dcterms:issued": self.date,
        })
    }
}

/// A header as read back, leniently: a field absent is not restored; a
/// date or outlet present as `null` means "not known".
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Incoming {
    #[serde(default, deserialize_with = "present")]
    pub date: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "present")]
    pub outlet: Option<Option<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub set: MetaOverride,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl Incoming {
    /// The `attrs` of a `kind: "article"` line.
    pub fn from_line(attrs: &Value) -> Result<Incoming, String> {
        serde_json::from_value(attrs.clone()).map_err(|e| format!("not a dispatch header: {e}"))
    }

    /// The header a W3C target's source describes, if it describes one.
    pub fn from_w3c_source(source: &Value) -> Result<Option<Incoming>, String> {
        let Value::Object(o) = source else { return Ok(None) };
        let text = |k: &str| o.get(k).map(|v| v.as_str().map(str::to_string));
        let date = match o.get("dcterms:issued") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => {
                Some(Some(s.parse::<PartialDate>().map_err(|e| format!("dcterms:issued: {e}"))?))
            }
            Some(_) => return Err("dcterms:issued is not a date".into()),
        };
        let lang = match o.get("language").and_then(Value::as_str) {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        };
        let found = Incoming {
            date,
            outlet: text("dc:publisher"),
            title: text("dc:title").flatten(),
            lang,
            ..Incoming::default()
        };
        Ok((found != Incoming::default()).then_some(found))
    }

    /// Brings `meta` (a sidecar's header, `article` showing its effect) to
    /// this header: what the annotator had set is set again; any other field
    /// is set where the dispatch here shows something else. Whether `meta`
    /// changed. An outlet unknown there but inferred here stays: a sidecar
    /// can set an outlet, not take one away.
    pub fn restore(&self, article: &Article, meta: &mut MetaOverride) -> bool {
        let before = meta.clone();
        let set = &self.set;
        let shown = &article.meta;
        if set.date.is_some() || set.precision.is_some() {
            // A precision set alone cut the date the text gave there: the
            // date it showed comes along, cut the same way.
            (meta.date, meta.precision) = (set.date.or(self.date.flatten()), set.precision);
        } else if let Some(date) = self.date
            && date != shown.date
        {
            // A date alone carries its precision; none at all is "unknown".
            (meta.date, meta.precision) = match date {
                Some(d) => (Some(d), None),
                None => (None, Some(Precision::Unknown)),
            };
        }
        match (&set.outlet, &self.outlet) {
            (Some(o), _) => meta.outlet = Some(o.clone()),
            (None, Some(Some(o))) if shown.outlet.as_deref() != Some(o) => meta.outlet = Some(o.clone()),
            _ => {}
        }
        match (&set.title, &self.title) {
            (Some(t), _) => meta.title = Some(t.clone()),
            (None, Some(t)) if *t != shown.title => meta.title = Some(t.clone()),
            _ => {}
        }
        match (set.lang, self.lang) {
            (Some(l), _) => meta.lang = Some(l),
            (None, Some(l)) if l != shown.lang => meta.lang = Some(l),
            _ => {}
        }
        *meta != before
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::project::apply_override;

    fn article(name: &str, text: &str) -> Article {
        crate::corpus::from_bytes(Path::new(name), text.as_bytes())
    }

    #[test]
    fn a_header_travels_and_is_restored_where_the_text_says_otherwise() {
        let text = " date 2022-03-04 KYIV, March 4 (Reuters) - Shelling resumed overnight.";
        let mut src = article("a.txt", text);
        let mut sc = Sidecar::empty(&src);
        sc.header.meta.title = Some("Shelling resumes".into());
        apply_override(&mut src, &sc);
        let line = Header::of(&src, &sc).line("a");
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["attrs"]["date"], "2022-03-04");
        assert_eq!(v["attrs"]["set"]["title"], "Shelling resumes");
        let incoming = Incoming::from_line(&v["attrs"]).unwrap();
        // The same text without its marker, under another name: no date, another title.
        let mut bare = article("b.txt", "KYIV (Reuters) - Shelling resumed overnight.");
        let mut meta = MetaOverride::default();
        assert!(incoming.restore(&bare, &mut meta));
        let mut sc = Sidecar::empty(&bare);
        sc.header.meta = meta.clone();
        apply_override(&mut bare, &sc);
        assert_eq!(bare.meta.date, src.meta.date);
        assert_eq!(
            (bare.meta.outlet.as_deref(), bare.meta.title.as_str()),
            (Some("Reuters"), "Shelling resumes")
        );
        assert_eq!(meta.outlet, None, "the outlet read from the text is the same: not set");
        assert!(!incoming.restore(&bare, &mut meta), "restoring twice changes nothing");
    }

    #[test]
    fn the_w3c_source_carries_the_header() {
        let a = article("a.txt", "PARIS, 9 oct 2020 (AFP) - Un texte.");
        let h = Header::of(&a, &Sidecar::empty(&a));
        let back = Incoming::from_w3c_source(&h.w3c_source("a")).unwrap().unwrap();
        assert_eq!(back.date, Some(Some("2020-10-09".parse().unwrap())));
        assert_eq!((back.outlet, back.lang), (Some(Some("AFP".into())), Some(Lang::Fr)));
        assert_eq!(Incoming::from_w3c_source(&json!("a.txt")).unwrap(), None);
    }
}
