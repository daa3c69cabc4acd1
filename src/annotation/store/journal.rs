//! Several files of the articles folder replaced together, or none of them
//! (an import touching many sidecars): every new file is first written
//! beside its target as a temporary file and flushed to disk, then the plan
//! (temporary, target, the target's hash before and after) is recorded in
//! a journal written atomically, then the temporaries are renamed over
//! their targets and the journal removed.
//!
//! A crash before the journal exists leaves only temporaries: nothing was
//! replaced, and they are removed when depeche next opens the folder (the
//! change is rolled back). A crash after it leaves a journal whose every
//! temporary is whole: the next opening renames those still waiting (rolled
//! forward), never over a file another program changed meanwhile.
//!
//! Stale temporaries are recognised by name (`.NAME.XXXXXX.tmp`, NAME a
//! sidecar, `labels.toml`, `claimants.toml` or the journal: the names
//! depeche's atomic writes use) and age (older than this process by a
//! minute), so that a save under way in another process is never touched.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::sha256_hex;
use super::write::{Step as WriteStep, WriteFailure, lock_folder, write_atomic};
/// The journal of a commit under way, in the folder it changes.
pub use crate::corpus::JOURNAL;

/// A temporary file younger than this before the process started may be
/// another process's save under way.
const GRACE: Duration = Duration::from_secs(60);

/// The largest file a journal replaces or checks (a sidecar's limit).
const MAX_FILE: u64 = crate::bounded::MAX_SIDECAR;

static STARTED: LazyLock<SystemTime> = LazyLock::new(SystemTime::now);

/// When this process first looked at a folder: temporaries older than that
/// (by [`GRACE`]) are left by a process that is gone.
pub fn stale_before() -> SystemTime {
    STARTED.checked_sub(GRACE).unwrap_or(SystemTime::UNIX_EPOCH)
}

/// One file of the folder to replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// A plain file name in the folder.
    pub name: String,
    pub bytes: Vec<u8>,
    /// The SHA-256 the file must still have (`None`: it must not exist), so
    /// that a change made by another program since it was read is never
    /// overwritten.
    pub before: Option<String>,
}

/// The points between the steps of a commit, where a test can stop it as a
/// crash would, or make it fail as a full disk would; in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// The temporary file of the replacement `i` is written and flushed.
    Temporary(usize),
    /// The plan is recorded.
    Journal,
    /// The replacement `i` is in place.
    Rename(usize),
}

/// What a test hook makes of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Go,
    /// Stop there, leaving the files as a killed process would.
    Crash,
    /// Fail there with this error, as the file system would.
    Fail(io::ErrorKind),
}

#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error("{name} was changed by another program since it was read")]
    Changed { name: String },
    #[error("{name}: {failure}")]
    Write { name: String, failure: WriteFailure },
    #[error(
        "{name}: {failure}; {done} of {total} files were replaced, the rest is recorded and \
         depeche completes it when it next opens the folder"
    )]
    Interrupted { name: String, failure: WriteFailure, done: usize, total: usize },
    #[error("stopped at {0:?} as a crash would")]
    Crashed(Step),
}

#[derive(Debug, Serialize, Deserialize)]
struct Plan {
    format: String,
    entries: Vec<Entry>,
}

const PLAN_FORMAT: &str = "depeche-journal-1";

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    temp: String,
    target: String,
    before: Option<String>,
    after: String,
}

/// Replaces the files of `dir` named in `changes` all together.
pub fn commit(dir: &Path, changes: &[Replacement]) -> Result<(), CommitError> {
    commit_with(dir, changes, &mut |_| Fault::Go)
}

