//! `depeche eval`: the suggestions scored against the accepted annotations.
//! It measures and does not judge: the exit code is 0 whatever the score.

use std::io::Write;

use super::{CliError, CliResult, EXIT_OK, EvalArgs, ListFormat, open_project, output};
use crate::extract::score::{self, LabelScore, Report};

pub fn run(args: &EvalArgs, out: &mut dyn Write) -> CliResult {
    let project = open_project(&args.dir.dir())?;
    let report = score::evaluate(&project);
    let written = match args.format {
        ListFormat::Json => writeln!(out, "{}", output::to_json_inert(&report)),
        ListFormat::Table => write_table(&report, out),
    };
    match written {
        Err(e) if output::is_broken_pipe(&e) => Ok(EXIT_OK),
        Err(e) => Err(CliError::new(format!("cannot write the scores: {e}"))),
        Ok(()) => Ok(EXIT_OK),
    }
}

fn row(out: &mut dyn Write, l: &LabelScore) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<12} {:>5} {:>5}   {:>5.2} {:>5.2} {:>5.2}   {:>5.2} {:>5.2} {:>5.2}",
        // a label name comes from a sidecar: inert on the terminal
        crate::text::inert_line(&l.label),
        l.gold,
        l.suggested,
        l.strict.precision,
        l.strict.recall,
        l.strict.f1,
        l.lenient.precision,
        l.lenient.recall,
        l.lenient.f1
    )
}

fn write_table(r: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} scored, each with what the other articles taught",
        crate::text::count(r.articles, "annotated article", "annotated articles")
    )?;
    if !r.unannotated.is_empty() {
        writeln!(
            out,
            "{} left out: nobody annotated {} (every suggestion would count as wrong)",
            crate::text::count(r.unannotated.len(), "article", "articles"),
            if r.unannotated.len() == 1 { "it" } else { "them" }
        )?;
    }
    writeln!(
        out,
        "{:<12} {:>5} {:>5}   {:^17}   {:^17}",
        "label", "gold", "sugg", "strict P R F1", "lenient P R F1"
    )?;
    for l in &r.labels {
        row(out, l)?;
    }
    row(out, &r.entities)?;
    let d = &r.date_values;
    writeln!(
        out,
        "DATE values: {:.2} right among the {} found ({} of {} gold); value F1 {:.2}",
        r.date_value_accuracy, d.matched, d.right, d.gold, r.date_value_f1
    )?;
    let c = &r.claims;
    writeln!(
        out,
        "CLAIM: figure and claimant F1 {:.2} ({} right, {} gold, {} suggested); among the {} found: claimant {:.2}, what {:.2}, who {:.2}, side {:.2}",
        r.claim_f1,
        c.figure_and_claimant,
        c.gold,
        c.suggested,
        c.matched,
        r.claimant_accuracy,
        r.what_accuracy,
        r.who_accuracy,
        r.side_accuracy
    )?;
    out.flush()
}
