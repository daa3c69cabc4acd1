//! The reader without a terminal: key sequences through `update` asserting
//! state, and the screen drawn into ratatui's TestBackend (insta snapshots,
//! reviewed by eye).

use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use depeche::tui::action::Action;
use depeche::tui::app::{App, Overlay, Pane};
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::theme::Theme;
use depeche::tui::update::{self, Effect};
use depeche::tui::{self, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

fn app_for(dir: &Path, w: u16, h: u16, mono: bool) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).expect("the corpus opens");
    app.theme = Theme::new(&app.project.labels, mono);
    update::update(&mut app, Action::Resize(w, h));
    app.run_all_jobs();
    update::settle(&mut app);
    app
}

fn app(w: u16, h: u16) -> App {
    app_for(&corpus(), w, h, false)
}

fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in keys.chars() {
        fx.extend(update::handle_key(app, Key::ch(c)));
        app.run_all_jobs();
        update::settle(app);
    }
    fx
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let fx = update::handle_key(app, Key::plain(code));
    app.run_all_jobs();
    update::settle(app);
    fx
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    t
}

fn text(app: &App) -> String {
    screen(app).backend().to_string()
}

fn id_of(app: &App, part: &str) -> usize {
    app.project.articles.iter().position(|a| a.id.contains(part)).unwrap()
}

#[test]
fn moving_in_the_list_shows_and_enter_opens_and_marks_read() {
    let mut a = app(120, 40);
    assert_eq!(a.focus, Pane::List);
    assert_eq!(a.current, 0);
    keys(&mut a, "jj");
    assert_eq!(a.current, 2);
    assert!(!a.read[2], "moving only previews");
    let fx = key(&mut a, KeyCode::Enter);
    assert_eq!(fx, [Effect::SaveReadState]);
    assert!(a.read[2]);
    assert_eq!(a.focus, Pane::Article);
    keys(&mut a, "k");
    assert_eq!(a.current, 2, "k scrolls the article, not the list");
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Side);
    update::handle_key(&mut a, Key::new(KeyCode::Tab, crossterm::event::KeyModifiers::SHIFT));
    assert_eq!(a.focus, Pane::Article);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.focus, Pane::List);
    keys(&mut a, "G");
    assert_eq!(a.current, 4);
    keys(&mut a, "g");
    assert_eq!(a.current, 0);
}

#[test]
fn a_dispatch_left_keeps_its_claims_and_gets_its_marks_back() {
    use depeche::annotation::Kind;
    // The dispatches without their gold: everything is still a suggestion.
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(corpus()).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    let mut a = app_for(dir.path(), 160, 48, false);
    let first = a.current;
    let full = a.suggestions[first].full().to_vec();
    let claims = |s: depeche::digest::Suggested| {
        let claims = s.marks().filter(|x| x.kind() == Kind::Claim);
        claims
            .map(|x| (x.start(), x.end(), x.claimant().map(str::to_string), x.count_low()))
            .collect::<Vec<_>>()
    };
    let full_claims = claims(depeche::digest::Suggested::Full(&full));
    assert!(full.iter().any(|x| x.kind == Kind::Figure), "the dispatch on screen has its figures");
    let before = text(&a);
    keys(&mut a, "j");
    assert_ne!(a.current, first);
    let kept = a.suggestions[first].as_suggested(&a.project.articles[first]);
    assert!(kept.marks().count() < full.len(), "off screen, only what the digests read is kept");
    assert!(kept.marks().all(|x| matches!(x.kind(), Kind::Claim | Kind::Event | Kind::Entity)));
    assert_eq!(claims(kept), full_claims, "the claims pane and the list count stay the same");
    keys(&mut a, "k");
    assert_eq!(a.current, first);
    assert_eq!(a.suggestions[first].len(), full.len(), "back on screen, every suggestion again");
    assert_eq!(text(&a), before);
}

