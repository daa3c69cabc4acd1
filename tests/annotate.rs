//! Annotate mode by key sequences through the application's own keymap:
//! the state in memory and the sidecar on disk after each, undo/redo, forms,
//! conflicts and failed saves, and a property test over random keys on
//! random texts.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::annotation::edit::editor::{Editor, SaveStatus};
use depeche::annotation::{Annotation, Attrs, Kind, Qualifier, Sidecar, Status, What};
use depeche::tui::action::Action;
use depeche::tui::annotate::session::Session;
use depeche::tui::app::{App, Mode};
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::theme::Theme;
use depeche::tui::update;
use proptest::prelude::*;

/// Annotate mode in the shipping application: keys through the app's own
/// keymap, effects performed as the run loop performs them. The session's
/// suggestions are the test's own (none unless given), not the extractor's.
struct H {
    _dir: tempfile::TempDir,
    app: App,
    /// Esc left annotate mode.
    left: bool,
}

fn suggestion(text: &str, needle: &str, kind: Kind, label: &str, attrs: Attrs) -> Annotation {
    let b = text.find(needle).expect("needle in text");
    let start = text[..b].chars().count();
    let mut a = Annotation::new(text, kind, label, start, start + needle.chars().count());
    a.status = Status::Suggested;
    a.attrs = attrs;
    a
}

impl H {
    fn with_articles(files: &[(&str, &str)]) -> H {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let first = files[0].0.trim_end_matches(".txt").to_string();
        let mut h = H::start(dir, Editor::new("tester"));
        h.annotate(&first);
        h
    }

    /// The app on `dir` with `editor` (and its history, if any).
    fn start(dir: tempfile::TempDir, editor: Editor) -> H {
        let mut app = depeche::tui::open(dir.path(), &Config::default(), ReadState::default()).unwrap();
        app.theme = Theme::new(&app.project.labels, true);
        app.annotator = "tester".into();
        app.annotation.editor = editor;
        update::update(&mut app, Action::Resize(160, 48));
        app.run_all_jobs();
        update::settle(&mut app);
        H { _dir: dir, app, left: false }
    }

    /// `i` on dispatch `id`, with no suggestions; what opening said.
    fn annotate(&mut self, id: &str) -> Option<String> {
        let i = self.app.project.position(id).expect("the dispatch is in the folder");
        update::show(&mut self.app, i);
        self.press("i");
        let note = self.s().message();
        self.set_suggestions(Vec::new());
        note
    }

    /// The session again on the same dispatch, with these suggestions.
    fn set_suggestions(&mut self, s: Vec<Annotation>) {
        let i = self.app.current;
        self.app.annotation.session =
            Some(Session::new(&self.app.project, i, s, &self.app.annotation.editor));
    }

    fn new(text: &str) -> H {
        H::with_articles(&[("a.txt", text)])
    }

    fn suggest(mut self, s: Vec<Annotation>) -> H {
        self.set_suggestions(s);
        self
    }

    fn s(&self) -> &Session {
        self.app.annotation.session.as_ref().expect("annotating")
    }

    fn editor(&self) -> &Editor {
        &self.app.annotation.editor
    }

    fn text(&self) -> &str {
        &self.app.project.articles[self.app.current].text
    }

    fn path(&self) -> PathBuf {
        self.app.project.sidecars[self.app.current].path.clone()
    }

    /// Presses keys as the terminal sends them; `<Esc>`, `<Enter>`,
    /// `<Tab>`, `<S-Tab>`, `<BS>`, `<C-r>`, `<C-s>`.
    fn press(&mut self, keys: &str) -> &mut H {
        for ev in parse_keys(keys) {
            let fx = update::handle_key(&mut self.app, Key::from_event(ev));
            for e in fx {
                depeche::tui::perform(&mut self.app, e);
            }
            depeche::tui::after_frame(&mut self.app);
            self.app.run_all_jobs();
            update::settle(&mut self.app);
            if self.app.mode == Mode::Read {
                self.left = true;
            }
        }
        self
    }

    fn memory(&self) -> Vec<Annotation> {
        self.app.project.sidecars[self.app.current].annotations.clone()
    }

    fn disk(&self) -> Vec<Annotation> {
        Sidecar::load(&self.app.project.articles[self.app.current]).annotations
    }

    /// Keeps the undo history in `dir`, as the application does.
    fn with_history(mut self, dir: &Path) -> H {
        self.app.annotation.editor = Editor::new("tester").with_history(dir.to_path_buf());
        let i = self.app.current;
        // As entering annotate mode does: the key asks, the run loop reads.
        self.app.annotation.editor.want_history(i);
        depeche::tui::perform(&mut self.app, update::Effect::ReadHistory);
        self.set_suggestions(Vec::new());
        assert_eq!(self.s().message(), None);
        self
    }

    /// A new run on the same folder and history: what a restart sees, and
    /// what opening the dispatch said about its history.
    fn restart(self, history: &Path) -> (H, Option<String>) {
        let id = self.app.project.articles[self.app.current].id.clone();
        let mut h = H::start(self._dir, Editor::new("tester").with_history(history.to_path_buf()));
        let note = h.annotate(&id);
        (h, note)
    }

    fn labelled(list: &[Annotation]) -> Vec<(String, String, Status)> {
        list.iter().map(|a| (a.label.clone(), a.quote.exact.clone(), a.status)).collect()
    }
}

