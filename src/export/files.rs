//! Writing exported files safely: only plain file names inside the output
//! folder, never through a symbolic link, never into the articles folder
//! (article files are never written), atomically (temporary file + rename).

use std::io::Write;
use std::path::{Component, Path};

use super::ExportError;

/// Creates `out` if needed and refuses the articles folder itself.
pub fn prepare_out_dir(out: &Path, articles_dir: &Path) -> Result<(), ExportError> {
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(ExportError::Refused(format!(
            "{} is a symbolic link; give the real folder to export into",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|source| ExportError::Io { path: out.to_path_buf(), source })?;
    let same = match (out.canonicalize(), articles_dir.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(ExportError::Refused(format!(
            "{} is the folder of the dispatches: exporting there would overwrite the articles; choose another folder",
            out.display()
        )));
    }
    Ok(())
}

/// Whether `name` is one plain file name (no folder, no `..`, not absolute).
pub fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!((parts.next(), parts.next()), (Some(Component::Normal(_)), None)) && !name.contains(['/', '\\'])
}

/// Writes `dir/name` atomically. A symbolic link already at that name is
/// replaced by the file, never followed.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<std::path::PathBuf, ExportError> {
    let path = dir.join(name);
    if !is_plain_name(name) {
        return Err(ExportError::Refused(format!("'{name}' is not a plain file name; nothing written")));
    }
    let io = |source| ExportError::Io { path: path.clone(), source };
    // Named like the store's temporaries: a crash's leftover says what it was.
    let mut tmp =
        tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_written() {
        assert!(is_plain_name("2020-10-21_afp.ann"));
        for bad in ["../x.ann", "/etc/passwd", "a/b.txt", "..", ".", "", "a\\b"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(write_file(dir.path(), "../escape.txt", b"x").is_err());
        assert!(!dir.path().parent().unwrap().join("escape.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_the_way_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "article").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a.txt")).unwrap();
        write_file(&out, "a.txt", b"export").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "article");
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "export");
    }

    #[test]
    fn the_articles_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = prepare_out_dir(dir.path(), dir.path()).unwrap_err().to_string();
        assert!(err.contains("overwrite the articles"), "{err}");
    }
}