/// [`commit`], asking `hook` at each step whether to go on.
pub fn commit_with(
    dir: &Path,
    changes: &[Replacement],
    hook: &mut dyn FnMut(Step) -> Fault,
) -> Result<(), CommitError> {
    let _turn = lock_folder(&dir.join(JOURNAL));
    for c in changes {
        let now = hash_of(&dir.join(&c.name)).map_err(|source| CommitError::Write {
            name: c.name.clone(),
            failure: WriteFailure { step: WriteStep::Check, source },
        })?;
        if now != c.before {
            return Err(CommitError::Changed { name: c.name.clone() });
        }
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let discard = |temps: &[PathBuf]| temps.iter().for_each(|t| drop(std::fs::remove_file(t)));
    for (i, c) in changes.iter().enumerate() {
        let written = write_temporary(dir, c).and_then(|t| {
            temps.push(t);
            fault(hook(Step::Temporary(i)), WriteStep::Write)
        });
        if let Err(e) = written {
            return Err(match e {
                Stop::Crash => CommitError::Crashed(Step::Temporary(i)),
                Stop::Fail(failure) => {
                    discard(&temps);
                    CommitError::Write { name: c.name.clone(), failure }
                }
            });
        }
    }
    let plan = Plan {
        format: PLAN_FORMAT.into(),
        entries: changes
            .iter()
            .zip(&temps)
            .map(|(c, t)| Entry {
                temp: file_name(t),
                target: c.name.clone(),
                before: c.before.clone(),
                after: sha256_hex(&c.bytes),
            })
            .collect(),
    };
    let bytes = serde_json::to_vec(&plan).expect("a plan serialises");
    let recorded = write_atomic(&dir.join(JOURNAL), &bytes)
        .map_err(Stop::Fail)
        .and_then(|()| fault(hook(Step::Journal), WriteStep::Write));
    match recorded {
        Ok(()) => {}
        Err(Stop::Crash) => return Err(CommitError::Crashed(Step::Journal)),
        Err(Stop::Fail(failure)) => {
            let _ = std::fs::remove_file(dir.join(JOURNAL));
            discard(&temps);
            return Err(CommitError::Write { name: JOURNAL.into(), failure });
        }
    }
    for (i, (c, t)) in changes.iter().zip(&temps).enumerate() {
        let renamed = std::fs::rename(t, dir.join(&c.name))
            .map_err(|source| Stop::Fail(WriteFailure { step: WriteStep::Rename, source }))
            .and_then(|()| fault(hook(Step::Rename(i)), WriteStep::Rename));
        match renamed {
            Ok(()) => {}
            Err(Stop::Crash) => return Err(CommitError::Crashed(Step::Rename(i))),
            Err(Stop::Fail(failure)) => {
                return Err(CommitError::Interrupted {
                    name: c.name.clone(),
                    failure,
                    done: i,
                    total: changes.len(),
                });
            }
        }
    }
    sync_folder(dir);
    let _ = std::fs::remove_file(dir.join(JOURNAL));
    sync_folder(dir);
    Ok(())
}

enum Stop {
    Crash,
    Fail(WriteFailure),
}

fn fault(f: Fault, step: WriteStep) -> Result<(), Stop> {
    match f {
        Fault::Go => Ok(()),
        Fault::Crash => Err(Stop::Crash),
        Fault::Fail(kind) => Err(Stop::Fail(WriteFailure { step, source: kind.into() })),
    }
}

/// Writes `c` to a new temporary file beside its target, flushed to disk,
/// with the target's permissions (or the usual 0644).
fn write_temporary(dir: &Path, c: &Replacement) -> Result<PathBuf, Stop> {
    let at = |step| move |source| Stop::Fail(WriteFailure { step, source });
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", c.name))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(at(WriteStep::CreateTemp))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(dir.join(&c.name)) {
            Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
            _ => 0o644,
        };
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(at(WriteStep::Write))?;
    }
    tmp.write_all(&c.bytes).map_err(at(WriteStep::Write))?;
    tmp.as_file().sync_all().map_err(at(WriteStep::Sync))?;
    tmp.into_temp_path().keep().map_err(|e| at(WriteStep::CreateTemp)(e.error))
}

