//! The digests' rows in the index (`src/index/digests.rs`), through the
//! real binary: kept in their compact form, and whatever an index holds
//! (rows of an older form, of another version, damaged), `claims` and
//! `timeline` print what the files say.

use std::path::{Path, PathBuf};
use std::process::Command;

mod folder;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");

/// A folder of dispatches (the bundled ones, and two of our own without a
/// sidecar) and a data folder of its own for the index.
struct Setup {
    articles: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let own = [
            (
                "2022-05-10_wire_dam",
                "Porto, 10 mai 2022 (AFP) - Selon la protection civile portugaise, 12 personnes ont été tuées mardi par la rupture d'un barrage près de Porto.",
            ),
            (
                "2022-05-11_wire_dam-toll",
                "Porto, May 11, 2022 (Reuters) - Regional authorities said 15 people were killed when the dam gave way on Tuesday near Porto.",
            ),
        ];
        Setup { articles: folder::bundled_and(&own), data: tempfile::tempdir().unwrap() }
    }

    /// stdout and stderr of a command that must succeed; `index` false:
    /// with no index at all (what the files say).
    fn run(&self, args: &[&str], index: bool) -> (String, String) {
        let mut cmd = Command::new(BIN);
        cmd.args(args).arg(self.articles.path()).env("XDG_DATA_HOME", self.data.path());
        if index {
            cmd.env_remove("DEPECHE_INDEX_DIR");
        } else {
            cmd.env("DEPECHE_INDEX_DIR", "off");
        }
        let o = cmd.output().expect("the binary runs");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        (String::from_utf8(o.stdout).unwrap(), err)
    }

    /// The one index file of the folder.
    fn index_file(&self) -> PathBuf {
        let dir = self.data.path().join("depeche").join("index");
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }
}

const DIGESTS: [&[&str]; 4] = [
    &["claims", "--format", "json"],
    &["claims", "--format", "csv", "--as-of", "2021-06-01"],
    &["timeline", "--format", "json"],
    &["timeline", "--as-of", "2021-06-01"],
];

/// The digests' outputs, through the index or without one.
fn digests(s: &Setup, index: bool) -> Vec<String> {
    DIGESTS.iter().map(|args| s.run(args, index).0).collect()
}

/// How many digest rows the index holds, and how many of them are in the
/// compact form (a blob, not JSON text).
fn rows(file: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.query_row(
        "SELECT count(*), count(CASE WHEN typeof(rows) = 'blob' THEN 1 END) FROM digest",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

/// A digest row as the index of schema 2 kept it: JSON annotations.
const OLD_ROWS: &str = r#"[{"k":"claim","l":"CLAIM","t":"suggested","s":0,"e":9,"x":"12 tués","a":{"claimant":"un ancien","count_low":99}}]"#;

#[test]
fn an_index_with_rows_of_the_old_form_is_rebuilt_and_the_digests_are_the_files() {
    let s = Setup::new();
    let truth = digests(&s, false);
    assert!(truth[0].contains("protection civile"), "{}", truth[0]);
    assert_eq!(digests(&s, true), truth, "a first indexing");
    let file = s.index_file();
    let (n, compact) = rows(&file);
    assert!(n > 0 && compact == n, "every row kept in the compact form: {compact} of {n}");
    // What schema 2 left: its version, its rows as JSON text.
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute("UPDATE digest SET rows = ?1", [OLD_ROWS]).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let (claims, err) = s.run(DIGESTS[0], true);
    assert_eq!(claims, truth[0]);
    assert!(err.contains("another version of depeche (schema 2)"), "{err}");
    assert_eq!(digests(&s, true), truth, "the rebuilt index");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, depeche::index::SCHEMA_VERSION);
    assert_eq!(rows(&file), (n, n));
}

#[test]
fn rows_the_index_cannot_read_are_made_again() {
    let s = Setup::new();
    let truth = digests(&s, false);
    assert_eq!(digests(&s, true), truth);
    let file = s.index_file();
    let (n, _) = rows(&file);
    // Rows of this version, damaged: JSON text, cut short, another format.
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let names: Vec<String> = {
            let mut stmt = conn.prepare("SELECT name FROM digest ORDER BY name").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        for (i, name) in names.iter().enumerate() {
            match i % 3 {
                0 => conn.execute("UPDATE digest SET rows = ?1 WHERE name = ?2", (OLD_ROWS, name)).unwrap(),
                1 => conn
                    .execute(
                        "UPDATE digest SET rows = substr(rows, 1, length(rows) / 2) WHERE name = ?1",
                        [name],
                    )
                    .unwrap(),
                _ => conn.execute("UPDATE digest SET rows = x'ff00' WHERE name = ?1", [name]).unwrap(),
            };
        }
    }
    assert_eq!(digests(&s, true), truth, "the rows made again");
    assert_eq!(rows(&file), (n, n), "and stored over the damaged ones");
    assert_eq!(digests(&s, true), truth, "then read from the index");
}
