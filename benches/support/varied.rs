//! Varied dispatches for the archive benchmarks: French and English wires
//! of several outlets over five years, each put together from sentence
//! patterns with their own places, people, bodies, figures and days (about
//! 1.9 KB each), not one paragraph rotated. Deterministic: the same `n` and
//! seed give the same folder. All names below are made up or generic.

use std::fmt::Write;
use std::path::Path;

const OUTLETS: &[(&str, &str)] =
    &[("afp", "AFP"), ("reuters", "Reuters"), ("ap", "AP"), ("tass", "TASS"), ("ats", "ATS"), ("bbc", "BBC")];
const PLACES_FR: &[&str] = &[
    "Bakou",
    "Erevan",
    "Kiev",
    "Beyrouth",
    "Tripoli",
    "Bamako",
    "Niamey",
    "Khartoum",
    "Damas",
    "Genève",
    "Bruxelles",
    "Addis-Abeba",
    "Goma",
    "Sanaa",
    "Kaboul",
];
const PLACES_EN: &[&str] = &[
    "Baku",
    "Yerevan",
    "Kyiv",
    "Beirut",
    "Tripoli",
    "Bamako",
    "Niamey",
    "Khartoum",
    "Damascus",
    "Geneva",
    "Brussels",
    "Addis Ababa",
    "Goma",
    "Sanaa",
    "Kabul",
];
const PEOPLE: &[&str] = &[
    "Ilona Marek",
    "Tomas Vidal",
    "Samir Haddad",
    "Grace Okafor",
    "Elena Sorokina",
    "Jonas Berg",
    "Amina Diallo",
    "Pavel Rudnev",
    "Lucia Ferreira",
    "Karim Benali",
    "Nora Lind",
    "Viktor Hale",
];
const MONTHS_FR: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_FR: &[&str] = &["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const DAYS_EN: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const BODIES_FR: &[&str] = &[
    "le ministère de la Défense",
    "le ministère de la Santé",
    "la Croix-Rouge",
    "l'armée",
    "les services de secours",
    "le gouverneur de la province",
    "l'ONU",
];
const BODIES_EN: &[&str] = &[
    "the defence ministry",
    "the health ministry",
    "the Red Cross",
    "the army",
    "rescue services",
    "the provincial governor",
    "the United Nations",
];
const VICTIMS_FR: &[&str] = &["civils", "soldats", "militaires", "combattants", "personnes", "enfants"];
const VICTIMS_EN: &[&str] = &["civilians", "soldiers", "troops", "fighters", "people", "children"];

const CLAIMS_FR: &[&str] = &[
    "Selon {body}, {n} {victims} ont été tués {day} dans des frappes près de {place}.",
    "{Body} a annoncé la mort de {n} {victims} et fait état de {m} blessés.",
    "Au moins {n} {victims} ont péri, a indiqué {body}, un bilan que l'autre camp conteste.",
    "Le bilan s'élève désormais à {n} morts, dont {m} {victims}, d'après {body}.",
];
const CLAIMS_EN: &[&str] = &[
    "According to {body}, {n} {victims} were killed on {day} in strikes near {place}.",
    "{Body} said {n} {victims} had died and {m} were wounded.",
    "At least {n} {victims} were killed, {body} said, a toll the other side disputes.",
    "The death toll has risen to {n}, including {m} {victims}, according to {body}.",
];
const EVENTS_FR: &[&str] = &[
    "{person} s'est rendu {day} à {place} pour y rencontrer les responsables locaux.",
    "Des négociations se sont ouvertes {day} à {place} sous l'égide de médiateurs internationaux.",
    "Un cessez-le-feu est entré en vigueur {day} à minuit, heure de {place}.",
    "{person} a reçu {day} son homologue à {place}, a fait savoir son cabinet.",
];
const EVENTS_EN: &[&str] = &[
    "{person} travelled to {place} on {day} to meet local officials.",
    "Talks opened in {place} on {day} under the auspices of international mediators.",
    "A ceasefire took effect at midnight on {day}, {place} time.",
    "{person} received a counterpart in {place} on {day}, the office said.",
];
const FILLER_FR: &[&str] = &[
    "Les habitants décrivent des nuits sans électricité et des files d'attente devant les boulangeries.",
    "« Nous n'avons plus rien », a confié une mère de famille rencontrée dans un centre d'accueil.",
    "Les prix du carburant ont doublé en un mois, selon les commerçants de la ville.",
    "La situation reste tendue dans les quartiers nord, où des tirs sporadiques ont été entendus.",
    "Plusieurs pays ont appelé à la retenue et à l'ouverture de couloirs humanitaires.",
    "L'aéroport a rouvert partiellement, mais la plupart des vols restent annulés.",
];
const FILLER_EN: &[&str] = &[
    "Residents describe nights without power and long queues outside bakeries.",
    "\"We have nothing left,\" a mother said at a reception centre.",
    "Fuel prices have doubled in a month, according to shopkeepers in the city.",
    "The situation remains tense in the northern districts, where sporadic gunfire was heard.",
    "Several countries called for restraint and for humanitarian corridors to be opened.",
    "The airport partly reopened, but most flights remain cancelled.",
];
const TITLES_FR: &[&str] = &[
    "Nouveaux combats près de {place}",
    "{person} attendu à {place}",
    "Le bilan s'alourdit à {place}",
    "Pourparlers à {place} : peu d'espoir",
];
const TITLES_EN: &[&str] = &[
    "Fresh fighting near {place}",
    "{person} expected in {place}",
    "Death toll rises in {place}",
    "Talks in {place} offer little hope",
];

