//! The corpora of the peers beyond TMDB 5000's descriptions: the ml-latest-small documents
//! ([`movielens_documents`], [`movielens_corpus`]) and the-movies-dataset `keywords.csv` as a
//! catalog ([`keywords_catalog`]).

use std::collections::HashMap;

use recsys_core::RawId;
use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
use recsys_data::kaggle::{KEYWORDS_FILE, MovieKeywords};
use recsys_data::keywords::read_keyword_rows;
use recsys_data::location::{DataDir, Dataset};
use recsys_data::movielens::{self, Movie, Tag};
use recsys_data::tmdb;

use super::Votes;
use crate::chart::vote_average;
use crate::error::HybridError;

/// A MovieLens title as the peers clean it (`content_tfidf.py`'s `clean_ml_title`): a trailing
/// `" (YYYY)"` removed, surrounding white space stripped, and a trailing `", The"`, `", A"` or
/// `", An"` moved to the front.
///
/// ```
/// use recsys_hybrid::content::clean_movielens_title;
/// assert_eq!(clean_movielens_title("Dark Knight, The (2008)"), "The Dark Knight");
/// assert_eq!(clean_movielens_title("Toy Story (1995) "), "Toy Story");
/// assert_eq!(clean_movielens_title("Misérables, Les (1995)"), "Misérables, Les");
/// assert_eq!(clean_movielens_title("Babylon 5"), "Babylon 5");
/// ```
pub fn clean_movielens_title(title: &str) -> String {
    let t = title.trim_end();
    let b = t.as_bytes();
    let n = b.len();
    let t = if n >= 6
        && b[n - 1] == b')'
        && b[n - 6] == b'('
        && b[n - 5..n - 1].iter().all(u8::is_ascii_digit)
    {
        &t[..n - 6]
    } else {
        t
    };
    let t = t.trim();
    for art in ["The", "A", "An"] {
        if let Some(stem) = t.strip_suffix(art).and_then(|s| s.strip_suffix(", ")) {
            return format!("{art} {stem}");
        }
    }
    t.to_string()
}

/// The ml-latest-small documents of the peers (`content_tfidf.py ml-latest-small`), one per
/// movie in `movies` order: the [cleaned title](clean_movielens_title), the genres (none for
/// `(no genres listed)`) and the movie's tags in file order, space-joined.
///
/// ```
/// use recsys_data::movielens::{Movie, Tag};
/// let movie = Movie { id: 1, title: "Toy Story (1995)".into(), year: Some(1995),
///     genres: vec!["Animation".into(), "Children".into()], release_date: None, imdb_url: None };
/// let tag = |t: &str| Tag { user: 1, movie: 1, tag: t.into(), timestamp: 0 };
/// let docs = recsys_hybrid::content::movielens_documents(&[movie], &[tag("pixar"), tag("fun")]);
/// assert_eq!(docs, ["Toy Story Animation Children pixar fun"]);
/// ```
pub fn movielens_documents(movies: &[Movie], tags: &[Tag]) -> Vec<String> {
    let mut by_movie: HashMap<RawId, String> = HashMap::new();
    for t in tags {
        let s = by_movie.entry(t.movie).or_default();
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.tag);
    }
    movies
        .iter()
        .map(|m| {
            format!(
                "{} {} {}",
                clean_movielens_title(&m.title),
                m.genres.join(" "),
                by_movie.get(&m.id).map_or("", String::as_str)
            )
        })
        .collect()
}

/// The ml-latest-small corpus of the peers: `movies.csv` with [`movielens_documents`].
pub fn movielens_corpus(dir: &DataDir) -> Result<(Vec<Movie>, Vec<String>), HybridError> {
    let ds = Dataset::MlLatestSmall;
    let movies = movielens::read_csv_movies(&dir.file(ds, "movies.csv")?)?;
    let tags = movielens::read_csv_tags(&dir.file(ds, "tags.csv")?)?;
    let docs = movielens_documents(&movies, &tags);
    Ok((movies, docs))
}

/// The rows of the-movies-dataset `keywords.csv` as a catalog, **one entry per row** (the 987
/// duplicated ids included, as pandas and the peers read the file), with their keyword names.
///
/// Titles as the peers give them: the [cleaned](clean_movielens_title) ml-latest-small title of
/// the TMDB id (through its `links.csv`), replaced by the TMDB 5000 title when TMDB 5000 has the
/// movie; empty (not indexed for lookup) otherwise. Year, genres, overview and votes come from
/// TMDB 5000 where it has the movie, the year from MovieLens otherwise. The ml-latest-small and
/// TMDB 5000 folders are optional.
///
/// Also returns the votes for [`ContentRecommender::with_votes`](super::ContentRecommender::with_votes): TMDB 5000's where it has the
/// movie, `None` (unknown, not zero) elsewhere.
pub fn keywords_catalog(dir: &DataDir) -> Result<(Catalog, Votes), HybridError> {
    let rows = read_keyword_rows(&dir.file(Dataset::RatingsSmall, KEYWORDS_FILE)?)?;
    let mut titles: HashMap<RawId, (String, Option<u16>)> = HashMap::new();
    let ml = Dataset::MlLatestSmall;
    if let (Ok(lp), Ok(mp)) = (dir.file(ml, "links.csv"), dir.file(ml, "movies.csv")) {
        let movies = movielens::read_csv_movies(&mp)?;
        let by_id: HashMap<RawId, &Movie> = movies.iter().map(|m| (m.id, m)).collect();
        for l in movielens::read_links(&lp)? {
            if let (Some(t), Some(m)) = (l.tmdb_id, by_id.get(&l.movie_id)) {
                titles.insert(t, (clean_movielens_title(&m.title), m.year));
            }
        }
    }
    let mut meta = HashMap::new();
    if let Ok(p) = dir.file(Dataset::Tmdb5000, tmdb::MOVIES_FILE) {
        for m in tmdb::read_tmdb_movies(&p)? {
            meta.insert(m.tmdb_id, m);
        }
    }
    let mut votes = Vec::with_capacity(rows.len());
    let entries = rows
        .into_iter()
        .map(
            |MovieKeywords {
                 tmdb_id: id,
                 keywords,
             }| {
                let mut e = CatalogEntry {
                    tmdb_id: Some(id),
                    details: MovieDetails {
                        keywords,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                if let Some((t, y)) = titles.get(&id) {
                    e.title.clone_from(t);
                    e.year = *y;
                }
                if let Some(m) = meta.get(&id) {
                    e.title.clone_from(&m.title);
                    e.year = m.year.or(e.year);
                    e.genres.clone_from(&m.genres);
                    e.details.overview.clone_from(&m.details.overview);
                    e.details.tagline.clone_from(&m.details.tagline);
                    e.details.vote_count = m.details.vote_count;
                    e.details.vote_average = m.details.vote_average;
                    e.details.popularity = m.details.popularity;
                }
                votes.push(
                    meta.contains_key(&id)
                        .then(|| (f64::from(e.details.vote_count), vote_average(&e))),
                );
                e
            },
        )
        .collect();
    Ok((Catalog::new(entries), votes))
}
