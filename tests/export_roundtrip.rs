//! Interchange round trips: what depeche exports comes back the same when
//! imported into a fresh copy of the dispatches, for every format, on
//! generated annotations (accents, emoji, CRLF source text) and on the
//! bundled gold sidecars; hand-written brat and bad input.

use std::path::{Path, PathBuf};

use depeche::annotation::{Annotation, Attrs, Kind, Party, Qualifier, Status, What, Who};
use depeche::date::Precision;
use depeche::export::import::{ImportOptions, ImportReport, apply};
use depeche::export::{self, Format, brat, jsonl};
use depeche::project::Project;

const CRLF_TEXT: &str = "Moscou, 21 oct 2020 (AFP) -\r\nLe ministre 😀 Sergueï Lavrov a reçu\r\nses homologues à Bakou 🇦🇿 et Erevan.\r\nPlus de 800 morts, selon le bilan officiel ; « trêve » rompue.\r\n";
const PLAIN_TEXT: &str = " date 2020-10-09 Djeyhoun Baïramov est arrivé à Moscou 🕊 vendredi.\n\nLe Haut-Karabakh compte 150 000 habitants.";

fn find(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap_or_else(|| panic!("'{needle}' not in the text"));
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn ann(text: &str, kind: Kind, label: &str, needle: &str, attrs: Attrs) -> Annotation {
    let (s, e) = find(text, needle);
    let mut a = Annotation::new(text, kind, label, s, e);
    a.attrs = attrs;
    a.author = "tester".into();
    a
}

/// Two dispatches with annotations of every kind; returns the folder.
fn generated(root: &Path) -> PathBuf {
    let dir = root.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2020-10-21_afp_lavrov.txt"), CRLF_TEXT).unwrap();
    std::fs::write(dir.join("2020-10-09_x_baramov.txt"), PLAIN_TEXT).unwrap();
    let project = Project::open(&dir).unwrap();
    for (article, mut sc) in project.articles.iter().zip(project.sidecars.clone()) {
        let t = article.text.as_str();
        sc.annotations = if t.starts_with("Moscou") {
            let claim = Attrs {
                claimant: Some("bilan officiel".into()),
                count_low: Some(800),
                qualifier: Some(Qualifier::MoreThan),
                what: Some(What::Killed),
                who: Some(Who::All),
                side: Some(Party::BOTH),
                as_of: Some("2020-10-21".parse().unwrap()),
                ..Attrs::default()
            };
            let event = Attrs {
                date: Some("2020-10-21".parse().unwrap()),
                precision: Some(Precision::Day),
                summary: Some("Lavrov reçoit; séparément\\ les deux ministres".into()),
                ..Attrs::default()
            };
            let mut tag = Attrs { tag: Some("quote".into()), ..Attrs::default() };
            tag.extra.insert("note".into(), "à revoir; peut-être".into());
            tag.extra.insert("confidence".into(), serde_json::json!(0.5));
            let mut rejected = ann(t, Kind::Entity, "LOC", "Moscou", Attrs::default());
            rejected.status = Status::Rejected;
            vec![
                ann(
                    t,
                    Kind::Entity,
                    "PER",
                    "Sergueï Lavrov",
                    Attrs { canonical: Some("Sergueï Lavrov".into()), ..Attrs::default() },
                ),
                ann(t, Kind::Entity, "LOC", "Bakou 🇦🇿", Attrs::default()),
                ann(t, Kind::Entity, "LOC", "Erevan", Attrs::default()),
                ann(t, Kind::Claim, "CLAIM", "Plus de 800 morts", claim),
                ann(
                    t,
                    Kind::Figure,
                    "FIGURE",
                    "800 morts",
                    Attrs { count_low: Some(800), ..Attrs::default() },
                ),
                // Crosses two line breaks: brat gets fragments.
                ann(t, Kind::Event, "EVENT", "a reçu\nses homologues à Bakou 🇦🇿 et Erevan.\nPlus", event),
                ann(t, Kind::Tag, "TAG", "« trêve »", tag),
                rejected,
            ]
        } else {
            vec![
                ann(
                    t,
                    Kind::Entity,
                    "PER",
                    "Djeyhoun Baïramov",
                    Attrs { canonical: Some("Jeyhun Bayramov".into()), ..Attrs::default() },
                ),
                ann(t, Kind::Entity, "LOC", "Moscou 🕊", Attrs::default()),
                ann(
                    t,
                    Kind::Date,
                    "DATE",
                    "vendredi",
                    Attrs { precision: Some(Precision::Day), ..Attrs::default() },
                ),
                ann(
                    t,
                    Kind::Figure,
                    "FIGURE",
                    "150 000 habitants",
                    Attrs { count_low: Some(150_000), ..Attrs::default() },
                ),
            ]
        };
        sc.save(article).unwrap();
    }
    dir
}

/// The dispatches of `dir` (and labels.toml), without any sidecar.
fn fresh_copy(dir: &Path, root: &Path) -> PathBuf {
    let to = root.join("fresh");
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".txt") || name == "labels.toml" {
            std::fs::copy(e.path(), to.join(&name)).unwrap();
        }
    }
    to
}

