//! What each fuzz target does with its bytes, shared with the short
//! proptest version in `tests/fuzz_props.rs` (included there by path).
//! Every function panics only when depeche breaks a promise: a panic inside
//! depeche, or a property checked here (what is written reads back).

use std::path::{Path, PathBuf};

use depeche::annotation::store::{self, FileLayer, Sidecar};
use depeche::corpus;

/// A dispatch the targets that need a project annotate.
pub const DISPATCH: &str = "Moscou, 21 oct 2020 (AFP) - Selon Bakou, plus de 60 civils ont été tués \
depuis le 27 septembre, a déclaré mercredi le ministère azerbaïdjanais de la Défense.\n\
Erevan dément. Sergueï Lavrov a reçu les deux ministres.\n";

/// Cuts `data` in two at the first `0xff` byte (never in UTF-8 text).
fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// The disk without its flushes: the fuzzers write thousands of small
/// files a second into a temporary folder that never needs to survive.
struct NoSync;

impl FileLayer for NoSync {
    fn sync_file(&self, _: &std::fs::File) -> std::io::Result<()> {
        Ok(())
    }
    fn sync_folder(&self, _: &Path) -> std::io::Result<()> {
        Ok(())
    }
}

/// A folder with `DISPATCH` as `a.txt` (and `extra` files).
fn project_folder(extra: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().to_path_buf();
    std::fs::write(dir.join("a.txt"), DISPATCH).expect("written");
    for (name, bytes) in extra {
        std::fs::write(dir.join(name), bytes).expect("written");
    }
    (tmp, dir)
}

/// Decoding and loading an article from any bytes.
pub fn article(data: &[u8]) {
    let path = Path::new("2020-10-21_fuzz.txt");
    let a = corpus::from_bytes(path, data);
    let n = a.text.chars().count();
    // Offsets are code points of the text, and every one slices.
    assert_eq!(a.slice(0, n), a.text);
    let _ = a.slice(n / 2, n);
    let _ = corpus::try_from_bytes(path, data);
}

/// The sidecar parser and re-anchoring: `TEXT 0xff SIDECAR`. A sidecar that
/// reads, once written back, reads again to the same annotations.
pub fn sidecar(data: &[u8]) {
    let (text, sidecar) = split(data);
    let path = Path::new("a.ann.jsonl");
    let article = corpus::from_bytes(Path::new("a.txt"), text);
    let Ok(parsed) = store::parse_sidecar(path, sidecar) else { return };
    let Ok(anchored) = store::anchor(path, parsed, &article) else { return };
    let mut header = anchored.header.clone();
    header.text_sha256 = store::sha256_hex(article.text.as_bytes());
    let bytes = store::serialize_sidecar(&header, &anchored.annotations, &anchored.orphans);
    let again = store::parse_sidecar(path, &bytes)
        .and_then(|p| store::anchor(path, p, &article))
        .unwrap_or_else(|e| panic!("a sidecar depeche wrote does not read back: {e}"));
    assert_eq!(again.annotations, anchored.annotations, "annotations changed by a write and a read");
    assert_eq!(again.orphans, anchored.orphans, "orphans changed by a write and a read");
}

/// The brat reader: `TXT 0xff ANN`.
pub fn brat(data: &[u8]) {
    let (txt, ann) = split(data);
    let txt = String::from_utf8_lossy(txt);
    let ann = String::from_utf8_lossy(ann);
    let mut batch = depeche::export::import::Batch::new(Path::new("a.ann"));
    let source = depeche::export::anchor::SourceText::new(&txt);
    depeche::export::brat::parse(&mut batch, "a", &ann, &source);
}

/// The JSONL import (depeche's complete lines, doccano's two shapes, W3C),
/// read and applied to a project: whatever it accepts, every sidecar it
/// writes reads back.
pub fn import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (_tmp, dir) = project_folder(&[]);
    let Ok(mut project) = depeche::project::Project::open(&dir) else { return };
    let mut batch = depeche::export::import::Batch::new(&dir.join("in.jsonl"));
    depeche::export::jsonl::parse(&mut batch, &text, &project);
    let options = depeche::export::import::ImportOptions { add_labels: data.first() == Some(&b'{') };
    store::with_layer(NoSync, || depeche::export::import::apply(&mut project, vec![batch], options));
    let project = depeche::project::Project::open(&dir).expect("an import leaves a project that opens");
    for (article, _) in project.articles.iter().zip(&project.sidecars) {
        let sc = Sidecar::load(article);
        assert!(sc.is_writable(), "an import wrote a sidecar that does not read: {:?}", sc.error());
    }
}

