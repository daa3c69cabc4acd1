//! Annotate mode: a keyboard cursor snapping to words, a selection grown and
//! shrunk at either edge, one key per label, suggestions accepted or
//! rejected, forms for claims, events and metadata, undo and redo, every
//! change saved at once (DESIGN.md §5).

pub mod forms;
pub mod glue;
pub mod guard;
pub mod keys;
pub mod session;
pub mod state;
pub mod view;
