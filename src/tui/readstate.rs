//! Which dispatches were read and where each was left, kept between runs in
//! the user's data folder (never beside the articles). Written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default)]
    pub read: bool,
    /// Code point offset of the first line shown.
    #[serde(default)]
    pub top: usize,
}

/// Per folder of dispatches (by absolute path), per article id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadState {
    #[serde(default)]
    pub folders: BTreeMap<String, BTreeMap<String, Entry>>,
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `$XDG_DATA_HOME/depeche/readstate.json` (or the platform's data folder).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "depeche").map(|d| d.data_dir().join("readstate.json"))
}

fn folder_key(dir: &Path) -> String {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()).display().to_string()
}

impl ReadState {
    /// Loads the state file. A missing file is an empty state; an unreadable
    /// one an error in words (the reader then starts from an empty state).
    pub fn load(path: Option<PathBuf>) -> Result<ReadState, String> {
        let Some(p) = path else { return Ok(ReadState::default()) };
        let mut state = match std::fs::read(&p) {
            Ok(bytes) => serde_json::from_slice::<ReadState>(&bytes)
                .map_err(|e| format!("{} is not valid, read marks start afresh: {e}", p.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ReadState::default(),
            Err(e) => return Err(format!("cannot read {}: {e}", p.display())),
        };
        state.path = Some(p);
        Ok(state)
    }

    pub fn get(&self, dir: &Path, id: &str) -> Entry {
        self.folders.get(&folder_key(dir)).and_then(|f| f.get(id)).copied().unwrap_or_default()
    }

    /// All entries of a folder, looked up once (the key canonicalises a path).
    pub fn folder(&self, dir: &Path) -> BTreeMap<String, Entry> {
        self.folders.get(&folder_key(dir)).cloned().unwrap_or_default()
    }

    pub fn set_folder(&mut self, dir: &Path, entries: BTreeMap<String, Entry>) {
        self.folders.insert(folder_key(dir), entries);
    }

    /// Writes the state: temporary file in the same folder, fsync, rename.
    pub fn save(&self) -> Result<(), String> {
        let Some(p) = &self.path else { return Ok(()) };
        let dir = p.parent().unwrap_or(Path::new("."));
        let fail = |e: std::io::Error| format!("cannot save read marks to {}: {e}", p.display());
        std::fs::create_dir_all(dir).map_err(fail)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| fail(std::io::Error::other(e)))?;
        tmp.write_all(&bytes).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        tmp.persist(p).map_err(|e| fail(e.error))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_data_folder() {
        let data = tempfile::tempdir().unwrap();
        let articles = tempfile::tempdir().unwrap();
        let p = data.path().join("sub/readstate.json");
        let mut s = ReadState::load(Some(p.clone())).unwrap();
        let mut f = s.folder(articles.path());
        f.insert("a".into(), Entry { read: true, top: 42 });
        s.set_folder(articles.path(), f);
        s.save().unwrap();
        let back = ReadState::load(Some(p.clone())).unwrap();
        assert_eq!(back.get(articles.path(), "a"), Entry { read: true, top: 42 });
        assert_eq!(back.get(articles.path(), "b"), Entry::default());
        std::fs::write(&p, "{oops").unwrap();
        assert!(ReadState::load(Some(p)).unwrap_err().contains("readstate.json"));
    }
}
