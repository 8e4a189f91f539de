//! Hand-computed answers (checked against scikit-learn 1.9.1) and proptest invariants.

use proptest::prelude::*;
use recsys_text::{
    Analyzer, CosineIndex, CountVectorizer, CsrMatrix, DocFreq, ENGLISH_STOP_WORDS, Norm,
    StemAlgorithm, Stemmer, StopWords, TextError, TfidfVectorizer,
};

const DOCS: [&str; 3] = ["The cat sat.", "The cat ate the fish!", "A dog"];

fn close(a: f32, b: f64) -> bool {
    (f64::from(a) - b).abs() < 1e-6
}

fn assert_rows(x: &CsrMatrix, want: &[[f64; 6]]) {
    let d = x.to_dense();
    for (i, (got, want)) in d.iter().zip(want).enumerate() {
        for (j, (&g, &w)) in got.iter().zip(want).enumerate() {
            assert!(close(g, w), "({i}, {j}): {g} vs {w}");
        }
    }
}

/// Tokens (≥ 2 chars, lowercased): d0 = the cat sat; d1 = the cat ate the fish; d2 = dog ("a" is
/// too short). Vocabulary, sorted: ate cat dog fish sat the. n = 3.
/// df: ate 1, cat 2, dog 1, fish 1, sat 1, the 2.
/// Smooth idf = ln((1 + 3) / (1 + df)) + 1: df 1 → 1 + ln 2 = 1.693147181; df 2 → 1 + ln(4/3) =
/// 1.287682072.
/// d0 = (cat 1.287682, sat 1.693147, the 1.287682), norm sqrt(2·1.658125 + 2.866747) = 2.486563
///    → cat = the = 0.517856116, sat = 0.680918560.
/// d1 = (ate 1.693147, cat 1.287682, fish 1.693147, the 2·1.287682 = 2.575364),
///    norm sqrt(2·2.866747 + 1.658125 + 6.632500) = 3.744879
///    → ate = fish = 0.452123308, cat = 0.343851430, the = 0.687702859.
/// d2 = (dog 1.693147) → 1.
#[test]
fn tfidf_three_documents() {
    let mut tf = TfidfVectorizer::new();
    let x = tf.fit_transform(&DOCS).unwrap();
    assert_eq!(
        tf.vocabulary().unwrap().terms(),
        ["ate", "cat", "dog", "fish", "sat", "the"]
    );
    let (a, b) = (1.0 + 2f64.ln(), 1.0 + (4.0f64 / 3.0).ln());
    let idf = tf.idf().unwrap();
    for (got, want) in idf.iter().zip([a, b, a, a, a, b]) {
        assert!((got - want).abs() < 1e-12);
    }
    assert_rows(
        &x,
        &[
            [0.0, 0.517856116, 0.0, 0.0, 0.680918560, 0.517856116],
            [0.452123308, 0.343851430, 0.0, 0.452123308, 0.0, 0.687702859],
            [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        ],
    );
    assert_eq!(x.nnz(), 8);
    // transform ignores unknown terms: "the unknown cat cat" → cat 2·b, the b; norm sqrt(5)·b
    // → cat 2/√5 = 0.894427, the 1/√5 = 0.447214.
    let y = tf.transform(&["the unknown cat cat"]).unwrap();
    assert_eq!(y.nnz(), 2);
    assert!(close(y.get(0, 1), 2.0 / 5f64.sqrt()) && close(y.get(0, 5), 1.0 / 5f64.sqrt()));
}

/// smooth_idf = false: idf = ln(3 / df) + 1 → df 1: 2.098612289, df 2: 1.405465108.
/// sublinear_tf: tf 2 → 1 + ln 2. L1 norm.
/// d0 = (cat 1.405465, sat 2.098612, the 1.405465), sum 4.909543 → 0.286272113, 0.427455773.
/// d1 = (ate 2.098612, cat 1.405465, fish 2.098612, the 1.693147·1.405465 = 2.379659),
///   sum 7.982349 → ate = fish = 0.262906608, cat 0.176071619, the 0.298115166.
#[test]
fn tfidf_options() {
    let mut tf = TfidfVectorizer::new()
        .smooth_idf(false)
        .sublinear_tf(true)
        .norm(Some(Norm::L1));
    let x = tf.fit_transform(&DOCS).unwrap();
    assert_rows(
        &x,
        &[
            [0.0, 0.286272113, 0.0, 0.0, 0.427455773, 0.286272113],
            [0.262906608, 0.176071619, 0.0, 0.262906608, 0.0, 0.298115166],
            [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        ],
    );
    // No idf, no norm: raw counts.
    let mut raw = TfidfVectorizer::new().use_idf(false).norm(None);
    let x = raw.fit_transform(&DOCS).unwrap();
    assert_eq!(x.row(1).1, [1.0, 1.0, 1.0, 2.0]);
    assert!(raw.idf().is_none());
}

#[test]
fn count_vectorizer_pruning() {
    let docs = ["b a c", "a b", "c", "a"];
    // df: a 3, b 2, c 2; corpus frequency the same.
    let mut cv = CountVectorizer::new().min_df(DocFreq::Count(3));
    cv.fit(&docs).ok();
    // every token is 1 char long: nothing at all.
    assert!(matches!(
        CountVectorizer::new().fit_transform(&docs),
        Err(TextError::Empty(m)) if m.starts_with("empty vocabulary")
    ));
    let docs = ["bb aa cc", "aa bb", "cc", "aa"];
    let mut cv = CountVectorizer::new().min_df(DocFreq::Count(3));
    cv.fit(&docs).unwrap();
    assert_eq!(cv.vocabulary().unwrap().terms(), ["aa"]);
    let mut cv = CountVectorizer::new().max_df(DocFreq::Proportion(0.5));
    cv.fit(&docs).unwrap();
    assert_eq!(cv.vocabulary().unwrap().terms(), ["bb", "cc"]);
    // max_features 2: aa (3), then bb and cc tie at 2 → bb by term.
    let mut cv = CountVectorizer::new().max_features(Some(2));
    let x = cv.fit_transform(&docs).unwrap();
    assert_eq!(cv.vocabulary().unwrap().terms(), ["aa", "bb"]);
    assert_eq!(
        x.to_dense(),
        vec![
            vec![1.0, 1.0],
            vec![1.0, 1.0],
            vec![0.0, 0.0],
            vec![1.0, 0.0]
        ]
    );
    // errors
    let e = CountVectorizer::new()
        .min_df(DocFreq::Count(4))
        .fit_transform(&docs);
    assert!(matches!(
        e,
        Err(TextError::Empty(m)) if m.starts_with("after pruning, no terms remain")
    ));
    let e = CountVectorizer::new()
        .min_df(DocFreq::Count(3))
        .max_df(DocFreq::Count(2))
        .fit_transform(&docs);
    assert!(matches!(
        e,
        Err(TextError::InvalidParameter { name: "max_df", reason })
            if reason.contains("< documents than min_df")
    ));
    let e = CountVectorizer::new()
        .max_df(DocFreq::Proportion(1.5))
        .fit_transform(&docs);
    assert!(matches!(
        e,
        Err(TextError::InvalidParameter { name: "max_df", reason }) if reason.contains("proportion")
    ));
    let e = CountVectorizer::new()
        .ngram_range(2, 1)
        .fit_transform(&docs);
    assert_eq!(
        e.unwrap_err(),
        TextError::param("ngram_range", "(2, 1): need 1 <= min <= max")
    );
    let e = CountVectorizer::new()
        .max_features(Some(0))
        .fit_transform(&docs);
    assert_eq!(
        e.unwrap_err(),
        TextError::param("max_features", "must be at least 1")
    );
    assert_eq!(
        CountVectorizer::new().transform(&docs).unwrap_err(),
        TextError::NotFitted
    );
    let only_stop = CountVectorizer::new()
        .stop_words(StopWords::english())
        .fit_transform(&["the and of", "a an the"]);
    assert!(matches!(
        only_stop,
        Err(TextError::Empty(m)) if m.starts_with("empty vocabulary")
    ));
    // lowercase off keeps case
    let mut cv = CountVectorizer::new().lowercase(false);
    cv.fit(&["Aa aa"]).unwrap();
    assert_eq!(cv.vocabulary().unwrap().terms(), ["Aa", "aa"]);
}

/// Expected outputs from scikit-learn 1.9.1's `CountVectorizer().build_analyzer()`.
#[test]
fn sklearn_tokenizer_edge_cases() {
    let a = Analyzer::sklearn(true, None, 1, 1);
    let cases: &[(&str, &[&str])] = &[
        ("don't stop", &["don", "stop"]),
        (
            "Hello, world! e-mail a_b 3.14 x1 2024",
            &["hello", "world", "mail", "a_b", "14", "x1", "2024"],
        ),
        ("Ünïcödé ÉCOLE naïve", &["ünïcödé", "école", "naïve"]),
        // "İ" lowercases to "i" + U+0307 (not a word character): "i" alone is too short.
        ("İstanbul ΣΟΦΟΣ", &["stanbul", "σοφος"]),
        ("a b c", &[]),
        ("日本語 テキスト", &["日本語", "テキスト"]),
        ("café", &["café"]),
        ("cafe\u{301} x", &["cafe"]), // decomposed: the combining accent splits
        ("foo—bar…baz", &["foo", "bar", "baz"]),
        ("l'été ½ ²³ ٣٤", &["été", "²³", "٣٤"]),
        ("", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(a.tokens(text), *want, "{text:?}");
    }
    let a = Analyzer::sklearn(true, Some(StopWords::english()), 1, 3);
    assert_eq!(
        a.tokens("The quick brown fox and the lazy dog"),
        [
            "quick",
            "brown",
            "fox",
            "lazy",
            "dog",
            "quick brown",
            "brown fox",
            "fox lazy",
            "lazy dog",
            "quick brown fox",
            "brown fox lazy",
            "fox lazy dog"
        ]
    );
    assert_eq!(ENGLISH_STOP_WORDS.len(), 318);
    assert_eq!(StopWords::english().len(), 318);
}

#[test]
fn stemmer_and_unicode_words() {
    let a = Analyzer::words()
        .filter(recsys_text::LowerCaser)
        .filter(Stemmer::new(StemAlgorithm::English));
    assert_eq!(a.tokens("Running runners ran"), ["run", "runner", "ran"]);
    let mut tf = TfidfVectorizer::new().analyzer(a);
    tf.fit(&["running", "runs"]).unwrap();
    assert_eq!(tf.vocabulary().unwrap().terms(), ["run"]);
}

#[test]
fn neighbours_by_hand() {
    // Rows already unit: cos(0,1) = 0.6, cos(0,2) = 0.8, cos(1,2) = 0.0, row 3 empty.
    let x = CsrMatrix::from_parts(
        2,
        vec![0, 2, 3, 4, 4],
        vec![0, 1, 0, 1],
        vec![0.6, 0.8, 1.0, 1.0],
    )
    .unwrap();
    let idx = CosineIndex::new(&x);
    let n = idx.neighbours(0, 10).unwrap();
    assert_eq!((n[0].index, n[1].index), (2, 1));
    assert!(close(n[0].score, 0.8) && close(n[1].score, 0.6));
    assert_eq!(idx.neighbours(1, 1).unwrap()[0].index, 0);
    assert!(idx.neighbours(3, 5).unwrap().is_empty());
    assert!(idx.neighbours(0, 0).unwrap().is_empty());
    assert_eq!(
        idx.neighbours(4, 1).unwrap_err(),
        TextError::RowOutOfRange { row: 4, n_rows: 4 }
    );
    // ties by lower index
    let x = CsrMatrix::from_parts(1, vec![0, 1, 2, 3], vec![0, 0, 0], vec![1.0; 3]).unwrap();
    let idx = CosineIndex::new(&x);
    assert_eq!(idx.neighbours(2, 1).unwrap()[0].index, 0);
    assert!(CsrMatrix::from_parts(1, vec![0, 1], vec![1], vec![1.0]).is_err());
    // an inner indptr entry past the end (found by the model_file fuzzer): an error, no panic
    assert!(CsrMatrix::from_parts(9, vec![0, 100, 3], vec![0, 1, 2], vec![1.0; 3]).is_err());
}

fn corpus() -> impl Strategy<Value = Vec<String>> {
    let word = prop::sample::select(vec![
        "alpha", "beta", "gamma", "delta", "the", "and", "x", "Zeta", "éta", "42", "don't",
    ]);
    let doc = prop::collection::vec(word, 0..10).prop_map(|w| w.join(" "));
    prop::collection::vec(doc, 1..25)
}

proptest! {
    #[test]
    fn rows_have_unit_norm(docs in corpus(), sub in any::<bool>(), smooth in any::<bool>()) {
        let mut tf = TfidfVectorizer::new().ngram_range(1, 2).sublinear_tf(sub).smooth_idf(smooth);
        if let Ok(x) = tf.fit_transform(&docs) {
            for i in 0..x.n_rows() {
                let v = x.row(i).1;
                if !v.is_empty() {
                    let n: f64 = v.iter().map(|&a| f64::from(a) * f64::from(a)).sum();
                    prop_assert!((n.sqrt() - 1.0).abs() < 1e-5);
                }
            }
        }
    }

    #[test]
    fn neighbours_sorted_without_self(docs in corpus(), k in 0usize..8) {
        let Ok(x) = TfidfVectorizer::new().fit_transform(&docs) else { return Ok(()) };
        let idx = CosineIndex::new(&x);
        let all = idx.all_neighbours(k);
        prop_assert_eq!(all.len(), x.n_rows());
        for (i, row) in all.iter().enumerate() {
            prop_assert!(row.len() <= k);
            prop_assert!(row.iter().all(|n| n.index != i && n.score > 0.0));
            prop_assert!(row.windows(2).all(|w| w[0].score > w[1].score
                || (w[0].score == w[1].score && w[0].index < w[1].index)));
            prop_assert_eq!(row, &idx.neighbours(i, k).unwrap());
            for n in row {
                prop_assert!((n.score - idx.similarity(i, n.index).unwrap()).abs() < 1e-5);
            }
        }
    }

    #[test]
    fn transform_equals_fit_transform(docs in corpus()) {
        let mut tf = TfidfVectorizer::new().ngram_range(1, 2);
        if let Ok(x) = tf.fit_transform(&docs) {
            prop_assert_eq!(x, tf.transform(&docs).unwrap());
        }
    }
}

/// A small sparse matrix with values of either sign (some rows empty).
fn signed_matrix() -> impl Strategy<Value = CsrMatrix> {
    (1usize..40, 1usize..12).prop_flat_map(|(n, cols)| {
        let row = prop::collection::btree_map(0..cols as u32, -3i8..4, 0..5);
        prop::collection::vec(row, n).prop_map(move |rows| {
            let mut indptr = vec![0];
            let (mut indices, mut data) = (Vec::new(), Vec::new());
            for r in rows {
                for (c, v) in r {
                    if v != 0 {
                        indices.push(c);
                        data.push(f32::from(v) * 0.5);
                    }
                }
                indptr.push(indices.len());
            }
            CsrMatrix::from_parts(cols, indptr, indices, data).unwrap()
        })
    })
}

proptest! {
    /// The vectorizer (words interned once, n-grams as id pairs, chunk vocabularies merged)
    /// against a plain reference: the analyzer's tokens counted in a `BTreeMap`.
    #[test]
    fn counts_equal_a_reference(docs in corpus(), ng in 0usize..5, stop in any::<bool>(),
                                min_df in 1usize..3) {
        let (min, max) = [(1, 1), (1, 2), (2, 2), (2, 3), (1, 3)][ng];
        let stop_words = stop.then(StopWords::english);
        let analyzer = Analyzer::sklearn(true, stop_words.clone(), min, max);
        let counted: Vec<std::collections::BTreeMap<String, f32>> = docs
            .iter()
            .map(|d| {
                let mut m = std::collections::BTreeMap::new();
                for t in analyzer.tokens(d) {
                    *m.entry(t).or_insert(0.0) += 1.0;
                }
                m
            })
            .collect();
        let mut df: std::collections::BTreeMap<&str, usize> = Default::default();
        for m in &counted {
            for t in m.keys() {
                *df.entry(t.as_str()).or_default() += 1;
            }
        }
        let vocab: Vec<&str> = df.iter().filter(|e| *e.1 >= min_df).map(|e| *e.0).collect();
        let mut cv = CountVectorizer::new().ngram_range(min, max).min_df(DocFreq::Count(min_df));
        if let Some(s) = stop_words {
            cv = cv.stop_words(s);
        }
        match cv.fit_transform(&docs) {
            Ok(x) => {
                prop_assert_eq!(cv.vocabulary().unwrap().terms(), vocab.clone());
                for (i, m) in counted.iter().enumerate() {
                    let want: Vec<f32> = vocab.iter().map(|t| m.get(*t).copied().unwrap_or(0.0)).collect();
                    prop_assert_eq!(&x.to_dense()[i], &want);
                }
                for (c, t) in vocab.iter().enumerate() {
                    prop_assert_eq!(cv.vocabulary().unwrap().get(t), Some(c));
                    prop_assert_eq!(cv.vocabulary().unwrap().term(c), Some(*t));
                }
            }
            Err(e) => prop_assert!(vocab.is_empty(), "{:?} with vocabulary {:?}", e, vocab),
        }
    }

    /// Every row's neighbours are the brute-force cosine top k (positive scores, ties by lower
    /// index), whatever the signs, and each list holds no more than k entries of memory.
    #[test]
    fn neighbours_equal_brute_force(x in signed_matrix(), k in 1usize..6) {
        let d = x.to_dense();
        let norm: Vec<f64> = d.iter().map(|r| r.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>().sqrt()).collect();
        let all = CosineIndex::new(&x).all_neighbours(k);
        for (i, got) in all.iter().enumerate() {
            prop_assert!(got.capacity() <= k && got.len() <= k);
            let mut want: Vec<(f64, usize)> = (0..d.len())
                .filter(|&j| j != i && norm[i] > 0.0 && norm[j] > 0.0)
                .map(|j| {
                    let dot: f64 = d[i].iter().zip(&d[j]).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum();
                    (dot / (norm[i] * norm[j]), j)
                })
                .filter(|e| e.0 > 1e-6)
                .collect();
            want.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            want.truncate(k);
            // values are multiples of 0.5: a true cosine is 0 or well above 1e-6; rounding
            // leaves the cancelled ones near 0
            let got: Vec<_> = got.iter().filter(|n| n.score > 1e-6).collect();
            prop_assert_eq!(got.len(), want.len(), "row {}: {:?} vs {:?}", i, got, want);
            for (g, w) in got.iter().zip(&want) {
                prop_assert!((f64::from(g.score) - w.0).abs() < 1e-5, "row {}: {:?} vs {:?}", i, got, want);
                // the same rows, up to ties
                if g.index != w.1 {
                    let s = d[i].iter().zip(&d[g.index]).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum::<f64>() / (norm[i] * norm[g.index]);
                    prop_assert!((s - w.0).abs() < 1e-5);
                }
            }
        }
    }
}
