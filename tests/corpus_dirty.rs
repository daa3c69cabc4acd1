//! Loading dirty input: each kind of dirt the dispatches arrive with, on a
//! temporary folder, through the public `corpus::load`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use depeche::corpus::{self, Corpus, MetaSource};
use depeche::date::Precision;

fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

fn bundled(name_part: &str) -> (String, Vec<u8>) {
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.contains(name_part) && name.ends_with(".txt") {
            return (name, std::fs::read(&path).unwrap());
        }
    }
    panic!("no bundled dispatch named like {name_part}");
}

fn load(dir: &Path) -> Corpus {
    corpus::load(dir).expect("the folder loads")
}

fn ids(c: &Corpus) -> Vec<&str> {
    c.articles.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn a_utf8_bom_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = bundled("lavrov");
    std::fs::write(dir.path().join("plain.txt"), &bytes).unwrap();
    std::fs::write(dir.path().join("bom.txt"), [b"\xef\xbb\xbf".as_slice(), &bytes].concat()).unwrap();
    let c = load(dir.path());
    let (bom, plain) = (c.get("bom").unwrap(), c.get("plain").unwrap());
    assert_eq!(bom.text, plain.text);
    assert!(!bom.text.starts_with('\u{feff}'));
    assert_eq!(bom.meta, plain.meta, "the BOM hides neither the marker nor the dateline");
    assert_eq!(bom.meta.date.unwrap().to_string(), "2020-10-21");
}

#[test]
fn crlf_and_cr_become_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = bundled("lavrov");
    let text = String::from_utf8(bytes).unwrap();
    std::fs::write(dir.path().join("lf.txt"), &text).unwrap();
    std::fs::write(dir.path().join("crlf.txt"), text.replace('\n', "\r\n")).unwrap();
    std::fs::write(dir.path().join("cr.txt"), text.replace('\n', "\r")).unwrap();
    let c = load(dir.path());
    let lf = c.get("lf").unwrap();
    for id in ["crlf", "cr"] {
        let a = c.get(id).unwrap();
        assert!(!a.text.contains('\r'), "{id}");
        assert_eq!(a.text, lf.text, "{id}");
        assert_eq!(a.meta, lf.meta, "{id}");
        assert_eq!(a.len_chars(), lf.len_chars(), "{id}: the offsets are the same");
    }
}

#[test]
fn windows_1252_is_decoded_flagged_and_titled_like_its_utf8_twin() {
    let dir = tempfile::tempdir().unwrap();
    for part in ["lavrov", "reuters", "euronews"] {
        let (name, bytes) = bundled(part);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable, "{name} fits Windows-1252");
        std::fs::write(dir.path().join(&name), &bytes).unwrap();
        std::fs::write(dir.path().join(format!("cp1252-{name}")), &cp1252).unwrap();
    }
    let c = load(dir.path());
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.articles.len(), 6);
    for a in c.articles.iter().filter(|a| a.id.starts_with("cp1252-")) {
        let twin = c.get(a.id.strip_prefix("cp1252-").unwrap()).unwrap();
        assert_eq!(a.encoding, "windows-1252", "{}", a.id);
        assert_eq!(twin.encoding, "UTF-8");
        assert_eq!(a.meta.title, twin.meta.title, "{}", a.id);
        assert_eq!(a.text, twin.text, "{}", a.id);
        assert_eq!(a.meta, twin.meta, "{}", a.id);
    }
}

#[test]
fn control_characters_stay_in_the_text_for_offsets_and_are_inert_when_shown() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Titre \u{1b}[2J\u{1b}]52;c;Y3VybCBldmlsLnNo\u{7} piégé \u{202e}ruetuor\n\nMoscou, 21 oct 2020 (AFP) - Le texte.";
    std::fs::write(dir.path().join("ctl.txt"), text).unwrap();
    let c = load(dir.path());
    let a = c.get("ctl").expect("a few control characters do not make a file binary");
    assert_eq!(a.text, text, "kept byte for byte: offsets refer to them");
    assert_eq!(a.len_chars(), text.chars().count());
    assert!(a.meta.title.contains('\u{1b}'), "the title is data; it is made inert where shown");
    let shown = depeche::text::inert_line(&a.meta.title);
    assert!(!shown.chars().any(|c| depeche::text::inert_char(c).is_some()), "{shown}");
    assert_eq!(
        (a.meta.date.unwrap().to_string(), a.meta.outlet.as_deref()),
        ("2020-10-21".into(), Some("AFP"))
    );
}

