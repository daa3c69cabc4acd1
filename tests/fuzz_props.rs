//! The fuzz targets of `fuzz/`, short: the same harness (included by path)
//! fed by proptest for a few seconds in every `cargo test`, each from inputs
//! shaped like the real files and mutated, so that they reach past the
//! first check. The long runs are `cargo +nightly fuzz run TARGET`
//! (docs/reliability.md); crashes they found are the regression tests below.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use proptest::prelude::*;

/// Bytes of `base` with a few replaced, inserted or removed.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len().max(1);
    prop::collection::vec((0..len, any::<u8>(), 0u8..3), 0..6).prop_map(move |edits| {
        let mut b = base.clone();
        for (at, byte, how) in edits {
            let at = at.min(b.len());
            match how {
                0 if at < b.len() => b[at] = byte,
                1 => b.insert(at, byte),
                _ if at < b.len() => {
                    b.remove(at);
                }
                _ => b.push(byte),
            }
        }
        b
    })
}

/// Text with the characters parsers trip on: controls, quotes, newlines,
/// multi-byte and wide characters, bidi overrides.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just(' '),
            Just('\n'),
            Just('\r'),
            Just('\t'),
            Just('"'),
            Just('\\'),
            Just('\u{1b}'),
            Just('\u{9b}'),
            Just('\u{202e}'),
            Just('\u{feff}'),
            Just('é'),
            Just('😀'),
            Just('\0'),
            any::<char>(),
        ],
        0..120,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// A sidecar depeche writes for `harness::DISPATCH`.
fn good_sidecar() -> Vec<u8> {
    use depeche::annotation::{Annotation, Kind, store};
    let text = harness::DISPATCH;
    let span = |needle: &str| {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let mut list = Vec::new();
    for (id, label, kind, needle) in [
        ("m", "LOC", Kind::Entity, "Moscou"),
        ("b", "LOC", Kind::Entity, "Bakou"),
        ("c", "CLAIM", Kind::Claim, "plus de 60 civils ont été tués"),
        ("d", "DATE", Kind::Entity, "27 septembre"),
    ] {
        let (s, e) = span(needle);
        let mut a = Annotation::new(text, kind, label, s, e);
        a.id = id.into();
        list.push(a);
    }
    let mut header = store::Header {
        format: store::FORMAT.into(),
        version: store::VERSION,
        text_sha256: store::sha256_hex(text.as_bytes()),
        meta: Default::default(),
    };
    header.meta.outlet = Some("AFP".into());
    store::serialize_sidecar(&header, &list[..3], &list[3..])
}

fn with_text(text: &str, rest: &[u8]) -> Vec<u8> {
    let mut v = text.as_bytes().to_vec();
    v.push(0xff);
    v.extend_from_slice(rest);
    v
}

const BRAT: &str = "T1\tLOC 0 6\tMoscou\nT2\tLOC 51 56\tBakou\nT3\tCLAIM 58 89\tplus de 60 civils ont été tués\n\
A1\tStatus T3 rejected\n#1\tAnnotatorNotes T3\tclaimant=ministère\nR1\tRel Arg1:T1 Arg2:T2\n\
T4\tDATE 97;99 100 109\t27 septembre\n";

const JSONL: &str = r#"{"article":"a","kind":"entity","label":"LOC","start":0,"end":6,"quote":{"exact":"Moscou"},"status":"accepted"}
{"article":"a","text":"x","label":[[51,56,"LOC"],[0,6,"PER"]]}
{"article":"a","entities":[{"start_offset":0,"end_offset":6,"label":"LOC"}]}
{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","body":{"value":"LOC","purpose":"tagging"},"target":{"source":"a.txt","selector":[{"type":"TextPositionSelector","start":0,"end":6},{"type":"TextQuoteSelector","exact":"Moscou"}]}}
"#;

const CONFIG: &str = "annotator = \"zoé\"\n[theme]\nLOC = \"#ff0000\"\nselection = \"reverse\"\n\
[keys.read]\nquit = [\"Q\", \"ctrl-c\"]\nnext = \"j\"\n";

const LABELS: &str = "[[label]]\nname = \"LOC\"\nkind = \"entity\"\nkey = \"l\"\ncolor = \"green\"\n\
description = \"a place\"\n[[label]]\nname = \"CLAIM\"\nkind = \"claim\"\nkey = \"c\"\ncolor = \"red\"\n";

const CLAIMANTS: &str = "[[claimant]]\nname = \"ministère de la Défense\"\naliases = [\"MoD\", \"la Défense\"]\n\
party = \"Azerbaïdjan\"\n";

const PARTIES: &str = "[[party]]\nname = \"Azerbaïdjan\"\naliases = [\"Bakou\", \"azerbaïdjanais\"]\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_article_of_any_bytes_loads(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        harness::article(&bytes);
    }

    #[test]
    fn an_article_of_hostile_text_loads(text in hostile_text()) {
        harness::article(text.as_bytes());
    }

    #[test]
    fn a_mutated_sidecar_is_refused_or_reads_back_the_same(bytes in mutated(good_sidecar())) {
        harness::sidecar(&with_text(harness::DISPATCH, &bytes));
    }

    #[test]
    fn a_sidecar_on_a_changed_text_is_re_anchored_or_orphaned(text in mutated(harness::DISPATCH.into())) {
        harness::sidecar(&[text, vec![0xff], good_sidecar()].concat());
    }

    #[test]
    fn a_mutated_brat_file_is_read_or_refused(ann in mutated(BRAT.into()), txt in mutated(harness::DISPATCH.into())) {
        harness::brat(&[txt, vec![0xff], ann].concat());
    }

    #[test]
    fn a_mutated_jsonl_import_leaves_sidecars_that_read(bytes in mutated(JSONL.into())) {
        harness::import(&bytes);
    }

    #[test]
    fn mutated_settings_files_are_read_or_refused(which in 0u8..4, edits in mutated(vec![0])) {
        let base = [CONFIG, LABELS, CLAIMANTS, PARTIES][which as usize];
        let mut bytes = vec![which];
        bytes.extend_from_slice(base.as_bytes());
        // the same edits, placed in the real file
        for (i, b) in edits.iter().enumerate() {
            let at = 1 + (usize::from(*b) * 7 + i * 13) % base.len();
            bytes[at] = *b;
        }
        harness::settings(&bytes);
    }

    #[test]
    fn settings_of_hostile_text_are_read_or_refused(which in 0u8..4, text in hostile_text()) {
        harness::settings(&[vec![which], text.into_bytes()].concat());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_through_the_keymap_never_panic(keys in prop::collection::vec(any::<u8>(), 0..240)) {
        harness::keys(&keys);
    }
}

/// Annotate mode, a selection, a label, undo, the form: the paths random
/// keys reach rarely.
#[test]
fn a_scripted_annotation_session_of_keys_runs() {
    // kind 0..=4 is a character from the harness's table: i (8), w (22),
    // v (21), u (20), 1 (47), a (0), n (13); 5 Enter, 6 Esc.
    let seq: &[u8] = &[5, 0, 0, 8, 0, 22, 0, 21, 0, 22, 0, 47, 0, 20, 0, 13, 0, 0, 6, 0, 0, 13, 5, 0, 6, 0];
    harness::keys(seq);
}
