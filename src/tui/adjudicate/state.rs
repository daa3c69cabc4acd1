//! What adjudicate mode keeps in the application, apart from the mode's
//! code: the application holds it without depending on the mode.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::team::adjudicate::{Choices, Disagreement, Progress};

/// What a dispatch's disagreements were found at: (article, app revision,
/// editor revision).
pub(super) type FoundAt = (usize, u64, u64);

/// A dispatch's progress with what it was counted at: (app revision,
/// editor revision).
type Counted = ((u64, u64), Progress);

/// What adjudicate mode keeps in the application.
#[derive(Debug, Default)]
pub struct AdjudicateState {
    /// The disagreement in focus: its place in the current dispatch's list.
    pub focus: usize,
    /// The current dispatch's open disagreements (kept by `follow`).
    pub(super) list: Option<(FoundAt, Vec<Disagreement>)>,
    /// Each dispatch's progress for the list's marks, with the revisions
    /// (app, editor) it was counted at: every frame draws the list.
    pub(super) progress: RefCell<HashMap<usize, Counted>>,
    /// A merge asking which version each differing field comes from.
    pub merging: Option<Merging>,
    /// `u` was pressed on a change of an earlier session and said so: the
    /// next `u` undoes it (as annotate mode asks first).
    pub(super) earlier_asked: bool,
}

/// A merge waiting for the curator's choices, one field at a time (the
/// way a merge tool walks the conflicts of a file).
#[derive(Debug, Clone, PartialEq)]
pub struct Merging {
    /// The fields the versions set differently, each with the versions
    /// (from 0) that set it and their values.
    pub asks: Vec<(String, Vec<(usize, String)>)>,
    pub chosen: Choices,
}

impl Merging {
    /// The field asked about now, with its values.
    pub fn asking(&self) -> Option<&(String, Vec<(usize, String)>)> {
        self.asks.get(self.chosen.len())
    }
}
