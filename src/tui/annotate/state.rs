//! What annotate mode keeps in the application: the session, the editor,
//! the quit guard. A plain record, so that the application state holds it
//! without knowing how annotate mode handles keys.

use super::guard::QuitGuard;
use super::session::Session;
use crate::annotation::edit::editor::{Editor, author_name};
use crate::tui::wrap::WrapKey;

/// What annotate mode keeps in the application.
#[derive(Debug)]
pub struct AnnotateState {
    pub session: Option<Session>,
    /// Lives as long as the application: undo spans the whole session.
    pub editor: Editor,
    pub guard: Option<QuitGuard>,
    /// A change waits to be written right after the frame that shows it.
    pub flush_pending: bool,
    /// A save failed: when to try again unasked, and the wait before it
    /// (doubled at each failure: another program may be writing the file,
    /// a full disk may be freed).
    pub retry: Option<(std::time::Instant, std::time::Duration)>,
    /// The dispatches just saved, and when to look that no other program
    /// put an older version over them (`Sidecar::restore_if_overwritten`).
    pub verify: Option<(std::time::Instant, Vec<usize>)>,
    /// The boilerplate spans the article layout was last built with.
    pub(super) tags: Option<(usize, Vec<(usize, usize)>)>,
    /// The layout the session's folded ranges were taken from.
    pub(super) folded_at: Option<WrapKey>,
}

impl Default for AnnotateState {
    fn default() -> Self {
        AnnotateState {
            session: None,
            editor: Editor::new(author_name(None)),
            guard: None,
            flush_pending: false,
            retry: None,
            verify: None,
            tags: None,
            folded_at: None,
        }
    }
}
