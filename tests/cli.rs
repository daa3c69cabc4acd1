//! The command line, through the real binary: `list`, `show`, `check` on the
//! bundled articles/ and on temporary folders.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use depeche::annotation::{Annotation, Kind, Sidecar};
use depeche::corpus;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn articles() -> PathBuf {
    manifest().join("articles")
}

fn depeche(args: &[&str]) -> Output {
    // The index of each temporary folder goes to a temporary place too.
    let index = std::env::temp_dir().join("depeche-test-index");
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .env("DEPECHE_INDEX_DIR", index)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A folder with copies of the bundled dispatches, without their sidecars.
fn copy_of_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(articles()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) == Some("txt") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Writes `text` as `dir/id.txt` and a sidecar with the given spans through
/// the library (the way depeche writes them).
fn article_with_spans(dir: &Path, id: &str, text: &str, spans: &[(&str, &str, Kind)]) {
    let path = dir.join(format!("{id}.txt"));
    std::fs::write(&path, text).unwrap();
    let article = corpus::from_bytes(&path, text.as_bytes());
    let mut sidecar = Sidecar::load(&article);
    for &(exact, label, kind) in spans {
        let b = article.text.find(exact).unwrap_or_else(|| panic!("{exact} is in the text"));
        let start = article.text[..b].chars().count();
        let end = start + exact.chars().count();
        sidecar.annotations.push(Annotation::new(&article.text, kind, label, start, end));
    }
    sidecar.save(&article).expect("the sidecar is written");
}

fn json_list(dir: &Path) -> Vec<Value> {
    let o = depeche(&["list", path_str(dir), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str::<Value>(&stdout(&o)).expect("list gives JSON").as_array().unwrap().clone()
}

fn entry<'a>(list: &'a [Value], id_part: &str) -> &'a Value {
    list.iter().find(|e| e["id"].as_str().unwrap().contains(id_part)).unwrap()
}

fn has_raw_controls(s: &str) -> bool {
    s.chars().any(|c| c != '\n' && depeche::text::inert_char(c).is_some())
}

#[test]
fn list_json_gives_the_bundled_dispatches_by_date() {
    let list = json_list(&articles());
    assert_eq!(list.len(), 5);
    let lavrov = entry(&list, "lavrov");
    assert_eq!(
        (&lavrov["date"], &lavrov["precision"], &lavrov["outlet"]),
        (&"2020-10-21".into(), &"day".into(), &"AFP".into())
    );
    let pompeo = entry(&list, "etats-unis");
    assert_eq!(
        (&pompeo["date"], &pompeo["precision"], &pompeo["outlet"]),
        (&"2020-10-23".into(), &"day".into(), &"Reuters".into())
    );
    for (part, month) in [("rt-france", "2020-09"), ("premiere-mediation", "2020-10")] {
        let e = entry(&list, part);
        assert!(e["date"].as_str().unwrap().starts_with(month), "{e}");
    }
    // By date, unknown dates last.
    let dates: Vec<Option<&str>> = list.iter().map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dates, sorted);
    for e in &list {
        for field in [
            "id",
            "path",
            "date",
            "precision",
            "date_source",
            "outlet",
            "outlet_source",
            "title",
            "lang",
            "encoding",
            "annotations",
        ] {
            assert!(e.get(field).is_some(), "{field} missing in {e}");
        }
        assert!(e["annotations"].is_u64());
        assert!(Path::new(e["path"].as_str().unwrap()).exists());
    }
}

