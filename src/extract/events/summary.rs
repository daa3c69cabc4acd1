//! An event's summary: its clause cut to who did what — no date words, no
//! parenthesis, no dateline, no opener ("Par ailleurs,"), no attribution
//! tail (", a indiqué le ministère", "according to X"), one line of at most
//! `MAX_CHARS` characters.

use super::clause::Clause;
use super::lexicon::{self, Tagged};
use super::lexicon::{
    ACT, AFTER_DATE, AUX, CONNECTOR, DET, LEAD, OCCUR, OPENER, PREP, RELATIVE, SAY, SINCE, SOURCE, SUBORD,
};
use crate::extract::scan::TokKind;

/// Characters a summary keeps before it is cut.
pub const MAX_CHARS: usize = 90;

/// The summary of the event dated by `date` (a token range) in `clause`,
/// leaving out every date mention of `dates` and the words that go with
/// them.
pub fn summarize(doc: &Tagged, clause: &Clause, date: (usize, usize), dates: &[(usize, usize)]) -> String {
    let tokens = match event_phrase(doc, clause, date) {
        Some(np) => np,
        // "Ces attaques, qui se sont produites lundi, ont tué 40 soldats": what
        // happened is said after the relative clause
        None if clause.antecedent.is_some()
            && clause.then.is_some()
            && (clause.start..clause.end).any(|k| doc.flags(k) & OCCUR != 0) =>
        {
            let (a, b) = clause.antecedent.expect("checked");
            let (c, d) = clause.then.expect("checked");
            (a..b).chain(c..d).collect()
        }
        None => {
            let mut t = clause.tokens();
            let first = clause.antecedent.map_or(0, |(a, b)| b - a);
            // "which began …" after "The GHF"; "où les troupes …", "tandis que …"
            if t.len() > first && doc.flags(t[first]) & (RELATIVE | SUBORD | OPENER) != 0 {
                t.remove(first);
                while t.len() > first && doc.is_any(t[first], &["que", "qu", "'"]) {
                    t.remove(first);
                }
            }
            t
        }
    };
    // a quotation is given as said, its dates too
    if let Some(s) = quoted_statement(doc, trim(doc, &tokens), dates) {
        return cut(&s);
    }
    let mut out: Vec<usize> = Vec::with_capacity(tokens.len());
    // few tokens: a list is cheaper than a set
    let mut dropped: Vec<usize> = Vec::new();
    let n = doc.toks.len();
    // the dates among these tokens (dates are in text order)
    let lo = tokens.iter().copied().min().unwrap_or(0).min(date.0);
    let hi = tokens.iter().copied().max().unwrap_or(0).max(date.1);
    let first = dates.partition_point(|&(_, de)| de <= lo);
    for &(ds, de) in dates[first..].iter().take_while(|&&(ds, _)| ds <= hi) {
        // "un mois après la mort de …": a date told from an event says what
        // the clause is about; it stays
        if de > ds && doc.is_any(de - 1, &["après", "avant", "after", "before"]) && tokens.contains(&de) {
            continue;
        }
        dropped.extend(ds..de);
        // "le", "on", "depuis", "d'", "Earlier" before it
        let mut i = ds;
        // "le 1er octobre" when only "octobre" was read as the date
        let part = |k: usize| {
            doc.flags(k) & (PREP | SINCE) != 0
                || doc.tok_text(k) == "'"
                || doc.toks[k].kind == TokKind::Num
                || doc.is_any(k, &["er", "st", "nd", "rd", "th"])
        };
        while i > 0 && part(i - 1) {
            i -= 1;
            dropped.push(i);
        }
        let mut j = de;
        // "jeudi dernier"; "Saturday's raid"
        if j < n && doc.flags(j) & AFTER_DATE != 0 {
            dropped.push(j);
            j += 1;
        }
        if j + 1 < n && doc.tok_text(j) == "'" && doc.is(j + 1, "s") {
            dropped.extend([j, j + 1]);
        }
        if j >= n || doc.tok_text(j) != "," {
            continue;
        }
        // "Dimanche, une frappe": no comma; "touché, ce lundi, un centre": one
        // comma less; "Par ailleurs, le 25 décembre, 14 soldats": one left
        let opens = !tokens.contains(&i.wrapping_sub(1)) || i == 0;
        let before_comma = i > 0 && doc.tok_text(i - 1) == ",";
        let mid_clause = before_comma && i >= 2 && doc.flags(i - 2) & (CONNECTOR | LEAD) == 0;
        if !(opens || before_comma) {
            continue;
        }
        dropped.push(j);
        if mid_clause {
            dropped.push(i - 1);
        }
        // "On Saturday, the Orthodox Christmas, AFP journalists …"
        let apposition = (j + 2..(j + 7).min(n)).find(|&k| doc.tok_text(k) == ",").filter(|&c| {
            j + 1 < n
                && doc.flags(j + 1) & DET != 0
                && (j + 1..c).all(|k| doc.flags(k) & (ACT | SAY) == 0 && doc.toks[k].kind == TokKind::Word)
        });
        if let Some(c) = apposition.filter(|_| opens) {
            dropped.extend(j..=c);
        }
    }
    let mut depth = 0;
    for &k in &tokens {
        match doc.tok_text(k) {
            "(" | "[" => depth += 1,
            ")" | "]" if depth > 0 => {
                depth -= 1;
                continue;
            }
            _ => {}
        }
        if depth == 0 && !dropped.contains(&k) {
            out.push(k);
        }
    }
    // "et" / "and" left between two dates taken out
    let out: Vec<usize> = out
        .iter()
        .copied()
        .filter(|&k| {
            !(doc.is_any(k, &["et", "and", "or", "ou"])
                && k > 0
                && dropped.contains(&(k - 1))
                && dropped.contains(&(k + 1)))
        })
        .collect();
    let kept = trim(doc, &out);
    let (kept, tail) = without_attribution(doc, kept);
    let kept = without_opener(doc, kept);
    let kept = without_apposition(doc, trim(doc, kept));
    // "…, a déclaré dimanche un responsable": that day's event is the statement
    let speaker = tail
        .filter(|&(comma, _)| date.0 > comma)
        .map(|(_, tail)| speaker(doc, tail, dates))
        .filter(|s| !s.is_empty());
    let prefix = speaker.map(|s| format!("{}{}", capitalized(join(doc, &s)), colon(doc, &s)));
    cut_tokens(doc, prefix.unwrap_or_default(), trim(doc, &kept))
}

