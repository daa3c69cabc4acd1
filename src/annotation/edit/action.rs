//! What a key does in annotate mode. Every action has a stable name that the
//! config file rebinds and the help screen shows.

use super::motions::Motion;
use super::selection::{Edge, Step};

/// What decides a digit's meaning: whether a selection is on, whether a
/// count is being typed (the terminal's keymap reads it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigitContext {
    /// A selection is on (`v`, or `V` on an annotation).
    pub selecting: bool,
    /// A count is being typed (`3` of `3w`).
    pub counting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnnotateAction {
    /// Move the cursor (or the selection's active edge).
    Move(Motion),
    /// A digit of a count before a motion (`3w`).
    Count(u8),
    /// Start a selection at the cursor, or stop selecting.
    ToggleSelection,
    /// Select the span of the annotation under the cursor: a label key then
    /// relabels it.
    SelectAnnotation,
    /// Swap the selection's active edge.
    SwapEdge,
    /// Move one edge of the selection left or right by a word or a character.
    MoveEdge {
        edge: Edge,
        forward: bool,
        step: Step,
    },
    /// Give the selection (or the annotation under the cursor) this label.
    Label(String),
    Accept,
    Reject,
    NextSuggestion,
    PrevSuggestion,
    NextAnnotation,
    PrevAnnotation,
    /// To the next (previous) sentence holding a figure that no figure,
    /// claim or date annotation covers yet.
    NextUnannotatedFigure,
    PrevUnannotatedFigure,
    /// To the next (previous) annotation of the label under the cursor, or
    /// of the label last given.
    NextOfLabel,
    PrevOfLabel,
    /// Cycle through the annotations overlapping the cursor.
    CycleUnder,
    /// Accept every open suggestion of the current label in this dispatch.
    AcceptAllOfLabel,
    /// Annotate every occurrence of the selected text across the corpus.
    MarkAllOccurrences,
    Edit,
    Delete,
    Undo,
    Redo,
    EditMeta,
    RetrySave,
    /// Clear the count or selection; leave annotate mode when nothing is left.
    Back,
}

const FIXED: &[(&str, AnnotateAction)] = &[
    ("word_next", AnnotateAction::Move(Motion::WordNext)),
    ("word_prev", AnnotateAction::Move(Motion::WordPrev)),
    ("word_end", AnnotateAction::Move(Motion::WordEnd)),
    ("sentence_next", AnnotateAction::Move(Motion::SentenceNext)),
    ("sentence_prev", AnnotateAction::Move(Motion::SentencePrev)),
    ("paragraph_next", AnnotateAction::Move(Motion::ParagraphNext)),
    ("paragraph_prev", AnnotateAction::Move(Motion::ParagraphPrev)),
    ("line_start", AnnotateAction::Move(Motion::LineStart)),
    ("line_end", AnnotateAction::Move(Motion::LineEnd)),
    ("line_down", AnnotateAction::Move(Motion::LineDown)),
    ("line_up", AnnotateAction::Move(Motion::LineUp)),
    ("char_next", AnnotateAction::Move(Motion::CharNext)),
    ("char_prev", AnnotateAction::Move(Motion::CharPrev)),
    ("doc_start", AnnotateAction::Move(Motion::DocStart)),
    ("doc_end", AnnotateAction::Move(Motion::DocEnd)),
    ("toggle_selection", AnnotateAction::ToggleSelection),
    ("swap_edge", AnnotateAction::SwapEdge),
    ("select_annotation", AnnotateAction::SelectAnnotation),
    ("start_word_left", AnnotateAction::MoveEdge { edge: Edge::Start, forward: false, step: Step::Word }),
    ("start_word_right", AnnotateAction::MoveEdge { edge: Edge::Start, forward: true, step: Step::Word }),
    ("end_word_left", AnnotateAction::MoveEdge { edge: Edge::End, forward: false, step: Step::Word }),
    ("end_word_right", AnnotateAction::MoveEdge { edge: Edge::End, forward: true, step: Step::Word }),
    ("start_char_left", AnnotateAction::MoveEdge { edge: Edge::Start, forward: false, step: Step::Char }),
    ("start_char_right", AnnotateAction::MoveEdge { edge: Edge::Start, forward: true, step: Step::Char }),
    ("end_char_left", AnnotateAction::MoveEdge { edge: Edge::End, forward: false, step: Step::Char }),
    ("end_char_right", AnnotateAction::MoveEdge { edge: Edge::End, forward: true, step: Step::Char }),
    ("accept", AnnotateAction::Accept),
    ("reject", AnnotateAction::Reject),
    ("next_suggestion", AnnotateAction::NextSuggestion),
    ("prev_suggestion", AnnotateAction::PrevSuggestion),
    ("next_annotation", AnnotateAction::NextAnnotation),
    ("prev_annotation", AnnotateAction::PrevAnnotation),
    ("next_unannotated_figure", AnnotateAction::NextUnannotatedFigure),
    ("prev_unannotated_figure", AnnotateAction::PrevUnannotatedFigure),
    ("next_of_label", AnnotateAction::NextOfLabel),
    ("prev_of_label", AnnotateAction::PrevOfLabel),
    ("cycle_under", AnnotateAction::CycleUnder),
    ("accept_all_of_label", AnnotateAction::AcceptAllOfLabel),
    ("mark_all_occurrences", AnnotateAction::MarkAllOccurrences),
    ("edit", AnnotateAction::Edit),
    ("delete", AnnotateAction::Delete),
    ("undo", AnnotateAction::Undo),
    ("redo", AnnotateAction::Redo),
    ("edit_meta", AnnotateAction::EditMeta),
    ("retry_save", AnnotateAction::RetrySave),
    ("back", AnnotateAction::Back),
];

impl AnnotateAction {
    /// The name used in the config file and the help screen:
    /// `word_next`, `label:ORG`, `count`.
    pub fn name(&self) -> String {
        match self {
            AnnotateAction::Label(l) => format!("label:{l}"),
            AnnotateAction::Count(_) => "count".into(),
            other => FIXED
                .iter()
                .find(|(_, a)| a == other)
                .map(|(n, _)| n.to_string())
                .expect("every fixed action has a name"),
        }
    }

    pub fn from_name(name: &str) -> Option<AnnotateAction> {
        if let Some(label) = name.strip_prefix("label:") {
            return (!label.is_empty()).then(|| AnnotateAction::Label(label.to_string()));
        }
        FIXED.iter().find(|(n, _)| *n == name).map(|(_, a)| a.clone())
    }

    /// Every action that has a fixed name (labels come from the schema).
    pub fn all_fixed() -> impl Iterator<Item = &'static AnnotateAction> {
        FIXED.iter().map(|(_, a)| a)
    }

    /// Whether the action changes annotations (and so needs a writable sidecar).
    pub fn edits(&self) -> bool {
        matches!(
            self,
            AnnotateAction::Label(_)
                | AnnotateAction::Accept
                | AnnotateAction::Reject
                | AnnotateAction::AcceptAllOfLabel
                | AnnotateAction::MarkAllOccurrences
                | AnnotateAction::Edit
                | AnnotateAction::Delete
                | AnnotateAction::EditMeta
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in AnnotateAction::all_fixed() {
            let n = a.name();
            assert!(seen.insert(n.clone()), "{n} twice");
            assert_eq!(AnnotateAction::from_name(&n).as_ref(), Some(a));
        }
        assert_eq!(AnnotateAction::from_name("label:ORG"), Some(AnnotateAction::Label("ORG".into())));
        assert_eq!(AnnotateAction::from_name("nope"), None);
    }
}
