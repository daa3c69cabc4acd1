//! One poisoned corpus through every command that writes to a terminal:
//! escape sequences (CSI, OSC 52 clipboard, OSC 8 links, DCS), C1 controls
//! and bidi overrides in article text, titles, file names, claimants,
//! summaries, label names and descriptions, metadata and settings values.
//! Tables, text and error messages carry none of them raw; JSON keeps the
//! text byte-exact, escaped.

#![cfg(unix)]

use std::path::Path;
use std::process::Output;

use depeche::annotation::{Annotation, Kind, Sidecar};
use depeche::corpus;
use serde_json::Value;

/// Every kind of control a terminal acts on.
const POISON: &str = "\u{1b}[2J\u{1b}]52;c;SGk=\u{7}\u{1b}]8;;http://x.invalid\u{7}lien\u{1b}]8;;\u{7}\
\u{1b}P+q544e\u{1b}\\\u{9b}31m\u{85}\u{90}q\u{9c}\u{202e}\u{2066}\u{8}";

const BODY: &str = "Titre piégé {P}\n\nMoscou, 21 oct 2020 (AFP) - Selon le ministère{P} de la Défense, \
12 civils ont été tués le 20 octobre à Bakou{P}, a-t-il déclaré. Erevan{P} dément.\n";

fn depeche(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A raw control a terminal would act on (newlines aside).
fn raw(s: &str) -> Option<char> {
    s.chars().find(|&c| c != '\n' && depeche::text::inert_char(c).is_some())
}

fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

/// The poisoned folder: two dispatches (one with a poisoned file name), a
/// sidecar whose metadata and attributes are poisoned, labels.toml and
/// claimants.toml with poisoned values. Returns the poisoned file's id.
fn poisoned(dir: &Path) -> String {
    let text = BODY.replace("{P}", POISON);
    let path = dir.join("2020-10-21_afp_poison.txt");
    std::fs::write(&path, &text).unwrap();
    let evil_id = format!("2020-10-22_x{}y", POISON.replace('/', "_"));
    std::fs::write(dir.join(format!("{evil_id}.txt")), &text).unwrap();
    std::fs::write(
        dir.join("labels.toml"),
        format!(
            "[[label]]\nname = \"LOC\"\nkind = \"entity\"\nkey = \"l\"\ncolor = \"green\"\ndescription = \"lieu {}\"\n\
             [[label]]\nname = \"CLAIM\"\nkind = \"claim\"\nkey = \"c\"\ncolor = \"red\"\n\
             [[label]]\nname = \"EVENT\"\nkind = \"event\"\nkey = \"e\"\ncolor = \"blue\"\n",
            toml_escape(POISON)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("claimants.toml"),
        format!(
            "[[claimant]]\nname = \"ministère {0}\"\naliases = [\"ministère{0}\"]\n",
            toml_escape(POISON)
        ),
    )
    .unwrap();
    let article = corpus::from_bytes(&path, text.as_bytes());
    let mut sc = Sidecar::load(&article);
    sc.header.meta.outlet = Some(format!("AFP{POISON}"));
    sc.header.meta.title = Some(format!("Titre{POISON}"));
    let (s, e) = span(&article.text, "12 civils ont été tués");
    let mut claim = Annotation::new(&article.text, Kind::Claim, "CLAIM", s, e);
    claim.id = "claim".into();
    claim.attrs.claimant = Some(format!("ministère{POISON}"));
    claim.attrs.count_low = Some(12);
    claim.attrs.summary = Some(format!("bilan{POISON}"));
    claim.author = format!("moi{POISON}");
    let (s, e) = span(&article.text, "Bakou");
    let mut place = Annotation::new(&article.text, Kind::Entity, "LOC", s, e);
    place.id = "place".into();
    place.attrs.canonical = Some(format!("Baku{POISON}"));
    let (s, e) = span(&article.text, "le 20 octobre");
    let mut event = Annotation::new(&article.text, Kind::Event, "EVENT", s, e);
    event.id = "event".into();
    event.attrs.summary = Some(format!("frappes{POISON}"));
    event.attrs.date = depeche::date::PartialDate::day(2020, 10, 20);
    // a label unknown to the schema, its name poisoned
    let (s, e) = span(&article.text, "Erevan");
    let mut odd = Annotation::new(&article.text, Kind::Entity, &format!("ODD{POISON}"), s, e);
    odd.id = "odd".into();
    for a in [claim, place, event, odd] {
        sc.annotations.push(a);
    }
    sc.sort();
    sc.save(&article).unwrap();
    evil_id
}

fn toml_escape(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { format!("\\u{:04X}", c as u32) } else { c.to_string() }).collect()
}

fn assert_inert(what: &str, o: &Output) {
    for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let s = String::from_utf8_lossy(bytes);
        if let Some(c) = raw(&s) {
            panic!("{what}: a raw {c:?} reaches {stream}:\n{s:?}");
        }
    }
}