#[test]
fn list_json_from_the_text_alone_says_where_each_value_came_from() {
    let dir = copy_of_articles();
    let list = json_list(dir.path());
    let lavrov = entry(&list, "lavrov");
    assert_eq!((&lavrov["date_source"], &lavrov["outlet_source"]), (&"dateline".into(), &"dateline".into()));
    let pompeo = entry(&list, "etats-unis");
    assert_eq!(pompeo["title"], "Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation");
    // The text gives only the marker's month (or nothing): the file's name
    // (`2020-10-09_euronews_…`) gives the day.
    for part in ["rt-france", "premiere-mediation", "euronews"] {
        let e = entry(&list, part);
        assert_eq!((&e["precision"], &e["date_source"]), (&"day".into(), &"file_name".into()), "{e}");
    }
    let euronews = entry(&list, "euronews");
    assert_eq!(euronews["date"], "2020-10-09");
    assert_eq!((&euronews["outlet"], &euronews["outlet_source"]), (&"euronews".into(), &"byline".into()));
    assert!(list.iter().all(|e| e["lang"] == "fr" && e["encoding"] == "UTF-8" && e["annotations"] == 0));
}

#[test]
fn list_table_fits_80_columns_and_dir_defaults_to_articles() {
    let o = Command::new(BIN).arg("list").current_dir(manifest()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for line in out.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "too wide: {line}");
    }
    assert!(out.contains("2020-10-21") && out.contains("2020-10-21_afp_lavrov-recoit-separement"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("20") || l.starts_with("??")).count(), 5, "{out}");
}