/// What a format keeps of an annotation.
#[derive(Debug, PartialEq, Clone)]
struct Kept {
    article: String,
    kind: Kind,
    label: String,
    start: usize,
    end: usize,
    exact: String,
    attrs: Option<Attrs>,
    status: Status,
    id: Option<String>,
}

fn kept(project: &Project, format: Format) -> Vec<Kept> {
    let mut v = Vec::new();
    for (article, sc) in project.articles.iter().zip(&project.sidecars) {
        assert!(sc.error().is_none(), "{:?}", sc.error());
        for a in &sc.annotations {
            if format != Format::Jsonl && a.status != Status::Accepted {
                continue;
            }
            v.push(Kept {
                article: article.id.clone(),
                kind: a.kind,
                label: a.label.clone(),
                start: a.start,
                end: a.end,
                exact: a.quote.exact.clone(),
                attrs: (format != Format::Doccano).then(|| a.attrs.clone()),
                status: a.status,
                id: matches!(format, Format::Jsonl | Format::W3c).then(|| a.id.clone()),
            });
        }
    }
    v.sort_by_cached_key(|k| (k.article.clone(), k.start, k.end, k.label.clone(), format!("{k:?}")));
    v.dedup(); // doccano keeps spans only: same span and label twice is once
    v
}

fn import(dir: &Path, format: Format, out: &Path, add_labels: bool) -> ImportReport {
    let mut project = Project::open(dir).unwrap();
    let batches = match format {
        Format::Brat => brat::read(out),
        Format::Jsonl => vec![jsonl::read(&out.join(jsonl::COMPLETE_FILE), &project)],
        Format::Doccano => vec![jsonl::read(&out.join(jsonl::DOCCANO_FILE), &project)],
        Format::W3c => vec![jsonl::read(&out.join(export::w3c::FILE), &project)],
        Format::Csv => panic!("CSV is a digest, not imported"),
    };
    apply(&mut project, batches, ImportOptions { add_labels })
}

