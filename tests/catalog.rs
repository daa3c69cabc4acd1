//! The reader's start from the index's catalog (`index::catalog`): the list
//! as the last scan left it, with no look at the folder before the first
//! frame. What it draws is what the files say: the same screens as a start
//! that reads every file, and what changed while the reader was closed
//! (a text rewritten in place, a sidecar brought by another program, a
//! dispatch removed) comes with the check after the first frame, which
//! also removes the temporaries a crash left.
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
use sha2::Digest;

mod folder;

/// The reader's start up to its first frame (no check of the folder yet).
fn first_frame(dir: &Path) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).expect("the folder opens");
    update::update(&mut app, Action::Resize(160, 44));
    app
}

/// What the reader's run does after its first frame: the check of what the
/// start took unseen, its changes taken in; then the idle work.
fn checked(mut app: App, dir: &Path) -> App {
    folder::check_after_first_frame(&mut app, dir);
    app.run_all_jobs();
    update::settle(&mut app);
    app
}

/// The screen after the start, the check and typing `keys`.
fn after(dir: &Path, keys: &str) -> String {
    let mut app = checked(first_frame(dir), dir);
    for c in keys.chars() {
        update::handle_key(&mut app, Key::ch(c));
        app.run_all_jobs();
        update::settle(&mut app);
    }
    folder::screen(&app)
}

fn set_env(key: &str, value: &Path) {
    // SAFETY: this test binary has one test, which sets it before any
    // thread of its own reads the environment.
    unsafe { std::env::set_var(key, value) };
}

/// Sets a file's or the folder's modification time.
fn set_time(path: &Path, time: SystemTime) {
    std::fs::File::open(path).unwrap().set_modified(time).unwrap();
}

fn from_catalog(app: &App) -> bool {
    app.project.catalog.is_some()
}

const OWN: [(&str, &str); 3] = [
    (
        "2022-04-03_wire_port",
        "Lisbonne, 3 avril 2022 (AFP) - Les dockers du port ont suspendu leur grève dimanche.\n\n\
         Les armateurs attendaient la reprise des chargements depuis une semaine.\n",
    ),
    (
        "2022-04-04_wire_barrage",
        "Porto, 4 avril 2022 (AFP) - Le barrage sur le Douro a été rouvert lundi après des crues.\n\n\
         Les riverains avaient été évacués par précaution.\n",
    ),
    (
        "2022-04-05_wire_tram",
        "Coimbra, 5 avril 2022 (AFP) - Le nouveau tramway de la ville a transporté ses premiers voyageurs.\n",
    ),
];

#[test]
fn the_reader_starts_from_the_catalog_and_shows_what_the_files_say() {
    let folder = folder::bundled_and(&OWN);
    let dir = folder.path();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir).unwrap() {
        set_time(&entry.unwrap().path(), hour_ago);
    }
    // A folder changed within moments of a scan is in doubt: this one was
    // last changed an hour ago.
    set_time(dir, hour_ago);
    let data = tempfile::tempdir().unwrap();

    // Every file read at the start, as before the index.
    set_env("DEPECHE_INDEX_DIR", Path::new("off"));
    let plain = after(dir, "");
    let plain_last = after(dir, "G");
    let plain_filter = after(dir, "/dockers");
    assert!(plain_filter.contains("2022-04-03"), "{plain_filter}");

    // The first start makes the index and its catalog; the next one draws
    // its first frame from the catalog, with no article made but those of
    // the dispatches with a sidecar (their texts anchor annotations) and
    // the one shown.
    set_env("DEPECHE_INDEX_DIR", &data.path().join("index"));
    assert_eq!(after(dir, ""), plain, "first indexing");
    let app = first_frame(dir);
    assert!(from_catalog(&app), "the second start is from the catalog");
    let made = (0..app.project.articles.len()).filter(|&i| app.project.articles.is_made(i)).count();
    let annotated = app.project.catalog.as_ref().unwrap().with_sidecar.len();
    assert_eq!(annotated, 5, "the bundled dispatches have their sidecars");
    assert!(made <= annotated + 1, "{made} articles made before the first frame");
    drop(app);
    assert_eq!(after(dir, ""), plain, "from the catalog");
    assert_eq!(after(dir, "G"), plain_last, "the last dispatch");
    assert_eq!(after(dir, "/dockers"), plain_filter, "the filter");

    // Rewritten in place while the reader was closed (the folder's entries
    // unchanged): the first frame is the catalog's, the check brings the
    // new text.
    let port = dir.join(format!("{}.txt", OWN[0].0));
    let rewritten = OWN[0].1.replace("dockers", "grutiers");
    std::fs::write(&port, &rewritten).unwrap();
    set_time(&port, hour_ago + Duration::from_secs(60));
    set_time(dir, hour_ago);
    let app = first_frame(dir);
    assert!(from_catalog(&app));
    assert!(folder::screen(&app).contains("Les dockers du port"), "the catalog's title first");
    let app = checked(app, dir);
    let screen = folder::screen(&app);
    assert!(screen.contains("Les grutiers du port") && !screen.contains("dockers"), "{screen}");

    // The check wrote the index: the catalog no longer says what it says,
    // and the next start goes through the index (and makes the catalog
    // again); the screens stay the files'.
    let app = first_frame(dir);
    assert!(!from_catalog(&app), "a catalog of an older index is not used");
    let through_index = folder::screen(&checked(app, dir));
    let app = first_frame(dir);
    assert!(from_catalog(&app), "the catalog made again");
    assert_eq!(folder::screen(&checked(app, dir)), through_index);

    // Brought by another program with the folder's time put back (a copy
    // that keeps times): a sidecar naming a title, a dispatch removed. The
    // check brings both.
    let barrage = dir.join(format!("{}.txt", OWN[1].0));
    let sha: String = sha2::Sha256::digest(OWN[1].1.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let header = format!(
        "{{\"format\":\"depeche-annotations\",\"version\":1,\"text_sha256\":\"{sha}\",\
         \"meta\":{{\"title\":\"Le Douro sous surveillance\"}}}}\n"
    );
    std::fs::write(dir.join(format!("{}.ann.jsonl", OWN[1].0)), header).unwrap();
    std::fs::remove_file(dir.join(format!("{}.txt", OWN[2].0))).unwrap();
    // And a temporary a crash left an hour ago (a sidecar half written).
    let stale = dir.join(format!(".{}.ann.jsonl.k3Xq9z.tmp", OWN[0].0));
    std::fs::write(&stale, "half a sidecar").unwrap();
    set_time(&stale, hour_ago);
    set_time(dir, hour_ago);
    let app = first_frame(dir);
    assert!(from_catalog(&app));
    assert!(folder::screen(&app).contains("2022-04-05"), "the catalog's list first");
    let screen = folder::screen(&checked(app, dir));
    assert!(screen.contains("Le Douro sous surveillance"), "{screen}");
    assert!(!screen.contains("2022-04-05"), "{screen}");
    assert!(barrage.exists());
    assert!(!stale.exists(), "the check removes a stale temporary");
}
