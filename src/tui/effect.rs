//! What an update asks of the run loop: the disk, and quitting. `update`
//! and annotate mode return these; only the run loop performs them
//! ([`crate::tui::perform`]), so no key writes or reads a file itself.

use std::path::PathBuf;

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
