//! What annotate mode says in the status bar, in one place: the words of a
//! change, a refusal, a question or a problem, and whether it shows as an
//! error. Typed by the editing model ([`Said`], [`Refusal`]); never guessed
//! from the words.

use crate::annotation::edit::refusal::{Refusal, Said};

/// The status bar's words for `said`, and whether they show as an error.
pub fn words(said: &Said) -> (String, bool) {
    match said {
        Said::Done(what) => (what.clone(), false),
        Said::Asked(question) => (question.clone(), false),
        Said::Refused(r) => (refusal(r), false),
        Said::Failed(why) => (why.clone(), true),
    }
}

/// Why nothing changed, with the key that does what was meant.
pub fn refusal(r: &Refusal) -> String {
    use Refusal as R;
    match r {
        R::FoldedText => "not labelled: it reaches into folded boilerplate (z shows it)".into(),
        R::NoSuggestionToAccept => "no suggestion under the cursor (n finds the next one)".into(),
        R::NoSuggestionToReject => "no suggestion under the cursor (d deletes an annotation)".into(),
        R::NoAnnotationHere => "no annotation under the cursor".into(),
        R::SuggestionNotDeletable => "a suggestion: x rejects it".into(),
        R::NoLabel { on_suggestion } => {
            let on = if *on_suggestion { "a suggestion" } else { "an annotation" };
            format!("no label: put the cursor on {on} or give a label first")
        }
        R::NoLabelToRepeat => "give a label first: * marks every occurrence with the last label given".into(),
        R::AlreadyLabelled { label, quote: Some(q) } => format!("already {label}: \"{q}\" (nothing changed)"),
        R::AlreadyLabelled { label, quote: None } => format!("already {label} (nothing changed)"),
        R::NoOpenSuggestionOf(label) => format!("no open {label} suggestion in this dispatch"),
        R::FieldsMissing(label) => format!(
            "* does not give {label}: each {label} needs its own fields (select it and press its label key)"
        ),
        R::EveryOccurrenceLabelled { needle, label } => format!("every \"{needle}\" is already {label}"),
        R::NoSuggestionLeft => "no suggestion left in this dispatch".into(),
        R::NoAnnotationLeft => "no annotation in this dispatch".into(),
        R::NoneOfLabel(label) => format!("no {label} in this dispatch"),
        R::OnlyOneOfLabel(label) => format!("the only {label} in this dispatch"),
        R::NoFigureFurther { forward } => {
            let way = if *forward { "after" } else { "before" };
            format!("no sentence with an unannotated figure {way} this one")
        }
        R::NoFieldChanged => "no field changed".into(),
        R::Cancelled => "cancelled: nothing changed".into(),
        R::NothingToSave => "nothing to save: everything is on disk".into(),
    }
}
