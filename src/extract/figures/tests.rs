use super::*;
use Qualifier::*;

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

fn one(text: &str) -> (String, Option<u64>, Option<u64>, Qualifier) {
    let f = figs(text);
    assert_eq!(f.len(), 1, "one figure expected in {text:?}, got {f:?}");
    f[0].clone()
}

#[test]
fn qualified_and_ranged_figures() {
    let f = figs("Le bilan est de plus de 400 morts, dont 22 civils arméniens et 31 azerbaïdjanais.");
    assert_eq!(f[0], ("plus de 400 morts".into(), Some(400), None, MoreThan));
    assert_eq!(f[1].0, "22 civils");
    assert_eq!(f[2].0, "31");
    let f = figs("Entre 300 et 400 morts selon un bilan.");
    assert_eq!(f[0], ("Entre 300 et 400 morts".into(), Some(300), Some(400), Between));
}

#[test]
fn fractions_and_approximations() {
    let f = figs("la moitié des 140.000 habitants ont fui, une centaine de civils, des milliers de soldats");
    assert_eq!(f[0], ("la moitié des 140.000 habitants".into(), Some(70000), Some(70000), About));
    assert_eq!(f[1], ("140.000 habitants".into(), Some(140000), Some(140000), Exact));
    assert_eq!(f[2], ("une centaine de civils".into(), Some(100), Some(100), About));
    assert_eq!(f[3], ("des milliers de soldats".into(), Some(2000), None, Many));
}

#[test]
fn non_figures() {
    assert!(
        figs("le 27 septembre 2020 à 10:50, depuis trente ans, à deux reprises, deux fois, le 1er")
            .is_empty()
    );
    for text in [
        "A 9-year-old girl and her 35-year-old father were hurt.",
        "Le garçon, âgé de 14 ans, a été blessé.",
        "Le 4e régiment et la 1re brigade. The 2nd battalion.",
        "Près de 40 % des maisons. About 60% of the city.",
        "Le village a été visé à trois reprises. It was shelled four times.",
        "Over the past 72 hours. Dans les 48 heures. Depuis 8 mois.",
        "The Boeing 777 and the Su-34 jets. Le Mi-24 et le T-72.",
        "Il vit au 8 rue des Lilas.",
        "Resolution 2417 calls for access.",
        "Les 15 membres du Conseil de sécurité.",
        "Ces 5 dernières années. These 5 last weeks.",
        "Les 9 et 10 mars. On March 9 and 10.",
        "Le M23 et le G7. Le 5 de l'équipe.",
        "L'armée a mené 300 frappes sur 40 cibles.",
        "Five blasts hit the city. Deux attaques ont eu lieu.",
        "Ils contrôlent quelques centaines de kilomètres carrés.",
        "They hold 400 square kilometres.",
        "Les victimes, âgées de 12 à 70, étaient des civils.",
        "The victims, aged 9 to 60, were civilians.",
        "The resolution passed by 141 votes to 5.",
    ] {
        assert!(figs(text).is_empty(), "{text:?} gave {:?}", figs(text));
    }
}

