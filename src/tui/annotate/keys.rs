//! The annotate layer of the one keymap: key -> action + one-line
//! description, built from the label schema (one key per label). Help and
//! the hint bar are generated from it; the config file rebinds any action by
//! name (`[keys.annotate] undo = "U"`). There is no second key type: these
//! are [`Binding`]s of [`crate::tui::keymap`].

use crossterm::event::{KeyCode, KeyModifiers};

use crate::annotation::LabelSchema;
use crate::annotation::edit::action::AnnotateAction;
use crate::annotation::edit::motions::Motion;
use crate::annotation::edit::selection::{Edge, Step};
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key};

pub use crate::annotation::edit::action::DigitContext;

/// The digits' line in help: the one rule.
pub const DIGITS_HELP: &str =
    "a count before a motion (8j: 8 lines); a label key only while selecting (v, V)";

/// What a digit means, by one rule that the screen shows (the selection
/// is drawn): while a selection is on, a digit that is a label key labels
/// it (after `V`, relabels the annotation); otherwise a digit is a count
/// (`8j` moves eight lines, wherever the cursor stands; `0` only continues
/// a count, else it is its own binding, the line's first word).
pub fn digit_action(d: char, is_label: bool, at: DigitContext) -> Option<AnnotateAction> {
    let label = is_label && at.selecting;
    if label {
        return None;
    }
    let digit = d.to_digit(10)? as u8;
    (d != '0' || at.counting).then_some(AnnotateAction::Count(digit))
}

fn edge(edge: Edge, forward: bool, step: Step) -> AnnotateAction {
    AnnotateAction::MoveEdge { edge, forward, step }
}

fn ctrl(c: char) -> Key {
    Key::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The word of the hint bar for the keys that matter most.
fn hint_of(a: &AnnotateAction) -> Option<&'static str> {
    use AnnotateAction as A;
    match a {
        A::ToggleSelection => Some("select"),
        A::Accept => Some("accept"),
        A::NextSuggestion => Some("next"),
        A::Undo => Some("undo"),
        A::Back => Some("back"),
        _ => None,
    }
}

