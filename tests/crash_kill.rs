//! Crash safety under kill -9: real writers — `depeche import` of a batch
//! into five sidecars, the reader labelling by keys in a pseudo-terminal,
//! a loop of metadata edits through the store — are sent SIGKILL at random
//! moments. Afterwards every sidecar parses, is byte for byte what depeche
//! writes for its content, `depeche check` is clean, and each holds exactly
//! the state before or after one complete change.
//!
//! 100 kills in `cargo test`; `cargo test --test crash_kill -- --ignored
//! --nocapture` runs 1,000 and prints the figures (docs/reliability.md).

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use depeche::annotation::store::{self, Sidecar};
use depeche::annotation::{Annotation, Status};
use depeche::corpus::{self, Article};

#[allow(dead_code)]
mod common;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");

/// The bundled dispatches and their sidecars, copied into `to`.
fn copy_corpus(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/articles")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

fn sidecars(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".ann.jsonl") && !name.starts_with('.') {
            out.insert(name, std::fs::read(&p).unwrap());
        }
    }
    out
}

fn articles(dir: &Path) -> Vec<Article> {
    corpus::load(dir).unwrap().articles
}

/// What a kill left, checked: every sidecar loads, is the untouched copy
/// or exactly what depeche writes for what it holds (no torn or half line),
/// and `check` is clean; no article was written. Returns the sidecars as loaded, by file name.
fn assert_whole(dir: &Path, what: &str) -> BTreeMap<String, Sidecar> {
    let untouched = sidecars(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/articles")));
    let mut out = BTreeMap::new();
    let bundled = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"));
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let original = std::fs::read(bundled.join(p.file_name().unwrap())).unwrap();
            assert!(std::fs::read(&p).unwrap() == original, "{what}: {} was written", p.display());
        }
    }
    for article in articles(dir) {
        let sc = Sidecar::load(&article);
        if !sc.path.exists() {
            continue;
        }
        assert!(sc.is_writable(), "{what}: a sidecar does not read: {:?}", sc.error());
        let disk = std::fs::read(&sc.path).unwrap();
        let canonical = store::serialize_sidecar(&sc.header, &sc.annotations, &sc.orphans);
        let name = sc.path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            disk == canonical || untouched.get(&name) == Some(&disk),
            "{what}: {} is not a whole sidecar",
            sc.path.display()
        );
        out.insert(name, sc);
    }
    // `depeche check`, run in-process (the same code; a process each time
    // would double the test's time).
    let cli = depeche::cli::Cli::parse_from(["depeche", "check", dir.to_str().unwrap()]);
    let mut said = Vec::new();
    let code = depeche::cli::run(cli.command.as_ref().unwrap(), &mut said).unwrap();
    assert_eq!(code, 0, "{what}: check is not clean:\n{}", String::from_utf8_lossy(&said));
    out
}

/// SIGKILL, as `kill -9` sends it.
fn kill_9(pid: u32) {
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
}

