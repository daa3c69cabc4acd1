//! The reader's state through a folder's changes (`tui::live`): every
//! dispatch keeps its read mark and scroll position, the article shown and
//! the selection stay on their dispatch, whatever moves around them.

use std::ffi::OsString;
use std::path::Path;

use depeche::tui::action::Action;
use depeche::tui::app::App;
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::{self, update};

fn open(dir: &Path) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).expect("the folder opens");
    update::update(&mut app, Action::Resize(160, 44));
    app.run_all_jobs();
    update::settle(&mut app);
    app
}

fn ids(app: &App) -> Vec<String> {
    app.list.order.iter().map(|&i| app.project.articles[i].id.clone()).collect()
}

fn shown(app: &App) -> &str {
    &app.project.articles[app.current].id
}

/// What the watcher hands over for `names` of `dir`.
fn changes(dir: &Path, names: &[&str]) -> Vec<depeche::index::watch::Change> {
    let names: Vec<OsString> = names.iter().map(OsString::from).collect();
    depeche::index::scan::reread(&dir.canonicalize().unwrap(), &names)
}

#[test]
fn the_reader_keeps_its_place_through_the_folders_changes() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let wire = |day: u32, what: &str| {
        format!("Ville, {day} mars 2021 (AFP) - {what} a été annoncé mardi par la mairie.\n\nLa suite.\n")
    };
    for (day, what) in [(3, "Le budget"), (5, "Le marché"), (7, "Le chantier")] {
        std::fs::write(dir.join(format!("2021-03-0{day}_afp_{day}.txt")), wire(day, what)).unwrap();
    }
    let mut app = open(dir);
    update::handle_key(&mut app, Key::ch('j'));
    app.run_all_jobs();
    update::settle(&mut app);
    assert_eq!(shown(&app), "2021-03-05_afp_5");
    let five = app.current;
    app.read[five] = true;
    app.reader.tops[five] = 7;
    update::settle(&mut app);
    let top = app.reader.tops[five];

    // One earlier than all: every place moves by one, the state with it.
    std::fs::write(dir.join("2021-03-01_afp_1.txt"), wire(1, "Le concours")).unwrap();
    assert!(app.apply_changes(changes(dir, &["2021-03-01_afp_1.txt"])));
    app.run_all_jobs();
    update::settle(&mut app);
    assert_eq!(ids(&app), ["2021-03-01_afp_1", "2021-03-03_afp_3", "2021-03-05_afp_5", "2021-03-07_afp_7"]);
    assert_eq!(shown(&app), "2021-03-05_afp_5");
    assert_eq!(app.list.selected_article(), Some(app.current));
    assert!(app.read[app.current], "its read mark");
    assert_eq!(app.reader.tops[app.current], top, "its scroll position");
    assert!(!app.read[0], "the new one is unread");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("1 new")), "{:?}", app.status);

    // Changed: its new title; removed: gone, the one shown stays.
    std::fs::write(dir.join("2021-03-03_afp_3.txt"), wire(3, "Le nouveau budget")).unwrap();
    std::fs::remove_file(dir.join("2021-03-07_afp_7.txt")).unwrap();
    assert!(app.apply_changes(changes(dir, &["2021-03-03_afp_3.txt", "2021-03-07_afp_7.txt"])));
    app.run_all_jobs();
    update::settle(&mut app);
    assert_eq!(ids(&app), ["2021-03-01_afp_1", "2021-03-03_afp_3", "2021-03-05_afp_5"]);
    assert!(
        app.project.articles[1].meta.title.contains("nouveau budget"),
        "{}",
        app.project.articles[1].meta.title
    );
    assert_eq!(shown(&app), "2021-03-05_afp_5");

    // The one shown removed: the next one in its place is shown.
    std::fs::remove_file(dir.join("2021-03-05_afp_5.txt")).unwrap();
    assert!(app.apply_changes(changes(dir, &["2021-03-05_afp_5.txt"])));
    app.run_all_jobs();
    update::settle(&mut app);
    assert_eq!(ids(&app), ["2021-03-01_afp_1", "2021-03-03_afp_3"]);
    assert!(app.current < 2);

    // A change the folder did not make (a file not there, never listed):
    // nothing moves.
    assert!(!app.apply_changes(changes(dir, &["2021-03-09_afp_9.txt"])));
}

