use super::*;
use crate::annotation::model::{Kind, Quote, Status};

const TEXT: &str = "Moscou, 9 oct 2020 (AFP) - Les chefs de la diplomatie arménienne et azerbaïdjanaise \
                    sont arrivés à Moscou 😀 pour des pourparlers.";

struct Fixture {
    _dir: tempfile::TempDir,
    article: Article,
}

fn fixture(text: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, text).unwrap();
    let article = crate::corpus::from_bytes(&path, text.as_bytes());
    Fixture { _dir: dir, article }
}

fn span(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn ann(article: &Article, id: &str, needle: &str) -> Annotation {
    let (s, e) = span(&article.text, needle);
    let mut a = Annotation::new(&article.text, Kind::Entity, "LOC", s, e);
    a.id = id.into();
    a
}

fn header_line(text: &str) -> String {
    serde_json::to_string(&Header::for_text(text)).unwrap()
}

fn load_bytes(f: &Fixture, bytes: &str) -> Sidecar {
    std::fs::write(sidecar_path(&f.article.path), bytes).unwrap();
    Sidecar::load(&f.article)
}

fn line_of(sc: &Sidecar) -> (usize, String) {
    match sc.error() {
        Some(StoreError::Invalid { line, message, .. }) => (*line, message.clone()),
        other => panic!("expected an invalid sidecar, got {other:?}"),
    }
}

#[test]
fn an_absent_sidecar_loads_empty_and_writable() {
    let f = fixture(TEXT);
    let sc = Sidecar::load(&f.article);
    assert_eq!(sc.state, SidecarState::Absent);
    assert!(sc.is_writable() && sc.annotations.is_empty() && !sc.has_unsaved_changes());
}

#[test]
fn each_kind_of_bad_line_is_named() {
    let f = fixture(TEXT);
    let h = header_line(&f.article.text);
    let good = serde_json::to_string(&ann(&f.article, "a", "Moscou")).unwrap();
    let dup = serde_json::to_string(&ann(&f.article, "a", "diplomatie")).unwrap();
    let mut wrong = ann(&f.article, "b", "Moscou");
    wrong.quote.exact = "Bakou".into();
    let wrong = serde_json::to_string(&wrong).unwrap();
    let mut far = ann(&f.article, "c", "Moscou");
    far.end = 10_000;
    let far = serde_json::to_string(&far).unwrap();
    let mut backwards = ann(&f.article, "d", "Moscou");
    backwards.start = 5;
    backwards.end = 2;
    let backwards = serde_json::to_string(&backwards).unwrap();
    let mut suggested = ann(&f.article, "e", "Moscou");
    suggested.status = Status::Suggested;
    let suggested = serde_json::to_string(&suggested).unwrap();
    let cases: Vec<(String, usize, &str)> = vec![
        (String::new(), 1, "empty"),
        ("{\"format\":\"other\",\"version\":1,\"text_sha256\":\"x\"}\n".into(), 1, "format"),
        (h.replace("\"version\":1", "\"version\":7") + "\n", 1, "version 7"),
        (format!("{h}\n{good}\n{{not json\n"), 3, "does not read"),
        (format!("{h}\n\n{good}\n{dup}\n"), 4, "already used on line 3"),
        (format!("{h}\n{wrong}\n"), 2, "is not the text"),
        (format!("{h}\n{far}\n"), 2, "past the end"),
        (format!("{h}\n{backwards}\n"), 2, "after end"),
        (format!("{h}\n{suggested}\n"), 2, "suggested"),
    ];
    for (bytes, line, needle) in cases {
        let sc = load_bytes(&f, &bytes);
        assert!(!sc.is_writable());
        let (l, m) = line_of(&sc);
        assert_eq!(l, line, "{m}");
        assert!(m.contains(needle), "{m} should say {needle}");
        assert!(sc.error().unwrap().to_string().contains("a.ann.jsonl:"), "names the file");
    }
}

#[test]
fn invalid_utf8_names_its_line() {
    let f = fixture(TEXT);
    let mut bytes = format!("{}\n", header_line(&f.article.text)).into_bytes();
    bytes.extend(b"{\"id\":\"\xff\"}\n");
    std::fs::write(sidecar_path(&f.article.path), &bytes).unwrap();
    assert_eq!(line_of(&Sidecar::load(&f.article)).0, 2);
}

#[test]
fn edits_keep_the_order_and_refresh_the_quote() {
    let f = fixture(TEXT);
    let mut sc = Sidecar::load(&f.article);
    let mut late = ann(&f.article, "z", "pourparlers");
    late.quote = Quote::default();
    sc.add(&f.article, late).unwrap();
    sc.add(&f.article, ann(&f.article, "y", "arménienne")).unwrap();
    assert_eq!(
        sc.add(&f.article, ann(&f.article, "y", "Moscou")),
        Err(EditError::DuplicateId { id: "y".into() })
    );
    let ids: Vec<_> = sc.annotations.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["y", "z"]);
    assert_eq!(sc.get("z").unwrap().quote.exact, "pourparlers");
    let mut moved = ann(&f.article, "z", "Moscou");
    moved.label = "ORG".into();
    let (old, at) = sc.replace(&f.article, moved).unwrap();
    assert_eq!((old.quote.exact.as_str(), at), ("pourparlers", 0));
    let mut bad = ann(&f.article, "q", "Moscou");
    bad.end = 9_999;
    assert!(matches!(sc.add(&f.article, bad), Err(EditError::OutOfRange { .. })));
    let mut sug = ann(&f.article, "s", "Moscou");
    sug.status = Status::Suggested;
    assert!(matches!(sc.add(&f.article, sug), Err(EditError::Suggested { .. })));
    assert_eq!(sc.remove("y").unwrap().id, "y");
    assert!(matches!(sc.remove("y"), Err(EditError::NotFound { .. })));
    assert!(sc.has_unsaved_changes());
}

