//! `depeche suggest`: automatic suggestions as JSON Lines, one annotation a
//! line with its `article`, after one `kind: "article"` line per article.

use std::io::Write;

use serde::Serialize;

use super::{CliError, CliResult, EXIT_OK, SuggestArgs, open_project, output};
use crate::annotation::Annotation;
use crate::extract::metadata::{self, ArticleGuess};
use crate::extract::scan::Doc;
use crate::extract::{Knowledge, suggest};

#[derive(Serialize)]
struct ArticleLine<'a> {
    article: &'a str,
    kind: &'static str,
    attrs: ArticleGuess,
}

#[derive(Serialize)]
struct Record<'a> {
    article: &'a str,
    #[serde(flatten)]
    annotation: &'a Annotation,
}

pub fn run(args: &SuggestArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir.dir();
    let project = open_project(&dir)?;
    if let Some(id) = &args.id
        && project.position(id).is_none()
    {
        return Err(CliError::new(format!("there is no article '{id}' in {}", dir.display())));
    }
    let knowledge = Knowledge::from_project(&project);
    match write_all(&project, args.id.as_deref(), &knowledge, out) {
        Err(e) if output::is_broken_pipe(&e) => Ok(EXIT_OK),
        Err(e) => Err(CliError::new(format!("cannot write the suggestions: {e}"))),
        Ok(()) => Ok(EXIT_OK),
    }
}

fn write_all(
    project: &crate::project::Project,
    only: Option<&str>,
    knowledge: &Knowledge,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        if only.is_some_and(|id| id != article.id) {
            continue;
        }
        let guess = metadata::guess(article, &Doc::new(&article.text), knowledge);
        serde_json::to_writer(
            &mut *out,
            &ArticleLine { article: &article.id, kind: "article", attrs: guess },
        )?;
        out.write_all(b"\n")?;
        for a in suggest(article, sidecar, knowledge) {
            serde_json::to_writer(&mut *out, &Record { article: &article.id, annotation: &a })?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
