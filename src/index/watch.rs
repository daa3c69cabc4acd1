//! A live folder: a watcher (`notify`) on the opened folder, whose thread
//! reads again each dispatch written, changed or removed (and brings the
//! index's records up to it), then hands the articles over. The reader
//! takes them in between keys.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// Changes come in bursts (a file created, then written; a batch copied
/// in): they are read once the folder is quiet this long…
const QUIET: Duration = Duration::from_millis(60);
/// …or after this long at most.
const AT_MOST: Duration = Duration::from_millis(300);

pub use super::scan::Change;

/// What a start took unseen and is to be checked after its first frame.
#[derive(Clone)]
pub enum Check {
    Nothing,
    /// The index's records, taken without a stat of their files
    /// (`scan::unvouched`).
    Records,
    /// The index's catalog, taken without a listing of the folder
    /// (`catalog::check`): files new, gone, changed, sidecars come or gone.
    Catalog(std::sync::Arc<super::catalog::Catalog>),
}

/// A watched folder.
pub struct Watch {
    changes: mpsc::Receiver<Vec<Change>>,
    // Watching stops when it is dropped.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Watch {
    /// Watches `dir` (not its subfolders). What a start took from the index
    /// unseen (`check`) is checked first, and what changed comes as
    /// changes. `None` when the system will not watch and there is nothing
    /// to check (the folder is then read at each start only).
    pub fn start(dir: &Path, check: Check) -> Option<Watch> {
        let root = dir.canonicalize().ok()?;
        let (seen, names) = mpsc::channel::<PathBuf>();
        // Watching before the check: a change made while it runs is seen.
        let watcher = watcher(&root, seen);
        if watcher.is_none() && matches!(check, Check::Nothing) {
            return None;
        }
        let (tell, changes) = mpsc::channel();
        std::thread::Builder::new()
            .name("watch".into())
            .spawn(move || {
                // Said even when nothing changed: the check is over.
                let checked = match check {
                    Check::Nothing => None,
                    Check::Records => Some(super::scan::recheck(&root, &super::scan::unvouched(&root))),
                    Check::Catalog(catalog) => Some(super::check::catalog(&root, &catalog)),
                };
                if checked.is_some_and(|c| tell.send(c).is_err()) {
                    return;
                }
                while let Ok(first) = names.recv() {
                    let mut batch = BTreeSet::new();
                    let started = Instant::now();
                    let mut next = Some(first);
                    while let Some(p) = next {
                        if let Some(name) = dispatch_name(&root, &p) {
                            batch.insert(name);
                        }
                        next = match AT_MOST.checked_sub(started.elapsed()) {
                            Some(left) => names.recv_timeout(QUIET.min(left)).ok(),
                            None => None,
                        };
                    }
                    if batch.is_empty() {
                        continue;
                    }
                    let names: Vec<OsString> = batch.into_iter().collect();
                    if tell.send(super::scan::reread(&root, &names)).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Watch { changes, _watcher: watcher })
    }

    /// The changes read since the last call (oldest first).
    pub fn changes(&self) -> Vec<Change> {
        self.changes.try_iter().flatten().collect()
    }

    /// Waits up to `wait` for changes (tests).
    pub fn wait(&self, wait: Duration) -> Vec<Change> {
        let mut got: Vec<Change> = self.changes.recv_timeout(wait).into_iter().flatten().collect();
        got.extend(self.changes());
        got
    }
}

/// A watcher of the folder `root` that sends the paths of what changes.
fn watcher(root: &Path, seen: mpsc::Sender<PathBuf>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for p in event.paths {
            let _ = seen.send(p);
        }
    })
    .ok()?;
    watcher.watch(root, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}

/// The file name of a dispatch directly in `root` (`NAME.txt`, not hidden).
fn dispatch_name(root: &Path, path: &Path) -> Option<OsString> {
    let name = path.file_name()?;
    let in_root = path.parent().is_some_and(|p| p == root || p.canonicalize().is_ok_and(|p| p == root));
    (in_root && crate::corpus::is_dispatch_name(path)).then(|| name.to_os_string())
}
