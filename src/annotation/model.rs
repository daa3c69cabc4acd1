//! The annotation model: what one line of a sidecar holds (DESIGN.md §2).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::party::Party;
use crate::date::{PartialDate, Precision};

/// Characters of context kept on each side of a quote to re-anchor it.
pub const QUOTE_CONTEXT: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Entity,
    Figure,
    Date,
    Claim,
    Event,
    Tag,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Entity, Kind::Figure, Kind::Date, Kind::Claim, Kind::Event, Kind::Tag];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Figure => "figure",
            Kind::Date => "date",
            Kind::Claim => "claim",
            Kind::Event => "event",
            Kind::Tag => "tag",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `accepted` and `rejected` live in sidecars; `suggested` only in the output
/// of the extractor (never written to a sidecar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Accepted,
    Rejected,
    Suggested,
}

/// W3C TextQuoteSelector: the covered text and its context.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// How a figure qualifies its number ("plus de", "environ", …).
    Qualifier {
        Exact = "exact",
        About = "about",
        AtLeast = "at_least",
        MoreThan = "more_than",
        UpTo = "up_to",
        Nearly = "nearly",
        Between = "between",
        Many = "many",
    }
);

string_enum!(
    /// What a claim counts.
    What {
        Killed = "killed",
        Wounded = "wounded",
        Missing = "missing",
        Displaced = "displaced",
        Captured = "captured",
        Equipment = "equipment",
        Casualties = "casualties", // killed and wounded counted together
    }
);

string_enum!(
    /// Whom a claim counts.
    Who {
        Civilians = "civilians",
        Military = "military",
        All = "all",
    }
);

string_enum!(
    /// Whether a figure counts everyone it names, or holds for each party
    /// ("plus de 2.000 morts de chaque côté": 2,000 each, never a total).
    Scope {
        Total = "total",
        Each = "each",
    }
);

/// Kind-specific fields. One flat struct: every field is optional, unknown
/// fields written by hand are kept in `extra` and written back.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Attrs {
    // claim (and the value of a figure)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_low: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_high: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<What>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<Who>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// The claimant who denies the figure, in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denied_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
    // event and date value
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    // entity
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    // tag: `boilerplate`, `quote`, `correction`, or any free word
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Attrs {
    pub fn is_empty(&self) -> bool {
        *self == Attrs::default()
    }
}

/// One annotation: a labelled span of an article's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub kind: Kind,
    pub label: String,
    /// Code point offsets into the article text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub quote: Quote,
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    pub attrs: Attrs,
    pub status: Status,
    #[serde(default)]
    pub author: String,
    /// RFC 3339 time of the last change.
    #[serde(default)]
    pub at: String,
}

impl Annotation {
    /// A new annotation over `start..end` of `text`, with a fresh id and its quote.
    pub fn new(text: &str, kind: Kind, label: &str, start: usize, end: usize) -> Self {
        Annotation {
            id: new_id(),
            kind,
            label: label.to_string(),
            start,
            end,
            quote: quote_at(text, start, end),
            attrs: Attrs::default(),
            status: Status::Accepted,
            author: String::new(),
            at: now_rfc3339(),
        }
    }

    /// The sort key of a sidecar: (start, end, id).
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.start, self.end, &self.id)
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

/// The quote selector for `start..end` of `text` (code points).
pub fn quote_at(text: &str, start: usize, end: usize) -> Quote {
    let pre_start = start.saturating_sub(QUOTE_CONTEXT);
    Quote {
        exact: crate::text::slice_chars(text, start, end).to_string(),
        prefix: crate::text::slice_chars(text, pre_start, start).to_string(),
        suffix: crate::text::slice_chars(text, end, end + QUOTE_CONTEXT).to_string(),
    }
}

/// A stable random id: 12 lowercase base-32 characters (60 bits).
pub fn new_id() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..12).map(|_| ALPHABET[fastrand::usize(..32)] as char).collect()
}

pub fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json_with_unknown_fields_kept() {
        let line = r#"{"id":"abc","kind":"claim","label":"CLAIM","start":3,"end":9,"quote":{"exact":"400 morts","prefix":"de ","suffix":""},"attrs":{"claimant":"bilan officiel","count_low":400,"qualifier":"more_than","what":"killed","who":"all","side":"both","as_of":"2020-10-09","note":"x"},"status":"accepted","author":"ann","at":"2020-10-09T10:00:00+02:00"}"#;
        let a: Annotation = serde_json::from_str(line).unwrap();
        assert_eq!(a.attrs.qualifier, Some(Qualifier::MoreThan));
        assert_eq!(a.attrs.as_of.unwrap().to_string(), "2020-10-09");
        assert_eq!(a.attrs.extra["note"], "x");
        let back: Annotation = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(a, back);
    }

    #[test]
    fn quotes_count_code_points() {
        let text = "Un 😀 à Bakou.";
        let q = quote_at(text, 7, 12);
        assert_eq!(q.exact, "Bakou");
        assert_eq!(q.prefix, "Un 😀 à ");
        assert_eq!(q.suffix, ".");
    }
}