fn round_trip(dir: &Path, root: &Path, format: Format) -> usize {
    let before = Project::open(dir).unwrap();
    let out = root.join(format!("out-{format:?}"));
    let summary = export::export(&before, format, &out).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    let fresh = fresh_copy(dir, &root.join(format!("{format:?}")));
    let report = import(&fresh, format, &out, false);
    assert!(report.problems.is_empty(), "{format:?}: {:#?}", report.problems);
    let after = Project::open(&fresh).unwrap();
    let (want, got) = (kept(&before, format), kept(&after, format));
    let missing: Vec<_> = want.iter().filter(|k| !got.contains(k)).collect();
    let extra: Vec<_> = got.iter().filter(|k| !want.contains(k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{format:?} round trip\nmissing: {missing:#?}\nextra: {extra:#?}"
    );
    assert_eq!(got, want, "{format:?} round trip");
    if format == Format::Jsonl {
        let full = |p: &Project| {
            let mut v: Vec<(String, Annotation)> = p
                .articles
                .iter()
                .zip(&p.sidecars)
                .flat_map(|(a, s)| s.annotations.iter().map(|x| (a.id.clone(), x.clone())))
                .collect();
            v.sort_by(|x, y| (&x.0, x.1.sort_key()).cmp(&(&y.0, y.1.sort_key())));
            v
        };
        let (a, b) = (full(&after), full(&before));
        let differ: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(2).collect();
        assert!(differ.is_empty() && a.len() == b.len(), "the complete JSONL keeps every field: {differ:#?}");
    }
    // Importing again changes nothing and adds nothing.
    let again = import(&fresh, format, &out, false);
    assert_eq!(
        (again.added, again.updated, again.sidecars_written.len()),
        (0, 0, 0),
        "{format:?}: {again:#?}"
    );
    assert_eq!(again.unchanged, want.len());
    assert_eq!(kept(&Project::open(&fresh).unwrap(), format), want);
    want.len()
}

#[test]
fn every_format_round_trips_accents_emoji_and_crlf() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = generated(tmp.path());
    for format in [Format::Brat, Format::Jsonl, Format::Doccano, Format::W3c] {
        let n = round_trip(&dir, tmp.path(), format);
        assert!(n >= 11, "{format:?}: {n} annotations compared");
    }
}

#[test]
fn brat_output_is_what_brat_expects() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = generated(tmp.path());
    let out = tmp.path().join("brat");
    export::export(&Project::open(&dir).unwrap(), Format::Brat, &out).unwrap();
    let txt = std::fs::read_to_string(out.join("2020-10-21_afp_lavrov.txt")).unwrap();
    assert!(!txt.contains('\r'), "the .txt is the text offsets count in: \\n only");
    let ann = std::fs::read_to_string(out.join("2020-10-21_afp_lavrov.ann")).unwrap();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(fields.len() >= 2, "{line}");
        if let Some(rest) = line.strip_prefix('T') {
            // Covered text = the .txt at the offsets (fragments joined by a space), counted in code points.
            let [_, middle, covered] = fields.as_slice() else { panic!("{line}") };
            let offsets = middle.split_once(' ').unwrap().1;
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|p| {
                    let (a, b) = p.split_once(' ').unwrap();
                    txt.chars()
                        .skip(a.parse().unwrap())
                        .take(b.parse::<usize>().unwrap() - a.parse::<usize>().unwrap())
                        .collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), *covered, "T{rest}");
        }
    }
    assert!(ann.contains("\tEVENT "), "{ann}");
    assert!(
        ann.lines().any(|l| l.contains("EVENT") && l.matches(';').count() == 2),
        "an event over two line breaks has three fragments:\n{ann}"
    );
    assert!(ann.contains("\tqualifier T5 more_than\n"), "{ann}");
    assert!(ann.contains("AnnotatorNotes") && ann.contains("claimant=bilan officiel"), "{ann}");
    assert!(!ann.contains("LOC 0 6\t"), "rejected suggestions are not exported:\n{ann}");
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    for section in [
        "[entities]",
        "[relations]",
        "[events]",
        "[attributes]",
        "\nCLAIM\n",
        "scope\tArg:<ENTITY>, Value:total|each",
    ] {
        assert!(conf.contains(section), "{section} missing:\n{conf}");
    }
    let visual = std::fs::read_to_string(out.join("visual.conf")).unwrap();
    assert!(visual.contains("[labels]") && visual.contains("PER\tbgColor:#"), "{visual}");
}