/// Whether token `k` is inside one of `dates` (in text order).
fn in_dates(dates: &[(usize, usize)], k: usize) -> bool {
    let i = dates.partition_point(|&(a, _)| a <= k);
    dates[..i].iter().rev().take(3).any(|&(_, b)| k < b)
}

/// " : " in French, ": " in English (by the speaker's words).
fn colon(doc: &Tagged, words: &[usize]) -> &'static str {
    let french =
        words.iter().any(|&k| doc.is_any(k, &["le", "la", "les", "l", "un", "une", "des", "du", "de"]));
    if french { " : " } else { ": " }
}

/// Who speaks in an attribution tail: after its verb when inverted ("a
/// déclaré M. X aux médias", "said X"), else before it ("the army said").
fn speaker(doc: &Tagged, tail: &[usize], dates: &[(usize, usize)]) -> Vec<usize> {
    let in_date = |k: usize| in_dates(dates, k);
    let Some(say) = tail.iter().position(|&k| doc.flags(k) & SAY != 0) else { return Vec::new() };
    if say <= 1 {
        let rest = tail[say + 1..].iter().copied().skip_while(|&k| doc.flags(k) & SAY != 0);
        rest.take_while(|&k| !stops_speaker(doc, k) && !in_date(k)).collect()
    } else {
        tail[..say].iter().copied().filter(|&k| !in_date(k)).collect()
    }
}

