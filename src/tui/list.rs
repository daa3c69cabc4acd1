//! The dispatches list: order (oldest or newest first), the filter typed by
//! the user (fuzzy on date, outlet and title; words of the text otherwise),
//! the selection.

use aho_corasick::AhoCorasick;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use std::time::{Duration, Instant};

use crate::corpus::Articles;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    /// Article indexes shown, in display order.
    pub order: Vec<usize>,
    /// Position of the selection in `order`.
    pub selected: usize,
    /// First visible row (kept by `update` so the selection stays in view).
    pub offset: usize,
    pub newest_first: bool,
    pub filter: String,
    total: usize,
    /// "date outlet title id" of each article, each made the first time a
    /// filter tries it (empty until then: a haystack never is), not all at
    /// the first key (100,000 of them are a tenth of a second).
    haystacks: Vec<String>,
    /// Results of the queries typed so far, so that erasing is instant.
    history: Vec<(String, Vec<usize>)>,
    /// A filter still being computed, slice by slice.
    pending: Option<Pending>,
    /// The texts are not all in memory (read when shown): the filter's
    /// words are found in them through the folder's index, off the key.
    pub by_index: bool,
    /// The words last found through the index (see [`text_words`]) and,
    /// per article, whether it holds them all.
    text_hits: Option<(String, Vec<bool>)>,
}

/// The state of a filter being computed: `order` shows the matches among
/// `candidates[..next]`, best first, until every candidate is tried.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    candidates: Vec<usize>,
    next: usize,
    scored: Vec<(u32, usize)>,
}

impl ListState {
    pub fn new(total: usize) -> ListState {
        ListState {
            order: (0..total).collect(),
            selected: 0,
            offset: 0,
            newest_first: false,
            filter: String::new(),
            total,
            haystacks: Vec::new(),
            history: Vec::new(),
            pending: None,
            by_index: false,
            text_hits: None,
        }
    }

    /// The words of the filter to find through the index, when their
    /// answer is not here yet.
    pub fn wanted_words(&self) -> Option<String> {
        let words = text_words(&self.filter);
        let known = self.text_hits.as_ref().is_some_and(|(w, _)| *w == words);
        (self.by_index && !words.is_empty() && !known).then_some(words)
    }

    /// The articles holding every word of `words` came from the index: the
    /// filter is computed again with them if it still asks for these words
    /// (true: the caller lets it run).
    pub fn found_in_texts(&mut self, articles: &Articles, words: String, hits: Vec<bool>) -> bool {
        let again = text_words(&self.filter) == words;
        self.text_hits = Some((words, hits));
        // What was remembered was computed without these words' texts.
        self.history.clear();
        if again {
            let keep = self.selected_article();
            let filter = self.filter.clone();
            self.start_filter(articles, &filter, false);
            self.filter_step(articles, Duration::ZERO);
            if let Some(a) = keep {
                self.select_article(a);
            }
        }
        again
    }

    /// What the index found no longer holds (the folder changed).
    pub fn forget_text_hits(&mut self) {
        self.text_hits = None;
        self.history.clear();
    }

