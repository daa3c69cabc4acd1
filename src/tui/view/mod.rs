//! Drawing: a pure function of the application state. Nothing here writes
//! to the state or the disk; what is costly was prepared by `update`.

pub mod article;
pub mod chart;
pub mod help;
pub mod list;
pub mod side;
pub mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay};
use super::layout;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let panes = layout::compute(area, app.focus);
    if panes.too_small {
        let full = format!(
            "{}×{} is too small: depeche needs {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        let msg = if full.chars().count() <= area.width as usize { full } else { "too small".to_string() };
        frame.render_widget(Paragraph::new(Line::styled(msg, app.theme.error())), area);
        return;
    }
    if let Some(r) = panes.list {
        list::draw(app, frame, r);
    }
    if let Some(r) = panes.article {
        article::draw(app, frame, r);
    }
    if let Some(r) = panes.side {
        side::draw(app, frame, r);
    }
    if let Some(r) = panes.status {
        status::draw(app, frame, r);
    }
    // Part of the article pane in adjudicate mode: under every overlay.
    super::adjudicate::view::draw(app, frame);
    let main = Rect { height: area.height - 1, ..area };
    for o in &app.overlays {
        match o {
            Overlay::Help { scroll } => help::draw(app, frame, main, *scroll),
            Overlay::Chart => chart::draw(app, frame, main),
            Overlay::Filter | Overlay::Search => {}
        }
    }
    super::annotate::view::draw(app, frame, main);
}

pub use crate::date::label as date_label;

/// `lines` into `area`, one a row, straight into the buffer: built to fit
/// the width (`fit`), they need none of a `Paragraph`'s work, which cuts
/// each line again grapheme by grapheme (a tenth of a frame for the list).
pub fn put_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// `s` cut to `width` columns with an ellipsis (control characters inert).
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = crate::text::inert_line(s);
    let mut out = String::new();
    let mut w = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s;
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub use crate::tui::layout::centered;