fn parse_keys(s: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let rest: String = chars.clone().collect();
        let special = rest
            .find('>')
            .is_some_and(|i| i > 1 && rest[..i].chars().all(|c| c.is_ascii_alphabetic() || c == '-'));
        if c == '<' && special {
            let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
            let (code, mods) = match name.as_str() {
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "C-r" => (KeyCode::Char('r'), KeyModifiers::CONTROL),
                "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
                "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                "C-a" => (KeyCode::Char('a'), KeyModifiers::CONTROL),
                "C-k" => (KeyCode::Char('k'), KeyModifiers::CONTROL),
                other => panic!("unknown key <{other}>"),
            };
            out.push(KeyEvent::new(code, mods));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}

const TEXT: &str =
    "Le Groupe de Minsk de l'OSCE, réuni à Moscou, compte plus de 400 morts.\n\nLe Groupe de Minsk se tait.";

#[test]
fn a_selection_grown_by_words_and_characters_gets_a_label_on_disk() {
    let mut h = H::new(TEXT);
    h.press("wvww");
    assert_eq!(h.s().selected_text().as_deref(), Some("Groupe de Minsk"));
    h.press("l3");
    let disk = H::labelled(&h.disk());
    assert_eq!(disk, vec![("ORG".to_string(), "Groupe de Minsk ".to_string(), Status::Accepted)]);
    assert_eq!(h.disk()[0].author, "tester");
    assert!(matches!(h.editor().status(), SaveStatus::Saved(None)));
}

#[test]
fn counts_repeat_motions_and_either_edge_moves() {
    let mut h = H::new(TEXT);
    h.press("3w");
    assert_eq!(h.s().cursor, 13, "three words on: 'Minsk'");
    h.press("wv[[>>");
    assert_eq!(h.s().selected_text().as_deref(), Some("de Minsk de l'OSCE"));
    h.press("h");
    assert_eq!(h.s().selected_text().as_deref(), Some("de Minsk de l'OSC"));
    h.press("]]H");
    assert_eq!(h.s().selected_text().as_deref(), Some(" de l'OSC"));
    h.press("<L2");
    assert_eq!(H::labelled(&h.disk()), vec![("LOC".into(), "de l".into(), Status::Accepted)]);
}

#[test]
fn sentence_paragraph_and_line_motions_reach_the_second_paragraph() {
    let mut h = H::new(TEXT);
    h.press(")");
    assert_eq!(h.s().cursor, TEXT.chars().count() - "Le Groupe de Minsk se tait.".chars().count());
    h.press("{");
    assert_eq!(h.s().cursor, 0);
    h.press("}$v1");
    assert_eq!(H::labelled(&h.memory()), vec![("PER".into(), "tait".into(), Status::Accepted)]);
}

#[test]
fn a_label_key_after_v_on_an_annotation_relabels_it_and_overlaps_are_cycled() {
    let mut h = H::new(TEXT);
    h.press("wvww3");
    h.press("wwv2");
    assert_eq!(H::labelled(&h.disk()).len(), 2);
    h.press("bV2");
    let disk = H::labelled(&h.disk());
    assert!(disk.contains(&("LOC".into(), "Groupe de Minsk".into(), Status::Accepted)), "{disk:?}");
    assert_eq!(disk.len(), 2);
    h.press("w");
    let under = h.s().under_cursor();
    assert_eq!(under.len(), 2, "the nested LOC and the longer LOC");
    let first = h.s().focused().unwrap();
    h.press("<Tab>");
    assert_ne!(h.s().focused().unwrap(), first);
    h.press("d");
    assert_eq!(h.disk().len(), 1);
}

#[test]
fn a_digit_counts_unless_a_selection_is_on() {
    let mut h = H::new(TEXT);
    h.press("wvww3");
    assert_eq!(h.s().cursor, 3, "on the new ORG");
    // No selection: a digit is a count, even on an annotation.
    h.press("2");
    assert_eq!(h.s().pending_count(), Some(2));
    h.press("<Esc>");
    assert_eq!(H::labelled(&h.disk()), vec![("ORG".into(), "Groupe de Minsk".into(), Status::Accepted)]);
    // V selects the annotation: a digit then relabels it, in place.
    h.press("V2");
    assert_eq!(H::labelled(&h.disk()), vec![("LOC".into(), "Groupe de Minsk".into(), Status::Accepted)]);
    assert_eq!(h.s().cursor, 3, "a relabel does not move");
    h.press("9");
    assert_eq!(h.s().pending_count(), Some(9));
    h.press("<Esc>0");
    assert_eq!(h.s().cursor, 0);
    h.press("13w");
    assert_eq!(h.disk().len(), 1, "a count, not a label");
    assert_eq!(h.s().cursor, h.text().find("400").map(|b| h.text()[..b].chars().count()).unwrap());
    // While selecting, digits are label keys anywhere.
    h.press("v3");
    assert_eq!(h.disk().len(), 2);
    assert!(H::labelled(&h.disk()).contains(&("ORG".into(), "400".into(), Status::Accepted)));
}

const FIGURES: &str = "Le bilan est de 400 morts. Moscou se tait. Selon l'OSCE, onze civils sont morts.\n\nBakou annonce 19 blessés à Moscou.";

fn at(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle in text")].chars().count()
}

#[test]
fn f_walks_the_sentences_with_a_figure_not_yet_annotated() {
    let onze = suggestion(FIGURES, "onze", Kind::Figure, "FIGURE", Attrs::default());
    let mut h = H::new(FIGURES).suggest(vec![onze]);
    // A figure in words counts when the extractor suggests it.
    h.press("f");
    assert_eq!(h.s().cursor, at(FIGURES, "onze"));
    h.press("f");
    assert_eq!(h.s().cursor, at(FIGURES, "19"));
    h.press("f");
    assert_eq!(h.s().cursor, at(FIGURES, "19"), "nothing after: stays");
    assert!(h.s().message().as_deref().unwrap().contains("no sentence"));
    h.press("FF");
    assert_eq!(h.s().cursor, at(FIGURES, "400"));
    // Annotated, "400" no longer counts; nor does a rejected suggestion.
    h.press("v4");
    assert!(H::labelled(&h.disk()).contains(&("FIGURE".into(), "400".into(), Status::Accepted)));
    h.press("f");
    assert_eq!(h.s().cursor, at(FIGURES, "onze"));
    h.press("x");
    h.press("F");
    assert_eq!(h.s().cursor, at(FIGURES, "onze"), "nothing before");
    h.press("gf");
    assert_eq!(h.s().cursor, at(FIGURES, "19"));
}

#[test]
fn semicolon_and_comma_walk_the_annotations_of_one_label() {
    let mut h = H::new(FIGURES);
    let second_moscou = FIGURES[..FIGURES.rfind("Moscou").unwrap()].chars().count();
    h.press(")v2").press(")wvw3").press("}v2");
    h.press("G$v2");
    let labels = H::labelled(&h.disk());
    assert_eq!(labels.iter().filter(|l| l.0 == "LOC").count(), 3, "{labels:?}");
    assert_eq!(h.s().cursor, second_moscou);
    // From the last LOC back: the ORG "l'OSCE" in between is skipped.
    h.press(",");
    assert_eq!(h.s().cursor, at(FIGURES, "Bakou"));
    h.press(",");
    assert_eq!(h.s().cursor, at(FIGURES, "Moscou"));
    h.press(",");
    assert_eq!(h.s().cursor, second_moscou, "the walk wraps around");
    // Off any annotation, the label last given is the one walked.
    h.press("g;");
    assert_eq!(h.s().cursor, at(FIGURES, "Moscou"));
    h.press(";;");
    assert_eq!(h.s().cursor, second_moscou);
    // On the ORG, its label: there is no other.
    h.press("gJJ");
    assert!(h.s().message().is_none() && h.s().on_annotation());
    h.press(";");
    assert_eq!(h.s().message().as_deref(), Some("the only ORG in this dispatch"));
}

#[test]
fn undo_and_redo_round_trip_every_change_on_disk() {
    let mut h = H::new(TEXT);
    h.press("wvww3");
    let added = h.disk();
    h.press("d");
    assert!(h.disk().is_empty());
    h.press("u");
    assert_eq!(h.disk(), added, "undo brings the same annotation back, id included");
    h.press("u");
    assert!(h.disk().is_empty());
    h.press("<C-r><C-r>");
    assert!(h.disk().is_empty(), "redo of the deletion");
    h.press("u");
    assert_eq!(h.disk(), added);
    h.press("uu");
    assert_eq!(h.s().message().as_deref(), Some("nothing to undo"));
}

#[test]
fn undo_and_redo_survive_a_restart_and_live_outside_the_articles() {
    let history = tempfile::tempdir().unwrap();
    let mut h = H::new(TEXT).with_history(history.path());
    h.press("wvww3").press("wwv2");
    let both = H::labelled(&h.disk());
    assert_eq!(both.len(), 2);
    let (mut h, note) = h.restart(history.path());
    assert_eq!(note, None);
    assert_eq!(H::labelled(&h.memory()), both);
    // An earlier session's change: u asks first, y undoes it.
    h.press("u");
    assert!(h.s().message().as_deref().is_some_and(|m| m.contains("earlier session")));
    assert_eq!(H::labelled(&h.disk()), both);
    h.press("y");
    assert_eq!(h.s().message().as_deref(), Some("undone: LOC added: \"Minsk\""));
    assert_eq!(H::labelled(&h.disk()), vec![("ORG".into(), "Groupe de Minsk".into(), Status::Accepted)]);
    // The redo is kept too.
    let (mut h, _) = h.restart(history.path());
    h.press("<C-r>");
    assert_eq!(H::labelled(&h.disk()), both);
    h.press("uuy");
    assert!(h.disk().is_empty());
    h.press("u");
    assert_eq!(h.s().message().as_deref(), Some("nothing to undo"));
    // One file in the history folder, nothing new beside the articles.
    let files: Vec<_> = std::fs::read_dir(history.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "jsonl"));
    let beside: Vec<_> = std::fs::read_dir(h._dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside.len(), 2, "the dispatch and its sidecar only: {beside:?}");
}

