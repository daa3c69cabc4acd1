//! `update`: an action changes the state and says what the run loop must do
//! (effects). No terminal and no disk here.

use super::action::Action;
use super::app::{App, Job, Mode, Overlay, Pane};
use super::keymap::{Key, Layer};
use super::layout;
use super::side::SideRow;
use crate::annotation::Kind;

pub use super::effect::Effect;
use super::scroll::{article_height, scroll_article_to};
pub use super::scroll::{reveal, scroll_article, step_hit};

/// A key, through the keymap of the top layer.
pub fn handle_key(app: &mut App, key: Key) -> Vec<Effect> {
    if let Some(effects) = crate::tui::annotate::glue::handle_key(app, key) {
        settle(app);
        return effects;
    }
    match app.keymap.lookup(app.top_layer(), key) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A message lasts until the next thing the user does.
    if !matches!(action, Action::Resize(..) | Action::Insert(_)) {
        app.status = None;
    }
    let effects = match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Action::Click { col, row } => click(app, col, row),
        Action::Wheel { col, row, down } => wheel(app, col, row, down),
        Action::Paste(text) => {
            let mut fx = Vec::new();
            if app.top_layer().takes_text() {
                for c in text.chars().filter(|c| !c.is_control()) {
                    fx.extend(update(app, Action::Insert(c)));
                }
            }
            fx
        }
        action => match app.top_layer() {
            Layer::Help => help(app, action),
            Layer::Filter => filter(app, action),
            Layer::Search => search(app, action),
            Layer::Chart => chart(app, action),
            Layer::Read | Layer::Annotate => read(app, action),
            Layer::Adjudicate => match crate::tui::adjudicate::update(app, action) {
                Ok(effects) => effects,
                Err(action) => read(app, action),
            },
        },
    };
    settle(app);
    effects
}

/// Keeps derived state in step: layout cache, selections in view, scroll
/// positions within the article.
pub fn settle(app: &mut App) {
    app.prepare();
    crate::tui::annotate::glue::follow_layout(app);
    crate::tui::adjudicate::follow(app);
    let panes = layout::panes(app);
    if let Some(r) = panes.list {
        app.list.scroll_into_view(list_rows(r));
    }
    if let (Some(r), Some(data)) = (panes.side, app.side_data.as_ref()) {
        let rows = data.rows(&app.side).len();
        app.side.selected = app.side.selected.min(rows.saturating_sub(1));
        let h = r.height.saturating_sub(2) as usize;
        let s = &mut app.side;
        if s.selected < s.offset {
            s.offset = s.selected;
        } else if h > 0 && s.selected >= s.offset + h {
            s.offset = s.selected + 1 - h;
        }
    }
    scroll_article(app, 0);
}

/// Rows of two lines each that fit in the list pane.
pub fn list_rows(area: ratatui::layout::Rect) -> usize {
    (area.height.saturating_sub(2) / 2).max(1) as usize
}

/// Shows article `i` in the article pane (the list selection follows).
pub fn show(app: &mut App, i: usize) {
    app.show(i);
}

/// Opens article `i` for reading: shown, focused, marked read.
fn open(app: &mut App, i: usize) -> Vec<Effect> {
    show(app, i);
    app.focus = Pane::Article;
    app.read[i] = true;
    app.store_readstate();
    vec![Effect::SaveReadState]
}

/// Opens a dispatch at a passage, highlighted.
pub fn open_at(app: &mut App, id: &str, start: usize, end: usize) -> Vec<Effect> {
    let Some(i) = app.project.position(id) else {
        app.set_error(format!("the dispatch {id} is not in this folder"));
        return Vec::new();
    };
    let fx = open(app, i);
    app.reader.focus = Some((start, end));
    reveal(app, start);
    fx
}

fn cycle_pane(app: &mut App, forward: bool) {
    const ORDER: [Pane; 3] = [Pane::List, Pane::Article, Pane::Side];
    let i = ORDER.iter().position(|p| *p == app.focus).unwrap_or(0);
    app.focus = ORDER[(i + if forward { 1 } else { 2 }) % 3];
}

fn move_list(app: &mut App, delta: isize) {
    app.list.move_by(delta);
    if let Some(a) = app.list.selected_article() {
        show(app, a);
    }
}

