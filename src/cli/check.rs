//! `depeche check`: validates every dispatch and sidecar of a folder.
//! Exit 0 when clean, 1 when problems were found (each named with its file
//! and, where it has one, its line), 2 on a usage or I/O error.

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::output;
use super::{CliError, CliResult, DirArgs, EXIT_OK, EXIT_PROBLEMS};
use crate::annotation::{Annotation, Kind, LabelSchema, Sidecar, SidecarState, Status};
use crate::corpus::{Article, MetaSource, infer};
use crate::project::Project;
use crate::text::{count, inert_line};

/// Something to say about a file: a problem (exit 1) or a note (for
/// information only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// None when the message names its file itself.
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
    pub problem: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
            }
            f.write_str(": ")?;
        }
        let kind = if self.problem { "" } else { "note: " };
        write!(f, "{kind}{}", self.message)
    }
}

fn problem(path: &Path, line: Option<usize>, message: String) -> Finding {
    Finding { path: Some(path.to_path_buf()), line, message, problem: true }
}

fn note(path: &Path, line: Option<usize>, message: String) -> Finding {
    Finding { path: Some(path.to_path_buf()), line, message, problem: false }
}

pub fn run(args: &DirArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir();
    let (project, schema_error) = Project::open_lenient(&dir).map_err(|e| CliError::new(e.to_string()))?;
    let mut findings = Vec::new();
    if let Some(e) = schema_error {
        findings.push(problem(
            &dir.join("labels.toml"),
            None,
            format!("{e}; the built-in labels were used."),
        ));
    }
    if let Err(e) = crate::digest::Claimants::load(&dir) {
        // claimants.toml or parties.toml: the message names the file and line
        findings.push(Finding { path: None, line: None, message: e.to_string(), problem: true });
    }
    findings.extend(check_project(&project));
    findings.extend(stray_sidecars(&dir, &project)?);
    output::finish(report(out, &project, &findings))
}

/// Every finding of a loaded project, folder-level warnings first.
pub fn check_project(project: &Project) -> Vec<Finding> {
    let mut findings: Vec<Finding> = project
        .warnings
        .iter()
        .map(|w| (if w.is_note() { note } else { problem })(&w.path, None, w.message.clone()))
        .collect();
    for (article, sidecar) in project.articles.iter().zip(&project.sidecars) {
        findings.extend(check_article(article));
        findings.extend(check_sidecar(article, sidecar, &project.labels));
    }
    findings
}

/// What a reader of the dispatch should know: notes, but for bytes that
/// could not be read as text.
fn check_article(article: &Article) -> Vec<Finding> {
    let p = &article.path;
    let mut notes = Vec::new();
    if article.encoding == crate::corpus::decode::UTF8_REPAIRED {
        let mut bad = article.text.match_indices('\u{fffd}');
        let line = bad.next().map(|(b, _)| 1 + article.text[..b].matches('\n').count());
        notes.push(problem(
            p,
            line,
            format!(
                "{} not UTF-8 and read as U+FFFD (the rest of the file is UTF-8): fix the file, then its annotations are re-anchored.",
                count(1 + bad.count(), "byte sequence is", "byte sequences are")
            ),
        ));
    }
    if !article.encoding.starts_with("UTF-8") {
        notes.push(note(
            p,
            None,
            format!("decoded from {}: UTF-8 would be safer for other tools.", article.encoding),
        ));
    }
    let mut controls =
        article.text.char_indices().filter(|&(_, c)| c != '\n' && crate::text::inert_char(c).is_some());
    if let Some((b, _)) = controls.next() {
        let line = 1 + article.text[..b].matches('\n').count();
        notes.push(note(
            p,
            Some(line),
            format!(
                "the text holds {} control or bidi character(s); depeche shows them inert.",
                1 + controls.count()
            ),
        ));
    }
    let from_text = infer::infer(&article.text, None);
    if let (Some(t), Some(d)) = (from_text.date, article.meta.date)
        && !t.overlaps(&d)
    {
        notes.push(note(
            p,
            None,
            format!(
                "the text dates itself {t} (from its {}) but the date in use is {d} ({}).",
                from_text.date_source.as_str(),
                article.meta.date_source.as_str()
            ),
        ));
    }
    if article.meta.date.is_none() {
        notes.push(note(p, None, "no date could be inferred: set one in its sidecar's metadata.".into()));
    }
    match (article.meta.outlet.as_deref(), article.meta.outlet_source) {
        (None, _) => notes.push(note(p, None, "no outlet could be inferred: set one in its sidecar.".into())),
        (Some(o), MetaSource::Cited | MetaSource::Mention) => notes.push(note(
            p,
            None,
            format!("the outlet {} is only named in the text: confirm it in its sidecar.", inert_line(o)),
        )),
        _ => {}
    }
    notes
}

