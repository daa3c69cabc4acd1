//! What a dispatch carries that is not the dispatch: web page furniture
//! ("Connectez-vous…", "Partager cet article", "PUBLICITÉ") and editorial
//! notes of the wire ("ATTENTION - ajoute … ///", "(Updates with …)").
//! Used to find the title; the reader may use it to dim such lines.

use std::sync::LazyLock;

use regex::Regex;

/// Phrases of web pages, removed wherever they stand in a line (a headline
/// can be glued between them).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases = [
        r"connectez-vous[^.\n]*\.?",
        r"connexion\s+(?:membre|client|abonné)s?",
        r"se connecter",
        r"s'identifier",
        r"créer un compte",
        r"abonnez-vous[^.\n]*\.?",
        r"déjà abonné\s*\?",
        r"partager cet article",
        r"partager sur (?:facebook|twitter|x|linkedin|whatsapp)",
        r"close button",
        r"copier/coller[^\n]*",
        r"copy to clipboard",
        r"lien copié",
        r"publicité",
        r"contenu sponsorisé",
        r"advertisement",
        r"tous droits réservés[^\n]*",
        r"all rights reserved[^\n]*",
        r"©[^\n]*",
        r"lire (?:aussi|également)\s*:[^\n]*",
        r"lire la suite",
        r"à (?:lire|voir|découvrir) (?:aussi|également)[^\n]*",
        r"read more\s*:?[^\n]*",
        r"share this article",
        r"sign in",
        r"log in",
        r"subscribe to [^\n]*",
        r"(?:écouter|listen to) (?:cet|this) article",
        r"temps de lecture\s*:?\s*\d+\s*min",
        r"\d+\s*min(?:utes?)? de lecture",
    ];
    Regex::new(&format!(r"(?i)(?:{})", phrases.join("|"))).expect("the boilerplate pattern compiles")
});

/// Lines that are boilerplate as a whole.
static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:discussion|commentaires?|comments?|menu|accueil|home|fermer|close|photo\s*:.*|crédit\s*:.*|vidéo|video)\s*$")
        .expect("the boilerplate line pattern compiles")
});

static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
            (?:ATTENTION|URGENT|FLASH|ALERTE|PRIORITAIRE|RECTIFICATIF|CORRECTION|CORRECTED|REFILE|BULLETIN
              |EXCLUSIF|EXCLUSIVE|WRAPUP(?:\s*\d+)?|UPDATE(?:\s*\d+)?|EDITOR'?S\s+NOTE|NOTE\s+AUX\s+RÉDACTIONS)
            (?:\s*[-–—:]|\s*$)
          | \((?i:actualisé|actualise|mise\ à\ jour|màj|ajoute|updates?|adds|recasts|corrects|rectifie)[^)]*\)\s*$
        )",
    )
    .expect("the note pattern compiles")
});

/// A note from the desk to the newsrooms, not part of the story.
pub fn is_editorial_note(line: &str) -> bool {
    line.contains("///") || NOTE.is_match(line)
}

/// The line without its web page phrases, spaces collapsed.
pub fn strip(line: &str) -> String {
    let cleaned = INLINE.replace_all(line, " ");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether nothing of the line is left once its web furniture is gone.
pub fn is_boilerplate_line(line: &str) -> bool {
    if WHOLE.is_match(line) {
        return true;
    }
    let rest = strip(line);
    WHOLE.is_match(&rest) || rest.chars().filter(|c| c.is_alphanumeric()).count() < 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_furniture_is_boilerplate() {
        for line in [
            "Partager cet articleDiscussion",
            "Partager cet articleClose Button",
            "PUBLICITÉ",
            "Copier/coller le lien embed de la vidéo de l'article :Copy to clipboardLien copié",
            "Tous droits réservés\u{a0}David Ghahramanyan/NKR InfoCenter PAN Photo",
            "Discussion",
            "Lire aussi : Un autre sujet sans rapport",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        assert!(!is_boilerplate_line("Haut-Karabakh : Arméniens et Azerbaïdjanais se retrouvent à Moscou"));
    }

    #[test]
    fn a_headline_glued_in_furniture_is_kept() {
        let line = "Connectez-vous pour conserver cet article et le lire plus tard. Connexion membre Connexion client Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation";
        assert_eq!(strip(line), "Haut-Karabakh-Les Etats-Unis tentent à leur tour une médiation");
    }

    #[test]
    fn editorial_notes() {
        assert!(is_editorial_note("ATTENTION - ajoute communiqué de Moscou et fin des consultations ///"));
        assert!(is_editorial_note("URGENT"));
        assert!(is_editorial_note("(Updates with Pompeo meeting)"));
        assert!(is_editorial_note("(Actualisé avec déclarations)"));
        assert!(!is_editorial_note("Attention aux combats, a dit le ministre."));
        assert!(!is_editorial_note("(Reuters) - texte"));
    }
}