fn move_side(app: &mut App, delta: isize) {
    let Some(data) = app.side_data.as_ref() else { return };
    let rows = data.rows(&app.side);
    if !rows.is_empty() {
        app.side.selected = (app.side.selected as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
    }
    let Some(pane) = super::layout::panes(app).side else { return };
    let (width, inner) = (pane.width.saturating_sub(2), pane.height.saturating_sub(2));
    // the list's height is what the detail lines of the selected row leave
    let selected = rows.get(app.side.selected).copied();
    let detail = super::side::detail_lines(data, selected, width, inner, app.focus == Pane::Side).len();
    app.side.scroll_into_view(super::side::list_height(inner, detail) as usize);
}

/// Moves in the focused pane: lines, rows or pages.
fn motion(app: &mut App, delta: isize) {
    match app.focus {
        Pane::List => move_list(app, delta),
        Pane::Article => scroll_article(app, delta),
        Pane::Side => move_side(app, delta),
    }
}

fn page(app: &App) -> isize {
    let panes = layout::panes(app);
    match app.focus {
        Pane::List => panes.list.map_or(1, list_rows) as isize,
        Pane::Article => (article_height(app).saturating_sub(2)).max(1) as isize,
        Pane::Side => panes.side.map_or(1, |r| r.height.saturating_sub(3).max(1)) as isize,
    }
}

fn read(app: &mut App, action: Action) -> Vec<Effect> {
    use Action as A;
    match action {
        A::Quit => {
            app.quit = true;
            app.store_readstate();
            return vec![Effect::SaveReadState, Effect::Quit];
        }
        A::Down => motion(app, 1),
        A::Up => motion(app, -1),
        A::PageDown => motion(app, page(app)),
        A::PageUp => motion(app, -page(app)),
        A::Top if app.focus == Pane::Article => scroll_article_to(app, false),
        A::Bottom if app.focus == Pane::Article => scroll_article_to(app, true),
        A::Top => motion(app, isize::MIN / 2),
        A::Bottom => motion(app, isize::MAX / 2),
        A::NextPane => cycle_pane(app, true),
        A::PrevPane => cycle_pane(app, false),
        A::Open => return open_here(app),
        A::Back => {
            if !app.reader.search.hits.is_empty() || app.reader.focus.is_some() {
                app.reader.search = Default::default();
                app.reader.focus = None;
            } else if app.mode == Mode::Annotate {
                app.mode = Mode::Read;
            } else if app.focus == Pane::List && !app.list.filter.is_empty() {
                let keep = app.current;
                app.list.set_filter(&app.project.articles, "", false);
                app.list.select_article(keep);
            } else {
                app.focus = Pane::List;
            }
        }
        A::NextMark => jump_mark(app, true),
        A::PrevMark => jump_mark(app, false),
        A::Find if app.focus == Pane::List => app.overlays.push(Overlay::Filter),
        A::Find | A::Search => {
            app.reader.search = Default::default();
            app.overlays.push(Overlay::Search);
        }
        A::Filter => {
            app.focus = Pane::List;
            app.overlays.push(Overlay::Filter);
        }
        A::SearchNext => step_hit(app, true),
        A::SearchPrev => step_hit(app, false),
        A::ToggleSort => {
            app.list.toggle_sort(&app.project.articles);
            let order = if app.list.newest_first { "newest first" } else { "oldest first" };
            app.set_status(format!("dispatches sorted {order}"));
        }
        A::NextUnread => return next_unread(app),
        A::ToggleRead => {
            let i = app.current;
            app.read[i] = !app.read[i];
            app.store_readstate();
            return vec![Effect::SaveReadState];
        }
        A::ToggleBoilerplate => {
            app.reader.show_boilerplate = !app.reader.show_boilerplate;
            let word = if app.reader.show_boilerplate { "shown (dimmed)" } else { "folded" };
            app.set_status(format!("boilerplate {word}"));
        }
        A::ToggleLater => {
            app.side.show_later = !app.side.show_later;
            let word = if app.side.show_later { "shown dimmed" } else { "hidden" };
            app.set_status(format!("timeline entries known only later: {word}"));
        }
        A::Chart => match app.side_data.as_ref() {
            Some(d) if !d.series.is_empty() => app.overlays.push(Overlay::Chart),
            Some(_) => app.set_status("no claims with figures to chart yet"),
            None => app.set_status("the claims are still being computed"),
        },
        A::Help => app.overlays.push(Overlay::Help { scroll: 0 }),
        A::Annotate => return crate::tui::annotate::glue::enter(app),
        A::Adjudicate => return crate::tui::adjudicate::enter(app),
        A::AnnotateKey(a) => return crate::tui::annotate::glue::act(app, a),
        _ => {}
    }
    Vec::new()
}

fn open_here(app: &mut App) -> Vec<Effect> {
    match app.focus {
        Pane::List => match app.list.selected_article() {
            Some(i) => open(app, i),
            None => Vec::new(),
        },
        Pane::Article => Vec::new(),
        Pane::Side => {
            let Some(data) = app.side_data.as_ref() else { return Vec::new() };
            let rows = data.rows(&app.side);
            match rows.get(app.side.selected).copied() {
                Some(SideRow::Group(g)) => {
                    let name = data.claims.groups[g].claimant.clone();
                    if !app.side.expanded.remove(&name) {
                        app.side.expanded.insert(name);
                    }
                    Vec::new()
                }
                Some(row) => match data.passage(row) {
                    Some((id, s, e)) => {
                        let id = id.to_string();
                        open_at(app, &id, s, e)
                    }
                    None => Vec::new(),
                },
                None => Vec::new(),
            }
        }
    }
}

fn next_unread(app: &mut App) -> Vec<Effect> {
    let order = &app.list.order;
    let n = order.len();
    let from = app.list.selected;
    let found = (1..=n).map(|k| order[(from + k) % n]).find(|&a| !app.read[a]);
    match found {
        Some(a) => open(app, a),
        None => {
            app.set_status("every dispatch is read");
            Vec::new()
        }
    }
}

/// `w`/`b`: the next or previous entity or figure after the one focused
/// (or after the top of the pane).
fn jump_mark(app: &mut App, forward: bool) {
    let mut spans: Vec<(usize, usize)> = app
        .marks_in(0, usize::MAX)
        .into_iter()
        .filter(|(a, _)| matches!(a.kind, Kind::Entity | Kind::Figure))
        .map(|(a, _)| (a.start, a.end))
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let here = app.reader.focus.unwrap_or_else(|| {
        let top = app.reader.tops.get(app.current).copied().unwrap_or(0);
        if forward { (top, 0) } else { (top, top) }
    });
    let found = if forward {
        spans.iter().find(|s| **s > here && (app.reader.focus.is_some() || s.0 >= here.0))
    } else {
        spans.iter().rev().find(|s| **s < here)
    };
    match found.copied() {
        Some(s) => {
            app.reader.focus = Some(s);
            reveal(app, s.0);
        }
        None => app.set_status(if forward {
            "no entity or figure further on"
        } else {
            "no entity or figure before"
        }),
    }
}

/// Every occurrence of `query` in `text` whatever the case and accents
/// (`defense` finds "Défense"), as code points.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let fold = crate::digest::fold::fold_char;
    let q: Vec<char> = query.chars().map(fold).collect();
    if q.is_empty() {
        return Vec::new();
    }
    let t: Vec<char> = text.chars().map(fold).collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() {
        if t[i..i + q.len()] == q[..] {
            hits.push((i, i + q.len()));
            i += q.len();
        } else {
            i += 1;
        }
    }
    hits
}

