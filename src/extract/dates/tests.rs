//! Sentences written for these tests (not from any corpus), French and
//! English, with the span and value each date should get.

use super::*;

fn run(text: &str, reference: &str, lang: Lang) -> Vec<(String, Option<String>)> {
    let doc = Doc::new(text);
    let r: Option<PartialDate> = reference.parse().ok();
    find(&doc, r, lang)
        .into_iter()
        .map(|d| {
            let s = doc.toks[d.start].start;
            let e = doc.toks[d.end - 1].end;
            (doc.text[s..e].to_string(), d.value.map(|v| v.to_string()))
        })
        .collect()
}

fn fr(text: &str, reference: &str) -> Vec<(String, Option<String>)> {
    run(text, reference, Lang::Fr)
}

fn en(text: &str, reference: &str) -> Vec<(String, Option<String>)> {
    run(text, reference, Lang::En)
}

fn pair(span: &str, value: Option<&str>) -> (String, Option<String>) {
    (span.to_string(), value.map(str::to_string))
}

#[test]
fn weekdays_follow_the_tense() {
    // 2020-10-23 is a Friday
    let d = fr("Il a déclaré jeudi qu'il viendra. Pompeo va recevoir lundi les ministres.", "2020-10-23");
    assert_eq!(d[0], pair("jeudi", Some("2020-10-22")));
    assert_eq!(d[1], pair("lundi", Some("2020-10-26")));
}

#[test]
fn a_month_only_reference_gives_no_day() {
    let d = fr("Il a déclaré jeudi soir que le 27 septembre", "2020-10");
    assert_eq!(d[0], pair("jeudi soir", None));
    assert_eq!(d[1], pair("le 27 septembre", Some("2020-09-27")));
}

#[test]
fn anaphors_count_from_the_last_date() {
    let d = fr(
        "Une rencontre le 9 octobre, une trêve le lendemain. Un autre a échoué une semaine plus tard.",
        "2020-10-21",
    );
    assert_eq!(d[1], pair("le lendemain", Some("2020-10-10")));
    assert_eq!(d[2], pair("une semaine plus tard", Some("2020-10-17")));
}

#[test]
fn last_and_since_point_back() {
    // 2021-03-17 is a Wednesday
    let d = en("The convoy left last Wednesday.", "2021-03-17");
    assert_eq!(d[0], pair("last Wednesday", Some("2021-03-10")));
    let d = fr("Des centaines de maisons détruites depuis mardi, selon l'ONG.", "2021-03-15");
    assert_eq!(d[0], pair("mardi", Some("2021-03-09")));
    let d = fr("La mairie avait fermé le 3 mars dernier.", "2021-03-17");
    assert_eq!(d[0], pair("le 3 mars dernier", Some("2021-03-03")));
}

#[test]
fn parts_and_edges_of_a_day_stay_in_the_span() {
    // 2019-05-12 is a Sunday
    let d = fr("Les tirs ont commencé tôt dimanche et le samedi, la ville était calme.", "2019-05-12");
    assert_eq!(d[0], pair("tôt dimanche", Some("2019-05-12")));
    assert_eq!(d[1], pair("le samedi", Some("2019-05-11")));
    let d = en(
        "Earlier on Sunday, the mayor spoke. Later Saturday the port shut. As of 0900 GMT on Sunday.",
        "2019-05-12",
    );
    assert_eq!(d[0], pair("Earlier on Sunday", Some("2019-05-12")));
    assert_eq!(d[1], pair("Later Saturday", Some("2019-05-11")));
    assert_eq!(d[2], pair("0900 GMT on Sunday", Some("2019-05-12")));
}

