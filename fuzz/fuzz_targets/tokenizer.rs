//! The tokenizer pipelines and the vectorizers on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_text::{Analyzer, CosineIndex, StemAlgorithm, Stemmer, StopWords, TfidfVectorizer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Analyzer::words().tokens(text);
    let _ = Analyzer::sklearn(true, Some(StopWords::english()), 1, 2).tokens(text);
    let _ = Analyzer::words()
        .filter(Stemmer::new(StemAlgorithm::English))
        .tokens(text);
    let docs: Vec<&str> = text.split('\n').collect();
    let mut v = TfidfVectorizer::new()
        .ngram_range(1, 2)
        .stop_words(StopWords::english());
    if let Ok(x) = v.fit_transform(&docs) {
        let index = CosineIndex::new(&x);
        let _ = index.all_neighbours(3);
    }
});