#[test]
fn a_step_changed_behind_our_back_is_dropped_with_a_message_not_applied() {
    let history = tempfile::tempdir().unwrap();
    let mut h = H::new(TEXT).with_history(history.path());
    h.press("wvww3").press("wwv2");
    // Between runs, an editor relabels the LOC.
    let mut other = Sidecar::load(&h.app.project.articles[0]);
    other.annotations.iter_mut().find(|a| a.label == "LOC").unwrap().label = "PER".into();
    other.save(&h.app.project.articles[0]).unwrap();
    let (mut h, note) = h.restart(history.path());
    let note = note.expect("a message about the dropped step");
    assert!(note.contains("1 undo step") && note.contains("dropped"), "{note}");
    // The undo skips the stale LOC step: the ORG goes, the PER stays.
    h.press("uy");
    assert_eq!(h.s().message().as_deref(), Some("undone: ORG added: \"Groupe de Minsk\""));
    assert_eq!(H::labelled(&h.disk()), vec![("PER".into(), "Minsk".into(), Status::Accepted)]);
    h.press("u");
    assert_eq!(h.s().message().as_deref(), Some("nothing to undo"));
    // The dropped step is gone from the file too: no message next time.
    let (_, note) = h.restart(history.path());
    assert_eq!(note, None);
}

#[test]
fn a_step_changed_during_the_session_is_dropped_at_undo_time() {
    let mut h = H::new(TEXT);
    h.press("wvww3");
    // A save merges another program's relabelling of our ORG into memory.
    let mut other = Sidecar::load(&h.app.project.articles[0]);
    other.annotations[0].label = "LOC".into();
    other.save(&h.app.project.articles[0]).unwrap();
    h.press("G").press("v1");
    assert!(h.memory().iter().any(|a| a.label == "LOC"), "merged: {:?}", H::labelled(&h.memory()));
    h.press("uu");
    let msg = h.s().message().unwrap_or_default();
    assert!(msg.contains("ORG added") && msg.contains("dropped"), "{msg}");
    assert_eq!(H::labelled(&h.disk()), vec![("LOC".into(), "Groupe de Minsk".into(), Status::Accepted)]);
}

#[test]
fn the_history_keeps_the_last_steps_only() {
    // 500 by default; 20 here to keep the test short.
    let history = tempfile::tempdir().unwrap();
    let mut h = H::new(TEXT).with_history(history.path());
    h.app.annotation.editor.set_history_limit(20);
    h.press("wvww3");
    for i in 0..25 {
        h.press(if i % 2 == 0 { "V2" } else { "V3" });
    }
    let file = std::fs::read_dir(history.path()).unwrap().next().unwrap().unwrap().path();
    let lines = std::fs::read_to_string(file).unwrap().lines().count();
    assert_eq!(lines, 1 + 20, "a header and the newest 20 steps");
    let (mut h, _) = h.restart(history.path());
    for i in 0..20 {
        h.press(if i == 0 { "uy" } else { "u" });
        assert!(h.s().message().as_deref().is_some_and(|m| m.starts_with("undone")));
    }
    h.press("u");
    assert_eq!(h.s().message().as_deref(), Some("nothing to undo"));
    assert_eq!(h.disk().len(), 1, "the oldest steps are forgotten, not undone");
}

#[test]
fn suggestions_are_accepted_rejected_and_walked() {
    let s = vec![
        suggestion(TEXT, "Moscou", Kind::Entity, "LOC", Attrs::default()),
        suggestion(TEXT, "OSCE", Kind::Entity, "ORG", Attrs::default()),
        suggestion(TEXT, "Le Groupe", Kind::Entity, "ORG", Attrs::default()),
    ];
    let mut h = H::new(TEXT).suggest(s.clone());
    assert_eq!(h.s().open_suggestions(), 3);
    h.press("n");
    assert_eq!(h.s().cursor, 24, "first suggestion after the cursor: OSCE");
    h.press("a");
    assert_eq!(h.s().open_suggestions(), 2);
    h.press("n");
    assert_eq!(h.s().cursor, 38);
    h.press("x");
    h.press("N");
    assert_eq!(h.s().cursor, 0, "wraps to the last one still open");
    let disk = H::labelled(&h.disk());
    assert_eq!(
        disk,
        vec![
            ("ORG".into(), "OSCE".into(), Status::Accepted),
            ("LOC".into(), "Moscou".into(), Status::Rejected)
        ]
    );
    // Coming back later: the rejected suggestion is not offered again.
    let again = Session::new(&h.app.project, 0, s, h.editor());
    let open: Vec<_> = again
        .index()
        .entries()
        .iter()
        .filter(|e| matches!(e.source, depeche::annotation::edit::index::Source::Suggestion(_)))
        .map(|e| e.start)
        .collect();
    assert_eq!(open, vec![0]);
    assert_eq!(again.open_suggestions(), 1);
}

#[test]
fn accepting_a_claim_opens_its_form_and_esc_changes_nothing() {
    let attrs = Attrs {
        count_low: Some(400),
        qualifier: Some(Qualifier::MoreThan),
        what: Some(What::Killed),
        ..Default::default()
    };
    let s = vec![suggestion(TEXT, "plus de 400 morts", Kind::Claim, "CLAIM", attrs)];
    let mut h = H::new(TEXT).suggest(s);
    h.press("na");
    assert!(h.s().form.is_some());
    h.press("bilan<Esc>");
    assert!(h.s().form.is_none());
    assert!(h.disk().is_empty());
    h.press("a");
    let form = &h.s().form.as_ref().unwrap().form;
    assert_eq!(form.value("count_low"), "400");
    assert_eq!(form.value("qualifier"), "more_than");
    h.press("bilan officiel<Tab><Tab><Tab><Tab><Tab>m<Enter>");
    assert!(h.s().form.is_none());
    let disk = h.disk();
    assert_eq!(disk.len(), 1);
    let a = &disk[0].attrs;
    assert_eq!(a.claimant.as_deref(), Some("bilan officiel"));
    assert_eq!(a.who, Some(depeche::annotation::Who::Military));
    assert_eq!(a.count_low, Some(400));
    assert_eq!(disk[0].status, Status::Accepted);
}