/// The annotate layer's table (docs/annotating.md) with one key per label of
/// `labels`; a label's key wins over a default binding of the same key.
pub fn table(labels: &LabelSchema) -> Vec<Binding> {
    use AnnotateAction as A;
    use Motion as M;
    let c = Key::ch;
    let k = Key::plain;
    let table: Vec<(Key, AnnotateAction, &str)> = vec![
        (c('w'), A::Move(M::WordNext), "next word"),
        (c('b'), A::Move(M::WordPrev), "previous word"),
        (c('e'), A::Move(M::WordEnd), "end of word"),
        (k(KeyCode::Right), A::Move(M::WordNext), "next word"),
        (k(KeyCode::Left), A::Move(M::WordPrev), "previous word"),
        (c(')'), A::Move(M::SentenceNext), "next sentence"),
        (c('('), A::Move(M::SentencePrev), "sentence start / previous sentence"),
        (c('}'), A::Move(M::ParagraphNext), "next paragraph"),
        (c('{'), A::Move(M::ParagraphPrev), "paragraph start / previous paragraph"),
        (c('0'), A::Move(M::LineStart), "first word of the line"),
        (c('$'), A::Move(M::LineEnd), "last word of the line"),
        (c('j'), A::Move(M::LineDown), "screen line down"),
        (c('k'), A::Move(M::LineUp), "screen line up"),
        (k(KeyCode::Down), A::Move(M::LineDown), "screen line down"),
        (k(KeyCode::Up), A::Move(M::LineUp), "screen line up"),
        (c('g'), A::Move(M::DocStart), "start of the dispatch"),
        (c('G'), A::Move(M::DocEnd), "end of the dispatch"),
        (c('v'), A::ToggleSelection, "start selecting at the cursor / stop"),
        (c('V'), A::SelectAnnotation, "select the annotation under the cursor (a label key relabels it)"),
        (c('o'), A::SwapEdge, "switch the edge that motions move"),
        (c('['), edge(Edge::Start, false, Step::Word), "selection start one word left (grow)"),
        (c(']'), edge(Edge::Start, true, Step::Word), "selection start one word right (shrink)"),
        (c('<'), edge(Edge::End, false, Step::Word), "selection end one word left (shrink)"),
        (c('>'), edge(Edge::End, true, Step::Word), "selection end one word right (grow)"),
        (c('H'), edge(Edge::Start, false, Step::Char), "selection start one character left"),
        (c('L'), edge(Edge::Start, true, Step::Char), "selection start one character right"),
        (c('h'), edge(Edge::End, false, Step::Char), "selection end (or cursor) one character left"),
        (c('l'), edge(Edge::End, true, Step::Char), "selection end (or cursor) one character right"),
    ];
    let tail: Vec<(Key, AnnotateAction, &str)> = vec![
        (c('a'), A::Accept, "accept the suggestion under the cursor"),
        (c('x'), A::Reject, "reject the suggestion under the cursor (never suggested again)"),
        (c('n'), A::NextSuggestion, "next suggestion"),
        (c('N'), A::PrevSuggestion, "previous suggestion"),
        (c('J'), A::NextAnnotation, "next annotation"),
        (c('K'), A::PrevAnnotation, "previous annotation"),
        (c(';'), A::NextOfLabel, "next annotation of this label (or the last given)"),
        (c(','), A::PrevOfLabel, "previous annotation of this label"),
        (c('f'), A::NextUnannotatedFigure, "next sentence with a figure not annotated"),
        (c('F'), A::PrevUnannotatedFigure, "previous sentence with a figure not annotated"),
        (k(KeyCode::Tab), A::CycleUnder, "cycle through the annotations under the cursor"),
        (c('A'), A::AcceptAllOfLabel, "accept every suggestion of this label in the dispatch"),
        (c('*'), A::MarkAllOccurrences, "label every occurrence of the selected text in the corpus"),
        (k(KeyCode::Enter), A::Edit, "edit the annotation's fields"),
        (c('d'), A::Delete, "delete the annotation under the cursor"),
        (c('u'), A::Undo, "undo"),
        (ctrl('r'), A::Redo, "redo"),
        (c('m'), A::EditMeta, "edit the dispatch's date, outlet, title, language"),
        (ctrl('s'), A::RetrySave, "retry a failed save"),
        (k(KeyCode::Esc), A::Back, "clear the selection / leave annotate mode"),
    ];
    let is_label_key = |key: &Key| labels.labels.iter().any(|l| c(l.key) == *key);
    let mut rows: Vec<(Key, AnnotateAction, &'static str)> =
        table.into_iter().filter(|(key, _, _)| !is_label_key(key)).collect();
    for l in &labels.labels {
        // Built once per run: a table of static strings like the others.
        let desc: &'static str = Box::leak(format!("label {}: {}", l.name, l.description).into_boxed_str());
        rows.push((c(l.key), A::Label(l.name.clone()), desc));
    }
    let taken: Vec<Key> = rows.iter().map(|r| r.0).collect();
    rows.extend(tail.into_iter().filter(|(key, _, _)| !taken.contains(key) && !is_label_key(key)));
    let mut out: Vec<Binding> = Vec::new();
    for (key, action, desc) in rows {
        let action = Action::AnnotateKey(action);
        match out.iter_mut().find(|b| b.action == action) {
            Some(b) => b.keys.push(key),
            None => out.push(Binding {
                keys: vec![key],
                hint: match &action {
                    Action::AnnotateKey(a) => hint_of(a),
                    _ => None,
                },
                action,
                desc,
            }),
        }
    }
    // Last, so that the labels' and `0`'s own bindings are found first.
    out.push(Binding {
        keys: ('0'..='9').map(c).collect(),
        action: Action::AnnotateKey(A::Count(0)),
        desc: DIGITS_HELP,
        hint: None,
    });
    let reader = [
        (
            vec![c('z')],
            Action::ToggleBoilerplate,
            "show / fold boilerplate (folded text is never labelled)",
            None,
        ),
        (vec![c('/')], Action::Search, "search the article (then n and N walk the hits, Esc clears)", None),
        (vec![c('?'), k(KeyCode::F(1))], Action::Help, "help: every key of this mode", Some("help")),
        (vec![c('q')], Action::Quit, "quit (asks first if a change is not saved)", None),
    ];
    for (keys, action, desc, hint) in reader {
        out.push(Binding { keys, action, desc, hint });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Keymap, Layer};

    fn keymap() -> Keymap {
        let mut km = Keymap::default();
        *km.table_mut(Layer::Annotate) = table(&LabelSchema::default());
        km
    }

    #[test]
    fn digits_count_unless_selecting() {
        let free = DigitContext::default();
        let selecting = DigitContext { selecting: true, ..free };
        assert_eq!(digit_action('3', true, free), Some(AnnotateAction::Count(3)));
        assert_eq!(digit_action('3', true, selecting), None, "the label's own binding");
        assert_eq!(digit_action('9', false, selecting), Some(AnnotateAction::Count(9)), "9 is no label");
        assert_eq!(digit_action('0', false, free), None, "0 is the line's first word");
        assert_eq!(
            digit_action('0', false, DigitContext { counting: true, ..free }),
            Some(AnnotateAction::Count(0))
        );
        let km = keymap();
        assert_eq!(
            km.lookup(Layer::Annotate, Key::ch('3')),
            Some(Action::AnnotateKey(AnnotateAction::Label("ORG".into())))
        );
        assert_eq!(km.lookup(Layer::Annotate, ctrl('r')), Some(Action::AnnotateKey(AnnotateAction::Redo)));
    }

    #[test]
    fn the_jumps_of_design_5_are_in_the_table() {
        let km = keymap();
        for (action, key) in [
            (AnnotateAction::NextSuggestion, 'n'),
            (AnnotateAction::PrevSuggestion, 'N'),
            (AnnotateAction::NextUnannotatedFigure, 'f'),
            (AnnotateAction::PrevUnannotatedFigure, 'F'),
            (AnnotateAction::NextOfLabel, ';'),
            (AnnotateAction::PrevOfLabel, ','),
        ] {
            let action = Action::AnnotateKey(action);
            assert_eq!(km.key_for(Layer::Annotate, &action), Some(Key::ch(key)), "{action:?}");
        }
    }

    #[test]
    fn every_key_is_bound_once_and_rebinding_moves_it() {
        let mut km = keymap();
        let mut seen = std::collections::HashSet::new();
        for b in km.table(Layer::Annotate) {
            // The digits' row repeats the label keys for help only.
            if b.action == Action::AnnotateKey(AnnotateAction::Count(0)) {
                continue;
            }
            for k in &b.keys {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
        km.rebind(Layer::Annotate, "undo", &[Key::ch('U')]).unwrap();
        assert_eq!(km.lookup(Layer::Annotate, Key::ch('U')), Some(Action::AnnotateKey(AnnotateAction::Undo)));
        assert_eq!(km.lookup(Layer::Annotate, Key::ch('u')), None);
        assert!(km.rebind(Layer::Annotate, "bogus", &[Key::ch('q')]).is_err());
    }
}
