//! Automatic suggestions: pure functions from text (+ article date + what the
//! corpus already knows) to suggested annotations.

use crate::annotation::{Annotation, Sidecar};
use crate::corpus::Article;
use crate::project::Project;

/// What the corpus already knows: accepted entity annotations (patterns for
/// every other dispatch) and rejected suggestions (never suggested again).
#[derive(Debug, Clone, Default)]
pub struct Knowledge {}

impl Knowledge {
    pub fn from_project(_project: &Project) -> Knowledge {
        Knowledge {}
    }
}

/// Suggestions for one article (status `Suggested`), minus what its sidecar
/// already accepted or rejected.
pub fn suggest(_article: &Article, _sidecar: &Sidecar, _knowledge: &Knowledge) -> Vec<Annotation> {
    Vec::new()
}

/// Suggestions for every article; `result[i]` belongs to `project.articles[i]`.
pub fn suggest_project(project: &Project) -> Vec<Vec<Annotation>> {
    let knowledge = Knowledge::from_project(project);
    project.articles.iter().zip(&project.sidecars).map(|(a, s)| suggest(a, s, &knowledge)).collect()
}