#[test]
fn nights_are_their_evenings_day() {
    // 2019-05-12 is a Sunday
    let d = fr("Le port a été bombardé dans la nuit de samedi à dimanche.", "2019-05-12");
    assert_eq!(d[0], pair("la nuit de samedi à dimanche", Some("2019-05-11")));
    let d =
        fr("La police a annoncé, dimanche matin, avoir arrêté dix suspects durant la nuit.", "2019-05-12");
    assert_eq!(d[1], pair("la nuit", Some("2019-05-11")));
    let d = en("The rebels said on Sunday that shells fell overnight on the port.", "2019-05-12");
    assert_eq!(d[1], pair("overnight", Some("2019-05-11")));
    let d = fr("Deux drones abattus dans la nuit du 30 avril au 1er mai et la nuit du 3 mai.", "2019-05-12");
    assert_eq!(d[0], pair("la nuit du 30 avril au 1er mai", Some("2019-04-30")));
    assert_eq!(d[1], pair("la nuit du 3 mai", Some("2019-05-03")));
    let d = fr("Les combats ont repris dans la nuit du 9 au 10 mai.", "2019-05-12");
    assert_eq!(d[0], pair("la nuit du 9 au 10 mai", Some("2019-05-09")));
    let d = en("Sirens were heard before midnight.", "2019-05-12");
    assert_eq!(d[0], pair("midnight", Some("2019-05-11")));
}

#[test]
fn written_dates_with_their_clock() {
    let d = fr("Publié le 14.03.2021 - 18:05, mis à jour 14/03/2021 à 19h10. Le 1er mars, rien.", "2021-03");
    assert_eq!(d[0], pair("14.03.2021 - 18:05", Some("2021-03-14")));
    assert_eq!(d[1], pair("14/03/2021 à 19h10", Some("2021-03-14")));
    assert_eq!(d[2], pair("Le 1er mars", Some("2021-03-01")));
    let d = en(
        "Posted March 14, 2021 — 06:05 pm EDT. LIMA, Sept 14 (Wire) - Updated 14 Mar, 2021 07:10pm",
        "2021-08",
    );
    assert_eq!(d[0], pair("March 14, 2021 — 06:05 pm EDT", Some("2021-03-14")));
    assert_eq!(d[1], pair("Sept 14", Some("2021-09-14")));
    assert_eq!(d[2], pair("14 Mar, 2021 07:10pm", Some("2021-03-14")));
    let d = fr("Lima, 14 sept 2021 (Agence) - Sept soldats tués.", "2021-09");
    assert_eq!(d, vec![pair("14 sept 2021", Some("2021-09-14"))]);
}

#[test]
fn weekday_before_a_written_date_and_today() {
    let d = fr("« Aujourd'hui mardi 16 mars, nous partons », a-t-il dit.", "2021-03-16");
    assert_eq!(d, vec![pair("mardi 16 mars", Some("2021-03-16"))]);
    let d = en("Fighting stopped on the ninth of June and resumed the 12th of June.", "2021-06-20");
    assert_eq!(d[0], pair("the ninth of June", Some("2021-06-09")));
    assert_eq!(d[1], pair("the 12th of June", Some("2021-06-12")));
}

#[test]
fn months_follow_the_tense_and_keep_their_words() {
    let d = fr("En novembre, la ville avait été coupée du monde.", "2021-06-02");
    assert_eq!(d[0], pair("novembre", Some("2020-11")));
    let d =
        fr("Depuis la mi-avril, puis à la fin du mois de mai et depuis le mois d'août 2019.", "2021-06-02");
    assert_eq!(d[0], pair("la mi-avril", Some("2021-04")));
    assert_eq!(d[1], pair("la fin du mois de mai", Some("2021-05")));
    assert_eq!(d[2], pair("le mois d'août 2019", Some("2019-08")));
    let d = en("The dam broke this past April, after a flood last June.", "2021-06-02");
    assert_eq!(d[0], pair("this past April", Some("2021-04")));
    assert_eq!(d[1], pair("last June", Some("2020-06")));
}

