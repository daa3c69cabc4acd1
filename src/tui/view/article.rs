//! The article: the lines in view (wrapped by `App::prepare`), styled from the
//! annotations that overlap it (entities by label, figures standing out,
//! claims underlined, dates marked, suggestions dimmer), search hits, the
//! focused mark and the annotate cursor and selection.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{date_label, fit};
use crate::annotation::{Annotation, Kind};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Mark;
use crate::tui::wrap::{BlockLines, LineKind, VLine, WrapKey, Wrapped};

/// Columns of text in an article pane of this size (borders, a left margin
/// and the scrollbar column taken off).
pub use crate::tui::layout::{text_height, text_width};

/// Drawing order: later kinds paint over earlier ones.
fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Tag => 0,
        Kind::Event => 1,
        Kind::Claim => 2,
        Kind::Date => 3,
        Kind::Entity => 4,
        Kind::Figure => 5,
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Pane::Article;
    let Some(article) = app.article() else {
        let block = Block::default().borders(Borders::ALL).border_style(t.border(focused));
        frame.render_widget(Paragraph::new("no dispatch").block(block), area);
        return;
    };
    let m = &article.meta;
    let head = format!(
        " {} · {} · {} · ",
        date_label(m.date),
        m.outlet.as_deref().unwrap_or("outlet unknown"),
        m.lang.as_str()
    );
    let title_w = (area.width as usize).saturating_sub(head.chars().count() + 3);
    let block =
        Block::default().borders(Borders::ALL).border_style(t.border(focused)).title(Line::from(vec![
            Span::styled(head, t.date()),
            Span::styled(format!("{} ", fit(&m.title, title_w)), t.title()),
        ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let key = WrapKey {
        article: app.current,
        width: text_width(area),
        revision: app.revision,
        show_boilerplate: app.reader.show_boilerplate,
    };
    let height = text_height(area) as usize;
    let top = app.reader.tops.get(app.current).copied().unwrap_or(0);
    // The prepared lines; wrapped here only when update did not prepare
    // them (tests that draw without a resize), never stored.
    let built;
    let prepared =
        app.wrapped.as_ref().filter(|w| w.key == key).and_then(|w| Some((w, w.window(top, height)?)));
    let (wrapped, window) = match prepared {
        Some(p) => p,
        None => {
            let mut w = Wrapped::build(article, key, &app.boilerplate_tags(app.current));
            w.prepare(article, top, height);
            built = w;
            (&built, built.window(top, height).unwrap_or_default())
        }
    };
    let in_view = InView::new(app, &window);
    let lines: Vec<Line> =
        window.iter().map(|(block, l)| styled_line(app, wrapped, &in_view, block, l)).collect();
    super::put_lines(frame, text_area, &lines);
    // Exact for an article wrapped whole, else estimated from the lengths
    // of the paragraphs not wrapped yet.
    let (total, position) = wrapped.extent(top);
    if total > height {
        let mut state = ScrollbarState::new(total - height).position(position.min(total - height));
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None),
            area.inner(Margin { horizontal: 0, vertical: 1 }),
            &mut state,
        );
    }
}

/// The marks and search hits over the lines in view, looked up once a
/// frame: a dispatch of 1 MB has tens of thousands of suggestions, and a
/// scan of them per line cost milliseconds.
struct InView<'a> {
    /// In drawing order, each with its style.
    marks: Vec<(&'a Annotation, Style)>,
    /// Indices of the hits (in order, disjoint) that overlap the view.
    hits: Range<usize>,
}

