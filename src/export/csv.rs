//! CSV of claims and of the timeline (one place for the format): one item a
//! row, a header first, UTF-8, RFC 4180 quoting by the csv crate.

use std::io::Write;

use crate::digest::timeline::date_label;
use crate::digest::{ClaimRow, TimelineEntry};

pub const CLAIM_HEADER: [&str; 19] = [
    "claimant",
    "count_low",
    "count_high",
    "qualifier",
    "what",
    "who",
    "side",
    "scope",
    "denied_by",
    "as_of",
    "article",
    "reported_by",
    "start",
    "end",
    "quote",
    "status",
    "disputed",
    "disputed_with",
    "latest",
];

pub const TIMELINE_HEADER: [&str; 8] =
    ["date", "precision", "shown_as", "summary", "status", "sources", "passages", "quotes"];

fn text<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A cell a spreadsheet opens as text: control characters made inert, and
/// a cell that a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) prefixed with `'`, as the
/// OWASP rule on CSV injection says. Claimants, quotes and summaries are
/// text from files anyone can write.
pub fn cell(s: &str) -> String {
    let inert = crate::text::inert(s);
    match inert.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{inert}"),
        _ => inert.into_owned(),
    }
}

/// One claim a row.
pub fn write_claims(rows: &[&ClaimRow], out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CLAIM_HEADER)?;
    for r in rows {
        w.write_record(record([
            r.claimant.to_string(),
            text(r.count_low),
            text(r.count_high),
            text(r.qualifier),
            text(r.what),
            text(r.who),
            text(r.side),
            r.scope.to_string(),
            text(r.denied_by.as_deref()),
            text(r.as_of),
            r.article.to_string(),
            text(r.reported_by.as_deref()),
            r.start.to_string(),
            r.end.to_string(),
            r.quote.clone(),
            status(r.status).into(),
            r.disputed.to_string(),
            r.disputed_with.join("; "),
            r.latest.to_string(),
        ]))?;
    }
    w.flush()?;
    Ok(())
}

/// One timeline entry a row; its sources joined in one cell each
/// (`article:start-end; …` and the quotes separated by ` | `).
pub fn write_timeline(entries: &[TimelineEntry], out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(TIMELINE_HEADER)?;
    for e in entries {
        let passages: Vec<String> =
            e.sources.iter().map(|s| format!("{}:{}-{}", s.article, s.start, s.end)).collect();
        let quotes: Vec<&str> = e.sources.iter().map(|s| s.quote.as_str()).collect();
        w.write_record(record([
            text(e.date),
            e.precision.to_string(),
            date_label(e.date),
            e.summary.clone(),
            status(e.status).into(),
            e.sources.len().to_string(),
            passages.join("; "),
            quotes.join(" | "),
        ]))?;
    }
    w.flush()?;
    Ok(())
}

/// Every cell of a row through [`cell`].
fn record<const N: usize>(cells: [String; N]) -> [String; N] {
    cells.map(|c| cell(&c))
}

fn status(s: crate::annotation::Status) -> &'static str {
    match s {
        crate::annotation::Status::Accepted => "accepted",
        crate::annotation::Status::Rejected => "rejected",
        crate::annotation::Status::Suggested => "suggested",
    }
}
