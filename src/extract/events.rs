//! EVENT candidates: a sentence that holds a resolved date and an event
//! word (talks, truce, ceasefire, strike, announcement, meeting, visit…),
//! with the date nearest that word and a one-line summary.

use super::dates::DateFound;
use super::scan::Doc;
use super::vocab::EVENT;
use crate::date::PartialDate;

/// Characters a summary keeps before it is cut at a word.
const SUMMARY_CHARS: usize = 110;

#[derive(Debug, Clone, PartialEq)]
pub struct EventFound {
    /// Token range of the clause.
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    pub summary: String,
}

pub fn find(doc: &Doc, dates: &[DateFound]) -> Vec<EventFound> {
    let mut out = Vec::new();
    let mut d = 0;
    for &(s, e) in &doc.sents {
        while d < dates.len() && dates[d].start < s {
            d += 1;
        }
        let here: Vec<&DateFound> =
            dates[d..].iter().take_while(|x| x.start < e).filter(|x| x.value.is_some()).collect();
        if here.is_empty() {
            continue;
        }
        let Some(word) = (s..e).find(|&t| doc.toks[t].word.has(EVENT)) else { continue };
        let nearest = here.iter().min_by_key(|x| x.start.abs_diff(word)).expect("not empty");
        let Some(date) = nearest.value else { continue };
        // trim an opening dash or bullet and the closing period
        let mut start = s;
        while start < e && doc.toks[start].kind == super::scan::TokKind::Punct && !is_quote(doc, start) {
            start += 1;
        }
        let mut end = e;
        while end > start && doc.toks[end - 1].kind == super::scan::TokKind::Punct && !is_quote(doc, end - 1)
        {
            end -= 1;
        }
        if start >= end {
            continue;
        }
        out.push(EventFound { start, end, date, summary: summary(doc, start, end) });
    }
    out
}

fn is_quote(doc: &Doc, t: usize) -> bool {
    matches!(doc.tok_text(t), "\"" | "«" | "»" | "(" | ")" | "“" | "”")
}

/// The clause on one line, cut at a word boundary.
fn summary(doc: &Doc, s: usize, e: usize) -> String {
    let text = doc.text[doc.toks[s].start..doc.toks[e - 1].end].trim_end_matches(['.', ' ']);
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut = text.char_indices().nth(SUMMARY_CHARS).map(|(b, _)| b).unwrap_or(text.len());
    let at_word = text[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", text[..at_word].trim_end_matches([',', ';', ' ']))
}