fn check_sidecar(article: &Article, sidecar: &Sidecar, labels: &LabelSchema) -> Vec<Finding> {
    let path = &sidecar.path;
    if let Some(e) = sidecar.error() {
        // The store's error names the file and line itself.
        return vec![Finding {
            path: None,
            line: None,
            message: format!("{e}; the sidecar is left untouched and read-only until it is fixed."),
            problem: true,
        }];
    }
    if matches!(sidecar.state, SidecarState::Absent) {
        return Vec::new();
    }
    let lines = SidecarLines::read(path);
    let mut findings = Vec::new();
    let meta = &sidecar.header.meta;
    for (field, value) in [("outlet", &meta.outlet), ("title", &meta.title)] {
        if let Some(v) = value.as_deref().filter(|v| v.chars().any(|c| crate::text::inert_char(c).is_some()))
        {
            findings.push(problem(
                path,
                Some(1),
                format!(
                    "the metadata's {field} holds control characters (\"{}\"): they are shown inert, fix the file",
                    inert_line(v)
                ),
            ));
        }
    }
    for o in &sidecar.orphans {
        findings.push(problem(
            path,
            lines.of(&o.id),
            format!(
                "annotation {} ({} \"{}\") no longer matches the text and could not be re-anchored; it is kept as an orphan.",
                o.id,
                o.label,
                o.quote.exact
            ),
        ));
    }
    for a in &sidecar.annotations {
        if let Some(message) = annotation_problem(article, a, labels) {
            findings.push(problem(path, lines.of(&a.id), message));
        }
    }
    findings
}

/// What is wrong with an annotation the store accepted, if anything.
fn annotation_problem(article: &Article, a: &Annotation, labels: &LabelSchema) -> Option<String> {
    let len = article.len_chars();
    if a.start > a.end || a.end > len {
        return Some(format!(
            "annotation {} spans {}..{}, outside the text of {len} characters.",
            a.id, a.start, a.end
        ));
    }
    if article.slice(a.start, a.end) != a.quote.exact {
        return Some(format!(
            "annotation {} quotes \"{}\" but the text at {}..{} reads \"{}\".",
            a.id,
            a.quote.exact,
            a.start,
            a.end,
            article.slice(a.start, a.end)
        ));
    }
    if labels.get(&a.label).is_none() {
        return Some(format!(
            "annotation {} has the label {}, which labels.toml does not define.",
            a.id, a.label
        ));
    }
    if let Some(fields) = fields_expected(a) {
        return Some(format!(
            "annotation {} ({} \"{}\") is {} with none of its fields ({fields}): fill them in or delete it.",
            a.id,
            a.label,
            a.quote.exact,
            if a.kind == Kind::Claim { "a claim" } else { "an event" },
        ));
    }
    None
}

/// The fields an accepted CLAIM or EVENT lacks when it has none of them: such
/// a span says nothing a claims table or a timeline can use (a rejected one is
/// only the memory of a suggestion turned down).
fn fields_expected(a: &Annotation) -> Option<&'static str> {
    let f = &a.attrs;
    if a.status != Status::Accepted {
        return None;
    }
    match a.kind {
        Kind::Claim => {
            let any = f.claimant.is_some()
                || f.count_low.is_some()
                || f.count_high.is_some()
                || f.qualifier.is_some()
                || f.what.is_some()
                || f.who.is_some()
                || f.side.is_some()
                || f.scope.is_some()
                || f.denied_by.is_some()
                || f.as_of.is_some();
            (!any).then_some("claimant, count, what, who, side")
        }
        Kind::Event => {
            (f.date.is_none() && f.precision.is_none() && f.summary.is_none()).then_some("date, summary")
        }
        _ => None,
    }
}

/// The lines of a sidecar file, to say on which line an annotation is.
struct SidecarLines(Vec<String>);

impl SidecarLines {
    fn read(path: &Path) -> SidecarLines {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        SidecarLines(text.lines().map(str::to_string).collect())
    }

    fn of(&self, id: &str) -> Option<usize> {
        let needle = format!("\"id\":\"{id}\"");
        let spaced = format!("\"id\": \"{id}\"");
        self.0.iter().position(|l| l.contains(&needle) || l.contains(&spaced)).map(|i| i + 1)
    }
}

/// Sidecars whose dispatch is missing or was not loaded.
fn stray_sidecars(dir: &Path, project: &Project) -> Result<Vec<Finding>, CliError> {
    let loaded: HashSet<&str> = project.articles.iter().map(|a| a.id.as_str()).collect();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        CliError::new(format!("cannot read the folder {}: {e}.", inert_line(&dir.display().to_string())))
    })?;
    let mut names: Vec<String> =
        entries.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).collect();
    names.sort();
    let mut findings = Vec::new();
    for name in names {
        let Some(stem) = name.strip_suffix(".ann.jsonl") else { continue };
        if loaded.contains(stem) {
            continue;
        }
        let txt = format!("{stem}.txt");
        let message = if dir.join(&txt).exists() {
            format!("its dispatch {txt} was not loaded (see above), so these annotations are not checked.")
        } else {
            format!("there is no dispatch {txt} beside this sidecar: its annotations belong to nothing.")
        };
        findings.push(problem(&dir.join(&name), None, message));
    }
    Ok(findings)
}

