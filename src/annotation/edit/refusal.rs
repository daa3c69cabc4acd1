//! What a command says back: a change made, a typed refusal, a question, or
//! a problem. Typed where it is made, so that the terminal words it in one
//! place (`tui::annotate::said`) and never guesses an error from the words.

/// Why a command changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The span reaches into folded boilerplate (shown, it is text again).
    FoldedText,
    /// No suggestion under the cursor to accept.
    NoSuggestionToAccept,
    /// No suggestion under the cursor to reject.
    NoSuggestionToReject,
    /// No annotation under the cursor (to select, edit or delete).
    NoAnnotationHere,
    /// A suggestion under the cursor: deleting is for annotations.
    SuggestionNotDeletable,
    /// No label focused and none given yet (accept all, walk by label).
    NoLabel {
        on_suggestion: bool,
    },
    /// `*` before any label was given.
    NoLabelToRepeat,
    /// The span already carries this label (its quote when known).
    AlreadyLabelled {
        label: String,
        quote: Option<String>,
    },
    /// No open suggestion of this label in the dispatch.
    NoOpenSuggestionOf(String),
    /// A claim or an event needs its own fields: `*` does not give it.
    FieldsMissing(String),
    /// Every occurrence already carries the label.
    EveryOccurrenceLabelled {
        needle: String,
        label: String,
    },
    NoSuggestionLeft,
    NoAnnotationLeft,
    NoneOfLabel(String),
    OnlyOneOfLabel(String),
    /// No sentence with an unannotated figure after (before) this one.
    NoFigureFurther {
        forward: bool,
    },
    /// A form submitted as it was opened.
    NoFieldChanged,
    /// A form or a question answered no.
    Cancelled,
    /// A save asked for with everything on disk.
    NothingToSave,
}

/// What the last command said, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// What a change did ("LOC added: …", "undone: …").
    Done(String),
    /// Why nothing changed.
    Refused(Refusal),
    /// A question waiting for its answer (see `Session::confirm`).
    Asked(String),
    /// A problem: an undo that failed, a step dropped, a history file not
    /// written. Shown as an error.
    Failed(String),
}
