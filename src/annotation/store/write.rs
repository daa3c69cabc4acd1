//! Atomic, durable replacement of a file: a temporary file in the same
//! folder, written and fsynced, renamed over the target, then the folder
//! fsynced, so that a crash or a power cut leaves either the old file or the
//! new one, never a mix, and a save that said "saved" survives a power cut.
//!
//! Every step that touches the disk goes through a [`FileLayer`]: the real
//! one is `std::fs`; tests install one that fails a chosen step
//! ([`with_layer`]) so that every failure path runs in CI.

use std::cell::RefCell;
use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::rc::Rc;

/// The step of an atomic write that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Sync,
    Check,
    Rename,
    /// After the rename: the new file is in place, but the folder entry may
    /// not survive a power cut.
    SyncFolder,
}

/// The disk operations of an atomic write. The defaults are `std::fs`; a
/// test overrides one to make it fail.
pub trait FileLayer {
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    /// Puts the file `from` at `to` only if nothing is there: `Ok(false)`
    /// when a file appeared there (another program created it since it was
    /// found missing: a rename would overwrite it). A hard link does that
    /// in one step; where the file system has none, a rename.
    fn place_new(&self, from: &Path, to: &Path) -> io::Result<bool> {
        match std::fs::hard_link(from, to) {
            Ok(()) => {
                // Left behind if this fails: a temporary file by its name,
                // removed at a later start.
                let _ = std::fs::remove_file(from);
                Ok(true)
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            // No hard links here, or a reason the rename will say too.
            Err(_) => self.rename(from, to).map(|()| true),
        }
    }

    fn sync_folder(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }
}

/// The real disk.
pub struct StdFs;

impl FileLayer for StdFs {}

thread_local! {
    static LAYER: RefCell<Option<Rc<dyn FileLayer>>> = const { RefCell::new(None) };
}

/// Runs `f` with every atomic write of this thread going through `layer`
/// (fault injection in tests); the previous layer is restored afterwards,
/// also when `f` panics.
pub fn with_layer<R>(layer: impl FileLayer + 'static, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<dyn FileLayer>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let old = self.0.take();
            LAYER.with(|l| *l.borrow_mut() = old);
        }
    }
    let old = LAYER.with(|l| l.borrow_mut().replace(Rc::new(layer)));
    let _restore = Restore(old);
    f()
}

fn layer() -> Rc<dyn FileLayer> {
    LAYER.with(|l| l.borrow().clone()).unwrap_or_else(|| Rc::new(StdFs))
}

/// Why an atomic write failed. Before [`Step::SyncFolder`] the target was
/// left as it was; at that step it holds the new bytes.
#[derive(Debug)]
pub struct WriteFailure {
    pub step: Step,
    pub source: io::Error,
}

impl WriteFailure {
    fn at(step: Step) -> impl FnOnce(io::Error) -> WriteFailure {
        move |source| WriteFailure { step, source }
    }

    /// Whether the target already holds the new bytes (only the last flush
    /// failed).
    pub fn replaced(&self) -> bool {
        self.step == Step::SyncFolder
    }
}

impl fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use io::ErrorKind as K;
        let reason = match self.source.kind() {
            K::PermissionDenied | K::ReadOnlyFilesystem => "the folder is not writable".to_string(),
            K::StorageFull | K::QuotaExceeded => "the disk is full".to_string(),
            K::IsADirectory => "a folder has that name".to_string(),
            K::NotFound if self.step == Step::CreateTemp => "the folder no longer exists".to_string(),
            _ => self.source.to_string(),
        };
        let what = match self.step {
            Step::CreateTemp => "a temporary file cannot be created beside it",
            Step::Write => "the temporary file cannot be written",
            Step::Sync => "the temporary file cannot be flushed to disk",
            Step::Check => "the file on disk cannot be checked before replacing it",
            Step::Rename => "the temporary file cannot replace it",
            Step::SyncFolder => {
                "it was replaced but its folder cannot be flushed to disk, so a power cut may undo it"
            }
        };
        write!(f, "{what} ({reason})")
    }
}

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteFailure> {
    write_atomic_checked(path, bytes, || Ok(true)).map(|_| ())
}

