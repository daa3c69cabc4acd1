//! Adjudication: a folder where two annotators (ana, ben) differ — a
//! claim's field, a label, a merge driver's alternative, an annotation one
//! of them lacks — adjudicated by a curator (cora) through the app's one
//! keymap, effects performed as the run loop performs them; then the real
//! binary in a pseudo-terminal, the sidecar read back from disk.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};
use depeche::annotation::{Annotation, Kind, Status, Who};
use depeche::project::Project;
use depeche::team::adjudicate::{ADJUDICATION, ANNOTATED_BY};
use depeche::team::merge::ALTERNATIVE_OF;
use depeche::tui::action::Action;
use depeche::tui::app::{App, Mode};
use depeche::tui::config::Config;
use depeche::tui::keymap::Key;
use depeche::tui::readstate::ReadState;
use depeche::tui::theme::Theme;
use depeche::tui::update;

mod common;

const FIRST: &str = "2026-11-28_agence_heurts-valparaiso";
const FIRST_TEXT: &str = "Le ministère de l'Intérieur a annoncé samedi que 40 policiers ont été blessés à \
     Valparaíso lors de heurts avec des manifestants.\n\nSelon la mairie de Temuco, 12 civils ont été tués \
     dans la nuit à Angol.\n";
const SECOND: &str = "2026-11-29_agence_lima";
const SECOND_TEXT: &str = "A military spokesman reported three soldiers killed near Lima on Sunday.\n";

fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle} in the text"));
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn ann(text: &str, id: &str, author: &str, kind: Kind, label: &str, needle: &str) -> Annotation {
    let (s, e) = span(text, needle);
    let mut a = Annotation::new(text, kind, label, s, e);
    a.id = id.into();
    a.author = author.into();
    a.at = "2026-12-01T10:00:00+00:00".into();
    a
}

fn claim(id: &str, author: &str, who: Who) -> Annotation {
    let mut c = ann(FIRST_TEXT, id, author, Kind::Claim, "CLAIM", "40 policiers ont été blessés");
    c.attrs.claimant = Some("ministère de l'Intérieur".into());
    c.attrs.count_low = Some(40);
    c.attrs.who = Some(who);
    c
}

/// The first dispatch: agreed on the ministry and the date; four
/// disagreements (the claim's `who`, Valparaíso LOC or ORG, a merge
/// alternative on the town hall, Angol that ben lacks). The second: Lima
/// LOC or ORG. Returns the articles folder.
fn team_folder(root: &Path) -> PathBuf {
    let dir = root.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{FIRST}.txt")), FIRST_TEXT).unwrap();
    std::fs::write(dir.join(format!("{SECOND}.txt")), SECOND_TEXT).unwrap();
    let t = FIRST_TEXT;
    let mut alt = ann(t, "alt000000005", "ana", Kind::Entity, "LOC", "mairie de Temuco");
    alt.status = Status::Rejected;
    alt.attrs.extra.insert(ALTERNATIVE_OF.into(), "win000000005".into());
    let first = vec![
        ann(t, "ana000000001", "ana", Kind::Entity, "ORG", "ministère de l'Intérieur"),
        ann(t, "ben000000001", "ben", Kind::Entity, "ORG", "ministère de l'Intérieur"),
        ann(t, "ana000000002", "ana", Kind::Date, "DATE", "samedi"),
        ann(t, "ben000000002", "ben", Kind::Date, "DATE", "samedi"),
        claim("ana000000003", "ana", Who::Military),
        claim("ben000000003", "ben", Who::All),
        ann(t, "ana000000004", "ana", Kind::Entity, "LOC", "Valparaíso"),
        ann(t, "ben000000004", "ben", Kind::Entity, "ORG", "Valparaíso"),
        ann(t, "win000000005", "ben", Kind::Entity, "ORG", "mairie de Temuco"),
        alt,
        ann(t, "ana000000006", "ana", Kind::Entity, "LOC", "Angol"),
    ];
    let second = vec![
        ann(SECOND_TEXT, "ana000000007", "ana", Kind::Entity, "LOC", "Lima"),
        ann(SECOND_TEXT, "ben000000007", "ben", Kind::Entity, "ORG", "Lima"),
    ];
    let mut p = Project::open(&dir).unwrap();
    for (id, anns) in [(FIRST, first), (SECOND, second)] {
        let i = p.position(id).unwrap();
        for a in anns {
            p.sidecars[i].add(&p.articles[i], a).unwrap();
        }
        p.sidecars[i].save(&p.articles[i]).unwrap();
    }
    dir
}

struct H {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    app: App,
}

