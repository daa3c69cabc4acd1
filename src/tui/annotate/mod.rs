//! Annotate mode in the terminal: a thin layer over the editing model of
//! [`crate::annotation::edit`] (changes, history, marks, motions, commands).
//! Here are only what a terminal needs: the annotate layer of the one keymap
//! ([`keys`]), the forms that ask for a claim's or an event's fields, the
//! quit guard, what annotate mode keeps in the app ([`state`]), the glue
//! from keys to commands and effects ([`glue`]), and drawing ([`view`]).
//! How to use it: docs/annotating.md.

pub mod forms;
pub mod glue;
pub mod guard;
pub mod keys;
pub mod said;
pub mod session;
pub mod state;
pub mod view;
