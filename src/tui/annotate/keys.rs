//! The annotate-mode key table: key -> action + one-line description. Help
//! and the hint bar are generated from it; the label keys come from the
//! label schema; the config file can rebind any action by name.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::annotation::LabelSchema;
use crate::annotation::edit::action::AnnotateAction;
use crate::annotation::edit::motions::Motion;
use crate::annotation::edit::selection::{Edge, Step};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn char(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: false }
    }

    pub fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true }
    }

    pub fn code(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// Shift is part of the character ('H'), so only Ctrl is kept.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Key { code, ctrl }
    }

    /// How the key is written in help and in the config file.
    pub fn display(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl-{base}") } else { base }
    }

    /// Parses "w", "Ctrl-r", "Enter", "Left", "Space".
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, rest) = match s.strip_prefix("Ctrl-").or_else(|| s.strip_prefix("C-")) {
            Some(r) => (true, r),
            None => (false, s),
        };
        let code = match rest {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Shift-Tab" | "BackTab" => KeyCode::BackTab,
            "Left" | "←" => KeyCode::Left,
            "Right" | "→" => KeyCode::Right,
            "Up" | "↑" => KeyCode::Up,
            "Down" | "↓" => KeyCode::Down,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Del" | "Delete" => KeyCode::Delete,
            one if one.chars().count() == 1 => KeyCode::Char(one.chars().next()?),
            _ => return None,
        };
        Some(Key { code, ctrl })
    }
}

/// Where the cursor is when a digit is pressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigitContext {
    /// A selection is on (`v`, or `V` on an annotation).
    pub selecting: bool,
    /// A count is being typed (`3` of `3w`).
    pub counting: bool,
}

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

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub key: Key,
    pub action: AnnotateAction,
    pub desc: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnnotateKeys {
    pub bindings: Vec<Binding>,
}

fn edge(edge: Edge, forward: bool, step: Step) -> AnnotateAction {
    AnnotateAction::MoveEdge { edge, forward, step }
}

impl AnnotateKeys {
    /// The default table (DESIGN.md §6) with one key per label of `labels`.
    pub fn new(labels: &LabelSchema) -> AnnotateKeys {
        use AnnotateAction as A;
        use Motion as M;
        let c = Key::char;
        let k = Key::code;
        let mut table: Vec<(Key, AnnotateAction, &str)> = vec![
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
            (c('j'), A::Move(M::LineDown), "line down"),
            (c('k'), A::Move(M::LineUp), "line up"),
            (k(KeyCode::Down), A::Move(M::LineDown), "line down"),
            (k(KeyCode::Up), A::Move(M::LineUp), "line up"),
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
        let label_rows: Vec<(Key, AnnotateAction, String)> = labels
            .labels
            .iter()
            .map(|l| (c(l.key), A::Label(l.name.clone()), format!("label {}: {}", l.name, l.description)))
            .collect();
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
            (Key::ctrl('r'), A::Redo, "redo"),
            (c('m'), A::EditMeta, "edit the dispatch's date, outlet, title, language"),
            (Key::ctrl('s'), A::RetrySave, "retry a failed save"),
            (k(KeyCode::Esc), A::Back, "clear the selection / leave annotate mode"),
        ];
        table.retain(|(key, _, _)| !label_rows.iter().any(|(lk, _, _)| lk == key));
        let mut bindings: Vec<Binding> = table
            .into_iter()
            .map(|(key, action, desc)| Binding { key, action, desc: desc.to_string() })
            .collect();
        let taken: Vec<Key> = bindings.iter().map(|b| b.key).collect();
        bindings.extend(label_rows.into_iter().map(|(key, action, desc)| Binding { key, action, desc }));
        bindings.extend(
            tail.into_iter()
                .filter(|(key, _, _)| !taken.contains(key) && !labels.labels.iter().any(|l| c(l.key) == *key))
                .map(|(key, action, desc)| Binding { key, action, desc: desc.to_string() }),
        );
        AnnotateKeys { bindings }
    }

