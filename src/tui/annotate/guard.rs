//! The quit guard: with changes not on disk, quitting needs a choice —
//! retry the save, save a copy elsewhere as JSON Lines, or discard them
//! explicitly. Nothing is lost by a stray `q`.

use std::path::PathBuf;

use crossterm::event::KeyCode;

use crate::tui::keymap::Key;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardOutcome {
    Pending,
    /// Stay in the application.
    Stay,
    Retry,
    SaveElsewhere(PathBuf),
    Discard,
}

#[derive(Debug)]
pub struct QuitGuard {
    pub reason: String,
    path: Option<TextArea<'static>>,
    confirm_discard: bool,
}

/// Where a rescue copy goes by default: the home folder, which is more
/// likely writable than the articles' folder that just refused a save.
pub fn default_rescue_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    home.join(format!("depeche-unsaved-{stamp}.jsonl"))
}

impl QuitGuard {
    pub fn new(reason: impl Into<String>) -> QuitGuard {
        QuitGuard { reason: reason.into(), path: None, confirm_discard: false }
    }

    pub fn handle_key(&mut self, key: Key) -> GuardOutcome {
        if let Some(area) = &mut self.path {
            return match key.code {
                KeyCode::Esc => {
                    self.path = None;
                    GuardOutcome::Pending
                }
                KeyCode::Enter => {
                    let p = area.lines().join("").trim().to_string();
                    if p.is_empty() {
                        GuardOutcome::Pending
                    } else {
                        GuardOutcome::SaveElsewhere(PathBuf::from(p))
                    }
                }
                _ => {
                    area.input(key.to_event());
                    GuardOutcome::Pending
                }
            };
        }
        match key.code {
            KeyCode::Char('r') => GuardOutcome::Retry,
            KeyCode::Char('s') => {
                let mut t = TextArea::new(vec![default_rescue_path().display().to_string()]);
                t.move_cursor(ratatui_textarea::CursorMove::End);
                t.set_cursor_line_style(Style::default());
                self.path = Some(t);
                GuardOutcome::Pending
            }
            KeyCode::Char('D') if self.confirm_discard => GuardOutcome::Discard,
            KeyCode::Char('D') => {
                self.confirm_discard = true;
                GuardOutcome::Pending
            }
            KeyCode::Esc | KeyCode::Char('n') => GuardOutcome::Stay,
            _ => {
                self.confirm_discard = false;
                GuardOutcome::Pending
            }
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(" Unsaved changes ")
            .border_style(Style::default().fg(Color::LightRed));
        let inner = block.inner(area);
        block.render(area, buf);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![
            Line::from(crate::text::inert_line(&self.reason)),
            Line::from(""),
            Line::from(vec![Span::styled("r", bold), Span::raw(" retry the save")]),
            Line::from(vec![Span::styled("s", bold), Span::raw(" save a copy elsewhere (JSON Lines)")]),
            Line::from(vec![
                Span::styled("D", bold),
                Span::raw(" discard the unsaved changes and quit (press twice)"),
            ]),
            Line::from(vec![Span::styled("Esc", bold), Span::raw(" stay")]),
        ];
        if self.confirm_discard {
            lines.push(Line::from(Span::styled(
                "press D again to discard",
                Style::default().fg(Color::LightRed),
            )));
        }
        let text_h = inner.height.saturating_sub(if self.path.is_some() { 2 } else { 0 });
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(Rect { height: text_h, ..inner }, buf);
        if let Some(t) = &self.path {
            let y = inner.y + inner.height.saturating_sub(2);
            buf.set_line(inner.x, y, &Line::from("save to (Enter saves, Esc back):"), inner.width);
            let mut t = t.clone();
            t.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
            (&t).render(Rect { x: inner.x, y: y + 1, width: inner.width, height: 1 }, buf);
        }
    }
}
