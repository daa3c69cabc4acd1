//! The terminal application: the reader (and, in `annotate`, the annotator).
//!
//! Elm architecture: a key becomes an [`action::Action`] through the
//! [`keymap`] of the top layer, [`update::update`] changes the [`app::App`]
//! and returns effects, [`view::draw`] draws. Only [`run`] touches the
//! terminal ([`terminal`]) and the disk.

pub mod action;
pub mod adjudicate;
pub mod app;
pub mod config;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod live;
pub mod readstate;
pub mod reflow;
pub mod scroll;
pub mod side;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;
pub mod wrap;

use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use action::Action;
use app::App;
use config::Config;
use keymap::{Key, Keymap};
use readstate::ReadState;
use theme::Theme;
use update::Effect;

/// Why the reader cannot start (or stopped): its own errors, so that the
/// reader and the command line are siblings over the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    /// A config file that does not read or apply, in words (file, line).
    #[error("{0}")]
    Config(String),
    #[error(
        "the reader needs a terminal (stdin and stdout); for scripts use the subcommands: depeche list, show, claims, timeline (depeche --help)"
    )]
    NoTerminal,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Builds the app for `dir` with the user's config: everything but the
/// terminal, so that a bad config or folder is an error before the screen
/// changes.
pub fn open(dir: &Path, config: &Config, readstate: ReadState) -> Result<App, Error> {
    let project = crate::project::Project::open_indexed(dir, crate::index::Texts::Lazy)?;
    let mut theme = Theme::new(&project.labels, Theme::no_color_env());
    let mut keymap = Keymap::default();
    annotate::glue::install_keys(&mut keymap, &project.labels);
    adjudicate::keys::install(&mut keymap);
    let file = || config::path().map(|p| p.display().to_string()).unwrap_or_else(|| "config.toml".into());
    let warnings = config
        .apply(&mut theme, &mut keymap)
        .map_err(|e| Error::Config(format!("the config file {} is not valid: {e}", file())))?;
    let mut app = App::new(project, theme, keymap, readstate);
    app.annotator = config.annotator.clone().unwrap_or_default();
    if let Some(w) = warnings.first() {
        let more =
            if warnings.len() > 1 { format!(" (and {} more)", warnings.len() - 1) } else { String::new() };
        app.set_error(format!("{}: {w}{more}", file()));
    }
    Ok(app)
}

/// Opens the reader on the dispatches of `dir` until the user quits. Meant
/// to end the process: what the reader held is left to the system.
pub fn run(dir: &Path) -> Result<(), Error> {
    let config = match config::path() {
        Some(p) => Config::load_from(&p).map_err(Error::Config)?,
        None => Config::default(),
    };
    let (readstate, warning) = match ReadState::load(readstate::default_path()) {
        Ok(s) => (s, None),
        Err(e) => (ReadState { path: readstate::default_path(), ..Default::default() }, Some(e)),
    };
    let mut app = open(dir, &config, readstate)?;
    if let Some(w) = warning {
        app.set_error(w);
    }
    app.watch = crate::index::watch::Watch::start(dir, app.project.to_check());
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let mut screen = terminal::Screen::enter()?;
    let size = screen.term.size()?;
    update::update(&mut app, Action::Resize(size.width, size.height));
    let result = event_loop(&mut app, &mut screen);
    drop(screen);
    app.store_readstate();
    if let Err(e) = app.readstate.save() {
        eprintln!("depeche: {e}");
    }
    // Everything to keep is written. Freeing the state of a large archive
    // one piece at a time would keep the shell waiting (1.7 s for a million
    // dispatches); the process ends now and the system takes it back.
    std::mem::forget(app);
    result.map_err(Error::from)
}

/// How long the keys must pause before the side pane's digests are made.
const QUIET_BEFORE_DIGEST: Duration = Duration::from_millis(120);