/// Writes `n` varied dispatches into `dir`.
pub fn generate(dir: &Path, n: usize) {
    generate_seeded(dir, n, 7)
}

pub fn generate_seeded(dir: &Path, n: usize, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    for i in 0..n {
        let (name, text) = dispatch(&mut rng, i);
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// One dispatch: its file name and text.
pub fn dispatch(rng: &mut fastrand::Rng, i: usize) -> (String, String) {
    let fr = rng.u8(..3) < 2;
    let (slug, outlet) = OUTLETS[rng.usize(..OUTLETS.len())];
    let (year, month, day) = (2019 + rng.i32(0..5), 1 + rng.usize(..12), 1 + rng.usize(..28));
    let places = if fr { PLACES_FR } else { PLACES_EN };
    let place = places[rng.usize(..places.len())];
    let weekday = if fr { DAYS_FR[rng.usize(..7)] } else { DAYS_EN[rng.usize(..7)] };
    let fill = |s: &str, rng: &mut fastrand::Rng| {
        let bodies = if fr { BODIES_FR } else { BODIES_EN };
        let victims = if fr { VICTIMS_FR } else { VICTIMS_EN };
        let body = bodies[rng.usize(..bodies.len())];
        let mut capital = body.to_string();
        if let Some(c) = capital.get_mut(..1) {
            c.make_ascii_uppercase();
        }
        s.replace("{body}", body)
            .replace("{Body}", &capital)
            .replace("{victims}", victims[rng.usize(..victims.len())])
            .replace("{person}", PEOPLE[rng.usize(..PEOPLE.len())])
            .replace("{place}", places[rng.usize(..places.len())])
            .replace("{day}", weekday)
            .replace("{n}", &rng.u32(2..900).to_string())
            .replace("{m}", &rng.u32(1..60).to_string())
    };
    let mut text = String::new();
    // Some carry the date marker, some only their dateline.
    if rng.bool() {
        let _ = write!(text, " date {year}-{month:02}-{day:02} ");
    }
    let titles = if fr { TITLES_FR } else { TITLES_EN };
    text.push_str(&fill(titles[rng.usize(..titles.len())], rng));
    text.push_str("\n\n");
    let dateline = if fr {
        format!("{place}, {day} {} {year} ({outlet}) - ", MONTHS_FR[month - 1])
    } else {
        format!("{place}, {} {day}, {year} ({outlet}) - ", MONTHS_EN[month - 1])
    };
    text.push_str(&dateline);
    let (claims, events, filler) =
        if fr { (CLAIMS_FR, EVENTS_FR, FILLER_FR) } else { (CLAIMS_EN, EVENTS_EN, FILLER_EN) };
    let paragraphs = 6 + rng.usize(..6);
    for p in 0..paragraphs {
        let sentences = 1 + rng.usize(..4);
        for s in 0..sentences {
            let pool = match rng.u8(..10) {
                0..=2 => claims,
                3..=5 => events,
                _ => filler,
            };
            text.push_str(&fill(pool[rng.usize(..pool.len())], rng));
            if s + 1 < sentences {
                text.push(' ');
            }
        }
        text.push_str(if p + 1 < paragraphs { "\n\n" } else { "\n" });
        if p == 2 && rng.u8(..4) == 0 {
            text.push_str(if fr { "Partager cet article\n\n" } else { "Read more\n\n" });
        }
    }
    let name = format!("{year}-{month:02}-{day:02}_{slug}_{i:07}.txt");
    (name, text)
}