#[test]
fn orphans_are_written_back_marked_and_read_as_orphans() {
    let f = fixture(TEXT);
    let mut sc = Sidecar::load(&f.article);
    sc.add(&f.article, ann(&f.article, "a", "azerbaïdjanaise")).unwrap();
    sc.add(&f.article, ann(&f.article, "b", "pourparlers")).unwrap();
    sc.save(&f.article).unwrap();

    let g = fixture(&TEXT.replace("pourparlers", "négociations"));
    std::fs::copy(&sc.path, sidecar_path(&g.article.path)).unwrap();
    let mut moved = Sidecar::load(&g.article);
    assert!(moved.anchoring.text_changed && moved.has_unsaved_changes());
    assert_eq!(moved.anchoring.orphaned, ["b"]);
    assert_eq!(moved.orphans.len(), 1);
    moved.save(&g.article).unwrap();
    let disk = std::fs::read_to_string(&moved.path).unwrap();
    let last = disk.lines().last().unwrap();
    assert!(last.starts_with("{\"orphan\":true,\"id\":\"b\""), "{last}");
    assert!(disk.lines().next().unwrap().contains(&sha256_hex(g.article.text.as_bytes())));

    let again = Sidecar::load(&g.article);
    assert!(again.is_writable(), "{:?}", again.error());
    assert_eq!((again.annotations.len(), again.orphans.len()), (1, 1));
    assert!(!again.has_unsaved_changes());

    // Back to the original text: the orphan is found again.
    let back = fixture(TEXT);
    std::fs::copy(&again.path, sidecar_path(&back.article.path)).unwrap();
    let readopted = Sidecar::load(&back.article);
    assert_eq!(readopted.anchoring.readopted, ["b"]);
    assert!(readopted.orphans.is_empty() && readopted.annotations.len() == 2);
}

#[test]
fn parse_keeps_orphans_and_serialize_round_trips() {
    let f = fixture(TEXT);
    let h = Header::for_text(&f.article.text);
    let a = ann(&f.article, "a", "Moscou");
    let o = ann(&f.article, "o", "diplomatie");
    let bytes = serialize_sidecar(&h, std::slice::from_ref(&a), std::slice::from_ref(&o));
    let parsed = parse_sidecar(Path::new("x"), &bytes).unwrap();
    assert_eq!(
        parsed.entries.iter().map(|e| (e.line, e.orphan)).collect::<Vec<_>>(),
        [(2, false), (3, true)]
    );
    let (h2, all) = parse(Path::new("x"), &bytes).unwrap();
    assert_eq!((h2, all), (h.clone(), vec![a.clone(), o]));
    assert_eq!(serialize(&h, std::slice::from_ref(&a)), serialize_sidecar(&h, &[a], &[]));
}

#[test]
fn a_save_report_speaks() {
    assert_eq!(SaveReport::default().summary(), None);
    let r = SaveReport { merged: 2, merged_meta: 1, recreated: false };
    assert_eq!(
        r.summary().unwrap(),
        "merged 2 annotation changes made by another program; merged 1 header field changed by another program"
    );
}

#[test]
fn a_reloaded_article_rebases_memory_before_saving() {
    let f = fixture(TEXT);
    let mut sc = Sidecar::load(&f.article);
    sc.add(&f.article, ann(&f.article, "a", "pourparlers")).unwrap();
    sc.save(&f.article).unwrap();
    let changed = format!("DERNIÈRE MINUTE. {TEXT}");
    std::fs::write(&f.article.path, &changed).unwrap();
    let article = crate::corpus::from_bytes(&f.article.path, changed.as_bytes());
    sc.save(&article).unwrap();
    let a = &sc.annotations[0];
    assert_eq!(article.slice(a.start, a.end), "pourparlers");
    assert!(Sidecar::load(&article).is_writable());
}

#[test]
fn a_copy_goes_elsewhere_but_never_over_the_sidecar() {
    let f = fixture(TEXT);
    let mut sc = Sidecar::load(&f.article);
    sc.add(&f.article, ann(&f.article, "a", "Moscou")).unwrap();
    assert!(sc.save_copy_as_jsonl(&f.article, &sc.path.clone()).is_err());
    assert!(!sc.path.exists());
    let copy = sc.path.with_file_name("copy.ann.jsonl");
    sc.save_copy_as_jsonl(&f.article, &copy).unwrap();
    let parsed = parse_sidecar(&copy, &std::fs::read(&copy).unwrap()).unwrap();
    assert_eq!(parsed.header.text_sha256, sha256_hex(f.article.text.as_bytes()));
    assert_eq!(parsed.header.meta, sc.header.meta);
    assert_eq!(parsed.entries[0].annotation, sc.annotations[0]);
    assert_eq!(sc.state, SidecarState::Absent, "the sidecar itself is unchanged");
}

#[test]
fn a_sidecar_is_named_as_with_extension_names_it() {
    let paths = [
        "a.txt",
        "dir/a.txt",
        "/x/y/2020-10-01_afp.TXT",
        "a.b.txt",
        "dir.d/a",
        "dir/a.",
        "dir/.hidden",
        "é/ü.txt",
    ];
    for p in paths {
        assert_eq!(sidecar_path(Path::new(p)), Path::new(p).with_extension("ann.jsonl"), "{p}");
    }
}
