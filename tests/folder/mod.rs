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

/// What the reader's run does after its first frame: what the start took
/// from the index unseen is checked, and the changes found taken in.
#[allow(dead_code)] // not every test of the index draws the reader
pub fn check_after_first_frame(app: &mut depeche::tui::app::App, dir: &Path) {
    app.watch = depeche::index::watch::Watch::start(dir, app.project.to_check());
    if app.project.unchecked {
        let changes = app.watch.as_ref().expect("a check").wait(std::time::Duration::from_secs(60));
        app.apply_changes(changes);
    }
}

/// The reader's screen, as text.
#[allow(dead_code)]
pub fn screen(app: &depeche::tui::app::App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| depeche::tui::view::draw(app, f)).unwrap();
    t.backend().to_string()
}