#[test]
fn weeks_and_weekends_get_the_month_of_most_days() {
    // 2021-06-02 is a Wednesday; last week is 24-30 May
    let d = en("The talks failed last week and resumed earlier this week.", "2021-06-02");
    assert_eq!(d[0], pair("last week", Some("2021-05")));
    assert_eq!(d[1], pair("earlier this week", Some("2021-06")));
    let d = fr("Les pluies du week-end dernier et de la semaine dernière.", "2021-06-02");
    assert_eq!(d[0], pair("week-end dernier", Some("2021-05")));
    assert_eq!(d[1], pair("la semaine dernière", Some("2021-05")));
    let d = en("Prices rose over the last week.", "2021-06-02");
    assert!(d.is_empty(), "{d:?}");
    let d = en("Last month the port closed.", "2021-06");
    assert_eq!(d[0], pair("Last month", Some("2021-05")));
}

#[test]
fn named_days() {
    let d = en("On the Orthodox Christmas, shelling went on; on New Year's Eve it stopped.", "2022-01-10");
    assert_eq!(d[0], pair("the Orthodox Christmas", Some("2022-01-07")));
    assert_eq!(d[1], pair("New Year's Eve", Some("2021-12-31")));
}

#[test]
fn counts_after_a_landmark_take_the_clause_day() {
    // 2021-06-10 is a Thursday
    let d = en("The governor spoke on Thursday, two days after the flood.", "2021-06-10");
    assert_eq!(d[1], pair("two days after", Some("2021-06-10")));
    let d = fr("La grève commence une semaine après la réunion du 3 juin.", "2021-06-01");
    assert_eq!(d[0], pair("une semaine après", Some("2021-06-10")));
    let d = en("The raid came just days after police foiled a plot.", "2021-06-10");
    assert_eq!(d[0], pair("just days after", Some("2021-06-10")));
    let d = en("Updated\n 2 hours ago\n 4 days ago\nKIGALI - The army said.", "2021-06-10");
    assert_eq!(d, vec![pair("4 days ago", Some("2021-06-10"))]);
    let d = fr("Il y a un mois, la digue a cédé.", "2021-06");
    assert_eq!(d[0], pair("Il y a un mois", Some("2021-05")));
}

#[test]
fn durations_are_not_dates() {
    let d =
        fr("Un conflit gelé depuis trente ans, un budget sur 12 ans, depuis plusieurs mois.", "2021-06-10");
    assert!(d.is_empty(), "{d:?}");
    let d = en(
        "Within the past six weeks, more than a year of talks; in 1994 and the summer of 2014.",
        "2021-06-10",
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn the_day_told() {
    let d = fr(
        "Le 4 mai, l'armée a riposté. Plus tôt dans la journée, puis pendant la journée et dans la journée.",
        "2021-05-10",
    );
    assert_eq!(d[1], pair("Plus tôt dans la journée", Some("2021-05-04")));
    assert_eq!(d[2], pair("la journée", Some("2021-05-04")));
    assert_eq!(d[3], pair("dans la journée", Some("2021-05-04")));
}

#[test]
fn ordinary_words_stay_words() {
    let d = fr(
        "Sept personnes ont fui New York et Mars. Il est resté là pendant des jours, depuis des semaines.",
        "2021-06-10",
    );
    assert!(d.is_empty(), "{d:?}");
    let d = en("For days after the storm, May could not say. Four years ago, in a 2017 vote.", "2021-06-10");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn future_clauses_point_ahead() {
    // 2021-06-10 is a Thursday
    let d = fr("Les écoles rouvriront dès lundi et le sommet aura lieu la semaine prochaine.", "2021-06-10");
    assert_eq!(d[0], pair("lundi", Some("2021-06-14")));
    assert_eq!(d[1], pair("la semaine prochaine", Some("2021-06")));
    let d = en("The envoy will arrive next Thursday, before Christmas.", "2021-06-10");
    assert_eq!(d[0], pair("next Thursday", Some("2021-06-17")));
    assert_eq!(d[1], pair("Christmas", Some("2021-12-25")));
}

#[test]
fn words_of_a_quotation_count_from_the_day_it_was_said() {
    // 2021-06-10 is a Thursday
    let d = fr("« Ce matin, la digue a cédé », a déclaré mardi le maire.", "2021-06-10");
    assert_eq!(d[0], pair("Ce matin", Some("2021-06-08")));
    assert_eq!(d[1], pair("mardi", Some("2021-06-08")));
}
