//! TMDB 5000 movies and credits (CSV with JSON columns).
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_data::tmdb;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((sel, _, p)) = common::split_to_file(data, "tmdb.csv") else {
        return;
    };
    if sel % 2 == 0 {
        let _ = tmdb::read_tmdb_movies(&p);
    } else {
        let _ = tmdb::read_tmdb_credits(&p);
    }
});
