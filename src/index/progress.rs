//! A progress line for indexing that takes over a second: how many
//! dispatches of how many, and the speed, on stderr when it is a terminal
//! (never into a pipe or a test's capture).

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Before this, no line: a quick start says nothing.
const QUIET: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(250);

/// Counts what the workers did; a thread draws the line.
pub struct Progress {
    done: Arc<AtomicU64>,
    bytes: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// A progress over `total` files, to be read; silent unless stderr is a
    /// terminal.
    pub fn start(total: usize) -> Progress {
        let done = Arc::new(AtomicU64::new(0));
        let bytes = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let drawer = std::io::stderr().is_terminal().then(|| {
            let (done, bytes, stop) = (done.clone(), bytes.clone(), stop.clone());
            std::thread::spawn(move || draw(total as u64, &done, &bytes, &stop))
        });
        Progress { done, bytes, stop, drawer }
    }

    /// One file read, of `len` bytes.
    pub fn tick(&self, len: u64) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len, Ordering::Relaxed);
    }

    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(d) = self.drawer.take() {
            let _ = d.join();
        }
    }
}

fn draw(total: u64, done: &AtomicU64, bytes: &AtomicU64, stop: &AtomicBool) {
    let start = Instant::now();
    let mut drawn = false;
    loop {
        let stopping = stop.load(Ordering::Relaxed);
        let elapsed = start.elapsed();
        if elapsed >= QUIET || (stopping && drawn) {
            let mb = bytes.load(Ordering::Relaxed) as f64 / 1e6;
            let line = line(done.load(Ordering::Relaxed), total, mb, elapsed.as_secs_f64());
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{line}\u{1b}[K");
            drawn = true;
            if stopping {
                let _ = writeln!(err);
                return;
            }
        }
        if stopping {
            return;
        }
        std::thread::sleep(if elapsed < QUIET { Duration::from_millis(50) } else { EVERY });
    }
}

/// "depeche: indexing 12,000 of 100,000 dispatches, 23 MB, 41.5 MB/s".
pub fn line(done: u64, total: u64, mb: f64, secs: f64) -> String {
    let rate = if secs > 0.0 { mb / secs } else { 0.0 };
    format!(
        "depeche: indexing {} of {} dispatches, {mb:.0} MB, {rate:.1} MB/s",
        thousands(done),
        thousands(total)
    )
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_line_counts_with_separators() {
        assert_eq!(
            super::line(12_000, 1_000_000, 23.0, 0.5),
            "depeche: indexing 12,000 of 1,000,000 dispatches, 23 MB, 46.0 MB/s"
        );
        assert_eq!(super::thousands(999), "999");
    }
}
