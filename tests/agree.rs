//! `depeche agree` on two annotators' copies of the bundled dispatches: the
//! reference is the gold; the other copy is the gold edited in a stated way
//! — in every sidecar every third LOC (the 3rd, 6th, … in file order) is
//! dropped, and the first ORG of the first sidecar (by file name) becomes a
//! PER. The expected scores are worked out here from the files themselves,
//! independently of the code under test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_depeche");

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

fn copy_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(articles()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn sidecars(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".ann.jsonl"))
        .collect();
    v.sort();
    v
}

/// The header line and the annotation lines of a sidecar.
fn read_lines(path: &Path) -> (String, Vec<Value>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    (header, lines.map(|l| serde_json::from_str(l).unwrap()).collect())
}

fn write_lines(path: &Path, header: &str, lines: &[Value]) {
    let mut s = format!("{header}\n");
    for l in lines {
        s.push_str(&serde_json::to_string(l).unwrap());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

/// The other annotator's copy: every third LOC dropped, one ORG made a PER.
/// Returns the ids dropped and the id relabelled.
fn edit_the_copy(dir: &Path) -> (Vec<String>, String) {
    let mut dropped = Vec::new();
    let mut relabelled = String::new();
    for (n, path) in sidecars(dir).iter().enumerate() {
        let (header, lines) = read_lines(path);
        let mut kept = Vec::new();
        let mut locs = 0;
        for mut l in lines {
            if l["label"] == "LOC" {
                locs += 1;
                if locs % 3 == 0 {
                    dropped.push(l["id"].as_str().unwrap().to_string());
                    continue;
                }
            }
            if n == 0 && relabelled.is_empty() && l["label"] == "ORG" {
                relabelled = l["id"].as_str().unwrap().to_string();
                l["label"] = "PER".into();
            }
            kept.push(l);
        }
        write_lines(path, &header, &kept);
    }
    (dropped, relabelled)
}

/// Code point ranges of the tokens: maximal runs of letters and digits.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let s = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The article texts as depeche reads them (the bundled ones are plain
/// UTF-8 with `\n` line ends and a date marker line, which is not text).
fn text_of(dir: &Path, sidecar: &Path) -> String {
    let name = sidecar.file_name().unwrap().to_string_lossy().replace(".ann.jsonl", ".txt");
    let path = dir.join(name);
    depeche::corpus::from_bytes(&path, &std::fs::read(&path).unwrap()).text
}

/// Cohen's κ of two yes/no codings of the same tokens, from its formula.
fn kappa(pairs: &[(bool, bool)]) -> f64 {
    let n = pairs.len() as f64;
    let agree = pairs.iter().filter(|(a, b)| a == b).count() as f64;
    let a_yes = pairs.iter().filter(|p| p.0).count() as f64;
    let b_yes = pairs.iter().filter(|p| p.1).count() as f64;
    let po = agree / n;
    let pe = (a_yes / n) * (b_yes / n) + ((n - a_yes) / n) * ((n - b_yes) / n);
    (po - pe) / (1.0 - pe)
}

/// For `label`, whether each token of every dispatch is inside one of its
/// spans, in the reference and in the other copy.
fn token_codings(reference: &Path, other: &Path, label: &str) -> Vec<(bool, bool)> {
    let mut pairs = Vec::new();
    for (r, o) in sidecars(reference).iter().zip(sidecars(other)) {
        let text = text_of(reference, r);
        let spans = |p: &Path| -> Vec<(usize, usize)> {
            read_lines(p)
                .1
                .iter()
                .filter(|l| l["label"] == label)
                .map(|l| (l["start"].as_u64().unwrap() as usize, l["end"].as_u64().unwrap() as usize))
                .collect()
        };
        let (rs, os) = (spans(r), spans(&o));
        let inside =
            |spans: &[(usize, usize)], t: (usize, usize)| spans.iter().any(|s| s.0 < t.1 && t.0 < s.1);
        for t in tokens(&text) {
            pairs.push((inside(&rs, t), inside(&os, t)));
        }
    }
    pairs
}

fn count_label(dir: &Path, label: &str) -> usize {
    sidecars(dir).iter().map(|p| read_lines(p).1.iter().filter(|l| l["label"] == label).count()).sum()
}

fn agree(args: &[&str]) -> Output {
    let out = Command::new(BIN).arg("agree").args(args).output().expect("the binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn json_report(args: &[&str]) -> Value {
    serde_json::from_slice(&agree(args).stdout).expect("JSON")
}

fn row<'a>(report: &'a Value, label: &str) -> &'a Value {
    report["labels"].as_array().unwrap().iter().find(|r| r["label"] == label).unwrap()
}

fn close(a: &Value, b: f64) {
    let a = a.as_f64().unwrap();
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn two_copies_one_edited_give_the_scores_worked_out_by_hand() {
    let (reference, other) = (copy_articles(), copy_articles());
    let (dropped, relabelled) = edit_the_copy(other.path());
    assert!(!relabelled.is_empty());
    let (r, o) = (reference.path().to_str().unwrap(), other.path().to_str().unwrap());
    let report = json_report(&[r, "--with", o, "--format", "json"]);
    assert_eq!(report["documents"].as_array().unwrap().len(), 5);

    // LOC: nothing added, `dropped` missing: P = 1, R = (n − d)/n.
    let (n, d) = (count_label(reference.path(), "LOC"), dropped.len());
    assert_eq!(n, 128);
    let loc = row(&report, "LOC");
    assert_eq!((loc["reference"].as_u64(), loc["other"].as_u64()), (Some(n as u64), Some((n - d) as u64)));
    assert_eq!(loc["matched"].as_u64(), Some((n - d) as u64));
    close(&loc["precision"], 1.0);
    close(&loc["recall"], (n - d) as f64 / n as f64);
    close(&loc["f1"], 2.0 * (n - d) as f64 / (2 * n - d) as f64);
    close(&loc["kappa"], kappa(&token_codings(reference.path(), other.path(), "LOC")));
    assert!(loc["kappa"].as_f64().unwrap() < 1.0);

    // ORG: one missing; PER: one more, not in the reference.
    let (orgs, pers) = (count_label(reference.path(), "ORG"), count_label(reference.path(), "PER"));
    let org = row(&report, "ORG");
    close(&org["precision"], 1.0);
    close(&org["recall"], (orgs - 1) as f64 / orgs as f64);
    close(&org["kappa"], kappa(&token_codings(reference.path(), other.path(), "ORG")));
    let per = row(&report, "PER");
    close(&per["precision"], pers as f64 / (pers + 1) as f64);
    close(&per["recall"], 1.0);
    close(&per["kappa"], kappa(&token_codings(reference.path(), other.path(), "PER")));

    // Every other label is untouched.
    for label in ["CLAIM", "DATE", "EVENT", "FIGURE", "TAG"] {
        let x = row(&report, label);
        close(&x["f1"], 1.0);
        close(&x["kappa"], 1.0);
    }
    // Overall: all spans, d + 1 of the reference's missing, one extra.
    let total: usize = ["CLAIM", "DATE", "EVENT", "FIGURE", "LOC", "ORG", "PER", "TAG"]
        .iter()
        .map(|l| count_label(reference.path(), l))
        .sum();
    let all = &report["overall"];
    assert_eq!(all["reference"].as_u64(), Some(total as u64));
    assert_eq!(all["other"].as_u64(), Some((total - d) as u64));
    assert_eq!(all["matched"].as_u64(), Some((total - d - 1) as u64));
    close(&all["precision"], (total - d - 1) as f64 / (total - d) as f64);
    close(&all["recall"], (total - d - 1) as f64 / total as f64);
    // Claims untouched: every field agrees on all 25.
    assert_eq!(report["claims"]["matched"].as_u64(), Some(25));
    for f in report["claims"]["fields"].as_array().unwrap() {
        assert_eq!(f["agree"].as_u64(), Some(25), "{f}");
    }

    // The same figures in the table and the CSV.
    let table = String::from_utf8(agree(&[r, "--with", o]).stdout).unwrap();
    let loc_line = table.lines().find(|l| l.starts_with("LOC ")).unwrap();
    let f1 = format!("{:.2}", 2.0 * (n - d) as f64 / (2 * n - d) as f64);
    assert!(loc_line.contains(&f1), "{loc_line}");
    assert!(table.contains("25 claims with the same span"), "{table}");
    let csv = String::from_utf8(agree(&[r, "--with", o, "--format", "csv"]).stdout).unwrap();
    assert!(csv.starts_with("kind,name,reference,other,matched,precision,recall,f1,kappa,agree,rate\n"));
    let loc_csv = format!("label,LOC,{n},{},{},1.0000,", n - d, n - d);
    assert!(csv.contains(&loc_csv), "{csv}");
    assert!(csv.contains("claim_field,claimant,,,25,,,,,25,1.0000"), "{csv}");
}

#[test]
fn two_authors_in_one_folder_agree_as_two_copies_do() {
    let (reference, other) = (copy_articles(), copy_articles());
    edit_the_copy(other.path());
    // One folder: the gold by "ana", the edited copy by "ben" (ids made unique).
    let both = copy_articles();
    for (r, o) in sidecars(reference.path()).iter().zip(sidecars(other.path())) {
        let (header, mut lines) = read_lines(r);
        for l in &mut lines {
            l["author"] = "ana".into();
        }
        for mut l in read_lines(&o).1 {
            l["author"] = "ben".into();
            l["id"] = format!("{}b", l["id"].as_str().unwrap()).into();
            lines.push(l);
        }
        write_lines(&both.path().join(r.file_name().unwrap()), &header, &lines);
    }
    let (r, o, b) =
        (reference.path().to_str().unwrap(), other.path().to_str().unwrap(), both.path().to_str().unwrap());
    let with = json_report(&[r, "--with", o, "--format", "json"]);
    let between = json_report(&[b, "--between", "ana", "ben", "--format", "json"]);
    let fields = |v: &Value| -> BTreeMap<String, Value> {
        ["labels", "overall", "claims", "tokens", "documents"]
            .iter()
            .map(|k| (k.to_string(), v[k].clone()))
            .collect()
    };
    assert_eq!(fields(&with), fields(&between));
    assert_eq!(between["reference"], "ana");

    let unknown = Command::new(BIN).args(["agree", b, "--between", "ana", "zoe"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("is by zoe; the authors there are: ana, ben."), "{said}");
}