impl<'a> InView<'a> {
    fn new(app: &'a App, window: &[(&BlockLines, &VLine)]) -> InView<'a> {
        let span = window.iter().filter_map(|(block, l)| {
            let offs = block.offsets(l);
            Some((*offs.first()?, *offs.last()?))
        });
        let Some((first, last)) = span.reduce(|(a, b), (c, d)| (a.min(c), b.max(d))) else {
            return InView { marks: Vec::new(), hits: 0..0 };
        };
        let mut marks = app.marks_in(first, last + 1);
        marks.sort_by_key(|(a, sugg)| (kind_rank(a.kind), !*sugg));
        let style =
            |a: &Annotation, suggested| app.theme.mark(Mark { label: &a.label, kind: a.kind, suggested });
        let marks = marks.into_iter().map(|(a, sugg)| (a, style(a, sugg))).collect();
        let hits = &app.reader.search.hits;
        let from = hits.partition_point(|h| h.1 <= first);
        InView { marks, hits: from..hits.partition_point(|h| h.0 <= last).max(from) }
    }
}

fn styled_line<'a>(app: &App, w: &Wrapped, in_view: &InView, block: &BlockLines, line: &VLine) -> Line<'a> {
    let t = &app.theme;
    match line.kind {
        LineKind::Blank => Line::default(),
        LineKind::Fold { count } => {
            let what = if count == 1 { "line" } else { "lines" };
            let key = app
                .keymap
                .key_for(crate::tui::keymap::Layer::Read, &crate::tui::action::Action::ToggleBoilerplate)
                .map(|k| format!(" ({k} shows)"))
                .unwrap_or_default();
            Line::styled(format!("⋯ {count} {what} of boilerplate folded{key}"), t.dim())
        }
        LineKind::Text => {
            let offs = block.offsets(line);
            let (Some(&first), Some(&last)) = (offs.first(), offs.last()) else { return Line::default() };
            let base = if w.paras[line.para].boilerplate { t.boilerplate() } else { t.text() };
            let marks: Vec<&(&Annotation, Style)> =
                in_view.marks.iter().filter(|(a, _)| a.overlaps(first, last + 1)).collect();
            let search = &app.reader.search;
            let hits: Vec<(usize, (usize, usize))> = in_view
                .hits
                .clone()
                .map(|i| (i, search.hits[i]))
                .filter(|(_, h)| h.0 <= last && first < h.1)
                .collect();
            let style_at = |cp: usize| -> Style {
                let mut s = base;
                for (a, style) in marks.iter().copied() {
                    if a.contains(cp) {
                        s = s.patch(*style);
                    }
                }
                for (i, h) in &hits {
                    if h.0 <= cp && cp < h.1 {
                        s = s.patch(t.hit(search.current == Some(*i)));
                    }
                }
                let inside = |r: Option<(usize, usize)>| r.is_some_and(|(a, b)| a <= cp && cp < b.max(a + 1));
                if inside(app.reader.focus) {
                    s = s.patch(t.focus_mark());
                }
                if inside(app.overlay.selection) {
                    s = s.patch(t.selection());
                }
                if inside(app.overlay.cursor) {
                    s = s.patch(t.focus_mark());
                }
                s
            };
            let mut spans: Vec<Span> = Vec::new();
            let mut run = String::new();
            let mut run_style = None;
            for (c, &cp) in block.chars(line).zip(offs) {
                let s = style_at(cp);
                if run_style != Some(s) && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), run_style.unwrap_or_default()));
                }
                run_style = Some(s);
                run.push(c);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, run_style.unwrap_or_default()));
            }
            Line::from(spans)
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;

    use crate::tui::action::Action;
    use crate::tui::config::Config;
    use crate::tui::keymap::Key;
    use crate::tui::readstate::ReadState;
    use crate::tui::{self, layout, update};

    /// Far down a long dispatch, with its suggestions and a search: each row
    /// of the pane shows its own hits and figures, and only those.
    #[test]
    fn every_hit_and_figure_in_view_is_styled_far_down_a_long_dispatch() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from(" date 2020-10-21 Le long dossier\n\n");
        for i in 0..400 {
            text.push_str(&format!(
                "Selon des bilans partiels, les combats ont fait plus de {} morts à Zanzibar, dont des civils, et Zanzibar reste fermée (paragraphe {i}).\n\n",
                100 + i
            ));
        }
        std::fs::write(dir.path().join("2020-10-21_long.txt"), &text).unwrap();
        let mut app = tui::open(dir.path(), &Config::default(), ReadState::default()).unwrap();
        update::update(&mut app, Action::Resize(100, 30));
        update::handle_key(&mut app, Key::plain(KeyCode::Enter));
        app.run_all_jobs();
        for c in "/zanzibar".chars() {
            update::handle_key(&mut app, Key::ch(c));
        }
        update::handle_key(&mut app, Key::plain(KeyCode::Enter));
        for _ in 0..30 {
            update::handle_key(&mut app, Key::plain(KeyCode::PageDown));
        }
        let top = app.reader.tops[app.current];
        assert!(app.reader.search.hits.iter().filter(|h| h.1 <= top).count() > 100, "hits above the pane");
        let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        term.draw(|f| super::super::draw(&app, f)).unwrap();
        let buf = term.backend().buffer();
        let area = layout::panes(&app).article.unwrap();
        let hit_bg = [app.theme.hit(false).bg, app.theme.hit(true).bg];
        let (mut hits, mut figures) = (0, 0);
        for y in area.y + 1..area.bottom() - 1 {
            let cells: Vec<_> = (area.x + 2..area.right() - 2).map(|x| &buf[(x, y)]).collect();
            let row: String = cells.iter().map(|c| c.symbol()).collect();
            let lit = cells.iter().filter(|c| hit_bg.contains(&Some(c.bg))).count();
            assert_eq!(lit, "Zanzibar".len() * row.matches("Zanzibar").count(), "{row}");
            hits += row.matches("Zanzibar").count();
            // The figure ("plus de … morts") is bold, nothing else is (a
            // row holding a part of it only is left out).
            let bold: String =
                cells.iter().filter(|c| c.modifier.contains(Modifier::BOLD)).map(|c| c.symbol()).collect();
            match (row.find("plus de "), row.find(" morts")) {
                (Some(from), Some(to)) if from < to => {
                    assert_eq!(bold, row[from..to + " morts".len()], "{row}");
                    figures += 1;
                }
                (None, None) => assert_eq!(bold, "", "{row}"),
                _ => {}
            }
        }
        assert!(hits >= 10 && figures >= 4, "{hits} hits, {figures} figures in view");
    }
}