#[test]
fn vague_plurals_are_many_at_twice_their_unit() {
    assert_eq!(
        one("Des dizaines de civils ont fui."),
        ("Des dizaines de civils".into(), Some(20), None, Many)
    );
    assert_eq!(one("Dozens of soldiers surrendered."), ("Dozens of soldiers".into(), Some(24), None, Many));
    assert_eq!(
        one("Il a perdu des centaines de soldats."),
        ("des centaines de soldats".into(), Some(200), None, Many)
    );
    assert_eq!(one("Hundreds of residents fled."), ("Hundreds of residents".into(), Some(200), None, Many));
    assert_eq!(
        one("Thousands of refugees crossed."),
        ("Thousands of refugees".into(), Some(2000), None, Many)
    );
    assert_eq!(
        one("Des dizaines de milliers de personnes ont fui."),
        ("Des dizaines de milliers de personnes".into(), Some(20000), None, Many)
    );
    assert_eq!(
        one("The war displaced tens of thousands of people."),
        ("tens of thousands of people".into(), Some(20000), None, Many)
    );
    assert_eq!(
        one("Plusieurs centaines de soldats."),
        ("Plusieurs centaines de soldats".into(), Some(200), None, Many)
    );
    assert_eq!(
        one("Several hundred people were hurt."),
        ("Several hundred people".into(), Some(200), None, Many)
    );
    assert_eq!(
        one("Several thousand were killed in the war."),
        ("Several thousand".into(), Some(2000), None, Many)
    );
    assert_eq!(
        one("Le conflit a déplacé des millions de personnes."),
        ("des millions de personnes".into(), Some(2_000_000), None, Many)
    );
    assert_eq!(
        one("Ils évoquent des centaines de pertes."),
        ("des centaines de pertes".into(), Some(200), None, Many)
    );
    // a vague plural with its noun left out, as a subject
    assert_eq!(one("Hundreds were wounded in the shelling."), ("Hundreds".into(), Some(200), None, Many));
}

#[test]
fn approximations_with_an_article() {
    assert_eq!(
        one("Une centaine de soldats ont péri."),
        ("Une centaine de soldats".into(), Some(100), Some(100), About)
    );
    assert_eq!(one("A dozen soldiers were hurt."), ("A dozen soldiers".into(), Some(12), Some(12), About));
    assert_eq!(
        one("More than a dozen people died."),
        ("More than a dozen people".into(), Some(12), None, MoreThan)
    );
    assert_eq!(
        one("Plus d'un millier de soldats."),
        ("Plus d'un millier de soldats".into(), Some(1000), None, MoreThan)
    );
    assert_eq!(one("A hundred civilians fled."), ("A hundred civilians".into(), Some(100), Some(100), Exact));
    assert_eq!(
        one("Two dozen soldiers surrendered."),
        ("Two dozen soldiers".into(), Some(24), Some(24), About)
    );
}

#[test]
fn digits_with_any_group_separator() {
    for (text, span) in [
        ("Le conflit a fait 6.000 morts.", "6.000 morts"),
        ("Le conflit a fait 6 000 morts.", "6 000 morts"),
        ("The conflict left 6,000 dead.", "6,000 dead"),
        ("La guerre a fait 6'000 morts.", "6'000 morts"),
    ] {
        assert_eq!(one(text), (span.into(), Some(6000), Some(6000), Exact));
    }
}

#[test]
fn number_words_in_french_and_english() {
    assert_eq!(one("Deux cents soldats ont fui.").1, Some(200));
    assert_eq!(one("Vingt et un soldats sont morts.").0, "Vingt et un soldats");
    assert_eq!(one("Trois mille civils ont fui.").1, Some(3000));
    assert_eq!(one("Two hundred soldiers fled.").0, "Two hundred soldiers");
    assert_eq!(one("Forty-two civilians died.").1, Some(42));
    assert_eq!(one("Officials said three thousand people fled.").1, Some(3000));
}

#[test]
fn qualifiers_opening_a_sentence() {
    assert_eq!(one("About 600 soldiers died."), ("About 600 soldiers".into(), Some(600), Some(600), About));
    assert_eq!(
        one("Some 3,000 refugees crossed."),
        ("Some 3,000 refugees".into(), Some(3000), Some(3000), About)
    );
    assert_eq!(
        one("Just over 900 troops remain."),
        ("Just over 900 troops".into(), Some(900), None, MoreThan)
    );
    assert_eq!(one("Près de 70 civils ont fui."), ("Près de 70 civils".into(), Some(70), Some(70), Nearly));
    assert_eq!(one("Jusqu'à 80 morts."), ("Jusqu'à 80 morts".into(), None, Some(80), UpTo));
}

