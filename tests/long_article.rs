//! A long dispatch is wrapped lazily, a paragraph at a time around the
//! viewport: scrolling, resizing and jumping land where wrapping the whole
//! dispatch at once (the oracle below, the reader's former layout) would.

use crossterm::event::KeyCode;
use depeche::corpus::Article;
use depeche::tui::action::Action;
use depeche::tui::app::{App, Pane};
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::wrap::{LineKind, VLine, wrap_ranges};
use depeche::tui::{self, layout, reflow, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PARAS: &[&str] = &[
    "Moscou, 21 oct 2020 (AFP) - Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu séparément\nses homologues arménien et azerbaïdjanais pour évoquer le conflit au Nagorny Karabakh, après\nl'échec consécutif de deux trêves (paragraphe {i}).",
    "Selon des bilans partiels, ces nouveaux combats ont fait plus de {i} morts.",
    "PUBLICITÉ",
    "Partager cet article",
    "Vladimir Poutine, qui s'est entretenu avec le président azerbaïdjanais Ilham Aliev et le Premier ministre arménien Nikol Pachinian, appelle à l'arrêt des combats pour des raisons humanitaires, a rapporté le Kremlin dans la soirée du {i}. Le Kremlin a ajouté qu'il suivait la situation de près et que des contacts se poursuivaient à tous les niveaux, sans donner plus de détails sur leur contenu.",
    "Fin ({i}).",
];

/// A folder with one dispatch of about 60,000 characters (wrapped lazily),
/// "Zanzibar" in its last paragraphs.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(" date 2020-10-21 Le long dossier\n\n");
    let mut i = 0;
    while text.chars().count() < 60_000 {
        text.push_str(&PARAS[i % PARAS.len()].replace("{i}", &i.to_string()));
        text.push_str("\n\n");
        i += 1;
    }
    text.push_str("Le dernier mot revient à Zanzibar.\n\nFin.\n");
    std::fs::write(dir.path().join("2020-10-21_long.txt"), &text).unwrap();
    dir
}

fn opened(dir: &std::path::Path, w: u16, h: u16) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).unwrap();
    update::update(&mut app, Action::Resize(w, h));
    update::handle_key(&mut app, Key::plain(KeyCode::Enter));
    assert_eq!(app.focus, Pane::Article);
    app
}

/// The article's width and height in the pane.
fn pane(app: &App) -> (u16, usize) {
    let area = layout::panes(app).article.unwrap();
    (view::article::text_width(area), view::article::text_height(area) as usize)
}

/// Every line of the article, wrapped at once (the former `Wrapped::build`).
fn eager(article: &Article, width: u16) -> Vec<VLine> {
    let paras = reflow::reflow(&article.text, &[]);
    let mut lines: Vec<VLine> = Vec::new();
    let mut folded = 0;
    let line = |kind, para, from, to, start_cp| VLine { kind, para, from, to, start_cp };
    for (i, p) in paras.iter().enumerate() {
        if p.boilerplate {
            if folded == 0 {
                if !lines.is_empty() {
                    lines.push(line(LineKind::Blank, i, 0, 0, p.start()));
                }
                lines.push(line(LineKind::Fold { count: 0 }, i, 0, 0, p.start()));
            }
            folded += 1;
            lines.last_mut().unwrap().kind = LineKind::Fold { count: folded };
            continue;
        }
        folded = 0;
        if !lines.is_empty() {
            lines.push(line(LineKind::Blank, i, 0, 0, p.start()));
        }
        let s = reflow::show(&article.text, &article.index, p);
        for (from, to) in wrap_ranges(&s.text, width as usize) {
            lines.push(line(LineKind::Text, i, from, to, s.offs[from]));
        }
    }
    lines
}

fn line_of(lines: &[VLine], cp: usize) -> usize {
    lines.partition_point(|l| l.start_cp <= cp).saturating_sub(1)
}

fn top(app: &App) -> usize {
    app.reader.tops[app.current]
}

/// The lines the pane shows, as the lazy layout has them.
fn window(app: &App) -> Vec<VLine> {
    let w = app.wrapped.as_ref().unwrap();
    w.window(top(app), pane(app).1)
        .expect("the window is wrapped before drawing")
        .iter()
        .map(|(_, l)| **l)
        .collect()
}

fn complete(app: &App) -> bool {
    app.wrapped.as_ref().unwrap().complete()
}

