//! Atomic replacement of a file: a temporary file in the same folder,
//! written and fsynced, renamed over the target, then the folder fsynced, so
//! that a crash leaves either the old file or the new one, never a mix.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

/// The step of an atomic write that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Sync,
    Check,
    Rename,
}

/// Why an atomic write failed; the target was left as it was.
#[derive(Debug)]
pub struct WriteFailure {
    pub step: Step,
    pub source: io::Error,
}

impl WriteFailure {
    fn at(step: Step) -> impl FnOnce(io::Error) -> WriteFailure {
        move |source| WriteFailure { step, source }
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
        };
        write!(f, "{what} ({reason})")
    }
}

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteFailure> {
    write_atomic_checked(path, bytes, || Ok(true)).map(|_| ())
}

/// Replaces `path` with `bytes` atomically. `before_rename` runs once the new
/// bytes are safely in the temporary file, just before the rename: when it
/// answers `false` (the target changed meanwhile) or fails, the temporary
/// file is removed, the target is left untouched and `Ok(false)` or the error
/// is returned.
pub fn write_atomic_checked(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<bool>,
) -> Result<bool, WriteFailure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A leftover of a crash is recognisable and never taken for a sidecar.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(WriteFailure::at(Step::CreateTemp))?;
    keep_permissions(path, tmp.as_file()).map_err(WriteFailure::at(Step::Write))?;
    tmp.write_all(bytes).map_err(WriteFailure::at(Step::Write))?;
    tmp.as_file().sync_all().map_err(WriteFailure::at(Step::Sync))?;
    if !before_rename().map_err(WriteFailure::at(Step::Check))? {
        return Ok(false);
    }
    tmp.persist(path).map_err(|e| WriteFailure { step: Step::Rename, source: e.error })?;
    // The rename is done; syncing the folder makes it survive a power cut.
    // Some file systems refuse to sync a folder: the data is written anyway.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(true)
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