#[test]
fn an_empty_file_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vide.txt"), "").unwrap();
    std::fs::write(dir.path().join("blanc.txt"), "\r\n  \n\t\n").unwrap();
    std::fs::write(dir.path().join("marqueur.txt"), " date 2020-10\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Un texte.").unwrap();
    let c = load(dir.path());
    assert_eq!(ids(&c), ["ok"]);
    let named: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
    for f in ["vide.txt", "blanc.txt", "marqueur.txt"] {
        assert!(named.iter().any(|w| w.contains(f) && w.contains("empty")), "{f}: {named:?}");
    }
}

#[test]
fn a_file_of_4_gib_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: no 4 GiB written, and none read (the load would not finish).
    let huge = std::fs::File::create(dir.path().join("enorme.txt")).unwrap();
    huge.set_len(1 << 32).unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Un texte.").unwrap();
    let c = load(dir.path());
    assert_eq!(ids(&c), ["ok"]);
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    assert!(c.warnings[0].path.ends_with("enorme.txt"), "{}", c.warnings[0]);
    assert!(
        c.warnings[0].to_string().contains("larger than 256 MiB, the limit for a dispatch"),
        "{}",
        c.warnings[0]
    );
}

#[test]
fn a_binary_file_is_skipped_with_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 31 % 256) as u8));
    std::fs::write(dir.path().join("image.txt"), &png).unwrap();
    let noise: Vec<u8> = (0..4096u32).map(|i| ((i * 7919 + 13) % 255 + 1) as u8).collect();
    std::fs::write(dir.path().join("bruit.txt"), &noise).unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Un texte.").unwrap();
    let c = load(dir.path());
    assert_eq!(ids(&c), ["ok"]);
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    for (w, name) in c.warnings.iter().zip(["bruit.txt", "image.txt"]) {
        assert!(w.path.ends_with(name), "{w}");
        assert!(w.to_string().contains("skipped"), "{w}");
    }
    assert!(c.warnings[1].to_string().contains("NUL byte on line 3"), "{}", c.warnings[1]);
}

#[test]
fn a_20_mb_dispatch_loads_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = bundled("lavrov");
    let text = String::from_utf8(bytes).unwrap();
    let body = text.split_once('\n').unwrap().1.replace('\n', "\r\n");
    let make = |target: usize| {
        let mut s = text.lines().next().unwrap().to_string() + "\r\n";
        while s.len() < target {
            s.push_str(&body);
        }
        s
    };
    let small = make(2 << 20);
    let big = make(20 << 20);
    std::fs::create_dir(dir.path().join("small")).unwrap();
    std::fs::create_dir(dir.path().join("big")).unwrap();
    std::fs::write(dir.path().join("small/d.txt"), &small).unwrap();
    std::fs::write(dir.path().join("big/d.txt"), &big).unwrap();

    let time = |sub: &str| {
        let start = Instant::now();
        let c = load(&dir.path().join(sub));
        (start.elapsed(), c)
    };
    let (t_small, _) = time("small");
    let (t_big, c) = time("big");
    let a = &c.articles[0];
    assert_eq!(a.text.len(), big.len() - big.matches('\r').count() - " date 2020-10 ".len());
    assert_eq!(a.meta.date.unwrap().to_string(), "2020-10-21");
    let tail = body.replace("\r\n", "\n");
    assert!(a.text.ends_with(&tail));
    let n = tail.chars().count();
    assert_eq!(a.slice(a.len_chars() - n, a.len_chars()), tail, "offsets reach the end");
    // Ten times the bytes: quadratic work would take a hundred times as long.
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-3);
    assert!(ratio < 30.0, "2 MB in {t_small:?}, 20 MB in {t_big:?}");
    assert!(t_big < Duration::from_secs(20), "20 MB in {t_big:?}");
    eprintln!("2 MB in {t_small:?}, 20 MB in {t_big:?}");
}

