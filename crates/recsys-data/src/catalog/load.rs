//! [`load_catalog`]: the catalog of a dataset from the files of a data folder.

use std::path::PathBuf;

use super::Catalog;
use super::join::{JoinReport, from_metadata, join};
use super::title_match::match_by_title;
use crate::error::Result;
use crate::id_index::first_index;
use crate::kaggle::{self, MovieKeywords};
use crate::location::{DataDir, Dataset};
use crate::metadata::{Credits, MovieMetadata};
use crate::movielens::{self, Link, Movie};
use crate::tmdb;

/// Loads the catalog of `ds` from `dir`, with the report of the join:
///
/// - `tmdb-5000`: `tmdb_5000_movies.csv` (with its own keywords) and `tmdb_5000_credits.csv`.
/// - `ml-latest-small`: `movies.csv` + `links.csv`, joined to the TMDB 5000 metadata.
/// - `ratings-small`: the movies of `links_small.csv`, joined to `movies_metadata.csv` when present,
///   else to TMDB 5000. Titles, years and genres come from `ml-latest-small/movies.csv` when that
///   folder is present and has the movieId (the 2018 build has 7,084 of the 9,125); a movie found
///   in neither it nor the metadata has an empty title and no year.
/// - `ml-100k`, `ml-1m`: the movie list, matched to TMDB 5000 by [`match_by_title`].
///
/// In every MovieLens case, keywords come from the-movies-dataset `keywords.csv` and credits from
/// its `credits.csv`, else from TMDB 5000's credits. Optional sources that are absent are not
/// joined (their counts stay 0); a missing required file is
/// [`DataError::DatasetNotFound`](crate::DataError::DatasetNotFound).
pub fn load_catalog(dir: &DataDir, ds: Dataset) -> Result<(Catalog, JoinReport)> {
    let mut src = Sources::default();
    let (catalog, mut report) = match ds {
        Dataset::Tmdb5000 => {
            let meta = tmdb::read_tmdb_movies(&src.required(dir, ds, tmdb::MOVIES_FILE)?)?;
            let credits = tmdb::read_tmdb_credits(&src.required(dir, ds, tmdb::CREDITS_FILE)?)?;
            from_metadata(&meta, None, Some(&credits))
        }
        Dataset::MlLatestSmall => {
            let movies = movielens::read_csv_movies(&src.required(dir, ds, "movies.csv")?)?;
            let links = movielens::read_links(&src.required(dir, ds, "links.csv")?)?;
            src.load_external(dir, false)?;
            src.join(&movies, &links)
        }
        Dataset::RatingsSmall => {
            let links = movielens::read_links(&src.required(dir, ds, "links_small.csv")?)?;
            let ml = match src.optional(dir, Dataset::MlLatestSmall, "movies.csv") {
                Some(p) => movielens::read_csv_movies(&p)?,
                None => Vec::new(),
            };
            let by_id = first_index(ml.iter().map(|m| Some(m.id)));
            let movies: Vec<Movie> = links
                .iter()
                .map(|l| match by_id.get(&l.movie_id).and_then(|&k| ml.get(k)) {
                    Some(m) => m.clone(),
                    None => Movie {
                        id: l.movie_id,
                        title: String::new(),
                        year: None,
                        genres: Vec::new(),
                        release_date: None,
                        imdb_url: None,
                    },
                })
                .collect();
            src.load_external(dir, true)?;
            src.join(&movies, &links)
        }
        Dataset::Ml100k | Dataset::Ml1m => {
            src.required(
                dir,
                ds,
                if ds == Dataset::Ml100k {
                    "u.item"
                } else {
                    "movies.dat"
                },
            )?;
            let movies = dir.load_movies(ds)?;
            src.load_external(dir, false)?;
            let links = match_by_title(&movies, &src.metadata);
            let (c, mut r) = src.join(&movies, &links);
            (r.with_link, r.matched_by_title) = (0, links.len());
            (c, r)
        }
    };
    report.dataset = ds.name().to_string();
    report.skipped_rows = src.skipped;
    report.sources = src.names;
    Ok((catalog, report))
}

#[derive(Default)]
struct Sources {
    metadata: Vec<MovieMetadata>,
    keywords: Option<Vec<MovieKeywords>>,
    credits: Option<Vec<Credits>>,
    skipped: usize,
    names: Vec<String>,
}

impl Sources {
    fn note(&mut self, ds: Dataset, name: &str) {
        self.names.push(format!("{}/{name}", ds.folder()));
    }
    fn required(&mut self, dir: &DataDir, ds: Dataset, name: &str) -> Result<PathBuf> {
        let p = dir.file(ds, name)?;
        self.note(ds, name);
        Ok(p)
    }
    fn optional(&mut self, dir: &DataDir, ds: Dataset, name: &str) -> Option<PathBuf> {
        let p = dir.file(ds, name).ok()?;
        self.note(ds, name);
        Some(p)
    }

    /// Metadata (`movies_metadata.csv` if `kaggle_metadata` and present, else TMDB 5000),
    /// `keywords.csv`, and credits (`credits.csv`, else TMDB 5000's), each when present.
    fn load_external(&mut self, dir: &DataDir, kaggle_metadata: bool) -> Result<()> {
        let tmd = Dataset::RatingsSmall; // the-movies-dataset folder
        let tmdb5000 = Dataset::Tmdb5000;
        let kaggle_meta = if kaggle_metadata {
            self.optional(dir, tmd, kaggle::METADATA_FILE)
        } else {
            None
        };
        if let Some(p) = kaggle_meta {
            let m = kaggle::read_movies_metadata(&p)?;
            self.skipped += m.skipped.count;
            self.metadata = m.items;
        } else if let Some(p) = self.optional(dir, tmdb5000, tmdb::MOVIES_FILE) {
            self.metadata = tmdb::read_tmdb_movies(&p)?;
        }
        if let Some(p) = self.optional(dir, tmd, kaggle::KEYWORDS_FILE) {
            self.keywords = Some(kaggle::read_keywords(&p)?.items);
        }
        if let Some(p) = self.optional(dir, tmd, kaggle::CREDITS_FILE) {
            let c = kaggle::read_credits(&p)?;
            self.skipped += c.skipped.count;
            self.credits = Some(c.items);
        } else if let Some(p) = self.optional(dir, tmdb5000, tmdb::CREDITS_FILE) {
            self.credits = Some(tmdb::read_tmdb_credits(&p)?);
        }
        Ok(())
    }

    fn join(&self, movies: &[Movie], links: &[Link]) -> (Catalog, JoinReport) {
        join(
            movies,
            links,
            &self.metadata,
            self.keywords.as_deref(),
            self.credits.as_deref(),
        )
    }
}
