//! The annotator end to end, in a pseudo-terminal: on a copy of the bundled
//! corpus, a passage becomes an ORG by keyboard, a claim gets its claimant
//! through the form, both survive a restart (on screen and in the sidecar),
//! and an undo removes a change from both.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::Child;

mod common;

const ROWS: u16 = 40;
const COLS: u16 = 150;
const ARTICLE: &str = "2020-09-29_rt-france_kremlin-appelle-fin-hostilites";

struct Term {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    fn start(dir: &Path, home: &Path) -> Term {
        let common::Pty { parser, rx, writer, child, master } =
            common::spawn(dir, home, ROWS, COLS, &[("USER", "e2e")]);
        Term { parser, rx, writer, child, _master: master }
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
            while let Ok(bytes) = self.rx.try_recv() {
                self.parser.process(&bytes);
            }
            let text = self.parser.screen().contents();
            if pred(&text) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{text}");
        }
    }

    fn status_bar(&self) -> String {
        self.parser.screen().rows(0, COLS).last().unwrap_or_default()
    }

    fn wait_status(&mut self, what: &str, needle: &str) {
        self.wait_for(what, |_| true);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.status_bar().contains(needle) {
            if let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; status bar: {}",
                self.status_bar()
            );
        }
    }

    /// Keys one at a time: an Esc glued to the next byte reads as Alt+key.
    fn send(&mut self, keys: &str) {
        for b in keys.as_bytes().chunks(1) {
            self.writer.write_all(b).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn quit(mut self) {
        self.send("q");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status:?}");
                return;
            }
            assert!(Instant::now() < deadline, "depeche did not quit:\n{}", self.parser.screen().contents());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A copy of the bundled corpus in which `ARTICLE` lost its claims: the
/// extractor then suggests them again.
fn copy_corpus(to: &Path) -> PathBuf {
    let dir = to.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/articles")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let sidecar = dir.join(format!("{ARTICLE}.ann.jsonl"));
    let text = std::fs::read_to_string(&sidecar).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains(r#""kind":"claim""#)).collect();
    assert!(kept.len() < text.lines().count(), "the dispatch had claims to remove");
    std::fs::write(&sidecar, kept.join("\n") + "\n").unwrap();
    dir
}

fn sidecar_lines(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join(format!("{ARTICLE}.ann.jsonl"))).unwrap();
    text.lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn has(lines: &[serde_json::Value], label: &str, exact: &str) -> Option<serde_json::Value> {
    lines
        .iter()
        .find(|a| a["label"] == label && a["quote"]["exact"] == exact && a["status"] == "accepted")
        .cloned()
}

fn claims(lines: &[serde_json::Value]) -> Vec<serde_json::Value> {
    lines.iter().filter(|a| a["kind"] == "claim").cloned().collect()
}

#[test]
fn the_test_corpus_suggests_claims() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_corpus(tmp.path());
    assert!(claims(&sidecar_lines(&dir)).is_empty());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["suggest", dir.to_str().unwrap(), ARTICLE])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.contains(r#""label":"CLAIM""#)), "no claim suggested:\n{text}");
}

#[test]
fn annotate_quit_restart_and_undo_in_a_real_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_corpus(tmp.path());
    let before = sidecar_lines(&dir).len();
    let files_before = std::fs::read_dir(&dir).unwrap().count();

    // Run 1: an ORG by keyboard, a suggested claim accepted with a claimant.
    let mut t = Term::start(&dir, tmp.path());
    t.wait_for("the dispatches", |s| s.contains("Dispatches 1/5") && s.contains("claims by source"));
    t.send("\r");
    t.send("i");
    t.wait_status("annotate mode", "ANNOTATE");
    // "Alors que le bilan des affrontements": three words on, select three.
    t.send("3wvww");
    t.wait_status("the selection in the status bar", "bilan des affrontements");
    t.send("3");
    t.wait_status("the ORG saved", "ORG added");
    t.wait_status("saved", "saved");
    // Walk the suggestions to the first suggested claim.
    let mut found = false;
    for _ in 0..200 {
        t.send("n");
        t.wait_for("the next suggestion", |_| true);
        if t.status_bar().contains("suggested: CLAIM") {
            found = true;
            break;
        }
    }
    assert!(found, "no claim suggestion reached with n; status bar: {}", t.status_bar());
    t.send("a");
    t.wait_for("the claim form", |s| s.contains("claimant") && s.contains("Enter save"));
    // Ctrl-A Ctrl-K empties the prefilled claimant.
    t.send("\x01\x0bObservatoire e2e");
    t.send("\r");
    t.wait_status("the claim saved", "CLAIM accepted");
    t.wait_for("the claimant in the side pane", |s| s.contains("Observatoire e2e"));
    t.quit();

    let lines = sidecar_lines(&dir);
    assert_eq!(lines.len(), before + 2);
    let org = has(&lines, "ORG", "bilan des affrontements").expect("the ORG in the sidecar");
    assert_eq!(org["author"], "e2e");
    let claim = claims(&lines);
    assert_eq!(claim.len(), 1, "{claim:?}");
    assert_eq!(claim[0]["attrs"]["claimant"], "Observatoire e2e");
    assert!(claim[0]["attrs"]["count_low"].is_u64(), "the suggestion's figure came along");
    // The history is in the data folder, nothing new beside the articles.
    let undo_dir = tmp.path().join("data/depeche/undo");
    assert_eq!(std::fs::read_dir(&undo_dir).unwrap().count(), 1, "one history file");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), files_before, "no new file beside the articles");

    // Run 2: both are there, on screen and on disk; undo removes the claim.
    let mut t = Term::start(&dir, tmp.path());
    t.wait_for("the dispatches", |s| s.contains("Dispatches") && s.contains("claims by source"));
    // It opens on the first unread dispatch: back to the first one.
    t.send("g\r");
    t.wait_for("the claim in the side pane", |s| {
        s.contains("Dispatches 1/5") && s.contains("Observatoire e2e")
    });
    t.send("i");
    t.wait_status("annotate mode", "ANNOTATE");
    t.send("g3w");
    t.wait_status("the ORG under the cursor", "annotated: ORG");
    t.send("u");
    t.wait_status("the question: a change of the first run", "earlier session");
    t.send("y");
    t.wait_status("the claim undone", "undone: CLAIM accepted");
    t.wait_for("the claimant gone from the side pane", |s| !s.contains("Observatoire e2e"));
    t.wait_status("saved", "saved");
    let lines = sidecar_lines(&dir);
    assert!(claims(&lines).is_empty(), "the undone claim left the sidecar");
    assert!(has(&lines, "ORG", "bilan des affrontements").is_some());
    // The ORG is still there on screen.
    t.send("l");
    t.send("h");
    t.wait_status("the ORG under the cursor", "annotated: ORG");
    t.quit();
    let lines = sidecar_lines(&dir);
    assert!(claims(&lines).is_empty());
    assert_eq!(lines.len(), before + 1);
}
