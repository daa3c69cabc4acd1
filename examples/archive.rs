//! The archive figures of docs/performance.md, one per process (peak memory
//! is per process):
//!
//! - `archive gen DIR N`: writes N varied dispatches into DIR;
//! - `archive cat DIR`: reads every file of DIR, as `cat` would;
//! - `archive frame DIR`: opens the reader on DIR through its index and
//!   draws the first frame at 200x60; time, CPU time and peak RSS;
//! - `archive filter DIR WORDS`: after the first frame, types `/WORDS`
//!   into the list filter, a frame per key (each key's time to its frame),
//!   then waits for the texts holding the words (the index, on its own
//!   thread) and draws the list they give.
//!
//! The index goes where `depeche` puts it (`DEPECHE_INDEX_DIR`, else the
//! data folder): the first `frame` builds it, the next ones read it.
//! `cargo run --release --example archive -- frame /tmp/archive-10k`

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use depeche::tui::action::Action;
use depeche::tui::config::Config;
use depeche::tui::readstate::ReadState;
use depeche::tui::{self, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../benches/support/varied.rs"]
mod varied;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// CPU time of the whole process (every thread), in ms.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) * 10.0
}

fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.metadata().unwrap().len()).sum()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("/tmp/archive"));
    match args.first().map(String::as_str) {
        Some("gen") => {
            let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
            std::fs::create_dir_all(dir).unwrap();
            let t = Instant::now();
            varied::generate(dir, n);
            println!("{n} dispatches, {} KiB, in {:.1} s", size(dir) / 1024, t.elapsed().as_secs_f64());
        }
        Some("cat") => {
            let t = Instant::now();
            let mut bytes = 0;
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                bytes += black_box(std::fs::read(e.path()).unwrap()).len();
            }
            println!("cat: {} KiB in {:.1} ms", bytes / 1024, t.elapsed().as_secs_f64() * 1e3);
        }
        Some("frame") => {
            let bytes = size(dir);
            let (t, cpu) = (Instant::now(), cpu_ms());
            let mut app = tui::open(dir, &Config::default(), ReadState::default()).unwrap();
            let opened = t.elapsed();
            update::update(&mut app, Action::Resize(200, 60));
            let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
            term.draw(|f| view::draw(&app, f)).unwrap();
            let first = t.elapsed().as_secs_f64();
            let peak = status_kib("VmHWM:");
            println!(
                "{} dispatches, {} KiB: opened in {:.1} ms, first frame at {:.1} ms ({:.0} ms CPU), {:.1} MB/s; peak RSS {} KiB ({:.2}x the files)",
                app.project.articles.len(),
                bytes / 1024,
                opened.as_secs_f64() * 1e3,
                first * 1e3,
                cpu_ms() - cpu,
                bytes as f64 / 1e6 / first,
                peak,
                peak as f64 * 1024.0 / bytes as f64
            );
        }
        Some("filter") => {
            let words = args.get(2).map(String::as_str).unwrap_or("geneva");
            let mut app = tui::open(dir, &Config::default(), ReadState::default()).unwrap();
            update::update(&mut app, Action::Resize(200, 60));
            let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
            term.draw(|f| view::draw(&app, f)).unwrap();
            let mut took = Vec::new();
            for c in std::iter::once('/').chain(words.chars()) {
                let t = Instant::now();
                update::handle_key(&mut app, depeche::tui::keymap::Key::ch(c));
                update::settle(&mut app);
                term.draw(|f| view::draw(&app, f)).unwrap();
                took.push(format!("{c:?} {:.3} ms", t.elapsed().as_secs_f64() * 1e3));
                // What idle time does between keys typed by a person.
                let idle = Instant::now();
                while idle.elapsed().as_millis() < 100 && app.run_job() {}
                app.take_background();
            }
            println!("keys to frame: {}", took.join(", "));
            let (t, cpu) = (Instant::now(), cpu_ms());
            // The answer may have come while typing: the filter is finished
            // either way.
            while app.wait_for_words(std::time::Duration::from_secs(600)) || app.list.filtering() {
                while app.list.filtering() && app.run_job() {}
            }
            term.draw(|f| view::draw(&app, f)).unwrap();
            println!(
                "texts holding {words:?} found through the index, list drawn: {:.0} ms ({:.0} ms CPU of all threads), {} shown; peak RSS {} KiB",
                t.elapsed().as_secs_f64() * 1e3,
                cpu_ms() - cpu,
                app.list.order.len(),
                status_kib("VmHWM:")
            );
        }
        _ => eprintln!("usage: archive gen DIR N | cat DIR | frame DIR | filter DIR WORDS"),
    }
}
