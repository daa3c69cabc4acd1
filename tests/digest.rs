//! The digests on hand-built annotations (merging, mixed precision, running
//! as-of, claimants, disputes, no sums) and the `timeline` and `claims`
//! commands on a temporary project.

use depeche::annotation::{Annotation, Attrs, Kind, Party, Qualifier, Quote, Scope, Status, What, Who};
use std::sync::Arc;

use depeche::date::{PartialDate, Precision};
use depeche::digest::claimants::{AliasEntry, Claimants};
use depeche::digest::{ClaimOrder, ClaimRow, Doc, Inputs, Suggested, claims, timeline};

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn ann(kind: Kind, start: usize, exact: &str, attrs: Attrs, status: Status) -> Annotation {
    Annotation {
        id: format!("{kind}{start}"),
        kind,
        label: kind.as_str().to_uppercase(),
        start,
        end: start + exact.chars().count(),
        quote: Quote { exact: exact.into(), ..Quote::default() },
        attrs,
        status,
        author: "test".into(),
        at: String::new(),
    }
}

fn event(start: usize, exact: &str, date: &str, summary: &str, status: Status) -> Annotation {
    let date = d(date);
    let attrs = Attrs {
        date: Some(date),
        precision: Some(date.precision()),
        summary: Some(summary.into()),
        ..Attrs::default()
    };
    ann(Kind::Event, start, exact, attrs, status)
}

fn entity(start: usize, exact: &str) -> Annotation {
    ann(Kind::Entity, start, exact, Attrs::default(), Status::Accepted)
}

#[allow(clippy::too_many_arguments)]
fn claim(
    start: usize,
    claimant: &str,
    low: u64,
    high: Option<u64>,
    qualifier: Qualifier,
    what: What,
    who: Who,
    side: Party,
    as_of: &str,
    status: Status,
) -> Annotation {
    let attrs = Attrs {
        claimant: Some(claimant.into()),
        count_low: Some(low),
        count_high: high,
        qualifier: Some(qualifier),
        what: Some(what),
        who: Some(who),
        side: Some(side),
        as_of: Some(d(as_of)),
        ..Attrs::default()
    };
    ann(Kind::Claim, start, &format!("{low} morts"), attrs, status)
}

/// Each claim in a dispatch of its own, all of `date`: disputes are read
/// between dispatches.
fn one_dispatch_each<'a>(claims: &'a [Annotation], date: &str) -> Inputs<'a> {
    const IDS: [&str; 10] = ["d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9"];
    assert!(claims.len() <= IDS.len());
    Inputs {
        docs: claims.iter().zip(IDS).map(|(c, id)| doc(id, date, std::slice::from_ref(c), &[])).collect(),
    }
}

fn armenia() -> Party {
    Party::parse("Arménie").unwrap()
}

fn azerbaijan() -> Party {
    Party::parse("Azerbaïdjan").unwrap()
}

fn doc<'a>(id: &'a str, date: &str, annotations: &'a [Annotation], suggestions: &'a [Annotation]) -> Doc<'a> {
    Doc {
        id,
        date: date.parse().ok(),
        outlet: Some("AFP"),
        annotations,
        suggestions: Suggested::Full(suggestions),
    }
}

// ---- timeline -------------------------------------------------------------

#[test]
fn the_same_event_from_several_dispatches_is_one_entry_with_all_sources() {
    let a = [event(
        10,
        "Moscou a accueilli les négociations",
        "2020-10-09",
        "Négociations à Moscou entre Bakou et Erevan",
        Status::Accepted,
    )];
    let b_sug = [event(
        40,
        "une rencontre commune s'était déroulée à Moscou",
        "2020-10-09",
        "Rencontre commune des négociateurs de Bakou et Erevan à Moscou",
        Status::Suggested,
    )];
    let c = [
        event(
            5,
            "Lavrov a reçu le ministre arménien",
            "2020-10-20",
            "Lavrov reçoit le ministre arménien à Moscou",
            Status::Accepted,
        ),
        event(
            90,
            "Bakou et Erevan s'accusent",
            "2020-10-09",
            "Bombardements sur Stepanakert",
            Status::Accepted,
        ),
    ];
    let inputs = Inputs {
        docs: vec![
            doc("a", "2020-10-09", &a, &[]),
            doc("b", "2020-10-21", &[], &b_sug),
            doc("c", "2020-10-21", &c, &[]),
        ],
    };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 3, "{t:#?}");
    let moscow = &t[0];
    assert_eq!(moscow.date, Some(d("2020-10-09")));
    assert_eq!(moscow.summary, "Négociations à Moscou entre Bakou et Erevan", "accepted wording wins");
    assert_eq!(moscow.status, Status::Accepted);
    let arts: Vec<&str> = moscow.sources.iter().map(|s| s.article.as_str()).collect();
    assert_eq!(arts, ["a", "b"]);
    assert_eq!((moscow.sources[1].start, moscow.sources[1].end), (40, 87));
    assert_eq!(t[1].summary, "Bombardements sur Stepanakert", "same day, nothing shared: apart");
    assert_eq!(t[2].date, Some(d("2020-10-20")), "another day is another event");
}