#[test]
fn the_claim_form_validates_in_place_and_completes_claimants() {
    let mut h = H::with_articles(&[("a.txt", TEXT), ("b.txt", "Trois morts selon Bakou.")]);
    // A claim already known elsewhere in the corpus gives the completion.
    {
        let b = h.app.project.position("b").unwrap();
        let mut a = Annotation::new(&h.app.project.articles[b].text, Kind::Claim, "CLAIM", 0, 11);
        a.attrs.claimant = Some("ministère arménien de la Défense".into());
        h.app.project.sidecars[b].annotations.push(a);
    }
    h.annotate("a");
    h.press("v6");
    assert!(h.s().form.is_some());
    h.press("arm<Down>");
    assert_eq!(h.s().form.as_ref().unwrap().form.value("claimant"), "ministère arménien de la Défense");
    h.press("<Tab>abc<Enter>");
    let form = &h.s().form.as_ref().unwrap().form;
    assert_eq!(form.focused(), "count_low");
    assert!(form.error("count_low").unwrap().contains("not a whole number"));
    h.press("<BS><BS><BS>500<Tab>300<Enter>");
    let form = &h.s().form.as_ref().unwrap().form;
    assert!(form.error("count_high").unwrap().contains("below"), "{:?}", form.error("count_high"));
    h.press("<BS><BS><BS>5 000<Tab><Tab><Tab><Tab><Tab><Tab>2020-13<Enter>");
    assert!(h.s().form.as_ref().unwrap().form.error("as_of").is_some());
    h.press("<BS><BS>10<Enter>");
    assert!(h.s().form.is_none());
    let a = &h.disk()[0];
    assert_eq!((a.attrs.count_low, a.attrs.count_high), (Some(500), Some(5000)));
    assert_eq!(a.attrs.as_of.unwrap().to_string(), "2020-10");
}

#[test]
fn an_event_form_checks_the_date_against_its_precision() {
    let mut h = H::new(TEXT);
    h.press("v7");
    h.press("2020-10<Tab><Enter>");
    let form = &h.s().form.as_ref().unwrap().form;
    assert!(form.error("precision").unwrap().contains("month"), "day precision on a month");
    h.press("<Right><Tab>réunion à Moscou<Enter>");
    let a = &h.disk()[0];
    assert_eq!(a.kind, Kind::Event);
    assert_eq!(a.attrs.date.unwrap().to_string(), "2020-10");
    assert_eq!(a.attrs.summary.as_deref(), Some("réunion à Moscou"));
}

#[test]
fn accept_all_of_a_label_and_mark_all_occurrences_across_the_corpus() {
    let s = vec![
        suggestion(TEXT, "Moscou", Kind::Entity, "LOC", Attrs::default()),
        suggestion(TEXT, "OSCE", Kind::Entity, "ORG", Attrs::default()),
        suggestion(TEXT, "Le Groupe", Kind::Entity, "ORG", Attrs::default()),
    ];
    let mut h = H::with_articles(&[
        ("a.txt", TEXT),
        ("b.txt", "Puis le Groupe de Minsk, encore le Groupe de Minskois."),
    ])
    .suggest(s);
    let kept = h.s().suggestions.clone();
    h.annotate("a");
    h.set_suggestions(kept);
    h.press("nA");
    assert_eq!(
        H::labelled(&h.disk()).iter().filter(|(l, _, s)| l == "ORG" && *s == Status::Accepted).count(),
        2
    );
    assert_eq!(h.s().message().as_deref(), Some("2 ORG suggestions accepted"));
    h.press("gwvww*");
    assert!(h.disk().len() == 2, "* asks first");
    h.press("y");
    let b = h.app.project.position("b").unwrap();
    let in_b = Sidecar::load(&h.app.project.articles[b]).annotations;
    assert_eq!(
        H::labelled(&in_b),
        vec![("ORG".into(), "Groupe de Minsk".into(), Status::Accepted)],
        "not inside Minskois"
    );
    assert_eq!(H::labelled(&h.disk()).iter().filter(|(_, q, _)| q == "Groupe de Minsk").count(), 2);
    h.press("u");
    assert!(
        Sidecar::load(&h.app.project.articles[b]).annotations.is_empty(),
        "one undo for the whole corpus"
    );
}

#[test]
fn metadata_is_edited_with_a_form_and_undone() {
    let mut h = H::new(TEXT);
    h.press("m");
    h.press("2020-10-09<Tab>d<Tab>AFP<Enter>");
    let meta = Sidecar::load(&h.app.project.articles[0]).header.meta;
    assert_eq!(meta.outlet.as_deref(), Some("AFP"));
    assert_eq!(meta.date.unwrap().to_string(), "2020-10-09");
    assert_eq!(h.app.project.articles[0].meta.outlet.as_deref(), Some("AFP"));
    h.press("u");
    let meta = Sidecar::load(&h.app.project.articles[0]).header.meta;
    assert_eq!(meta.outlet, None);
    assert_eq!(h.app.project.articles[0].meta.outlet, None);
}

#[test]
fn a_change_made_on_disk_meanwhile_is_merged_and_a_conflict_refused_without_loss() {
    let mut h = H::new(TEXT);
    h.press("wvww3");
    // Another program adds an annotation: our next save merges it.
    let mut other = Sidecar::load(&h.app.project.articles[0]);
    other.annotations.push(Annotation::new(h.text(), Kind::Entity, "LOC", 38, 44));
    other.save(&h.app.project.articles[0]).unwrap();
    h.press("ggv1");
    match h.editor().status() {
        SaveStatus::Saved(Some(note)) => assert!(note.contains("merged"), "{note}"),
        other => panic!("expected a merge note, got {other:?}"),
    }
    assert_eq!(h.disk().len(), 3);
    assert_eq!(h.memory().len(), 3, "the merged annotation is in memory too");
    // Another program relabels our ORG while we delete it: a conflict.
    let mut other = Sidecar::load(&h.app.project.articles[0]);
    let org = other.annotations.iter_mut().find(|a| a.label == "ORG").unwrap();
    org.label = "LOC".into();
    other.save(&h.app.project.articles[0]).unwrap();
    h.press("wd");
    match h.editor().status() {
        SaveStatus::Failed(why) => assert!(why.contains("another program"), "{why}"),
        other => panic!("expected a refused save, got {other:?}"),
    }
    assert!(h.editor().has_unsaved());
    assert!(h.memory().iter().all(|a| a.label != "ORG"), "the deletion stays in memory");
    assert!(
        h.disk().iter().any(|a| a.label == "LOC" && a.quote.exact == "Groupe de Minsk"),
        "their file is untouched"
    );
}