#[test]
fn brat_written_by_hand_after_the_specification_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "Bakou et Erevan\nse disputent le Karabakh.";
    std::fs::write(dir.join("d.txt"), text).unwrap();
    let src = tmp.path().join("brat");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("d.txt"), text.replace('\n', "\r\n")).unwrap();
    std::fs::write(
        src.join("d.ann"),
        "T1\tLOC 0 5\tBakou\n\
         T2\tLOC 9 15\tErevan\n\
         T3\tLOC 0 5;9 15\tBakou Erevan\n\
         T4\tCLAIM 34 42\tKarabakh\n\
         A1\tside T4 armenian\n\
         A2\tNegation T1\n\
         #1\tAnnotatorNotes T4\tclaimant=ministère arménien; count_low=3\n\
         #2\tAnnotatorNotes T2\tthis annotation is suspect\n\
         R1\tNear Arg1:T1 Arg2:T2\n",
    )
    .unwrap();
    let mut project = Project::open(&dir).unwrap();
    let report = apply(&mut project, brat::read(&src), ImportOptions::default());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let notices: Vec<String> = report.notices.iter().map(|n| n.to_string()).collect();
    assert!(notices.iter().any(|n| n.contains("d.ann:3:") && n.contains("discontinuous")), "{notices:?}");
    assert!(notices.iter().any(|n| n.contains("d.ann:9:") && n.contains("R1")), "{notices:?}");
    let sc = &Project::open(&dir).unwrap().sidecars[0];
    let spans: Vec<(&str, usize, usize, &str)> =
        sc.annotations.iter().map(|a| (a.label.as_str(), a.start, a.end, a.quote.exact.as_str())).collect();
    // T1 and the first fragment of T3 are the same annotation (same span and label): one line.
    assert_eq!(
        spans,
        [("LOC", 0, 5, "Bakou"), ("LOC", 9, 15, "Erevan"), ("CLAIM", 32, 40, "Karabakh")],
        "CRLF offsets of the .txt map to the \\n text"
    );
    let claim = &sc.annotations[2];
    assert_eq!(claim.kind, Kind::Claim);
    assert_eq!((claim.attrs.side, claim.attrs.count_low), (Party::parse("Arménie"), Some(3)));
    assert_eq!(claim.attrs.claimant.as_deref(), Some("ministère arménien"));
    assert_eq!(sc.annotations[1].attrs.extra["note"], "this annotation is suspect");
    assert_eq!(sc.annotations[0].attrs.extra["Negation"], true);
}

fn one_dispatch(tmp: &Path, text: &str) -> PathBuf {
    let dir = tmp.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("d.txt"), text).unwrap();
    dir
}

fn import_brat(dir: &Path, src: &Path, add_labels: bool) -> (ImportReport, Vec<String>) {
    let mut project = Project::open(dir).unwrap();
    let report = apply(&mut project, brat::read(src), ImportOptions { add_labels });
    let problems = report.problems.iter().map(|p| p.to_string()).collect();
    (report, problems)
}

#[test]
fn bad_brat_is_refused_whole_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = one_dispatch(tmp.path(), "Bakou et Erevan.");
    let src = tmp.path().join("brat");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("d.txt"), "Bakou et Erevan.").unwrap();
    std::fs::write(src.join("d.ann"), "T1\tLOC 0 5\tBakou\nT2\tLOC 9 99\tErevan\nT3 LOC 0 5 Bakou\n")
        .unwrap();
    std::fs::write(src.join("orphan.ann"), "T1\tLOC 0 5\tBakou\n").unwrap();
    let (report, problems) = import_brat(&dir, &src, false);
    assert!(problems.iter().any(|p| p.contains("d.ann:2:") && p.contains("out of range")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("d.ann:3:")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("orphan.ann") && p.contains("orphan.txt")), "{problems:#?}");
    assert_eq!(report.added, 0, "the good line of a bad file does not land");
    assert!(Project::open(&dir).unwrap().sidecars[0].annotations.is_empty());
    assert!(!dir.join("d.ann.jsonl").exists());
}