fn report(out: &mut dyn Write, project: &Project, findings: &[Finding]) -> std::io::Result<u8> {
    for f in findings {
        writeln!(out, "{}", super::output::error_line(&f.to_string()))?;
    }
    let problems = findings.iter().filter(|f| f.problem).count();
    let sidecars = project.sidecars.made().filter(|(_, s)| !matches!(s.state, SidecarState::Absent)).count();
    let what = format!(
        "{} and {} checked",
        count(project.articles.len(), "dispatch", "dispatches"),
        count(sidecars, "sidecar", "sidecars")
    );
    if problems == 0 {
        writeln!(out, "{what}: no problems.")?;
        Ok(EXIT_OK)
    } else {
        writeln!(out, "{what}: {}.", count(problems, "problem", "problems"))?;
        Ok(EXIT_PROBLEMS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::from_bytes;

    fn article(text: &str) -> Article {
        from_bytes(Path::new("d/a.txt"), text.as_bytes())
    }

    #[test]
    fn a_quote_that_does_not_match_the_text_is_a_problem() {
        let a = article("Lavrov à Moscou");
        let mut ann = Annotation::new(&a.text, Kind::Entity, "LOC", 9, 15);
        assert_eq!(annotation_problem(&a, &ann, &LabelSchema::default()), None);
        ann.quote.exact = "Bakou".into();
        let msg = annotation_problem(&a, &ann, &LabelSchema::default()).unwrap();
        assert!(msg.contains("\"Bakou\"") && msg.contains("\"Moscou\""), "{msg}");
        ann.end = 99;
        assert!(annotation_problem(&a, &ann, &LabelSchema::default()).unwrap().contains("outside the text"));
    }

    #[test]
    fn a_date_set_against_the_text_is_noted() {
        let mut a = article("Moscou, 21 oct 2020 (AFP) - Un texte.");
        assert!(check_article(&a).is_empty());
        a.meta.date = Some("2020-09-29".parse().unwrap());
        a.meta.date_source = MetaSource::Sidecar;
        let notes: Vec<String> = check_article(&a).iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes,
            [
                "d/a.txt: note: the text dates itself 2020-10-21 (from its dateline) but the date in use is 2020-09-29 (sidecar)."
            ]
        );
    }

    #[test]
    fn an_unknown_label_is_a_problem() {
        let a = article("Lavrov à Moscou");
        let ann = Annotation::new(&a.text, Kind::Entity, "WEAPON", 9, 15);
        assert!(annotation_problem(&a, &ann, &LabelSchema::default()).unwrap().contains("WEAPON"));
    }

    #[test]
    fn notes_for_what_is_unknown_or_odd() {
        let a = article("Un texte \u{1b}[2J sans date ni agence.");
        let notes = check_article(&a);
        assert!(notes.iter().all(|n| !n.problem));
        let shown: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert!(
            shown.iter().any(|s| s.starts_with("d/a.txt:1: note: the text holds 1 control")),
            "{shown:?}"
        );
        assert!(shown.iter().any(|s| s.contains("no date")), "{shown:?}");
        assert!(shown.iter().any(|s| s.contains("no outlet")), "{shown:?}");
    }

    #[test]
    fn a_claim_or_an_event_without_any_field_is_a_problem() {
        let a = article("Selon le gouverneur, 12 civils ont été tués lundi à Kharkiv.");
        let schema = LabelSchema::default();
        let (s, e) = (21, 43);
        let mut claim = Annotation::new(&a.text, Kind::Claim, "CLAIM", s, e);
        let msg = annotation_problem(&a, &claim, &schema).unwrap();
        assert!(msg.contains("is a claim with none of its fields"), "{msg}");
        claim.attrs.claimant = Some("gouverneur".into());
        assert_eq!(annotation_problem(&a, &claim, &schema), None);
        let mut event = Annotation::new(&a.text, Kind::Event, "EVENT", s, e);
        assert!(annotation_problem(&a, &event, &schema).unwrap().contains("an event with none"));
        event.status = Status::Rejected;
        assert_eq!(annotation_problem(&a, &event, &schema), None, "a rejected suggestion needs no field");
        let entity = Annotation::new(&a.text, Kind::Entity, "LOC", 52, 59);
        assert_eq!(annotation_problem(&a, &entity, &schema), None);
    }

    #[test]
    fn invalid_bytes_in_utf8_are_named_with_their_line() {
        let mut bytes = "Kyiv, le 3 mars (AFP) – L’état-major a annoncé « une trêve » là où l’électricité était coupée.\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Selon l'arm\xe9e, le pont est d\xe9truit.\n");
        let a = from_bytes(Path::new("d/a.txt"), &bytes);
        let found: Vec<String> =
            check_article(&a).iter().filter(|f| f.problem).map(|f| f.to_string()).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("d/a.txt:2: 2 byte sequences are not UTF-8"), "{found:?}");
    }
}
