//! From a label key to its frame, on a 1 MB dispatch with 10,000 annotations
//! (the budget: under 1 ms). The save that follows the frame is
//! measured apart: it is written right after the frame that shows the change.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use depeche::annotation::Kind;
use depeche::annotation::edit::change::new_annotation;
use depeche::project::Project;
use depeche::tui::action::Action;
use depeche::tui::app::App;
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PARA: &str = "Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu séparément à Moscou ses homologues arménien et azerbaïdjanais pour évoquer le conflit au Nagorny Karabakh, où plus de 800 morts ont été recensés, dont une centaine de civils, selon un bilan officiel.\n\n";

fn setup() -> (tempfile::TempDir, App, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(" date 2020-10-21\n");
    while text.len() < 1_000_000 {
        text.push_str(PARA);
    }
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let mut project = Project::open(dir.path()).unwrap();
    let body = project.articles[0].text.clone();
    let words: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in body.chars().enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    let step = words.len() / 10_000;
    let labels =
        [("PER", Kind::Entity), ("LOC", Kind::Entity), ("ORG", Kind::Entity), ("FIGURE", Kind::Figure)];
    for n in 0..10_000 {
        let (s, e) = words[n * step];
        let (label, kind) = labels[n % labels.len()];
        // Quoted through the article's index: `Annotation::new` walks the
        // text from its start for each one (seconds of setup).
        project.sidecars[0].annotations.push(new_annotation(&project.articles[0], kind, label, s, e));
    }
    project.sidecars[0].save(&project.articles[0]).unwrap();
    let app = depeche::tui::open(dir.path(), &Config::default(), ReadState::default()).unwrap();
    let mut app = app;
    assert_eq!(app.project.sidecars[0].annotations.len(), 10_000);
    let term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    update::update(&mut app, Action::Resize(160, 48));
    app.run_all_jobs();
    update::update(&mut app, Action::Open);
    update::update(&mut app, Action::Annotate);
    // Somewhere in the middle of the dispatch (of what is shown).
    for _ in 0..40 {
        update::handle_key(&mut app, Key::ch('}'));
    }
    (dir, app, term)
}

fn press(app: &mut App, c: char) {
    update::handle_key(app, Key::ch(c));
}

fn bench(c: &mut Criterion) {
    let (_dir, mut app, mut term) = setup();
    term.draw(|f| view::draw(&app, f)).unwrap();
    keys(c, &mut app, &mut term, "");
    // The repeated paragraph is folded as boilerplate above: the article
    // pane draws a handful of lines. The same with every line shown: a
    // full pane of annotated text.
    app.reader.show_boilerplate = true;
    app.prepare();
    update::settle(&mut app);
    // Folded text is never under the cursor: above, it stayed in the one
    // paragraph shown (the labels land at the start of the sidecar, the
    // dearest place to insert into its vector). Shown, the middle again.
    for _ in 0..40 {
        press(&mut app, '}');
    }
    press(&mut app, 'w');
    if std::env::var_os("KEYSTROKE_DUMP").is_some() {
        term.draw(|f| view::draw(&app, f)).unwrap();
        eprintln!("{}", term.backend());
        eprintln!("cursor {:?} top {:?}", app.annotation.session.as_ref().map(|s| s.cursor), app.reader.tops);
    }
    keys(c, &mut app, &mut term, ", every line shown");
}

/// The keystroke rows for one state of the article pane (`shown` names it);
/// the save and the digests, which do not depend on it, only the first time.
fn keys(c: &mut Criterion, app: &mut App, term: &mut Terminal<TestBackend>, shown: &str) {
    c.bench_function(&format!("label key to frame (1 MB, 10k annotations{shown})"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                press(app, 'w');
                press(app, 'v');
                let t = Instant::now();
                press(app, '3');
                term.draw(|f| view::draw(app, f)).unwrap();
                total += t.elapsed();
                // Undo without saving, so the sidecar stays at 10,000.
                press(app, 'u');
                app.annotation.flush_pending = false;
            }
            total
        })
    });
    c.bench_function(&format!("cursor motion to frame (1 MB, 10k annotations{shown})"), |b| {
        b.iter(|| {
            press(app, 'w');
            term.draw(|f| view::draw(app, f)).unwrap();
        })
    });
    if shown.is_empty() {
        c.bench_function("save after a change (10k annotations, fsync)", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    press(app, 'v');
                    press(app, '3');
                    let t = Instant::now();
                    depeche::tui::annotate::glue::flush(app);
                    total += t.elapsed();
                    press(app, 'u');
                    depeche::tui::annotate::glue::flush(app);
                }
                total
            })
        });
    }
    c.bench_function(&format!("frame only (1 MB, 10k annotations{shown})"), |b| {
        b.iter(|| {
            term.draw(|f| view::draw(app, f)).unwrap();
        })
    });
    if shown.is_empty() {
        c.bench_function("side pane digests (10k annotations)", |b| {
            b.iter(|| depeche::tui::side::SideData::build(app))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
