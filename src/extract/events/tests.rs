//! Sentences written for these tests (no dispatch's text).

use super::*;
use crate::corpus::Lang;
use crate::extract::dates;

fn events(text: &str, reference: &str, lang: Lang) -> Vec<(String, String)> {
    let doc = Doc::new(text);
    let reference: PartialDate = reference.parse().unwrap();
    let found = dates::find(&doc, Some(reference), lang);
    find(&doc, &found).into_iter().map(|e| (e.date.to_string(), e.summary)).collect()
}

fn fr(text: &str) -> Vec<(String, String)> {
    events(text, "2021-03-15", Lang::Fr)
}

fn en(text: &str) -> Vec<(String, String)> {
    events(text, "2021-03-15", Lang::En)
}

#[test]
fn a_dated_clause_gives_one_event_summarised_without_its_date_and_attribution() {
    let got =
        fr("Une frappe aérienne a touché samedi un marché de Kassala, a indiqué le ministère de la Santé.");
    assert_eq!(got, [("2021-03-13".into(), "Une frappe aérienne a touché un marché de Kassala".into())]);
}

#[test]
fn an_opening_date_and_connector_go_out_of_the_summary() {
    let got = fr("Par ailleurs, dimanche, des obus sont tombés sur le port de Berbera, selon la police.");
    assert_eq!(got, [("2021-03-14".into(), "Des obus sont tombés sur le port de Berbera".into())]);
    let got = en("On Saturday, rebels attacked a convoy near Goma, the governor said.");
    assert_eq!(got, [("2021-03-13".into(), "Rebels attacked a convoy near Goma".into())]);
}

#[test]
fn a_sentence_without_a_happening_or_without_a_date_gives_none() {
    assert!(fr("Le marché de Kassala reste très fréquenté depuis des années.").is_empty());
    assert!(fr("Les habitants de Kassala ont fui la ville.").is_empty());
}

#[test]
fn datelines_bylines_and_quotations_give_no_event() {
    assert!(en("NAIROBI, March 14 (Reuters) -").is_empty());
    assert!(en("Published 14 Mar, 2021 10:05am").is_empty());
    let got = fr("« Samedi, la ville a vécu un drame », a déclaré le maire dimanche.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "2021-03-14", "the statement's day, not the quoted one");
    assert_eq!(got[0].1, "Le maire : « Samedi, la ville a vécu un drame »");
}

#[test]
fn two_named_days_of_one_event_are_one_event_on_the_first() {
    let got = fr("Ces deux attaques, survenues le 2 mars et le 3 mars, ont fait vingt morts.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "2021-03-02");
}

#[test]
fn months_years_apart_in_one_clause_are_two_events() {
    let got = en("The border saw deadly clashes in April 2016 and in July 2019.");
    let dates: Vec<&str> = got.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(dates, ["2016-04", "2019-07"]);
}

#[test]
fn a_since_date_is_when_a_state_began_unless_its_sentence_has_another_date() {
    let got = fr("Depuis la mi-janvier, les combats opposent l'armée aux rebelles du Nord.");
    assert_eq!(got, [("2021-01".into(), "Les combats opposent l'armée aux rebelles du Nord".into())]);
    let got = fr("L'ONG a accusé lundi les deux camps d'avoir tué, depuis fin janvier, plus de 300 civils.");
    assert_eq!(got.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(), ["2021-03-15"]);
}

#[test]
fn the_ends_of_a_span_of_days_are_no_events() {
    assert!(en("Between January 2020 and March 2021, the group killed 400 people.").is_empty());
}

#[test]
fn an_event_named_again_yields_to_the_clause_that_states_it() {
    let text = "Des hommes armés ont attaqué samedi le village de Tama, faisant 12 morts. \
                Selon le préfet, l'attaque de samedi répond à une opération de l'armée.";
    let got = fr(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "Des hommes armés ont attaqué le village de Tama, faisant 12 morts");
}

#[test]
fn a_subordinate_tail_is_its_own_clause() {
    let got = en("Rebels shelled an army base on Sunday, which the army says was empty.");
    assert_eq!(got, [("2021-03-14".into(), "Rebels shelled an army base".into())]);
}

#[test]
fn a_long_summary_is_cut_to_one_line() {
    let got = fr("Le gouverneur de la province a annoncé lundi que les secours avaient retrouvé \
                  quarante corps sous les décombres du marché central de la ville portuaire de Kismaayo.");
    assert_eq!(got.len(), 1);
    assert!(got[0].1.chars().count() <= SUMMARY_CHARS + 1, "{}", got[0].1);
    assert!(got[0].1.starts_with("Le gouverneur de la province a annoncé que"), "{}", got[0].1);
}

#[test]
fn a_relative_clause_with_the_date_gets_its_noun_back() {
    let got =
        en("Aid groups said the convoy, which was attacked near Kassala on Friday, reached the border.");
    assert_eq!(got, [("2021-03-12".into(), "The convoy was attacked near Kassala".into())]);
    let got = fr("Ces deux embuscades, qui se sont produites samedi, ont coûté la vie à 12 soldats.");
    assert_eq!(got, [("2021-03-13".into(), "Ces deux embuscades ont coûté la vie à 12 soldats".into())]);
}

#[test]
fn a_date_attached_to_an_event_noun_gives_that_phrase() {
    let got = en("The toll from a blast at a market in Jowhar on Sunday rose to 30, police said on Monday.");
    let got: Vec<(&str, &str)> = got.iter().map(|(d, s)| (d.as_str(), s.as_str())).collect();
    assert_eq!(got[0], ("2021-03-14", "A blast at a market in Jowhar"));
    assert_eq!(got[1].0, "2021-03-15");
}

#[test]
fn the_day_of_a_statement_in_a_tail_names_its_speaker() {
    let got = fr("Une embuscade samedi près de Tillia a fait 30 morts, a déclaré lundi un élu local.");
    let got: Vec<(&str, &str)> = got.iter().map(|(d, s)| (d.as_str(), s.as_str())).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1], ("2021-03-15", "Un élu local : Une embuscade près de Tillia a fait 30 morts"));
}

#[test]
fn a_speaker_after_an_elided_article_is_named_whole() {
    let got = fr(
        "La ville avait déjà été touchée par deux attentats, le 2 mars et le 9 mars, qui avaient fait 12 morts, selon l'OSDH.",
    );
    assert!(got.iter().all(|(_, s)| s.starts_with("L'OSDH : ")), "{got:?}");
    assert!(!got.is_empty());
}

#[test]
fn a_tail_the_speaker_goes_on_from_and_a_word_left_before_a_date_go_out() {
    let got = en("Most of the shelling stopped after March 2, he said, adding that \"the toll may rise\".");
    assert_eq!(got, [("2021-03-02".into(), "Most of the shelling stopped".into())]);
}

#[test]
fn a_date_told_from_an_event_stays_in_the_summary() {
    let got =
        fr("La manifestation intervient une semaine après la mort de 12 civils le 3 mars dernier à Goma.");
    assert!(got.iter().any(|(_, s)| s.contains("une semaine après la mort de 12 civils")), "{got:?}");
}
