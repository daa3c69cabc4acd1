//! The status bar: the mode, the keys that matter now (from the keymap),
//! and the position, the suggestions, the save state or an error in words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane, SaveState};
use crate::tui::keymap::Layer;

/// Whether a hinted action means something in the present state.
fn relevant(app: &App, action: &Action) -> bool {
    match action {
        Action::SearchNext => !app.reader.search.hits.is_empty(),
        Action::Open => app.focus != Pane::Article,
        Action::NextMark => app.focus == Pane::Article,
        Action::Down => true,
        Action::Chart => app.side_data.as_ref().is_some_and(|d| !d.series.is_empty()),
        Action::NextUnread => app.read.iter().any(|r| !r),
        Action::AnnotateKey(a) => crate::tui::annotate::glue::hint_relevant(app, a),
        Action::AdjudicateKey(a) => crate::tui::adjudicate::hint_relevant(app, a),
        Action::Help => app.annotation.session.as_ref().is_none_or(|s| s.selection.is_none()),
        _ => true,
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let layer = app.top_layer();
    let mode = match (layer, app.mode) {
        (Layer::Read, _) => " READ ",
        (Layer::Annotate, _) => " ANNOTATE ",
        (Layer::Help, _) => " HELP ",
        (Layer::Filter, _) => " FILTER ",
        (Layer::Search, _) => " SEARCH ",
        (Layer::Chart, _) => " CHART ",
        (Layer::Adjudicate, _) => " ADJUDICATE ",
    };
    let mut left = vec![Span::styled(mode, t.mode(app.mode != Mode::Read)), Span::raw(" ")];
    if layer == Layer::Search {
        left.push(Span::styled(format!("/{}▏", crate::text::inert_line(&app.reader.search.query)), t.key()));
        let n = app.reader.search.hits.len();
        left.push(Span::styled(format!("  {n} hits"), t.dim()));
    } else if let Some(msg) = app.status.as_ref().filter(|s| s.error) {
        left.push(Span::styled(crate::text::inert_line(&msg.text), t.error()));
    } else {
        // A message replaces the hints for the one frame after the action.
        if let Some(msg) = &app.status {
            left.push(Span::styled(crate::text::inert_line(&msg.text), t.ok()));
        }
    }
    let hints: Vec<(String, &str)> = app
        .keymap
        .table(layer)
        .iter()
        .filter(|b| b.hint.is_some() && relevant(app, &b.action) && app.status.is_none())
        .filter_map(|b| Some((b.keys.first()?.to_string(), b.hint?)))
        .collect();
    let total = app.project.articles.len();
    let pos = format!("{}/{total}", if total == 0 { 0 } else { app.current + 1 });
    let sugg = match app.open_suggestions() {
        1 => "1 suggestion".to_string(),
        n => format!("{n} suggestions"),
    };
    let (save, save_style) = match &app.save {
        SaveState::Saved => ("saved".to_string(), t.ok()),
        SaveState::Unsaved => ("unsaved".to_string(), t.error()),
        SaveState::ReadOnly(why) => (format!("read-only: {why}"), t.error()),
        SaveState::Failed(why) => (format!("not saved: {why}"), t.error()),
    };
    let right_text = format!(" {pos} · {sugg} · ");
    let right_w = right_text.chars().count() + save.chars().count().min(40);
    let width = area.width as usize;
    let left_w = width.saturating_sub(right_w + 1);
    // Whole hints only, as many as fit.
    if layer != Layer::Search {
        let mut used: usize = left.iter().map(|s| s.width()).sum();
        for (key, hint) in hints {
            let w = key.chars().count() + hint.chars().count() + 3;
            if used + w > left_w {
                break;
            }
            used += w;
            left.push(Span::styled(key, t.key()));
            left.push(Span::raw(format!(" {hint}  ")));
        }
    }
    // Cut the left part to its room, span by span.
    let mut used = 0;
    let mut cut = Vec::new();
    for s in left {
        let w = s.width();
        if used + w <= left_w {
            used += w;
            cut.push(s);
        } else {
            let rest = left_w.saturating_sub(used);
            if rest > 1 {
                cut.push(Span::styled(fit(&s.content, rest), s.style));
                used += rest;
            }
            break;
        }
    }
    cut.push(Span::raw(" ".repeat(width.saturating_sub(used + right_w))));
    if width > right_w + 8 {
        cut.push(Span::styled(right_text, t.dim()));
        cut.push(Span::styled(fit(&save, 40), save_style));
    }
    frame.render_widget(Paragraph::new(Line::from(cut)), area);
}
