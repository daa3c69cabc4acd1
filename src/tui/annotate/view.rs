//! What annotate mode draws over the reader's screen: the label legend on
//! the article pane's lower border, the open form, the quit guard.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, Mode};
use crate::tui::layout;
use crate::tui::layout::centered;

pub fn draw(app: &App, frame: &mut Frame, main: Rect) {
    let st = &app.annotation;
    // Over the article pane's border only: an open overlay (help, search)
    // covers that border, and the legend must not cut through it.
    if app.mode == Mode::Annotate
        && app.overlays.is_empty()
        && let Some(area) = layout::panes(app).article
    {
        draw_legend(app, frame, area);
    }
    if let Some(open) = st.session.as_ref().and_then(|s| s.form.as_ref()) {
        let w = 72.min(main.width);
        let r = centered(main, w, open.form.height());
        open.form.render(r, frame.buffer_mut());
    }
    if let Some(g) = &st.guard {
        let r = centered(main, 64.min(main.width), 12);
        g.render(r, frame.buffer_mut());
    }
}

/// `1 PER  2 LOC  3 ORG …` in each label's colour, over the bottom border;
/// where that does not fit, `1PER 2LOC …` and, still too long, cut with a
/// `…` (`?` lists them all).
fn draw_legend(app: &App, frame: &mut Frame, area: Rect) {
    if area.height < 3 || area.width < 10 {
        return;
    }
    let t = &app.theme;
    let room = area.width.saturating_sub(2) as usize;
    let labels = &app.project.labels.labels;
    let full: usize = 1 + labels.iter().map(|l| l.name.chars().count() + 4).sum::<usize>();
    let compact = full > room;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (n, l) in labels.iter().enumerate() {
        let name = if compact { l.name.clone() } else { format!(" {} ", l.name) };
        let width = 1 + name.chars().count() + 1;
        // A column kept for the `…` unless this is the last label.
        let keep = if n + 1 == labels.len() { 0 } else { 1 };
        if used + width + keep > room {
            spans.push(Span::styled("…", t.dim()));
            break;
        }
        used += width;
        spans.push(Span::styled(l.key.to_string(), t.key()));
        spans.push(Span::styled(name, t.label(&l.name)));
        spans.push(Span::raw(" "));
    }
    let y = area.y + area.height - 1;
    frame.buffer_mut().set_line(area.x + 1, y, &Line::from(spans), area.width.saturating_sub(2));
}
