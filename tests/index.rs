//! The index of a folder (`src/index/`), through the real binary: what a
//! user sees never depends on it. Deleted, corrupt or of another version it
//! is rebuilt and the list is the same; a file changed behind its back is
//! read again; two processes share it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

mod folder;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");

/// A folder of dispatches and a data folder of its own for the index.
struct Setup {
    articles: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Setup {
    /// Copies of the bundled dispatches (with their sidecars) and three of
    /// our own without one.
    fn new() -> Setup {
        let own = [
            (
                "2021-03-02_wire_port-strike",
                "Lisbonne, 2 mars 2021 (AFP) - Les dockers du port ont cessé le travail mardi. Le syndicat a annoncé que 40 navires attendaient au large.",
            ),
            (
                "2021-03-04_wire_flood-toll",
                "Valencia, March 4, 2021 (Reuters) - The regional government said 14 people were killed by the floods on Wednesday, and 30 were injured.",
            ),
            (
                "2021-03-05_wire_talks",
                "Genève, 5 mars 2021 (AFP) - Les délégations se sont réunies vendredi à Genève pour une deuxième journée de pourparlers sur les quotas de pêche.",
            ),
        ];
        Setup { articles: folder::bundled_and(&own), data: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .arg(self.articles.path())
            .env("XDG_DATA_HOME", self.data.path())
            .env_remove("DEPECHE_INDEX_DIR");
        cmd.output().expect("the binary runs")
    }

    /// stdout of a command that must succeed, and its stderr.
    fn ok(&self, args: &[&str]) -> (String, String) {
        let o = self.run(args);
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        (String::from_utf8(o.stdout).unwrap(), err)
    }

    fn list(&self) -> (String, String) {
        self.ok(&["list", "--format", "json"])
    }

    /// The same command with no index at all: what the files say.
    fn without_index(&self, args: &[&str]) -> String {
        let o = Command::new(BIN)
            .args(args)
            .arg(self.articles.path())
            .env("DEPECHE_INDEX_DIR", "off")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8(o.stdout).unwrap()
    }

    fn index_dir(&self) -> PathBuf {
        self.data.path().join("depeche").join("index")
    }

    /// The one index file of the folder.
    fn index_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(self.index_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }

    fn dispatch(&self, id: &str) -> PathBuf {
        self.articles.path().join(format!("{id}.txt"))
    }
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

/// An hour ago: the index vouches for a file this old by its size and time.
fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

#[test]
fn the_index_lives_in_the_data_folder_and_changes_no_output() {
    let s = Setup::new();
    let before: Vec<_> =
        std::fs::read_dir(s.articles.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    let (first, err) = s.list();
    assert_eq!(err, "");
    assert!(s.index_file().starts_with(s.data.path()));
    let after: Vec<_> =
        std::fs::read_dir(s.articles.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "nothing written beside the articles");
    assert_eq!(s.list().0, first, "drawn from the index, the same list");
    assert_eq!(first, s.without_index(&["list", "--format", "json"]));
    for args in [["claims", "--format", "json"], ["timeline", "--format", "json"]] {
        let built = s.ok(&args).0;
        let kept = s.ok(&args).0;
        assert_eq!(built, kept, "{args:?}");
        assert_eq!(kept, s.without_index(&args), "{args:?}");
    }
}

#[test]
fn a_deleted_index_is_rebuilt_with_the_same_list() {
    let s = Setup::new();
    let (first, _) = s.list();
    std::fs::remove_dir_all(s.index_dir()).unwrap();
    let (again, err) = s.list();
    assert_eq!(again, first);
    assert_eq!(err, "", "a missing index is no news");
    s.index_file();
}

#[test]
fn a_corrupt_index_is_rebuilt_with_a_notice() {
    let s = Setup::new();
    let (first, _) = s.list();
    let file = s.index_file();
    // Not a database at all.
    std::fs::write(&file, b"these bytes are no SQLite database, whatever the name says".repeat(100)).unwrap();
    let (again, err) = s.list();
    assert_eq!(again, first);
    assert!(err.contains("rebuilt from the files"), "{err}");
    assert_eq!(s.list(), (first.clone(), String::new()), "the rebuilt index is sound");
    // Its pages scrambled past the header.
    let mut bytes = std::fs::read(&file).unwrap();
    for b in bytes.iter_mut().skip(100) {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    std::fs::write(&file, bytes).unwrap();
    let (again, err) = s.list();
    assert_eq!(again, first, "{err}");
    assert!(err.contains("rebuilt from the files"), "{err}");
    assert_eq!(s.ok(&["claims", "--format", "json"]).0, s.without_index(&["claims", "--format", "json"]));
}

#[test]
fn an_index_of_another_schema_version_is_rebuilt() {
    let s = Setup::new();
    let (first, _) = s.list();
    let file = s.index_file();
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        // What an old version might have left: a table this one does not know.
        conn.execute_batch("CREATE TABLE legacy (x TEXT)").unwrap();
    }
    let (again, err) = s.list();
    assert_eq!(again, first);
    assert!(err.contains("another version of depeche (schema 999)"), "{err}");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, depeche::index::SCHEMA_VERSION);
    let legacy: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'legacy'", [], |r| r.get(0)).unwrap();
    assert_eq!(legacy, 0);
}

#[test]
fn a_file_changed_behind_the_index_is_read_again() {
    let s = Setup::new();
    let id = "2021-03-05_wire_talks";
    let path = s.dispatch(id);
    set_mtime(&path, an_hour_ago());
    let title = |list: &str| {
        let rows: serde_json::Value = serde_json::from_str(list).unwrap();
        let row = rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
        row["title"].as_str().unwrap().to_string()
    };
    assert!(title(&s.list().0).contains("délégations"));

    // A new text, a new time: read again.
    let text = "Genève, 5 mars 2021 (AFP) - Les négociateurs ont quitté la salle vendredi soir sans accord.";
    std::fs::write(&path, text).unwrap();
    set_mtime(&path, an_hour_ago() + Duration::from_secs(60));
    let (list, _) = s.list();
    assert!(title(&list).contains("négociateurs"), "{list}");
    assert_eq!(list, s.without_index(&["list", "--format", "json"]));

    // Changed within moments of its reading, same size and same time: the
    // index is in doubt and compares the bytes.
    let now = SystemTime::now();
    set_mtime(&path, now);
    s.list();
    let same_size = text.replace("négociateurs", "médiateurs!!");
    assert_eq!(same_size.len(), text.len());
    std::fs::write(&path, &same_size).unwrap();
    set_mtime(&path, now);
    let (list, _) = s.list();
    assert!(title(&list).contains("médiateurs"), "{list}");

    // A file gone is gone from the list; its claims from the digests.
    std::fs::remove_file(s.dispatch("2021-03-04_wire_flood-toll")).unwrap();
    let (list, _) = s.list();
    assert!(!list.contains("flood-toll"));
    assert_eq!(s.ok(&["claims", "--format", "json"]).0, s.without_index(&["claims", "--format", "json"]));
}

#[test]
fn the_digests_follow_a_changed_dispatch_and_sidecar() {
    let s = Setup::new();
    let args = ["claims", "--format", "json"];
    s.ok(&args);
    let path = s.dispatch("2021-03-02_wire_port-strike");
    std::fs::write(
        &path,
        "Lisbonne, 2 mars 2021 (AFP) - Selon la police, 3 manifestants ont été tués et 12 blessés mardi près du port.",
    )
    .unwrap();
    set_mtime(&path, an_hour_ago());
    let (claims, _) = s.ok(&args);
    assert!(claims.contains("2021-03-02_wire_port-strike"), "{claims}");
    assert_eq!(claims, s.without_index(&args));
    // A sidecar removed: its accepted claims go, and what the corpus knew.
    let sidecar = std::fs::read_dir(s.articles.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_str().unwrap().ends_with(".ann.jsonl"))
        .unwrap();
    std::fs::remove_file(sidecar).unwrap();
    assert_eq!(s.ok(&args).0, s.without_index(&args));
    assert_eq!(s.ok(&["timeline", "--format", "json"]).0, s.without_index(&["timeline", "--format", "json"]));
}

#[test]
fn processes_on_one_folder_share_its_index() {
    let s = Setup::new();
    let expected = s.without_index(&["list", "--format", "json"]);
    let claims = s.without_index(&["claims", "--format", "json"]);
    let spawn = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .arg(s.articles.path())
            .env("XDG_DATA_HOME", s.data.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Four at once on a folder never indexed: all create, fill and read it.
    let children: Vec<_> = (0..4)
        .map(|i| {
            if i % 2 == 0 {
                spawn(&["list", "--format", "json"])
            } else {
                spawn(&["claims", "--format", "json"])
            }
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert_eq!(err, "", "no process was refused the index");
        let want = if i % 2 == 0 { &expected } else { &claims };
        assert_eq!(&String::from_utf8(o.stdout).unwrap(), want);
    }
    assert_eq!(s.list().0, expected);
}

#[test]
fn search_ignores_case_and_accents_and_follows_the_files() {
    let s = Setup::new();
    let ids = |query: &str| -> Vec<String> {
        let (out, err) = s.ok(&["list", "--format", "json", "--search", query]);
        assert_eq!(err, "");
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids("geneve quota"), ["2021-03-05_wire_talks"]);
    assert_eq!(ids("GENÈVE délégation pêche"), ["2021-03-05_wire_talks"]);
    assert_eq!(ids("lisbonne dockers"), ["2021-03-02_wire_port-strike"]);
    assert!(ids("dockers valencia").is_empty(), "every word is required");
    // Operators of the search syntax are words like the others.
    assert!(ids("dockers OR valencia").is_empty());
    // A changed file is searched as it is now; a file gone is not found.
    let path = s.dispatch("2021-03-05_wire_talks");
    std::fs::write(&path, "Oslo, 5 mars 2021 (AFP) - Les délégations se sont séparées sans accord.").unwrap();
    set_mtime(&path, an_hour_ago());
    assert!(ids("geneve quota").is_empty());
    assert_eq!(ids("oslo"), ["2021-03-05_wire_talks"]);
    std::fs::remove_file(&path).unwrap();
    assert!(ids("oslo").is_empty());
    // Without an index, the same answers from the files.
    let off = s.without_index(&["list", "--format", "json", "--search", "lisbonne dockers"]);
    assert!(off.contains("2021-03-02_wire_port-strike") && !off.contains("wire_talks"), "{off}");
}

#[test]
fn the_index_of_a_folder_gone_is_deleted_when_another_is_made() {
    let data = tempfile::tempdir().unwrap();
    let list = |dir: &Path| {
        let o = Command::new(BIN)
            .args(["list", "--format", "json"])
            .arg(dir)
            .env("XDG_DATA_HOME", data.path())
            .env_remove("DEPECHE_INDEX_DIR")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
    };
    let count = || {
        let files = std::fs::read_dir(data.path().join("depeche/index")).unwrap();
        files.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "sqlite")).count()
    };
    let gone = tempfile::tempdir().unwrap();
    std::fs::write(gone.path().join("a.txt"), "Oslo, 5 mars 2021 (AFP) - Une dépêche.").unwrap();
    list(gone.path());
    assert_eq!(count(), 1);
    drop(gone);
    // A catalog left without its index.
    let orphan = data.path().join("depeche/index/elsewhere-0123456789ab.sqlite.catalog");
    std::fs::write(&orphan, "DPCAT").unwrap();
    let kept = tempfile::tempdir().unwrap();
    std::fs::write(kept.path().join("b.txt"), "Oslo, 6 mars 2021 (AFP) - Une autre.").unwrap();
    list(kept.path());
    assert_eq!(count(), 1, "the index of the folder gone was deleted");
    assert!(!orphan.exists(), "a catalog without its index is deleted");
    let another = tempfile::tempdir().unwrap();
    std::fs::write(another.path().join("c.txt"), "Oslo, 7 mars 2021 (AFP) - Une troisième.").unwrap();
    list(another.path());
    assert_eq!(count(), 2, "the index of a folder still there is kept");
    let left: Vec<String> = std::fs::read_dir(data.path().join("depeche/index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Each index and its catalog (the list as its last scan left it).
    let kinds = left.iter().all(|n| n.ends_with(".sqlite") || n.ends_with(".sqlite.catalog"));
    assert!(kinds && left.len() == 4, "no -wal or -shm file left behind: {left:?}");
}

#[test]
fn what_another_build_read_in_a_file_is_read_again() {
    let s = Setup::new();
    let id = "2021-03-05_wire_talks";
    set_mtime(&s.dispatch(id), an_hour_ago());
    let (first, _) = s.list();
    // What an older depeche read in the file, vouched for by size and time:
    // another title.
    let file = s.index_file();
    let tamper = |program: Option<&str>| {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute(
            "UPDATE dispatch SET title = replace(title, 'délégations', 'DÉLÉGUÉS') WHERE name LIKE '%talks%'",
            [],
        )
        .unwrap();
        if let Some(p) = program {
            conn.execute("UPDATE meta SET value = ?1 WHERE key = 'program'", [p]).unwrap();
        }
    };
    // The same build trusts its own records (what makes the index fast) …
    tamper(None);
    assert!(s.list().0.contains("DÉLÉGUÉS"), "the records of this build are read back");
    // … another build's are read again from the files.
    tamper(Some("0.0.1 1 1"));
    let (again, _) = s.list();
    assert_eq!(again, first);
    assert_eq!(again, s.without_index(&["list", "--format", "json"]));
}