#[test]
fn a_txt_without_its_dispatch_and_an_unknown_label_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = one_dispatch(tmp.path(), "Bakou et Erevan.");
    let src = tmp.path().join("brat");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("other.txt"), "x y").unwrap();
    std::fs::write(src.join("other.ann"), "T1\tLOC 0 1\tx\n").unwrap();
    std::fs::write(src.join("d.txt"), "Bakou et Erevan.").unwrap();
    std::fs::write(src.join("d.ann"), "T1\tWEAPON 0 5\tBakou\n").unwrap();
    let (report, problems) = import_brat(&dir, &src, false);
    assert!(problems.iter().any(|p| p.contains("no dispatch 'other'")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("WEAPON") && p.contains("--add-labels")), "{problems:#?}");
    assert_eq!(report.files_refused, 2);
    let (report, _) = import_brat(&dir, &src, true);
    assert_eq!((report.added, report.new_labels.clone()), (1, vec!["WEAPON".to_string()]));
    let project = Project::open(&dir).unwrap();
    assert!(project.labels.get("WEAPON").is_some(), "labels.toml now has WEAPON");
    assert_eq!(project.sidecars[0].annotations[0].label, "WEAPON");
}

#[test]
fn offsets_counted_by_another_tool_are_re_anchored_by_quote() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Un drone 😀 a frappé Stepanakert, puis Stepanakert encore.";
    let dir = one_dispatch(tmp.path(), text);
    let src = tmp.path().join("brat");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("d.txt"), text).unwrap();
    // A UTF-16 tool counts the emoji as two: the offsets are one too far.
    let (s, e) = find(text, "Stepanakert");
    std::fs::write(src.join("d.ann"), format!("T1\tLOC {} {}\tStepanakert\n", s + 1, e + 1)).unwrap();
    let (report, problems) = import_brat(&dir, &src, false);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(report.added, 1);
    let a = &Project::open(&dir).unwrap().sidecars[0].annotations[0];
    assert_eq!((a.start, a.end), (s, e), "the nearest occurrence, not the second one");
}

#[cfg(unix)]
#[test]
fn symlinks_and_paths_leaving_the_folder_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = one_dispatch(tmp.path(), "Bakou et Erevan.");
    let src = tmp.path().join("brat");
    std::fs::create_dir_all(&src).unwrap();
    let elsewhere = tmp.path().join("elsewhere.ann");
    std::fs::write(&elsewhere, "T1\tLOC 0 5\tBakou\n").unwrap();
    std::fs::write(src.join("d.txt"), "Bakou et Erevan.").unwrap();
    std::os::unix::fs::symlink(&elsewhere, src.join("d.ann")).unwrap();
    let (report, problems) = import_brat(&dir, &src, false);
    assert!(problems.iter().any(|p| p.contains("d.ann") && p.contains("symbolic link")), "{problems:#?}");
    assert_eq!(report.added, 0);

    let jl = tmp.path().join("bad.jsonl");
    std::fs::write(
        &jl,
        "{\"article\":\"d\",\"kind\":\"entity\",\"label\":\"LOC\",\"start\":0,\"end\":5}\n\
         {\"article\":\"../../etc/passwd\",\"kind\":\"entity\",\"label\":\"LOC\",\"start\":0,\"end\":5}\n",
    )
    .unwrap();
    let mut project = Project::open(&dir).unwrap();
    let batch = jsonl::read(&jl, &project);
    let report = apply(&mut project, vec![batch], ImportOptions::default());
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.iter().any(|p| p.contains("bad.jsonl:2:") && p.contains("refused")), "{problems:#?}");
    assert_eq!(report.added, 0, "nothing of the file lands");
}

