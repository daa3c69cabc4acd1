//! Peak memory and time of the reader's start: loads a folder (by default a
//! generated corpus of DEPECHE_BENCH_N dispatches, 10,000) and draws the
//! first frame at 200x60, as `depeche DIR` does, then prints the peak
//! resident size (VmHWM) against the size of the files; then again after the
//! idle work, and on the newest dispatch (the biggest side pane).
//!
//! `cargo run --release --example reader_memory [DIR]` (a DIR that does not
//! exist gets the generated corpus, to be read again by later runs).

use std::time::Instant;

use depeche::tui::action::Action;
use depeche::tui::config::Config;
use depeche::tui::readstate::ReadState;
use depeche::tui::{self, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Nanoseconds this thread has run on a CPU: on a loaded machine, closer to
/// the work done than the wall clock.
fn cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn main() {
    let n: usize = std::env::var("DEPECHE_BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = match std::env::args().nth(1) {
        Some(d) => {
            let d = std::path::PathBuf::from(d);
            if !d.exists() {
                std::fs::create_dir_all(&d).unwrap();
                corpus::generate(&d, n);
            }
            d
        }
        None => {
            corpus::generate(tmp.path(), n);
            tmp.path().to_path_buf()
        }
    };
    let bytes = corpus::size(&dir);
    let before = status_kib("VmHWM:");
    let (t, cpu) = (Instant::now(), cpu_ns());
    let mut app = tui::open(&dir, &Config::default(), ReadState::default()).unwrap();
    let loaded = t.elapsed();
    update::update(&mut app, Action::Resize(200, 60));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    term.draw(|f| view::draw(&app, f)).unwrap();
    let first = t.elapsed();
    let first_cpu = cpu_ns() - cpu;
    let peak = status_kib("VmHWM:");
    println!(
        "{} dispatches, {} KiB of files; loaded in {:.1} ms, first frame at {:.1} ms ({:.1} ms on the CPU)",
        app.project.articles.len(),
        bytes / 1024,
        loaded.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        first_cpu as f64 / 1e6
    );
    println!(
        "peak RSS {peak} KiB ({:.2}x the files), {before} KiB before loading; now {} KiB",
        peak as f64 * 1024.0 / bytes as f64,
        status_kib("VmRSS:")
    );
    // Then the idle work of a reader left open: every dispatch's
    // suggestions, the digests, as the side pane and the list's counts need.
    let t = Instant::now();
    app.run_all_jobs();
    term.draw(|f| view::draw(&app, f)).unwrap();
    let idle = status_kib("VmHWM:");
    println!(
        "after the idle work ({:.0} ms): peak RSS {idle} KiB ({:.2}x the files), now {} KiB",
        t.elapsed().as_secs_f64() * 1e3,
        idle as f64 * 1024.0 / bytes as f64,
        status_kib("VmRSS:")
    );
    // The newest dispatch sees every claim and event of the folder: the
    // biggest side pane.
    let newest = app.project.articles.len().saturating_sub(1);
    update::show(&mut app, newest);
    app.run_all_jobs();
    term.draw(|f| view::draw(&app, f)).unwrap();
    let newest = status_kib("VmHWM:");
    println!(
        "on the newest dispatch: peak RSS {newest} KiB ({:.2}x the files), now {} KiB",
        newest as f64 * 1024.0 / bytes as f64,
        status_kib("VmRSS:")
    );
}