#[test]
fn a_failed_save_keeps_the_change_retries_and_the_quit_guard_saves_elsewhere() {
    let mut h = H::new(TEXT);
    let path = h.path();
    std::fs::create_dir(&path).unwrap();
    h.press("wvww3");
    match h.editor().status() {
        SaveStatus::Failed(why) => assert!(why.contains(&path.display().to_string()), "{why}"),
        other => panic!("expected a failed save, got {other:?}"),
    }
    assert_eq!(h.memory().len(), 1);
    assert!(h.editor().has_unsaved());
    // Retried on the next change: still failing, both kept.
    h.press("wwv1");
    assert_eq!(h.memory().len(), 2);
    // The quit guard: q asks, Esc stays, D asks twice, s saves a copy elsewhere.
    h.press("q");
    assert!(h.app.annotation.guard.is_some() && !h.app.quit, "q asks first");
    h.press("<Esc>");
    assert!(h.app.annotation.guard.is_none() && !h.app.quit, "Esc stays");
    h.press("qD");
    assert!(h.app.annotation.guard.is_some() && !h.app.quit, "one D only asks again");
    h.press("<Esc>");
    let rescue = h._dir.path().join("rescue.jsonl");
    h.press("qs<C-a><C-k>");
    h.press(&rescue.display().to_string());
    h.press("<Enter>");
    assert!(h.app.quit, "saved elsewhere, then quit");
    let lines = std::fs::read_to_string(&rescue).unwrap();
    assert_eq!(lines.lines().count(), 3, "{lines}");
    assert!(lines.lines().skip(1).all(|l| l.contains("\"article\":\"a\"")));
    // The folder is fixed: a retry on demand saves.
    std::fs::remove_dir(&path).unwrap();
    h.press("u<C-r>");
    assert!(matches!(h.editor().status(), SaveStatus::Saved(_)), "{:?}", h.editor().status());
    assert_eq!(h.disk().len(), 2);
}

#[test]
fn a_failed_save_is_tried_again_unasked_sooner_first_then_less_often() {
    let mut h = H::new(TEXT);
    let path = h.path();
    std::fs::create_dir(&path).unwrap();
    h.press("wvww3");
    assert!(h.editor().has_unsaved());
    let wait = |h: &H| h.app.annotation.retry.expect("a retry is planned").1;
    let first = wait(&h);
    assert!(h.app.expects_background(), "the run loop wakes up for it");
    // Its time comes while the cause is still there: tried, and the next
    // try waits longer.
    std::thread::sleep(first);
    assert!(h.app.take_background(), "the retry is due");
    depeche::tui::after_frame(&mut h.app);
    assert_eq!(wait(&h), first * 2);
    assert!(h.editor().has_unsaved());
    // The cause goes (another program finished writing, a disk was freed):
    // the next try saves without a key.
    std::fs::remove_dir(&path).unwrap();
    std::thread::sleep(first * 2);
    assert!(h.app.take_background());
    depeche::tui::after_frame(&mut h.app);
    assert!(!h.editor().has_unsaved());
    assert_eq!(h.disk().len(), 1);
    assert!(h.app.annotation.retry.is_none(), "nothing left to try");
}

#[test]
fn retry_on_demand_after_the_folder_is_fixed() {
    let mut h = H::new(TEXT);
    let path = h.path();
    std::fs::create_dir(&path).unwrap();
    h.press("wvww3");
    assert!(h.editor().has_unsaved());
    std::fs::remove_dir(&path).unwrap();
    h.press("<C-s>");
    assert!(!h.editor().has_unsaved());
    assert_eq!(h.disk().len(), 1);
    h.press("<C-s>");
    assert_eq!(h.s().message().as_deref(), Some("nothing to save: everything is on disk"));
}

#[test]
fn esc_clears_the_selection_then_leaves() {
    let mut h = H::new(TEXT);
    h.press("v<Esc>");
    assert!(h.s().selection.is_none() && !h.left);
    h.press("<Esc>");
    assert!(h.left);
}

fn check_offsets(list: &[Annotation], text: &str, place: &str) -> Result<(), TestCaseError> {
    let len = text.chars().count();
    for a in list {
        prop_assert!(a.start < a.end && a.end <= len, "{place}: bad offsets {}..{} of {len}", a.start, a.end);
        prop_assert_eq!(
            depeche::text::slice_chars(text, a.start, a.end),
            a.quote.exact.as_str(),
            "{}",
            place
        );
    }
    Ok(())
}

fn texts() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Moscou",
        "l'OSCE",
        "Haut-Karabakh",
        "140.000",
        "morts",
        ",",
        ".",
        "M.",
        "«",
        "»",
        "😀",
        "é",
        "\n",
        "\n\n",
        "  ",
        "à",
    ]);
    // A dispatch has at least one word: an empty file is not loaded at all.
    prop::collection::vec(word, 0..40).prop_map(|w| format!("Bakou {}", w.join(" ")))
}

fn key_strings() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "w", "b", "e", "(", ")", "{", "}", "0", "$", "j", "k", "g", "G", "v", "V", "o", "[", "]", "<",
            ">", "h", "l", "H", "L", "1", "2", "3", "6", "7", "8", "a", "x", "n", "N", "J", "K", "A", "*",
            "d", "u", "<C-r>", "m", "<Tab>", "<S-Tab>", "<Enter>", "<Esc>", "<BS>", "<Down>", "<Right>", "9",
            "2020", "z",
        ]),
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_on_random_texts_keep_every_offset_valid(text in texts(), keys in key_strings(), seeds in prop::collection::vec((0usize..200, 1usize..12), 0..6)) {
        let mut h = H::new(&text);
        let len = text.chars().count();
        let s: Vec<Annotation> = seeds.iter().filter(|(s, l)| s + l <= len).map(|&(s, l)| {
            let mut a = Annotation::new(&text, if l % 2 == 0 { Kind::Claim } else { Kind::Entity }, if l % 2 == 0 { "CLAIM" } else { "PER" }, s, s + l);
            a.status = Status::Suggested;
            a
        }).collect();
        h = h.suggest(s);
        for k in keys {
            h.press(k);
            // Esc left annotate mode: back in, as an annotator would.
            if h.left { h.left = false; h.press("i"); }
        }
        let text = h.text().to_string();
        check_offsets(&h.memory(), &text, "memory")?;
        check_offsets(&h.disk(), &text, "disk")?;
        prop_assert!(!h.editor().has_unsaved());
    }
}

// ---------------------------------------------------------------------------
// The shipping application: keys through the app's own keymap (the one the
// terminal feeds), effects performed as the run loop performs them, the
// sidecar read back from disk.

mod through_the_app {
    use super::*;
    use depeche::tui::action::Action;
    use depeche::tui::app::App;
    use depeche::tui::config::Config;
    use depeche::tui::keymap::Key;
    use depeche::tui::readstate::ReadState;
    use depeche::tui::theme::Theme;
    use depeche::tui::update;

    pub struct A {
        pub dir: tempfile::TempDir,
        pub app: App,
    }

