//! MovieLens loaders: the 100K files (`u.data`, `u.item`, `u.user`, `u.genre`, official splits),
//! the `.dat` format of 1M/10M (`::`-separated, latin-1 `movies.dat`), and the CSV format of
//! ml-latest-small, ml-latest, ml-20m, ml-25m and ml-32m (`ratings.csv`, `movies.csv`,
//! `links.csv`, `tags.csv`).
//!
//! Every loader reads the whole file once, streams its lines into the result, and reports a
//! malformed record as [`CoreError::Parse`](recsys_core::CoreError::Parse) with the file and
//! line.

mod dat;
mod links;
mod movies;
mod ratings;
mod tags;
mod titles;
mod users;

pub use links::{Link, read_links};
pub use movies::{
    ML100K_GENRES, Movie, read_csv_movies, read_dat_movies, read_ml100k_genres, read_ml100k_items,
};
pub use ratings::{
    ML100K_SPLITS, RATING_RANGE, RatingsFormat, file_order, read_ml100k_split, read_ratings,
    read_ratings_into, read_split_files,
};
pub use tags::{Tag, read_csv_tags, read_dat_tags};
pub use titles::{display_title, split_title_year};
pub use users::{User, read_dat_users, read_ml100k_users};