#[test]
fn no_command_lets_a_control_reach_the_terminal_and_json_keeps_the_text_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let evil_id = poisoned(&dir);
    let d = dir.to_str().unwrap();
    let out = tmp.path().join("out");
    let od = out.to_str().unwrap();

    let text_commands: Vec<Vec<&str>> = vec![
        vec!["list", d],
        vec!["show", "2020-10-21_afp_poison", d],
        vec!["show", "--color", "never", "2020-10-21_afp_poison", d],
        vec!["show", "--color", "always", "2020-10-21_afp_poison", d],
        vec!["show", &evil_id, d],
        vec!["show", "2020-10-21_afp_poiso", d],
        vec!["check", d],
        vec!["claims", d],
        vec!["claims", "--by", "outlet", d],
        vec!["claims", "--format", "csv", d],
        vec!["timeline", d],
        vec!["timeline", "--format", "csv", d],
        vec!["eval", d],
        vec!["export", "--to", "csv", od, d],
        vec!["export", "--to", "brat", od, d],
        vec!["export", "--to", "jsonl", od, d],
    ];
    for args in &text_commands {
        let o = depeche(args);
        // `show --color always` colours with SGR sequences of its own: those
        // are depeche's, not the file's; the file's bytes must still be inert.
        if args.contains(&"always") {
            let s = String::from_utf8_lossy(&o.stdout);
            for seq in ["\u{1b}]52", "\u{1b}]8;", "\u{1b}P", "\u{1b}[2J"] {
                assert!(!s.contains(seq), "show --color always passes {seq:?}: {s:?}");
            }
            assert!(!s.contains('\u{9b}') && !s.contains('\u{202e}'), "show --color always: {s:?}");
            continue;
        }
        assert_inert(&args.join(" "), &o);
    }
    let checked = String::from_utf8_lossy(&depeche(&["check", d]).stdout).into_owned();
    assert!(checked.contains("outlet holds control characters"), "check flags the metadata: {checked}");

    // JSON: nothing raw on the terminal, and the text exact once parsed.
    // (timeline folds the white space of a summary, U+0085 among it: its
    // exact text there is the poisoned file name)
    let json_commands = [
        (vec!["list", "--format", "json", d], POISON),
        (vec!["claims", "--format", "json", d], POISON),
        (vec!["timeline", "--format", "json", d], evil_id.as_str()),
    ];
    for (args, exact) in json_commands {
        let o = depeche(&args);
        assert_inert(&args.join(" "), &o);
        let s = String::from_utf8(o.stdout).unwrap();
        assert!(s.contains("\\u001b"), "{args:?}: ESC as \\u001b");
        let v: Value = serde_json::from_str(&s).unwrap_or_else(|e| panic!("{args:?}: {e}\n{s}"));
        assert!(json_has(&v, exact), "{args:?}: the poisoned text is kept exact: {s}");
    }
    let o = depeche(&["suggest", d]);
    assert_inert("suggest", &o);
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        serde_json::from_str::<Value>(line).unwrap();
    }

    // Exports to files keep the text exact where the format can.
    assert!(depeche(&["export", "--to", "jsonl", od, d]).status.success());
    let jsonl = std::fs::read_to_string(out.join("annotations.jsonl")).unwrap();
    let claimants: Vec<String> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|v| v["attrs"]["claimant"].as_str().map(String::from))
        .collect();
    assert!(claimants.contains(&format!("ministère{POISON}")), "{claimants:?}");

    // Import error messages quote the file inert.
    let bad = tmp.path().join(format!("in{}.jsonl", POISON.replace('/', "_")));
    let line = serde_json::json!({
        "article": format!("nope{POISON}"), "kind": format!("entity{POISON}"), "label": format!("L{POISON}"),
        "start": 0, "end": 3, "quote": {"exact": format!("Mo{POISON}")}, "status": format!("ok{POISON}"),
    });
    std::fs::write(
        &bad,
        format!("{line}\n{{\"article\":\"2020-10-21_afp_poison\",\"label\":\"LOC{POISON}\"\n"),
    )
    .unwrap();
    let o = depeche(&["import", "--from", "jsonl", bad.to_str().unwrap(), d]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_inert("import jsonl", &o);
    let brat = tmp.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("2020-10-21_afp_poison.txt"), BODY.replace("{P}", POISON)).unwrap();
    std::fs::write(
        brat.join("2020-10-21_afp_poison.ann"),
        format!(
            "T1\tLOC{POISON} 0 5\tTitre{POISON}\nT2\tLOC 0 5\tfaux{POISON}\nA1\tStatus{POISON} T1 x{POISON}\n"
        ),
    )
    .unwrap();
    let o = depeche(&["import", "--from", "brat", brat.to_str().unwrap(), d]);
    assert_inert("import brat", &o);

    // A broken labels.toml whose error quotes a poisoned name.
    std::fs::write(
        dir.join("labels.toml"),
        format!("[[label]]\nname = \"{}\"\nkey = 3\n", toml_escape(POISON)),
    )
    .unwrap();
    for cmd in ["list", "check", "claims"] {
        assert_inert(&format!("{cmd} with a poisoned labels.toml"), &depeche(&[cmd, d]));
    }
}

fn json_has(v: &Value, needle: &str) -> bool {
    match v {
        Value::String(s) => s.contains(needle),
        Value::Array(a) => a.iter().any(|x| json_has(x, needle)),
        Value::Object(o) => o.values().any(|x| json_has(x, needle)),
        _ => false,
    }
}