#[test]
fn equipment_lists() {
    assert_eq!(
        spans("L'armée dit avoir détruit 70 drones, 9 hélicoptères, 140 chars et 12 lance-roquettes."),
        ["70 drones", "9 hélicoptères", "140 chars", "12 lance-roquettes"]
    );
    assert_eq!(
        spans("Kyiv said it downed 33 drones, 4 helicopters and 19 tanks."),
        ["33 drones", "4 helicopters", "19 tanks"]
    );
    // one number for joined nouns; a compound noun kept whole
    assert_eq!(
        one("Ils ont perdu 8 chars et transports de troupes blindés.").0,
        "8 chars et transports de troupes blindés"
    );
    assert_eq!(one("Ils ont saisi 25 fusils d'assaut.").0, "25 fusils d'assaut");
    // "un" before a count in a list counts
    assert_eq!(spans("L'armée a perdu un hélicoptère et trois chars."), ["un hélicoptère", "trois chars"]);
}

#[test]
fn a_french_complement_after_the_noun_stays_out() {
    assert_eq!(one("Ils ont détruit 14 véhicules blindés ennemis.").0, "14 véhicules");
    assert_eq!(one("Ils ont abattu deux avions de chasse.").0, "deux avions");
    assert_eq!(one("On compte 12 civils ukrainiens parmi eux.").0, "12 civils");
}

#[test]
fn english_words_before_the_noun_are_inside() {
    assert_eq!(one("The raid killed two Malian soldiers.").0, "two Malian soldiers");
    assert_eq!(one("They seized three police vehicles.").0, "three police vehicles");
    assert_eq!(one("Medics treated hundreds of burn victims.").0, "hundreds of burn victims");
    assert_eq!(
        one("Crews evacuated dozens of badly injured patients.").0,
        "dozens of badly injured patients"
    );
    assert_eq!(one("Thousands of ethnic Serbs fled.").0, "Thousands of ethnic Serbs");
}

#[test]
fn partitives_keep_their_whole() {
    assert_eq!(one("Ils ont abattu 30 des 45 missiles tirés.").0, "30 des 45 missiles");
    assert_eq!(one("Ils ont intercepté 30 sur 45 drones.").0, "30 sur 45 drones");
    assert_eq!(one("Le groupe a perdu cinq de ses combattants.").0, "cinq de ses combattants");
    assert_eq!(one("Parmi les otages, 12 d'entre eux sont morts.").0, "12 d'entre eux");
    assert_eq!(one("Four of its soldiers were killed.").0, "Four of its soldiers");
    assert_eq!(one("Six of my friends died.").0, "Six of my friends");
    assert_eq!(one("Police said 7 of them were arrested.").0, "7 of them");
    assert_eq!(
        one("At least 9,500 of the 40,000 residents had left.").0,
        "At least 9,500 of the 40,000 residents"
    );
    assert_eq!(one("Le mouvement a annoncé la mort de l'un de ses soldats.").0, "un de ses soldats");
    assert_eq!(one("Le mouvement a perdu 12 chefs militaires.").0, "12 chefs");
}

#[test]
fn others_are_left_out_unless_a_noun_follows() {
    assert_eq!(spans("Trois soldats ont été tués et 15 autres blessés."), ["Trois soldats", "15"]);
    assert_eq!(spans("Deux civils sont morts, 40 autres ont été blessés."), ["Deux civils", "40"]);
    assert_eq!(spans("Two medics died and eight others were hurt."), ["Two medics", "eight"]);
    assert_eq!(one("Par ailleurs, 9 autres soldats ont disparu.").0, "9 autres soldats");
    assert_eq!(one("The blast injured 12 other people.").0, "12 other people");
    assert_eq!(
        spans("L'attaque a tué au moins une personne et en a blessé une vingtaine d'autres."),
        ["au moins une personne", "une vingtaine"]
    );
}