    impl A {
        pub fn open(files: &[(&str, &str)], w: u16, h: u16) -> A {
            let dir = tempfile::tempdir().unwrap();
            for (name, text) in files {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            A::reopen(dir, None, w, h)
        }

        /// The app on `dir` again, keeping read marks and the undo history
        /// in `data` (as a real run does in the user's data folder).
        pub fn reopen(dir: tempfile::TempDir, data: Option<&Path>, w: u16, h: u16) -> A {
            let readstate = ReadState { path: data.map(|d| d.join("readstate.json")), ..Default::default() };
            let mut app = depeche::tui::open(dir.path(), &Config::default(), readstate).unwrap();
            app.theme = Theme::new(&app.project.labels, true);
            update::update(&mut app, Action::Resize(w, h));
            app.run_all_jobs();
            update::settle(&mut app);
            A { dir, app }
        }

        /// Keys as the terminal sends them, one frame each.
        pub fn press(&mut self, keys: &str) -> &mut A {
            for ev in parse_keys(keys) {
                let fx = update::handle_key(&mut self.app, Key::from_event(ev));
                for e in fx {
                    depeche::tui::perform(&mut self.app, e);
                }
                depeche::tui::after_frame(&mut self.app);
                self.app.run_all_jobs();
                update::settle(&mut self.app);
            }
            self
        }

        /// Keys with no idle work after them: what the frame right after
        /// the key shows (the run loop draws before it runs jobs).
        pub fn press_frame(&mut self, keys: &str) -> String {
            for ev in parse_keys(keys) {
                let fx = update::handle_key(&mut self.app, Key::from_event(ev));
                for e in fx {
                    depeche::tui::perform(&mut self.app, e);
                }
            }
            self.screen()
        }

        pub fn screen(&self) -> String {
            let mut t =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(self.app.size.0, self.app.size.1))
                    .unwrap();
            t.draw(|f| depeche::tui::view::draw(&self.app, f)).unwrap();
            t.backend().to_string()
        }

        /// Every line of the help overlay (it scrolls), as at 160 columns.
        pub fn help(&self) -> String {
            self.help_at(true)
        }

        /// The help's lines, wide (96 columns and more) or narrow.
        pub fn help_at(&self, wide: bool) -> String {
            let lines = depeche::tui::view::help::lines(&self.app, wide);
            let text: Vec<String> =
                lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
            text.join("\n")
        }

        pub fn cursor(&self) -> usize {
            self.app.annotation.session.as_ref().expect("annotating").cursor
        }

        pub fn disk(&self) -> Vec<Annotation> {
            Sidecar::load(&self.app.project.articles[self.app.current]).annotations
        }

        pub fn disk_of(&self, id: &str) -> Vec<Annotation> {
            let i = self.app.project.position(id).unwrap();
            Sidecar::load(&self.app.project.articles[i]).annotations
        }

        pub fn status(&self) -> String {
            self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
        }

        /// The display line (block, line) showing code point `cp`.
        pub fn screen_line(&self, cp: usize) -> (usize, usize) {
            let at = self.app.wrapped.as_ref().unwrap().find(cp).unwrap();
            (at.block, at.line)
        }
    }

    pub fn at(text: &str, needle: &str) -> usize {
        super::at(text, needle)
    }
}

use through_the_app::A;

/// One source line far wider than the pane (as some agencies send them).
const ONE_LINE: &str = "Officials in the northern province said on Tuesday that the convoy carrying food and \
medicine had crossed the river near Valdoria after two days of waiting at the checkpoint, and that the \
road to the hospital in Sarnen was open again for the first time since the spring floods washed away \
the old bridge, while aid workers counted more than three hundred families still sleeping in tents.";

#[test]
fn j_and_k_move_by_screen_line_in_a_dispatch_of_one_source_line() {
    let mut a = A::open(&[("wide.txt", ONE_LINE)], 120, 40);
    a.press("<Enter>i");
    let first = a.cursor();
    let line = a.screen_line(first);
    a.press("j");
    let second = a.cursor();
    assert!(second > first, "j moves although the dispatch is one source line");
    assert_eq!(a.screen_line(second), (line.0, line.1 + 1), "to the next screen line");
    a.press("2j");
    assert_eq!(a.screen_line(a.cursor()), (line.0, line.1 + 3), "a count of screen lines");
    a.press("3k");
    assert_eq!(a.cursor(), first, "k comes back to the same column");
    a.press("jv3");
    let disk = a.disk();
    assert_eq!(disk.len(), 1);
    assert_eq!(a.screen_line(disk[0].start), (line.0, line.1 + 1), "the label lands on the line shown");
}

const FOLDED: &str = "Partager cet article\n\nLe ministre Pavel Orlov a reçu mardi à Tallinn son homologue \
finlandais.\n\nPublicité\n\nLes discussions reprendront jeudi à Genève, selon un porte-parole.";

#[test]
fn folded_boilerplate_is_never_the_cursor_nor_a_label_target_until_shown() {
    let mut a = A::open(&[("a.txt", FOLDED)], 160, 48);
    let body = through_the_app::at(FOLDED, "Le ministre");
    let ad = through_the_app::at(FOLDED, "Publicité");
    a.press("<Enter>i");
    assert_eq!(a.cursor(), body, "the cursor starts on the first word shown, not in the fold");
    a.press("v1");
    assert_eq!(H::labelled(&a.disk()), vec![("PER".into(), "Le".into(), Status::Accepted)]);
    // No motion enters a fold: up from the top, down through the ad.
    a.press("gkbb");
    assert_eq!(a.cursor(), body);
    a.press("jj");
    assert!(a.cursor() > ad, "j steps over the folded ad");
    a.press("G");
    for _ in 0..30 {
        a.press("b");
        let c = a.cursor();
        assert!(!(ad..ad + "Publicité".len()).contains(&c), "b never stops in the fold");
    }
    assert_eq!(a.cursor(), body, "b stops at the first word shown");
    // A selection that reaches into a fold is refused, not labelled.
    a.press("Gv");
    a.press("kkkk");
    a.press("3");
    assert_eq!(a.disk().len(), 1, "nothing labelled across the fold: {}", a.status());
    assert!(a.status().contains("fold"), "says why: {}", a.status());
    // Shown with z, boilerplate is text like any other.
    a.press("<Esc>zgv8");
    assert!(
        H::labelled(&a.disk()).contains(&("TAG".into(), "Partager".into(), Status::Accepted)),
        "{:?}",
        a.disk()
    );
}

const CORPUS_A: &str = "Les habitants de Valdoria ont fui vers Sarnen. Valdoria reste vide, et Valdoria \
attend.";
const CORPUS_B: &str = "À Valdoria, le maire de Valdoria a parlé.";

#[test]
fn star_says_what_it_will_do_and_asks_first() {
    let mut a = A::open(&[("a.txt", CORPUS_A), ("b.txt", CORPUS_B)], 160, 48);
    let i = a.app.project.position("a").unwrap();
    update_show(&mut a, i);
    a.press("i3wv2");
    assert_eq!(a.disk().len(), 1);
    a.press("*");
    assert_eq!(a.disk().len(), 1, "nothing lands before the answer");
    let asked = a.status();
    assert!(asked.contains("LOC") && asked.contains("Valdoria"), "{asked}");
    assert!(asked.contains("4 more") && asked.contains("2 dispatches"), "how many, where: {asked}");
    assert!(asked.contains("y"), "how to confirm: {asked}");
    a.press("n");
    assert_eq!(a.disk().len(), 1, "n: nothing changes");
    assert!(a.status().contains("nothing changed"), "{}", a.status());
    a.press("*y");
    assert_eq!(a.disk().len(), 3);
    assert_eq!(a.disk_of("b").len(), 2);
}