/// Draw, then wait for events; draw again after a burst of events or a
/// finished piece of idle work, never on a timer.
fn event_loop(app: &mut App, screen: &mut terminal::Screen) -> std::io::Result<()> {
    loop {
        screen.draw(|f| view::draw(app, f))?;
        // An annotation change is drawn first, then written at once; the
        // next frame says "saved" or why not.
        if after_frame(app) {
            continue;
        }
        // Idle work (suggestions, digests) runs while no key is waiting.
        // Digests slow to make (a big folder) wait for the keys to pause: a
        // key held down through the list is not held up by the pane of
        // every dispatch it passes.
        while !event::poll(Duration::ZERO)? {
            if app.next_job_is_slow_digest() && event::poll(QUIET_BEFORE_DIGEST)? {
                break;
            }
            if app.take_background() {
                update::settle(app);
            }
            if !app.run_job() {
                break;
            }
            update::settle(app);
            if !event::poll(Duration::ZERO)? {
                screen.draw(|f| view::draw(app, f))?;
            }
        }
        // A long dispatch read on the worker: progress and suggestions are
        // drawn as they come, keys answered meanwhile.
        if worker::wait(app)? {
            update::settle(app);
            continue;
        }
        // The index's answer to the filter's words, the watched folder's
        // changes: taken in between keys.
        if live::wait(app)? {
            update::settle(app);
            continue;
        }
        let first = event::read()?;
        handle(app, first)?;
        // Batch what is already queued: one frame for a burst of keys.
        while !app.quit && event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            handle(app, ev)?;
        }
        if app.quit {
            return Ok(());
        }
    }
}

fn handle(app: &mut App, ev: Event) -> std::io::Result<()> {
    let effects = match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => update::handle_key(app, Key::from_event(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                update::update(app, Action::Click { col: m.column, row: m.row })
            }
            MouseEventKind::ScrollDown => {
                update::update(app, Action::Wheel { col: m.column, row: m.row, down: true })
            }
            MouseEventKind::ScrollUp => {
                update::update(app, Action::Wheel { col: m.column, row: m.row, down: false })
            }
            _ => Vec::new(),
        },
        Event::Resize(w, h) => update::update(app, Action::Resize(w, h)),
        Event::Paste(s) => update::update(app, Action::Paste(s)),
        _ => Vec::new(),
    };
    for e in effects {
        perform(app, e);
    }
    Ok(())
}

/// What the run loop does once a frame is drawn: an annotation change
/// shown is written now. True when something was written (draw again).
pub fn after_frame(app: &mut App) -> bool {
    if !app.annotation.flush_pending {
        return false;
    }
    annotate::glue::flush(app);
    update::settle(app);
    true
}

/// The run loop's side of an effect: the disk.
pub fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Quit => app.quit = true,
        Effect::SaveReadState => {
            if let Err(e) = app.readstate.save() {
                app.set_error(e);
            }
        }
        Effect::FlushAnnotations => app.annotation.flush_pending = true,
        Effect::SaveNow => annotate::glue::flush(app),
        Effect::QuitIfSaved => {
            for e in annotate::glue::quit_if_saved(app) {
                perform(app, e);
            }
        }
        Effect::SaveElsewhere(path) => {
            for e in annotate::glue::save_elsewhere(app, &path) {
                perform(app, e);
            }
        }
        Effect::DiscardAndQuit => {
            for e in annotate::glue::discard_and_quit(app) {
                perform(app, e);
            }
        }
        Effect::ReadHistory => {
            for e in annotate::glue::read_history(app) {
                perform(app, e);
            }
        }
        Effect::SaveSidecar(i) => {
            let (Some(article), Some(sidecar)) =
                (app.project.articles.get(i), app.project.sidecars.get_mut(i))
            else {
                return;
            };
            match sidecar.save(article) {
                Ok(()) => app.save = app::SaveState::Saved,
                Err(e) => {
                    app.save = app::SaveState::Failed(e.to_string());
                    app.set_error(e.to_string());
                }
            }
        }
    }
}

pub mod annotate;
