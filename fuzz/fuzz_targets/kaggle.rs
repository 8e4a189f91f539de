//! The Movies Dataset: keywords, movies_metadata and credits (Python-literal columns), and the
//! Python-literal parser itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_data::kaggle;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    match sel % 4 {
        0 => drop(kaggle::read_keywords(&common::file("keywords.csv", body))),
        1 => drop(kaggle::read_movies_metadata(&common::file("meta.csv", body))),
        2 => drop(kaggle::read_credits(&common::file("credits.csv", body))),
        _ => {
            if let Ok(s) = std::str::from_utf8(body) {
                let _ = kaggle::parse_py_literal(s);
            }
        }
    }
});