fn search(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Insert(c) => {
            app.reader.search.query.push(c);
            refresh_hits(app);
        }
        Action::DeleteBack => {
            app.reader.search.query.pop();
            refresh_hits(app);
        }
        Action::Accept => {
            app.overlays.pop();
            if app.reader.search.hits.is_empty() && !app.reader.search.query.is_empty() {
                app.set_error(format!("\u{201c}{}\u{201d} is not in this dispatch", app.reader.search.query));
            } else if app.mode == Mode::Annotate {
                crate::tui::annotate::glue::cursor_to_hit(app);
                let n = app.reader.search.hits.len();
                app.set_status(format!("{n} hits: n and N walk them, Esc clears the search"));
            }
        }
        Action::Back => {
            app.overlays.pop();
            app.reader.search = Default::default();
        }
        _ => {}
    }
    Vec::new()
}

fn refresh_hits(app: &mut App) {
    let Some(article) = app.article() else { return };
    let hits = find_all(&article.text, &app.reader.search.query);
    let top = app.reader.tops[app.current];
    let current = hits.iter().position(|h| h.0 >= top).or(if hits.is_empty() { None } else { Some(0) });
    app.reader.search.hits = hits;
    app.reader.search.current = current;
    if let Some(c) = current {
        let s = app.reader.search.hits[c].0;
        reveal(app, s);
    }
}

