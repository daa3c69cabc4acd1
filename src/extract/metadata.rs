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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::annotation::{MetaOverride, Sidecar};
    use crate::project::apply_override;

    fn article() -> Article {
        let text = " date 2021-03 GENÈVE, 4 mars 2021 (ATS) - Les pourparlers ont repris jeudi.";
        crate::corpus::from_bytes(Path::new("2021-03-05_lemonde_x.txt"), text.as_bytes())
    }

    #[test]
    fn the_block_is_what_loading_read() {
        let g = of(&article());
        assert_eq!((g.date.map(|d| d.to_string()), g.precision), (Some("2021-03-04".into()), Precision::Day));
        assert_eq!(g.outlet.as_deref(), Some("ATS"));
    }

    #[test]
    fn the_annotators_date_and_outlet_win() {
        let mut a = article();
        let mut sc = Sidecar::empty(&a);
        sc.header.meta = MetaOverride {
            date: Some("2021-03".parse().unwrap()),
            outlet: Some("Le Temps".into()),
            ..MetaOverride::default()
        };
        apply_override(&mut a, &sc);
        let g = of(&a);
        assert_eq!((g.date.map(|d| d.to_string()), g.precision), (Some("2021-03".into()), Precision::Month));
        assert_eq!(g.outlet.as_deref(), Some("Le Temps"));
        assert_eq!(reference_date(&a, &Doc::new(&a.text)), "2021-03".parse().ok());
    }
}