    /// The article under the selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    pub fn select_article(&mut self, article: usize) {
        if let Some(p) = self.order.iter().position(|&a| a == article) {
            self.selected = p;
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.order.is_empty() {
            return;
        }
        let last = self.order.len() - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last as isize) as usize;
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self) {
        self.selected = self.order.len().saturating_sub(1);
    }

    /// Keeps the selection within `rows` visible rows.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.order.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }

    pub fn toggle_sort(&mut self, articles: &Articles) {
        self.newest_first = !self.newest_first;
        self.history.clear();
        let keep = self.selected_article();
        let filter = self.filter.clone();
        self.set_filter(articles, &filter, false);
        if let Some(a) = keep {
            self.select_article(a);
        }
    }

    /// Shows only the articles matching `query`. With `narrow`, the query
    /// extends the previous one and only the current matches are tried.
    pub fn set_filter(&mut self, articles: &Articles, query: &str, narrow: bool) {
        self.start_filter(articles, query, narrow);
        while self.filter_step(articles, Duration::MAX) {}
    }

    /// Filters on `query` afresh for a moment (the list after a change of
    /// the folder); the rest comes with [`ListState::filter_step`].
    pub fn set_filter_partial(&mut self, articles: &Articles, query: &str) {
        self.start_filter(articles, query, false);
        self.filter_step(articles, Duration::from_micros(500));
    }

    /// Whether a filter is still being computed ([`ListState::filter_step`]).
    pub fn filtering(&self) -> bool {
        self.pending.is_some()
    }

    /// Starts filtering on `query` (see [`ListState::set_filter`]); the
    /// matches come with [`ListState::filter_step`], so that a keystroke
    /// never waits for ten thousand dispatches to be tried.
    pub fn start_filter(&mut self, articles: &Articles, query: &str, narrow: bool) {
        let keep = self.selected_article();
        if self.haystacks.len() != articles.len() {
            self.haystacks = vec![String::new(); articles.len()];
        }
        let remembered = self.history.iter().position(|(q, _)| q == query && !query.is_empty());
        if let Some(i) = remembered {
            self.history.truncate(i + 1);
            self.order = self.history[i].1.clone();
            self.filter = query.to_string();
            self.pending = None;
            self.selected = 0;
            self.offset = 0;
            return;
        }
        // A last word reaching three letters starts matching the text too:
        // that widens the matches, so it cannot narrow the previous ones.
        let widens = query.split_whitespace().last().is_some_and(|w| w.chars().count() == 3)
            && !query.ends_with(char::is_whitespace);
        // A colon makes the last word a field word ("outlet:"): no longer
        // matched fuzzily, it may keep what the fuzzy word dropped.
        let field_word = |q: &str| q.split_whitespace().last().is_some_and(|w| w.contains(':'));
        let becomes_field = field_word(query) && !field_word(&self.filter);
        let narrows =
            narrow && !widens && !becomes_field && !self.filter.is_empty() && query.starts_with(&self.filter);
        let mut candidates: Vec<usize> = match (&self.pending, narrows) {
            // The previous filter is unfinished: its candidates hold its matches.
            (Some(p), true) => {
                let mut c = p.candidates.clone();
                c.sort_unstable();
                c
            }
            (None, true) => {
                let mut c = self.order.clone();
                c.sort_unstable();
                c
            }
            (_, false) => (0..self.total).collect(),
        };
        self.filter = query.to_string();
        if self.newest_first {
            candidates.reverse();
        }
        self.selected = 0;
        self.offset = 0;
        if Filter::new(query).is_none() {
            self.pending = None;
            self.order = candidates;
            self.remember();
            // Clearing goes back where one was.
            if let (Some(a), true) = (keep, query.is_empty()) {
                self.select_article(a);
            }
            return;
        }
        self.pending = Some(Pending { candidates, next: 0, scored: Vec::new() });
        self.order.clear();
    }

    /// Tries candidates for about `budget`; false once the filter is done.
    pub fn filter_step(&mut self, articles: &Articles, budget: Duration) -> bool {
        let Some(mut p) = self.pending.take() else { return false };
        let Some(mut f) = Filter::new(&self.filter) else { return false };
        // Through the index, a text holds the words when the index says so
        // (none until it answered).
        let words = self.by_index.then(|| text_words(&self.filter));
        let hits = match (&words, &self.text_hits) {
            (Some(w), Some((found, hits))) if w == found => Some(hits.as_slice()),
            _ => None,
        };
        let in_text = |i: usize| words.as_ref().map(|_| hits.is_some_and(|h| h.get(i) == Some(&true)));
        let started = Instant::now();
        // The clock is read every few dozen tries, not at each.
        while p.next < p.candidates.len() {
            let end = (p.next + 32).min(p.candidates.len());
            for &i in &p.candidates[p.next..end] {
                if self.haystacks[i].is_empty() {
                    self.haystacks[i] = haystack(articles, i);
                }
                if let Some(s) = f.score(articles, i, &self.haystacks[i], in_text(i)) {
                    p.scored.push((s, i));
                }
            }
            p.next = end;
            if started.elapsed() >= budget {
                break;
            }
        }
        // Best matches first (as fzf and helix do); ties keep the date order.
        // A stable sort of what was sorted plus later candidates: the same
        // order as one sort of them all.
        let keep = (self.selected > 0).then(|| self.selected_article()).flatten();
        p.scored.sort_by_key(|&(s, _)| std::cmp::Reverse(s));
        self.order = p.scored.iter().map(|&(_, i)| i).collect();
        if let Some(a) = keep {
            self.select_article(a);
        }
        if p.next < p.candidates.len() {
            self.pending = Some(p);
            return true;
        }
        self.remember();
        false
    }

    /// Keeps the finished result of the query, so that erasing back to it
    /// is instant.
    fn remember(&mut self) {
        if self.filter.is_empty() {
            self.history.clear();
        } else {
            let query = self.filter.clone();
            self.history.retain(|(q, _)| query.starts_with(q.as_str()) && *q != query);
            self.history.push((query, self.order.clone()));
        }
    }
}

