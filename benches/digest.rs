//! Both digests over a generated corpus of 10,000 dispatches: events and
//! claims as a busy annotated corpus would hold them (accepted and
//! suggested, repeated across dispatches, claimant names in several
//! wordings), 60 days of war, 12 events a day, one report in twenty known
//! only to the month.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use depeche::annotation::{Annotation, Attrs, Kind, Party, Qualifier, Quote, Status, What, Who};
use depeche::date::PartialDate;
use depeche::digest::{Claimants, Doc, Inputs, claims, timeline};

const DISPATCHES: usize = 10_000;
const EVENTS_PER_DAY: usize = 12;

const CLAIMANTS: &[&str] = &[
    "ministère azerbaïdjanais de la Défense",
    "ministère de la Défense d'Azerbaïdjan",
    "ministère arménien de la Défense",
    "Ministère de la défense arménien",
    "Vladimir Poutine",
    "Poutine",
    "bilan officiel",
    "autorités séparatistes",
    "AFP",
    "bureau du procureur général d'Azerbaïdjan",
    "non attribué",
];

const WORDS: &[&str] = &[
    "négociations",
    "Moscou",
    "trêve",
    "bombardement",
    "Stepanakert",
    "Bakou",
    "Erevan",
    "cessez-le-feu",
    "rencontre",
    "Lavrov",
    "Pompeo",
    "Washington",
    "offensive",
    "drones",
    "cathédrale",
    "Martuni",
    "humanitaire",
    "échange",
    "prisonniers",
    "Genève",
    "OSCE",
    "frappe",
    "Gandja",
    "reprise",
];

struct Corpus {
    ids: Vec<String>,
    dates: Vec<PartialDate>,
    anns: Vec<Vec<Annotation>>,
    sugs: Vec<Vec<Annotation>>,
}

fn day(n: usize) -> PartialDate {
    let start = chrono::NaiveDate::from_ymd_opt(2020, 9, 27).unwrap();
    PartialDate::from(start + chrono::Duration::days((n % 60) as i64))
}

fn ann(kind: Kind, start: usize, attrs: Attrs, status: Status) -> Annotation {
    Annotation {
        id: format!("{start}"),
        kind,
        label: kind.as_str().to_uppercase(),
        start,
        end: start + 20,
        quote: Quote { exact: "un passage de la dépêche".into(), ..Quote::default() },
        attrs,
        status,
        author: String::new(),
        at: String::new(),
    }
}

/// A word of its own for each number, distinct in its first six letters
/// (the timeline compares stems of six letters).
fn word(mut n: usize) -> String {
    let mut w = String::new();
    for _ in 0..4 {
        w.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    w + "ement"
}

fn generate() -> Corpus {
    fastrand::seed(7);
    let mut c = Corpus { ids: Vec::new(), dates: Vec::new(), anns: Vec::new(), sugs: Vec::new() };
    for i in 0..DISPATCHES {
        let date = day(i * 60 / DISPATCHES);
        let mut anns = Vec::new();
        let mut sugs = Vec::new();
        for k in 0..4 {
            // An event of the last days: each day has EVENTS_PER_DAY events
            // with words of their own, reported again and again in other words.
            let back = fastrand::usize(0..=(i * 60 / DISPATCHES).min(3));
            let n = i * 60 / DISPATCHES - back;
            let event = fastrand::usize(..EVENTS_PER_DAY);
            let own =
                (0..4).filter(|_| fastrand::u8(..4) > 0).map(|j| word((n * EVENTS_PER_DAY + event) * 4 + j));
            let common = (0..2).map(|_| WORDS[fastrand::usize(..WORDS.len())].to_string());
            let summary: Vec<String> = own.chain(common).collect();
            let date = day(n);
            let attrs = Attrs {
                date: Some(if k == 3 && i % 5 == 0 {
                    date.truncate(depeche::date::Precision::Month)
                } else {
                    date
                }),
                summary: Some(summary.join(" ")),
                ..Attrs::default()
            };
            let status = if k % 2 == 0 { Status::Accepted } else { Status::Suggested };
            let a = ann(Kind::Event, k * 100, attrs, status);
            if status == Status::Accepted {
                anns.push(a)
            } else {
                sugs.push(a)
            }
            let mut e = ann(Kind::Entity, k * 100 + 2, Attrs::default(), Status::Accepted);
            e.end = e.start + 6;
            e.quote.exact = WORDS[fastrand::usize(..WORDS.len())].into();
            anns.push(e);
        }
        for k in 0..4 {
            let low = fastrand::u64(10..5000);
            let attrs = Attrs {
                claimant: Some(CLAIMANTS[fastrand::usize(..CLAIMANTS.len())].into()),
                count_low: Some(low),
                count_high: Some(low),
                qualifier: Some(Qualifier::ALL[fastrand::usize(..Qualifier::ALL.len())]),
                what: Some(What::ALL[fastrand::usize(..3)]),
                who: Some(Who::ALL[fastrand::usize(..Who::ALL.len())]),
                side: Party::parse(["Arménie", "Azerbaïdjan", "both"][fastrand::usize(..3)]),
                as_of: Some(date),
                ..Attrs::default()
            };
            let status = if k % 2 == 0 { Status::Accepted } else { Status::Suggested };
            let a = ann(Kind::Claim, 1000 + k * 100, attrs, status);
            if status == Status::Accepted { anns.push(a) } else { sugs.push(a) }
        }
        anns.sort_by_key(|a| a.start);
        c.ids.push(format!("dispatch-{i:05}"));
        c.dates.push(date);
        c.anns.push(anns);
        c.sugs.push(sugs);
    }
    c
}

fn inputs(c: &Corpus) -> Inputs<'_> {
    let docs = (0..c.ids.len())
        .map(|i| Doc {
            id: &c.ids[i],
            date: Some(c.dates[i]),
            outlet: Some("AFP"),
            annotations: &c.anns[i],
            suggestions: depeche::digest::Suggested::Full(&c.sugs[i]),
        })
        .collect();
    Inputs { docs }
}

fn bench(cr: &mut Criterion) {
    let corpus = generate();
    let inputs = inputs(&corpus);
    let aliases = Claimants::default();
    let mid = day(30);
    let entries = timeline(&inputs, None, None);
    let sources: usize = entries.iter().map(|e| e.sources.len()).sum();
    eprintln!("{DISPATCHES} dispatches: {sources} event reports in {} timeline entries", entries.len());
    let mut g = cr.benchmark_group("digest_10k_dispatches");
    g.sample_size(10);
    g.bench_function("timeline", |b| b.iter(|| black_box(timeline(&inputs, None, None))));
    g.bench_function("timeline_as_of_mid", |b| {
        b.iter(|| black_box(timeline(&inputs, Some(mid), Some("dispatch-05000"))))
    });
    g.bench_function("claims", |b| b.iter(|| black_box(claims(&inputs, &aliases, None, None))));
    g.bench_function("claims_as_of_mid", |b| {
        b.iter(|| black_box(claims(&inputs, &aliases, Some(mid), None)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
