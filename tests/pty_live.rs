//! A live folder: the real binary in a pseudo-terminal shows a dispatch
//! dropped into its folder within a second, a changed one with its new
//! title, and drops a removed one, the selection kept on its dispatch.

use std::time::{Duration, Instant};

mod common;

const ROWS: u16 = 40;
const COLS: u16 = 160;

/// Waits up to `limit` for `needle` on the screen (present or, with
/// `gone`, absent); how long it took.
fn within(pty: &mut common::Pty, needle: &str, gone: bool, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if let Ok(bytes) = pty.rx.recv_timeout(Duration::from_millis(10)) {
            pty.parser.process(&bytes);
        }
        pty.pump();
        if pty.parser.screen().contents().contains(needle) != gone {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "{needle:?} {} after {limit:?}:\n{}",
            if gone { "still there" } else { "not shown" },
            pty.parser.screen().contents()
        );
    }
}

#[test]
fn a_dispatch_dropped_into_the_folder_shows_at_once() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    for e in std::fs::read_dir(&bundled).unwrap().flatten() {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let mut pty = common::spawn(dir.path(), home.path(), ROWS, COLS, &[]);
    let _hang_up_at_the_end = &pty.master;
    pty.wait_screen("the five dispatches", "Dispatches 1/5");
    // The second dispatch selected: it stays selected through the changes.
    pty.send("j", Duration::from_millis(100));
    pty.wait_screen("the second selected", "Dispatches 2/5");

    // A wire written later than all the others: the list's last row.
    let new = dir.path().join("2020-11-02_tass_manifestants-erevan.txt");
    let body = "Manifestants rassemblés devant le parlement d'Erevan\n\n\
                EREVAN, 2 novembre (TASS) - Plusieurs milliers de personnes ont défilé lundi soir.\n";
    // Written beside it and renamed in, as a wire client drops its files.
    let part = dir.path().join(".incoming.part");
    std::fs::write(&part, body).unwrap();
    std::fs::rename(&part, &new).unwrap();
    let took = within(&mut pty, "Manifestants rassemblés", false, Duration::from_secs(5));
    eprintln!("a dropped dispatch shown after {took:?}");
    assert!(took < Duration::from_secs(1), "shown after {took:?}");
    within(&mut pty, "Dispatches 2/6", false, Duration::from_secs(1));

    // Changed in place: its new title replaces the old one.
    std::fs::write(&new, body.replace("Manifestants rassemblés", "Cortège silencieux")).unwrap();
    within(&mut pty, "Cortège silencieux", false, Duration::from_secs(5));
    within(&mut pty, "Manifestants rassemblés", true, Duration::from_secs(1));

    // Removed: it goes, the selection stays on the second dispatch.
    std::fs::remove_file(&new).unwrap();
    within(&mut pty, "Cortège silencieux", true, Duration::from_secs(5));
    within(&mut pty, "Dispatches 2/5", false, Duration::from_secs(1));

    pty.send("q", Duration::from_millis(50));
    let status = pty.child.wait().unwrap();
    assert!(status.success());
}
