use super::*;

fn figs(text: &str) -> Vec<(String, Option<u64>, Option<u64>, Qualifier)> {
    let doc = Doc::new(text);
    find(&doc)
        .into_iter()
        .map(|f| {
            let s = doc.toks[f.start].start;
            let e = doc.toks[f.end - 1].end;
            (doc.text[s..e].to_string(), f.low, f.high, f.qualifier)
        })
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    figs(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn qualified_and_ranged_figures() {
    let f = figs("Le bilan est de plus de 400 morts, dont 22 civils arméniens et 31 azerbaïdjanais.");
    assert_eq!(f[0], ("plus de 400 morts".into(), Some(400), None, Qualifier::MoreThan));
    assert_eq!(f[1].0, "22 civils");
    assert_eq!(f[2].0, "31");
    let f = figs("Entre 300 et 400 morts selon un bilan.");
    assert_eq!(f[0], ("Entre 300 et 400 morts".into(), Some(300), Some(400), Qualifier::Between));
}

#[test]
fn fractions_and_approximations() {
    let f = figs("la moitié des 140.000 habitants ont fui, une centaine de civils, des milliers de soldats");
    assert_eq!(f[0], ("la moitié des 140.000 habitants".into(), Some(70000), Some(70000), Qualifier::About));
    assert_eq!(f[1], ("140.000 habitants".into(), Some(140000), Some(140000), Qualifier::Exact));
    assert_eq!(f[2], ("une centaine de civils".into(), Some(100), Some(100), Qualifier::About));
    assert_eq!(f[3], ("des milliers de soldats".into(), Some(2000), None, Qualifier::Many));
}

#[test]
fn non_figures() {
    assert!(figs("le 27 septembre 2020 à 10:50, depuis trente ans, à deux reprises, deux fois, le 1er").is_empty());
}

#[test]
fn debug_probe() {
    for t in [
        "L'opération a duré 30 ans. Des dizaines de milliers d’Arméniens de souche ont fui.",
        "A 22,000-strong African Union force is there.",
    ] {
        let doc = Doc::new(t);
        for (k, tok) in doc.toks.iter().enumerate() {
            eprintln!("{k} {:?} {:?} {:?} space={}", doc.tok_text(k), tok.kind, tok.word.class, tok.space_before);
        }
        eprintln!("{:?}", figs(t));
    }
}