#[test]
fn star_never_lands_a_claim_or_an_event_without_its_fields() {
    let mut a = A::open(&[("a.txt", CORPUS_A), ("b.txt", CORPUS_B)], 160, 48);
    let i = a.app.project.position("a").unwrap();
    update_show(&mut a, i);
    a.press("i3wv6");
    // The claim form is open: Esc, nothing lands; then `*` with CLAIM last.
    a.press("<Esc>");
    assert!(a.disk().is_empty());
    a.press("*");
    a.press("y");
    assert!(a.disk().is_empty(), "no field-less CLAIM: {:?}", a.disk());
    assert!(a.disk_of("b").is_empty());
    assert!(a.status().contains("CLAIM"), "says why: {}", a.status());
}

fn update_show(a: &mut A, i: usize) {
    depeche::tui::update::show(&mut a.app, i);
    a.app.run_all_jobs();
    depeche::tui::update::settle(&mut a.app);
    a.press("<Tab>");
}

#[test]
fn slash_and_n_walk_search_hits_in_annotate_mode_until_esc() {
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    let hits: Vec<usize> =
        CORPUS_A.match_indices("Valdoria").map(|(b, _)| CORPUS_A[..b].chars().count()).collect();
    a.press("<Enter>i/valdoria<Enter>");
    assert_eq!(a.cursor(), hits[0], "the cursor goes to the first hit");
    a.press("n");
    assert_eq!(a.cursor(), hits[1]);
    assert!(a.status().contains("hit 2/3"), "{}", a.status());
    a.press("n");
    assert_eq!(a.cursor(), hits[2]);
    a.press("N");
    assert_eq!(a.cursor(), hits[1]);
    a.press("v2");
    assert_eq!(H::labelled(&a.disk()), vec![("LOC".into(), "Valdoria".into(), Status::Accepted)]);
    a.press("<Esc>");
    assert!(a.app.reader.search.hits.is_empty(), "Esc clears the search first");
    assert_eq!(a.app.mode, depeche::tui::app::Mode::Annotate, "and stays in annotate mode");
}

#[test]
fn a_digit_is_a_count_unless_a_selection_is_on_and_help_says_so() {
    let mut a = A::open(&[("wide.txt", ONE_LINE)], 120, 40);
    a.press("<Enter>iv1");
    assert_eq!(H::labelled(&a.disk()), vec![("PER".into(), "Officials".into(), Status::Accepted)]);
    let line = a.screen_line(a.cursor());
    // On an annotation, 2j still moves two lines: a count, never a label.
    a.press("2j");
    assert_eq!(a.screen_line(a.cursor()), (line.0, line.1 + 2));
    assert_eq!(H::labelled(&a.disk()), vec![("PER".into(), "Officials".into(), Status::Accepted)]);
    // V selects the annotation: then a digit is its new label.
    a.press("2kV2");
    assert_eq!(H::labelled(&a.disk()), vec![("LOC".into(), "Officials".into(), Status::Accepted)]);
    a.press("?");
    let help = a.help();
    assert!(help.contains("count") && help.contains("while selecting"), "the rule in ?:\n{help}");
}

#[test]
fn m_takes_a_new_date_while_the_precision_reads_unknown() {
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    assert!(a.app.project.articles[0].meta.date.is_none());
    a.press("<Enter>im2021-03-05<Enter>");
    let date = a.app.project.articles[0].meta.date.expect("the date typed is kept");
    assert_eq!(date.to_string(), "2021-03-05");
    let meta = Sidecar::load(&a.app.project.articles[0]).header.meta;
    assert_eq!(meta.date.unwrap().to_string(), "2021-03-05", "and on disk");
}

#[test]
fn a_figure_gets_its_count_and_qualifier_from_a_form() {
    let text = "Plus de 300 familles dorment encore sous des tentes à Sarnen.";
    let mut a = A::open(&[("a.txt", text)], 160, 48);
    a.press("<Enter>i2wv4");
    assert_eq!(H::labelled(&a.disk()), vec![("FIGURE".into(), "300".into(), Status::Accepted)]);
    a.press("<Enter>");
    let form = a.screen();
    assert!(form.contains("count from") && form.contains("qualifier"), "{form}");
    a.press("300<Tab>350<Tab>m<Enter>");
    let f = &a.disk()[0];
    assert_eq!((f.attrs.count_low, f.attrs.count_high), (Some(300), Some(350)));
    assert_eq!(f.attrs.qualifier, Some(Qualifier::MoreThan));
}

#[test]
fn the_suggestion_counter_is_right_in_the_frame_after_x() {
    let text = "Le ministre a quitté Moscou pour Bakou mardi, puis il est allé à Erevan.";
    let mut a = A::open(&[("a.txt", text)], 160, 48);
    a.press("<Enter>i");
    let n = a.app.annotation.session.as_ref().unwrap().open_suggestions();
    assert!(n >= 2, "the places are suggested ({n})");
    assert!(a.screen().contains(&format!("{n} suggestions")));
    a.press("n");
    let frame = a.press_frame("x");
    assert!(frame.contains(&format!("{} suggestion", n - 1)), "at once after x:\n{frame}");
}

#[test]
fn annotate_help_names_every_action_for_the_config_file() {
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    a.press("<Enter>i?");
    for wide in [true, false] {
        let help = a.help_at(wide);
        for name in ["mark_all_occurrences", "undo", "label:PER", "next_suggestion"] {
            assert!(help.contains(name), "{name} in annotate help (wide: {wide}):\n{help}");
        }
        let keys = help.split("marks on the screen").next().unwrap_or_default();
        assert!(
            keys.lines().all(|l| wide || l.chars().count() <= 78),
            "narrow lines fit 80 columns:\n{help}"
        );
    }
}

#[test]
fn undo_says_what_and_asks_before_reaching_into_an_earlier_session() {
    let data = tempfile::tempdir().unwrap();
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    a.press("<Enter>i3wv2");
    assert_eq!(a.disk().len(), 1);
    let dir = a.dir;
    // A first session with the history kept, then a second one.
    let mut a = A::reopen(dir, Some(data.path()), 160, 48);
    a.press("<Enter>i3wV1");
    assert_eq!(H::labelled(&a.disk()), vec![("PER".into(), "Valdoria".into(), Status::Accepted)]);
    let dir = a.dir;
    let mut a = A::reopen(dir, Some(data.path()), 160, 48);
    a.press("<Enter>i3wV1");
    assert!(a.status().contains("already PER"), "a label that changes nothing says so: {}", a.status());
    a.press("u");
    assert_eq!(H::labelled(&a.disk()), vec![("PER".into(), "Valdoria".into(), Status::Accepted)]);
    let asked = a.status();
    assert!(asked.contains("earlier session") && asked.contains("y"), "asks first: {asked}");
    a.press("n");
    assert_eq!(a.disk()[0].label, "PER", "n keeps it");
    a.press("uy");
    assert_eq!(a.disk()[0].label, "LOC", "y undoes it");
    assert!(a.status().contains("undone") && a.status().contains("LOC"), "says what: {}", a.status());
}