#[test]
fn article_scrolls_and_keeps_its_position_per_article() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Enter);
    let top0 = a.reader.tops[0];
    keys(&mut a, "jjj");
    assert!(a.reader.tops[0] > top0);
    key(&mut a, KeyCode::PageDown);
    let kept = a.reader.tops[0];
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "j");
    assert_eq!(a.reader.tops[1], 0);
    keys(&mut a, "k");
    assert_eq!(a.reader.tops[0], kept, "back on the first dispatch where it was left");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::End);
    let bottom = a.reader.tops[0];
    keys(&mut a, "jjjj");
    assert_eq!(a.reader.tops[0], bottom, "no scrolling past the end");
    key(&mut a, KeyCode::Home);
    assert_eq!(a.reader.tops[0], 0);
}

#[test]
fn filter_as_you_type_then_enter_opens_and_esc_clears() {
    let mut a = app(120, 40);
    keys(&mut a, "/");
    assert_eq!(a.overlays, [Overlay::Filter]);
    keys(&mut a, "reuters");
    assert!(a.list.order.len() < 5);
    assert_eq!(a.list.order[0], id_of(&a, "reuters"), "the best match first");
    assert_eq!(a.current, id_of(&a, "reuters"));
    key(&mut a, KeyCode::Enter);
    assert!(a.overlays.is_empty());
    assert_eq!(a.focus, Pane::Article);
    assert_eq!(a.list.filter, "reuters");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "f");
    keys(&mut a, "Pompeo");
    assert!(a.list.order.len() >= 2, "words of the text match too: {:?}", a.list.order);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.list.order.len(), 5);
    assert!(a.list.filter.is_empty());
}

#[test]
fn search_highlights_hits_and_n_walks_them() {
    let mut a = app(120, 40);
    let lavrov = id_of(&a, "lavrov");
    update::show(&mut a, lavrov);
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "/");
    assert_eq!(a.overlays, [Overlay::Search]);
    keys(&mut a, "moscou");
    let hits = a.reader.search.hits.len();
    assert!(hits >= 2, "{hits}");
    key(&mut a, KeyCode::Enter);
    assert!(a.overlays.is_empty());
    let first = a.reader.search.current.unwrap();
    keys(&mut a, "n");
    assert_eq!(a.reader.search.current, Some((first + 1) % hits));
    keys(&mut a, "NN");
    assert_eq!(a.reader.search.current, Some((first + hits - 1) % hits));
    // The current hit is drawn highlighted.
    let t = screen(&a);
    let (s, _) = a.reader.search.hits[a.reader.search.current.unwrap()];
    let _ = s;
    let highlighted = t.backend().buffer().content.iter().filter(|c| c.bg == Color::LightRed).count();
    assert_eq!(highlighted, "moscou".len());
    key(&mut a, KeyCode::Esc);
    assert!(a.reader.search.hits.is_empty());
}

#[test]
fn w_and_b_walk_entities_and_figures() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "w");
    let first = a.reader.focus.expect("an entity or figure");
    keys(&mut a, "w");
    let second = a.reader.focus.unwrap();
    assert!(second > first);
    keys(&mut a, "b");
    assert_eq!(a.reader.focus, Some(first));
    let text = &a.project.articles[0];
    let quote = text.slice(first.0, first.1);
    assert!(!quote.trim().is_empty());
}

#[test]
fn sort_unread_read_and_boilerplate_toggles() {
    let mut a = app(120, 40);
    keys(&mut a, "s");
    assert!(a.list.newest_first);
    assert_eq!(a.list.order[0], 4);
    assert_eq!(a.current, 0, "the selection stays on its dispatch");
    keys(&mut a, "s");
    keys(&mut a, "u");
    assert!(a.read[1] && a.current == 1, "next unread after the selection");
    keys(&mut a, "r");
    assert!(!a.read[1]);
    let eu = id_of(&a, "euronews");
    update::show(&mut a, eu);
    update::settle(&mut a);
    assert!(text(&a).contains("boilerplate folded"));
    keys(&mut a, "z");
    assert!(a.reader.show_boilerplate);
    assert!(!text(&a).contains("boilerplate folded"));
    assert!(text(&a).contains("PUBLICIT"));
}

