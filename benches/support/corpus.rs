//! The generated corpus of the reader's benchmarks: `n` dispatches of eight
//! paragraphs each (about 1.2 KB), spread over the days of October 2020.

use std::path::Path;

const PARAS: &[&str] = &[
    "Moscou, {d} oct 2020 (AFP) - Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu séparément\nses homologues arménien et azerbaïdjanais pour évoquer le conflit au Nagorny Karabakh.",
    "Selon des bilans partiels, ces nouveaux combats ont fait plus de {n} morts, dont une centaine de civils. Chaque camp affirme cependant avoir tué des milliers de soldats ennemis.",
    "Le ministère arménien de la Défense a annoncé la mort d'environ {n} militaires azerbaïdjanais et la destruction de 30 véhicules blindés, un chiffre démenti par Bakou.",
    "Partager cet article",
    "Vladimir Poutine, qui s'est entretenu avec le président azerbaïdjanais Ilham Aliev et le Premier ministre arménien Nikol Pachinian, appelle à l'arrêt des combats pour des raisons humanitaires.",
    "La Turquie est déjà accusée de participer avec hommes et matériel aux hostilités, ce qu'Ankara dément.",
];

/// Writes `n` dispatches into `dir`.
pub fn generate(dir: &Path, n: usize) {
    for i in 0..n {
        let day = 1 + i % 28;
        let mut text = format!(" date 2020-10-{day:02} Dépêche numéro {i} sur le Haut-Karabakh\n\n");
        for k in 0..8 {
            let p = PARAS[(i + k) % PARAS.len()]
                .replace("{d}", &day.to_string())
                .replace("{n}", &(100 + i % 900).to_string());
            text.push_str(&p);
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("2020-10-{day:02}_gen_{i:05}.txt")), text).unwrap();
    }
}

/// The size of the files of `dir`, in bytes.
pub fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.metadata().unwrap().len()).sum()
}
