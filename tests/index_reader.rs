//! The reader over a folder's index (`src/index/`, `Texts::Lazy`): it reads
//! a dispatch's text when it shows it and finds the filter's words through
//! the index, and what it draws never depends on the index: fresh, deleted,
//! corrupt or turned off, the screen is the same (a rebuilt one says so in
//! the status bar); a file changed behind the index's back is read again.
//!
//! One test: the index's folder is set in the environment of the process.

use std::path::Path;
use std::time::{Duration, SystemTime};

use depeche::tui::action::Action;
use depeche::tui::app::App;
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::{self, update};

mod folder;

fn open(dir: &Path) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).expect("the folder opens");
    folder::check_after_first_frame(&mut app, dir);
    update::update(&mut app, Action::Resize(160, 44));
    app.run_all_jobs();
    update::settle(&mut app);
    app
}

/// The screen after typing `keys`.
fn after(dir: &Path, keys: &str) -> String {
    let mut app = open(dir);
    for c in keys.chars() {
        update::handle_key(&mut app, Key::ch(c));
        app.run_all_jobs();
        update::settle(&mut app);
    }
    folder::screen(&app)
}

/// Every line but the status bar's.
fn above_status(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len() - 1].join("\n")
}

fn set_env(key: &str, value: &Path) {
    // SAFETY: this test binary has one test, which sets it before any
    // thread of its own reads the environment.
    unsafe { std::env::set_var(key, value) };
}

#[test]
fn the_reader_draws_the_same_screens_through_the_index() {
    let folder = folder::bundled_and(&[]);
    let dir = folder.path();
    let talks = dir.join("2021-03-05_wire_talks.txt");
    let first = "Genève, 5 mars 2021 (AFP) - Les délégations se sont réunies vendredi à Genève.\n\n\
                 Les chalutiers attendaient au port la fin des pourparlers sur les quotas.\n";
    std::fs::write(&talks, first).unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&talks).unwrap().set_modified(hour_ago).unwrap();
    let data = tempfile::tempdir().unwrap();
    let index_dir = data.path().join("index");

    // Without an index: every text read at the start, as before the index.
    set_env("DEPECHE_INDEX_DIR", Path::new("off"));
    let plain = after(dir, "");
    let plain_filter = after(dir, "/chalutiers");
    assert!(plain_filter.contains("2021-03-05"), "{plain_filter}");
    let plain_last = after(dir, "G");

    // Made, then read from: the same screens, the filter's word found in a
    // text through the index.
    set_env("DEPECHE_INDEX_DIR", &index_dir);
    assert_eq!(after(dir, ""), plain, "first indexing");
    let app = open(dir);
    let unread = (0..app.project.articles.len()).filter(|&i| !app.project.has_text(i)).count();
    assert!(unread > 0, "texts are read when shown, not at the start");
    assert!(app.project.has_text(app.current));
    drop(app);
    assert_eq!(after(dir, ""), plain, "from the index");
    assert_eq!(after(dir, "/chalutiers"), plain_filter, "the filter through the index");
    assert_eq!(after(dir, "G"), plain_last, "the last dispatch, its text read when shown");

    // Deleted: rebuilt, the same screen.
    std::fs::remove_dir_all(&index_dir).unwrap();
    assert_eq!(after(dir, ""), plain, "after deletion");

    // Corrupt: rebuilt with a notice in the status bar, the rest the same.
    let file = std::fs::read_dir(&index_dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("an index file");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    std::fs::write(&file, vec![0x5a; 64 * 1024]).unwrap();
    let rebuilt = after(dir, "");
    assert_eq!(above_status(&rebuilt), above_status(&plain), "after corruption");
    assert!(rebuilt.lines().last().unwrap().contains("could not be read"), "{rebuilt}");
    assert_eq!(after(dir, "/chalutiers"), plain_filter, "the filter after corruption");

    // Changed behind the index's back (a new text, a new time): read again,
    // title, text and the filter's words.
    let second = first.replace("délégations", "négociatrices").replace("chalutiers", "caboteurs");
    std::fs::write(&talks, &second).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&talks)
        .unwrap()
        .set_modified(hour_ago + Duration::from_secs(60))
        .unwrap();
    let changed = after(dir, "G");
    assert!(changed.contains("négociatrices"), "{changed}");
    assert!(!changed.contains("délégations"), "{changed}");
    assert!(after(dir, "/caboteurs").contains("2021-03-05"));
    assert!(!after(dir, "/chalutiers").contains("2021-03-05"));
}
