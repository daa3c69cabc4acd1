//! A generator of dispatch text for benchmarks: new articles made from the
//! paragraphs of real ones, shuffled and with their digits, days and
//! months changed, each with a date marker. Deterministic for a seed.

use std::path::PathBuf;

use crate::corpus::{self, Article};

const MONTHS: &[&str] = &["septembre", "octobre", "novembre"];

/// Articles of about `article_bytes` each made from `sources`, until
/// `total_bytes` of text; the same seed gives the same corpus.
pub fn generate(sources: &[Article], total_bytes: usize, article_bytes: usize, seed: u64) -> Vec<Article> {
    let paragraphs: Vec<&str> =
        sources.iter().flat_map(|a| a.text.split("\n\n")).map(str::trim).filter(|p| p.len() > 20).collect();
    assert!(!paragraphs.is_empty(), "the generator needs source articles with text");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < total_bytes {
        let mut text = format!(" date 2020-{:02}-{:02} ", rng.u32(9..=11), rng.u32(1..=28));
        while text.len() < article_bytes {
            let p = paragraphs[rng.usize(..paragraphs.len())];
            vary(p, &mut rng, &mut text);
            text.push_str(if rng.bool() { "\n\n" } else { "\n" });
        }
        total += text.len();
        let path = PathBuf::from(format!("synthetic/{:06}.txt", out.len()));
        out.push(corpus::from_bytes(&path, text.as_bytes()));
    }
    out
}

/// Copies `p` with each digit replaced by a random one (the first of a
/// number never zero) and month names swapped.
fn vary(p: &str, rng: &mut fastrand::Rng, out: &mut String) {
    let mut prev_digit = false;
    let mut rest = p;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let d = if prev_digit { rng.u8(0..10) } else { rng.u8(1..10) };
            out.push((b'0' + d) as char);
            prev_digit = true;
            rest = &rest[1..];
            continue;
        }
        prev_digit = false;
        if let Some(m) = MONTHS.iter().find(|m| rest.starts_with(*m)) {
            out.push_str(MONTHS[rng.usize(..MONTHS.len())]);
            rest = &rest[m.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_asked_size_deterministically() {
        let src = corpus::from_bytes(
            std::path::Path::new("a.txt"),
            "Le 27 septembre, 400 morts selon l'AFP.\n\nMoscou appelle à la trêve vendredi.".as_bytes(),
        );
        let a = generate(std::slice::from_ref(&src), 10_000, 1_000, 7);
        let b = generate(std::slice::from_ref(&src), 10_000, 1_000, 7);
        let total: usize = a.iter().map(|x| x.text.len()).sum();
        assert!(total >= 9_000, "{total}");
        assert_eq!(a[3].text, b[3].text);
        assert!(a[0].meta.date.is_some());
    }
}
