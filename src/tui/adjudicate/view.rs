//! The versions of the disagreement in focus, in a panel over the foot of
//! the article (and the side pane beside it): side by side when two or
//! three fit (a column a version, a row a field), else stacked; each with
//! its number (the key that keeps it), author, label, words and fields;
//! what differs marked `≠` (and in the error colour). A pure function of
//! the state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::{current, progress};
use crate::annotation::Annotation;
use crate::team::adjudicate::{AdjudicateAction as J, Difference, alternative_of, differs, fields, made_by};
use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keymap::Layer;
use crate::tui::layout;
use crate::tui::view::{fit, put_lines};

/// The panel's full width: the article pane, widened over the side pane
/// when there is one beside it.
fn full_width(app: &App) -> Option<(Rect, u16)> {
    let panes = layout::panes(app);
    let art = panes.article?;
    let right = panes.side.filter(|s| s.x == art.right()).map_or(art.right(), |s| s.right());
    Some((art, right - art.x))
}

/// Where the panel goes: the foot of the article pane (and the side pane).
fn area(app: &App) -> Option<Rect> {
    let (art, width) = full_width(app)?;
    let h = panel_height(app) as u16;
    (h > 2).then(|| Rect { x: art.x, y: art.bottom().saturating_sub(h), width, height: h })
}

/// Columns of text inside the panel (borders and a margin off).
fn text_width(panel_width: u16) -> usize {
    panel_width.saturating_sub(3) as usize
}

/// Rows the panel takes (borders included): what it shows, at most half
/// the article pane.
pub fn panel_height(app: &App) -> usize {
    if app.mode != Mode::Adjudicate {
        return 0;
    }
    let Some((art, width)) = full_width(app) else { return 0 };
    (lines(app, text_width(width)).len() + 2).min(art.height as usize / 2)
}

/// What the panel shows at `width`: the versions side by side when they
/// fit (two or three, a column each, a row per field: the way a merge tool
/// sets them), else stacked.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let list = current(app);
    let Some(d) = list.get(app.adjudication.focus) else {
        return vec![Line::styled(
            fit(
                "every disagreement of this dispatch is decided; n goes to the next dispatch that has one",
                width,
            ),
            app.theme.dim(),
        )];
    };
    let asking = app.adjudication.merging.as_ref().and_then(|m| m.asking()).map(|a| a.0.as_str());
    let n = d.versions.len();
    if (2..=3).contains(&n) && width >= NAME_W + n * MIN_COLUMN {
        side_by_side(app, &d.versions, width, asking)
    } else {
        version_lines(app, &d.versions, width, asking)
    }
}

/// The row names' column and the narrowest column of a version.
const NAME_W: usize = 12;
const MIN_COLUMN: usize = 28;

/// A row a field: its name (`≠` when the versions differ, `?` when a merge
/// asks about it), then each version's value.
fn side_by_side(
    app: &App,
    versions: &[Annotation],
    width: usize,
    asking: Option<&str>,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let col = (width - NAME_W) / versions.len();
    let cell = |s: &str, style| Span::styled(format!("{:<col$}", fit(s, col.saturating_sub(2))), style);
    let name = |s: &str, differ: bool, asked: bool| {
        let sign = if asked {
            "?"
        } else if differ {
            "≠"
        } else {
            " "
        };
        Span::styled(
            format!("{sign}{:<w$}", fit(s, NAME_W - 2), w = NAME_W - 1),
            if differ { t.error() } else { t.dim() },
        )
    };
    let mut out = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(NAME_W))];
    for (k, v) in versions.iter().enumerate() {
        let alt = alternative_of(v)
            .map(|w| match versions.iter().position(|x| x.id == w) {
                Some(i) => format!(" (alternative of {})", i + 1),
                None => " (alternative)".to_string(),
            })
            .unwrap_or_default();
        // The version's number (its key) takes two columns of the cell.
        let who = fit(&format!("{}{alt}", made_by(v)), col.saturating_sub(4));
        head.push(Span::styled(format!("{} ", k + 1), t.key()));
        head.push(Span::styled(format!("{who:<w$}", w = col.saturating_sub(2)), t.title()));
    }
    out.push(Line::from(head));
    let label_differs = differs(versions, Difference::Label);
    let mut row = vec![name("label", label_differs, false)];
    row.extend(versions.iter().map(|v| cell(&v.label, t.label(&v.label))));
    out.push(Line::from(row));
    let span_differs = differs(versions, Difference::Span);
    let mut row = vec![name("words", span_differs, false)];
    let words_style = if span_differs { t.error() } else { t.text() };
    row.extend(versions.iter().map(|v| cell(&format!("«{}»", v.quote.exact), words_style)));
    out.push(Line::from(row));
    // Every field any version sets, those that differ first.
    let mut names: Vec<String> = Vec::new();
    for v in versions {
        for (k, _) in fields(v) {
            if !names.contains(&k) {
                names.push(k);
            }
        }
    }
    let mut named: Vec<(bool, String)> =
        names.into_iter().map(|k| (differs(versions, Difference::Field(&k)), k)).collect();
    named.sort_by_key(|(d, _)| !*d);
    for (differ, k) in named {
        let mut row = vec![name(&k, differ, asking == Some(k.as_str()))];
        let style = if differ { t.error() } else { t.text() };
        for v in versions {
            let value = fields(v).into_iter().find(|(n, _)| *n == k).map(|(_, v)| v);
            row.push(cell(value.as_deref().unwrap_or("—"), style));
        }
        out.push(Line::from(row));
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame) {
    if app.mode != Mode::Adjudicate {
        return;
    }
    let Some(r) = area(app) else { return };
    let t = &app.theme;
    let list = current(app);
    let p = progress(app, app.current);
    let asking = app.adjudication.merging.as_ref().and_then(|m| m.asking());
    let title = match list.len() {
        _ if asking.is_some() => {
            format!(" merging: which {}? ", asking.map_or("", |a| &a.0))
        }
        0 => format!(" ≠ nothing left to adjudicate here · {} decided ", p.decided),
        n => format!(" ≠ disagreement {} of {n} here · {} decided ", app.adjudication.focus + 1, p.decided),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title()))
        .title_bottom(Span::styled(keys_line(app), t.dim()));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let lines = lines(app, text_width(r.width));
    put_lines(frame, Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner }, &lines);
}