/// The event noun phrase a date is attached to, when it is long enough to
/// say what happened: "an explosion and fire at a fuel depot in X on
/// Monday", "l'attaque du Hamas dans le sud d'Israël le 7 octobre".
fn event_phrase(doc: &Tagged, clause: &Clause, (ds, de): (usize, usize)) -> Option<Vec<usize>> {
    let barrier = |k: usize| {
        let f = doc.flags(k);
        (doc.toks[k].kind == TokKind::Punct && doc.tok_text(k) != "'")
            || f & (SAY | SUBORD) != 0
            || doc.is_any(k, &["que", "qu", "that"])
            || (f & AUX != 0 && f & DET == 0)
    };
    let mut k = ds;
    while k > clause.start
        && (doc.flags(k - 1) & (PREP | SINCE) != 0 || doc.tok_text(k - 1) == "'")
        && clause.contains(k - 1)
    {
        k -= 1;
    }
    if doc.flags(k) & SINCE != 0 {
        // a state since the date: the clause says what it is
        return None;
    }
    let lead_end = k;
    let mut start = None;
    while k > clause.start + 1 && ds - k < 12 && clause.contains(k - 1) && !barrier(k - 1) {
        k -= 1;
        if doc.flags(k) & ACT != 0
            && let Some(d) = determiner(doc, k - 1, k)
        {
            start = Some(d);
            break;
        }
    }
    let start = start?;
    let mut end = de;
    while end < clause.end && doc.flags(end) & AFTER_DATE != 0 {
        end += 1;
    }
    // the phrase goes on after the date up to its verb ("… on Monday rose to 30")
    let mut tail = end;
    let verb = |k: usize| k == end && doc.flags(k) & ACT != 0;
    while tail < clause.end && tail - end < 12 && clause.contains(tail) && !barrier(tail) && !verb(tail) {
        tail += 1;
    }
    // "un mois après la mort de …": a date told from an event stays
    let anchored = de > ds && doc.is_any(de - 1, &["après", "avant", "after", "before"]);
    let phrase: Vec<usize> =
        if anchored { (start..tail).collect() } else { (start..lead_end).chain(end..tail).collect() };
    (phrase.len() >= 4).then_some(phrase)
}

/// Where the determiner of the word `w` after it starts, if `d` is one:
/// "l'" is two tokens; French "a" is a verb ("a touché"), English "a" a
/// determiner ("a raid").
pub fn determiner(doc: &Tagged, d: usize, w: usize) -> Option<usize> {
    if doc.tok_text(d) == "'" {
        return (d > 0 && doc.is_any(d - 1, &["l", "d"])).then(|| d - 1);
    }
    if doc.flags(d) & DET == 0 {
        return None;
    }
    let participle =
        ["é", "ée", "és", "ées", "ed", "is", "it", "u"].iter().any(|x| doc.tok_lower(w).ends_with(x));
    (!doc.is(d, "a") || !participle).then_some(d)
}

/// Leading and trailing punctuation (commas, dashes, stops), quotation
/// marks kept.
fn trim<'k>(doc: &Tagged, kept: &'k [usize]) -> &'k [usize] {
    let loose = |k: usize| {
        doc.toks[k].kind == TokKind::Punct && !matches!(doc.tok_text(k), "«" | "»" | "\"" | "“" | "”")
    };
    // a summary does not end on "and", "de" or "in"
    let dangling = |k: usize| loose(k) || doc.flags(k) & (PREP | CONNECTOR | DET) != 0;
    let a = kept.iter().position(|&k| !loose(k)).unwrap_or(kept.len());
    let b = kept.iter().rposition(|&k| !dangling(k)).map_or(a, |i| i + 1);
    &kept[a..b.max(a)]
}

/// «…», a déclaré X / "…," the ministry said: "X : «…»".
fn quoted_statement(doc: &Tagged, kept: &[usize], dates: &[(usize, usize)]) -> Option<String> {
    let (lo, hi) = (*kept.first()?, *kept.last()?);
    let dates = &dates[dates.partition_point(|&(_, de)| de <= lo)..];
    let dates = &dates[..dates.partition_point(|&(ds, _)| ds <= hi)];
    let first = *kept.first()?;
    let opening = doc.tok_text(first);
    if !matches!(opening, "«" | "\"" | "“") {
        return None;
    }
    let close = kept.iter().skip(1).position(|&k| matches!(doc.tok_text(k), "»" | "\"" | "”"))? + 1;
    let mut tail = &kept[close + 1..];
    // the comma may stand inside the quotation: «…,» a déclaré X
    while tail.first().is_some_and(|&k| doc.tok_text(k) == ",") {
        tail = &tail[1..];
    }
    let say = tail.iter().take(4).position(|&k| doc.flags(k) & SAY != 0)?;
    let speaker: Vec<usize> = if say <= 1 {
        // inverted: «…», a déclaré M. X aux médias
        let in_date = |k: usize| in_dates(dates, k);
        tail[say + 1..].iter().copied().take_while(|&k| !stops_speaker(doc, k) && !in_date(k)).collect()
    } else {
        tail[..say].to_vec()
    };
    if speaker.is_empty() {
        return None;
    }
    let quote = join(doc, &trim_inner_comma(doc, &kept[..=close]));
    let colon = if opening == "«" { " : " } else { ": " };
    Some(format!("{}{colon}{quote}", capitalized(join(doc, &speaker))))
}

