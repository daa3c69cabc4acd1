//! The dispatches: two lines a row (date, outlet, claims; then the title),
//! only the visible rows built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{date_label, fit, put_lines};
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::update::list_rows;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Pane::List;
    let total = app.project.articles.len();
    let shown = app.list.order.len();
    let pos = if shown == 0 { 0 } else { app.list.selected + 1 };
    // An ellipsis while the filter is still trying dispatches.
    let more = if app.list.filtering() { "…" } else { "" };
    let mut title = format!(" Dispatches {pos}/{shown}{more}");
    if shown != total {
        title.push_str(&format!(" of {total}"));
    }
    title.push(' ');
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(Span::styled(title, t.title()));
    let filtering = app.has_overlay(|o| *o == Overlay::Filter);
    if filtering || !app.list.filter.is_empty() {
        let cursor = if filtering { "▏" } else { "" };
        block = block.title_bottom(Span::styled(
            format!(" /{}{cursor} ", crate::text::inert_line(&app.list.filter)),
            t.key(),
        ));
    } else {
        let order = if app.list.newest_first { " newest first " } else { " oldest first " };
        block = block.title_bottom(Span::styled(order, t.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if shown == 0 {
        let msg = if total == 0 { "no dispatch in this folder" } else { "nothing matches the filter" };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim())), inner);
        return;
    }
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for pos in app.list.offset..(app.list.offset + list_rows(area)).min(shown) {
        let i = app.list.order[pos];
        // Read from the row: drawing makes no article (a scroll through a
        // million would otherwise make them all).
        let articles = &app.project.articles;
        let selected = pos == app.list.selected;
        let row_style = if selected { t.selected(focused) } else { t.text() };
        let marker = if i == app.current { "▶" } else { " " };
        let unread = if app.read[i] { " " } else { "●" };
        let claims = app.claim_count(i);
        let claims = if claims > 0 { format!("{claims}✚") } else { String::new() };
        let outlet = articles.outlet(i).unwrap_or("?");
        // Disagreements between annotators still to adjudicate: `≠2/7 `.
        let (adj, adj_style) = crate::tui::adjudicate::list_mark(app, i);
        let head_w = width.saturating_sub(14 + claims.chars().count() + adj.chars().count());
        let mut first = vec![
            Span::raw(marker),
            Span::styled(unread, t.unread()),
            Span::styled(date_label(articles.date(i)), t.date()),
            Span::raw(" "),
            Span::styled(fit(outlet, head_w), t.outlet()),
        ];
        let used: usize = first.iter().map(|s| s.width()).sum();
        let pad = width.saturating_sub(used + claims.chars().count() + adj.chars().count());
        first.push(Span::raw(" ".repeat(pad)));
        first.push(Span::styled(adj, adj_style));
        first.push(Span::styled(claims, t.label("CLAIM")));
        let title_style = if app.read[i] { t.text() } else { t.unread() };
        let second =
            vec![Span::raw("  "), Span::styled(fit(articles.title(i), width.saturating_sub(2)), title_style)];
        lines.push(Line::from(first).style(row_style));
        lines.push(Line::from(second).style(row_style));
    }
    put_lines(frame, inner, &lines);
}