impl H {
    fn new(w: u16, h: u16) -> H {
        let tmp = tempfile::tempdir().unwrap();
        let dir = team_folder(tmp.path());
        H::open(tmp, dir, ReadState::default(), w, h)
    }

    fn open(tmp: tempfile::TempDir, dir: PathBuf, readstate: ReadState, w: u16, h: u16) -> H {
        let mut app = depeche::tui::open(&dir, &Config::default(), readstate).unwrap();
        app.theme = Theme::new(&app.project.labels, true);
        app.annotator = "cora".into();
        update::update(&mut app, Action::Resize(w, h));
        app.run_all_jobs();
        update::settle(&mut app);
        H { _tmp: tmp, dir, app }
    }

    fn key(&mut self, k: Key) -> &mut H {
        for e in update::handle_key(&mut self.app, k) {
            depeche::tui::perform(&mut self.app, e);
        }
        depeche::tui::after_frame(&mut self.app);
        self.app.run_all_jobs();
        update::settle(&mut self.app);
        self
    }

    fn press(&mut self, keys: &str) -> &mut H {
        for c in keys.chars() {
            self.key(Key::ch(c));
        }
        self
    }

    fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    fn screen(&self) -> String {
        let mut t =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(self.app.size.0, self.app.size.1))
                .unwrap();
        t.draw(|f| depeche::tui::view::draw(&self.app, f)).unwrap();
        t.backend().to_string()
    }

    fn article(&self, id: &str) -> usize {
        self.app.project.position(id).unwrap()
    }

    /// The annotations of `id` as the sidecar on disk holds them.
    fn on_disk(&self, id: &str) -> Vec<Annotation> {
        on_disk(&self.dir, id)
    }
}

/// The line of `screen` holding `needle`.
fn row<'s>(screen: &'s str, needle: &str) -> &'s str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle} on the screen:\n{screen}"))
}