/// The settings files: the first byte picks config.toml, labels.toml,
/// claimants.toml or parties.toml; the rest is its text.
pub fn settings(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let path = Path::new("settings.toml");
    match which % 4 {
        0 => {
            if let Ok(config) = depeche::tui::config::Config::parse(&text) {
                let labels = depeche::annotation::LabelSchema::default();
                let mut theme = depeche::tui::theme::Theme::new(&labels, false);
                let mut keymap = depeche::tui::keymap::Keymap::default();
                let _ = config.apply(&mut theme, &mut keymap);
            }
        }
        1 => {
            let (_tmp, dir) = project_folder(&[("labels.toml", rest)]);
            if let Ok(schema) = depeche::annotation::LabelSchema::load(&dir) {
                // A schema that loads saves, and loads back the same.
                store::with_layer(NoSync, || schema.save(&dir)).expect("a valid schema saves");
                let back = depeche::annotation::LabelSchema::load(&dir).expect("a saved schema loads");
                assert_eq!(back.labels.len(), schema.labels.len());
            }
        }
        2 => {
            let _ = depeche::digest::claimants::Claimants::parse(&text, path);
        }
        _ => {
            let _ = depeche::digest::parties::Parties::parse(&text, path);
        }
    }
}

/// One key from two bytes: the kind of key, then which.
fn key(kind: u8, which: u8) -> Option<depeche::tui::keymap::Key> {
    use crossterm::event::{KeyCode as C, KeyEvent, KeyModifiers as M};
    const CHARS: &[char] = &[
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
        'u', 'v', 'w', 'x', 'y', 'z', 'A', 'D', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R',
        'S', 'U', 'V', 'W', 'X', 'Y', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '/', '?', ':',
        ';', ',', '.', '!', '*', '-', '+', '=', '<', '>', '[', ']', '{', '}', '(', ')', '\'', '"', '$', '^',
        '%', '#', '@', '&', '|', '~', '`', 'é', '\u{1b}', '\u{202e}', '\u{9b}',
    ];
    let c = CHARS[which as usize % CHARS.len()];
    let code = match kind % 12 {
        0..=4 => C::Char(c),
        5 => C::Enter,
        6 => C::Esc,
        7 => [C::Tab, C::BackTab, C::Backspace, C::Delete][which as usize % 4],
        8 => [C::Up, C::Down, C::Left, C::Right][which as usize % 4],
        9 => [C::PageUp, C::PageDown, C::Home, C::End][which as usize % 4],
        10 => C::F(which % 12 + 1),
        _ => return None,
    };
    let mods = match kind / 12 % 4 {
        1 => M::CONTROL,
        2 => M::ALT,
        3 => M::SHIFT,
        _ => M::NONE,
    };
    Some(depeche::tui::keymap::Key::from_event(KeyEvent::new(code, mods)))
}

/// Random key sequences through the reader's own keymap and update, on a
/// fresh copy of a small project, drawing the screen as it goes; a kind
/// byte of 11 resizes the terminal instead.
pub fn keys(data: &[u8]) {
    use depeche::tui::update::{self, Effect};
    let (_tmp, dir) = project_folder(&[("b.txt", DISPATCH.replace("Bakou", "Tbilissi").as_bytes())]);
    let config = depeche::tui::config::Config::default();
    let readstate = depeche::tui::readstate::ReadState::default();
    let Ok(mut app) = depeche::tui::open(&dir, &config, readstate) else { return };
    let mut size = (100u16, 30u16);
    update::update(&mut app, depeche::tui::action::Action::Resize(size.0, size.1));
    store::with_layer(NoSync, || {
        for (n, pair) in data.chunks(2).take(400).enumerate() {
            let (kind, which) = (pair[0], *pair.get(1).unwrap_or(&0));
            let effects = match key(kind, which) {
                Some(k) => update::handle_key(&mut app, k),
                None => {
                    size = (10 + u16::from(which) % 200, 3 + u16::from(kind) % 60);
                    update::update(&mut app, depeche::tui::action::Action::Resize(size.0, size.1))
                }
            };
            app.run_all_jobs();
            update::settle(&mut app);
            if n % 8 == 0 {
                draw(&app, size);
            }
            if effects.contains(&Effect::Quit) {
                break;
            }
        }
        draw(&app, size);
    });
}

fn draw(app: &depeche::tui::app::App, (w, h): (u16, u16)) {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a test terminal");
    term.draw(|f| depeche::tui::view::draw(app, f)).expect("drawn");
}
