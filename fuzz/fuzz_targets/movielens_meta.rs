//! MovieLens movie lists, users, genres, links and tags in every layout.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_data::movielens as ml;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((sel, body, p)) = common::split_to_file(data, "meta") else {
        return;
    };
    match sel % 9 {
        0 => drop(ml::read_ml100k_items(&p)),
        1 => drop(ml::read_ml100k_users(&p)),
        2 => drop(ml::read_dat_users(&p)),
        3 => drop(ml::read_ml100k_genres(&p)),
        4 => drop(ml::read_dat_movies(&p)),
        5 => drop(ml::read_csv_movies(&p)),
        6 => drop(ml::read_links(&p)),
        7 => drop(ml::read_csv_tags(&p)),
        _ => drop(ml::read_dat_tags(&p)),
    }
    if let Ok(s) = std::str::from_utf8(body) {
        let _ = ml::split_title_year(s);
        let _ = ml::display_title(s);
    }
});
