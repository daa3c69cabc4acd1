//! Plain-text tables of the digests for a terminal of a given width (80 for
//! the command line): fixed columns, long summaries and quotes wrapped.

use unicode_width::UnicodeWidthStr;

use super::claims::{ClaimOrder, ClaimRow, ClaimsDigest};
use super::timeline::{TimelineEntry, date_label};
use crate::annotation::{Scope, Status};
use crate::text::inert_line;

/// The narrowest width the tables are laid out for.
pub const MIN_WIDTH: usize = 60;

/// `s` padded with spaces (or cut with `…`) to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w <= width {
        return format!("{s}{}", " ".repeat(width - w));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    format!("{out}{}", " ".repeat(width.saturating_sub(used + 1)))
}

/// `text` wrapped to `width` columns (words longer than a line are broken).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let lines = textwrap::wrap(text, width.max(1));
    if lines.is_empty() { vec![String::new()] } else { lines.into_iter().map(|l| l.into_owned()).collect() }
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The timeline as a table: date, marks, wrapped summary, number of
/// sources, then one line per source (article and passage).
pub fn timeline_table(entries: &[TimelineEntry], width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let indent = 14; // date 10, space, marks 2, space
    let summary_width = width - indent - 4; // space, count 3
    let mut out = String::new();
    push_line(&mut out, &format!("{}{}{:>4}", pad("DATE", indent), pad("EVENT", summary_width), "SRC"));
    for e in entries {
        let marks = format!(
            "{}{}",
            if e.current { '*' } else { ' ' },
            if e.status == Status::Suggested { '~' } else { ' ' }
        );
        let lines = wrap(&inert_line(&e.summary), summary_width);
        for (n, line) in lines.iter().enumerate() {
            if n == 0 {
                push_line(
                    &mut out,
                    &format!(
                        "{} {} {}{:>4}",
                        e.date_label(),
                        marks,
                        pad(line, summary_width),
                        e.sources.len()
                    ),
                );
            } else {
                push_line(&mut out, &format!("{}{line}", " ".repeat(indent)));
            }
        }
        for s in &e.sources {
            let link = format!("· {} {}–{}", s.article, s.start, s.end);
            for line in wrap(&inert_line(&link), width - indent) {
                push_line(&mut out, &format!("{}{line}", " ".repeat(indent)));
            }
        }
    }
    if entries.is_empty() {
        push_line(&mut out, "(no events: accept EVENT annotations or suggestions)");
    }
    push_line(&mut out, "");
    push_line(&mut out, "~ suggested, not yet accepted   * from the current dispatch   ?? not known");
    out
}

/// The claims as a table, grouped by claimant, side or kind: one line per
/// claim (▸ the latest of its series), then its quote and article, its
/// claimant when not grouped by claimant, and whom it disputes.
pub fn claims_table(digest: &ClaimsDigest, by: ClaimOrder, width: usize) -> String {
    let width = width.max(MIN_WIDTH + 20);
    let mut out = String::new();
    push_line(
        &mut out,
        &format!(
            "  {} {} {} {} {} NOTE",
            pad("AS OF", 10),
            pad("FIGURE", 16),
            pad("WHAT", 9),
            pad("WHO", 9),
            pad("PARTY", 11)
        ),
    );
    let mut heading: Option<String> = None;
    for row in digest.rows(by) {
        let h = match by {
            ClaimOrder::Claimant => row.claimant.to_string(),
            ClaimOrder::Side => format!("party: {}", opt(row.side)),
            ClaimOrder::What => format!("what: {} / {}", opt(row.what), opt(row.who)),
            ClaimOrder::Outlet => format!("reported by {}", opt(row.reported_by.as_deref())),
        };
        if heading.as_ref() != Some(&h) {
            push_line(&mut out, "");
            for line in wrap(&inert_line(&h), width) {
                push_line(&mut out, &line);
            }
            heading = Some(h);
        }
        claim_lines(&mut out, row, by, width);
    }
    if digest.groups.is_empty() {
        push_line(&mut out, "(no claims: accept CLAIM annotations or suggestions)");
    }
    push_line(&mut out, "");
    push_line(&mut out, "▸ latest of its series   EACH: the figure holds for each party, not in all");
    push_line(&mut out, "DISPUTED: another claimant's figure within 3 days does not overlap");
    out
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "?".into(), |v| v.to_string())
}

fn claim_lines(out: &mut String, row: &ClaimRow, by: ClaimOrder, width: usize) {
    let mut note = Vec::new();
    if row.status == Status::Suggested {
        note.push("suggested");
    }
    if row.scope == Scope::Each {
        note.push("EACH");
    }
    if row.disputed {
        note.push("DISPUTED");
    }
    if row.denied_by.is_some() {
        note.push("DENIED");
    }
    let date = date_label(row.as_of);
    push_line(
        out,
        &format!(
            "{} {} {} {} {} {} {}",
            if row.latest { '▸' } else { ' ' },
            pad(&date, 10),
            pad(&row.figure(), 16),
            pad(&opt(row.what), 9),
            pad(&opt(row.who), 9),
            pad(&opt(row.side), 11),
            note.join(" ")
        ),
    );
    let mut detail = Vec::new();
    if by != ClaimOrder::Claimant {
        detail.push(format!("by {}", row.claimant));
    }
    if let Some(d) = &row.denied_by {
        detail.push(format!("denied by {d}"));
    }
    if by != ClaimOrder::Outlet
        && let Some(outlet) = &row.reported_by
    {
        detail.push(format!("reported by {outlet}"));
    }
    detail.push(format!("“{}” {} {}–{}", row.quote, row.article, row.start, row.end));
    if !row.disputed_with.is_empty() {
        detail.push(format!("disputed by {}", row.disputed_with.join("; ")));
    }
    for d in detail {
        for line in wrap(&inert_line(&d), width - 4) {
            push_line(out, &format!("    {line}"));
        }
    }
}
