//! The adjudicate layer of the one keymap: key -> action + one-line
//! description. Help and the hint bar are generated from it; the config file
//! rebinds any action by name (`[keys.adjudicate] keep_both = "B"`).

use crossterm::event::{KeyCode, KeyModifiers};

use crate::annotation::edit::action::AnnotateAction;
use crate::team::adjudicate::AdjudicateAction as J;
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key, Keymap, Layer};

const KEEP: [&str; 9] = [
    "keep version 1 (the other versions rejected)",
    "keep version 2 (the other versions rejected)",
    "keep version 3",
    "keep version 4",
    "keep version 5",
    "keep version 6",
    "keep version 7",
    "keep version 8",
    "keep version 9",
];

fn b(keys: &[Key], action: Action, desc: &'static str, hint: Option<&'static str>) -> Binding {
    Binding { keys: keys.to_vec(), action, desc, hint }
}

/// Fills the keymap's adjudicate layer (see [`table`]).
pub fn install(keymap: &mut Keymap) {
    *keymap.table_mut(Layer::Adjudicate) = table();
}

pub fn table() -> Vec<Binding> {
    let c = Key::ch;
    let p = Key::plain;
    let mut out = Vec::new();
    for (n, desc) in (1u8..=9).zip(KEEP) {
        let hint = match n {
            1 => Some("keep 1"),
            2 => Some("keep 2"),
            _ => None,
        };
        out.push(b(&[c(char::from(b'0' + n))], Action::AdjudicateKey(J::Pick(n)), desc, hint));
    }
    out.extend([
        b(&[c('b')], Action::AdjudicateKey(J::Both), "keep every version (where none clashes)", Some("both")),
        b(
            &[c('m')],
            Action::AdjudicateKey(J::Merge),
            "merge the versions' fields (asks which where they differ)",
            Some("merge"),
        ),
        b(&[c('x')], Action::AdjudicateKey(J::RejectAll), "reject every version", Some("reject all")),
        b(
            &[c('n'), c(']')],
            Action::AdjudicateKey(J::Next),
            "next disagreement (then the next dispatch with one)",
            Some("next"),
        ),
        b(&[c('N'), c('[')], Action::AdjudicateKey(J::Prev), "previous disagreement", None),
        b(&[c('u')], Action::AnnotateKey(AnnotateAction::Undo), "undo the last change", Some("undo")),
        b(
            &[Key::new(KeyCode::Char('r'), KeyModifiers::CONTROL)],
            Action::AnnotateKey(AnnotateAction::Redo),
            "redo",
            None,
        ),
        b(&[c('j'), p(KeyCode::Down)], Action::Down, "scroll down / next in list", None),
        b(&[c('k'), p(KeyCode::Up)], Action::Up, "scroll up / previous in list", None),
        b(&[p(KeyCode::PageDown), c(' ')], Action::PageDown, "page down", None),
        b(&[p(KeyCode::PageUp)], Action::PageUp, "page up", None),
        b(&[p(KeyCode::Tab)], Action::NextPane, "next pane", None),
        b(&[Key::new(KeyCode::Tab, KeyModifiers::SHIFT)], Action::PrevPane, "previous pane", None),
        b(&[p(KeyCode::Enter)], Action::Open, "open the dispatch selected in the list", None),
        b(&[c('i')], Action::Annotate, "annotate this dispatch (Enter there edits a result's fields)", None),
        b(&[c('z')], Action::ToggleBoilerplate, "show / fold boilerplate", None),
        b(&[p(KeyCode::Esc)], Action::Back, "leave adjudicate mode", Some("back")),
        b(&[c('?'), p(KeyCode::F(1))], Action::Help, "help: every key of this mode", Some("help")),
        b(&[c('q')], Action::Quit, "quit (asks first if a change is not saved)", None),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curator_keys_are_in_the_one_keymap_once_each() {
        let mut km = Keymap::default();
        install(&mut km);
        let mut seen = std::collections::HashSet::new();
        for bnd in km.table(Layer::Adjudicate) {
            for k in &bnd.keys {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
        assert_eq!(km.lookup(Layer::Adjudicate, Key::ch('2')), Some(Action::AdjudicateKey(J::Pick(2))));
        assert_eq!(km.lookup(Layer::Adjudicate, Key::ch(']')), Some(Action::AdjudicateKey(J::Next)));
        assert_eq!(km.lookup(Layer::Read, Key::ch('a')), Some(Action::Adjudicate));
        km.rebind(Layer::Adjudicate, "keep_both", &[Key::ch('B')]).unwrap();
        assert_eq!(km.lookup(Layer::Adjudicate, Key::ch('B')), Some(Action::AdjudicateKey(J::Both)));
        assert_eq!(km.lookup(Layer::Adjudicate, Key::ch('b')), None);
    }
}
