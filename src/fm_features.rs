//! Side columns of the datasets as factorization-machine features: what `recsys-fm` cannot know
//! (it never depends on `recsys-data`). [`ml100k_side_features`] reads ml-100k's `u.user` and
//! `u.item` into groups of the user and item blocks, the way myFM's ml-100k example encodes
//! them.

use std::collections::HashMap;

use recsys_core::Interactions;
use recsys_core::traits::BoxError;
use recsys_data::movielens::{read_ml100k_items, read_ml100k_users};
use recsys_data::{DataDir, Dataset};
use recsys_fm::features::UserItemFeatures;

/// Age bins (upper bounds, exclusive) of the `age` group: MovieLens 1M's age codes.
const AGE_BOUNDS: [u32; 6] = [18, 25, 35, 45, 50, 56];

/// The user and item blocks of ml-100k over `train`'s index spaces: one-hot ids, the
/// normalized implicit sets with `implicit` ([`UserItemFeatures::builders`]), and the groups
/// `age` (7 bins), `gender`, `occupation`, `zip` (first character) for users and `year`
/// (release decade, one bin for none) and `genre` (the movie's genres, `1/√n` each) for items.
/// Users and items of `train` missing from the files get no side feature.
pub fn ml100k_side_features(
    dir: &DataDir,
    train: &Interactions,
    implicit: bool,
) -> Result<UserItemFeatures, BoxError> {
    let users = read_ml100k_users(&dir.file(Dataset::Ml100k, "u.user")?)?;
    let movies = read_ml100k_items(&dir.file(Dataset::Ml100k, "u.item")?)?;
    let (mut ub, mut ib) = UserItemFeatures::builders(train, implicit)?;
    let vocab = |values: Vec<String>| -> HashMap<String, usize> {
        let mut v = values;
        v.sort();
        v.dedup();
        v.into_iter().enumerate().map(|(i, s)| (s, i)).collect()
    };
    let genders = vocab(users.iter().map(|u| u.gender.clone()).collect());
    let jobs = vocab(users.iter().map(|u| u.occupation.clone()).collect());
    let zip1 = |z: &str| z.chars().next().map(String::from).unwrap_or_default();
    let zips = vocab(users.iter().map(|u| zip1(&u.zip)).collect());
    let age = ub.group("age", AGE_BOUNDS.len() + 1)?;
    let gender = ub.group("gender", genders.len().max(1))?;
    let job = ub.group("occupation", jobs.len().max(1))?;
    let zip = ub.group("zip", zips.len().max(1))?;
    for u in &users {
        let Ok(r) = train.user_index(u.id) else {
            continue;
        };
        let r = r as usize;
        let bin = AGE_BOUNDS.iter().take_while(|&&b| u.age >= b).count();
        ub.set(r, age, bin, 1.0)?;
        ub.set(r, gender, genders[&u.gender], 1.0)?;
        ub.set(r, job, jobs[&u.occupation], 1.0)?;
        ub.set(r, zip, zips[&zip1(&u.zip)], 1.0)?;
    }
    let decades = vocab(
        movies
            .iter()
            .map(|m| m.year.map_or("none".into(), |y| (y / 10).to_string()))
            .collect(),
    );
    let genres = vocab(movies.iter().flat_map(|m| m.genres.clone()).collect());
    let year = ib.group("year", decades.len().max(1))?;
    let genre = ib.group("genre", genres.len().max(1))?;
    for m in &movies {
        let Ok(r) = train.item_index(m.id) else {
            continue;
        };
        let r = r as usize;
        let d = m.year.map_or("none".into(), |y| (y / 10).to_string());
        ib.set(r, year, decades[&d], 1.0)?;
        let cols: Vec<u32> = m.genres.iter().map(|g| genres[g] as u32).collect();
        if !cols.is_empty() {
            ib.set_normalized(r, genre, &cols)?;
        }
    }
    Ok(UserItemFeatures::new(ub.build()?, ib.build()?)?)
}
