//! `depeche agree [DIR] --between A B | --with OTHER_DIR`: how far two
//! annotators agree (measures in `team::agree`), as a table, CSV or JSON.
//! The first annotator (A, or DIR) is the reference of precision and recall.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::{CliError, CliResult, DigestFormat, DirArgs, EXIT_OK, open_project, output};
use crate::annotation::store::sha256_hex;
use crate::annotation::{Annotation, Sidecar, Status};
use crate::export::csv::cell;
use crate::project::Project;
use crate::team::agree::{Document, LabelAgreement, LeftOut, Report, compare};
use crate::text::{count, inert_line};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("pair").required(true).args(["between", "with"])))]
pub struct AgreeArgs {
    #[command(flatten)]
    pub dir: DirArgs,
    /// Two annotators of the folder, by the author name on their
    /// annotations; A is the reference
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub between: Option<Vec<String>>,
    /// Another copy of the folder, annotated by someone else; DIR is the
    /// reference
    #[arg(long, value_name = "OTHER_DIR")]
    pub with: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DigestFormat,
}

pub fn run(args: &AgreeArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir.dir();
    let project = open_project(&dir)?;
    let report = match (&args.between, &args.with) {
        (Some(names), _) => between(&project, &names[0], &names[1])?,
        (None, Some(other_dir)) => {
            let other = open_project(other_dir)?;
            let (r, o) = (dir.display().to_string(), other_dir.display().to_string());
            with(&project, &other, &r, &o)
        }
        (None, None) => return Err(CliError::new("say whom to compare: --between A B or --with OTHER_DIR")),
    };
    let bytes = match args.format {
        DigestFormat::Table => table(&report).into_bytes(),
        DigestFormat::Json => format!("{}\n", output::to_json_inert(&report)).into_bytes(),
        DigestFormat::Csv => csv(&report).map_err(|e| CliError::new(e.to_string()))?,
    };
    output::finish(out.write_all(&bytes).map(|_| EXIT_OK))
}

/// The accepted annotations of a sidecar; with `author`, that annotator's
/// work: what they made and is accepted, and what they made that a curator
/// has since adjudicated (rejected, `annotated_by` them), so that a decision
/// does not change how far two annotators agreed.
fn accepted<'a>(sc: &'a Sidecar, author: Option<&str>) -> Vec<&'a Annotation> {
    use crate::team::adjudicate::{alternative_of, is_decided, made_by};
    sc.annotations
        .iter()
        .filter(|a| match author {
            None => a.status == Status::Accepted,
            Some(n) if a.status == Status::Accepted => a.author == n,
            Some(n) => is_decided(a) && alternative_of(a).is_none() && made_by(a) == n,
        })
        .collect()
}

/// A dispatch is compared when both annotated it; when only one did, it is
/// named as left out (the other has not done it yet, which is no disagreement).
fn pair<'a>(
    id: &str,
    text: &'a str,
    (reference, other): (Vec<&'a Annotation>, Vec<&'a Annotation>),
    (r, o): (&str, &str),
    docs: &mut Vec<Document<'a>>,
    left_out: &mut Vec<LeftOut>,
) {
    let only = |who: &str| LeftOut { id: id.to_string(), reason: format!("only {who} annotated it") };
    match (reference.is_empty(), other.is_empty()) {
        (false, false) => docs.push(Document { id: id.to_string(), text, reference, other }),
        (false, true) => left_out.push(only(r)),
        (true, false) => left_out.push(only(o)),
        (true, true) => {}
    }
}

fn between(project: &Project, a: &str, b: &str) -> Result<Report, CliError> {
    let authors: BTreeSet<&str> = project
        .sidecars
        .iter()
        .flat_map(|s| &s.annotations)
        .flat_map(|x| [x.author.as_str(), crate::team::adjudicate::made_by(x)])
        .collect();
    for name in [a, b] {
        if !authors.contains(name) {
            let known: Vec<String> = authors.iter().map(|n| inert_line(n)).collect();
            return Err(CliError::new(format!(
                "no annotation of {} is by {}; the authors there are: {}.",
                project.dir.display(),
                inert_line(name),
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            )));
        }
    }
    let (mut docs, mut left_out) = (Vec::new(), Vec::new());
    for (article, sc) in project.articles.iter().zip(&project.sidecars) {
        let sides = (accepted(sc, Some(a)), accepted(sc, Some(b)));
        pair(&article.id, &article.text, sides, (a, b), &mut docs, &mut left_out);
    }
    Ok(compare(a, b, &docs, left_out))
}

