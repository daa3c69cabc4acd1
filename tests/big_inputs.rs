//! Big and odd inputs: a 1 GB dispatch, a million-line dispatch, deeply
//! nested JSON and TOML, a 100 MB sidecar, a folder of 100,000 empty files.
//! Bounded memory, a clear refusal where a limit applies
//! (`depeche::bounded`), no hang. The cheap ones run in `cargo test`; the
//! heavy ones are ignored and run by hand with `--ignored --nocapture`,
//! printing time and peak memory (docs/reliability.md).

#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `depeche ARGS` killed after `limit`: its output, or a hang.
fn depeche_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // drain both pipes on threads so that a big output never blocks the child
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            r.read_to_end(&mut v).unwrap();
            v
        })
    };
    let reader = drain(Box::new(child.stdout.take().unwrap()));
    let errors = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("depeche {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut o = child.wait_with_output().unwrap();
    o.stdout = reader.join().unwrap();
    o.stderr = errors.join().unwrap();
    o
}

/// `depeche ARGS` under /usr/bin/time: (seconds, peak memory in MiB, output).
fn measured(args: &[&str]) -> (f64, u64, Output) {
    let report = tempfile::NamedTempFile::new().unwrap();
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%e %M", "-o"])
        .arg(report.path())
        .arg(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let text = std::fs::read_to_string(report.path()).unwrap();
    let last = text.lines().last().unwrap_or_default().to_string();
    let mut it = last.split_whitespace();
    let secs: f64 = it.next().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
    let kib: u64 = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (secs, kib / 1024, o)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_1_gb_dispatch_is_refused_by_its_size_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    // sparse: nothing written, and a read would take seconds and a GB
    std::fs::File::create(dir.path().join("2020-10-21_enorme.txt")).unwrap().set_len(1 << 30).unwrap();
    std::fs::write(dir.path().join("2020-10-22_ok.txt"), "Moscou (AFP) - Un texte.").unwrap();
    for cmd in ["list", "check"] {
        let o = depeche_within(&[cmd, s(dir.path())], Duration::from_secs(20));
        let all = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        assert!(all.contains("2020-10-21_enorme.txt"), "{cmd} names the file: {all}");
        assert!(all.contains("larger than 256 MiB"), "{cmd} says the limit: {all}");
    }
}

#[test]
fn a_million_line_dispatch_lists_checks_and_shows_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("Moscou (AFP) - Un texte.\n{}", "ligne\n".repeat(1_000_000));
    std::fs::write(dir.path().join("2020-10-21_lignes.txt"), text).unwrap();
    for args in [
        vec!["list", s(dir.path())],
        vec!["check", s(dir.path())],
        vec!["show", "2020-10-21_lignes", s(dir.path())],
    ] {
        let o = depeche_within(&args, Duration::from_secs(60));
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
}

/// 100,000 `[` then as many `]`: a parser that recurses without a limit
/// overflows its stack.
fn nested(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

#[test]
fn deeply_nested_json_and_toml_are_refused_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "Moscou (AFP) - Un texte.";
    std::fs::write(d.join("2020-10-21_a.txt"), text).unwrap();
    let deep = nested(100_000);
    // a sidecar: the header, then a line nested 100,000 deep
    let header = format!(
        "{{\"format\":\"depeche-annotations\",\"version\":1,\"text_sha256\":\"{}\"}}\n",
        depeche::annotation::store::sha256_hex(text.as_bytes())
    );
    std::fs::write(d.join("2020-10-21_a.ann.jsonl"), format!("{header}{{\"id\":{deep}}}\n")).unwrap();
    let o = depeche_within(&["check", s(d)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2020-10-21_a.ann.jsonl:2"));
    std::fs::remove_file(d.join("2020-10-21_a.ann.jsonl")).unwrap();

    // an import line nested as deep
    let src = d.join("in.jsonl");
    std::fs::write(&src, format!("{{\"article\":\"2020-10-21_a\",\"attrs\":{deep}}}\n{deep}\n")).unwrap();
    let o = depeche_within(&["import", "--from", "jsonl", s(&src), s(d)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("in.jsonl:1"));
    std::fs::remove_file(&src).unwrap();

    // settings files nested as deep (TOML inline arrays)
    for name in ["labels.toml", "claimants.toml", "parties.toml"] {
        std::fs::write(d.join(name), format!("x = {deep}\n")).unwrap();
        let o = depeche_within(&["claims", s(d)], Duration::from_secs(30));
        assert_eq!(o.status.code(), Some(2), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let said = String::from_utf8_lossy(&o.stderr);
        assert!(said.contains(name), "{said}");
        assert!(said.len() < 4000, "the error quotes the file cut short: {} bytes", said.len());
        let checked = depeche_within(&["check", s(d)], Duration::from_secs(30));
        assert!(String::from_utf8_lossy(&checked.stdout).contains(name));
        assert!(checked.stdout.len() < 4000, "check cuts it short too: {} bytes", checked.stdout.len());
        std::fs::remove_file(d.join(name)).unwrap();
    }
}

#[test]
#[ignore = "writes 100 MB and parses it: a minute in a debug build; run by hand"]
fn a_100_mb_sidecar_is_read_in_bounded_memory() {
    use depeche::annotation::{Annotation, Kind, store};
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Le comité de Valmont publie une note sur les routes du nord. ";
    let text = sentence.repeat(20_000);
    std::fs::write(dir.path().join("2020-10-21_gros.txt"), &text).unwrap();
    let article = depeche::corpus::from_bytes(&dir.path().join("2020-10-21_gros.txt"), text.as_bytes());
    let per = sentence.chars().count();
    let mut list = Vec::new();
    let mut bytes = 0;
    let mut i = 0;
    // every sentence but the first and last has the same quote and context:
    // one annotation made, the others moved (making each is quadratic)
    let template = Annotation::new(&article.text, Kind::Entity, "ORG", per + 3, per + 9);
    while bytes < 100 << 20 {
        let start = (1 + i % 19_998) * per + 3;
        let mut a = template.clone();
        (a.start, a.end) = (start, start + 6);
        a.id = format!("a{i:09}");
        a.author = "x".repeat(200);
        bytes += serde_json::to_string(&a).unwrap().len() + 1;
        list.push(a);
        i += 1;
    }
    let header = store::Header {
        format: store::FORMAT.into(),
        version: store::VERSION,
        text_sha256: store::sha256_hex(article.text.as_bytes()),
        meta: Default::default(),
    };
    store::parse::sort(&mut list);
    std::fs::write(dir.path().join("2020-10-21_gros.ann.jsonl"), store::serialize(&header, &list)).unwrap();
    drop(list);
    for cmd in ["check", "list"] {
        let (secs, mib, o) = measured(&[cmd, s(dir.path())]);
        eprintln!("{cmd} of a {} MB sidecar ({i} annotations): {secs} s, {mib} MiB peak", bytes >> 20);
        assert!(o.status.code().is_some());
        assert!(mib < 4096, "{cmd}: {mib} MiB");
    }
}

#[test]
#[ignore = "creates 100,000 files: a minute; run by hand"]
fn a_folder_of_100_000_empty_files_lists_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..100_000 {
        std::fs::File::create(dir.path().join(format!("2020-10-21_vide-{i:06}.txt"))).unwrap();
    }
    for cmd in ["list", "check", "claims", "timeline"] {
        let (secs, mib, o) = measured(&[cmd, s(dir.path())]);
        eprintln!("{cmd} of 100,000 empty files: {secs} s, {mib} MiB peak");
        assert!(o.status.code().is_some(), "{cmd} ended by a signal");
        assert!(secs < 300.0 && mib < 2048, "{cmd}: {secs} s, {mib} MiB");
    }
}

#[test]
#[ignore = "a 250 MB dispatch and a million-line one through every command: minutes; run by hand"]
fn big_dispatches_through_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Selon Bakou, 12 civils ont été tués le 20 octobre à Stepanakert. ";
    let n = (250 << 20) / line.len();
    std::fs::write(dir.path().join("2020-10-21_gros.txt"), line.repeat(n)).unwrap();
    for cmd in ["list", "check"] {
        let (secs, mib, o) = measured(&[cmd, s(dir.path())]);
        eprintln!("{cmd} of a 250 MB dispatch: {secs} s, {mib} MiB peak");
        assert!(o.status.code().is_some());
    }
    std::fs::remove_file(dir.path().join("2020-10-21_gros.txt")).unwrap();
    std::fs::write(
        dir.path().join("2020-10-21_lignes.txt"),
        format!("Moscou (AFP) - x.\n{}", "a\n".repeat(1_000_000)),
    )
    .unwrap();
    for cmd in ["claims", "timeline", "suggest"] {
        let (secs, mib, o) = measured(&[cmd, s(dir.path())]);
        eprintln!("{cmd} of a million-line dispatch: {secs} s, {mib} MiB peak");
        assert!(o.status.code().is_some());
    }
}

#[allow(dead_code)]
mod common;

/// A FIFO as a sidecar, labels.toml and claimants.toml, and a sidecar
/// linked to /dev/zero: the reader still draws its first frame and quits
/// on `q` (issue 15, failures 1 and 2).
#[test]
fn the_reader_draws_and_quits_beside_a_fifo_and_dev_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("2020-10-21_a.txt"), "Moscou (AFP) - Un texte.").unwrap();
    std::fs::write(dir.join("2020-10-22_b.txt"), "Bakou (AFP) - Un autre texte.").unwrap();
    for name in ["2020-10-21_a.ann.jsonl", "labels.toml", "claimants.toml"] {
        assert!(Command::new("mkfifo").arg(dir.join(name)).status().unwrap().success());
    }
    std::os::unix::fs::symlink("/dev/zero", dir.join("2020-10-22_b.ann.jsonl")).unwrap();
    // first with labels.toml a FIFO (refusing to start is fine if it says
    // why), then without: the FIFO and /dev/zero sidecars are left aside
    reader_starts_and_quits(&dir, tmp.path(), true);
    std::fs::remove_file(dir.join("labels.toml")).unwrap();
    reader_starts_and_quits(&dir, tmp.path(), false);
}

fn reader_starts_and_quits(dir: &Path, home: &Path, may_refuse: bool) {
    let mut pty = common::spawn(dir, home, 30, 100, &[]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut drawn = false;
    loop {
        if let Some(status) = pty.child.try_wait().unwrap() {
            while let Ok(bytes) = pty.rx.recv_timeout(Duration::from_millis(300)) {
                pty.parser.process(&bytes);
            }
            let screen = pty.parser.screen().contents();
            assert!(drawn || (may_refuse && screen.contains("labels.toml")), "{status:?}:\n{screen}");
            return;
        }
        while let Ok(bytes) = pty.rx.try_recv() {
            pty.parser.process(&bytes);
        }
        if !drawn && pty.parser.screen().contents().contains("Dispatches") {
            drawn = true;
            pty.writer.write_all(b"q").unwrap();
            pty.writer.flush().unwrap();
        }
        assert!(Instant::now() < deadline, "no first frame or no quit:\n{}", pty.parser.screen().contents());
        std::thread::sleep(Duration::from_millis(20));
    }
}
