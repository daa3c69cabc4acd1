//! The alias files of a project (`claimants.toml`, `parties.toml`): tables
//! of a name shown and the other names that mean it, read the same way.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One `[[claimant]]` or `[[party]]` table: the name shown and its aliases.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClaimantsError {
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{path}:{line}: {message}")]
    Invalid { path: PathBuf, line: usize, message: String },
}

/// The file `dir/name` parsed as `T`; `T::default()` without the file.
pub fn load<T: Default>(
    dir: &Path,
    name: &str,
    parse: impl Fn(&str, &Path) -> Result<T, ClaimantsError>,
) -> Result<T, ClaimantsError> {
    let path = dir.join(name);
    match crate::bounded::read_text(&path) {
        Ok(Some(text)) => parse(&text, &path),
        Ok(None) => Ok(T::default()),
        Err(e) => Err(ClaimantsError::Read { path, message: e.to_string() }),
    }
}

/// `text` as TOML of type `T`, whose `[[table]]` entries (given by
/// `entries`) must each have a name; errors name `path` and the line.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    table: &str,
    entries: impl Fn(&T) -> &[AliasEntry],
) -> Result<T, ClaimantsError> {
    let invalid = |line: usize, message: String| ClaimantsError::Invalid { path: path.into(), line, message };
    let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
    let parsed: T = toml::from_str(text)
        .map_err(|e| invalid(e.span().map_or(1, |s| line_of(s.start)), e.message().to_string()))?;
    if let Some(n) = entries(&parsed).iter().position(|e| e.name.trim().is_empty()) {
        let header = format!("[[{table}]]");
        let line = text.match_indices(&header).nth(n).map_or(1, |(i, _)| line_of(i));
        return Err(invalid(line, format!("a {header} has an empty name")));
    }
    Ok(parsed)
}
