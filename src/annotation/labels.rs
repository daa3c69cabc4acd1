//! The label schema: `articles/labels.toml`, like brat's annotation.conf.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::Kind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: String,
    pub kind: Kind,
    /// The key that gives a selection this label in annotate mode.
    pub key: char,
    /// A colour name ratatui understands ("red", "light-blue", "#aa5500").
    pub color: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelSchema {
    #[serde(rename = "label")]
    pub labels: Vec<LabelDef>,
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

fn def(name: &str, kind: Kind, key: char, color: &str, description: &str) -> LabelDef {
    LabelDef { name: name.into(), kind, key, color: color.into(), description: description.into() }
}

impl Default for LabelSchema {
    fn default() -> Self {
        LabelSchema {
            labels: vec![
                def("PER", Kind::Entity, '1', "light-magenta", "a named person"),
                def(
                    "LOC",
                    Kind::Entity,
                    '2',
                    "light-green",
                    "a named place, or a place standing for its government",
                ),
                def(
                    "ORG",
                    Kind::Entity,
                    '3',
                    "light-cyan",
                    "a named organisation, agency, outlet or institution",
                ),
                def(
                    "FIGURE",
                    Kind::Figure,
                    '4',
                    "light-yellow",
                    "a cardinal quantity with its qualifier and counted noun",
                ),
                def(
                    "DATE",
                    Kind::Date,
                    '5',
                    "light-blue",
                    "a temporal expression pointing at a day or a month",
                ),
                def(
                    "CLAIM",
                    Kind::Claim,
                    '6',
                    "light-red",
                    "an attributed count of killed, wounded, displaced…",
                ),
                def(
                    "EVENT",
                    Kind::Event,
                    '7',
                    "yellow",
                    "something that happened on a date, worth a timeline line",
                ),
                def("TAG", Kind::Tag, '8', "gray", "a free tag: boilerplate, quote, correction"),
            ],
        }
    }
}

impl LabelSchema {
    /// `DIR/labels.toml`, or the built-in default when the file is absent.
    pub fn load(dir: &Path) -> Result<LabelSchema, SchemaError> {
        let path = dir.join("labels.toml");
        let shown = path.display().to_string();
        let text = match crate::bounded::read_text(&path) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(LabelSchema::default()),
            Err(source) => return Err(SchemaError::Io { path: shown, source }),
        };
        let schema: LabelSchema = toml::from_str(&text)
            .map_err(|e| SchemaError::Invalid { path: shown.clone(), message: e.to_string() })?;
        schema.validate().map_err(|message| SchemaError::Invalid { path: shown, message })?;
        Ok(schema)
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen_names = std::collections::HashSet::new();
        let mut seen_keys = std::collections::HashSet::new();
        if self.labels.is_empty() {
            return Err("no label is defined: add at least one [[label]] table".into());
        }
        for l in &self.labels {
            if l.name.trim().is_empty() {
                return Err("a label has an empty name".into());
            }
            if l.name.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(format!("label \"{}\": a name is one word", crate::text::inert(&l.name)));
            }
            if l.key.is_whitespace() || l.key.is_control() {
                return Err(format!("label {}: its key must be a visible character", l.name));
            }
            if !seen_names.insert(l.name.as_str()) {
                return Err(format!("label {} is defined twice", l.name));
            }
            if !seen_keys.insert(l.key) {
                return Err(format!("key '{}' is given to two labels", l.key));
            }
        }
        Ok(())
    }

    /// Writes the schema to `DIR/labels.toml` atomically (temporary file in
    /// the same folder, then rename), after checking it is valid.
    pub fn save(&self, dir: &Path) -> Result<(), SchemaError> {
        let path = dir.join("labels.toml");
        let shown = path.display().to_string();
        self.validate().map_err(|message| SchemaError::Invalid { path: shown.clone(), message })?;
        let text = toml::to_string(self)
            .map_err(|e| SchemaError::Invalid { path: shown.clone(), message: e.to_string() })?;
        // Durable as a sidecar: the folder is synced after the rename too.
        crate::annotation::store::write_atomic(&path, text.as_bytes()).map_err(|f| SchemaError::Io {
            path: shown.clone(),
            source: std::io::Error::new(f.source.kind(), f.to_string()),
        })
    }

    pub fn get(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn by_key(&self, key: char) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.key == key)
    }

    /// The kind a label belongs to (entity for an unknown label).
    pub fn kind_of(&self, name: &str) -> Kind {
        self.get(name).map(|l| l.kind).unwrap_or(Kind::Entity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_has_the_design_labels_with_distinct_keys() {
        let s = LabelSchema::default();
        let names: Vec<_> = s.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["PER", "LOC", "ORG", "FIGURE", "DATE", "CLAIM", "EVENT", "TAG"]);
        assert!(s.validate().is_ok());
        assert_eq!(s.by_key('6').unwrap().kind, Kind::Claim);
    }

    #[test]
    fn a_saved_schema_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = LabelSchema::default();
        s.labels.push(def("WEAPON", Kind::Entity, 'W', "red", "a weapon system"));
        s.save(dir.path()).unwrap();
        assert_eq!(LabelSchema::load(dir.path()).unwrap(), s);
    }

    #[test]
    fn a_toml_file_overrides_and_a_bad_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("labels.toml"),
            "[[label]]\nname = \"WEAPON\"\nkind = \"entity\"\nkey = \"w\"\ncolor = \"red\"\n",
        )
        .unwrap();
        assert_eq!(LabelSchema::load(dir.path()).unwrap().labels[0].name, "WEAPON");
        std::fs::write(dir.path().join("labels.toml"), "[[label]]\nname = 3\n").unwrap();
        let err = LabelSchema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("labels.toml"), "{err}");
        let two = "[[label]]\nname = \"A\"\nkind = \"entity\"\nkey = \"a\"\ncolor = \"red\"\n\
                   [[label]]\nname = \"B\"\nkind = \"tag\"\nkey = \"a\"\ncolor = \"red\"\n";
        std::fs::write(dir.path().join("labels.toml"), two).unwrap();
        let err = LabelSchema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("key 'a' is given to two labels"), "{err}");
        let spaced = "[[label]]\nname = \"MY LABEL\"\nkind = \"tag\"\nkey = \" \"\ncolor = \"red\"\n";
        std::fs::write(dir.path().join("labels.toml"), spaced).unwrap();
        let err = LabelSchema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("one word"), "{err}");
        std::fs::write(dir.path().join("labels.toml"), "label = []\n").unwrap();
        let err = LabelSchema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("no label"), "{err}");
    }
}
