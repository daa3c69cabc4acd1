//! Frame and keystroke times of the reader on a generated corpus
//! (DEPECHE_BENCH_N dispatches, 10,000 by default): time to the first frame
//! against reading the same files, one frame at 120x40 and 200x60, and a
//! key's frame (scroll, next article, filter keystroke, resize) at 200x60;
//! each keystroke bench presses two keys (there and back). Work left to idle
//! time (suggestions, digests, the rest of a filter) is measured apart. Peak
//! memory: `cargo run --release --example reader_memory`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use depeche::tui::action::Action;
use depeche::tui::keymap::Key;
use depeche::tui::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/drive.rs"]
mod drive;
use drive::{frame, key_frame, open, resize_frames};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("DEPECHE_BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    corpus::generate(tmp.path(), n);
    let bytes = corpus::size(tmp.path());

    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function(format!("cat {n} files"), |b| {
        b.iter(|| {
            for e in std::fs::read_dir(tmp.path()).unwrap().flatten() {
                black_box(std::fs::read(e.path()).unwrap());
            }
        })
    });
    g.bench_function(format!("first frame, {n} dispatches, 200x60"), |b| {
        // The app is freed after the clock stops: quitting is not starting.
        b.iter_with_large_drop(|| {
            let app = open(tmp.path(), 200, 60);
            let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
            frame(&app, &mut term);
            app
        })
    });
    g.finish();

    let mut app = open(tmp.path(), 200, 60);
    eprintln!("corpus: {n} dispatches, {} KiB; peak RSS so far: {:?} KiB", bytes / 1024, peak_rss_kib());

    let mut g = c.benchmark_group("frame");
    for (w, h) in [(120u16, 40u16), (200, 60)] {
        update::update(&mut app, Action::Resize(w, h));
        update::handle_key(&mut app, Key::plain(KeyCode::Enter));
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        g.bench_function(format!("draw {w}x{h}"), |b| b.iter(|| frame(&app, &mut term)));
    }
    g.finish();

    let mut g = c.benchmark_group("keystroke to frame 200x60");
    update::update(&mut app, Action::Resize(200, 60));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    g.bench_function("scroll (j, k)", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch('j'));
            key_frame(&mut app, &mut term, Key::ch('k'));
        })
    });
    update::update(&mut app, Action::Back);
    g.bench_function("next article (j, k in the list)", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch('j'));
            key_frame(&mut app, &mut term, Key::ch('k'));
        })
    });
    update::handle_key(&mut app, Key::ch('/'));
    update::handle_key(&mut app, Key::ch('1'));
    g.bench_function("filter keystroke after a first one (type, erase)", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch('9'));
            key_frame(&mut app, &mut term, Key::plain(KeyCode::Backspace));
        })
    });
    g.bench_function("first filter keystroke (type, erase)", |b| {
        update::handle_key(&mut app, Key::plain(KeyCode::Backspace));
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch('9'));
            key_frame(&mut app, &mut term, Key::plain(KeyCode::Backspace));
        })
    });
    update::update(&mut app, Action::Back);
    g.bench_function("resize (200x60 <-> 199x60)", |b| b.iter(|| resize_frames(&mut app, &mut term, 60)));
    g.finish();

    // A reader left open: every dispatch's suggestions done, the newest
    // dispatch shown, its side pane holding every claim and event.
    app.run_all_jobs();
    let newest = app.project.articles.len() - 1;
    update::show(&mut app, newest);
    update::update(&mut app, Action::Open);
    app.run_all_jobs();
    let mut g = c.benchmark_group("keystroke to frame 200x60, idle work done");
    g.bench_function("scroll (j, k), newest dispatch, side pane full", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch('j'));
            key_frame(&mut app, &mut term, Key::ch('k'));
        })
    });
    g.finish();

    let mut g = c.benchmark_group("idle work");
    g.sample_size(10);
    g.bench_function(format!("side pane digests of the newest dispatch, {n} dispatches"), |b| {
        b.iter(|| black_box(depeche::tui::side::SideData::build(&app)))
    });
    // What a filter keystroke leaves to idle slices, all at once.
    for query in ["19", "lavrov"] {
        g.bench_function(format!("list filter \"{query}\" to the end, {n} dispatches"), |b| {
            b.iter(|| {
                let mut list = depeche::tui::list::ListState::new(app.project.articles.len());
                list.set_filter(&app.project.articles, query, false);
                black_box(list.order.len())
            })
        });
    }
    g.finish();
    eprintln!("peak RSS: {:?} KiB", peak_rss_kib());
}

criterion_group!(benches, bench);
criterion_main!(benches);
