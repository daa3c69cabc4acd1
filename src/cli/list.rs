//! `depeche list`: the dispatches by date, as a table or JSON.

use std::io::Write;

use serde::Serialize;

use super::output::{self, fit, pad};
use super::{CliResult, EXIT_OK, ListArgs, ListFormat};
use crate::annotation::{Sidecar, Status};
use crate::corpus::{Article, MetaSource};
use crate::date::Precision;
use crate::project::Project;
use crate::text::inert_line;

/// One dispatch as `list --format json` gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub path: String,
    /// ISO: `2020-10-21`, `2020-10`, `2020`, or null.
    pub date: Option<String>,
    pub precision: Precision,
    pub date_source: MetaSource,
    pub outlet: Option<String>,
    pub outlet_source: MetaSource,
    pub title: String,
    pub lang: &'static str,
    pub encoding: String,
    /// Accepted annotations.
    pub annotations: usize,
    /// Annotations that could not be re-anchored in the current text.
    pub orphans: usize,
    /// Why the sidecar could not be read (its annotations are then not counted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sidecar_error: Option<String>,
}

impl Row {
    pub fn new(article: &Article, sidecar: &Sidecar) -> Row {
        let m = &article.meta;
        Row {
            id: article.id.clone(),
            path: article.path.display().to_string(),
            date: m.date.map(|d| d.to_string()),
            precision: m.precision(),
            date_source: m.date_source,
            outlet: m.outlet.clone(),
            outlet_source: m.outlet_source,
            title: m.title.clone(),
            lang: m.lang.as_str(),
            encoding: article.encoding.to_string(),
            annotations: sidecar.annotations.iter().filter(|a| a.status == Status::Accepted).count(),
            orphans: sidecar.orphans.len(),
            sidecar_error: sidecar.error().map(|e| e.to_string()),
        }
    }
}

pub fn rows(project: &Project) -> Vec<Row> {
    project.articles.iter().zip(&project.sidecars).map(|(a, s)| Row::new(a, s)).collect()
}

pub fn run(args: &ListArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir.dir();
    let project = match &args.search {
        None => super::open_indexed(&dir, crate::index::Texts::Sidecars)?,
        Some(q) => {
            crate::index::search::open_matching(&dir, q).map_err(|e| super::CliError(e.to_string()))?
        }
    };
    for w in &project.warnings {
        let kind = if w.is_note() { "note" } else { "warning" };
        eprintln!("depeche: {kind}: {}", inert_line(&w.to_string()));
    }
    let rows = rows(&project);
    for e in rows.iter().filter_map(|r| r.sidecar_error.as_deref()) {
        eprintln!("depeche: warning: {}; its annotations are not counted (ANN shows ?)", inert_line(e));
    }
    output::finish(match args.format {
        ListFormat::Json => writeln!(out, "{}", output::to_json_inert(&rows)).map(|_| EXIT_OK),
        ListFormat::Table => write_table(out, &rows, &dir.display().to_string()),
    })
}

const DATE_W: usize = 10;
const OUTLET_W: usize = 11;
const LANG_W: usize = 4;
const ANN_W: usize = 4;
/// The whole table fits an 80-column terminal.
const WIDTH: usize = 80;

fn write_table(out: &mut dyn Write, rows: &[Row], dir: &str) -> std::io::Result<u8> {
    if rows.is_empty() {
        writeln!(out, "No dispatch in {}.", inert_line(dir))?;
        return Ok(EXIT_OK);
    }
    let title_w = WIDTH - DATE_W - OUTLET_W - LANG_W - ANN_W - 4 * 2;
    let indent = " ".repeat(DATE_W + 2);
    writeln!(
        out,
        "{}  {}  {}  {:>ANN_W$}  TITLE / ID",
        pad("DATE", DATE_W),
        pad("OUTLET", OUTLET_W),
        pad("LANG", LANG_W),
        "ANN",
    )?;
    for r in rows {
        writeln!(
            out,
            "{}  {}  {}  {:>ANN_W$}  {}",
            pad(&date_cell(r), DATE_W),
            pad(&outlet_cell(r), OUTLET_W),
            pad(r.lang, LANG_W),
            ann_cell(r),
            fit(&inert_line(&r.title), title_w)
        )?;
        // Under the date, where it came from ("dateline", "day_words", …).
        writeln!(
            out,
            "{}  {}",
            pad(r.date_source.as_str(), DATE_W),
            fit(&inert_line(&r.id), WIDTH - indent.len())
        )?;
    }
    Ok(EXIT_OK)
}

/// The count of accepted annotations, `?` when the sidecar did not read.
fn ann_cell(r: &Row) -> String {
    match r.sidecar_error {
        Some(_) => "?".into(),
        None => r.annotations.to_string(),
    }
}

/// The date with what is not known shown as such: `2020-10-??`.
fn date_cell(r: &Row) -> String {
    crate::date::label(r.date.as_deref().and_then(|d| d.parse().ok()))
}

/// The outlet, with a `?` when the body only names it or a photo credits it;
/// inert (a sidecar's outlet is text from a file).
fn outlet_cell(r: &Row) -> String {
    match (&r.outlet, r.outlet_source) {
        (Some(o), MetaSource::Cited | MetaSource::Mention | MetaSource::Photo) => {
            format!("{}?", inert_line(o))
        }
        (Some(o), _) => inert_line(o),
        (None, _) => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn row(date: Option<&str>, outlet: Option<&str>, source: MetaSource, title: &str) -> Row {
        let d: Option<crate::date::PartialDate> = date.map(|d| d.parse().unwrap());
        Row {
            id: "2020-10-21_afp_un-identifiant-assez-long-pour-deborder".into(),
            path: "articles/x.txt".into(),
            date: d.map(|d| d.to_string()),
            precision: d.map(|d| d.precision()).unwrap_or(Precision::Unknown),
            date_source: MetaSource::Marker,
            outlet: outlet.map(str::to_string),
            outlet_source: source,
            title: title.into(),
            lang: "fr",
            encoding: "UTF-8".into(),
            annotations: 12,
            orphans: 0,
            sidecar_error: None,
        }
    }

    #[test]
    fn the_table_fits_80_columns_and_shows_what_is_unknown() {
        let rows = [
            row(Some("2020-10"), Some("AFP"), MetaSource::Mention, &"Un très long titre ".repeat(10)),
            row(None, None, MetaSource::None, "Court"),
            row(
                Some("2020-10-21"),
                Some("Courrier international"),
                MetaSource::Dateline,
                "日本語のテキスト".repeat(10).as_str(),
            ),
        ];
        let mut out = Vec::new();
        write_table(&mut out, &rows, "articles").unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert!(line.width() <= 80, "{} cells: {line}", line.width());
        }
        assert!(text.contains("2020-10-??  AFP?"), "{text}");
        assert!(text.contains("????-??-??  ?"), "{text}");
        assert!(
            text.contains("marker      2020-10-21_afp_un-identifiant-assez-long-pour-deborder"),
            "{text}"
        );
    }

    #[test]
    fn control_characters_of_a_title_never_reach_the_table() {
        let rows = [row(Some("2020"), Some("AFP"), MetaSource::Byline, "Titre \u{1b}[2J\u{202e} piégé")];
        let mut out = Vec::new();
        write_table(&mut out, &rows, "articles").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text}");
        assert!(text.contains("2020-??-??"));
    }
}
