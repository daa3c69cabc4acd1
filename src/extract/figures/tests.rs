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
fn probe() {
    for t in [
        "Kyiv said it downed 90 drones, 12 hélicoptères, 181 chars and 40 trucks.",
        "L'armée dit avoir détruit 90 drones, 12 hélicoptères, 181 chars.",
        "Hundreds were wounded. Hundreds of residents fled.",
        "Les deux camps font état de des centaines de pertes.",
        "Ils auraient subi des centaines de pertes.",
        "About 600 soldiers died. About 600 were killed in the town.",
        "Around 40 people died. Some 3,000 refugees crossed.",
        "Two hundred soldiers and three thousand civilians fled.",
        "Deux cents soldats et trois mille civils ont fui.",
        "Vingt et un soldats sont morts, quarante-deux blessés.",
        "Il y a 5.000 morts, 5 000 blessés et 5,000 dead.",
        "Une centaine de soldats sont morts.",
        "Des dizaines de civils, des centaines de soldats, des milliers de réfugiés.",
        "Dozens of soldiers, hundreds of troops, thousands of refugees, tens of thousands of people.",
        "Des dizaines de milliers de personnes ont fui.",
        "Death toll in Kherson flood climbs to 42",
        "Le bilan s'élève désormais à 17 morts.",
        "Le bilan est passé à 17, selon la mairie.",
        "The toll rose to 33, officials said.",
        "Selon lui, 12 ont été tués et 40 blessés.",
        "A 12-year-old boy and his 40-year-old mother were killed.",
        "Il est âgé de 45 ans. L'homme de 45 ans.",
        "Le 3e bataillon et la 2e brigade. The 3rd brigade.",
        "The convoy of 200 trucks travelled 300 km in 2 hours.",
        "About 50% of the town was destroyed. Près de 30 % des maisons.",
        "Il a été blessé à deux reprises. He was hit three times.",
        "Dans les 24 heures. Over the past 48 hours. Depuis 10 mois.",
        "L'armée a perdu un hélicoptère et deux chars.",
        "Un soldat a déclaré que tout allait bien.",
        "Un soldat ukrainien a été tué et deux autres blessés.",
        "A soldier was killed and two others were wounded.",
        "One soldier was killed. One of the soldiers died.",
        "Les forces ont tiré un missile sur la ville.",
        "Il a rencontré un responsable de l'ONU.",
        "Le groupe a 3 000 membres. Les 27 membres de l'UE.",
        "Au moins 14 personnes, dont trois enfants et une femme, ont été tuées.",
        "Trois des quatre victimes étaient des enfants.",
        "Seven of the 10 victims were women.",
        "The Boeing 737 and the F-16 jets. Le Mi-8 et le T-90.",
        "En 2022, 4 000 soldats. In 2021, about 300 soldiers.",
        "Ils ont tué 12 civils et en ont blessé 30.",
        "Israel said 3 soldiers died, and Hamas said 2 fighters died.",
        "The militants killed five people and wounded 11 on Monday.",
        "Le village compte 300 habitants et 20 maisons.",
        "Le chiffre de 300 morts a été avancé.",
        "Le nombre de déplacés a atteint 20 000.",
        "La police a interpellé 15 personnes.",
        "More than a dozen people were hurt.",
        "A dozen soldiers and a hundred civilians.",
        "Plus d'un millier de soldats.",
        "Quelque 1 200 soldats ukrainiens, 300 véhicules blindés.",
        "Several hundred people were killed.",
        "At least 21 people, including four children, were killed.",
        "Les 3 et 4 octobre. On October 3 and 4.",
        "des dizaines de milliers de soldats russes",
        "au moins 12 000 morts",
        "the deaths of 12 soldiers",
        "La guerre a fait plus de 500 000 morts.",
        "Il y a eu 2 morts et 1 blessé.",
        "They counted 1,500 bodies.",
        "Ces 3 dernières années. These 3 last weeks.",
        "Le G20 et le M23. Article 5 de l'OTAN.",
        "Il habite au 12 rue de la Paix.",
        "Trois personnes ont été tuées.",
        "Douze soldats.",
    ] {
        eprintln!("{t}\n    {:?}", figs(t));
    }
}