    /// Rebinds actions by name ("undo" = "U"). Unknown names or keys are
    /// returned as sentences; the rest is applied.
    pub fn rebind<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, key) in pairs {
            let (Some(action), Some(key)) = (AnnotateAction::from_name(name), Key::parse(key)) else {
                problems.push(format!("annotate key '{key}' for '{name}': unknown action or key"));
                continue;
            };
            let desc = self
                .bindings
                .iter()
                .find(|b| b.action == action)
                .map(|b| b.desc.clone())
                .unwrap_or_else(|| name.to_string());
            self.bindings.retain(|b| b.key != key && b.action != action);
            self.bindings.push(Binding { key, action, desc });
        }
        problems
    }

    pub fn lookup(&self, key: Key) -> Option<&AnnotateAction> {
        self.bindings.iter().find(|b| b.key == key).map(|b| &b.action)
    }

    /// The action of a key press; a digit by [`digit_action`].
    pub fn resolve(&self, ev: &KeyEvent, at: DigitContext) -> Option<AnnotateAction> {
        let key = Key::from_event(ev);
        let bound = self.lookup(key);
        if let (KeyCode::Char(d @ '0'..='9'), false) = (key.code, key.ctrl) {
            let is_label = matches!(bound, Some(AnnotateAction::Label(_)));
            if let Some(count) = digit_action(d, is_label, at) {
                return Some(count);
            }
        }
        bound.cloned()
    }

    /// The first key bound to `action`, for hints.
    pub fn key_for(&self, action: &AnnotateAction) -> Option<Key> {
        self.bindings.iter().find(|b| &b.action == action).map(|b| b.key)
    }

    /// Rows for the help screen: (keys, description), one per action.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String, AnnotateAction)> = Vec::new();
        for b in &self.bindings {
            match rows.iter_mut().find(|r| r.2 == b.action) {
                Some(r) => r.0 = format!("{} {}", r.0, b.key.display()),
                None => rows.push((b.key.display(), b.desc.clone(), b.action.clone())),
            }
        }
        let mut out: Vec<(String, String)> = rows.into_iter().map(|(k, d, _)| (k, d)).collect();
        out.insert(0, ("0-9".into(), DIGITS_HELP.into()));
        out
    }

    /// The short hint bar of annotate mode.
    pub fn hints(&self, selecting: bool) -> Vec<(String, &'static str)> {
        use AnnotateAction as A;
        let wanted: &[(AnnotateAction, &str)] = if selecting {
            &[
                (A::Move(Motion::WordNext), "extend"),
                (A::MoveEdge { edge: Edge::End, forward: true, step: Step::Char }, "±char"),
                (A::Back, "cancel"),
            ]
        } else {
            &[
                (A::ToggleSelection, "select"),
                (A::Accept, "accept"),
                (A::Reject, "reject"),
                (A::NextSuggestion, "next"),
                (A::Undo, "undo"),
                (A::Back, "back"),
            ]
        };
        wanted.iter().filter_map(|(a, d)| self.key_for(a).map(|k| (k.display(), *d))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn digits_count_unless_selecting() {
        let keys = AnnotateKeys::new(&LabelSchema::default());
        let free = DigitContext::default();
        let selecting = DigitContext { selecting: true, ..free };
        let org = Some(AnnotateAction::Label("ORG".into()));
        assert_eq!(keys.resolve(&ev('3'), free), Some(AnnotateAction::Count(3)));
        assert_eq!(keys.resolve(&ev('3'), selecting), org);
        assert_eq!(keys.resolve(&ev('9'), selecting), Some(AnnotateAction::Count(9)), "9 is no label");
        assert_eq!(keys.resolve(&ev('0'), free), Some(AnnotateAction::Move(Motion::LineStart)));
        assert_eq!(
            keys.resolve(&ev('0'), DigitContext { counting: true, ..free }),
            Some(AnnotateAction::Count(0))
        );
        let redo = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(keys.resolve(&redo, free), Some(AnnotateAction::Redo));
    }

    #[test]
    fn the_jumps_of_design_5_are_in_the_table_and_in_help() {
        let keys = AnnotateKeys::new(&LabelSchema::default());
        let help = keys.help_rows();
        for (action, key) in [
            (AnnotateAction::NextSuggestion, 'n'),
            (AnnotateAction::PrevSuggestion, 'N'),
            (AnnotateAction::NextUnannotatedFigure, 'f'),
            (AnnotateAction::PrevUnannotatedFigure, 'F'),
            (AnnotateAction::NextOfLabel, ';'),
            (AnnotateAction::PrevOfLabel, ','),
        ] {
            assert_eq!(keys.key_for(&action), Some(Key::char(key)), "{action:?}");
            let desc = &keys.bindings.iter().find(|b| b.action == action).unwrap().desc;
            assert!(help.iter().any(|(k, d)| k == &key.to_string() && d == desc), "{action:?} not in help");
        }
    }

    #[test]
    fn every_key_is_bound_once_and_rebinding_moves_it() {
        let mut keys = AnnotateKeys::new(&LabelSchema::default());
        let mut seen = std::collections::HashSet::new();
        for b in &keys.bindings {
            assert!(seen.insert(b.key), "{} bound twice", b.key.display());
        }
        assert!(keys.rebind([("undo", "U"), ("bogus", "q")]).len() == 1);
        assert_eq!(keys.lookup(Key::char('U')), Some(&AnnotateAction::Undo));
        assert_eq!(keys.lookup(Key::char('u')), None);
        assert!(keys.help_rows().iter().any(|(k, d)| k == "U" && d == "undo"));
    }
}