#[test]
fn only_txt_files_are_dispatches() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Un texte.").unwrap();
    std::fs::write(d.join("a.ann.jsonl"), "{}\n").unwrap();
    std::fs::write(d.join("labels.toml"), "").unwrap();
    std::fs::write(d.join("notes.md"), "Un texte.").unwrap();
    std::fs::write(d.join("a.txt.bak"), "Un texte.").unwrap();
    std::fs::write(d.join(".cache.txt"), "Un texte caché.").unwrap();
    std::fs::write(d.join("SANS_EXTENSION"), "Un texte.").unwrap();
    std::fs::create_dir(d.join("sous-dossier")).unwrap();
    std::fs::write(d.join("sous-dossier/b.txt"), "Un texte.").unwrap();
    let c = load(d);
    assert_eq!(ids(&c), ["a"]);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused_and_one_inside_is_read() {
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "Un secret.").unwrap();
    std::fs::write(dir.path().join("vrai.txt"), "Moscou (AFP) - Un texte.").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("fuite.txt")).unwrap();
    std::os::unix::fs::symlink("vrai.txt", dir.path().join("alias.txt")).unwrap();
    std::os::unix::fs::symlink("nulle-part.txt", dir.path().join("casse.txt")).unwrap();
    let c = load(dir.path());
    assert_eq!(ids(&c), ["alias", "vrai"]);
    let warnings: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("fuite.txt") && w.contains("leading out of the folder")),
        "{warnings:?}"
    );
    assert!(warnings.iter().any(|w| w.contains("casse.txt")), "{warnings:?}");
    assert!(!warnings.iter().any(|w| w.contains("alias.txt")), "{warnings:?}");
}

/// Every file's bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let bytes = if meta.is_file() { std::fs::read(&p).unwrap() } else { Vec::new() };
            (p, bytes, meta.modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn loading_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("crlf.txt"), "Titre\r\n\r\nTexte.\r\n").unwrap();
    std::fs::write(dir.path().join("bom.txt"), "\u{feff}Titre").unwrap();
    std::fs::write(dir.path().join("bin.txt"), b"\0\0\0").unwrap();
    let before = snapshot(dir.path());
    load(dir.path());
    depeche::project::Project::open(dir.path()).unwrap();
    assert_eq!(snapshot(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_loads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Un texte.").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let c = load(dir.path());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(ids(&c), ["a"]);
}

#[test]
fn a_missing_folder_is_an_error_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let err = corpus::load(&dir.path().join("absent")).unwrap_err().to_string();
    assert!(err.contains("absent") && err.contains("does not exist"), "{err}");
}

#[test]
fn the_text_is_the_file_after_its_marker_byte_for_byte() {
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let raw = std::fs::read_to_string(&path).unwrap();
        let a = corpus::from_bytes(&path, raw.as_bytes());
        let expected = match raw.trim_start_matches(' ').strip_prefix("date ") {
            Some(rest) => {
                let after_date = rest.find([' ', '\n']).map(|i| &rest[i + 1..]).unwrap_or("");
                after_date.to_string()
            }
            None => raw.clone(),
        };
        assert_eq!(a.text, expected, "{}", path.display());
    }
}

#[test]
fn the_bundled_dispatches_are_dated_from_their_text() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) == Some("txt") {
            // Without the date of their names ("2020-10-21_"): the text alone.
            let name = p.file_name().unwrap().to_str().unwrap();
            std::fs::copy(&p, dir.path().join(&name[11..])).unwrap();
        }
    }
    let c = load(dir.path());
    let find = |part: &str| c.articles.iter().find(|a| a.id.contains(part)).unwrap();
    let lavrov = find("lavrov");
    assert_eq!(lavrov.meta.date.unwrap().to_string(), "2020-10-21");
    assert_eq!((lavrov.meta.precision(), lavrov.meta.date_source), (Precision::Day, MetaSource::Dateline));
    assert_eq!(lavrov.meta.outlet.as_deref(), Some("AFP"));
    let pompeo = find("reuters");
    assert_eq!(pompeo.meta.date.unwrap().to_string(), "2020-10-23");
    assert_eq!(pompeo.meta.precision(), Precision::Day);
    assert_eq!(pompeo.meta.outlet.as_deref(), Some("Reuters"));
    assert_eq!(pompeo.meta.title, "Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation");
    let euronews = find("euronews");
    assert_eq!((euronews.meta.date, euronews.meta.outlet.as_deref()), (None, Some("euronews")));
    assert_eq!(euronews.meta.outlet_source, MetaSource::Byline);
    for part in ["rt-france", "premiere-mediation"] {
        let a = find(part);
        assert_eq!(
            (a.meta.precision(), a.meta.date_source),
            (Precision::Month, MetaSource::Marker),
            "{part}"
        );
    }
    for a in &c.articles {
        assert_eq!(a.meta.lang, depeche::corpus::Lang::Fr, "{}", a.id);
        assert!(!a.meta.title.is_empty() && a.meta.title.chars().count() <= 160, "{}", a.id);
    }
}
