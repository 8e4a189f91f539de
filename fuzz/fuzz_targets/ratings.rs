//! Ratings files in the three MovieLens layouts, with every duplicate policy; the ml-100k split
//! reader on the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_core::DuplicatePolicy;
use recsys_data::movielens::{RatingsFormat, read_ratings, read_split_files};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let format = match sel % 3 {
        0 => RatingsFormat::Tab,
        1 => RatingsFormat::DoubleColon,
        _ => RatingsFormat::Csv,
    };
    let policy = match (sel / 3) % 4 {
        0 => DuplicatePolicy::KeepLast,
        1 => DuplicatePolicy::KeepFirst,
        2 => DuplicatePolicy::Mean,
        _ => DuplicatePolicy::Error,
    };
    let p = common::file("ratings", body);
    if let Ok(m) = read_ratings(&p, format, policy) {
        // a parsed matrix is consistent
        assert!(m.nnz() <= body.len());
        for e in m.iter() {
            assert!(e.rating.is_finite());
        }
    }
    let half = body.len() / 2;
    let a = common::file("u1.base", &body[..half]);
    let b = common::file("u1.test", &body[half..]);
    let _ = read_split_files(&a, &b, format);
});