/// The reader's state by dispatch: (id, read, top) in the list's order,
/// the dispatch shown and the one selected.
fn state(app: &App) -> (Vec<(String, bool, usize)>, String, String) {
    let order =
        app.list.order.iter().map(|&i| (app.project.articles[i].id.clone(), app.read[i], app.reader.tops[i]));
    let selected =
        app.list.selected_article().map(|i| app.project.articles[i].id.clone()).unwrap_or_default();
    (order.collect(), shown(app).to_string(), selected)
}

#[test]
fn a_few_changes_made_in_place_leave_what_a_rebuild_of_the_list_leaves() {
    let wire = |day: u32, what: &str| {
        format!("Ville, {day} avril 2021 (AFP) - {what} a été inauguré jeudi par le maire.\n\nLa suite.\n")
    };
    let folders: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    for f in &folders {
        for day in [2, 4, 6, 8, 10, 12] {
            std::fs::write(f.path().join(format!("2021-04-{day:02}_afp_{day}.txt")), wire(day, "Le pont"))
                .unwrap();
        }
    }
    let mut apps: Vec<App> = folders.iter().map(|f| open(f.path())).collect();
    for app in &mut apps {
        let six = app.project.position("2021-04-06_afp_6").unwrap();
        update::show(app, six);
        app.read[six] = true;
        let ten = app.project.position("2021-04-10_afp_10").unwrap();
        app.read[ten] = true;
        update::settle(app);
    }
    // One added before the one shown, one removed after it, one whose date
    // moves it from after to before it, the one shown rewritten.
    for f in &folders {
        let d = f.path();
        std::fs::write(d.join("2021-04-01_afp_1.txt"), wire(1, "Le musée")).unwrap();
        std::fs::remove_file(d.join("2021-04-08_afp_8.txt")).unwrap();
        std::fs::write(d.join("2021-04-12_afp_12.txt"), wire(3, "Le stade")).unwrap();
        std::fs::write(d.join("2021-04-06_afp_6.txt"), wire(6, "Le tunnel")).unwrap();
    }
    let names =
        ["2021-04-01_afp_1.txt", "2021-04-08_afp_8.txt", "2021-04-12_afp_12.txt", "2021-04-06_afp_6.txt"];
    let few = changes(folders[0].path(), &names);
    // Files that were never there make the change set too big to be made
    // in place: the list is rebuilt.
    let absent: Vec<String> = (0..70).map(|k| format!("2021-05-{:02}_none_{k}.txt", k % 28 + 1)).collect();
    let mut many = changes(folders[1].path(), &names);
    many.extend(absent.iter().map(|n| (OsString::from(n), None)));
    assert!(apps[0].apply_changes(few));
    assert!(apps[1].apply_changes(many));
    let (in_place, rebuilt) = (state(&apps[0]), state(&apps[1]));
    assert_eq!(in_place, rebuilt);
    assert_eq!(in_place.1, "2021-04-06_afp_6", "the dispatch shown stays");
    let ids: Vec<&str> = in_place.0.iter().map(|(id, ..)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2021-04-01_afp_1",
            "2021-04-02_afp_2",
            "2021-04-12_afp_12",
            "2021-04-04_afp_4",
            "2021-04-06_afp_6",
            "2021-04-10_afp_10"
        ]
    );
    assert!(in_place.0.iter().any(|(id, read, _)| id == "2021-04-06_afp_6" && *read), "{in_place:?}");
    assert!(in_place.0.iter().any(|(id, read, _)| id == "2021-04-10_afp_10" && *read));
    for app in &apps {
        let text = &app.project.articles[app.current].text;
        assert!(text.contains("tunnel"), "the new text of the one shown: {text}");
    }
}
