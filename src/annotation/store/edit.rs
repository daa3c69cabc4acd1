//! Edits for annotators and importers: add, replace and remove by id, keeping
//! the sidecar's order and invariants (offsets in the text, the quote taken
//! from the text, unique ids, no `suggested` status stored).

use std::path::PathBuf;

use super::{Sidecar, SidecarState, parse};
use crate::annotation::model::{Annotation, Status};
use crate::corpus::Article;
use crate::text::inert;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("{path} is read-only because it did not read; fix it by hand first")]
    ReadOnly { path: PathBuf },
    #[error("annotation {id}: offsets {start}..{end} are not within the text ({len} characters)")]
    OutOfRange { id: String, start: usize, end: usize, len: usize },
    #[error("an annotation with id {id} already exists")]
    DuplicateId { id: String },
    #[error("an annotation needs a non-empty id")]
    EmptyId,
    #[error("there is no annotation with id {id}")]
    NotFound { id: String },
    #[error("annotation {id} is a suggestion: accept or reject it before storing it")]
    Suggested { id: String },
}

impl Sidecar {
    fn check_writable(&self) -> Result<(), EditError> {
        match self.state {
            SidecarState::Broken(_) => Err(EditError::ReadOnly { path: self.path.clone() }),
            _ => Ok(()),
        }
    }

    /// `a` checked against `article`, its quote taken from the text.
    fn prepared(article: &Article, mut a: Annotation) -> Result<Annotation, EditError> {
        if a.id.trim().is_empty() {
            return Err(EditError::EmptyId);
        }
        if a.status == Status::Suggested {
            return Err(EditError::Suggested { id: inert(&a.id).into_owned() });
        }
        let len = article.len_chars();
        if a.start > a.end || a.end > len {
            return Err(EditError::OutOfRange {
                id: inert(&a.id).into_owned(),
                start: a.start,
                end: a.end,
                len,
            });
        }
        a.quote = parse::quote_in(article, a.start, a.end);
        Ok(a)
    }

    fn insert_sorted(&mut self, a: Annotation) -> usize {
        let at = self.annotations.partition_point(|x| x.sort_key() < a.sort_key());
        self.annotations.insert(at, a);
        at
    }

    /// The annotation (or orphan) with this id.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().chain(&self.orphans).find(|a| a.id == id)
    }

    pub fn is_orphan(&self, id: &str) -> bool {
        self.orphans.iter().any(|a| a.id == id)
    }

    /// Adds `a` in its place; returns its index in `annotations`.
    pub fn add(&mut self, article: &Article, a: Annotation) -> Result<usize, EditError> {
        self.check_writable()?;
        let a = Self::prepared(article, a)?;
        if self.get(&a.id).is_some() {
            return Err(EditError::DuplicateId { id: inert(&a.id).into_owned() });
        }
        Ok(self.insert_sorted(a))
    }

    /// Replaces the annotation with `a`'s id (an orphan given offsets in the
    /// current text is anchored again); returns the old one and the new index.
    pub fn replace(&mut self, article: &Article, a: Annotation) -> Result<(Annotation, usize), EditError> {
        self.check_writable()?;
        let a = Self::prepared(article, a)?;
        let old = self.take(&a.id).ok_or_else(|| EditError::NotFound { id: inert(&a.id).into_owned() })?;
        Ok((old, self.insert_sorted(a)))
    }

    /// Removes the annotation (or orphan) with this id.
    pub fn remove(&mut self, id: &str) -> Result<Annotation, EditError> {
        self.check_writable()?;
        self.take(id).ok_or_else(|| EditError::NotFound { id: inert(id).into_owned() })
    }

    fn take(&mut self, id: &str) -> Option<Annotation> {
        if let Some(i) = self.annotations.iter().position(|a| a.id == id) {
            return Some(self.annotations.remove(i));
        }
        let i = self.orphans.iter().position(|a| a.id == id)?;
        Some(self.orphans.remove(i))
    }
}