/// A quotation ending "…,»" or "…,\"" loses its comma.
fn trim_inner_comma(doc: &Tagged, quote: &[usize]) -> Vec<usize> {
    let n = quote.len();
    let mut v = quote.to_vec();
    if n >= 2 && doc.tok_text(quote[n - 2]) == "," {
        v.remove(n - 2);
    }
    v
}

/// Where the name of a speaker after its verb ends: a preposition or a mark.
fn stops_speaker(doc: &Tagged, k: usize) -> bool {
    // "M. Waltz", "Dr. Bashir"
    let title_stop = doc.tok_text(k) == "."
        && !doc.toks[k].space_before
        && k > 0
        && doc.toks[k - 1].cap
        && doc.tok_text(k - 1).len() <= 3;
    // "selon l'OSDH": an elision goes on
    let elision = doc.tok_text(k) == "'" && k > 0 && doc.is_any(k - 1, &["l", "d"]);
    !title_stop && !elision && doc.toks[k].kind == TokKind::Punct
        || doc.is_any(
            k,
            &["aux", "à", "au", "to", "in", "on", "at", "lors", "dans", "en", "sur", "after", "après"],
        )
        || doc.flags(k) & PREP != 0 && !doc.is_any(k, &["le", "la", "les", "l", "de", "du", "des", "d"])
}

/// Cuts an attribution tail: ", a annoncé le ministère", ", the army said",
/// "selon X", "according to X", "citing X".
/// Also gives the tail cut after a comma (the comma's token and the tail).
type Tail<'k> = Option<(usize, &'k [usize])>;

fn without_attribution<'k>(doc: &Tagged, kept: &'k [usize]) -> (&'k [usize], Tail<'k>) {
    for (i, &k) in kept.iter().enumerate().skip(3) {
        let source = lexicon::may_be(doc.toks[k].lead, SOURCE)
            && doc.flags(k) & SOURCE != 0
            && (!doc.is(k, "après") || (k >= 2 && doc.tok_text(k - 1) == "'" && doc.is(k - 2, "d")));
        if source {
            let end = if doc.is(k, "après") { i.saturating_sub(2) } else { i };
            return (&kept[..end], None);
        }
        if doc.tok_text(k) != "," {
            continue;
        }
        let tail = &kept[i + 1..];
        let Some(say) = tail.iter().take(4).position(|&t| doc.flags(t) & SAY != 0) else { continue };
        // "…, X, a annoncé que …", "…, said Russian forces launched …" are
        // the main verb, not a tail: a tail ends with its speaker
        let after = &tail[say + 1..];
        // "…, he said, adding that …": a tail the speaker goes on from
        let goes_on = after.iter().position(|&t| doc.tok_text(t) == ",").is_some_and(|c| {
            c <= 4
                && after.get(c + 1).is_some_and(|&t| {
                    doc.is_any(t, &["adding", "saying", "noting", "ajoutant", "précisant", "soulignant"])
                })
        });
        if goes_on {
            return (&kept[..i], Some((k, tail)));
        }
        let reports = tail.iter().any(|&t| doc.is_any(t, &["que", "qu", "that"]));
        if !reports && after.len() <= 6 && after.iter().all(|&t| doc.flags(t) & ACT == 0) {
            return (&kept[..i], Some((k, tail)));
        }
    }
    (kept, None)
}

/// Cuts a content-free opener: "Par ailleurs,", "Côté russe,", "Meanwhile,",
/// "Selon M. X,".
fn without_opener<'k>(doc: &Tagged, kept: &'k [usize]) -> &'k [usize] {
    let Some(&first) = kept.first() else { return kept };
    // "Au Yémen, des frappes …", "After weeks of siege, …": what follows says it
    if doc.flags(first) & LEAD != 0
        && let Some(c) = kept.iter().take(16).position(|&k| doc.tok_text(k) == ",")
        && kept.len() > c + 4
    {
        return &kept[c + 1..];
    }
    let opener = doc.flags(first) & (CONNECTOR | SOURCE) != 0;
    if !opener {
        return kept;
    }
    match kept.iter().take(6).position(|&k| doc.tok_text(k) == ",") {
        Some(c) => &kept[c + 1..],
        None if doc.flags(first) & CONNECTOR != 0 && kept.len() > 1 => &kept[1..],
        None => kept,
    }
}

