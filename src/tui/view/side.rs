//! The side pane: the timeline as known on the current dispatch's date (its
//! own entries marked, later ones hidden or dimmed), then the claims by
//! source (latest figure per series, disputed flagged, history on Enter).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{date_label, fit};
use crate::annotation::{Scope, Status, Who};
use crate::digest::ClaimRow;
use crate::tui::app::{App, Pane};
use crate::tui::side::{SideData, SideRow, detail_lines, list_height};
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Pane::Side;
    let data = app.side_data.as_ref().filter(|d| d.article == app.current && d.revision == app.revision);
    let as_of = data.map(|d| date_label(d.as_of)).unwrap_or_default();
    let mut block =
        Block::default().borders(Borders::ALL).border_style(t.border(focused)).title(Line::from(vec![
            Span::styled(" Timeline ", t.title()),
            Span::styled(format!("as of {as_of} "), t.date()),
        ]));
    // In a large folder the digests cover the dispatches around this one.
    if let Some((covered, n)) = data.and_then(|d| d.scope) {
        block =
            block.title_bottom(Span::styled(format!(" the nearest {covered} of {n} dispatches "), t.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(data) = data else {
        frame.render_widget(Paragraph::new(Span::styled("computing…", t.dim())), inner);
        return;
    };
    let rows = data.rows(&app.side);
    let width = inner.width as usize;
    let detail = detail_lines(data, rows.get(app.side.selected).copied(), inner.width, inner.height, focused);
    let height = list_height(inner.height, detail.len());
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(app.side.offset)
        .take(height as usize)
        .map(|(i, row)| {
            let line = row_line(app, data, *row, width);
            if focused && i == app.side.selected { line.style(t.selected(true)) } else { line }
        })
        .collect();
    if !detail.is_empty() {
        // the selected row whole, under a rule: what its row cuts
        lines.resize(height as usize, Line::default());
        lines.push(Line::styled("┄".repeat(width), t.dim()));
        lines.extend(detail.into_iter().map(|l| Line::styled(l, t.text())));
    }
    super::put_lines(frame, inner, &lines);
}

fn header(t: &Theme, text: &str, width: usize) -> Line<'static> {
    let rule = "─".repeat(width.saturating_sub(text.chars().count() + 3));
    Line::from(vec![Span::styled(format!("─ {text} "), t.title()), Span::styled(rule, t.dim())])
}

/// `10-09` for a date of the pane's `year` (a war's weeks), else whole
/// (`2023-10-07` in a folder of several wars and years).
fn short_date(d: Option<crate::date::PartialDate>, year: Option<i32>) -> String {
    let full = date_label(d);
    let same = d.is_some_and(|d| Some(d.year) == year);
    if same { full.get(5..).unwrap_or(&full).to_string() } else { full }
}

fn row_line<'a>(app: &App, data: &SideData, row: SideRow, width: usize) -> Line<'a> {
    let t = &app.theme;
    match row {
        SideRow::TimelineHeader => {
            let hidden = data.timeline.iter().filter(|e| e.later).count();
            let note = if hidden > 0 && !app.side.show_later {
                format!(" (+{hidden} later)")
            } else {
                String::new()
            };
            if data.timeline.is_empty() {
                return Line::styled(fit("no dated event yet", width), t.dim());
            }
            header(t, &format!("events{note}"), width)
        }
        SideRow::Event(i) => {
            let item = &data.timeline[i];
            let e = &item.entry;
            let mark = if e.current { "▶" } else { " " };
            let mut style = if e.current { t.own() } else { t.text() };
            if item.later {
                style = t.dim();
            }
            if e.status != Status::Accepted {
                style = style.add_modifier(Modifier::DIM);
            }
            let date = short_date(e.date, data.year);
            let rest = width.saturating_sub(date.chars().count() + 2);
            Line::from(vec![
                Span::styled(mark, t.own()),
                Span::styled(format!("{date} "), t.date()),
                Span::styled(fit(&e.summary, rest), style),
            ])
        }
        SideRow::ClaimsHeader => {
            if data.claims.groups.is_empty() {
                return Line::styled(fit("── no claims as of this date", width), t.dim());
            }
            header(t, "claims by source", width)
        }
        SideRow::Group(g) => {
            let group = &data.claims.groups[g];
            let open = app.side.expanded.contains(&group.claimant);
            let disputed = data.disputed.get(g).copied().unwrap_or(false);
            let arrow = if open { "▾ " } else { "▸ " };
            let flag = if disputed { " ⚠" } else { "" };
            Line::from(vec![
                Span::styled(arrow, t.dim()),
                Span::styled(fit(&group.claimant, width.saturating_sub(4)), t.outlet()),
                Span::styled(flag, t.disputed()),
            ])
        }
        SideRow::Claim(g, s, h) => match data.claim(g, s, h) {
            Some((c, old)) => {
                let indent = if old { "  ·" } else { "  " };
                claim_line(t, c, indent, width, app, (old, data.year))
            }
            None => Line::default(),
        },
    }
}

/// `(old, year)`: a figure a later one of its series superseded, and the
/// year the pane's dates are written without.
fn claim_line<'a>(
    t: &Theme,
    c: &ClaimRow,
    indent: &str,
    width: usize,
    app: &App,
    (old, year): (bool, Option<i32>),
) -> Line<'a> {
    let each = (c.scope == Scope::Each).then_some("each");
    let outlet = c.reported_by.as_deref().map(|o| format!("· {o}"));
    // Short words: the row is cut at 24 columns; the detail lines say it all.
    let who = c.who.and_then(|w| match w {
        Who::Civilians => Some("civ"),
        Who::Military => Some("mil"),
        Who::All => None,
    });
    let what: Vec<&str> = [c.what.map(|w| w.as_str()), who, c.side.map(|s| s.as_str()), each]
        .into_iter()
        .flatten()
        .chain(outlet.as_deref())
        .collect();
    let own = app.article().is_some_and(|a| *a.id == *c.article);
    let mut style: Style = if own { t.own() } else { t.text() };
    if old {
        style = t.dim();
    }
    if c.status != Status::Accepted {
        style = style.add_modifier(Modifier::DIM);
    }
    let figure = c.figure();
    let date = short_date(c.as_of, year);
    let flag = match (c.disputed, c.denied_by.is_some()) {
        (true, true) => " ⚠✗",
        (true, false) => " ⚠",
        (false, true) => " ✗",
        (false, false) => "",
    };
    // How many dispatches give this figure for this date.
    let copies = if c.copies > 1 { format!(" ×{}", c.copies) } else { String::new() };
    let used = indent.chars().count()
        + date.chars().count()
        + figure.chars().count()
        + copies.chars().count()
        + 2
        + flag.chars().count();
    Line::from(vec![
        Span::raw(indent.to_string()),
        Span::styled(format!("{date} "), t.date()),
        Span::styled(figure, t.label("FIGURE").add_modifier(Modifier::BOLD)),
        Span::styled(copies, t.dim()),
        Span::styled(format!(" {}", fit(&what.join(" "), width.saturating_sub(used))), style),
        Span::styled(flag, t.disputed()),
    ])
}
