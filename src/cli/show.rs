//! `depeche show ID`: an article with its accepted annotations, coloured by
//! label on a terminal, marked inline (`[Moscou]{LOC}`) when piped.

use std::io::Write;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher};

use super::output::{self, sgr_color};
use super::{CliError, CliResult, ColorWhen, EXIT_OK, ShowArgs, open_project};
use crate::annotation::{Annotation, LabelSchema, Sidecar, Status};
use crate::corpus::{Article, MetaSource};
use crate::date::Precision;
use crate::text::{inert, inert_line};

pub fn run(args: &ShowArgs, out: &mut dyn Write) -> CliResult {
    let dir = args.dir.dir();
    let project = open_project(&dir)?;
    // `show NAME.txt` means the article NAME.
    let id = args.id.strip_suffix(".txt").unwrap_or(&args.id);
    let Some(i) = project.position(id) else {
        let ids: Vec<&str> = project.articles.iter().map(|a| a.id.as_str()).collect();
        return Err(CliError::new(unknown_id(&args.id, &ids, &dir.display().to_string())));
    };
    let (article, sidecar) = (&project.articles[i], &project.sidecars[i]);
    if let Some(e) = sidecar.error() {
        eprintln!(
            "depeche: warning: {}; the article is shown without its annotations.",
            inert_line(&e.to_string())
        );
    }
    let color = match args.color {
        ColorWhen::Auto => output::color_wanted(),
        ColorWhen::Always => true,
        ColorWhen::Never => false,
    };
    let page = render(article, sidecar, &project.labels, color);
    output::finish(out.write_all(page.as_bytes()).map(|_| EXIT_OK))
}

/// The message for an id that is not in the folder, with the closest ids.
fn unknown_id(id: &str, ids: &[&str], dir: &str) -> String {
    let (id, dir) = (inert_line(id), inert_line(dir));
    let close = close_ids(&id, ids);
    if close.is_empty() {
        format!(
            "there is no dispatch '{id}' in {dir}; `depeche list {dir}` shows the {} there are.",
            ids.len()
        )
    } else {
        format!("there is no dispatch '{id}' in {dir}. Did you mean {}?", close.join(", "))
    }
}

/// Up to five ids like `query`: containing it nearly (a typo or two), or
/// containing its letters in order.
pub fn close_ids(query: &str, ids: &[&str]) -> Vec<String> {
    let q = query.to_lowercase();
    let budget = (q.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, u32, &str)> = Vec::new();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let atom = Atom::new(&q, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy, false);
    for id in ids {
        let distance = substring_distance(&q, &id.to_lowercase());
        let mut buf = Vec::new();
        let fuzzy = atom.score(nucleo_matcher::Utf32Str::new(id, &mut buf), &mut matcher);
        if distance <= budget || fuzzy.is_some() {
            scored.push((distance, u32::MAX - fuzzy.map(u32::from).unwrap_or(0), id));
        }
    }
    scored.sort();
    scored.into_iter().take(5).map(|(_, _, id)| inert_line(id)).collect()
}