#[test]
fn a_participle_after_an_elided_verb_is_left_out() {
    assert_eq!(spans("Au total, 80 soldats ont été tués et 230 blessés."), ["80 soldats", "230"]);
    assert_eq!(
        spans("40 personnes avaient été tuées et plus de 90 blessées."),
        ["40 personnes", "plus de 90"]
    );
    assert_eq!(spans("At least 15 people were killed and 48 wounded."), ["At least 15 people", "48"]);
    // an English participle after a bare number is a verb
    assert_eq!(spans("Ministry says 3,210 killed since the war began"), ["3,210"]);
    assert_eq!(spans("The shelling left 14 wounded soldiers."), ["14 wounded soldiers"]);
    // a list of nouns keeps its nouns
    assert_eq!(spans("Le bilan est de 6 morts et 19 blessés."), ["6 morts", "19 blessés"]);
}

#[test]
fn one_and_un_where_they_count() {
    assert_eq!(spans("Six personnes, dont un enfant, ont été tuées."), ["Six personnes", "un enfant"]);
    assert_eq!(
        spans("Trois pompiers, un infirmier et deux passants sont morts."),
        ["Trois pompiers", "un infirmier", "deux passants"]
    );
    assert_eq!(one("Selon la mairie, un civil a été tué dans la nuit.").0, "un civil");
    assert_eq!(one("L'explosion a fait au moins une victime.").0, "au moins une victime");
    assert_eq!(one("Officials said one civilian died.").0, "one civilian");
    assert_eq!(spans("Three farmers and an official were killed."), ["Three farmers", "an official"]);
    // after "dont", "un" counts a part of the whole, as "dont 22 civils" does
    assert_eq!(spans("Ils ont capturé deux officiers, dont un colonel."), ["deux officiers", "un colonel"]);
    assert_eq!(one("One of the soldiers died.").0, "One of the soldiers");
    // an article elsewhere
    assert!(figs("Un soldat a déclaré que la ville était calme.").is_empty());
    assert!(figs("Les forces ont tiré un missile sur la ville.").is_empty());
    assert!(figs("He met an official from the ministry.").is_empty());
}

#[test]
fn tolls_and_subjects_without_a_noun() {
    assert_eq!(one("Death toll in dam collapse climbs to 46"), ("46".into(), Some(46), Some(46), Exact));
    assert_eq!(one("Le bilan est passé à 17, selon la mairie.").0, "17");
    assert_eq!(spans("Le bilan, de 4 morts lundi, est passé à 11 mardi."), ["4 morts", "11"]);
    assert_eq!(spans("La guerre a fait 900 morts en 2022 et 400 depuis mars."), ["900 morts", "400"]);
    assert_eq!(one("The number of people killed has risen to 58.").0, "58");
    assert_eq!(one("Une ONG estime le nombre de morts à douze.").0, "douze");
    assert_eq!(one("The toll from the storm stood at more than 300.").0, "more than 300");
    assert_eq!(one("Dix-sept ont été abattus au-dessus de la mer.").0, "Dix-sept");
    assert_eq!(one("Selon la police, 14 ont été arrêtés.").0, "14");
    // a bare number with no such context is no figure
    assert!(figs("La réunion a réuni 12 délégations, puis 14 se sont retirées.").iter().all(|f| f.0 != "14"));
}

#[test]
fn figures_in_headlines() {
    assert_eq!(spans("Ukraine : 12 morts dans une frappe sur Kharkiv"), ["12 morts"]);
    assert_eq!(spans("Strike kills 9 in Kharkiv, governor says"), ["9"]);
    assert_eq!(spans("Four soldiers killed in ambush near Gao"), ["Four soldiers"]);
    assert_eq!(spans("Drone strike kills eight, including three children"), ["eight", "three children"]);
    assert_eq!(spans("The blast killed at least 12 and wounded dozens."), ["at least 12", "dozens"]);
}

#[test]
fn demonyms_count_people() {
    assert_eq!(one("Des centaines de Soudanais ont fui.").0, "Des centaines de Soudanais");
    assert_eq!(one("Plus de 2 000 Afghans ont été expulsés.").0, "Plus de 2 000 Afghans");
    assert_eq!(one("Some 300 Israelis were taken.").0, "Some 300 Israelis");
}