fn on_disk(dir: &Path, id: &str) -> Vec<Annotation> {
    let text = std::fs::read_to_string(dir.join(format!("{id}.ann.jsonl"))).unwrap();
    text.lines().skip(1).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// `depeche agree DIR --between ana ben --format json`.
fn agreement(dir: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["agree", dir.to_str().unwrap(), "--between", "ana", "ben", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn accepted_by<'a>(anns: &'a [Annotation], author: &str) -> Vec<&'a Annotation> {
    anns.iter().filter(|a| a.status == Status::Accepted && a.author == author).collect()
}

#[test]
fn keys_pick_merge_reject_undo_and_the_sidecar_keeps_every_version() {
    let mut h = H::new(160, 48);
    let agreed_before = agreement(&h.dir);
    assert!(h.screen().contains("≠4/4"), "the list says what is left:\n{}", h.screen());
    h.press("a");
    assert_eq!(h.app.mode, Mode::Adjudicate);
    assert_eq!(h.app.current, h.article(FIRST));
    // Wide: the versions side by side, a row per field, what differs marked.
    let screen = h.screen();
    assert!(screen.contains("disagreement 1 of 4 here"), "{screen}");
    assert!(row(&screen, "1 ana").contains("2 ben"), "{screen}");
    assert!(row(&screen, " label ").matches("CLAIM").count() == 2, "{screen}");
    let who = row(&screen, "≠who");
    assert!(who.find("military") < who.find("all"), "{screen}");
    assert!(!screen.contains("≠claimant"), "the same claimant is no difference:\n{screen}");
    assert!(screen.contains(" ADJUDICATE "), "{screen}");

    // The claim: its fields merged, `who` asked about and taken from 2;
    // a first merge cancelled with Esc changes nothing.
    h.press("m");
    assert_eq!(h.status(), "merge: which who? 1 \"military\" or 2 \"all\" · Esc cancels");
    assert!(row(&h.screen(), "?who").contains("military"), "{}", h.screen());
    h.key(Key::plain(KeyCode::Esc));
    assert_eq!((h.app.mode, h.status().as_str()), (Mode::Adjudicate, "merge cancelled: nothing changed"));
    h.press("m2");
    assert!(h.status().contains("merged the fields of 1 and 2: who \"all\" from 2"), "{}", h.status());
    // Valparaíso: b would keep two labels on the same words: refused.
    h.press("b");
    assert!(h.status().contains("b keeps every version only where none clashes"), "{}", h.status());
    assert!(h.screen().contains("disagreement 1 of 3 here"));
    h.press("2"); // ben's ORG
    // The town hall: 1 is ana's merge alternative, 2 ben's winner.
    assert!(row(&h.screen(), "1 ana").contains("(alternative of 2)"), "{}", h.screen());
    h.press("2");
    // Angol, which ben lacks: rejected, then undone, then kept.
    h.press("x");
    assert!(h.status().contains("rejected 1"), "{}", h.status());
    assert!(h.screen().contains("nothing left to adjudicate here · 4 decided"), "{}", h.screen());
    h.press("u");
    assert!(h.status().starts_with("undone: adjudicated"), "{}", h.status());
    assert!(h.screen().contains("disagreement 1 of 1 here · 3 decided"), "{}", h.screen());
    h.key(Key::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert!(h.status().starts_with("redone: "), "{}", h.status());
    h.press("u1");
    assert!(h.screen().contains("≠0/4"), "{}", h.screen());

    let anns = h.on_disk(FIRST);
    assert_eq!(anns.len(), 11 + 4, "every version kept, one result per decision");
    let cora = accepted_by(&anns, "cora");
    let got: Vec<(&str, &str)> = cora.iter().map(|a| (a.label.as_str(), a.quote.exact.as_str())).collect();
    assert_eq!(
        got,
        [
            ("CLAIM", "40 policiers ont été blessés"),
            ("ORG", "Valparaíso"),
            ("ORG", "mairie de Temuco"),
            ("LOC", "Angol")
        ]
    );
    assert_eq!(cora[0].attrs.who, Some(Who::All));
    assert!(cora.iter().all(|a| a.attrs.extra.contains_key(ADJUDICATION)));
    // The versions: rejected, who made them kept; the agreed ones untouched.
    for id in ["ana000000003", "ben000000004", "alt000000005", "win000000005", "ana000000006"] {
        let v = anns.iter().find(|a| a.id == id).unwrap();
        assert_eq!(v.status, Status::Rejected, "{id}");
        let by = v.attrs.extra[ANNOTATED_BY].as_str().unwrap();
        assert_eq!(by, if id.starts_with("ben") || id.starts_with("win") { "ben" } else { "ana" });
    }
    assert_eq!(accepted_by(&anns, "ana").len(), 2);
    assert_eq!(accepted_by(&anns, "ben").len(), 2);
    // depeche check finds nothing wrong with what was written.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["check", h.dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // How far ana and ben agreed does not change with the curator's decisions.
    assert_eq!(agreement(&h.dir), agreed_before);
}

#[test]
fn n_goes_on_to_the_next_dispatch_and_esc_leaves() {
    let mut h = H::new(120, 40);
    h.press("an");
    assert_eq!(h.app.adjudication.focus, 1);
    h.press("nnn");
    assert_eq!(h.app.current, h.article(SECOND), "after the last one, the next dispatch");
    assert!(h.status().contains(&format!("on to {SECOND}: 1 to adjudicate")), "{}", h.status());
    assert!(h.screen().contains("«Lima»"));
    h.press("N");
    assert_eq!((h.app.current, h.app.adjudication.focus), (h.article(FIRST), 3), "back to the last one");
    h.press("]");
    h.press("1");
    assert!(h.status().contains("dispatch done"), "{}", h.status());
    assert!(h.on_disk(SECOND).iter().any(|a| a.author == "cora" && a.label == "LOC"));
    h.key(Key::plain(KeyCode::Esc));
    assert_eq!(h.app.mode, Mode::Read);
    assert!(h.app.reader.focus.is_none());
}

#[test]
fn help_lists_the_adjudication_keys_and_the_config_rebinds_them() {
    let mut h = H::new(120, 40);
    h.press("a?");
    let help = depeche::tui::view::help::lines(&h.app, true);
    let text: Vec<String> =
        help.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>()).collect();
    assert_eq!(text[0], "adjudicate mode");
    for want in ["keep version 1", "keep every version", "merge the versions' fields", "next disagreement"] {
        assert!(text.iter().any(|l| l.contains(want)), "{want} in help:\n{}", text.join("\n"));
    }
    assert!(text.iter().any(|l| l.contains("≠2/7")), "the list's mark is explained");
    // The help is drawn over the versions' panel, not under it.
    let screen = h.screen();
    assert!(screen.contains("Help — keys by mode") && !screen.contains("disagreement 1 of 4"), "{screen}");
    let config = Config::parse("[keys.adjudicate]\nkeep_both = \"B\"\n").unwrap();
    let mut km = h.app.keymap.clone();
    config.apply(&mut h.app.theme.clone(), &mut km).unwrap();
    assert_eq!(
        km.lookup(depeche::tui::keymap::Layer::Adjudicate, Key::ch('B')),
        Some(Action::AdjudicateKey(depeche::team::adjudicate::AdjudicateAction::Both))
    );
}

#[test]
fn a_narrow_screen_shows_what_differs_first() {
    let mut h = H::new(80, 24);
    h.press("a");
    let screen = h.screen();
    assert!(screen.contains("1 ana CLAIM") && screen.contains("≠who: military"), "{screen}");
}

#[test]
fn nothing_to_adjudicate_says_so_and_stays_in_the_reader() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("2026-01-02_x_y.txt"), "Rain fell on Quito.\n").unwrap();
    let mut app = depeche::tui::open(tmp.path(), &Config::default(), ReadState::default()).unwrap();
    update::update(&mut app, Action::Resize(100, 30));
    update::handle_key(&mut app, Key::ch('a'));
    assert_eq!(app.mode, Mode::Read);
    assert!(app.status.unwrap().text.contains("nothing to adjudicate"));
}