#[test]
fn the_side_pane_expands_a_claimant_and_opens_a_passage() {
    let mut a = app(160, 48);
    let reuters = id_of(&a, "reuters");
    update::show(&mut a, reuters);
    a.run_all_jobs();
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Side);
    let data = a.side_data.clone().unwrap();
    let rows = data.rows(&a.side);
    let group = rows.iter().position(|r| matches!(r, depeche::tui::side::SideRow::Group(_))).unwrap();
    a.side.selected = group;
    let before = rows.len();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.side.expanded.len(), 1);
    assert!(data.rows(&a.side).len() >= before);
    // Enter on an event from another dispatch opens it at its passage.
    let rows = data.rows(&a.side);
    let (pos, target) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            data.passage(*r).filter(|p| p.0 != a.project.articles[a.current].id).map(|p| (i, p.0.to_string()))
        })
        .expect("an entry from another dispatch");
    a.side.selected = pos;
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.project.articles[a.current].id, target);
    assert_eq!(a.focus, Pane::Article);
    assert!(a.reader.focus.is_some());
}

#[test]
fn help_chart_and_quit() {
    let mut a = app(120, 40);
    keys(&mut a, "?");
    assert!(matches!(a.overlays[..], [Overlay::Help { .. }]));
    assert!(text(&a).contains("toggle_boilerplate"), "help lists the action names");
    keys(&mut a, "jj");
    key(&mut a, KeyCode::Esc);
    assert!(a.overlays.is_empty());
    keys(&mut a, "c");
    assert_eq!(a.overlays, [Overlay::Chart]);
    keys(&mut a, "]");
    assert_eq!(a.side.series, 1 % a.side_data.as_ref().unwrap().series.len());
    keys(&mut a, "c");
    assert!(a.overlays.is_empty());
    let fx = keys(&mut a, "q");
    assert!(fx.contains(&Effect::Quit) && a.quit);
}

#[test]
fn the_mouse_focuses_selects_and_scrolls() {
    let mut a = app(120, 40);
    // Third row of the list (two lines a row, inside the border).
    update::update(&mut a, Action::Click { col: 5, row: 5 });
    assert_eq!(a.current, 2);
    assert_eq!(a.focus, Pane::Article);
    update::update(&mut a, Action::Wheel { col: 60, row: 10, down: true });
    assert!(a.reader.tops[2] > 0);
    update::update(&mut a, Action::Click { col: 110, row: 10 });
    assert_eq!(a.focus, Pane::Side);
}

#[test]
fn config_rebinds_by_action_name() {
    let cfg = Config::parse("[keys.read]\nquit = \"x\"\n[theme]\nFIGURE = \"#123456\"\n").unwrap();
    let mut a = tui::open(&corpus(), &cfg, ReadState::default()).unwrap();
    update::update(&mut a, Action::Resize(120, 40));
    assert!(keys(&mut a, "q").is_empty());
    assert!(keys(&mut a, "x").contains(&Effect::Quit));
    let bad = Config::parse("[keys.read]\nquit = \"nokey\"\n").unwrap();
    let err = tui::open(&corpus(), &bad, ReadState::default()).err().unwrap().to_string();
    assert!(err.contains("config") && err.contains("nokey"), "{err}");
}

#[test]
fn tiny_terminals_never_panic() {
    let mut a = app(80, 24);
    for w in 0..90u16 {
        for h in 0..26u16 {
            update::update(&mut a, Action::Resize(w, h));
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| view::draw(&a, f)).unwrap();
        }
    }
    update::update(&mut a, Action::Resize(20, 4));
    assert!(text(&a).contains("too small"));
}

#[test]
fn escape_sequences_in_an_article_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "Titre\n\nA\u{1b}[2J\u{1b}]52;c;aGk=\u{7}B \u{202e}C \u{9b}31m fin. Encore\u{8}\u{8} du texte.\n",
    )
    .unwrap();
    let mut a = app_for(dir.path(), 80, 24, false);
    key(&mut a, KeyCode::Enter);
    let t = screen(&a);
    for cell in &t.backend().buffer().content {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control() || c == '\u{202e}' || c == '\u{9b}'),
            "{:?}",
            cell.symbol()
        );
    }
    let shown = t.backend().to_string();
    assert!(shown.contains("A^[[2J^[]52;c;aGk=^GB <RLO>C"), "{shown}");
}

