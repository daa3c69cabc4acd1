//! The real binary in a pseudo-terminal: it opens the bundled corpus, shows
//! the five dispatches and a highlighted figure, moves to the Pompeo
//! dispatch and shows a claim beside it, opens help, quits, and leaves the
//! terminal as it found it.

use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

const ROWS: u16 = 40;
const COLS: u16 = 140;

struct Session {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
}

impl Session {
    fn pump(&mut self) {
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
        }
    }

    /// Waits until `pred` holds for the screen, or fails with the screen.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.rx.recv_timeout(Duration::from_millis(50)) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {}
            }
            self.pump();
            if pred(self.parser.screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.parser.screen().contents()
            );
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        // Keys one at a time: an Esc glued to the next byte reads as Alt+key.
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn reads_the_bundled_corpus_in_a_real_terminal() {
    let home = tempfile::tempdir().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let common::Pty { parser, rx, writer, mut child, master: _master } =
        common::spawn(&dir, home.path(), ROWS, COLS, &[]);
    let mut s = Session { parser, rx, writer };

    s.wait_for("the five dispatches", |sc| {
        let text = sc.contents();
        sc.alternate_screen()
            && text.contains("Dispatches 1/5")
            && ["RT France", "AFP", "euronews", "Reuters"].iter().all(|o| text.contains(o))
    });
    // The list, the article and the side pane are drawn by the same frame;
    // wait for the digests (computed after the first frame).
    s.wait_for("the side pane", |sc| sc.contents().contains("claims by source"));
    let figure_highlighted = |sc: &vt100::Screen| {
        (0..ROWS).any(|r| {
            (0..COLS).any(|c| {
                sc.cell(r, c).is_some_and(|cell| {
                    cell.contents().chars().all(|ch| ch.is_ascii_digit())
                        && !cell.contents().is_empty()
                        && cell.bold()
                        && cell.fgcolor() != vt100::Color::Default
                })
            })
        })
    };
    s.wait_for("a highlighted figure", figure_highlighted);
    assert!(s.parser.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None, "mouse capture is on");

    // The last dispatch by date is the Reuters one about Pompeo's mediation.
    s.send(b"G");
    s.send(b"\r");
    s.wait_for("the Pompeo dispatch with a claim beside it", |sc| {
        let text = sc.contents();
        text.contains("Pompeo") && text.contains("as of 2020-10-23") && text.contains("killed")
    });

    s.send(b"?");
    s.wait_for("help", |sc| sc.contents().contains("Help — keys by mode"));
    s.send(b"\x1b");
    s.wait_for("help closed", |sc| !sc.contents().contains("Help — keys by mode"));

    s.send(b"q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "depeche did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(Duration::from_millis(200));
    s.pump();
    assert!(status.success(), "{status:?}");
    let sc = s.parser.screen();
    assert!(!sc.alternate_screen(), "left the alternate screen");
    assert!(!sc.hide_cursor(), "cursor shown again");
    assert!(!sc.bracketed_paste(), "bracketed paste off");
    assert_eq!(sc.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture off");
    // The read mark of the opened dispatch went to the data folder.
    let state = std::fs::read_to_string(home.path().join("data/depeche/readstate.json")).unwrap();
    assert!(state.contains("reuters"), "{state}");
}
