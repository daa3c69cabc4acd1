//! Moving the article pane: scrolling by lines and pages, to either end, to
//! a passage (`reveal`), and from one search hit to the next. Lines are the
//! reader's display lines ([`super::wrap`]); positions are code points.

use super::app::App;
use super::layout;
use super::wrap::{At, Wrapped};
use crate::corpus::Article;

pub fn article_height(app: &App) -> usize {
    layout::panes(app).article.map_or(1, |r| layout::text_height(r) as usize)
}

/// Scrolls the article by `delta` lines (clamped to its length), wrapping
/// the paragraphs it passes.
pub fn scroll_article(app: &mut App, delta: isize) {
    scroll_article_with(app, |w, article, at, _| {
        if delta >= 0 {
            w.forward(article, at, delta as usize)
        } else {
            w.back(article, at, delta.unsigned_abs())
        }
    });
}

/// Scrolls the article to its first or last page without wrapping what lies
/// between.
pub fn scroll_article_to(app: &mut App, end: bool) {
    scroll_article_with(
        app,
        |w, article, _, height| {
            if end { w.max_top(article, height) } else { At::default() }
        },
    );
}

/// Moves the top line of the article to `to(layout, article, top, height)`,
/// kept within the lines that fill the pane.
fn scroll_article_with(app: &mut App, to: impl FnOnce(&mut Wrapped, &Article, At, usize) -> At) {
    let height = article_height(app);
    let Some((w, article, top)) = current_layout(app) else { return };
    let at = w.locate(article, *top);
    let target = to(w, article, at, height);
    let target = w.clamp_top(article, target, height);
    *top = w.start_cp(target);
}

/// The current article's layout (when it is laid out), its text and the
/// code point at its top.
fn current_layout(app: &mut App) -> Option<(&mut Wrapped, &Article, &mut usize)> {
    let i = app.current;
    let w = app.wrapped.as_mut().filter(|w| w.key.article == i)?;
    Some((w, app.project.articles.get(i)?, app.reader.tops.get_mut(i)?))
}

/// Scrolls so that code point `cp` is visible, a third down the pane.
pub fn reveal(app: &mut App, cp: usize) {
    app.prepare();
    let height = article_height(app);
    let Some((w, article, top)) = current_layout(app) else { return };
    let first = w.locate(article, *top);
    let last = w.forward(article, first, height.saturating_sub(1));
    let line = w.locate(article, cp);
    if line < first || line > last {
        let target = w.back(article, line, height / 3);
        *top = w.start_cp(target);
    }
}

pub fn step_hit(app: &mut App, forward: bool) {
    let n = app.reader.search.hits.len();
    if n == 0 {
        app.set_status("no search: / searches the article");
        return;
    }
    let cur = app.reader.search.current.unwrap_or(if forward { n - 1 } else { 0 });
    let next = if forward { (cur + 1) % n } else { (cur + n - 1) % n };
    app.reader.search.current = Some(next);
    let (s, _) = app.reader.search.hits[next];
    reveal(app, s);
    app.set_status(format!("hit {}/{n} for \u{201c}{}\u{201d}", next + 1, app.reader.search.query));
}
