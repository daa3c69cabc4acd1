//! A change to annotations or metadata and its inverse: a list of
//! before/after pairs (`Op`), undone by swapping each pair and reversing the
//! list. Applied to a project only through the store's checked edit API.

use crate::annotation::{Annotation, Kind, MetaOverride, Status};
use crate::corpus::{Article, ArticleMeta};

/// Article metadata before or after a change: the sidecar's override and the
/// effective values shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetaState {
    pub over: MetaOverride,
    pub meta: ArticleMeta,
}

// A change holds a handful of ops: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// An annotation (by id) goes from `before` to `after`; `None` is absent.
    Ann {
        article: usize,
        before: Option<Annotation>,
        after: Option<Annotation>,
    },
    Meta {
        article: usize,
        before: Box<MetaState>,
        after: Box<MetaState>,
    },
}

impl Op {
    pub fn article(&self) -> usize {
        match self {
            Op::Ann { article, .. } | Op::Meta { article, .. } => *article,
        }
    }

    pub fn inverse(&self) -> Op {
        match self.clone() {
            Op::Ann { article, before, after } => Op::Ann { article, before: after, after: before },
            Op::Meta { article, before, after } => Op::Meta { article, before: after, after: before },
        }
    }
}

/// One undoable step, described for the status bar ("ORG added").
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Names the step in every history file it is written to.
    pub id: String,
    /// When it was made (milliseconds since 1970, strictly increasing): the
    /// order of steps read back from several files.
    pub seq: u64,
    pub what: String,
    pub ops: Vec<Op>,
}

impl Change {
    pub fn new(what: impl Into<String>) -> Change {
        Change { id: crate::annotation::model::new_id(), seq: 0, what: what.into(), ops: Vec::new() }
    }

    pub fn add(mut self, article: usize, a: Annotation) -> Change {
        self.ops.push(Op::Ann { article, before: None, after: Some(a) });
        self
    }

    pub fn update(mut self, article: usize, before: Annotation, after: Annotation) -> Change {
        self.ops.push(Op::Ann { article, before: Some(before), after: Some(after) });
        self
    }

    pub fn remove(mut self, article: usize, a: Annotation) -> Change {
        self.ops.push(Op::Ann { article, before: Some(a), after: None });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// A new accepted annotation over `start..end` of `article` (its quote read
/// through the article's index, cheap on long texts).
pub fn new_annotation(article: &Article, kind: Kind, label: &str, start: usize, end: usize) -> Annotation {
    Annotation {
        id: crate::annotation::model::new_id(),
        kind,
        label: label.to_string(),
        start,
        end,
        quote: crate::annotation::store::quote_in(article, start, end),
        attrs: Default::default(),
        status: Status::Accepted,
        author: String::new(),
        at: String::new(),
    }
}