#[test]
fn no_color_keeps_meaning_in_attributes() {
    let mut a = app_for(&corpus(), 120, 40, true);
    key(&mut a, KeyCode::Enter);
    let t = screen(&a);
    let cells = &t.backend().buffer().content;
    assert!(cells.iter().all(|c| matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset)));
    assert!(
        cells.iter().any(|c| c.modifier.contains(Modifier::REVERSED)),
        "figures and selection in reverse"
    );
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::UNDERLINED)), "claims underlined");
}

#[test]
fn figures_stand_out_and_claims_are_underlined_in_colour() {
    let mut a = app(160, 48);
    let lavrov = id_of(&a, "lavrov");
    update::show(&mut a, lavrov);
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "G");
    let t = screen(&a);
    let buf = t.backend().buffer();
    let s = t.backend().to_string();
    let line = s.lines().position(|l| l.contains("800 morts")).expect("the 800 figure on screen");
    let row: Vec<_> = (0..buf.area.width).map(|x| &buf[(x, line as u16)]).collect();
    let col = s.lines().nth(line).unwrap().chars().position(|_| true).unwrap();
    let _ = col;
    let eight = row.iter().position(|c| c.symbol() == "8").unwrap();
    assert!(row[eight].modifier.contains(Modifier::BOLD), "a figure is bold");
    assert!(row[eight].modifier.contains(Modifier::UNDERLINED), "inside a claim, underlined");
}

// Snapshots, reviewed by eye.

#[test]
fn snapshot_80x24_list() {
    let a = app(80, 24);
    insta::assert_snapshot!(text(&a));
}

#[test]
fn snapshot_160x48_article_and_side() {
    let mut a = app(160, 48);
    let lavrov = id_of(&a, "lavrov");
    update::show(&mut a, lavrov);
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "ww");
    insta::assert_snapshot!(text(&a));
}

#[test]
fn snapshot_help() {
    let mut a = app(120, 40);
    keys(&mut a, "?");
    insta::assert_snapshot!(text(&a));
}

#[test]
fn snapshot_filter() {
    let mut a = app(80, 24);
    keys(&mut a, "/afp");
    insta::assert_snapshot!(text(&a));
}

#[test]
fn snapshot_no_color_80x24_article() {
    let mut a = app_for(&corpus(), 80, 24, true);
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(text(&a));
}

#[test]
fn snapshot_narrow_60x20_and_40x12() {
    let mut a = app(60, 20);
    insta::assert_snapshot!("narrow_60x20", text(&a));
    update::update(&mut a, Action::Resize(40, 12));
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("narrow_40x12", text(&a));
}

#[test]
fn snapshot_chart() {
    let mut a = app(120, 40);
    let reuters = id_of(&a, "reuters");
    update::show(&mut a, reuters);
    a.run_all_jobs();
    keys(&mut a, "c");
    insta::assert_snapshot!(text(&a));
}

#[test]
fn an_empty_folder_opens_says_so_and_no_key_breaks_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_for(dir.path(), 100, 30, false);
    for c in "ivw1jkx/az?".chars() {
        keys(&mut a, &c.to_string());
    }
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    let shown = text(&a);
    assert!(shown.contains("0/0"), "{shown}");
    assert!(shown.contains("no dispatch"), "{shown}");
}

#[test]
fn at_80x24_the_side_pane_scrolls_to_the_selection_and_shows_a_claim_whole() {
    let mut a = app(80, 24);
    let rt = id_of(&a, "rt-france");
    update::show(&mut a, rt);
    a.run_all_jobs();
    update::settle(&mut a);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Side);
    let rows = a.side_data.as_ref().unwrap().rows(&a.side);
    let last_claim =
        rows.iter().rposition(|r| matches!(r, depeche::tui::side::SideRow::Claim(..))).expect("a claim");
    for _ in 0..last_claim {
        keys(&mut a, "j");
    }
    assert_eq!(a.side.selected, last_claim);
    assert!(a.side.offset > 0, "the pane scrolled to keep the selection in view");
    let shown = text(&a);
    let data = a.side_data.as_ref().unwrap();
    let depeche::tui::side::SideRow::Claim(g, s, h) = rows[last_claim] else { unreachable!() };
    let claim = data.claim(g, s, h).unwrap().0;
    // The row is cut at this width; the detail lines under it give the claimant,
    // party and reporting outlet in full.
    let detail: String =
        shown.split('┄').next_back().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(detail.replace(['│', '└', '┘', '─'], " ").split_whitespace().count() > 5, "{shown}");
    let flat = words(&detail.replace(['│', '└', '┘', '─'], " "));
    for part in claim.claimant.split_whitespace().take(2) {
        assert!(flat.contains(part), "claimant {part} in {flat}");
    }
    assert!(flat.contains("reported by RT"), "the outlet that reported it: {flat}");
}