fn temp_leftovers(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

/// Counts of one scenario, printed at the end.
#[derive(Debug, Default)]
struct Figures {
    kills: usize,
    /// Runs whose files were left as before the change.
    before: usize,
    /// Runs whose files hold the complete change.
    after: usize,
    /// Runs killed between two complete changes of a sequence.
    between: usize,
    /// Imports whose sidecars were left partly before, partly after.
    mixed_imports: usize,
    temp_leftovers: usize,
    /// Temporary files still there once a later start cleaned the folder.
    temp_left_after_start: usize,
}

// --- import of a batch -------------------------------------------------------

/// Waits until something is written into `dir` (its modification time
/// changes: a temporary file created) or `child` ends; the time it took.
fn until_the_folder_changes(dir: &Path, child: &mut std::process::Child) -> Option<Duration> {
    let start = Instant::now();
    let mtime = || std::fs::metadata(dir).and_then(|m| m.modified()).ok();
    let before = mtime();
    while child.try_wait().unwrap().is_none() {
        if mtime() != before {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    None
}

/// A JSONL batch that rejects three accepted annotations of every dispatch:
/// one import that writes five sidecars.
fn rejecting_batch(dir: &Path, to: &Path) {
    let mut out = String::new();
    for article in articles(dir) {
        let sc = Sidecar::load(&article);
        let picked: Vec<&Annotation> =
            sc.annotations.iter().filter(|a| a.status == Status::Accepted).take(3).collect();
        for a in picked {
            let mut v = serde_json::to_value(a).unwrap();
            v["article"] = article.id.clone().into();
            v["status"] = "rejected".into();
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    std::fs::write(to, out).unwrap();
}

fn import(dir: &Path, batch: &Path) -> std::process::Child {
    Command::new(BIN)
        .args(["import", "--from", "jsonl"])
        .arg(batch)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn import_kills(runs: usize, rng: &mut fastrand::Rng, tmp: &Path) -> Figures {
    let template = tmp.join("import-template");
    copy_corpus(&template);
    let batch = tmp.join("batch.jsonl");
    rejecting_batch(&template, &batch);
    let before = sidecars(&template);
    // The reference: the import run to its end.
    let reference = tmp.join("import-reference");
    copy_corpus(&reference);
    let start = Instant::now();
    let mut child = import(&reference, &batch);
    let first_write = until_the_folder_changes(&reference, &mut child).unwrap_or_default();
    assert!(child.wait().unwrap().success());
    // how long it writes, from its first temporary file to its end
    let writing = start.elapsed().saturating_sub(first_write);
    let after = sidecars(&reference);
    assert!(before.keys().all(|k| before[k] != after[k]), "the batch changes every sidecar");

    let mut f = Figures::default();
    for run in 0..runs {
        let dir = tmp.join(format!("import-{run}"));
        copy_corpus(&dir);
        let mut child = import(&dir, &batch);
        // loading the project comes first: wait for its first write, then
        // kill at a random moment of its writes (or a little after)
        until_the_folder_changes(&dir, &mut child);
        let delay = writing.mul_f64(1.1 * rng.f64());
        std::thread::sleep(delay);
        kill_9(child.id());
        let _ = child.wait();
        f.kills += 1;
        let what = format!("import run {run}, killed {delay:?} into its writes");
        assert_whole(&dir, &what);
        let now = sidecars(&dir);
        let mut olds = 0;
        for (name, bytes) in &now {
            if *bytes == before[name] {
                olds += 1;
            } else {
                assert!(*bytes == after[name], "{what}: {name} is neither before nor after the import");
            }
        }
        match olds {
            0 => f.after += 1,
            n if n == now.len() => f.before += 1,
            _ => f.mixed_imports += 1,
        }
        f.temp_leftovers += temp_leftovers(&dir);
        // A start a minute later removes what a killed import left.
        let later = std::time::SystemTime::now() + Duration::from_secs(3600);
        depeche::annotation::store::journal::recover(&dir, later);
        f.temp_left_after_start += temp_leftovers(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    // All or none: the `check` that opened the folder completed an import
    // the kill interrupted after its journal was written.
    assert_eq!(f.mixed_imports, 0, "imports left partly applied");
    assert_eq!(f.temp_left_after_start, 0, "temporary files left after a later start");
    f
}

// --- metadata edits through the store ----------------------------------------

const META_ENV: &str = "DEPECHE_TEST_META_WRITER";
const META_ARTICLE: &str = "2020-10-21_afp_lavrov-recoit-separement";

/// Run only as the child of `meta_kills`: edits the dispatch's metadata
/// and one annotation together, save after save, until killed. Change `n`
/// sets the outlet to `outlet n` and has the annotation `toggled` iff `n`
/// is odd.
#[test]
#[ignore = "run as a child process by the kill -9 tests"]
fn meta_writer_child() {
    let Some(dir) = std::env::var_os(META_ENV).map(PathBuf::from) else {
        eprintln!("meta_writer_child only runs as the child of the kill -9 tests");
        return;
    };
    let article = corpus::from_bytes(
        &dir.join(format!("{META_ARTICLE}.txt")),
        &std::fs::read(dir.join(format!("{META_ARTICLE}.txt"))).unwrap(),
    );
    let mut sc = Sidecar::load(&article);
    let mut toggled = sc.annotations[0].clone();
    toggled.id = "toggled".into();
    toggled.label = "ORG".into();
    for n in 1.. {
        sc.header.meta.outlet = Some(format!("outlet {n}"));
        if n % 2 == 1 {
            sc.add(&article, toggled.clone()).unwrap();
        } else {
            sc.remove("toggled").unwrap();
        }
        sc.save(&article).unwrap();
    }
}

fn meta_kills(runs: usize, rng: &mut fastrand::Rng, tmp: &Path) -> Figures {
    let template = tmp.join("meta-template");
    copy_corpus(&template);
    let name = format!("{META_ARTICLE}.ann.jsonl");
    let before = sidecars(&template)[&name].clone();
    let original = Sidecar::load(&articles(&template).into_iter().find(|a| a.id == META_ARTICLE).unwrap());
    let mut f = Figures::default();
    for run in 0..runs {
        let dir = tmp.join(format!("meta-{run}"));
        copy_corpus(&dir);
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "meta_writer_child", "--test-threads=1"])
            .env(META_ENV, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // once it saves (its start-up varies with the machine's load), at
        // a random moment of the saves that follow
        let path = dir.join(&name);
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::fs::read(&path).unwrap() == before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(500));
        }
        let delay = Duration::from_micros(rng.u64(0..60_000));
        std::thread::sleep(delay);
        kill_9(child.id());
        let _ = child.wait();
        f.kills += 1;
        let what = format!("metadata run {run}, killed after {delay:?}");
        let loaded = assert_whole(&dir, &what);
        let sc = &loaded[&name];
        let now = std::fs::read(&sc.path).unwrap();
        if now == before {
            f.before += 1;
        } else {
            let outlet = sc.header.meta.outlet.as_deref().unwrap_or_default();
            let n: u64 = outlet
                .strip_prefix("outlet ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{what}: outlet {outlet:?}"));
            let has = sc.get("toggled").is_some();
            assert_eq!(has, n % 2 == 1, "{what}: change {n} is half there");
            let others: Vec<&Annotation> = sc.annotations.iter().filter(|a| a.id != "toggled").collect();
            assert!(others.iter().copied().eq(original.annotations.iter()), "{what}: an annotation was lost");
            f.between += 1;
        }
        f.temp_leftovers += temp_leftovers(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    f
}

// --- the reader labelling by keys --------------------------------------------

const ROWS: u16 = 40;
const COLS: u16 = 150;
/// Labels in one session: `w` to the next word, `v` to select it, `3` (ORG).
const LABELS: usize = 12;

struct Reader {
    pty: common::Pty,
}

impl Reader {
    fn start(dir: &Path, home: &Path) -> Reader {
        Reader { pty: common::spawn(dir, home, ROWS, COLS, &[("USER", "kill9")]) }
    }

    fn pump(&mut self) {
        self.pty.pump();
    }

    fn wait_for(&mut self, what: &str, needle: &str) {
        self.pty.wait_screen(what, needle);
    }

    fn send(&mut self, keys: &str, pause: Duration) {
        self.pty.send(keys, pause);
    }

    /// In annotate mode on the first dispatch.
    fn annotate(&mut self) {
        self.wait_for("the dispatches", "Dispatches");
        self.send("g\r", Duration::from_millis(40));
        self.send("i", Duration::from_millis(40));
        self.wait_for("annotate mode", "ANNOTATE");
    }
}

/// The first dispatch's sidecar name.
fn first_sidecar(dir: &Path) -> String {
    let a = &articles(dir)[0];
    store::sidecar_path(&a.path).file_name().unwrap().to_string_lossy().into_owned()
}

/// Annotations in `now` and not in `before`, by (start, end, label).
fn added(before: &Sidecar, now: &Sidecar) -> Vec<(usize, usize, String)> {
    let old: Vec<(usize, usize, &str)> =
        before.annotations.iter().map(|a| (a.start, a.end, a.label.as_str())).collect();
    let mut new: Vec<(usize, usize, String)> = now
        .annotations
        .iter()
        .filter(|a| !old.contains(&(a.start, a.end, a.label.as_str())))
        .map(|a| (a.start, a.end, a.label.clone()))
        .collect();
    new.sort();
    new
}

fn tui_kills(runs: usize, rng: &mut fastrand::Rng, tmp: &Path) -> Figures {
    let template = tmp.join("tui-template");
    copy_corpus(&template);
    let name = first_sidecar(&template);
    let original = assert_whole(&template, "the copy").remove(&name).unwrap();
    let keys: String = "wv3".repeat(LABELS);
    let pause = Duration::from_millis(30);

    // The reference: the whole session, then quit.
    let reference = tmp.join("tui-reference");
    copy_corpus(&reference);
    let mut r = Reader::start(&reference, &tmp.join("home-reference"));
    r.annotate();
    r.send(&keys, pause);
    r.send("q", pause);
    let deadline = Instant::now() + Duration::from_secs(20);
    while r.pty.child.try_wait().unwrap().is_none() {
        r.pump();
        assert!(Instant::now() < deadline, "the reader did not quit:\n{}", r.pty.parser.screen().contents());
        std::thread::sleep(Duration::from_millis(20));
    }
    let full = added(&original, &assert_whole(&reference, "the reference session")[&name]);
    assert!(full.len() >= LABELS / 2, "the session labels words: {full:?}");

    let mut f = Figures::default();
    for run in 0..runs {
        let dir = tmp.join(format!("tui-{run}"));
        copy_corpus(&dir);
        let home = tmp.join(format!("home-{run}"));
        let mut r = Reader::start(&dir, &home);
        r.annotate();
        // Killed after a random number of keys, at a random moment of the last.
        let sent = rng.usize(1..=keys.len());
        r.send(&keys[..sent - 1], pause);
        r.send(&keys[sent - 1..sent], Duration::ZERO);
        std::thread::sleep(Duration::from_micros(rng.u64(0..40_000)));
        kill_9(r.pty.child.process_id().unwrap());
        let _ = r.pty.child.wait();
        f.kills += 1;
        let what = format!("reader run {run}, killed after {sent} keys");
        let loaded = assert_whole(&dir, &what);
        let now = added(&original, &loaded[&name]);
        assert!(
            full.starts_with(&now) || now.iter().all(|a| full.contains(a)),
            "{what}: {now:?} is not a step of {full:?}"
        );
        assert_eq!(now.len(), full.iter().filter(|a| now.contains(a)).count());
        let ids: Vec<&str> = original.annotations.iter().map(|a| a.id.as_str()).collect();
        assert!(ids.iter().all(|id| loaded[&name].get(id).is_some()), "{what}: an annotation was lost");
        match now.len() {
            0 => f.before += 1,
            n if n == full.len() => f.after += 1,
            _ => f.between += 1,
        }
        // The undo history the reader kept is whole too: every line reads.
        if let Ok(entries) = std::fs::read_dir(home.join("data/depeche/undo")) {
            for e in entries {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "tmp") {
                    f.temp_leftovers += 1;
                    continue;
                }
                for line in std::fs::read_to_string(&p).unwrap().lines() {
                    if serde_json::from_str::<serde_json::Value>(line).is_err() {
                        panic!("{what}: {} has a torn line: {line}", p.display());
                    }
                }
            }
        }
        f.temp_leftovers += temp_leftovers(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&home);
    }
    f
}

fn run(imports: usize, metas: usize, readers: usize) {
    let seed = std::env::var("DEPECHE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    eprintln!("kill -9 seed {seed} (DEPECHE_KILL_SEED={seed} replays it)");
    let mut rng = fastrand::Rng::with_seed(seed);
    let tmp = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let i = import_kills(imports, &mut rng, tmp.path());
    eprintln!("import: {i:?} in {:?}", start.elapsed());
    let t = Instant::now();
    let m = meta_kills(metas, &mut rng, tmp.path());
    eprintln!("metadata: {m:?} in {:?}", t.elapsed());
    let t = Instant::now();
    let r = tui_kills(readers, &mut rng, tmp.path());
    eprintln!("reader: {r:?} in {:?}", t.elapsed());
    eprintln!("{} kills in {:?}: 0 partial or lost sidecars", i.kills + m.kills + r.kills, start.elapsed());
}

#[test]
fn a_hundred_kill_9_leave_every_sidecar_before_or_after_one_whole_change() {
    run(44, 50, 6);
}

#[test]
#[ignore = "a thousand kills: minutes; run by hand with --ignored --nocapture"]
fn a_thousand_kill_9() {
    run(400, 450, 150);
}
