//! Keymaps are data: one table per layer of key -> action with a one-line
//! description. The help overlay and the hint bar are generated from these
//! tables, and the config file rebinds actions by name.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key as the keymap sees it: a code and the modifiers that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::NONE }
    }

    pub const fn ch(c: char) -> Key {
        Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
    }

    /// Normalises a terminal key event: Shift is part of a character's case,
    /// not a modifier (`N`, not `Shift-N`); BackTab is Shift-Tab.
    pub fn from_event(ev: KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            c => c,
        };
        if matches!(code, KeyCode::Char(_)) {
            mods -= KeyModifiers::SHIFT;
        }
        Key { code, mods }
    }

    /// The terminal's event again (BackTab for Shift-Tab), for the text
    /// fields of the forms, which edit with it.
    pub fn to_event(self) -> KeyEvent {
        let code = match (self.code, self.mods.contains(KeyModifiers::SHIFT)) {
            (KeyCode::Tab, true) => KeyCode::BackTab,
            (c, _) => c,
        };
        KeyEvent::new(code, self.mods)
    }

    /// Parses `j`, `G`, `ctrl-r`, `shift-tab`, `enter`, `pgdown`, `f1`, `space`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let err = || format!("'{s}' is not a key (examples: j, G, ctrl-r, shift-tab, enter, pgdown, f1)");
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let stripped = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            match stripped {
                Some(p) => {
                    mods |= match *p {
                        "ctrl-" | "c-" => KeyModifiers::CONTROL,
                        "alt-" | "a-" | "m-" => KeyModifiers::ALT,
                        _ => KeyModifiers::SHIFT,
                    };
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => {
                    mods |= KeyModifiers::SHIFT;
                    KeyCode::Tab
                }
                "space" => KeyCode::Char(' '),
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdown" | "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().map_err(|_| err())?),
                _ => return Err(err()),
            },
        };
        if matches!(code, KeyCode::Char(_)) {
            mods -= KeyModifiers::SHIFT;
        }
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("BS"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A layer of the screen that has its own keys. The base layer is the mode
/// (read or annotate); overlays (help, filter, search, chart) sit on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Read,
    Annotate,
    Help,
    Filter,
    Search,
    Chart,
    Adjudicate,
}

impl Layer {
    pub const ALL: [Layer; 7] = [
        Layer::Read,
        Layer::Annotate,
        Layer::Help,
        Layer::Filter,
        Layer::Search,
        Layer::Chart,
        Layer::Adjudicate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Read => "read",
            Layer::Annotate => "annotate",
            Layer::Help => "help",
            Layer::Filter => "filter",
            Layer::Search => "search",
            Layer::Chart => "chart",
            Layer::Adjudicate => "adjudicate",
        }
    }

    pub fn from_name(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == s)
    }

    /// Layers where an unbound printable key is typed into a field.
    pub fn takes_text(self) -> bool {
        matches!(self, Layer::Filter | Layer::Search)
    }
}

/// One line of a keymap table.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    /// The line shown in help.
    pub desc: &'static str,
    /// The word shown in the hint bar, for the keys that matter most.
    pub hint: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub layer: Layer,
    pub bindings: Vec<Binding>,
}

/// Every layer's table.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub tables: Vec<Table>,
}

fn b(keys: &[Key], action: Action, desc: &'static str, hint: Option<&'static str>) -> Binding {
    Binding { keys: keys.to_vec(), action, desc, hint }
}

