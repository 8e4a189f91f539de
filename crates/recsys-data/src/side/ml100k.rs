//! [`ml100k_side_features`]: ml-100k's `u.user` and `u.item` as side features.

use recsys_core::side::SideFeatures;

use super::vocabulary;
use crate::error::Result;
use crate::location::{DataDir, Dataset};
use crate::movielens::{read_ml100k_items, read_ml100k_users};

/// Age bins (upper bounds, exclusive) of the `age` group: MovieLens 1M's age codes.
pub const AGE_BOUNDS: [u32; 6] = [18, 25, 35, 45, 50, 56];

/// The side features of ml-100k's users and movies, by raw id. Users: the groups `age` (7 bins,
/// [`AGE_BOUNDS`]), `gender`, `occupation` and `zip` (the code's first character), one-hot.
/// Movies: `year` (the release decade, one column for none), one-hot, and `genre` (the movie's
/// genres, `1/√n` each). Every vocabulary is sorted.
pub fn ml100k_side_features(dir: &DataDir) -> Result<(SideFeatures, SideFeatures)> {
    let users = read_ml100k_users(&dir.file(Dataset::Ml100k, "u.user")?)?;
    let movies = read_ml100k_items(&dir.file(Dataset::Ml100k, "u.item")?)?;
    let zip1 = |z: &str| z.chars().next().map(String::from).unwrap_or_default();
    let (genders, gender_col) = vocabulary(users.iter().map(|u| u.gender.clone()));
    let (jobs, job_col) = vocabulary(users.iter().map(|u| u.occupation.clone()));
    let (zips, zip_col) = vocabulary(users.iter().map(|u| zip1(&u.zip)));
    let mut us = SideFeatures::default();
    let age = us.group("age", AGE_BOUNDS.len() + 1)?;
    let gender = us.group("gender", genders.len().max(1))?;
    let job = us.group("occupation", jobs.len().max(1))?;
    let zip = us.group("zip", zips.len().max(1))?;
    for u in &users {
        let bin = AGE_BOUNDS.iter().take_while(|&&b| u.age >= b).count();
        us.set(u.id, age, bin, 1.0)?;
        us.set(u.id, gender, gender_col[&u.gender] as usize, 1.0)?;
        us.set(u.id, job, job_col[&u.occupation] as usize, 1.0)?;
        us.set(u.id, zip, zip_col[&zip1(&u.zip)] as usize, 1.0)?;
    }
    let decade = |y: Option<u16>| y.map_or("none".into(), |y| (y / 10).to_string());
    let (decades, decade_col) = vocabulary(movies.iter().map(|m| decade(m.year)));
    let (genres, genre_col) = vocabulary(movies.iter().flat_map(|m| m.genres.clone()));
    let mut is = SideFeatures::default();
    let year = is.group("year", decades.len().max(1))?;
    let genre = is.group("genre", genres.len().max(1))?;
    for m in &movies {
        is.set(m.id, year, decade_col[&decade(m.year)] as usize, 1.0)?;
        let cols: Vec<u32> = m.genres.iter().map(|g| genre_col[g]).collect();
        is.set_normalized(m.id, genre, &cols)?;
    }
    Ok((us, is))
}
