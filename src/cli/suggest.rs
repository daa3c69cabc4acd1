//! `depeche suggest`: automatic suggestions as JSON Lines, one annotation a
//! line with its `article`, after one `kind: "article"` line per article.

use std::io::Write;

use serde::Serialize;

use super::{CliError, CliResult, EXIT_OK, SuggestArgs, open_project, output};
use crate::annotation::{Annotation, Sidecar};
use crate::corpus::{Article, parallel};
use crate::extract::metadata::{self, ArticleGuess};
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

/// Dispatches are suggested for on every core, one at a time, and their
/// lines written in the folder's order as soon as they and those before
/// are done: the output is the same as one thread's, it streams, and no
/// more than this many dispatches' lines wait for their turn.
const WAITING: usize = 64;

fn write_all(
    project: &crate::project::Project,
    only: Option<&str>,
    knowledge: &Knowledge,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let chosen: Vec<_> = project
        .articles
        .iter()
        .zip(&project.sidecars)
        .filter(|(article, _)| only.is_none_or(|id| id == article.id))
        .collect();
    parallel::for_each_ordered(
        &chosen,
        WAITING,
        |(article, sidecar)| lines_of(article, sidecar, knowledge),
        |lines| out.write_all(&lines?),
    )?;
    out.flush()
}

/// The JSON Lines of one dispatch: its article block, then its suggestions.
fn lines_of(article: &Article, sidecar: &Sidecar, knowledge: &Knowledge) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let guess = metadata::of(article);
    serde_json::to_writer(&mut buf, &ArticleLine { article: &article.id, kind: "article", attrs: guess })?;
    buf.push(b'\n');
    for a in suggest(article, sidecar, knowledge) {
        serde_json::to_writer(&mut buf, &Record { article: &article.id, annotation: &a })?;
        buf.push(b'\n');
    }
    Ok(super::output::inert_json(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_dispatches_come_out_in_the_projects_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            let text = format!(
                " date 2021-03 GENÈVE, {} mars 2021 (ATS) - Au moins {i} civils ont été tués, selon l'ONU.",
                1 + i % 28
            );
            std::fs::write(dir.path().join(format!("d{i:03}.txt")), text).unwrap();
        }
        let project = crate::project::Project::open(dir.path()).unwrap();
        let knowledge = Knowledge::from_project(&project);
        let mut out = Vec::new();
        write_all(&project, None, &knowledge, &mut out).unwrap();
        let blocks: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["kind"] == "article")
            .map(|v| v["article"].as_str().unwrap().to_string())
            .collect();
        let order: Vec<String> = project.articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(blocks, order);
    }
}
