//! A 1 MB dispatch in the reader at 200x60: open to the first frame, and a
//! key's frame (switching to it from a short one, resize, page down, End).
//! Each keystroke bench presses two keys (there and back) and draws twice
//! (the resize's update is also timed alone). The last rows have the
//! dispatch's suggestions computed, as a reader left open a moment has.
//! Also the whole-text pass that splits the dispatch into paragraphs, and
//! the suggestions of one dispatch of 1, 4 and 16 MB (MB/s the same at
//! each size: extraction is linear in a dispatch's size).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use depeche::annotation::Sidecar;
use depeche::extract::{Knowledge, suggest};
use depeche::tui::action::Action;
use depeche::tui::app::{App, Pane};
use depeche::tui::keymap::Key;
use depeche::tui::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/drive.rs"]
mod drive;
use drive::{frame, key_frame, open, resize_frames};

const PARAS: &[&str] = &[
    "Moscou, 21 oct 2020 (AFP) - Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu séparément\nses homologues arménien et azerbaïdjanais pour évoquer le conflit au Nagorny Karabakh, après\nl'échec consécutif de deux trêves, a annoncé mercredi la diplomatie russe (paragraphe {i}).",
    "Selon des bilans partiels, ces nouveaux combats ont fait plus de {i} morts, dont une centaine de civils. Chaque camp affirme cependant avoir tué des milliers de soldats ennemis, sans qu'il soit possible de vérifier ces chiffres de source indépendante.",
    "Le ministère arménien de la Défense a annoncé la mort d'environ {i} militaires azerbaïdjanais et la destruction de 30 véhicules blindés, un chiffre démenti par Bakou.",
    "PUBLICITÉ",
    "Vladimir Poutine, qui s'est entretenu avec le président azerbaïdjanais Ilham Aliev et le Premier ministre arménien Nikol Pachinian, appelle à l'arrêt des combats pour des raisons humanitaires, a rapporté le Kremlin dans la soirée du {i}.",
    "La Turquie est déjà accusée de participer avec hommes et matériel aux hostilités, ce qu'Ankara dément ({i}).",
];

/// A dispatch of at least `bytes` bytes, its numbers all different.
fn long_text(bytes: usize) -> String {
    let mut text = String::from(" date 2020-10-21 Le long dossier du Haut-Karabakh\n\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&PARAS[i % PARAS.len()].replace("{i}", &i.to_string()));
        text.push_str("\n\n");
        i += 1;
    }
    text
}

/// A folder with a short dispatch and a dispatch of about 1 MB.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2020-10-21_long.txt"), long_text(1_000_000)).unwrap();
    let short = " date 2020-10-20 Une courte dépêche\n\nSelon des bilans partiels, les combats continuent.\n";
    std::fs::write(dir.path().join("2020-10-20_short.txt"), short).unwrap();
    dir
}

fn long_index(app: &App) -> usize {
    app.project.articles.iter().position(|a| a.id.contains("long")).unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = folder();
    let mut g = c.benchmark_group("1 MB dispatch, 200x60");
    g.sample_size(10);
    g.bench_function("open to the first frame (folder of 2, the long one shown)", |b| {
        b.iter_with_large_drop(|| {
            let mut app = open(dir.path(), 200, 60);
            let long = long_index(&app);
            update::show(&mut app, long);
            update::settle(&mut app);
            let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
            frame(&app, &mut term);
            app
        })
    });
    let mut app = open(dir.path(), 200, 60);
    let long = long_index(&app);
    let text = app.project.articles[long].text.clone();
    g.bench_function("split into paragraphs (reflow)", |b| {
        b.iter(|| black_box(depeche::tui::reflow::reflow(&text, &[])))
    });
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    // The list: j and k move between the short and the long dispatch.
    let (down, up) = if app.current == long { ('k', 'j') } else { ('j', 'k') };
    g.bench_function("show the 1 MB dispatch from the list and back (j, k)", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::ch(down));
            assert_eq!(app.current, long);
            key_frame(&mut app, &mut term, Key::ch(up));
        })
    });
    update::show(&mut app, long);
    update::update(&mut app, Action::Open);
    app.focus = Pane::Article;
    for _ in 0..200 {
        update::handle_key(&mut app, Key::plain(KeyCode::PageDown));
    }
    g.bench_function("resize (200x60 <-> 199x60)", |b| b.iter(|| resize_frames(&mut app, &mut term, 60)));
    // What the reader does on a resize, without ratatui's repaint.
    g.bench_function("resize, update alone (200x60 <-> 199x60)", |b| {
        b.iter(|| {
            for w in [199, 200] {
                black_box(update::update(&mut app, Action::Resize(w, 60)));
            }
        })
    });
    g.bench_function("page down, page up", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::plain(KeyCode::PageDown));
            key_frame(&mut app, &mut term, Key::plain(KeyCode::PageUp));
        })
    });
    g.bench_function("End, Home", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::plain(KeyCode::End));
            key_frame(&mut app, &mut term, Key::plain(KeyCode::Home));
        })
    });
    g.bench_function("draw alone", |b| b.iter(|| frame(&app, &mut term)));
    // As a reader left open has it: the dispatch's suggestions computed
    // (tens of thousands), some drawn on every frame.
    app.run_all_jobs();
    assert!(app.suggestions[long].len() > 10_000);
    g.bench_function("resize, the dispatch's suggestions computed", |b| {
        b.iter(|| resize_frames(&mut app, &mut term, 60))
    });
    g.bench_function("page down, page up, suggestions computed", |b| {
        b.iter(|| {
            key_frame(&mut app, &mut term, Key::plain(KeyCode::PageDown));
            key_frame(&mut app, &mut term, Key::plain(KeyCode::PageUp));
        })
    });
    g.bench_function("draw alone, suggestions computed", |b| b.iter(|| frame(&app, &mut term)));
    g.finish();
}

/// The suggestions of one long dispatch, by its size: the same MB/s at
/// each size (before, 4 MB took 18 times as long as 1 MB).
fn suggest_by_size(c: &mut Criterion) {
    let knowledge = Knowledge::default();
    let mut g = c.benchmark_group("suggest, one long dispatch");
    g.sample_size(10);
    for mb in [1, 4, 16] {
        let text = long_text(mb * 1_000_000);
        let article =
            depeche::corpus::from_bytes(std::path::Path::new("2020-10-21_long.txt"), text.as_bytes());
        let sidecar = Sidecar::empty(&article);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{mb} MB"), |b| b.iter(|| suggest(&article, &sidecar, &knowledge).len()));
    }
    g.finish();
}

criterion_group!(benches, bench, suggest_by_size);
criterion_main!(benches);