#[test]
fn two_suggestions_of_one_dispatch_stay_two_entries() {
    // the extractor keeps apart what it finds to be two events of one day
    let b_sug = [
        event(
            0,
            "les rebelles ont pris Kalemie",
            "2021-05-02",
            "Les rebelles ont pris Kalemie",
            Status::Suggested,
        ),
        event(
            80,
            "les rebelles ont bombardé Kalemie",
            "2021-05-02",
            "Les rebelles ont bombardé le port de Kalemie",
            Status::Suggested,
        ),
    ];
    let c_sug = [event(
        0,
        "les rebelles ont pris Kalemie",
        "2021-05-02",
        "Les rebelles ont pris Kalemie",
        Status::Suggested,
    )];
    let inputs =
        Inputs { docs: vec![doc("b", "2021-05-02", &[], &b_sug), doc("c", "2021-05-03", &[], &c_sug)] };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 2, "{t:#?}");
    let sources: Vec<usize> = t.iter().map(|e| e.sources.len()).collect();
    assert!(sources.contains(&2), "another dispatch's report still joins: {t:#?}");
}

#[test]
fn shared_entities_merge_events_whose_summaries_differ() {
    let a = [
        event(
            0,
            "Pompeo recevra Mnatsakanian et Bayramov",
            "2020-10-23",
            "Rendez-vous prévu à Washington",
            Status::Accepted,
        ),
        entity(0, "Pompeo"),
        entity(16, "Mnatsakanian"),
    ];
    let b = [
        event(
            0,
            "Mike Pompeo reçoit Zohrab Mnatsakanian",
            "2020-10-23",
            "Médiation américaine",
            Status::Accepted,
        ),
        entity(5, "Pompeo"),
        entity(25, "Mnatsakanian"),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-21", &a, &[]), doc("b", "2020-10-23", &b, &[])] };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].sources.len(), 2);
    assert_eq!(t[0].summary, "Rendez-vous prévu à Washington", "first dispatch's accepted wording");
}

#[test]
fn mixed_precision_sorts_at_the_month_and_joins_a_matching_day() {
    let a = [event(
        0,
        "la guerre a repris le 27 septembre",
        "2020-09-27",
        "Reprise des hostilités au Karabakh",
        Status::Accepted,
    )];
    let b = [
        event(
            0,
            "depuis la reprise des hostilités fin septembre",
            "2020-09",
            "Reprise des hostilités au Karabakh fin septembre",
            Status::Accepted,
        ),
        event(
            60,
            "le front s'est étendu en septembre",
            "2020-09",
            "Extension des combats vers les zones urbaines",
            Status::Accepted,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-09", &a, &[]), doc("b", "2020-10-23", &b, &[])] };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].date, Some(d("2020-09")), "a month sits at its month, before its days");
    assert_eq!(t[0].precision, Precision::Month);
    assert_eq!(t[0].date_label(), "2020-09-??");
    assert_eq!(t[1].date, Some(d("2020-09-27")), "the day is kept when a month joins it");
    assert_eq!(t[1].sources.len(), 2);
}

#[test]
fn running_timeline_holds_what_was_reported_by_the_date_and_marks_the_current_dispatch() {
    let a =
        [event(0, "reprise des combats", "2020-09-27", "Reprise des combats au Karabakh", Status::Accepted)];
    let b = [event(
        0,
        "trêve humanitaire prévue demain",
        "2020-10-10",
        "Trêve humanitaire au Karabakh",
        Status::Accepted,
    )];
    let c = [event(
        0,
        "Pompeo reçoit les ministres",
        "2020-10-23",
        "Pompeo reçoit les ministres",
        Status::Accepted,
    )];
    let m = [event(0, "un accord est signé", "2020-10-05", "Accord signé", Status::Accepted)];
    let inputs = Inputs {
        docs: vec![
            doc("a", "2020-09-29", &a, &[]),
            doc("b", "2020-10-09", &b, &[]),
            doc("m", "2020-10", &m, &[]),
            doc("c", "2020-10-23", &c, &[]),
        ],
    };
    let summaries = |as_of: Option<&str>, current: Option<&str>| -> Vec<(String, bool)> {
        timeline(&inputs, as_of.map(d), current).into_iter().map(|e| (e.summary, e.current)).collect()
    };
    let on_9 = summaries(Some("2020-10-09"), None);
    assert_eq!(
        on_9,
        [
            ("Reprise des combats au Karabakh".to_string(), false),
            ("Trêve humanitaire au Karabakh".to_string(), false)
        ],
        "a truce announced for the next day is known; later dispatches and one known only to the month are not"
    );
    let with_current = summaries(Some("2020-10-09"), Some("m"));
    assert!(with_current.contains(&("Accord signé".to_string(), true)), "{with_current:?}");
    assert_eq!(with_current.iter().filter(|(_, c)| *c).count(), 1);
    assert_eq!(summaries(Some("2020-10"), None).len(), 4, "a month as-of holds the month's dispatches");
    assert_eq!(summaries(Some("2020-09-28"), None).len(), 0);
    // The side pane asks for both at once, from one pass over the events.
    for (as_of, current) in [("2020-10-09", Some("m")), ("2020-09-28", None), ("2020-10", Some("c"))] {
        let both = depeche::digest::timeline::timelines(&inputs, d(as_of), current);
        assert_eq!(both, (timeline(&inputs, Some(d(as_of)), current), timeline(&inputs, None, current)));
    }
}

#[test]
fn rejected_events_never_appear_and_suggestions_are_marked() {
    let a = [event(0, "x", "2020-10-01", "Rejetée", Status::Rejected)];
    let sug = [
        event(0, "x", "2020-10-01", "Rejetée encore", Status::Suggested),
        event(20, "frappe sur Gandja", "2020-10-04", "Frappe sur Gandja", Status::Suggested),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-05", &a, &sug)] };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].status, Status::Suggested);
}

// ---- claims ---------------------------------------------------------------

use Qualifier::*;

#[test]
fn wording_variants_of_a_claimant_merge_and_the_annotators_name_wins() {
    let a = [
        claim(
            0,
            "ministère azerbaïdjanais de la Défense",
            550,
            Some(550),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-09-29",
            Status::Accepted,
        ),
        claim(
            50,
            "Vladimir Poutine",
            5000,
            None,
            Nearly,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-22",
            Status::Accepted,
        ),
    ];
    let sug = [
        claim(
            100,
            "Ministère de la Défense d'Azerbaïdjan",
            600,
            Some(600),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-01",
            Status::Suggested,
        ),
        claim(
            150,
            "Poutine",
            2000,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            armenia(),
            "2020-10-22",
            Status::Suggested,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-09-29", &a, &[]), doc("b", "2020-10-23", &[], &sug)] };
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let names: Vec<&str> = digest.groups.iter().map(|g| g.claimant.as_str()).collect();
    assert_eq!(names, ["ministère azerbaïdjanais de la Défense", "Vladimir Poutine"]);
    let mod_az = &digest.groups[0].series[0];
    assert_eq!(mod_az.history.len(), 2, "one series in as-of order");
    assert_eq!(mod_az.history[0].count_low, Some(550));
    assert_eq!(mod_az.latest()[0].count_low, Some(600));
    assert_eq!(mod_az.latest()[0].status, Status::Suggested);
    assert_eq!(&*mod_az.latest()[0].claimant_as_written, "Ministère de la Défense d'Azerbaïdjan");
    // As of the first dispatch, the later figure is not yet known.
    let early = claims(&inputs, &Claimants::default(), Some(d("2020-09-30")), None);
    assert_eq!(early.groups.len(), 1);
    assert_eq!(early.groups[0].series[0].latest()[0].count_low, Some(550));
}

#[test]
fn aliases_from_the_file_join_what_normalisation_cannot() {
    let a = [
        claim(
            0,
            "Azerbaijan's defence ministry",
            550,
            Some(550),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-09-29",
            Status::Accepted,
        ),
        claim(
            50,
            "ministère azerbaïdjanais de la Défense",
            600,
            Some(600),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-01",
            Status::Accepted,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-01", &a, &[])] };
    assert_eq!(claims(&inputs, &Claimants::default(), None, None).groups.len(), 2);
    let aliases = Claimants {
        entries: vec![AliasEntry {
            name: "ministère azerbaïdjanais de la Défense".into(),
            aliases: vec!["defence ministry of Azerbaijan".into()],
        }],
        ..Claimants::default()
    };
    let digest = claims(&inputs, &aliases, None, None);
    assert_eq!(digest.groups.len(), 1, "the alias matches by normalised key, not exact text");
    assert_eq!(digest.groups[0].claimant, "ministère azerbaïdjanais de la Défense");
}

#[test]
fn non_overlapping_figures_of_different_claimants_at_close_dates_are_disputed() {
    let a = [
        claim(
            0,
            "ministère azerbaïdjanais de la Défense",
            550,
            Some(550),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-09-29",
            Status::Accepted,
        ),
        claim(
            20,
            "ministère arménien de la Défense",
            80,
            Some(80),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-01",
            Status::Accepted,
        ),
        claim(
            40,
            "ministère arménien de la Défense",
            200,
            None,
            About,
            What::Killed,
            Who::Military,
            azerbaijan(),
            "2020-09-29",
            Status::Accepted,
        ),
        claim(
            60,
            "bilan officiel",
            400,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-09",
            Status::Accepted,
        ),
        claim(
            80,
            "AFP",
            450,
            Some(450),
            Exact,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-10",
            Status::Accepted,
        ),
        claim(
            100,
            "AFP",
            60,
            Some(60),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-09",
            Status::Accepted,
        ),
    ];
    let inputs = one_dispatch_each(&a, "2020-10-10");
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let rows = digest.rows(ClaimOrder::Claimant);
    let by = |claimant: &str, low: u64| {
        rows.iter().find(|r| *r.claimant == *claimant && r.count_low == Some(low)).unwrap()
    };
    let az = by("ministère azerbaïdjanais de la Défense", 550);
    assert!(az.disputed);
    assert_eq!(az.disputed_with, [Arc::from("ministère arménien de la Défense")]);
    assert!(by("ministère arménien de la Défense", 80).disputed, "2 days apart");
    assert!(!by("ministère arménien de la Défense", 200).disputed, "another side is another series");
    assert!(!by("bilan officiel", 400).disputed, "more than 400 and 450 overlap");
    assert!(!by("AFP", 450).disputed);
    assert!(!by("AFP", 60).disputed, "8 days after 80 and 10 after 550: beyond the window");
}

#[test]
fn a_vague_count_disputes_no_figure() {
    let a = [
        claim(0, "AFP", 20000, None, Many, What::Killed, Who::All, armenia(), "2020-10-01", Status::Accepted),
        claim(
            20,
            "ministère arménien de la Santé",
            125,
            Some(125),
            Exact,
            What::Killed,
            Who::All,
            armenia(),
            "2020-10-01",
            Status::Accepted,
        ),
    ];
    let inputs = one_dispatch_each(&a, "2020-10-01");
    let digest = claims(&inputs, &Claimants::default(), None, None);
    assert!(digest.rows(ClaimOrder::Claimant).iter().all(|r| !r.disputed));
}

#[test]
fn claims_of_different_sources_are_never_added_together() {
    let a = [
        claim(
            0,
            "bilan officiel",
            22,
            Some(22),
            Exact,
            What::Killed,
            Who::Civilians,
            armenia(),
            "2020-10-09",
            Status::Accepted,
        ),
        claim(
            20,
            "bilan officiel",
            31,
            Some(31),
            Exact,
            What::Killed,
            Who::Civilians,
            azerbaijan(),
            "2020-10-09",
            Status::Accepted,
        ),
        claim(
            40,
            "AFP",
            100,
            Some(100),
            About,
            What::Killed,
            Who::Civilians,
            Party::BOTH,
            "2020-10-09",
            Status::Accepted,
        ),
        claim(
            60,
            "autorités séparatistes",
            30,
            Some(30),
            Exact,
            What::Killed,
            Who::Civilians,
            armenia(),
            "2020-10-09",
            Status::Accepted,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-09", &a, &[])] };
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let rows = digest.rows(ClaimOrder::What);
    assert_eq!(rows.len(), 4, "one row per claim, no total row");
    let mut lows: Vec<u64> = rows.iter().filter_map(|r| r.count_low).collect();
    lows.sort();
    assert_eq!(lows, [22, 30, 31, 100], "every figure is one a source gave");
    let official: Vec<_> =
        digest.groups.iter().find(|g| g.claimant == "bilan officiel").unwrap().series.iter().collect();
    assert_eq!(official.len(), 2, "one series per side, not merged into a sum");
}

#[test]
fn accepted_claims_come_first_and_rejected_or_covered_suggestions_never() {
    let accepted = [
        claim(
            0,
            "AFP",
            800,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-21",
            Status::Accepted,
        ),
        claim(
            30,
            "AFP",
            700,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-21",
            Status::Rejected,
        ),
    ];
    let sug = [
        claim(
            0,
            "non attribué",
            800,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-21",
            Status::Suggested,
        ),
        claim(
            30,
            "AFP",
            700,
            None,
            MoreThan,
            What::Killed,
            Who::All,
            Party::BOTH,
            "2020-10-21",
            Status::Suggested,
        ),
        claim(
            60,
            "Arménie",
            5,
            Some(5),
            Exact,
            What::Captured,
            Who::Military,
            azerbaijan(),
            "2020-10-21",
            Status::Suggested,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-21", &accepted, &sug)] };
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let rows = digest.rows(ClaimOrder::Claimant);
    let seen: Vec<(&str, Option<u64>, Status)> =
        rows.iter().map(|r| (&*r.claimant, r.count_low, r.status)).collect();
    assert_eq!(seen, [("AFP", Some(800), Status::Accepted), ("Arménie", Some(5), Status::Suggested)]);
}

// ---- commands -------------------------------------------------------------

mod cli {
    use std::path::Path;

    use clap::Parser;
    use depeche::annotation::{Annotation, Kind, Sidecar};
    use depeche::cli::{Cli, run};
    use depeche::corpus;

    use super::d;

    /// Writes an article and a sidecar with the given (kind, exact, attrs JSON) annotations.
    fn article(dir: &Path, id: &str, date: &str, text: &str, anns: &[(Kind, &str, &str)]) {
        let path = dir.join(format!("{id}.txt"));
        std::fs::write(&path, text).unwrap();
        let a = corpus::from_bytes(&path, text.as_bytes());
        let mut sc = Sidecar::empty(&a);
        sc.header.meta.date = Some(d(date));
        for (kind, exact, attrs) in anns {
            let byte = a.text.find(exact).unwrap();
            let start = a.text[..byte].chars().count();
            let mut ann = Annotation::new(
                &a.text,
                *kind,
                &kind.as_str().to_uppercase(),
                start,
                start + exact.chars().count(),
            );
            ann.attrs = serde_json::from_str(attrs).unwrap();
            sc.annotations.push(ann);
        }
        sc.save(&a).unwrap();
    }

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        article(
            dir.path(),
            "a",
            "2020-09-29",
            "Le ministère azerbaïdjanais de la Défense a annoncé la mort de 550 soldats arméniens. Les combats ont repris le 27 septembre au Karabakh, une région dont le nom est ici répété pour allonger ce résumé bien au-delà d'une ligne de terminal.",
            &[
                (
                    Kind::Claim,
                    "550 soldats",
                    r#"{"claimant":"ministère azerbaïdjanais de la Défense","count_low":550,"count_high":550,"qualifier":"exact","what":"killed","who":"military","side":"armenian","as_of":"2020-09-29"}"#,
                ),
                (
                    Kind::Event,
                    "Les combats ont repris le 27 septembre",
                    r#"{"date":"2020-09-27","precision":"day","summary":"Reprise des combats au Karabakh, une région dont le nom est ici répété pour allonger ce résumé bien au-delà d'une ligne de terminal"}"#,
                ),
            ],
        );
        article(
            dir.path(),
            "b",
            "2020-10-01",
            "Selon le ministère de la Défense d'Azerbaïdjan, 900 soldats arméniens sont morts. Erevan parle de 100 morts. Reprise des combats au Karabakh le 27 septembre.",
            &[
                (
                    Kind::Claim,
                    "900 soldats",
                    r#"{"claimant":"ministère de la Défense d'Azerbaïdjan","count_low":900,"count_high":900,"qualifier":"exact","what":"killed","who":"military","side":"armenian","as_of":"2020-10-01"}"#,
                ),
                (
                    Kind::Claim,
                    "100 morts",
                    r#"{"claimant":"ministère arménien de la Défense","count_low":100,"count_high":100,"qualifier":"exact","what":"killed","who":"military","side":"armenian","as_of":"2020-10-01"}"#,
                ),
                (
                    Kind::Event,
                    "Reprise des combats au Karabakh le 27 septembre",
                    r#"{"date":"2020-09-27","precision":"day","summary":"Reprise des combats au Karabakh"}"#,
                ),
            ],
        );
        std::fs::write(dir.path().join("claimants.toml"), "[[claimant]]\nname = \"MoD Azerbaïdjan\"\naliases = [\"ministère azerbaïdjanais de la Défense\"]\n").unwrap();
        dir
    }

    fn exec(args: &[&str]) -> (Result<u8, String>, String) {
        let cli = Cli::try_parse_from(std::iter::once("depeche").chain(args.iter().copied())).unwrap();
        let mut out = Vec::new();
        let r = run(cli.command.as_ref().unwrap(), &mut out).map_err(|e| e.to_string());
        (r, String::from_utf8(out).unwrap())
    }

    #[test]
    fn timeline_json_merges_sources_and_tables_fit_80_columns() {
        let dir = project();
        let p = dir.path().to_str().unwrap();
        let (r, out) = exec(&["timeline", p, "--format", "json"]);
        assert_eq!(r, Ok(0));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let entries = v.as_array().unwrap();
        assert_eq!(entries.len(), 1, "{out}");
        let e = &entries[0];
        assert_eq!(e["date"], "2020-09-27");
        assert_eq!(e["precision"], "day");
        assert_eq!(e["status"], "accepted");
        let sources = e["sources"].as_array().unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[1]["article"], "b");
        assert_eq!(sources[1]["quote"], "Reprise des combats au Karabakh le 27 septembre");
        assert!(sources[1]["start"].is_u64() && sources[1]["end"].is_u64());

        let (_, table) = exec(&["timeline", p]);
        assert!(table.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{table}");
        assert!(table.lines().count() >= 6, "the long summary is wrapped: {table}");

        let (_, csv) = exec(&["timeline", p, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(&reader.headers().unwrap()[0], "date");
        assert_eq!(reader.records().count(), 1);

        let (_, early) = exec(&["timeline", p, "--as-of", "2020-09-30", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&early).unwrap();
        assert_eq!(v[0]["sources"].as_array().unwrap().len(), 1, "dispatch b is not out yet");
    }

    #[test]
    fn claims_json_csv_and_table_group_by_canonical_claimant() {
        let dir = project();
        let p = dir.path().to_str().unwrap();
        let (r, out) = exec(&["claims", p, "--format", "json"]);
        assert_eq!(r, Ok(0));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 3);
        let keys = [
            "claimant",
            "count_low",
            "count_high",
            "qualifier",
            "what",
            "who",
            "side",
            "as_of",
            "article",
            "quote",
            "status",
            "disputed",
        ];
        for k in keys {
            assert!(rows[0].get(k).is_some(), "missing {k}");
        }
        let az: Vec<&serde_json::Value> =
            rows.iter().filter(|r| r["claimant"] == "MoD Azerbaïdjan").collect();
        assert_eq!(az.len(), 2, "both wordings under the file's name: {out}");
        assert_eq!(az[1]["count_low"], 900);
        assert_eq!(az[1]["disputed"], true, "900 against the Armenian ministry's 100 on the same day");
        assert_eq!(az[0]["disputed"], true, "550, two days before, is within the window too");
        let arm = rows.iter().find(|r| r["claimant"] == "ministère arménien de la Défense").unwrap();
        assert_eq!(arm["disputed_with"], serde_json::json!(["MoD Azerbaïdjan"]));
    }

    #[test]
    fn claims_by_side_csv_has_one_row_a_claim_and_a_bad_date_is_a_usage_error() {
        let dir = project();
        let p = dir.path().to_str().unwrap();
        let (_, csv) = exec(&["claims", p, "--by", "side", "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(&reader.headers().unwrap()[0], "claimant");
        assert_eq!(reader.records().count(), 3);
        let (_, table) = exec(&["claims", p, "--by", "side"]);
        assert!(table.contains("party: Arménie"), "{table}");
        assert!(table.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{table}");
        let (r, _) = exec(&["claims", p, "--as-of", "2020-02-30"]);
        assert!(r.unwrap_err().contains("--as-of"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(["timeline", p, "--as-of", "hier"])
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&status.stderr).contains("'hier' is not a date"));
    }
}

// ---- the bundled dispatches -----------------------------------------------

mod bundled {
    use std::path::Path;

    use depeche::digest::fold::fold;
    use depeche::digest::{ClaimOrder, Claimants, Inputs, claims, timeline};
    use depeche::project::Project;

    fn articles() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"))
    }

    #[test]
    fn the_aliases_file_parses_and_joins_other_languages() {
        let aliases = Claimants::load(articles()).unwrap();
        assert!(!aliases.entries.is_empty());
        let idx = depeche::digest::claimants::ClaimantIndex::build(
            &aliases,
            [
                ("Putin", depeche::digest::claimants::Authority::Suggested),
                ("Poutine", depeche::digest::claimants::Authority::Accepted),
            ],
        );
        assert_eq!(idx.canonical("Putin"), "Vladimir Poutine");
        assert_eq!(idx.canonical("Poutine"), "Vladimir Poutine");
    }

    /// The events the issue lists, each once with all its sources: (date,
    /// a word of its summary, the dispatches it must cite). Needs the gold
    /// annotations of articles/*.ann.jsonl.
    #[test]
    fn the_timeline_holds_each_listed_event_once_with_all_its_sources() {
        let project = Project::open(articles()).unwrap();
        let events = project
            .sidecars
            .iter()
            .flat_map(|s| &s.annotations)
            .filter(|a| a.kind.as_str() == "event")
            .count();
        if events == 0 {
            eprintln!("no gold events in articles/: skipped");
            return;
        }
        let inputs = Inputs::from_project(&project, &[]);
        let t = timeline(&inputs, None, None);
        let expected: &[(&str, &str, &[&str])] = &[
            ("2020-09-27", "repri", &["2020-10-09_afp", "2020-10-21_afp", "2020-10-23_reuters"]),
            ("2020-09-28", "peskov", &["2020-09-29_rt-france"]),
            ("2020-09-29", "peskov", &["2020-09-29_rt-france"]),
            ("2020-10-09", "moscou", &["2020-10-09_afp", "2020-10-09_euronews", "2020-10-21_afp"]),
            ("2020-10-10", "treve", &["2020-10-21_afp"]),
            ("2020-10-17", "cessez", &["2020-10-21_afp"]),
            ("2020-10-20", "lavrov", &["2020-10-21_afp"]),
            ("2020-10-21", "lavrov", &["2020-10-21_afp"]),
            ("2020-10-23", "pompeo", &["2020-10-21_afp", "2020-10-23_reuters"]),
        ];
        for (date, word, sources) in expected {
            let found: Vec<_> = t
                .iter()
                .filter(|e| e.date.map(|d| d.to_string()).as_deref() == Some(*date))
                .filter(|e| fold(&e.summary).contains(word))
                .collect();
            assert_eq!(found.len(), 1, "{date} {word}: {found:#?}");
            let mut cited: Vec<&str> = found[0]
                .sources
                .iter()
                .map(|s| sources.iter().find(|p| s.article.starts_with(**p)).copied().unwrap_or("other"))
                .collect();
            cited.dedup();
            assert_eq!(&cited, sources, "{date} {word}");
        }
    }

    #[test]
    fn the_claims_hold_the_listed_figures_under_their_claimants() {
        let project = Project::open(articles()).unwrap();
        let inputs = Inputs::from_project(&project, &[]);
        let digest = claims(&inputs, &Claimants::load(articles()).unwrap(), None, None);
        let rows = digest.rows(ClaimOrder::Claimant);
        if rows.is_empty() {
            eprintln!("no gold claims in articles/: skipped");
            return;
        }
        let has = |claimant: &str, figure: &str, side: &str| {
            rows.iter().any(|r| {
                *r.claimant == *claimant
                    && r.figure() == figure
                    && r.side.map(|s| s.to_string()).as_deref() == Some(side)
            })
        };
        assert!(has("ministère azerbaïdjanais de la Défense", "550", "Arménie"));
        assert!(has("ministère arménien de la Défense", "about 200", "Azerbaïdjan"));
        assert!(has("bilan officiel", "more than 400", "both"));
        assert!(has("bilan officiel", "22", "Arménie"));
        assert!(has("bilan officiel", "31", "Azerbaïdjan"));
        assert!(has("AFP", "more than 800", "both"));
        assert!(has("AFP", "about 100", "both"));
        assert!(has("Vladimir Poutine", "nearly 5000", "both"));
    }
}

#[test]
fn events_accepted_apart_in_one_dispatch_merge_only_when_one_restates_the_other() {
    let a = [
        event(
            0,
            "Macron a parlé à Pachinian",
            "2020-10-09",
            "Macron s'entretient avec Pachinian au téléphone",
            Status::Accepted,
        ),
        event(
            50,
            "Macron a parlé à Aliev",
            "2020-10-09",
            "Macron s'entretient avec Aliev au téléphone",
            Status::Accepted,
        ),
        event(
            100,
            "Lavrov a reçu séparément les ministres à Moscou",
            "2020-10-21",
            "Lavrov reçoit séparément à Moscou les ministres arménien et azerbaïdjanais",
            Status::Accepted,
        ),
        event(
            200,
            "Mnatsakanian a rencontré Lavrov",
            "2020-10-21",
            "Lavrov reçoit séparément à Moscou le ministre arménien",
            Status::Accepted,
        ),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-21", &a, &[])] };
    let t = timeline(&inputs, None, None);
    let sizes: Vec<usize> = t.iter().map(|e| e.sources.len()).collect();
    assert_eq!(sizes, [1, 1, 2], "three shared words keep two calls apart; a restated lead merges: {t:#?}");
}

#[test]
fn a_year_joins_a_matching_day_and_undated_events_come_last() {
    let a = [event(
        0,
        "la guerre a repris le 27 septembre",
        "2020-09-27",
        "Reprise des hostilités au Karabakh",
        Status::Accepted,
    )];
    let mut undated = event(60, "une trêve a été conclue", "2020", "Trêve conclue", Status::Accepted);
    undated.attrs.date = None;
    undated.attrs.precision = None;
    let b = [
        event(
            0,
            "la reprise des hostilités cette année",
            "2020",
            "Reprise des hostilités au Karabakh",
            Status::Suggested,
        ),
        undated,
    ];
    let inputs =
        Inputs { docs: vec![doc("a", "2020-10-09", &a, &[]), doc("b", "2020-10-23", &b[1..], &b[..1])] };
    let t = timeline(&inputs, None, None);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!((t[0].date, t[0].sources.len()), (Some(d("2020-09-27")), 2));
    assert_eq!(
        (t[1].date, t[1].precision, t[1].date_label()),
        (None, Precision::Unknown, "????-??-??".to_string())
    );
}

#[test]
fn the_dispute_window_is_three_days() {
    let a = [
        claim(
            0,
            "ministère azerbaïdjanais de la Défense",
            550,
            Some(550),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-01",
            Status::Accepted,
        ),
        claim(
            20,
            "ministère arménien de la Défense",
            100,
            Some(100),
            Exact,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-04",
            Status::Accepted,
        ),
        claim(
            40,
            "autorités séparatistes",
            95,
            None,
            About,
            What::Killed,
            Who::Military,
            armenia(),
            "2020-10-05",
            Status::Accepted,
        ),
    ];
    let inputs = one_dispatch_each(&a, "2020-10-05");
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let rows = digest.rows(ClaimOrder::Claimant);
    let with = |claimant: &str| {
        let row = rows.iter().find(|r| *r.claimant == *claimant).unwrap();
        row.disputed_with.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(
        with("ministère azerbaïdjanais de la Défense"),
        ["ministère arménien de la Défense"],
        "3 days: in, 4 days: out"
    );
    assert_eq!(
        with("autorités séparatistes"),
        Vec::<String>::new(),
        "about 95 overlaps 100; 550 is 4 days before"
    );
}

#[test]
fn the_chart_has_a_line_per_claimant_and_series_over_every_claim() {
    use Qualifier::Exact;
    let (armenian, azerbaijani) = (armenia(), azerbaijan());
    use What::Killed;
    use Who::{Civilians, Military};
    let a = [
        claim(0, "Erevan", 10, None, Exact, Killed, Civilians, armenian, "2020-10-01", Status::Accepted),
        claim(20, "Bakou", 5, None, Exact, Killed, Military, azerbaijani, "2020-10-01", Status::Accepted),
    ];
    let b = [
        // The same figure again is one point; a later one extends the line.
        claim(0, "Erevan", 10, None, Exact, Killed, Civilians, armenian, "2020-10-01", Status::Suggested),
        claim(20, "Erevan", 20, None, Exact, Killed, Civilians, armenian, "2020-10-02", Status::Suggested),
        // A year has no place on a day axis, but counts for the series.
        claim(40, "Bakou", 7, None, Exact, Killed, Military, azerbaijani, "2020", Status::Suggested),
        claim(60, "Stepanakert", 3, None, Exact, Killed, Civilians, armenian, "2020-10-02", Status::Rejected),
    ];
    let inputs = Inputs { docs: vec![doc("a", "2020-10-01", &a, &[]), doc("b", "2020-10-02", &[], &b)] };
    let charts = depeche::digest::claims::charts(&inputs, &Claimants::default());
    let day = |s: &str| chrono::Datelike::num_days_from_ce(&d(s).first_day()) as f64;
    let keys: Vec<_> = charts.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            (Some(Killed), Some(Civilians), Some(armenian), Scope::Total),
            (Some(Killed), Some(Military), Some(azerbaijani), Scope::Total)
        ],
        "most claimed first"
    );
    let erevan = ("Erevan".to_string(), vec![(day("2020-10-01"), 10.0), (day("2020-10-02"), 20.0)]);
    assert_eq!(charts[0].1, [erevan], "a rejected claim never shows");
    assert_eq!(charts[1].1, [("Bakou".to_string(), vec![(day("2020-10-01"), 5.0)])]);
}

#[test]
fn a_figure_repeated_by_several_dispatches_for_one_date_counts_its_copies() {
    use Qualifier::Exact;
    let azerbaijani = azerbaijan();
    use What::Wounded;
    use Who::Civilians;
    let c = |start, low, as_of| {
        claim(start, "Bakou", low, None, Exact, Wounded, Civilians, azerbaijani, as_of, Status::Suggested)
    };
    let a = [c(0, 19, "2020-09-29"), c(20, 30, "2020-09-29")];
    let b = [c(0, 19, "2020-09-29")];
    let e = [c(0, 19, "2020-09-30")];
    let inputs = Inputs {
        docs: vec![
            doc("a", "2020-09-29", &[], &a),
            doc("b", "2020-09-29", &[], &b),
            doc("e", "2020-09-30", &[], &e),
        ],
    };
    let seen = |digest: depeche::digest::ClaimsDigest| -> Vec<(String, u64, u32)> {
        let history = &digest.groups[0].series[0].history;
        history.iter().map(|r| (r.article.to_string(), r.count_low.unwrap(), r.copies)).collect()
    };
    assert_eq!(
        seen(depeche::digest::claims::distinct_claims(&inputs, &Claimants::default(), None, None)),
        [("a".into(), 19, 2), ("a".into(), 30, 1), ("e".into(), 19, 1)],
        "the first of a date's figure stands for it; another date is another row"
    );
    assert_eq!(
        seen(claims(&inputs, &Claimants::default(), None, None)),
        [("a".into(), 19, 1), ("a".into(), 30, 1), ("b".into(), 19, 1), ("e".into(), 19, 1)],
        "every claim, each itself"
    );
}

#[test]
fn the_pane_keeps_one_claim_of_each_repeated_figure_the_accepted_or_the_current_ones() {
    use Qualifier::Exact;
    let azerbaijani = azerbaijan();
    use What::Wounded;
    use Who::Civilians;
    let c = |low, status| {
        claim(0, "Bakou", low, None, Exact, Wounded, Civilians, azerbaijani, "2020-09-29", status)
    };
    let (a, b, e) = (
        [c(19, Status::Suggested)],
        [c(19, Status::Accepted)],
        [c(19, Status::Suggested), c(30, Status::Suggested)],
    );
    let inputs = Inputs {
        docs: vec![
            doc("a", "2020-09-29", &[], &a),
            doc("b", "2020-09-29", &b, &[]),
            doc("e", "2020-09-29", &[], &e),
        ],
    };
    let shown = |current: Option<&str>| -> Vec<(String, u64, u32)> {
        let digest = depeche::digest::claims::distinct_claims(&inputs, &Claimants::default(), None, current);
        let rows = digest.rows(ClaimOrder::Claimant);
        rows.iter().map(|r| (r.article.to_string(), r.count_low.unwrap(), r.copies)).collect()
    };
    assert_eq!(
        shown(None),
        [("b".into(), 19, 3), ("e".into(), 30, 1)],
        "the accepted one stands for the three"
    );
    let all = claims(&inputs, &Claimants::default(), None, None);
    assert_eq!(all.rows(ClaimOrder::Claimant).len(), 4, "the command line still gets every claim");
    let (a, b) = ([c(19, Status::Suggested)], [c(19, Status::Suggested)]);
    let inputs = Inputs { docs: vec![doc("a", "2020-09-29", &[], &a), doc("b", "2020-09-29", &[], &b)] };
    let digest = depeche::digest::claims::distinct_claims(&inputs, &Claimants::default(), None, Some("b"));
    let rows = digest.rows(ClaimOrder::Claimant);
    assert_eq!(
        (&*rows[0].article, rows[0].copies, rows.len()),
        ("b", 2, 1),
        "the dispatch read stands for its figure"
    );
}

#[test]
fn one_dispatchs_figures_are_parts_not_a_dispute_and_only_a_claimants_total_disputes() {
    use Qualifier::Exact;
    use What::Killed;
    use Who::All;
    let p = |s: &str| Party::parse(s).unwrap();
    let c = |start, claimant: &str, low| {
        claim(
            start,
            claimant,
            low,
            Some(low),
            Exact,
            Killed,
            All,
            p("Palestiniens"),
            "2025-07-22",
            Status::Accepted,
        )
    };
    // one dispatch: the office's 1,054, of which 766 near the sites, and the UN's "more than 1,000"
    let one = [c(0, "Haut-Commissariat", 1054), c(20, "Haut-Commissariat", 766), c(40, "ONU", 1000)];
    let inputs = Inputs { docs: vec![doc("a", "2025-07-22", &one, &[])] };
    let rows: Vec<ClaimRow> = claims(&inputs, &Claimants::default(), None, None)
        .rows(ClaimOrder::Claimant)
        .into_iter()
        .cloned()
        .collect();
    assert!(rows.iter().all(|r| !r.disputed), "{rows:?}");
    // two dispatches: the office's total against the ministry's; its part disputes nothing
    let a = [c(0, "Haut-Commissariat", 1054), c(20, "Haut-Commissariat", 766)];
    let b = [c(0, "ministère de la Santé", 300)];
    let inputs = Inputs { docs: vec![doc("a", "2025-07-22", &a, &[]), doc("b", "2025-07-22", &b, &[])] };
    let rows: Vec<ClaimRow> = claims(&inputs, &Claimants::default(), None, None)
        .rows(ClaimOrder::Claimant)
        .into_iter()
        .cloned()
        .collect();
    let disputed = |low: u64| rows.iter().find(|r| r.count_low == Some(low)).unwrap().disputed;
    assert!(disputed(1054) && disputed(300) && !disputed(766));
}

#[test]
fn disputes_need_the_same_party_and_scope_day_dates_and_a_named_claimant() {
    use Qualifier::Exact;
    use What::Killed;
    use Who::Civilians;
    let p = |s: &str| Party::parse(s).unwrap();
    let c = |start, claimant: &str, low, side: Party, as_of: &str| {
        claim(start, claimant, low, Some(low), Exact, Killed, Civilians, side, as_of, Status::Accepted)
    };
    let mut each = c(120, "ministère de la Santé", 900, p("Gaza"), "2023-11-02");
    each.attrs.scope = Some(depeche::annotation::Scope::Each);
    let a = [
        c(0, "ministère de la Santé", 100, p("Palestiniens"), "2023-11-02"),
        c(20, "armée israélienne", 300, p("Palestiniens"), "2023-11-03"),
        // a month is not within three days of anything
        c(40, "ONU", 5000, p("Palestiniens"), "2023-11"),
        // nobody named: not a source to dispute with
        c(60, "non attribué", 7000, p("Palestiniens"), "2023-11-02"),
        // whose losses unknown: not comparable
        c(80, "Croissant-Rouge", 8000, Party::UNKNOWN, "2023-11-02"),
        c(100, "Croissant-Rouge", 9000, p("Israël"), "2023-11-02"),
        each,
    ];
    let inputs = one_dispatch_each(&a, "2023-11-03");
    let digest = claims(&inputs, &Claimants::default(), None, None);
    let rows = digest.rows(ClaimOrder::Claimant);
    let disputed = |low: u64| rows.iter().find(|r| r.count_low == Some(low)).unwrap().disputed_with.clone();
    assert_eq!(disputed(100), vec![Arc::<str>::from("armée israélienne")]);
    assert_eq!(disputed(300), vec![Arc::<str>::from("ministère de la Santé")]);
    for low in [5000, 7000, 8000, 9000, 900] {
        assert!(disputed(low).is_empty(), "{low} disputes nothing");
    }
}

#[test]
fn parties_toml_makes_one_party_of_its_aliases() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("parties.toml"),
        "[[party]]\nname = \"FSR\"\naliases = [\"RSF\", \"Forces de soutien rapide\"]\n",
    )
    .unwrap();
    let aliases = Claimants::load(dir.path()).unwrap();
    let p = |s: &str| Party::parse(s).unwrap();
    let c = |start, claimant: &str, low, side| {
        claim(
            start,
            claimant,
            low,
            Some(low),
            Qualifier::Exact,
            What::Killed,
            Who::Military,
            side,
            "2023-05-01",
            Status::Accepted,
        )
    };
    let a = [c(0, "armée soudanaise", 400, p("RSF")), c(20, "FSR", 40, p("Forces de soutien rapide"))];
    let inputs = one_dispatch_each(&a, "2023-05-01");
    let rows: Vec<_> =
        claims(&inputs, &aliases, None, None).rows(ClaimOrder::Claimant).into_iter().cloned().collect();
    assert!(rows.iter().all(|r| r.side == Some(p("FSR"))), "{rows:?}");
    assert!(rows.iter().all(|r| r.disputed), "the same party's losses, two figures that differ");
    let plain = claims(&inputs, &Claimants::default(), None, None);
    assert!(plain.rows(ClaimOrder::Claimant).iter().all(|r| !r.disputed), "without the file, two parties");
}
