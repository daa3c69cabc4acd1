//! `?`: every key of the current mode, then of the layers over it, generated
//! from the keymap so that it can never lie.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::app::{App, Mode};
use crate::tui::keymap::{Binding, Layer};

/// Width from which the action names (for the config file) fit beside the
/// keys and descriptions.
const WIDE: u16 = 96;

/// The help's lines for a mode: its table, then the overlays'. Action names
/// (what the config file binds) are a column when `wide`; a narrow terminal
/// shows them after a description cut to make room.
pub fn lines(app: &App, wide: bool) -> Vec<Line<'static>> {
    let t = &app.theme;
    let base = match app.mode {
        Mode::Read => Layer::Read,
        Mode::Annotate => Layer::Annotate,
        Mode::Adjudicate => Layer::Adjudicate,
    };
    let mut out = Vec::new();
    let sections = [
        (base, format!("{} mode", base.name())),
        (Layer::Filter, "while filtering the list (type to filter)".to_string()),
        (Layer::Search, "while searching the article (type to search)".to_string()),
        (Layer::Chart, "in the chart".to_string()),
        (Layer::Help, "in this help".to_string()),
    ];
    for (layer, title) in sections {
        let table = app.keymap.table(layer);
        if table.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(title, t.title()));
        for b in table {
            out.push(binding_line(app, b, wide));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("marks on the screen", t.title()));
    for (mark, meaning) in MARKS {
        out.push(Line::from(vec![Span::styled(format!("  {mark:<16} "), t.key()), Span::raw(*meaning)]));
    }
    out
}

/// What the marks of the panes mean: one place, shown by `?`.
const MARKS: &[(&str, &str)] = &[
    ("●", "a dispatch not read yet"),
    ("▶", "the open dispatch; in the timeline, its own events"),
    ("3✚", "the claims a dispatch gives (accepted and suggested)"),
    ("≠2/7", "2 of the 7 disagreements between its annotators still to adjudicate (a)"),
    ("· AFP", "the outlet that reported a claim"),
    ("×3", "three dispatches give this figure for this date"),
    ("each", "the figure holds for each party, not in all"),
    ("⚠", "disputed: another claimant's figure within 3 days does not overlap"),
    ("✗", "the text says who denies the figure"),
    ("dim", "a suggestion, not yet accepted"),
];

/// Columns a narrow help gives a line (an 80-column terminal, borders off).
const NARROW: usize = 76;

fn binding_line(app: &App, b: &Binding, wide: bool) -> Line<'static> {
    let t = &app.theme;
    let keys: Vec<String> = b.keys.iter().map(|k| k.to_string()).collect();
    let name = b.action.config_name().unwrap_or_default();
    // A description longer than its column is cut (…): the action's name,
    // which the config file needs, always shows whole.
    let fit = |room: usize| -> String {
        if b.desc.chars().count() > room {
            let cut: String = b.desc.chars().take(room.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            format!("{:<room$}", b.desc)
        }
    };
    if wide {
        let keys = format!("{:<16}", keys.join(" "));
        // With no name to show (the digits' rule), the line is the description's.
        let desc = if name.is_empty() { b.desc.to_string() } else { fit(50) };
        return Line::from(vec![
            Span::styled(format!("  {keys} "), t.key()),
            Span::raw(desc),
            Span::styled(format!(" {name}"), t.dim()),
        ]);
    }
    let keys = format!("{:<10}", keys.join(" "));
    let desc = fit(NARROW.saturating_sub(keys.chars().count() + 4 + name.chars().count()));
    Line::from(vec![
        Span::styled(format!("  {keys} "), t.key()),
        Span::raw(desc),
        Span::styled(format!(" {name}"), t.dim()),
    ])
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let t = &app.theme;
    let w = WIDE.min(area.width);
    let lines = lines(app, w >= WIDE);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = super::centered(area, w, h);
    let max_scroll = (lines.len() as u16 + 2).saturating_sub(h);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(" Help — keys by mode ", t.title()))
        .title_bottom(Span::styled(" Esc or ? closes · j/k scroll ", t.dim()));
    frame.render_widget(Clear, r);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), r);
}