/// Leaves out an apposition after a name: "Pavlo X, the head of the
/// region, said" is "Pavlo X said".
fn without_apposition(doc: &Tagged, kept: &[usize]) -> Vec<usize> {
    let mut out = kept.to_vec();
    if !kept.iter().any(|&k| doc.tok_text(k) == ",") {
        return out;
    }
    let Some(i) = (1..out.len().saturating_sub(2)).find(|&i| {
        doc.tok_text(out[i]) == ","
            && doc.toks[out[i - 1]].cap
            && doc.toks[out[i - 1]].kind == TokKind::Word
            && doc.flags(out[i + 1]) & DET != 0
            && !doc.is(out[i + 1], "a")
    }) else {
        return out;
    };
    let close = (i + 2..out.len().min(i + 15)).find(|&j| doc.tok_text(out[j]) == ",");
    if let Some(j) = close
        && (i + 1..j).all(|m| doc.flags(out[m]) & (SAY | AUX | RELATIVE) == 0 || doc.is(out[m], "a"))
        && j + 1 < out.len()
    {
        out.drain(i..=j);
    }
    out
}

/// The tokens as written, one space where the text had whitespace.
fn join(doc: &Tagged, kept: &[usize]) -> String {
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    for &k in kept {
        if !out.is_empty() && !glued(doc, prev, k) {
            out.push(' ');
        }
        out.push_str(doc.tok_text(k));
        prev = Some(k);
    }
    out
}

/// Whether token `k` follows `prev` with no space: it had none in the text
/// and is a closing mark or came right after.
fn glued(doc: &Tagged, prev: Option<usize>, k: usize) -> bool {
    let tok = &doc.toks[k];
    if tok.space_before {
        return false;
    }
    prev.is_some_and(|p| p + 1 == k)
        || (tok.kind == TokKind::Punct
            && (matches!(tok.lead, b',' | b'.' | b';' | b')') || matches!(doc.tok_text(k), "»" | "”")))
}

fn capitalized(mut s: String) -> String {
    match s.chars().next() {
        Some(f) if f.is_ascii() => {
            s[..1].make_ascii_uppercase();
            s
        }
        Some(f) => f.to_uppercase().chain(s.chars().skip(1)).collect(),
        None => s,
    }
}

/// `prefix` and the tokens in at most `MAX_CHARS` characters: cut before a
/// comma or a word opening a subordinate clause when that keeps half of
/// it, else at a word, with an ellipsis.
fn cut_tokens(doc: &Tagged, prefix: String, kept: &[usize]) -> String {
    let text = |kept: &[usize]| {
        if prefix.is_empty() { capitalized(join(doc, kept)) } else { format!("{prefix}{}", join(doc, kept)) }
    };
    let cut_point = |k: usize| {
        doc.tok_text(k) == ","
            || doc.flags(k) & (SUBORD | RELATIVE) != 0
            || doc.is_any(k, &["that", "qui", "dont", "pour", "to", "afin"])
    };
    // the length of the summary cut before each token, and whether what is
    // kept then still says what happened (a happening word)
    let mut len = prefix.chars().count();
    let mut act = false;
    let mut best = None;
    let mut over = None;
    let mut prev: Option<usize> = None;
    for (i, &k) in kept.iter().enumerate() {
        if i > 0 && act && cut_point(k) && (MAX_CHARS / 2..=MAX_CHARS).contains(&len) {
            best = Some(i);
        }
        len += usize::from(prev.is_some() && !glued(doc, prev, k)) + doc.tok_text(k).chars().count();
        if len > MAX_CHARS {
            over = Some(i);
            break;
        }
        act |= doc.flags(k) & ACT != 0;
        prev = Some(k);
    }
    match (over, best) {
        (None, _) => text(kept),
        (Some(_), Some(i)) => text(trim(doc, &kept[..i])),
        // a few tokens past the limit are enough to cut at a word
        (Some(i), None) => cut(&text(&kept[..(i + 3).min(kept.len())])),
    }
}

/// At most `MAX_CHARS` characters: cut at a comma when that keeps most of
/// it, else at a word, with an ellipsis.
fn cut(s: &str) -> String {
    let s = s.trim_end_matches(['.', ' ', ',', ';']);
    if s.chars().count() <= MAX_CHARS {
        return s.to_string();
    }
    let limit = s.char_indices().nth(MAX_CHARS).map_or(s.len(), |(b, _)| b);
    let head = &s[..limit];
    if let Some(c) = head.rfind(", ").filter(|&c| head[..c].chars().count() >= MAX_CHARS * 2 / 3) {
        return head[..c].to_string();
    }
    let at_word = head.rfind(' ').unwrap_or(limit);
    format!("{}…", head[..at_word].trim_end_matches([',', ';', ' ', ':']))
}