#[test]
fn scrolling_by_lines_and_pages_lands_where_a_whole_wrap_would() {
    let dir = folder();
    let mut app = opened(dir.path(), 100, 30);
    let (width, height) = pane(&app);
    let all = eager(&app.project.articles[0], width);
    assert!(all.len() > 10 * height, "{} lines", all.len());
    assert!(!complete(&app), "opening wraps only what is in view");
    let max_top = all.len() - height;
    let page = height as isize - 2;
    let mut line = 0usize;
    let steps: &[(Key, isize)] = &[
        (Key::ch('j'), 1),
        (Key::ch('j'), 1),
        (Key::ch('j'), 1),
        (Key::plain(KeyCode::PageDown), page),
        (Key::plain(KeyCode::PageDown), page),
        (Key::plain(KeyCode::PageDown), page),
        (Key::ch('k'), -1),
        (Key::plain(KeyCode::PageUp), -page),
        (Key::ch('j'), 1),
        (Key::ch('G'), isize::MAX),
        (Key::ch('k'), -1),
        (Key::ch('k'), -1),
        (Key::plain(KeyCode::PageUp), -page),
        (Key::ch('j'), 1),
        (Key::ch('j'), 1),
        (Key::ch('j'), 1),
        (Key::ch('g'), isize::MIN),
        (Key::ch('k'), -1),
    ];
    for (i, (key, delta)) in steps.iter().enumerate() {
        update::handle_key(&mut app, *key);
        let target = line_of(&all, all[line].start_cp) as isize;
        line = target.saturating_add(*delta).clamp(0, max_top as isize) as usize;
        assert_eq!(top(&app), all[line].start_cp, "step {i}: {key:?}");
        let at = line_of(&all, top(&app));
        assert_eq!(window(&app), all[at..(at + height).min(all.len())], "step {i}: {key:?}");
    }
    assert!(!complete(&app), "the end is reached without wrapping what lies between");
    // Down a page at a time to the end, then up again, through every line.
    for (key, delta) in [(KeyCode::PageDown, page), (KeyCode::PageUp, -page)] {
        for _ in 0..2 * all.len() / (page as usize) {
            update::handle_key(&mut app, Key::plain(key));
            let target = line_of(&all, all[line].start_cp) as isize;
            line = (target + delta).clamp(0, max_top as isize) as usize;
            assert_eq!(top(&app), all[line].start_cp);
            let at = line_of(&all, top(&app));
            assert_eq!(window(&app), all[at..(at + height).min(all.len())]);
        }
        assert!(complete(&app));
    }
    assert_eq!(top(&app), all[0].start_cp);
}

#[test]
fn a_resize_keeps_the_top_code_point_in_the_top_line() {
    let dir = folder();
    let mut app = opened(dir.path(), 100, 30);
    for _ in 0..40 {
        update::handle_key(&mut app, Key::plain(KeyCode::PageDown));
    }
    for (w, h) in [(73, 30), (141, 44), (100, 30), (100, 20)] {
        let before = top(&app);
        update::update(&mut app, Action::Resize(w, h));
        let (width, height) = pane(&app);
        let all = eager(&app.project.articles[0], width);
        let at = line_of(&all, before);
        assert_eq!(top(&app), all[at].start_cp, "{w}x{h}: the line showing {before} is on top");
        assert!(top(&app) <= before && before < all.get(at + 1).map_or(usize::MAX, |l| l.start_cp));
        assert_eq!(window(&app), all[at..at + height]);
        assert!(!complete(&app));
    }
}

#[test]
fn a_search_hit_and_the_annotate_cursor_far_down_are_revealed() {
    let dir = folder();
    let mut app = opened(dir.path(), 100, 30);
    let (width, height) = pane(&app);
    let all = eager(&app.project.articles[0], width);
    for c in "/zanzibar".chars() {
        update::handle_key(&mut app, Key::ch(c));
    }
    update::handle_key(&mut app, Key::plain(KeyCode::Enter));
    let (hit, _) = app.reader.search.hits[0];
    let line = line_of(&all, hit);
    assert!(line > 10 * height, "the hit is far down");
    let expected = (line - height / 3).min(all.len() - height);
    assert_eq!(top(&app), all[expected].start_cp, "the hit a third down the pane");
    assert_eq!(window(&app), all[expected..expected + height]);
    assert!(!complete(&app));
    // Back to the top, then the annotate cursor to the end of the dispatch.
    update::handle_key(&mut app, Key::plain(KeyCode::Esc));
    update::handle_key(&mut app, Key::ch('g'));
    assert_eq!(top(&app), all[0].start_cp);
    update::handle_key(&mut app, Key::ch('i'));
    update::handle_key(&mut app, Key::ch('G'));
    let (cursor, _) = app.overlay.cursor.expect("a cursor");
    let line = line_of(&all, cursor);
    let at = line_of(&all, top(&app));
    assert!(at <= line && line < at + height, "cursor line {line}, pane from {at}");
    assert_eq!(window(&app), all[at..(at + height).min(all.len())]);
}

/// The rows of the article pane where the scrollbar's thumb is.
fn thumb_rows(app: &App) -> Vec<u16> {
    let mut term = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    term.draw(|f| view::draw(app, f)).unwrap();
    let area = layout::panes(app).article.unwrap();
    let buf = term.backend().buffer();
    let x = area.right() - 1;
    (area.y + 1..area.bottom() - 1).filter(|&y| buf[(x, y)].symbol() == "█").map(|y| y - area.y - 1).collect()
}

#[test]
fn the_scrollbar_of_a_long_dispatch_goes_from_top_to_bottom() {
    let dir = folder();
    let mut app = opened(dir.path(), 100, 30);
    let (_, height) = pane(&app);
    let last = height as u16 - 1;
    let top = thumb_rows(&app);
    assert_eq!(top.first(), Some(&0), "{top:?}");
    for _ in 0..40 {
        update::handle_key(&mut app, Key::plain(KeyCode::PageDown));
    }
    let middle = thumb_rows(&app);
    assert!(!middle.is_empty() && middle[0] > 0 && *middle.last().unwrap() < last, "{middle:?}");
    update::handle_key(&mut app, Key::ch('G'));
    assert!(!complete(&app));
    let end = thumb_rows(&app);
    assert_eq!(end.last(), Some(&last), "{end:?}");
}