use KeyCode as K;
const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn read_table() -> Vec<Binding> {
    use Action as A;
    let p = Key::plain;
    let c = Key::ch;
    vec![
        b(&[c('j'), p(K::Down)], A::Down, "scroll down / next in list", Some("scroll")),
        b(&[c('k'), p(K::Up)], A::Up, "scroll up / previous in list", None),
        b(&[p(K::PageDown), c(' ')], A::PageDown, "page down", None),
        b(&[p(K::PageUp)], A::PageUp, "page up", None),
        b(&[c('g'), p(K::Home)], A::Top, "go to the top", None),
        b(&[c('G'), p(K::End)], A::Bottom, "go to the bottom", None),
        b(&[p(K::Tab), c('l'), p(K::Right)], A::NextPane, "next pane", Some("pane")),
        b(&[Key::new(K::Tab, SHIFT), c('h'), p(K::Left)], A::PrevPane, "previous pane", None),
        b(&[p(K::Enter)], A::Open, "open dispatch / expand claimant / jump to passage", Some("open")),
        b(&[c('w')], A::NextMark, "next entity or figure", Some("next entity")),
        b(&[c('b')], A::PrevMark, "previous entity or figure", None),
        b(&[c('/')], A::Find, "filter the list (list pane) or search the article", Some("find")),
        b(&[c('f')], A::Filter, "filter the list as you type (outlet: date: lang: name fields)", None),
        b(&[c('n')], A::SearchNext, "next search hit", Some("next hit")),
        b(&[c('N')], A::SearchPrev, "previous search hit", None),
        b(&[c('s')], A::ToggleSort, "sort newest first / oldest first", None),
        b(&[c('u')], A::NextUnread, "next unread dispatch", Some("unread")),
        b(&[c('r')], A::ToggleRead, "mark the dispatch read / unread", None),
        b(&[c('z')], A::ToggleBoilerplate, "show / fold boilerplate", None),
        b(&[c('t')], A::ToggleLater, "timeline: show / hide what came later", None),
        b(&[c('c')], A::Chart, "chart of the claims over time", Some("chart")),
        b(&[c('i')], A::Annotate, "enter annotate mode", None),
        b(&[c('a')], A::Adjudicate, "adjudicate where two annotators differ", None),
        b(&[p(K::Esc)], A::Back, "clear the search or the filter / back to the list", None),
        b(&[c('?'), p(K::F(1))], A::Help, "help: every key of this mode", Some("help")),
        b(&[c('q'), Key::new(K::Char('c'), KeyModifiers::CONTROL)], A::Quit, "quit", Some("quit")),
    ]
}

fn help_table() -> Vec<Binding> {
    use Action as A;
    let p = Key::plain;
    let c = Key::ch;
    vec![
        b(&[c('j'), p(K::Down)], A::Down, "scroll down", Some("scroll")),
        b(&[c('k'), p(K::Up)], A::Up, "scroll up", None),
        b(&[p(K::PageDown), c(' ')], A::PageDown, "page down", None),
        b(&[p(K::PageUp)], A::PageUp, "page up", None),
        b(&[c('?'), p(K::Esc), c('q'), p(K::F(1))], A::Back, "close help", Some("close")),
    ]
}

fn filter_table() -> Vec<Binding> {
    use Action as A;
    let p = Key::plain;
    vec![
        b(&[p(K::Enter)], A::Accept, "keep the filter and open the selected dispatch", Some("open")),
        b(&[p(K::Esc)], A::Back, "clear the filter", Some("clear")),
        b(&[p(K::Backspace)], A::DeleteBack, "delete a character", None),
        b(&[p(K::Down), Key::new(K::Char('n'), KeyModifiers::CONTROL)], A::Down, "next match", Some("move")),
        b(&[p(K::Up), Key::new(K::Char('p'), KeyModifiers::CONTROL)], A::Up, "previous match", None),
    ]
}

fn search_table() -> Vec<Binding> {
    use Action as A;
    let p = Key::plain;
    vec![
        b(&[p(K::Enter)], A::Accept, "keep the hits and go to the first", Some("go")),
        b(&[p(K::Esc)], A::Back, "cancel the search", Some("cancel")),
        b(&[p(K::Backspace)], A::DeleteBack, "delete a character", None),
    ]
}

fn chart_table() -> Vec<Binding> {
    use Action as A;
    let p = Key::plain;
    let c = Key::ch;
    vec![
        b(&[c(']'), c('l'), p(K::Right), p(K::Tab)], A::NextSeries, "next series", Some("series")),
        b(&[c('['), c('h'), p(K::Left), Key::new(K::Tab, SHIFT)], A::PrevSeries, "previous series", None),
        b(&[c('c'), p(K::Esc), c('q')], A::Back, "close the chart", Some("close")),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            tables: vec![
                Table { layer: Layer::Read, bindings: read_table() },
                Table { layer: Layer::Annotate, bindings: Vec::new() },
                Table { layer: Layer::Help, bindings: help_table() },
                Table { layer: Layer::Filter, bindings: filter_table() },
                Table { layer: Layer::Search, bindings: search_table() },
                Table { layer: Layer::Chart, bindings: chart_table() },
                // filled by the mode (`adjudicate::keys::install`), as annotate's is
                Table { layer: Layer::Adjudicate, bindings: Vec::new() },
            ],
        }
    }
}

impl Keymap {
    pub fn table(&self, layer: Layer) -> &[Binding] {
        self.tables.iter().find(|t| t.layer == layer).map(|t| t.bindings.as_slice()).unwrap_or(&[])
    }

