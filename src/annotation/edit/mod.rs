//! The editing model, with no terminal in it: changes and their inverse,
//! the editor that applies them (undo and redo across restarts), the index
//! of what is marked where, the cursor's motions and the selection, and the
//! commands a key can name. The terminal (`tui::annotate`) only maps keys to
//! these and draws.

pub mod action;
pub mod change;
pub mod editor;
pub mod history;
pub mod index;
pub mod motions;
pub mod refusal;
pub mod selection;
pub mod session;
