//! depeche: a terminal reader and keyboard annotator for news dispatches.
//!
//! A core library with no terminal in it (corpus, annotation, extract,
//! digest, export) and thin shells around it (cli, tui).

pub mod annotation;
pub mod bounded;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod digest;
pub mod export;
pub mod extract;
pub mod geo;
pub mod hash;
pub mod index;
pub mod project;
pub mod team;
pub mod text;
pub mod tui;

#[doc(hidden)]
pub fn phase(name: &str, t0: std::time::Instant) {
    if std::env::var_os("DEPECHE_PHASES").is_some() {
        let st = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let f = |k: &str| st.lines().find(|l| l.starts_with(k)).map(|l| l.split_whitespace().nth(1).unwrap_or("").parse::<u64>().unwrap_or(0) / 1024).unwrap_or(0);
        eprintln!("phase {name}: {:.3} rss {} hwm {}", t0.elapsed().as_secs_f64(), f("VmRSS"), f("VmHWM"));
    }
}