/// ` 1 2 keep · b both · m merge · x reject all · n next `, from the keymap
/// (while merging: the keys that choose).
fn keys_line(app: &App) -> String {
    let key = |a: J| {
        app.keymap
            .key_for(Layer::Adjudicate, &Action::AdjudicateKey(a))
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    if app.adjudication.merging.is_some() {
        let back =
            app.keymap.key_for(Layer::Adjudicate, &Action::Back).map(|k| k.to_string()).unwrap_or_default();
        return format!(" {} {} choose · {back} cancels the merge ", key(J::Pick(1)), key(J::Pick(2)));
    }
    format!(
        " {} {} keep · {} both · {} merge · {} reject all · {} next ",
        key(J::Pick(1)),
        key(J::Pick(2)),
        key(J::Both),
        key(J::Merge),
        key(J::RejectAll),
        key(J::Next)
    )
}

/// Two lines a version: number, author, label, words; then its fields.
/// `asking`: the field a merge asks about, marked `?`.
fn version_lines(
    app: &App,
    versions: &[Annotation],
    width: usize,
    asking: Option<&str>,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let author_w = versions.iter().map(|v| made_by(v).chars().count()).max().unwrap_or(0).min(16);
    let mark = |differ: bool| if differ { "≠" } else { "" };
    let label_differs = differs(versions, Difference::Label);
    let span_differs = differs(versions, Difference::Span);
    let mut out = Vec::new();
    for (k, v) in versions.iter().enumerate() {
        let author = fit(made_by(v), author_w);
        let mut spans = vec![
            Span::styled(format!("{} ", k + 1), t.key()),
            Span::raw(format!("{author:<author_w$} ")),
            Span::styled(format!("{}{}", mark(label_differs), v.label), t.label(&v.label)),
        ];
        let alternative = alternative_of(v).is_some();
        let note_w = if alternative { 24 } else { 0 };
        let used = 2 + author_w + 1 + v.label.chars().count() + 4;
        let words = fit(&v.quote.exact, width.saturating_sub(used + note_w).max(8));
        let words_style = if span_differs { t.error() } else { t.text() };
        spans.push(Span::styled(format!(" {}«{words}»", mark(span_differs)), words_style));
        if let Some(w) = alternative_of(v) {
            let of =
                versions.iter().position(|x| x.id == w).map(|i| format!(" of {}", i + 1)).unwrap_or_default();
            spans.push(Span::styled(format!("  merge alternative{of}"), t.dim()));
        }
        out.push(Line::from(spans));
        // The fields that differ first: on a narrow screen they are what
        // is left when the line is cut.
        let mut fs: Vec<(bool, String, String)> = fields(v)
            .into_iter()
            .map(|(name, value)| (differs(versions, Difference::Field(&name)), name, value))
            .collect();
        fs.sort_by_key(|f| !f.0);
        if !fs.is_empty() {
            let mut spans = vec![Span::raw("    ")];
            for (n, (differ, name, value)) in fs.iter().enumerate() {
                if n > 0 {
                    spans.push(Span::styled(" · ", t.dim()));
                }
                let style = if *differ { t.error() } else { t.text() };
                let sign = if asking == Some(name.as_str()) { "?" } else { mark(*differ) };
                spans.push(Span::styled(format!("{sign}{name}: {}", fit(value, 40)), style));
            }
            out.push(Line::from(spans));
        }
    }
    out
}
