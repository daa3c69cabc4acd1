//! The article block of the suggestions: the dispatch's date (with its
//! precision) and outlet. They are read once, when the dispatch is loaded
//! (`corpus::infer`: dateline, stamps, credits, file name, marker and day
//! words), and an annotator's setting in the sidecar wins over them: this
//! module only passes them on, so that the list, the reader and `suggest`
//! always agree.

use serde::Serialize;

use super::entities::Knowledge;
use super::scan::Doc;
use crate::corpus::Article;
use crate::date::{PartialDate, Precision};

/// The `kind: "article"` suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleGuess {
    pub date: Option<PartialDate>,
    pub precision: Precision,
    pub outlet: Option<String>,
}

/// The date relative expressions are resolved against: the article's.
pub fn reference_date(article: &Article, _doc: &Doc) -> Option<PartialDate> {
    article.meta.date
}

/// What is known of the article: date (with precision) and outlet.
pub fn guess(article: &Article, _doc: &Doc, _knowledge: &Knowledge) -> ArticleGuess {
    of(article)
}

/// [`guess`] without a scanned text (it needs none).
pub fn of(article: &Article) -> ArticleGuess {
    let m = &article.meta;
    ArticleGuess { date: m.date, precision: m.precision(), outlet: m.outlet.clone() }
}
