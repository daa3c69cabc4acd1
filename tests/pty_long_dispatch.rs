//! The real binary in a pseudo-terminal on a folder holding one dispatch of
//! 16 MB: while its suggestions are being read the reader shows how far it
//! is, and `q` (or Ctrl-C) quits at once. Reading them on the run loop kept
//! the keys waiting for the whole extraction (half a minute).

use std::io::Write;
use std::time::{Duration, Instant};

mod common;

const ROWS: u16 = 30;
const COLS: u16 = 120;

/// A dispatch of at least `bytes` bytes (sentences written for the test,
/// their numbers changing).
fn long_dispatch(bytes: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Selon le ministère de la Santé, {n} personnes ont été tuées et {m} blessées lors des bombardements de la nuit.",
        "Le porte-parole de l'armée a affirmé que {n} combattants avaient été neutralisés près de la frontière.",
        "Plus de {n} familles ont quitté la région depuis le début du mois, selon une organisation humanitaire.",
        "The regional governor said {n} civilians had been killed and {m} wounded in the shelling on Tuesday.",
    ];
    let mut text = String::from(" date 2022-05-04 Un très long dossier\n\n");
    let mut i = 0;
    while text.len() < bytes {
        let s = SENTENCES[i % SENTENCES.len()];
        text.push_str(
            &s.replace("{n}", &(10 + i % 977).to_string()).replace("{m}", &(3 + i % 89).to_string()),
        );
        text.push_str(if i % 3 == 2 { "\n\n" } else { " " });
        i += 1;
    }
    text
}

fn quits_promptly_while_reading(key: &[u8]) {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2022-05-04_long.txt"), long_dispatch(16 << 20)).unwrap();
    let common::Pty { mut parser, rx, mut writer, mut child, master: _master } =
        common::spawn(dir.path(), home.path(), ROWS, COLS, &[]);
    // The first frame (a debug build loads 16 MB slowly: this bound is not
    // what the test is about), then the progress of the suggestions.
    let mut wait_for = |what: &str, within: Duration, pred: &dyn Fn(&vt100::Screen) -> bool| {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(20)) {
                parser.process(&bytes);
            }
            if pred(parser.screen()) {
                return true;
            }
            assert!(child.try_wait().unwrap().is_none(), "the reader ended early waiting for {what}");
        }
        false
    };
    let first_frame = |sc: &vt100::Screen| sc.alternate_screen() && sc.contents().contains("Dispatches 1/1");
    assert!(wait_for("the first frame", Duration::from_secs(300), &first_frame), "no first frame");
    let progress = |sc: &vt100::Screen| sc.contents().contains("suggestions of this dispatch");
    let progress_shown = wait_for("the progress line", Duration::from_secs(5), &progress);
    let sent = Instant::now();
    writer.write_all(key).unwrap();
    writer.flush().unwrap();
    // Reading the suggestions of 16 MB takes seconds in a release build and
    // minutes in a debug one: answering within 2 s means the keys did not
    // wait for it.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(sent.elapsed() < Duration::from_secs(2), "the reader did not quit within 2 s");
        std::thread::sleep(Duration::from_millis(10));
        while rx.try_recv().is_ok() {}
    };
    assert!(status.success(), "{status:?}");
    assert!(progress_shown, "the status line said how far the suggestions were");
}

#[test]
fn q_quits_while_a_16_mb_dispatch_is_read() {
    quits_promptly_while_reading(b"q");
}

#[test]
fn ctrl_c_quits_while_a_16_mb_dispatch_is_read() {
    quits_promptly_while_reading(b"\x03");
}
