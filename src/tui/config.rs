//! `$XDG_CONFIG_HOME/depeche/config.toml`: colours, key overrides by action
//! name, the annotator's name. No file is fine; a bad file is an error that
//! names the file and what is wrong.
//!
//! ```toml
//! annotator = "marie"
//! [theme]
//! accent = "magenta"
//! PER = "#ff8800"
//! [keys.read]
//! quit = "Q"
//! down = ["j", "ctrl-n"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::keymap::{Key, Keymap, Layer};
use super::theme::Theme;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub annotator: Option<String>,
    #[serde(default)]
    pub theme: BTreeMap<String, String>,
    #[serde(default)]
    pub keys: BTreeMap<String, BTreeMap<String, OneOrMany>>,
    /// The file's text, to name the line of a binding that is wrong.
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn as_slice(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// The config file's path, when there is a home to put it in.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "depeche").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the config file; `Ok(default)` when there is none.
    pub fn load_from(path: &Path) -> Result<Config, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(format!("cannot read the config file {}: {e}", path.display())),
        };
        Config::parse(&text).map_err(|e| format!("the config file {} is not valid: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let mut c: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        c.text = text.to_string();
        Ok(c)
    }

    /// "line N: " for the line binding `action` under `[keys.layer]`, when
    /// the file's text is known.
    fn line_of(&self, layer: &str, action: &str) -> String {
        let mut in_table = false;
        for (n, line) in self.text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                let name: String = t.chars().filter(|c| !c.is_whitespace() && *c != '"').collect();
                in_table = name == format!("[keys.{layer}]");
                continue;
            }
            let key = t.split('=').next().unwrap_or("").trim().trim_matches(['"', '\'']);
            if in_table && key == action {
                return format!("line {}: ", n + 1);
            }
        }
        String::new()
    }

    /// Applies colours and key overrides; names what is wrong (and its
    /// line). Returns warnings: keys a binding took from another action.
    pub fn apply(&self, theme: &mut Theme, keymap: &mut Keymap) -> Result<Vec<String>, String> {
        for (slot, value) in &self.theme {
            theme.set(slot, value).map_err(|e| format!("[theme] {slot}: {e}"))?;
        }
        let mut warnings = Vec::new();
        for (layer_name, bindings) in &self.keys {
            let layer = Layer::from_name(layer_name).ok_or_else(|| {
                let known: Vec<_> = Layer::ALL.iter().map(|l| l.name()).collect();
                format!("[keys.{layer_name}]: unknown mode (known: {})", known.join(", "))
            })?;
            for (action, keys) in bindings {
                let at = self.line_of(layer_name, action);
                let keys: Vec<Key> = keys
                    .as_slice()
                    .into_iter()
                    .map(Key::parse)
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("{at}[keys.{layer_name}] {action}: {e}"))?;
                let taken = keymap
                    .rebind(layer, action, &keys)
                    .map_err(|e| format!("{at}[keys.{layer_name}]: {e}"))?;
                for (key, from) in taken {
                    // The digits' count row is no binding of its own.
                    let Some(from) = from.config_name() else { continue };
                    warnings.push(format!(
                        "{at}[keys.{layer_name}] {key} was the key of {from}; it is now {action}'s"
                    ));
                }
            }
        }
        Ok(warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::LabelSchema;
    use crate::tui::action::Action;

    #[test]
    fn applies_colours_and_rebinds_by_action_name() {
        let c = Config::parse(
            "annotator = \"marie\"\n[theme]\nPER = \"red\"\n[keys.read]\nquit = \"Q\"\ndown = [\"j\", \"ctrl-n\"]\n",
        )
        .unwrap();
        let mut theme = Theme::new(&LabelSchema::default(), false);
        let mut km = Keymap::default();
        c.apply(&mut theme, &mut km).unwrap();
        assert_eq!(c.annotator.as_deref(), Some("marie"));
        assert_eq!(km.lookup(Layer::Read, Key::ch('Q')), Some(Action::Quit));
        assert_eq!(km.lookup(Layer::Read, Key::parse("ctrl-n").unwrap()), Some(Action::Down));
    }

    #[test]
    fn an_unknown_action_names_its_line_and_a_conflict_warns() {
        let text = "annotator = \"marie\"\n\n[keys.read]\nquit = \"Q\"\nfly = \"x\"\n";
        let c = Config::parse(text).unwrap();
        let mut theme = Theme::new(&LabelSchema::default(), false);
        let e = c.apply(&mut theme, &mut Keymap::default()).unwrap_err();
        assert!(e.starts_with("line 5: ") && e.contains("unknown action 'fly'"), "{e}");
        let c = Config::parse("[keys.read]\ntoggle_sort = \"q\"\n").unwrap();
        let warnings = c.apply(&mut theme, &mut Keymap::default()).unwrap();
        assert_eq!(warnings, ["line 2: [keys.read] q was the key of quit; it is now toggle_sort's"]);
        let mut km = Keymap::default();
        crate::tui::annotate::glue::install_keys(&mut km, &LabelSchema::default());
        let c = Config::parse("[keys.annotate]\nundo = \"1\"\n").unwrap();
        let warnings = c.apply(&mut theme, &mut km).unwrap();
        assert_eq!(warnings, ["line 2: [keys.annotate] 1 was the key of label:PER; it is now undo's"]);
    }

    #[test]
    fn a_bad_config_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "[theme\n").unwrap();
        let e = Config::load_from(&p).unwrap_err();
        assert!(e.contains("config.toml") && e.contains("line 1"), "{e}");
        let c = Config::parse("[keys.read]\nfly = \"x\"\n").unwrap();
        let e = c.apply(&mut Theme::new(&LabelSchema::default(), false), &mut Keymap::default()).unwrap_err();
        assert!(e.contains("unknown action 'fly'"), "{e}");
        assert!(Config::parse("colour = 1\n").unwrap_err().contains("unknown field"));
        assert_eq!(Config::load_from(&dir.path().join("none.toml")).unwrap(), Config::default());
    }
}