fn with(reference: &Project, other: &Project, r: &str, o: &str) -> Report {
    let (mut docs, mut left_out) = (Vec::new(), Vec::new());
    for (article, sc) in reference.articles.iter().zip(&reference.sidecars) {
        let Some(i) = other.position(&article.id) else {
            left_out.push(LeftOut { id: article.id.clone(), reason: format!("it is not in {o}") });
            continue;
        };
        if sha256_hex(other.articles[i].text.as_bytes()) != sha256_hex(article.text.as_bytes()) {
            let reason = "its text differs between the two folders".to_string();
            left_out.push(LeftOut { id: article.id.clone(), reason });
            continue;
        }
        let sides = (accepted(sc, None), accepted(&other.sidecars[i], None));
        pair(&article.id, &article.text, sides, (r, o), &mut docs, &mut left_out);
    }
    for article in &other.articles {
        if reference.position(&article.id).is_none() {
            left_out.push(LeftOut { id: article.id.clone(), reason: format!("it is not in {r}") });
        }
    }
    compare(r, o, &docs, left_out)
}

fn label_line(l: &LabelAgreement) -> String {
    format!(
        "{} {:>6} {:>6} {:>6}  {:>5.2} {:>5.2} {:>5.2}  {:>5.2}\n",
        output::pad(&inert_line(&l.label), 10),
        l.reference,
        l.other,
        l.matched,
        l.precision,
        l.recall,
        l.f1,
        l.kappa
    )
}

fn table(r: &Report) -> String {
    let mut s = format!(
        "{} against {} (the reference): {}, {}\n",
        inert_line(&r.other),
        inert_line(&r.reference),
        count(r.documents.len(), "dispatch", "dispatches"),
        count(r.tokens, "token", "tokens")
    );
    s.push_str(&format!(
        "{} {:>6} {:>6} {:>6}  {:>5} {:>5} {:>5}  {:>5}\n",
        output::pad("label", 10),
        "ref",
        "other",
        "same",
        "P",
        "R",
        "F1",
        "kappa"
    ));
    for l in &r.labels {
        s.push_str(&label_line(l));
    }
    s.push_str(&label_line(&r.overall));
    s.push_str("spans: the same label on exactly the same characters; kappa: Cohen's, on tokens\n");
    let fields: Vec<String> = r
        .claims
        .fields
        .iter()
        .map(|f| format!("{} {}/{} ({:.2})", f.field, f.agree, f.matched, f.rate))
        .collect();
    s.push_str(&format!(
        "{} with the same span; fields agreeing: {}\n",
        count(r.claims.matched, "claim", "claims"),
        fields.join(", ")
    ));
    for l in &r.left_out {
        s.push_str(&format!("left out: {} ({})\n", inert_line(&l.id), inert_line(&l.reason)));
    }
    s
}

pub const CSV_HEADER: [&str; 11] =
    ["kind", "name", "reference", "other", "matched", "precision", "recall", "f1", "kappa", "agree", "rate"];

fn csv(r: &Report) -> csv::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    let num = |x: f64| format!("{x:.4}");
    let rows = r.labels.iter().map(|l| ("label", l)).chain([("overall", &r.overall)]);
    for (kind, l) in rows {
        w.write_record([
            kind.to_string(),
            cell(&l.label),
            l.reference.to_string(),
            l.other.to_string(),
            l.matched.to_string(),
            num(l.precision),
            num(l.recall),
            num(l.f1),
            num(l.kappa),
            String::new(),
            String::new(),
        ])?;
    }
    for f in &r.claims.fields {
        let empty = String::new;
        w.write_record([
            "claim_field".to_string(),
            f.field.to_string(),
            empty(),
            empty(),
            f.matched.to_string(),
            empty(),
            empty(),
            empty(),
            empty(),
            f.agree.to_string(),
            num(f.rate),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
