//! A folder of dispatches for the tests of the index: copies of the
//! bundled ones (with their sidecars) and some of the test's own.

use std::path::Path;

/// The bundled dispatches, and `own` (id, text) written beside them.
pub fn bundled_and(own: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    for entry in std::fs::read_dir(bundled).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, folder.path().join(p.file_name().unwrap())).unwrap();
    }
    for (id, text) in own {
        std::fs::write(folder.path().join(format!("{id}.txt")), text).unwrap();
    }
    folder
}