/// Replaces `path` with `bytes` atomically and durably. `before_rename` runs
/// once the new bytes are safely on disk in the temporary file, just before
/// the rename: when it answers `false` (the target changed meanwhile) or
/// fails, the temporary file is removed, the target is left untouched and
/// `Ok(false)` or the error is returned.
pub fn write_atomic_checked(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<bool>,
) -> Result<bool, WriteFailure> {
    write_placed(path, bytes, Place::Replace(Box::new(before_rename)))
}

/// Writes `bytes` as the new file `path` atomically and durably, unless a
/// file appeared there meanwhile: then nothing is written and `Ok(false)`
/// is returned.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> Result<bool, WriteFailure> {
    write_placed(path, bytes, Place::New)
}

/// How the written temporary file takes the target's name.
enum Place<'a> {
    /// Over the file there, once the check says it is still the one expected.
    Replace(Box<dyn FnOnce() -> io::Result<bool> + 'a>),
    /// Only where no file is.
    New,
}

fn write_placed(path: &Path, bytes: &[u8], place: Place) -> Result<bool, WriteFailure> {
    let fs = layer();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A leftover of a crash is recognisable and never taken for a sidecar.
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(WriteFailure::at(Step::CreateTemp))?;
    // From here on, dropping `temp_path` removes the temporary file.
    let (mut file, mut temp_path) = tmp.into_parts();
    keep_permissions(path, &file).map_err(WriteFailure::at(Step::Write))?;
    fs.write(&mut file, bytes).map_err(WriteFailure::at(Step::Write))?;
    // The bytes reach the disk before the name does: a crash after the
    // rename can never leave an empty or partial file under the name.
    fs.sync_file(&file).map_err(WriteFailure::at(Step::Sync))?;
    drop(file);
    let placed = match place {
        Place::Replace(before_rename) => {
            if !before_rename().map_err(WriteFailure::at(Step::Check))? {
                return Ok(false);
            }
            fs.rename(&temp_path, path).map(|()| true)
        }
        Place::New => fs.place_new(&temp_path, path),
    };
    if !placed.map_err(WriteFailure::at(Step::Rename))? {
        return Ok(false);
    }
    // Renamed: the temporary name no longer exists, nothing to remove.
    temp_path.disable_cleanup(true);
    // The rename lives in the folder: syncing it makes the save survive a
    // power cut. (Syncing the folder before the rename would add nothing:
    // only the rename's entry matters.) File systems that cannot sync a
    // folder say so with EINVAL; on them the data is written anyway.
    match fs.sync_folder(dir) {
        Ok(()) => Ok(true),
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(true),
        Err(e) => Err(WriteFailure { step: Step::SyncFolder, source: e }),
    }
}

/// An exclusive advisory lock on the folder of `path`, held until the
/// returned handle drops. `None` where the folder cannot be locked (some
/// network file systems): saving then relies on the check before the rename.
pub fn lock_folder(path: &Path) -> Option<std::fs::File> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let handle = std::fs::File::open(dir).ok()?;
    handle.lock().ok()?;
    Some(handle)
}

/// The new file gets the old one's permissions (a temporary file is 0600),
/// or the usual 0644 for a new file.
fn keep_permissions(path: &Path, file: &std::fs::File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
            _ => 0o644,
        };
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, file);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn the_folder_lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.ann.jsonl");
        let held = lock_folder(&target).expect("a local folder can be locked");
        let other = std::fs::File::open(dir.path()).unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.jsonl");
        std::fs::write(&p, "old\n").unwrap();
        write_atomic(&p, b"new\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.jsonl");
        std::fs::write(&p, "old\n").unwrap();
        let err = write_atomic_checked(&p, b"new\n", || Err(io::Error::other("power cut"))).unwrap_err();
        assert_eq!(err.step, Step::Check);
        assert_eq!(std::fs::read(&p).unwrap(), b"old\n");
        assert!(leftovers(dir.path()).is_empty());
        assert!(!write_atomic_checked(&p, b"new\n", || Ok(false)).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"old\n");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.jsonl");
        std::fs::write(&p, "old\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new\n").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_folder_in_the_way_is_a_rename_failure_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.jsonl");
        std::fs::create_dir(&p).unwrap();
        let err = write_atomic(&p, b"new\n").unwrap_err();
        assert_eq!(err.step, Step::Rename);
        assert!(err.to_string().starts_with("the temporary file cannot replace it"), "{err}");
        assert!(leftovers(dir.path()).is_empty());
    }
}