/// The fewest edits that make `needle` appear somewhere in `hay` (Sellers).
fn substring_distance(needle: &str, hay: &str) -> usize {
    let n: Vec<char> = needle.chars().collect();
    let mut prev: Vec<usize> = vec![0; hay.chars().count() + 1];
    for (i, nc) in n.iter().enumerate() {
        let mut cur = vec![i + 1; prev.len()];
        for (j, hc) in hay.chars().enumerate() {
            let cost = usize::from(*nc != hc);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.into_iter().min().unwrap_or(n.len())
}

/// The whole page: a header, the text with its annotations, the orphans.
pub fn render(article: &Article, sidecar: &Sidecar, labels: &LabelSchema, color: bool) -> String {
    let accepted: Vec<&Annotation> =
        sidecar.annotations.iter().filter(|a| a.status == Status::Accepted).collect();
    let mut page = header(article, color);
    if color && !accepted.is_empty() {
        let mut names: Vec<&str> = accepted.iter().map(|a| a.label.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let legend: Vec<String> =
            names.iter().map(|n| format!("\x1b[{}m{}\x1b[0m", sgr_for(labels, n), inert_line(n))).collect();
        page.push_str(&format!("labels: {}\n", legend.join(" ")));
    }
    page.push('\n');
    page.push_str(&annotated(article, &accepted, labels, color));
    if !page.ends_with('\n') {
        page.push('\n');
    }
    if !sidecar.orphans.is_empty() {
        page.push_str(&format!(
            "\n{} annotation(s) could not be re-anchored in the current text (kept as orphans):\n",
            sidecar.orphans.len()
        ));
        for o in &sidecar.orphans {
            page.push_str(&format!(
                "  {} \"{}\" ({})\n",
                inert_line(&o.label),
                inert_line(&o.quote.exact),
                o.id
            ));
        }
    }
    page
}

fn header(article: &Article, color: bool) -> String {
    let m = &article.meta;
    let date = match m.date {
        Some(d) => format!("{d} ({}, {})", precision_words(m.precision()), source_words(m.date_source)),
        None => "date unknown".into(),
    };
    let outlet = match &m.outlet {
        Some(o) => format!("{} ({})", inert_line(o), source_words(m.outlet_source)),
        None => "outlet unknown".into(),
    };
    let title = inert_line(&m.title);
    let title = if color { format!("\x1b[1m{title}\x1b[0m") } else { title };
    format!(
        "{title}\n{date} · {outlet} · {} · {} · {}\n",
        m.lang.as_str(),
        article.encoding,
        inert_line(&article.id)
    )
}

fn precision_words(p: Precision) -> &'static str {
    match p {
        Precision::Day => "to the day",
        Precision::Month => "month only",
        Precision::Year => "year only",
        Precision::Unknown => "unknown",
    }
}

fn source_words(s: MetaSource) -> &'static str {
    match s {
        MetaSource::None => "no source",
        MetaSource::Cited => "only cited in the text",
        MetaSource::Mention => "named in the text",
        MetaSource::Photo => "from a photo credit",
        MetaSource::FileName => "from the file name",
        MetaSource::DayWords => "the marker's month narrowed by the text's day words",
        MetaSource::Credit => "from the credit",
        MetaSource::FirstSentence => "from the first sentence",
        MetaSource::Byline => "from the byline",
        MetaSource::Marker => "from the date marker",
        MetaSource::Stamp => "from the page stamp",
        MetaSource::Dateline => "from the dateline",
        MetaSource::Headline => "from the headline",
        MetaSource::Sidecar => "set by the annotator",
    }
}

fn sgr_for(labels: &LabelSchema, label: &str) -> String {
    labels.get(label).map(|l| sgr_color(&l.color)).unwrap_or_else(|| "39".into())
}

/// The text with its spans: nested spans nest; a span crossing another's end
/// is closed and reopened there, so that markers stay balanced.
fn annotated(article: &Article, spans: &[&Annotation], labels: &LabelSchema, color: bool) -> String {
    let len = article.len_chars();
    let mut spans: Vec<(usize, usize, &str)> = spans
        .iter()
        .map(|a| (a.start.min(len), a.end.min(len), a.label.as_str()))
        .filter(|(s, e, _)| s < e)
        .collect();
    spans.sort_by(|a, b| (a.0, std::cmp::Reverse(a.1), a.2).cmp(&(b.0, std::cmp::Reverse(b.1), b.2)));
    let mut bounds: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).chain([0, len]).collect();
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(article.text.len() + spans.len() * 12);
    let mut stack: Vec<usize> = Vec::new();
    let mut next_open = 0;
    for (k, &p) in bounds.iter().enumerate() {
        if let Some(lowest) = stack.iter().position(|&i| spans[i].1 == p) {
            let popped: Vec<usize> = stack.drain(lowest..).collect();
            for &i in popped.iter().rev() {
                if !color {
                    out.push_str(&format!("]{{{}}}", inert_line(spans[i].2)));
                }
            }
            for i in popped.into_iter().filter(|&i| spans[i].1 > p) {
                stack.push(i);
                if !color {
                    out.push('[');
                }
            }
        }
        while next_open < spans.len() && spans[next_open].0 == p {
            stack.push(next_open);
            if !color {
                out.push('[');
            }
            next_open += 1;
        }
        let Some(&end) = bounds.get(k + 1) else { break };
        let segment = inert(article.slice(p, end));
        match stack.last() {
            Some(&top) if color => {
                let underline = if stack.len() > 1 { ";4" } else { "" };
                out.push_str(&format!("\x1b[{}{underline}m{segment}\x1b[0m", sgr_for(labels, spans[top].2)));
            }
            _ => out.push_str(&segment),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Kind;
    use crate::corpus::from_bytes;

    fn article(text: &str) -> Article {
        from_bytes(std::path::Path::new("a.txt"), text.as_bytes())
    }

    fn with(article: &Article, spans: &[(usize, usize, &str)]) -> Sidecar {
        let mut sc = Sidecar::empty(article);
        for &(s, e, l) in spans {
            sc.annotations.push(Annotation::new(&article.text, Kind::Entity, l, s, e));
        }
        sc
    }

    fn body(page: &str) -> &str {
        page.split_once("\n\n").unwrap().1
    }

    #[test]
    fn plain_markers_nest_and_cross() {
        let a = article("plus de 800 morts à Moscou");
        let sc = with(&a, &[(0, 17, "CLAIM"), (8, 17, "FIGURE"), (20, 26, "LOC")]);
        let page = render(&a, &sc, &LabelSchema::default(), false);
        assert_eq!(body(&page), "[plus de [800 morts]{FIGURE}]{CLAIM} à [Moscou]{LOC}\n");
        let sc = with(&a, &[(0, 11, "A"), (8, 17, "B")]);
        let page = render(&a, &sc, &LabelSchema::default(), false);
        assert_eq!(body(&page), "[plus de [800]{B}]{A}[ morts]{B} à Moscou\n");
    }

    #[test]
    fn code_points_not_bytes() {
        let a = article("Él 😀 à Bakou");
        let sc = with(&a, &[(7, 12, "LOC")]);
        assert_eq!(body(&render(&a, &sc, &LabelSchema::default(), false)), "Él 😀 à [Bakou]{LOC}\n");
    }

    #[test]
    fn colours_by_label_and_no_markers_on_a_terminal() {
        let a = article("Lavrov à Moscou");
        let sc = with(&a, &[(0, 6, "PER"), (9, 15, "LOC")]);
        let page = render(&a, &sc, &LabelSchema::default(), true);
        assert!(page.contains("\x1b[95mLavrov\x1b[0m"), "{page:?}");
        assert!(page.contains("\x1b[92mMoscou\x1b[0m"), "{page:?}");
        assert!(!page.contains("]{"), "{page:?}");
    }

    #[test]
    fn rejected_annotations_are_not_shown() {
        let a = article("Lavrov à Moscou");
        let mut sc = with(&a, &[(0, 6, "PER")]);
        sc.annotations[0].status = Status::Rejected;
        assert_eq!(body(&render(&a, &sc, &LabelSchema::default(), false)), "Lavrov à Moscou\n");
    }

    #[test]
    fn no_raw_control_character_of_the_article_is_printed() {
        let a = article("Titre \u{1b}]52;c;aGk=\u{7}\n\nTexte \u{1b}[2J à \u{202e}Bakou\u{9b}31m.");
        let sc = with(&a, &[(20, 24, "LOC")]);
        for color in [false, true] {
            let page = render(&a, &sc, &LabelSchema::default(), color);
            let raw: Vec<char> = page
                .chars()
                .filter(|&c| c != '\n' && crate::text::inert_char(c).is_some())
                .filter(|&c| !(color && c == '\u{1b}'))
                .collect();
            assert!(raw.is_empty(), "{raw:?} in {page:?}");
            if color {
                // The only escapes are ours: ESC [ digits ; m.
                for (i, _) in page.match_indices('\u{1b}') {
                    let rest = &page[i + 1..];
                    let sgr = rest.starts_with('[')
                        && rest[1..]
                            .find('m')
                            .is_some_and(|m| rest[1..1 + m].bytes().all(|b| b.is_ascii_digit() || b == b';'));
                    assert!(sgr, "{:?}", &rest[..rest.len().min(12)]);
                }
            }
        }
    }

    #[test]
    fn close_ids_forgive_typos_and_fragments() {
        let ids = ["2020-10-21_afp_lavrov-recoit-separement", "2020-10-23_reuters_etats-unis-mediation"];
        assert_eq!(close_ids("lavorv", &ids), [ids[0]]);
        assert_eq!(close_ids("reuters", &ids), [ids[1]]);
        assert!(close_ids("zzzzzzzz", &ids).is_empty());
        assert_eq!(substring_distance("bakou", "xxbakouxx"), 0);
        assert_eq!(substring_distance("bakuo", "xxbakouxx"), 1, "one letter less and it is there");
        assert_eq!(substring_distance("bakxu", "xxbakouxx"), 1);
    }

    #[test]
    fn the_unknown_id_message_is_a_sentence_naming_the_folder() {
        let msg = unknown_id("lavrov-recoit", &["2020-10-21_afp_lavrov-recoit-separement"], "articles");
        assert!(
            msg.contains("'lavrov-recoit'")
                && msg.contains("Did you mean 2020-10-21_afp_lavrov-recoit-separement?"),
            "{msg}"
        );
    }
}