    pub fn table_mut(&mut self, layer: Layer) -> &mut Vec<Binding> {
        if let Some(i) = self.tables.iter().position(|t| t.layer == layer) {
            return &mut self.tables[i].bindings;
        }
        self.tables.push(Table { layer, bindings: Vec::new() });
        &mut self.tables.last_mut().expect("just pushed").bindings
    }

    /// The action `key` means in `layer`: a binding, else (in a text layer)
    /// the character typed.
    pub fn lookup(&self, layer: Layer, key: Key) -> Option<Action> {
        let bound = self.table(layer).iter().find(|b| b.keys.contains(&key)).map(|b| b.action.clone());
        if bound.is_some() {
            return bound;
        }
        match key.code {
            K::Char(c) if layer.takes_text() && (key.mods - SHIFT) == NONE => Some(Action::Insert(c)),
            _ => None,
        }
    }

    /// Gives `action` (by name) the keys `keys` in `layer`; the keys are
    /// taken from whatever action had them in that layer, and returned
    /// with it (the caller warns: a conflict is never silent).
    pub fn rebind(&mut self, layer: Layer, name: &str, keys: &[Key]) -> Result<Vec<(Key, Action)>, String> {
        let action = Action::from_name(name).ok_or_else(|| {
            let mut known: Vec<String> = Action::names().map(str::to_string).collect();
            if layer == Layer::Annotate {
                known = self.table(layer).iter().filter_map(|b| b.action.config_name()).collect();
            }
            format!("unknown action '{name}' (known actions: {})", known.join(", "))
        })?;
        let table = self.table_mut(layer);
        let mut taken = Vec::new();
        for b in table.iter_mut() {
            if b.action != action {
                taken.extend(b.keys.iter().filter(|k| keys.contains(k)).map(|k| (*k, b.action.clone())));
            }
            b.keys.retain(|k| !keys.contains(k));
        }
        match table.iter_mut().find(|b| b.action == action) {
            Some(b) => b.keys = keys.to_vec(),
            None => {
                table.push(Binding { keys: keys.to_vec(), action, desc: "(bound in config)", hint: None })
            }
        }
        Ok(taken)
    }

    /// The first key of `action` in `layer`, as shown to the user.
    pub fn key_for(&self, layer: Layer, action: &Action) -> Option<Key> {
        self.table(layer).iter().find(|b| &b.action == action).and_then(|b| b.keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_key_names_of_the_config() {
        assert_eq!(Key::parse("j").unwrap(), Key::ch('j'));
        assert_eq!(Key::parse("G").unwrap(), Key::ch('G'));
        assert_eq!(Key::parse("ctrl-r").unwrap(), Key::new(K::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(Key::parse("shift-tab").unwrap(), Key::new(K::Tab, SHIFT));
        assert_eq!(Key::parse("pgdown").unwrap(), Key::plain(K::PageDown));
        assert_eq!(Key::parse("-").unwrap(), Key::ch('-'));
        assert!(Key::parse("ctrl-").is_err() || Key::parse("ctrl-").unwrap() == Key::ch('-'));
        assert!(Key::parse("nokey").is_err());
    }

    #[test]
    fn no_key_is_bound_twice_in_a_layer() {
        let km = Keymap::default();
        for t in &km.tables {
            let mut seen = std::collections::HashSet::new();
            for b in &t.bindings {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{k} twice in {:?}", t.layer);
                }
            }
        }
    }

    #[test]
    fn rebinding_moves_the_key_and_text_layers_type() {
        let mut km = Keymap::default();
        km.rebind(Layer::Read, "quit", &[Key::ch('x')]).unwrap();
        assert_eq!(km.lookup(Layer::Read, Key::ch('x')), Some(Action::Quit));
        assert_eq!(km.lookup(Layer::Read, Key::ch('q')), None);
        km.rebind(Layer::Read, "toggle_sort", &[Key::ch('j')]).unwrap();
        assert_eq!(km.lookup(Layer::Read, Key::ch('j')), Some(Action::ToggleSort));
        assert_eq!(km.lookup(Layer::Read, Key::plain(K::Down)), Some(Action::Down));
        assert!(km.rebind(Layer::Read, "fly", &[Key::ch('y')]).unwrap_err().contains("unknown action 'fly'"));
        assert_eq!(km.lookup(Layer::Filter, Key::ch('é')), Some(Action::Insert('é')));
        assert_eq!(km.lookup(Layer::Read, Key::ch('é')), None);
    }
}