#[test]
fn a_decision_is_undone_after_a_restart_once_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = team_folder(tmp.path());
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let readstate = || ReadState { path: Some(data.join("readstate.json")), ..Default::default() };
    let mut h = H::open(tmp, dir.clone(), readstate(), 120, 40);
    h.press("a1");
    assert_eq!(accepted_by(&h.on_disk(FIRST), "cora").len(), 1);
    // A new run: the decision is in the undo history of the user's data.
    let tmp = h._tmp;
    let mut h = H::open(tmp, dir, readstate(), 120, 40);
    h.press("au");
    assert!(h.status().starts_with("u again undoes a change of an earlier session"), "{}", h.status());
    assert_eq!(accepted_by(&h.on_disk(FIRST), "cora").len(), 1, "asked, not done");
    h.press("u");
    assert!(h.status().starts_with("undone: adjudicated"), "{}", h.status());
    let anns = h.on_disk(FIRST);
    assert!(accepted_by(&anns, "cora").is_empty());
    assert_eq!(accepted_by(&anns, "ana").len(), 5, "ana's versions accepted again");
}

/// The real binary: a, then m 1 (merge, `who` from 1), 2, 2, x, u, 1,
/// quit; the sidecar on disk.
#[test]
fn adjudicate_by_keys_in_a_real_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = team_folder(tmp.path());
    let mut t = common::spawn(&dir, tmp.path(), 40, 140, &[("USER", "cora")]);
    let pause = Duration::from_millis(60);
    assert_eq!(t.master.get_size().unwrap().cols, 140);
    t.wait_screen("the list and its marks", "≠4/4");
    t.send("a", pause);
    t.wait_screen("the first disagreement", "disagreement 1 of 4 here");
    t.send("m", pause);
    t.wait_screen("the merge asking", "merging: which who?");
    t.send("1", pause);
    t.wait_screen("the claim merged", "disagreement 1 of 3 here");
    t.send("2", pause);
    t.wait_screen("Valparaíso decided", "alternative of 2");
    t.send("2", pause);
    t.wait_screen("the town hall decided", "disagreement 1 of 1 here");
    t.send("x", pause);
    t.wait_screen("Angol rejected", "nothing left to adjudicate here · 4 decided");
    t.send("u", pause);
    t.wait_screen("the rejection undone", "disagreement 1 of 1 here · 3 decided");
    t.send("1", pause);
    t.wait_screen("Angol kept", "nothing left to adjudicate here · 4 decided");
    t.send("q", pause);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        t.pump();
        if let Some(status) = t.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "depeche did not quit:\n{}",
            t.parser.screen().contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let anns = on_disk(&dir, FIRST);
    assert_eq!(anns.len(), 15);
    let cora: Vec<(&str, &str)> =
        accepted_by(&anns, "cora").iter().map(|a| (a.label.as_str(), a.quote.exact.as_str())).collect();
    assert_eq!(
        cora,
        [
            ("CLAIM", "40 policiers ont été blessés"),
            ("ORG", "Valparaíso"),
            ("ORG", "mairie de Temuco"),
            ("LOC", "Angol")
        ]
    );
    let rejected = anns.iter().filter(|a| a.status == Status::Rejected).count();
    assert_eq!(rejected, 7, "the seven versions, none deleted");
    assert_eq!(accepted_by(&anns, "cora")[0].attrs.who, Some(Who::Military));
}

#[test]
fn the_mark_of_the_dispatch_being_annotated_waits_for_the_session_end() {
    let mut h = H::new(160, 48);
    assert!(h.screen().contains("≠4/4"), "{}", h.screen());
    // cora labels a word in annotate mode: one more annotator's version
    h.press("i").press("wv1");
    assert!(h.screen().contains("≠4/4"), "the mark waits while annotating:\n{}", h.screen());
    h.key(Key::plain(KeyCode::Esc));
    let screen = h.screen();
    assert!(screen.contains("≠") && !screen.contains("≠4/4"), "counted again after the session:\n{screen}");
}