fn filter(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Insert(c) => {
            let mut q = app.list.filter.clone();
            q.push(c);
            refilter(app, &q, true, true);
        }
        Action::DeleteBack => {
            let mut q = app.list.filter.clone();
            q.pop();
            refilter(app, &q, false, false);
        }
        Action::Down => move_list(app, 1),
        Action::Up => move_list(app, -1),
        Action::Accept => {
            app.overlays.pop();
            if let Some(a) = app.list.selected_article() {
                return open(app, a);
            }
        }
        Action::Back => {
            app.overlays.pop();
            let keep = app.current;
            app.list.set_filter(&app.project.articles, "", false);
            app.list.select_article(keep);
        }
        _ => {}
    }
    Vec::new()
}

/// How long a keystroke in the filter tries dispatches before its frame;
/// the rest are tried in idle time, a slice at a time.
const FILTER_KEY_BUDGET: std::time::Duration = std::time::Duration::from_micros(150);

/// Filters the list on `query`: the matches found within the keystroke's
/// budget are shown at once, the others join them in idle time. With
/// `follow` (typing, not erasing), the best match is shown as it changes.
fn refilter(app: &mut App, query: &str, narrow: bool, follow: bool) {
    app.list.start_filter(&app.project.articles, query, narrow);
    app.list.filter_step(&app.project.articles, FILTER_KEY_BUDGET);
    app.jobs.retain(|j| !matches!(j, Job::Filter { .. }));
    if app.list.filtering() {
        app.jobs.insert(0, Job::Filter { follow });
    }
    if follow {
        app.follow_best_match();
    }
}

fn help(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Help { scroll }) = app.overlays.last_mut() else { return Vec::new() };
    match action {
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Back => {
            app.overlays.pop();
        }
        _ => {}
    }
    Vec::new()
}

fn chart(app: &mut App, action: Action) -> Vec<Effect> {
    let n = app.side_data.as_ref().map_or(0, |d| d.series.len()).max(1);
    match action {
        Action::NextSeries => app.side.series = (app.side.series + 1) % n,
        Action::PrevSeries => app.side.series = (app.side.series + n - 1) % n,
        Action::Back => {
            app.overlays.pop();
        }
        _ => {}
    }
    Vec::new()
}

fn click(app: &mut App, col: u16, row: u16) -> Vec<Effect> {
    if !app.overlays.is_empty() {
        return Vec::new();
    }
    let panes = layout::panes(app);
    let Some(pane) = panes.at(col, row) else { return Vec::new() };
    app.focus = pane;
    let Some(area) = panes.get(pane) else { return Vec::new() };
    let inner_row = row.saturating_sub(area.y + 1) as usize;
    if row == area.y || row + 1 >= area.bottom() {
        return Vec::new();
    }
    match pane {
        Pane::List => {
            let pos = app.list.offset + inner_row / 2;
            if let Some(&a) = app.list.order.get(pos) {
                app.list.selected = pos;
                return open(app, a);
            }
        }
        Pane::Side => {
            let n = app.side_data.as_ref().map_or(0, |d| d.rows(&app.side).len());
            let pos = app.side.offset + inner_row;
            if pos < n {
                app.side.selected = pos;
            }
        }
        Pane::Article => {}
    }
    Vec::new()
}

fn wheel(app: &mut App, col: u16, row: u16, down: bool) -> Vec<Effect> {
    if !app.overlays.is_empty() {
        return Vec::new();
    }
    let panes = layout::panes(app);
    let step = if down { 1 } else { -1 };
    match panes.at(col, row) {
        Some(Pane::List) => move_list(app, step),
        Some(Pane::Article) => scroll_article(app, 3 * step),
        Some(Pane::Side) => move_side(app, step),
        None => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_hit_ignoring_case_in_code_points() {
        assert_eq!(find_all("Été à Moscou, moscou.", "MOSCOU"), [(6, 12), (14, 20)]);
        assert!(find_all("abc", "").is_empty());
        assert_eq!(find_all("ministère de la Défense", "defense"), [(16, 23)], "accents folded");
        assert_eq!(find_all("Œuvre", "œu"), [(0, 2)]);
    }
}