/// The SHA-256 of a file's bytes, `None` when there is no such file.
fn hash_of(path: &Path) -> io::Result<Option<String>> {
    Ok(crate::bounded::read(path, MAX_FILE)?.map(|b| sha256_hex(&b)))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn sync_folder(dir: &Path) {
    // Some file systems refuse to sync a folder: the data is written anyway.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether a file name is one of depeche's temporary files:
/// `.NAME.XXXXXX.tmp`, NAME a file depeche writes in the articles folder.
pub fn is_temporary_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else { return false };
    let Some((target, random)) = inner.rsplit_once('.') else { return false };
    let ours = target.ends_with(".ann.jsonl") || matches!(target, "labels.toml" | "claimants.toml" | JOURNAL);
    ours && random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a folder listing holds something [`recover`] must look at.
pub fn needs_recovery(mut names: impl Iterator<Item = OsString>) -> bool {
    names.any(|n| n.to_str().is_some_and(|n| n == JOURNAL || is_temporary_name(n)))
}

/// Finishes a commit a crash interrupted (its journal) and removes stale
/// temporaries (older than `stale_before`). What it did, for the user to
/// read: (the file concerned, a sentence); the journal's own path marks the
/// one piece of news that is no problem, a completed import.
pub fn recover(dir: &Path, stale_before: SystemTime) -> Vec<(PathBuf, String)> {
    let _turn = lock_folder(&dir.join(JOURNAL));
    let mut said = Vec::new();
    let journal = dir.join(JOURNAL);
    let finished = match crate::bounded::read(&journal, crate::bounded::MAX_SETTINGS) {
        Ok(None) => true,
        Ok(Some(bytes)) => match serde_json::from_slice::<Plan>(&bytes) {
            Ok(plan) if plan.format == PLAN_FORMAT => roll_forward(dir, &plan, &mut said),
            _ => {
                said.push((
                    dir.to_path_buf(),
                    format!("{JOURNAL} is not a journal depeche can read; it was left as it is"),
                ));
                false
            }
        },
        Err(e) => {
            said.push((dir.to_path_buf(), format!("cannot read {JOURNAL}: {e}")));
            false
        }
    };
    // The temporaries of a journal still waiting are not stale.
    if finished && let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let stale = e.file_name().to_str().is_some_and(is_temporary_name)
                && e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < stale_before);
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    said
}

/// Renames the temporaries of `plan` still waiting, then removes the
/// journal; whether it got that far.
fn roll_forward(dir: &Path, plan: &Plan, said: &mut Vec<(PathBuf, String)>) -> bool {
    let plain = |n: &str| !n.is_empty() && n != "." && n != ".." && !n.contains(['/', '\\']);
    let mut placed = 0;
    for e in &plan.entries {
        if !plain(&e.temp) || !plain(&e.target) {
            continue; // not written by depeche: never followed out of the folder
        }
        let (temp, target) = (dir.join(&e.temp), dir.join(&e.target));
        if !temp.exists() {
            placed += 1; // renamed before the crash
            continue;
        }
        match hash_of(&target) {
            Ok(now) if now == e.before || now.as_deref() == Some(e.after.as_str()) => {
                if let Err(err) = std::fs::rename(&temp, &target) {
                    let m = format!(
                        "an interrupted import cannot be completed yet ({err}); depeche tries again next time"
                    );
                    said.push((target, m));
                    return false;
                }
                placed += 1;
            }
            _ => {
                let _ = std::fs::remove_file(&temp);
                let m = "changed by another program after an import was interrupted: the import's version of it was dropped";
                said.push((target, m.into()));
            }
        }
    }
    sync_folder(dir);
    let _ = std::fs::remove_file(dir.join(JOURNAL));
    sync_folder(dir);
    let done = format!(
        "an import interrupted before it finished was completed ({placed} of {} files in place)",
        plan.entries.len()
    );
    said.insert(0, (dir.join(JOURNAL), done));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn change(name: &str, bytes: &str, before: Option<&str>) -> Replacement {
        Replacement {
            name: name.into(),
            bytes: bytes.into(),
            before: before.map(|b| sha256_hex(b.as_bytes())),
        }
    }

    const FUTURE: Duration = Duration::from_secs(3600);

    #[test]
    fn temporary_names_are_recognised() {
        assert!(is_temporary_name(".a.ann.jsonl.Ab3xYz.tmp"));
        assert!(is_temporary_name(".labels.toml.000000.tmp"));
        assert!(!is_temporary_name(".a.txt.Ab3xYz.tmp"), "not a file depeche writes");
        assert!(!is_temporary_name("a.ann.jsonl.Ab3xYz.tmp"), "not hidden");
        assert!(!is_temporary_name(".a.ann.jsonl.tmp"));
    }

    /// Every point a crash can stop a commit at, then recovery: each file
    /// is wholly before or wholly after, all of them the same, and no
    /// temporary file or journal is left.
    #[test]
    fn a_crash_at_any_step_leaves_all_or_none_after_recovery() {
        let steps = [
            Step::Temporary(0),
            Step::Temporary(1),
            Step::Temporary(2),
            Step::Journal,
            Step::Rename(0),
            Step::Rename(1),
            Step::Rename(2),
        ];
        for crash_at in steps {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("a.ann.jsonl"), "old a\n").unwrap();
            std::fs::write(dir.path().join("b.ann.jsonl"), "old b\n").unwrap();
            let changes = [
                change("a.ann.jsonl", "new a\n", Some("old a\n")),
                change("b.ann.jsonl", "new b\n", Some("old b\n")),
                change("c.ann.jsonl", "new c\n", None),
            ];
            let r = commit_with(dir.path(), &changes, &mut |s| {
                if s == crash_at { Fault::Crash } else { Fault::Go }
            });
            assert!(matches!(r, Err(CommitError::Crashed(s)) if s == crash_at), "{r:?}");
            recover(dir.path(), SystemTime::now() + FUTURE);
            let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).ok();
            let state = (read("a.ann.jsonl"), read("b.ann.jsonl"), read("c.ann.jsonl"));
            let before = (Some("old a\n".to_string()), Some("old b\n".to_string()), None);
            let after =
                (Some("new a\n".to_string()), Some("new b\n".to_string()), Some("new c\n".to_string()));
            let rolled_forward = crash_at >= Step::Journal;
            assert_eq!(state, if rolled_forward { after } else { before }, "crash at {crash_at:?}");
            assert_eq!(
                listing(dir.path()),
                if rolled_forward {
                    vec!["a.ann.jsonl", "b.ann.jsonl", "c.ann.jsonl"]
                } else {
                    vec!["a.ann.jsonl", "b.ann.jsonl"]
                }
            );
        }
    }

    #[test]
    fn recovery_never_overwrites_a_file_changed_since_and_young_temporaries_stay() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ann.jsonl"), "old a\n").unwrap();
        let changes = [change("a.ann.jsonl", "new a\n", Some("old a\n"))];
        let r = commit_with(dir.path(), &changes, &mut |s| {
            if s == Step::Journal { Fault::Crash } else { Fault::Go }
        });
        assert!(r.is_err());
        std::fs::write(dir.path().join("a.ann.jsonl"), "edited by hand\n").unwrap();
        let young = dir.path().join(".b.ann.jsonl.Zz9Zz9.tmp");
        std::fs::write(&young, "a save under way").unwrap();
        let said = recover(dir.path(), SystemTime::now() - FUTURE);
        assert!(
            said.iter().any(|(p, s)| p.ends_with("a.ann.jsonl") && s.contains("changed by another program")),
            "{said:?}"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("a.ann.jsonl")).unwrap(), "edited by hand\n");
        assert!(young.exists(), "a temporary younger than the process may be another's save");
        assert!(!dir.path().join(JOURNAL).exists());
    }

    #[test]
    fn a_change_made_since_reading_refuses_the_commit_and_a_failure_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ann.jsonl"), "changed\n").unwrap();
        let changes =
            [change("a.ann.jsonl", "new a\n", Some("old a\n")), change("b.ann.jsonl", "new b\n", None)];
        assert!(matches!(commit(dir.path(), &changes), Err(CommitError::Changed { .. })));
        std::fs::write(dir.path().join("a.ann.jsonl"), "old a\n").unwrap();
        let full =
            |s| if s == Step::Temporary(1) { Fault::Fail(io::ErrorKind::StorageFull) } else { Fault::Go };
        let err = commit_with(dir.path(), &changes, &mut { full }).unwrap_err().to_string();
        assert!(err.contains("the disk is full"), "{err}");
        assert_eq!(listing(dir.path()), ["a.ann.jsonl"]);
        commit(dir.path(), &changes).unwrap();
        assert_eq!(listing(dir.path()), ["a.ann.jsonl", "b.ann.jsonl"]);
    }
}