#[test]
fn search_ignores_accents_and_case() {
    let mut a = app(120, 40);
    let lavrov = id_of(&a, "lavrov");
    update::show(&mut a, lavrov);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Article);
    keys(&mut a, "/AFFAIRES ETRANGERES");
    key(&mut a, KeyCode::Enter);
    let text: Vec<char> = a.project.articles[a.current].text.chars().collect();
    let hits = &a.reader.search.hits;
    assert!(!hits.is_empty(), "“Affaires étrangères” is found without its accents");
    let (s, e) = hits[0];
    assert_eq!(text[s..e].iter().collect::<String>(), "Affaires étrangères");
}

#[test]
fn the_list_filter_takes_field_words() {
    let mut a = app(120, 40);
    keys(&mut a, "foutlet:reuters");
    let shown: Vec<&str> = a.list.order.iter().map(|&i| a.project.articles[i].id.as_str()).collect();
    assert_eq!(
        shown,
        ["2020-10-23_reuters_etats-unis-mediation"],
        "only the Reuters dispatch, not every text naming Reuters"
    );
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "fdate:2020-10-09 lang:fr");
    assert_eq!(a.list.order.len(), 2, "the two dispatches of 9 October");
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "foutlet:afp mediation");
    let shown: Vec<&str> = a.list.order.iter().map(|&i| a.project.articles[i].id.as_str()).collect();
    assert_eq!(shown, ["2020-10-09_afp_premiere-mediation-moscou"], "a field word and a fuzzy word together");
}

#[test]
fn help_explains_every_mark_of_the_panes() {
    let a = app(120, 40);
    let help: Vec<String> = view::help::lines(&a, true).iter().map(|l| l.to_string()).collect();
    for mark in ["●", "✚", "· AFP", "×3", "each", "⚠", "✗"] {
        assert!(help.iter().any(|l| l.contains(mark)), "{mark} is explained");
    }
}

#[test]
fn a_series_of_one_point_shows_its_point_and_its_figure() {
    let mut a = app(120, 40);
    keys(&mut a, "c");
    let data = a.side_data.clone().unwrap();
    let lone = (0..data.series.len())
        .find(|&i| data.chart(i).iter().all(|(_, p)| p.len() == 1) && data.chart(i).len() == 1)
        .expect("a series with one claimant and one figure");
    while a.side.series != lone {
        keys(&mut a, "]");
    }
    let (name, points) = &data.chart(lone)[0];
    let shown = text(&a);
    let figure = format!("{:.0}", points[0].1);
    let legend = shown
        .lines()
        .find(|l| l.contains(&name[..10]))
        .unwrap_or_else(|| panic!("{name} in the legend:\n{shown}"));
    assert!(legend.contains(&format!(" {figure}")), "the legend gives {name}'s figure: {legend}");
    assert!(shown.contains('•'), "the point is drawn:\n{shown}");
}

#[test]
fn the_side_pane_follows_a_date_set_with_m_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
    }
    let mut a = app_for(tmp.path(), 160, 48, false);
    let lavrov = id_of(&a, "lavrov");
    update::show(&mut a, lavrov);
    a.run_all_jobs();
    update::settle(&mut a);
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "im");
    for _ in 0..12 {
        key(&mut a, KeyCode::Backspace);
    }
    keys(&mut a, "2020-10-12");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.project.articles[a.current].meta.date.unwrap().to_string(), "2020-10-12");
    let data = a.side_data.as_ref().expect("the side pane is computed");
    assert_eq!(data.as_of.unwrap().to_string(), "2020-10-12", "the pane's date follows");
    assert!(text(&a).contains("as of 2020-10-12"), "{}", text(&a));
}