#[test]
fn a_key_asks_and_the_run_loop_writes_the_quit_guards_retry_included() {
    let mut h = H::new(TEXT);
    let path = h.path();
    std::fs::create_dir(&path).unwrap();
    h.press("wvww3");
    assert!(h.editor().has_unsaved(), "the folder refuses the save");
    h.press("q");
    assert!(h.app.annotation.guard.is_some(), "q asks what to do");
    std::fs::remove_dir(&path).unwrap();
    // `r` through the keymap alone: the key itself writes nothing.
    let fx = update::handle_key(&mut h.app, Key::ch('r'));
    assert!(h.disk().is_empty() && !h.app.quit, "nothing written by the key");
    assert_eq!(fx, [update::Effect::SaveNow, update::Effect::QuitIfSaved]);
    for e in fx {
        depeche::tui::perform(&mut h.app, e);
    }
    assert_eq!(H::labelled(&h.disk()), vec![("ORG".into(), "Groupe de Minsk".into(), Status::Accepted)]);
    assert!(h.app.quit, "saved, then quit");
}

#[test]
fn a_failed_undo_shows_as_a_problem_a_refusal_as_a_message() {
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    a.press("<Enter>iu");
    let st = a.app.status.clone().unwrap();
    assert!(st.text.contains("nothing to undo") && st.error, "{st:?}");
    a.press("x");
    let st = a.app.status.clone().unwrap();
    assert!(st.text.contains("no suggestion under the cursor") && !st.error, "{st:?}");
}

fn said(a: &A) -> Option<depeche::annotation::edit::refusal::Said> {
    a.app.annotation.session.as_ref().and_then(|s| s.said.clone())
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default()
}

/// Keys straight through the keymap, effects not performed: what a key
/// asks of the run loop.
fn key_alone(a: &mut A, keys: &str) -> Vec<update::Effect> {
    parse_keys(keys).into_iter().flat_map(|ev| update::handle_key(&mut a.app, Key::from_event(ev))).collect()
}

#[test]
fn the_undo_history_is_read_and_written_by_the_run_loop_never_by_a_key() {
    let data = tempfile::tempdir().unwrap();
    let undo = data.path().join("undo");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), CORPUS_A).unwrap();
    std::fs::write(dir.path().join("b.txt"), CORPUS_B).unwrap();
    let mut a = A::reopen(dir, Some(data.path()), 160, 48);
    let i = a.app.project.position("a").unwrap();
    update_show(&mut a, i);
    // `i` asks for the history; it does not read it.
    assert_eq!(key_alone(&mut a, "i"), [update::Effect::ReadHistory]);
    depeche::tui::perform(&mut a.app, update::Effect::ReadHistory);
    // A label key changes memory and asks for a save: nothing on disk yet.
    let fx = key_alone(&mut a, "3wv2");
    assert_eq!(fx, [update::Effect::FlushAnnotations]);
    assert!(files_in(&undo).is_empty() && a.disk().is_empty(), "the key wrote nothing");
    for e in fx {
        depeche::tui::perform(&mut a.app, e);
    }
    assert!(depeche::tui::after_frame(&mut a.app), "the run loop writes after the frame");
    assert_eq!(files_in(&undo).len(), 1, "the history of a");
    assert_eq!(H::labelled(&a.disk()), vec![("LOC".into(), "Valdoria".into(), Status::Accepted)]);
    // `*` reaches b, whose history is not read yet: the yes waits for the
    // run loop to read it, then the change lands on top of it.
    a.press("*");
    let fx = key_alone(&mut a, "y");
    assert_eq!(fx, [update::Effect::ReadHistory]);
    assert!(a.app.project.sidecars[1].annotations.is_empty(), "nothing changed before the read");
    for e in fx {
        depeche::tui::perform(&mut a.app, e);
    }
    depeche::tui::after_frame(&mut a.app);
    assert_eq!(a.disk_of("b").len(), 2);
    assert_eq!(files_in(&undo).len(), 2, "a history file for b too");
    // One undo takes the whole step back, in both dispatches.
    a.press("u");
    assert!(a.disk_of("b").is_empty());
    assert_eq!(a.disk().len(), 1);
}

#[test]
fn the_quit_guards_copy_is_the_exports_complete_jsonl_written_atomically() {
    let mut h = H::new(TEXT);
    let path = h.path();
    std::fs::create_dir(&path).unwrap();
    h.press("m2020-10-09<Tab>d<Tab>AFP<Enter>");
    h.press("gwvww3");
    assert!(h.editor().has_unsaved(), "the folder refuses the save");
    let rescue = h._dir.path().join("rescue.jsonl");
    h.press("qs<C-a><C-k>");
    h.press(&rescue.display().to_string());
    h.press("<Enter>");
    assert!(h.app.quit, "saved elsewhere, then quit");
    let copy = std::fs::read_to_string(&rescue).unwrap();
    // Byte for byte what `depeche export --format jsonl` writes for it.
    let out = tempfile::tempdir().unwrap();
    let mut summary = depeche::export::ExportSummary::default();
    depeche::export::jsonl::export_complete(&h.app.project, out.path(), &mut summary).unwrap();
    let export = std::fs::read_to_string(out.path().join("annotations.jsonl")).unwrap();
    assert_eq!(copy, export);
    let header = copy.lines().next().unwrap();
    assert!(header.contains("\"kind\":\"article\"") && header.contains("AFP"), "{header}");
    assert!(header.contains("2020-10-09"), "the dispatch's date travels with it: {header}");
    // Atomic: a temporary renamed into place, none left beside it.
    let temporaries: Vec<_> = files_in(h._dir.path())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".tmp")))
        .collect();
    assert!(temporaries.is_empty(), "{temporaries:?}");
}

#[test]
fn refusals_are_typed_and_worded_in_one_place_and_never_shown_as_errors() {
    use depeche::annotation::edit::refusal::{Refusal, Said};
    use depeche::tui::annotate::said::refusal;
    let mut a = A::open(&[("a.txt", CORPUS_A)], 160, 48);
    a.press("<Enter>i");
    for (keys, want) in [
        ("x", Refusal::NoSuggestionToReject),
        ("d", Refusal::NoAnnotationHere),
        ("*", Refusal::NoLabelToRepeat),
        ("<C-s>", Refusal::NothingToSave),
    ] {
        a.press(keys);
        assert_eq!(said(&a), Some(Said::Refused(want.clone())), "{keys}");
        let st = a.app.status.clone().unwrap();
        assert_eq!((st.text, st.error), (refusal(&want), false), "{keys}");
    }
    // A claim's label, then `*`: refused for its missing fields.
    a.press("3wv6<Esc>*");
    assert_eq!(said(&a), Some(Said::Refused(Refusal::FieldsMissing("CLAIM".into()))));
    // A failure is a problem, shown as an error.
    a.press("uu");
    assert!(matches!(said(&a), Some(Said::Failed(_))), "{:?}", said(&a));
    assert!(a.app.status.clone().unwrap().error);
    // Folded text: refused as such.
    let mut f = A::open(&[("a.txt", FOLDED)], 160, 48);
    f.press("<Enter>iGvkkkk3");
    assert_eq!(said(&f), Some(Said::Refused(Refusal::FoldedText)));
}
