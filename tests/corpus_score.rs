//! The extractor on real dispatches nobody wrote for it: `depeche suggest`
//! over the dev corpus beside the clone (`../shared/corpora/dev`, 40
//! dispatches of many wars with hand-made gold), scored by the corpus's own
//! scorers. The floors sit a little below the figures reached (see
//! docs/extract.md): a regression guard, not a target.
//!
//! Without the corpus (a clone outside this workplace) the test says so
//! and passes; under CI (`CI` set) a missing corpus fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora")
}

/// The figure after `label` on the first line of `out` that contains
/// `line_has`: `label` is followed by spaces and a number.
fn figure(out: &str, line_has: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.contains(line_has))
        .unwrap_or_else(|| panic!("no line with {line_has}:\n{out}"));
    let after = &line[line.find(label).unwrap_or_else(|| panic!("no {label} in {line}")) + label.len()..];
    let number: String = after.trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    number.parse().unwrap_or_else(|_| panic!("no figure after {label} in {line}"))
}

/// The strict F1 of a label's row ("ENT      0.859  0.552  0.672 …").
fn f1(out: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no {label} row:\n{out}"));
    line.split_whitespace().nth(3).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{line}"))
}

#[test]
fn suggestions_on_the_dev_corpus_keep_their_scores() {
    let dev = corpora().join("dev");
    if !dev.join("articles").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs beside ../shared/corpora: {} is missing",
            dev.display()
        );
        eprintln!("{} not found: the corpus score is not checked", dev.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let predictions = tmp.path().join("suggest.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["suggest"])
        .arg(dev.join("articles"))
        .output()
        .expect("depeche runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(&predictions, &out.stdout).unwrap();
    let score = |script: &str| {
        let out = Command::new("python3")
            .arg(corpora().join(script))
            .arg(dev.join("gold"))
            .arg(&predictions)
            .output()
            .expect("python3 runs the corpus's scorers");
        assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let s = score("score.py");
    let e = score("evscore.py");
    eprintln!("{s}\n{e}");
    let floors = [
        ("entities F1", f1(&s, "ENT"), FLOORS.entities),
        ("figures F1", f1(&s, "FIGURE"), FLOORS.figures),
        ("dates F1", f1(&s, "DATE"), FLOORS.dates),
        ("date values", figure(&s, "DATE value accuracy", "strict matches:"), FLOORS.date_values),
        ("claim figure-match F1", figure(&s, "CLAIM figure-match", "F1"), FLOORS.claims),
        ("claimant", figure(&s, "  claimant ", "matched claims:"), FLOORS.claimant),
        ("side", figure(&s, "  side ", "matched claims:"), FLOORS.side),
        ("who", figure(&s, "  who ", "matched claims:"), FLOORS.who),
        ("scope", figure(&s, "  scope ", "matched claims:"), FLOORS.scope),
        ("article date", figure(&s, "date accuracy:", "date accuracy:"), FLOORS.article_date),
        ("outlet", figure(&s, "outlet accuracy:", "outlet accuracy:"), FLOORS.outlet),
        ("events F1", figure(&e, "events by date", "F1"), FLOORS.events),
    ];
    let below: Vec<String> = floors
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(name, got, floor)| format!("{name} {got:.3} < {floor:.3}"))
        .collect();
    assert!(below.is_empty(), "below the floor: {}", below.join(", "));
}

struct Floors {
    entities: f64,
    figures: f64,
    dates: f64,
    date_values: f64,
    claims: f64,
    claimant: f64,
    side: f64,
    who: f64,
    scope: f64,
    article_date: f64,
    outlet: f64,
    events: f64,
}

/// A little below what the shipped extractor scores on the 40 dispatches
/// (session 4: entities 0.951, figures 0.980, dates 1.000, date values
/// 0.558, claims 0.964, claimant 0.765, side 0.819, who 0.899, scope 0.996,
/// article date 0.375, outlet 0.900, events 0.60; session 5: claimant
/// 0.836, side 0.903, the rest unchanged; session 6: claimant 0.908, side
/// 0.908, who 0.908).
const FLOORS: Floors = Floors {
    entities: 0.93,
    figures: 0.95,
    dates: 0.97,
    date_values: 0.50,
    claims: 0.94,
    claimant: 0.88,
    side: 0.88,
    who: 0.88,
    scope: 0.97,
    article_date: 0.33,
    outlet: 0.85,
    events: 0.55,
};