#[test]
fn distances_and_force_sizes() {
    assert_eq!(one("The town lies 45km from the border.").0, "45km");
    assert_eq!(
        one("It is backed by a 12,000-strong United Nations mission.").0,
        "12,000-strong United Nations mission"
    );
    assert_eq!(one("La ville est à environ 80 kilomètres.").0, "environ 80 kilomètres");
}

#[test]
fn counts_of_property_in_a_list_are_property() {
    assert!(figs("La frappe a endommagé 40 appartements, 12 voitures et 3 écoles.").is_empty());
    assert_eq!(spans("Le village compte 300 habitants et 20 maisons."), ["300 habitants"]);
}

#[test]
fn money_and_fractions() {
    assert_eq!(one("Washington a promis 300 millions de dollars.").0, "300 millions de dollars");
    assert_eq!(
        one("The package is worth $2 billion."),
        ("$2 billion".into(), Some(2_000_000_000), Some(2_000_000_000), Exact)
    );
    assert_eq!(
        figs("Les trois quarts des 8 000 habitants ont fui.")[0],
        ("trois quarts des 8 000 habitants".into(), Some(6000), Some(6000), About)
    );
}

#[test]
fn clock_times_and_floors_are_no_figures() {
    for text in [
        "Le bilan a été publié à 18 h.",
        "The toll was released at 9 pm local time.",
        "The toll, given at 1400 GMT, was not updated.",
        "Un drone a frappé un immeuble de 12 étages.",
        "Of the 80 people on board, 30 survived the crash.",
    ] {
        assert!(figs(text).iter().all(|f| !f.0.contains("GMT") && !f.0.ends_with("survived")), "{text:?}");
    }
    assert!(figs("Le bilan a été publié à 18 h.").is_empty());
    assert!(figs("The toll was released at 9 pm local time.").is_empty());
    assert!(figs("The toll, given at 1400 GMT, was not updated.").is_empty());
    assert!(figs("Un drone a frappé un immeuble de 12 étages.").is_empty());
}

#[test]
fn a_measure_in_a_casualty_list_counts_no_casualties() {
    let doc = Doc::new("Douze morts, dont 3 enfants, à 30 km de la ville.");
    let f = find(&doc);
    assert_eq!(f.len(), 3);
    assert_eq!(f[1].what, Some(What::Killed), "the children are dead too");
    assert_eq!(f[2].what, None, "a distance is no toll");
}

#[test]
fn a_subject_counts_what_its_verb_says() {
    let what = |text: &str| find(&Doc::new(text)).first().and_then(|f| f.what);
    assert_eq!(what("Selon la police, 14 ont été tués."), Some(What::Killed));
    assert_eq!(what("Hundreds were wounded in the shelling."), Some(What::Wounded));
    assert_eq!(what("Dix-sept ont été abattus au-dessus de la mer."), None);
}

#[test]
fn a_killing_verb_says_what_its_count_counts() {
    let whats = |text: &str| find(&Doc::new(text)).iter().map(|f| f.what).collect::<Vec<_>>();
    assert_eq!(
        whats("La frappe a tué au moins une personne et en a blessé 9 autres."),
        [Some(What::Killed), Some(What::Wounded)]
    );
    assert_eq!(whats("Gunmen killed 14 villagers."), [Some(What::Killed)]);
}

#[test]
fn a_number_before_and_shares_the_count_after_it_and_martyrs_and_abducted_count() {
    let got: Vec<String> = figs("Les deux frappes avaient fait respectivement 14 et trois morts.")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(got, ["14", "trois morts"]);
    let got: Vec<String> =
        figs("Six martyrs ont péri et 30 enlevés sont toujours détenus.").into_iter().map(|f| f.0).collect();
    assert_eq!(got, ["Six martyrs", "30 enlevés"]);
    // a date is no count
    assert!(figs("Les 2 et 3 octobre, la ville était calme.").is_empty());
}
