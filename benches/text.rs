//! Text benchmarks on TMDB 5000 (title + overview + tagline, as scikit-learn's peer
//! `content_tfidf.py tmdb5000`): tokenizing, fitting `TfidfVectorizer(ngram_range=(1, 2),
//! stop_words='english')` and the top-30 cosine neighbours of every movie; the same fit and
//! neighbours on the 46,419 keyword documents (`content_tfidf.py keywords46k`). Skipped when the
//! data is missing.
//!
//! `RECSYS_DATA=../shared/data cargo bench --bench text`

use std::hint::black_box;

use criterion::Criterion;
use recsys::data::tmdb::{MOVIES_FILE, read_tmdb_movies};
use recsys::data::{DataDir, Dataset};
use recsys::text::{Analyzer, CosineIndex, StopWords, TfidfVectorizer};

mod common;

fn docs() -> Option<Vec<String>> {
    let dir = DataDir::resolve(None).ok()?;
    let path = dir.dataset_dir(Dataset::Tmdb5000).ok()?.join(MOVIES_FILE);
    let movies = read_tmdb_movies(&path).ok()?;
    Some(
        movies
            .iter()
            .map(|m| format!("{} {} {}", m.title, m.details.overview, m.details.tagline))
            .collect(),
    )
}

fn vectorizer() -> TfidfVectorizer {
    TfidfVectorizer::new()
        .ngram_range(1, 2)
        .stop_words(StopWords::english())
}

fn text(c: &mut Criterion) {
    let Some(docs) = docs() else {
        eprintln!("tmdb-5000 not found under RECSYS_DATA: text benchmarks skipped");
        return;
    };
    let mut g = c.benchmark_group("tmdb5000");
    g.sample_size(10);
    let analyzer = Analyzer::sklearn(true, Some(StopWords::english()), 1, 2);
    g.bench_function("tokenize", |b| {
        b.iter(|| docs.iter().map(|d| analyzer.tokens(d).len()).sum::<usize>())
    });
    g.bench_function("tfidf_fit_transform", |b| {
        b.iter(|| {
            vectorizer()
                .fit_transform(black_box(&docs))
                .map(|x| x.nnz())
        })
    });
    let x = vectorizer().fit_transform(&docs).expect("tfidf");
    g.bench_function("all_top30", |b| {
        b.iter(|| CosineIndex::new(&x).all_neighbours(black_box(30)).len())
    });
    g.finish();
    let Some(kw) = keyword_docs() else {
        eprintln!("the-movies-dataset/keywords.csv not found: keyword benchmarks skipped");
        return;
    };
    let mut g = c.benchmark_group("keywords46k");
    g.sample_size(10);
    g.bench_function("tfidf_fit_transform", |b| {
        b.iter(|| vectorizer().fit_transform(black_box(&kw)).map(|x| x.nnz()))
    });
    let x = vectorizer().fit_transform(&kw).expect("tfidf");
    g.bench_function("all_top30", |b| {
        b.iter(|| CosineIndex::new(&x).all_neighbours(black_box(30)).len())
    });
    g.finish();
}

fn keyword_docs() -> Option<Vec<String>> {
    let dir = DataDir::resolve(None).ok()?;
    let (cat, _) = recsys::hybrid::content::keywords_catalog(&dir).ok()?;
    Some(
        cat.entries()
            .iter()
            .map(|e| e.details.keywords.join(" "))
            .collect(),
    )
}

bench_main!(text);
