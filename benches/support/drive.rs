//! Driving the reader in a bench: open a folder at a size, draw a frame,
//! press a key and draw its frame.

use std::hint::black_box;
use std::path::Path;

use depeche::tui::action::Action;
use depeche::tui::app::App;
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::{self, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn open(dir: &Path, w: u16, h: u16) -> App {
    let mut app = tui::open(dir, &Config::default(), ReadState::default()).unwrap();
    update::update(&mut app, Action::Resize(w, h));
    app
}

pub fn frame(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| view::draw(app, f)).unwrap();
}

pub fn key_frame(app: &mut App, term: &mut Terminal<TestBackend>, key: Key) {
    black_box(update::handle_key(app, key));
    frame(app, term);
}

/// A resize there and back; the terminal resizes with the app, as a real
/// one does (a frame of the old width would make the view lay the screen
/// out anew inside the draw).
pub fn resize_frames(app: &mut App, term: &mut Terminal<TestBackend>, h: u16) {
    for w in [199, 200] {
        update::update(app, Action::Resize(w, h));
        term.backend_mut().resize(w, h);
        frame(app, term);
    }
}