#[test]
fn list_of_a_missing_folder_is_an_error_sentence_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nulle-part");
    for sub in ["list", "check"] {
        let o = depeche(&[sub, path_str(&missing)]);
        assert_eq!(o.status.code(), Some(2), "{sub}");
        let err = stderr(&o);
        assert!(err.contains("nulle-part") && err.contains("does not exist"), "{sub}: {err}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn list_never_prints_a_raw_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Titre \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J\u{202e}piégé\u{9b}\n\nMoscou, 21 oct 2020 (AFP) - Texte.";
    std::fs::write(dir.path().join("piege.txt"), text).unwrap();
    for format in ["table", "json"] {
        let o = depeche(&["list", path_str(dir.path()), "--format", format]);
        assert_eq!(o.status.code(), Some(0));
        assert!(!has_raw_controls(&stdout(&o)), "{format}: {:?}", stdout(&o));
    }
    let list = json_list(dir.path());
    assert!(list[0]["title"].as_str().unwrap().contains('\u{1b}'), "JSON keeps the value, escaped");
}

#[test]
fn show_marks_annotations_inline_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Moscou, 21 oct 2020 (AFP) - Le conflit a fait plus de 800 morts, a dit Sergueï Lavrov à Moscou.";
    article_with_spans(
        dir.path(),
        "d",
        text,
        &[
            ("plus de 800 morts", "CLAIM", Kind::Claim),
            ("800 morts", "FIGURE", Kind::Figure),
            ("Sergueï Lavrov", "PER", Kind::Entity),
            ("Moscou.", "LOC", Kind::Entity),
        ],
    );
    let o = depeche(&["show", "d", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[plus de [800 morts]{FIGURE}]{CLAIM}"), "{out}");
    assert!(out.contains("[Sergueï Lavrov]{PER}"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour in a pipe: {out:?}");
    assert!(out.contains("2020-10-21") && out.contains("AFP"), "{out}");
    // `show d.txt` is the same article.
    assert_eq!(stdout(&depeche(&["show", "d.txt", path_str(dir.path())])), out);
}

#[test]
fn show_never_prints_a_raw_control_character_of_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Titre \u{1b}]52;c;ZXZpbA==\u{7}\n\nTexte \u{1b}[31m rouge \u{202e}à l'envers\u{202c} à Bakou\u{7f}.";
    article_with_spans(
        dir.path(),
        "piege",
        text,
        &[("Bakou", "LOC", Kind::Entity), ("rouge", "PER", Kind::Entity)],
    );
    let o = depeche(&["show", "piege", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!has_raw_controls(&out), "{out:?}");
    assert!(out.contains("[Bakou]{LOC}") && out.contains("^[]52;c;"), "{out}");
}

#[test]
fn show_an_unknown_id_names_the_close_ones_and_exits_2() {
    let o = depeche(&["show", "lavorv", path_str(&articles())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("'lavorv'") && err.contains("2020-10-21_afp_lavrov-recoit-separement"), "{err}");
    let o = depeche(&["show", "qqqqqqqqqqqq", path_str(&articles())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("depeche list"), "{}", stderr(&o));
}

#[test]
fn show_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let para = "Le ministre a reçu ses homologues à Moscou, a annoncé la diplomatie russe.\n\n";
    std::fs::write(dir.path().join("long.txt"), para.repeat(20_000)).unwrap();
    let mut child = Command::new(BIN)
        .args(["show", "long", path_str(dir.path())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(err, "", "a closed pipe is not an error to report");
    assert_eq!(status.code(), Some(0));
}

/// Runs the binary in a pseudo-terminal and returns what it printed.
fn in_terminal(args: &[&str], no_color: bool) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize { rows: 50, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    // On Linux the master reads EIO once the child is gone.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    assert!(child.wait().unwrap().success());
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(unix)]
#[test]
fn show_colours_by_label_on_a_terminal_unless_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Sergueï Lavrov a reçu à Moscou ses homologues \u{1b}]52;c;ZXZpbA==\u{7}.";
    article_with_spans(
        dir.path(),
        "d",
        text,
        &[("Sergueï Lavrov", "PER", Kind::Entity), ("Moscou", "LOC", Kind::Entity)],
    );
    let coloured = in_terminal(&["show", "d", path_str(dir.path())], false);
    assert!(coloured.contains("\u{1b}[95mSergueï Lavrov\u{1b}[0m"), "{coloured:?}");
    assert!(coloured.contains("\u{1b}[92mMoscou\u{1b}[0m"), "{coloured:?}");
    assert!(!coloured.contains("]{PER}"), "{coloured:?}");
    assert!(!coloured.contains("\u{1b}]52"), "the article's OSC 52 never reaches the terminal");
    let plain = in_terminal(&["show", "d", path_str(dir.path())], true);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("[Sergueï Lavrov]{PER}") && plain.contains("[Moscou]{LOC}"), "{plain:?}");
}

#[test]
fn check_is_clean_on_good_dispatches_and_sidecars() {
    let dir = copy_of_articles();
    let id = "2020-10-21_afp_lavrov-recoit-separement";
    let text = std::fs::read_to_string(dir.path().join(format!("{id}.txt"))).unwrap();
    article_with_spans(dir.path(), id, &text, &[("Sergueï Lavrov", "PER", Kind::Entity)]);
    let o = depeche(&["check", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("5 dispatches and 1 sidecar checked: no problems."), "{}", stdout(&o));
    let list = json_list(dir.path());
    assert_eq!(entry(&list, "lavrov")["annotations"], 1);
}

#[test]
fn check_of_the_bundled_articles_exits_0() {
    let o = depeche(&["check", path_str(&articles())]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn check_names_a_corrupt_sidecar_line_and_leaves_the_file_untouched() {
    let dir = copy_of_articles();
    let id = "2020-10-21_afp_lavrov-recoit-separement";
    let text = std::fs::read_to_string(dir.path().join(format!("{id}.txt"))).unwrap();
    article_with_spans(
        dir.path(),
        id,
        &text,
        &[("Sergueï Lavrov", "PER", Kind::Entity), ("Nagorny Karabakh", "LOC", Kind::Entity)],
    );
    let sidecar = dir.path().join(format!("{id}.ann.jsonl"));
    let good = std::fs::read_to_string(&sidecar).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    assert_eq!(lines.len(), 3);
    let broken_line = lines[2][..lines[2].len() / 2].to_string();
    lines[2] = &broken_line;
    let corrupt = lines.join("\n") + "\n";
    std::fs::write(&sidecar, &corrupt).unwrap();

    let o = depeche(&["check", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{id}.ann.jsonl:3:")), "{out}");
    assert!(out.contains("1 problem."), "{out}");
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), corrupt, "check never writes");
    // The other commands still work, and say so.
    let o = depeche(&["show", id, path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains(":3:"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), corrupt);
}

#[cfg(unix)]
#[test]
fn check_reports_every_problem_of_a_dirty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bon.txt"), "Moscou, 21 oct 2020 (AFP) - Un texte.").unwrap();
    std::fs::write(d.join("binaire.txt"), b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    std::fs::write(d.join("vide.txt"), "").unwrap();
    std::fs::write(outside.path().join("ailleurs.txt"), "Un texte.").unwrap();
    std::os::unix::fs::symlink(outside.path().join("ailleurs.txt"), d.join("lien.txt")).unwrap();
    std::fs::write(d.join("perdu.ann.jsonl"), "{}\n").unwrap();
    std::fs::write(d.join("labels.toml"), "[[label]]\nname = 3\n").unwrap();
    let o = depeche(&["check", path_str(d)]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for name in ["binaire.txt", "vide.txt", "lien.txt", "perdu.ann.jsonl", "labels.toml"] {
        assert!(out.lines().any(|l| l.contains(name)), "{name} not named in:\n{out}");
    }
    assert!(out.contains("5 problems."), "{out}");
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["list", "show", "check"] {
        let o = depeche(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        assert!(stdout(&o).contains("Usage"), "{sub}");
    }
    let o = depeche(&["list", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2), "a usage error");
}

#[test]
fn the_reader_without_a_terminal_says_what_to_use_instead() {
    let o = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .arg(articles())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("needs a terminal") && err.contains("depeche list"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn eval_leaves_out_a_dispatch_nobody_annotated_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(articles()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("2020-11-01_afp_bare.txt"),
        "Selon Bakou, 12 civils ont été tués lundi à Barda.",
    )
    .unwrap();
    let o = depeche(&["eval", path_str(dir.path())]);
    let out = stdout(&o);
    assert!(out.starts_with("5 annotated articles scored"), "{out}");
    assert!(out.contains("1 article left out: nobody annotated it"), "{out}");
    let o = depeche(&["eval", path_str(dir.path()), "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unannotated"], serde_json::json!(["2020-11-01_afp_bare"]));
}

#[test]
fn show_colours_into_a_pipe_when_asked_and_never_when_told() {
    let id = "2020-10-21_afp_lavrov-recoit-separement";
    let always = stdout(&depeche(&["show", id, path_str(&articles()), "--color", "always"]));
    assert!(always.contains("\x1b["), "colours for less -R");
    assert!(!always.contains("]{LOC}"), "no inline markers when coloured");
    let never = stdout(&depeche(&["show", id, path_str(&articles()), "--color", "never"]));
    assert!(!never.contains('\x1b') && never.contains("]{LOC}"), "markers, no escape");
}

#[test]
fn a_sidecar_outlet_with_escape_sequences_is_printed_inert_and_check_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = "2020-10-21_afp_lavrov-recoit-separement";
    for ext in ["txt", "ann.jsonl"] {
        std::fs::copy(articles().join(format!("{id}.{ext}")), dir.path().join(format!("{id}.{ext}")))
            .unwrap();
    }
    let sidecar = dir.path().join(format!("{id}.ann.jsonl"));
    let text = std::fs::read_to_string(&sidecar).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    let mut header: Value = serde_json::from_str(head).unwrap();
    header["meta"]["outlet"] = Value::String("\u{1b}]52;c;SGk=\u{7}EVIL\u{1b}[2J".into());
    std::fs::write(&sidecar, format!("{header}\n{rest}")).unwrap();
    let listed = stdout(&depeche(&["list", path_str(dir.path())]));
    assert!(!has_raw_controls(&listed), "{listed:?}");
    let o = depeche(&["check", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(":1: the metadata's outlet holds control characters"), "{}", stdout(&o));
}

#[test]
fn csv_neutralises_formulas_and_controls_and_json_escapes_c1_and_bidi() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Selon la mairie, 12 civils\u{9b} \u{202e}ont été tués.";
    let path = dir.path().join("2020-10-09_afp_x.txt");
    std::fs::write(&path, text).unwrap();
    let article = corpus::from_bytes(&path, text.as_bytes());
    let mut sidecar = Sidecar::load(&article);
    let mut claim = Annotation::new(&article.text, Kind::Claim, "CLAIM", 17, 26);
    claim.attrs.claimant = Some("=HYPERLINK(\"http://x\")".into());
    claim.attrs.count_low = Some(12);
    sidecar.annotations.push(claim);
    sidecar.save(&article).expect("the sidecar is written");
    let csv = stdout(&depeche(&["claims", path_str(dir.path()), "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().expect("one claim").unwrap();
    assert!(row[0].starts_with("'="), "a formula is text: {:?}", &row[0]);
    assert!(!has_raw_controls(&csv), "{csv:?}");
    let json = stdout(&depeche(&["suggest", path_str(dir.path())]));
    assert!(!json.contains('\u{9b}') && !json.contains('\u{202e}'), "C1 and bidi escaped");
    assert!(json.contains("\\u009b") && json.contains("\\u202e"), "as \\u escapes");
}

#[test]
fn import_errors_quote_the_file_inert() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    let id = "2020-10-21_afp_lavrov-recoit-separement";
    std::fs::copy(articles().join(format!("{id}.txt")), arts.join(format!("{id}.txt"))).unwrap();
    let src = dir.path().join("in.jsonl");
    let line = format!(
        r#"{{"article":"{id}","kind":"ent\u001b]0;PWNED\u0007ity","label":"L\u001b[2JOC","start":0,"end":3,"quote":{{"exact":"Mos"}},"status":"accepted"}}"#
    );
    std::fs::write(&src, line + "\n").unwrap();
    let o = depeche(&["import", "--from", "jsonl", path_str(&src), path_str(&arts)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("PWNED") && !has_raw_controls(&err), "{err:?}");
}

#[test]
fn export_then_import_into_bare_texts_keeps_the_dates_and_outlets_list_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = tmp.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    let text =
        " date 2021-11-02 Des drones ont visé la centrale de Zaporijjia dans la nuit, selon l'exploitant.";
    article_with_spans(&arts, "zaporijjia", text, &[("Zaporijjia", "LOC", Kind::Entity)]);
    // The annotator set the outlet.
    let article = corpus::from_bytes(&arts.join("zaporijjia.txt"), text.as_bytes());
    let mut sc = Sidecar::load(&article);
    sc.header.meta.outlet = Some("Ukrinform".into());
    sc.save(&article).unwrap();
    let want = json_list(&arts);
    assert_eq!((&want[0]["date"], &want[0]["outlet"]), (&"2021-11-02".into(), &"Ukrinform".into()));
    for format in ["brat", "jsonl", "w3c"] {
        let out = tmp.path().join(format!("out-{format}"));
        let o = depeche(&["export", "--to", format, path_str(&out), path_str(&arts)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // A folder of the bare texts brat gets (no date marker).
        let bare = tmp.path().join(format!("bare-{format}"));
        std::fs::create_dir(&bare).unwrap();
        let brat = tmp.path().join("out-brat");
        std::fs::copy(brat.join("zaporijjia.txt"), bare.join("zaporijjia.txt")).unwrap();
        let src = match format {
            "brat" => out.clone(),
            "jsonl" => out.join("annotations.jsonl"),
            _ => out.join("annotations.w3c.jsonl"),
        };
        let from = if format == "brat" { "brat" } else { "jsonl" };
        let o = depeche(&["import", "--from", from, path_str(&src), path_str(&bare)]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}{}", stdout(&o), stderr(&o));
        assert!(
            stdout(&o).contains("1 dispatch header (date, outlet, title, language) restored"),
            "{}",
            stdout(&o)
        );
        let got = json_list(&bare);
        for field in ["date", "precision", "outlet", "title", "lang", "annotations"] {
            assert_eq!(got[0][field], want[0][field], "{format}: {field}");
        }
    }
}

#[test]
fn the_next_command_completes_an_interrupted_import_and_removes_stale_temporaries() {
    use depeche::annotation::store::journal::{Fault, Step};
    use depeche::export::import::{ImportOptions, apply_with};
    let tmp = tempfile::tempdir().unwrap();
    let arts = tmp.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    for id in ["a", "b"] {
        std::fs::write(arts.join(format!("{id}.txt")), "Les combats ont repris près de Bakhmout.").unwrap();
    }
    let src = tmp.path().join("in.jsonl");
    let line = |id: &str| format!(r#"{{"article":"{id}","label":"LOC","start":31,"end":39}}"#);
    std::fs::write(&src, format!("{}\n{}\n", line("a"), line("b"))).unwrap();
    // Killed once the plan is recorded, before any sidecar is in place.
    let mut project = depeche::project::Project::open(&arts).unwrap();
    let batch = depeche::export::jsonl::read(&src, &project);
    let hook = &mut |s| if s == Step::Journal { Fault::Crash } else { Fault::Go };
    apply_with(&mut project, vec![batch], ImportOptions::default(), hook);
    assert!(!arts.join("a.ann.jsonl").exists() && !arts.join("b.ann.jsonl").exists());
    // A temporary file a crash left long ago.
    let stale = arts.join(".c.ann.jsonl.k3Xq9z.tmp");
    std::fs::write(&stale, "half a sidecar").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    let o = depeche(&["list", path_str(&arts)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note:") && stderr(&o).contains("was completed (2 of 2"), "{}", stderr(&o));
    let list = json_list(&arts);
    assert!(list.iter().all(|e| e["annotations"] == 1), "{list:?}");
    let hidden: Vec<String> = std::fs::read_dir(&arts)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "no journal, no temporary file left: {hidden:?}");
    let o = depeche(&["check", path_str(&arts)]);
    assert!(stdout(&o).contains("no problems"), "{}", stdout(&o));
}

#[test]
fn check_names_a_claim_without_fields_and_list_an_unreadable_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le gouverneur a annoncé que 14 civils avaient été tués à Kherson.";
    article_with_spans(dir.path(), "k", text, &[("14 civils avaient été tués", "CLAIM", Kind::Claim)]);
    let o = depeche(&["check", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("k.ann.jsonl:2: annotation") && out.contains("is a claim with none of its fields"),
        "{out}"
    );

    std::fs::write(dir.path().join("k.ann.jsonl"), "{ not a sidecar\n").unwrap();
    let o = depeche(&["list", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning:") && stderr(&o).contains("k.ann.jsonl"), "{}", stderr(&o));
    let row = stdout(&o).lines().nth(1).unwrap().to_string();
    assert!(row.contains("  ?  "), "ANN is not 0 but unknown: {row}");
    assert!(json_list(dir.path())[0]["sidecar_error"].is_string());
}

#[test]
fn utf8_with_a_few_bad_bytes_stays_utf8_and_check_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes =
        "Kyiv, 3 mars 2022 (AFP) – L’état-major a annoncé « une trêve » là où l’électricité était coupée.\n"
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(b"Le pont a \xe9t\xe9 d\xe9truit.\n");
    std::fs::write(dir.path().join("d.txt"), &bytes).unwrap();
    let list = json_list(dir.path());
    assert_eq!(list[0]["encoding"], "UTF-8 (invalid bytes replaced)");
    let o = depeche(&["show", "d", path_str(dir.path())]);
    assert!(stdout(&o).contains("L’état-major"), "the valid text is not mojibake: {}", stdout(&o));
    let o = depeche(&["check", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("d.txt:2: 3 byte sequences are not UTF-8"), "{}", stdout(&o));
}

#[test]
fn a_corpus_folder_opens_on_its_articles() {
    // the layout of a corpus with its gold: DIR/articles/*.txt beside DIR/gold/
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::create_dir(dir.path().join("gold")).unwrap();
    std::fs::write(
        dir.path().join("articles/2024-03-02_afp_port.txt"),
        "Bombardement du port\n\nPARIS, 2 mars 2024 (AFP) - Douze civils ont été tués samedi, selon les autorités locales.\n",
    )
    .unwrap();
    let o = depeche(&["list", path_str(dir.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Bombardement du port"), "{}", stdout(&o));
    let o = depeche(&["claims", path_str(dir.path())]);
    assert!(stdout(&o).contains("autorités locales"), "{}", stdout(&o));
}