/// The words of a filter looked for in the texts: three letters or more,
/// not a field word, folded and in order ("" when none).
pub fn text_words(query: &str) -> String {
    let is_field = |w: &str| Field::ALL.iter().any(|(p, _)| w.to_lowercase().starts_with(p));
    let words: Vec<String> = query
        .split_whitespace()
        .filter(|w| !is_field(w) && w.chars().count() >= 3)
        .map(|w| w.chars().map(crate::digest::fold::fold_char).collect())
        .collect();
    words.join(" ")
}

/// What the fuzzy filter looks at: date, outlet, title and id (read from
/// the article's row when it is not made).
pub fn haystack(articles: &Articles, i: usize) -> String {
    let date = articles.date(i).map(|d| d.to_string()).unwrap_or_default();
    format!("{date} {} {} {}", articles.outlet(i).unwrap_or(""), articles.title(i), articles.id(i))
}

/// A field a filter word can name: `outlet:reuters`, `date:2020-10`,
/// `lang:en` keep the dispatches whose field holds it (case and accents
/// ignored; a date and a language by their start). Each added letter only
/// narrows, as the list's narrowing filter needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Outlet,
    Date,
    Lang,
}

impl Field {
    const ALL: [(&'static str, Field); 3] =
        [("outlet:", Field::Outlet), ("date:", Field::Date), ("lang:", Field::Lang)];

    fn holds(self, articles: &Articles, i: usize, wanted: &str) -> bool {
        let folded = |s: &str| s.chars().map(crate::digest::fold::fold_char).collect::<String>();
        match self {
            Field::Outlet => articles.outlet(i).is_some_and(|o| folded(o).contains(wanted)),
            Field::Date => articles.date(i).is_some_and(|d| d.to_string().starts_with(wanted)),
            Field::Lang => articles.lang(i).as_str().starts_with(wanted),
        }
    }
}

/// A compiled filter query.
pub struct Filter {
    /// None when the query is only field words.
    pattern: Option<Pattern>,
    words: Vec<AhoCorasick>,
    fields: Vec<(Field, String)>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Filter {
    pub fn new(query: &str) -> Option<Filter> {
        if query.trim().is_empty() {
            return None;
        }
        let mut fields = Vec::new();
        let mut rest = Vec::new();
        for word in query.split_whitespace() {
            let lower = word.to_lowercase();
            match Field::ALL.iter().find(|(prefix, _)| lower.starts_with(prefix)) {
                Some(&(prefix, field)) => {
                    let wanted: String =
                        word[prefix.len()..].chars().map(crate::digest::fold::fold_char).collect();
                    if !wanted.is_empty() {
                        fields.push((field, wanted));
                    }
                }
                None => rest.push(word),
            }
        }
        let rest = rest.join(" ");
        // Words of one or two letters match nearly every text: only longer
        // ones are looked for there (and the scan stays off the first keys).
        let words = rest
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .filter_map(|w| AhoCorasick::builder().ascii_case_insensitive(true).build([w]).ok())
            .collect();
        let pattern =
            (!rest.is_empty()).then(|| Pattern::parse(&rest, CaseMatching::Ignore, Normalization::Smart));
        Some(Filter { pattern, words, fields, matcher: Matcher::new(Config::DEFAULT), buf: Vec::new() })
    }

    /// `None` when a field word does not hold; else fuzzy on "date outlet
    /// title", else every word of the query in the text (scored below any
    /// fuzzy match). `in_text`: whether the text holds them, when the
    /// index said so (the text is then not searched here).
    pub fn score(&mut self, articles: &Articles, i: usize, hay: &str, in_text: Option<bool>) -> Option<u32> {
        if !self.fields.iter().all(|(field, wanted)| field.holds(articles, i, wanted)) {
            return None;
        }
        let Some(pattern) = &self.pattern else { return Some(1) };
        let fuzzy = pattern.score(Utf32Str::new(hay, &mut self.buf), &mut self.matcher);
        let in_text = !self.words.is_empty()
            && in_text.unwrap_or_else(|| self.words.iter().all(|w| w.is_match(articles.text(i))));
        match (fuzzy, in_text) {
            (Some(s), true) => Some(s + 1000),
            (Some(s), false) => Some(s),
            (None, true) => Some(0),
            (None, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use std::path::Path;

    fn art(name: &str, text: &str) -> Article {
        crate::corpus::from_bytes(Path::new(&format!("{name}.txt")), text.as_bytes())
    }

    #[test]
    fn filters_fuzzy_on_title_and_by_words_in_the_text() {
        let arts: Articles = vec![
            art("a", "Lavrov reçoit séparément\n\nLe texte parle de Pompeo."),
            art("b", "Le Kremlin appelle\n\nRien ici."),
            art("c", "Médiation américaine\n\nWashington reçoit."),
        ]
        .into();
        let mut l = ListState::new(3);
        l.set_filter(&arts, "lavrv", true);
        assert_eq!(l.order[0], 0);
        l.set_filter(&arts, "washington", true);
        assert_eq!(l.order, [2]);
        l.set_filter(&arts, "pompeo", false);
        assert_eq!(l.order, [0]);
        l.set_filter(&arts, "", false);
        assert_eq!(l.order, [0, 1, 2]);
        l.selected = 1;
        l.toggle_sort(&arts);
        assert_eq!(l.order, [2, 1, 0]);
        assert_eq!(l.selected_article(), Some(1));
    }

    #[test]
    fn a_filter_computed_in_slices_ends_as_one_computed_at_once() {
        let outlets = ["AFP", "Reuters", "TASS"];
        let arts: Articles = (0..300)
            .map(|i| {
                let body = format!("Dépêche {i} de {}\n\nMoscou et Bakou, bilan {}.", outlets[i % 3], i * 7);
                art(&format!("d{i:03}"), &body)
            })
            .collect();
        for (queries, narrow) in [(&["r", "re", "reu"][..], true), (&["bak", "baku", "bakou"][..], true)] {
            let mut whole = ListState::new(arts.len());
            let mut sliced = ListState::new(arts.len());
            for q in queries {
                whole.set_filter(&arts, q, narrow);
                // One candidate a step: the next query starts while this one
                // is unfinished.
                sliced.start_filter(&arts, q, narrow);
                sliced.filter_step(&arts, Duration::ZERO);
            }
            assert!(sliced.filtering());
            while sliced.filter_step(&arts, Duration::ZERO) {}
            assert_eq!(sliced.order, whole.order, "{queries:?}");
            assert!(!whole.order.is_empty());
        }
    }

    #[test]
    fn the_selection_stays_in_view() {
        let mut l = ListState::new(100);
        l.selected = 50;
        l.scroll_into_view(10);
        assert_eq!(l.offset, 41);
        l.selected = 3;
        l.scroll_into_view(10);
        assert_eq!(l.offset, 3);
    }
}