#[test]
fn csv_export_is_the_digest_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = generated(tmp.path());
    let out = tmp.path().join("csv");
    export::export(&Project::open(&dir).unwrap(), Format::Csv, &out).unwrap();
    let claims = std::fs::read_to_string(out.join("claims.csv")).unwrap();
    assert!(claims.starts_with("claimant,"), "{claims}");
    assert!(claims.contains("bilan officiel,800,"), "{claims}");
    assert!(std::fs::read_to_string(out.join("timeline.csv")).unwrap().starts_with("date,"));
}

#[test]
fn exporting_into_the_articles_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = generated(tmp.path());
    let before = std::fs::read(dir.join("2020-10-21_afp_lavrov.txt")).unwrap();
    let err = export::export(&Project::open(&dir).unwrap(), Format::Brat, &dir).unwrap_err().to_string();
    assert!(err.contains("overwrite the articles"), "{err}");
    assert_eq!(std::fs::read(dir.join("2020-10-21_afp_lavrov.txt")).unwrap(), before);
}

/// The bundled dispatches with whatever gold sidecars they carry.
#[test]
fn the_bundled_gold_round_trips() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(&bundled).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.ends_with(".txt") || name.ends_with(".ann.jsonl") || name == "labels.toml" {
            std::fs::copy(e.path(), dir.join(&name)).unwrap();
        }
    }
    let gold = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".ann.jsonl"))
        .count();
    for format in [Format::Brat, Format::Jsonl, Format::Doccano, Format::W3c] {
        let n = round_trip(&dir, tmp.path(), format);
        if gold > 0 {
            assert!(n > 0, "{format:?}: the gold has annotations to compare");
        }
    }
}

/// Three dispatches whose date or outlet the bare text does not give: one
/// dated by its marker only, one whose annotator set the outlet and the
/// title, one whose annotator cut the date to the month.
fn with_headers(root: &Path) -> PathBuf {
    use depeche::annotation::MetaOverride;
    let dir = root.join("headed");
    std::fs::create_dir_all(&dir).unwrap();
    let texts = [
        ("marker", " date 2021-05-12 Le port de Marioupol a été bombardé toute la nuit, selon la mairie."),
        (
            "outlet",
            "Kharkiv, 3 mars 2022 (AFP) - Les sirènes ont retenti au matin dans le centre de Kharkiv.",
        ),
        ("month", " date 2022-03-09 ODESA (Reuters) - Residents of Odesa filled sandbags on the seafront."),
    ];
    for (id, text) in texts {
        std::fs::write(dir.join(format!("{id}.txt")), text).unwrap();
    }
    let project = Project::open(&dir).unwrap();
    for (article, mut sc) in project.articles.iter().zip(project.sidecars.clone()) {
        let t = article.text.as_str();
        let place = ["Marioupol", "Kharkiv", "Odesa"].into_iter().find(|p| t.contains(p)).unwrap();
        sc.annotations = vec![ann(t, Kind::Entity, "LOC", place, Attrs::default())];
        sc.header.meta = match article.id.as_str() {
            "outlet" => MetaOverride {
                outlet: Some("Ukrinform".into()),
                title: Some("Sirènes à Kharkiv".into()),
                ..MetaOverride::default()
            },
            "month" => MetaOverride { precision: Some(Precision::Month), ..MetaOverride::default() },
            _ => MetaOverride::default(),
        };
        sc.save(article).unwrap();
    }
    dir
}

