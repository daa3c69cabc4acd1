//! What an update asks of the run loop: the disk, and quitting. `update`
//! and annotate mode return these; only the run loop performs them
//! ([`crate::tui::perform`]), so no key writes or reads a file itself. The
//! file reads and writes annotate mode's effects need are here too.

use std::path::{Path, PathBuf};

use crate::annotation::edit::history::FileWrite;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Write the read marks and scroll positions.
    SaveReadState,
    /// Write the sidecar of this article (annotate mode).
    SaveSidecar(usize),
    /// Save every annotation change not yet on disk, once the frame that
    /// shows the change is drawn (annotate mode).
    FlushAnnotations,
    /// Save every annotation change not yet on disk now (quitting).
    SaveNow,
    /// Quit if every change is on disk, else ask what to do (quit guard).
    QuitIfSaved,
    /// Write the unsaved changes to this file, then quit (quit guard).
    SaveElsewhere(PathBuf),
    /// Drop the unsaved changes (their sidecars read again), then quit.
    DiscardAndQuit,
    /// Read the undo history files the editor asks for (entering annotate
    /// mode, a change reaching a dispatch not read yet), write back those
    /// that lost steps, then make the change that waited for them. The
    /// history returns what to read and write; only the run loop does it.
    ReadHistory,
}

/// A file the undo history asks for, as text; `None` when there is none yet.
pub fn read_text(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read the undo history {}: {e}", path.display())),
    }
}

/// Writes each file of `plan` atomically, like every other save (the
/// store's durable write: a crash leaves the old file or the new one), its
/// folder made first. What could not be written, in words.
pub fn write_files(plan: &[FileWrite]) -> Vec<String> {
    let mut failed = Vec::new();
    for w in plan {
        let folder = w.path.parent().filter(|p| !p.as_os_str().is_empty());
        let written =
            folder.map_or(Ok(()), std::fs::create_dir_all).map_err(|e| e.to_string()).and_then(|_| {
                crate::annotation::store::write_atomic(&w.path, &w.bytes).map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            failed.push(format!("{} not written: {e}", w.path.display()));
        }
    }
    failed
}
