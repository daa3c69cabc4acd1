//! Suggestions over a generated corpus of at least 20 MB of dispatch text
//! (made from the bundled dispatches by `extract::synth`), in MB/s.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use depeche::annotation::Sidecar;
use depeche::extract::{Knowledge, suggest, synth};

const TOTAL_BYTES: usize = 20 * 1024 * 1024;

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let sources = depeche::corpus::load(&dir).expect("the bundled dispatches load").articles;
    let articles = synth::generate(&sources, TOTAL_BYTES, 4_000, 2020);
    let sidecars: Vec<Sidecar> = articles.iter().map(Sidecar::empty).collect();
    let knowledge = Knowledge::default();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("suggest {:.1} MB", bytes as f64 / 1e6), |b| {
        b.iter(|| {
            let mut n = 0;
            for (a, s) in articles.iter().zip(&sidecars) {
                n += suggest(a, s, &knowledge).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
