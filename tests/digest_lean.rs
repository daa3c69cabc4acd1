//! The digests written a chunk at a time (`lean_timeline`, `lean_claims`):
//! what `depeche timeline` and `depeche claims` print as JSON is what the
//! whole digests say, entry for entry, whatever the date asked for.

use std::process::Command;

use depeche::date::PartialDate;
use depeche::digest::claims::lean_claims;
use depeche::digest::timeline::lean_timeline;
use depeche::digest::{ClaimOrder, Claimants, Inputs, claims, timeline};

mod folder;

/// The bundled dispatches with two of our own that report one event and
/// disagree on its toll (two sources, a day apart).
fn folder() -> tempfile::TempDir {
    folder::bundled_and(&[
        (
            "2022-05-10_wire_dam",
            "Porto, 10 mai 2022 (AFP) - Selon la protection civile portugaise, 12 personnes ont été tuées mardi par la rupture d'un barrage près de Porto.",
        ),
        (
            "2022-05-11_wire_dam-toll",
            "Porto, 11 mai 2022 (Reuters) - Selon les pompiers portugais, 40 personnes ont été tuées par la rupture du barrage près de Porto.",
        ),
    ])
}

fn dates() -> [Option<PartialDate>; 4] {
    [None, PartialDate::day(2020, 10, 5), PartialDate::month(2020, 10), PartialDate::day(2022, 5, 10)]
}

#[test]
fn a_timeline_made_entry_by_entry_is_the_whole_timeline() {
    let dir = folder();
    let project = depeche::project::Project::open(dir.path()).unwrap();
    let suggestions = depeche::extract::suggest_project(&project);
    let inputs = Inputs::from_project(&project, &suggestions);
    for as_of in dates() {
        let whole = timeline(&inputs, as_of, None);
        let lean = lean_timeline(&inputs, as_of, None);
        assert!(!whole.is_empty());
        let made: Vec<_> = (0..lean.len()).map(|i| lean.entry(i)).collect();
        assert_eq!(made, whole, "as of {as_of:?}");
    }
}

#[test]
fn the_json_of_timeline_and_claims_is_the_whole_digests() {
    let dir = folder();
    let project = depeche::project::Project::open(dir.path()).unwrap();
    let suggestions = depeche::extract::suggest_project(&project);
    let inputs = Inputs::from_project(&project, &suggestions);
    let aliases = Claimants::load(&project.dir).unwrap();
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(args)
            .arg(dir.path())
            .env("XDG_DATA_HOME", data.path())
            .env_remove("DEPECHE_INDEX_DIR")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}");
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    for as_of in dates() {
        let label = as_of.map(|d| d.to_string());
        let with = |cmd: &'static str| {
            let mut args = vec![cmd, "--format", "json"];
            if let Some(d) = &label {
                args.extend(["--as-of", d]);
            }
            run(&args)
        };
        let entries = timeline(&inputs, as_of, None);
        assert_eq!(with("timeline"), serde_json::to_value(&entries).unwrap(), "timeline as of {as_of:?}");
        let digest = claims(&inputs, &aliases, as_of, None);
        let rows = digest.rows(ClaimOrder::Claimant);
        let printed = with("claims");
        assert_eq!(printed, serde_json::to_value(&rows).unwrap(), "claims as of {as_of:?}");
        assert_eq!(lean_claims(&inputs, &aliases, as_of, None).len(), rows.len());
        if as_of.is_none() {
            // The two tolls of the dam dispute each other.
            let dam: Vec<&serde_json::Value> = printed
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["article"].as_str().unwrap().contains("dam"))
                .collect();
            assert!(dam.iter().filter(|r| r["disputed"] == true).count() >= 2, "{dam:#?}");
        }
    }
}