/// A dispatch's id, date, outlet, title and language.
type Shown = (String, Option<String>, Option<String>, String, &'static str);

/// What `depeche list` shows of each dispatch's header.
fn headers(dir: &Path) -> Vec<Shown> {
    let p = Project::open(dir).unwrap();
    let mut v: Vec<_> = p
        .articles
        .iter()
        .map(|a| {
            let m = &a.meta;
            (a.id.clone(), m.date.map(|d| d.to_string()), m.outlet.clone(), m.title.clone(), m.lang.as_str())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_format_but_doccano_carries_the_dispatch_headers_into_bare_texts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_headers(tmp.path());
    let want = headers(&dir);
    let dates: Vec<_> = want.iter().map(|h| h.1.as_deref()).collect();
    assert_eq!(dates, [Some("2021-05-12"), Some("2022-03"), Some("2022-03-03")], "{want:?}");
    let project = Project::open(&dir).unwrap();
    // brat's .txt files: the text without its date marker.
    let brat_out = tmp.path().join("out-brat");
    export::export(&project, Format::Brat, &brat_out).unwrap();
    for format in [Format::Brat, Format::Jsonl, Format::W3c] {
        let out = tmp.path().join(format!("out-{format:?}"));
        export::export(&project, format, &out).unwrap();
        let bare = tmp.path().join(format!("bare-{format:?}"));
        std::fs::create_dir_all(&bare).unwrap();
        for id in ["marker", "outlet", "month"] {
            std::fs::copy(brat_out.join(format!("{id}.txt")), bare.join(format!("{id}.txt"))).unwrap();
        }
        assert_ne!(headers(&bare), want, "{format:?}: the bare texts alone say otherwise");
        let report = import(&bare, format, &out, false);
        assert!(report.problems.is_empty(), "{format:?}: {:#?}", report.problems);
        assert_eq!(report.headers, 3, "{format:?}: {:#?} {:#?}", report.notices, headers(&bare));
        assert_eq!(headers(&bare), want, "{format:?}");
        let again = import(&bare, format, &out, false);
        assert_eq!((again.headers, again.sidecars_written.len()), (0, 0), "{format:?}: restored once");
    }
    // The complete JSONL restores what the annotator set as set.
    let bare = tmp.path().join(format!("bare-{:?}", Format::Jsonl));
    let sc = &Project::open(&bare).unwrap().sidecars;
    let set: Vec<_> = sc.iter().map(|s| s.header.meta.outlet.clone()).collect();
    assert!(set.contains(&Some("Ukrinform".to_string())), "{set:?}");
}

/// The three sidecars one import changes, and the temporaries in the folder.
fn state(dir: &Path) -> (Vec<usize>, Vec<String>) {
    let p = Project::open(dir).unwrap();
    let counts = p.sidecars.iter().map(|s| s.annotations.len()).collect();
    let mut temps: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    temps.sort();
    (counts, temps)
}

/// An import killed between any two steps of its write: afterwards either
/// every sidecar holds the import or none does, and nothing is left behind.
#[test]
fn an_import_killed_at_any_step_lands_in_all_sidecars_or_none() {
    use depeche::annotation::store::journal::{self, Fault, Step};
    use depeche::export::import::apply_with;
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_headers(tmp.path());
    let out = tmp.path().join("out");
    export::export(&Project::open(&dir).unwrap(), Format::Brat, &out).unwrap();
    for id in ["marker", "outlet", "month"] {
        let ann = std::fs::read_to_string(out.join(format!("{id}.ann"))).unwrap();
        // one more span a dispatch: each sidecar changes
        let text = std::fs::read_to_string(out.join(format!("{id}.txt"))).unwrap();
        let (s, e) = (0, text.split(' ').next().unwrap().chars().count());
        let word = depeche::text::slice_chars(&text, s, e).to_string();
        std::fs::write(out.join(format!("{id}.ann")), format!("{ann}T9\tMISC {s} {e}\t{word}\n")).unwrap();
    }
    let steps = [
        Step::Temporary(0),
        Step::Temporary(2),
        Step::Temporary(3),
        Step::Journal,
        Step::Rename(0),
        Step::Rename(2),
    ];
    let (before, _) = state(&dir);
    for crash_at in steps {
        let copy = tmp.path().join(format!("copy-{crash_at:?}"));
        std::fs::create_dir_all(&copy).unwrap();
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
        let mut project = Project::open(&copy).unwrap();
        let options = ImportOptions { add_labels: true };
        let hook = &mut |s| if s == crash_at { Fault::Crash } else { Fault::Go };
        let report = apply_with(&mut project, brat::read(&out), options, hook);
        assert!(!report.problems.is_empty(), "{crash_at:?}: the crash is said");
        // The next start: a journal is completed at once; temporaries
        // written before it are removed once stale (here: at once).
        journal::recover(&copy, std::time::SystemTime::now() + std::time::Duration::from_secs(3600));
        let (counts, left) = state(&copy);
        let labels = std::fs::read_to_string(copy.join("labels.toml")).unwrap_or_default();
        if crash_at >= Step::Journal {
            assert_eq!(counts, before.iter().map(|n| n + 1).collect::<Vec<_>>(), "{crash_at:?}");
            assert!(labels.contains("MISC"), "{crash_at:?}: labels.toml is part of it");
        } else {
            assert_eq!(counts, before, "{crash_at:?}");
            assert!(!labels.contains("MISC"), "{crash_at:?}");
        }
        assert!(left.is_empty(), "{crash_at:?}: {left:?}");
    }
}

#[test]
fn an_import_on_a_full_disk_writes_nothing_and_says_so_in_its_own_words() {
    use depeche::annotation::store::journal::{Fault, Step};
    use depeche::export::import::apply_with;
    let tmp = tempfile::tempdir().unwrap();
    let dir = generated(tmp.path());
    let out = tmp.path().join("out");
    export::export(&Project::open(&dir).unwrap(), Format::Jsonl, &out).unwrap();
    let fresh = fresh_copy(&dir, tmp.path());
    let mut project = Project::open(&fresh).unwrap();
    let batch = jsonl::read(&out.join(jsonl::COMPLETE_FILE), &project);
    let full = &mut |s| match s {
        Step::Temporary(1) => Fault::Fail(std::io::ErrorKind::StorageFull),
        _ => Fault::Go,
    };
    let report = apply_with(&mut project, vec![batch], ImportOptions::default(), full);
    let said: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        said.iter().any(|p| p.contains("the disk is full") && p.contains("nothing was imported")),
        "{said:?}"
    );
    assert!(said.iter().all(|p| !p.contains("in memory") && !p.contains("save a copy")), "{said:?}");
    assert_eq!((report.files_imported, report.added, report.sidecars_written.len()), (0, 0, 0));
    let (counts, left) = state(&fresh);
    assert!(counts.iter().all(|&n| n == 0) && left.is_empty(), "{counts:?} {left:?}");
}

/// An import places a quote by the same rule as a sidecar whose text
/// changed: found approximately when the dispatch was edited since.
#[test]
fn an_import_into_an_edited_dispatch_re_anchors_like_a_sidecar() {
    let tmp = tempfile::tempdir().unwrap();
    let old = "Le ministre Dmytro Kouleba a rencontré son homologue à Varsovie mardi.";
    let dir = one_dispatch(tmp.path(), &old.replace("Dmytro Kouleba", "Dmytro I. Kouleba"));
    let (s, e) = find(old, "Dmytro Kouleba");
    let q = depeche::annotation::model::quote_at(old, s, e);
    let line = serde_json::json!({
        "article": "d", "kind": "entity", "label": "PER", "start": s, "end": e,
        "quote": {"exact": q.exact, "prefix": q.prefix, "suffix": q.suffix}, "status": "accepted",
    });
    let src = tmp.path().join("in.jsonl");
    std::fs::write(&src, format!("{line}\n")).unwrap();
    let mut project = Project::open(&dir).unwrap();
    let batch = jsonl::read(&src, &project);
    let report = apply(&mut project, vec![batch], ImportOptions::default());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.notices.iter().any(|n| n.message.contains("approximately")), "{:#?}", report.notices);
    let a = &Project::open(&dir).unwrap().sidecars[0].annotations[0];
    assert_eq!(a.quote.exact, "Dmytro I. Kouleba");
}
