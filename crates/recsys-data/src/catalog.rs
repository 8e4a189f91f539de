//! The movie catalog: MovieLens movies joined through `links.csv` (movieId ↔ tmdbId ↔ imdbId) to
//! TMDB metadata (TMDB 5000 or The Movies Dataset's `movies_metadata.csv`), keywords and credits.
//!
//! [`load_catalog`] builds the catalog of a [`Dataset`] from a [`DataDir`]; [`join`] is the join
//! itself on data already loaded, and [`JoinReport`] says how much of it matched.
//!
//! ```
//! use recsys_data::catalog::{join, Credits, MovieMetadata};
//! use recsys_data::movielens::{Link, Movie};
//!
//! let movie = Movie { id: 1, title: "Toy Story (1995)".into(), year: Some(1995),
//!     genres: vec!["Animation".into()], release_date: None, imdb_url: None };
//! let link = Link { movie_id: 1, imdb_id: Some(114709), tmdb_id: Some(862) };
//! let meta = MovieMetadata { tmdb_id: 862, title: "Toy Story".into(), ..Default::default() };
//! let credits = Credits { tmdb_id: 862, cast: vec!["Tom Hanks".into()], director: Some("John Lasseter".into()) };
//! let (catalog, report) = join(&[movie], &[link], &[meta], None, Some(&[credits]));
//! assert_eq!((report.movies, report.matched_metadata, report.matched_credits), (1, 1, 1));
//! let e = catalog.by_tmdb_id(862).unwrap();
//! assert_eq!((e.movie_id, e.title.as_str(), e.director.as_deref()), (Some(1), "Toy Story", Some("John Lasseter")));
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use recsys_core::ids::{IdHashMap, RawId};
use crate::kaggle::{self, MovieKeywords};
use crate::location::{DataDir, Dataset};
use crate::movielens::{self, Link, Movie};
use recsys_core::reader::Ctx;
use crate::tmdb;

/// How many top-billed cast members a [`MovieMetadata`] and a [`CatalogEntry`] keep.
pub const TOP_CAST: usize = 10;

/// Metadata of one TMDB movie, from TMDB 5000 ([`tmdb::read_tmdb_movies`]) or The Movies
/// Dataset ([`kaggle::read_movies_metadata`]). Unknown numbers are 0, as in TMDB.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MovieMetadata {
    /// TMDB id.
    pub tmdb_id: RawId,
    /// IMDb id without `tt` (The Movies Dataset only).
    pub imdb_id: Option<u32>,
    /// Title.
    pub title: String,
    /// Title in the original language.
    pub original_title: String,
    /// Plot overview (may be empty).
    pub overview: String,
    /// Tagline (may be empty).
    pub tagline: String,
    /// Genre names.
    pub genres: Vec<String>,
    /// Keyword names (TMDB 5000 carries them; for The Movies Dataset see [`kaggle::read_keywords`]).
    pub keywords: Vec<String>,
    /// Top-billed cast (at most [`TOP_CAST`]), in billing order; filled by [`merge_credits`].
    pub cast: Vec<String>,
    /// The (first) director; filled by [`merge_credits`].
    pub director: Option<String>,
    /// Number of TMDB votes.
    pub vote_count: u32,
    /// Mean TMDB vote (0–10).
    pub vote_average: f32,
    /// Budget in dollars (0: unknown).
    pub budget: u64,
    /// Revenue in dollars (0: unknown).
    pub revenue: u64,
    /// Release date, `YYYY-MM-DD`.
    pub release_date: Option<String>,
    /// Release year.
    pub year: Option<u16>,
    /// TMDB popularity score.
    pub popularity: f64,
    /// Runtime in minutes.
    pub runtime: Option<u32>,
}

/// The credits of one movie: cast in billing order and the director.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Credits {
    /// TMDB id.
    pub tmdb_id: RawId,
    /// Every cast member's name, ordered by the `order` field.
    pub cast: Vec<String>,
    /// The first crew member whose job is `Director`.
    pub director: Option<String>,
}

/// Fills `cast` (top [`TOP_CAST`]) and `director` of each movie from the credits with its TMDB
/// id; returns how many movies got credits.
pub fn merge_credits(metadata: &mut [MovieMetadata], credits: &[Credits]) -> usize {
    let by_id = first_index(credits.iter().map(|c| c.tmdb_id));
    let mut n = 0;
    for m in metadata {
        if let Some(c) = by_id.get(&m.tmdb_id).and_then(|&k| credits.get(k)) {
            m.cast = top_cast(&c.cast);
            m.director.clone_from(&c.director);
            n += 1;
        }
    }
    n
}

fn top_cast(cast: &[String]) -> Vec<String> {
    cast.iter().take(TOP_CAST).cloned().collect()
}

/// One movie of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CatalogEntry {
    /// MovieLens movie id (`None` for the TMDB 5000 catalog).
    pub movie_id: Option<RawId>,
    /// TMDB id: the matched metadata's, else the one from `links.csv` or the title match.
    pub tmdb_id: Option<RawId>,
    /// IMDb id without `tt`.
    pub imdb_id: Option<u32>,
    /// The metadata title when matched, else the MovieLens title in display form
    /// ([`movielens::display_title`]); empty when neither is known.
    pub title: String,
    /// Year: MovieLens's, else the metadata's.
    pub year: Option<u16>,
    /// Genres: MovieLens's for MovieLens movies that have some, else the metadata's.
    pub genres: Vec<String>,
    /// Plot overview.
    pub overview: String,
    /// Tagline.
    pub tagline: String,
    /// Keywords: from `keywords.csv` when it has the movie, else the metadata's own.
    pub keywords: Vec<String>,
    /// Top-billed cast (at most [`TOP_CAST`]).
    pub cast: Vec<String>,
    /// Director.
    pub director: Option<String>,
    /// Number of TMDB votes.
    pub vote_count: u32,
    /// Mean TMDB vote.
    pub vote_average: f32,
    /// Budget in dollars (0: unknown).
    pub budget: u64,
    /// Revenue in dollars (0: unknown).
    pub revenue: u64,
    /// Release date, `YYYY-MM-DD`.
    pub release_date: Option<String>,
    /// TMDB popularity.
    pub popularity: f64,
}

/// Movies with lookups by MovieLens id and by TMDB id (the first entry wins when several
/// MovieLens movies share a TMDB id).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_movie: IdHashMap<RawId, usize>,
    by_tmdb: IdHashMap<RawId, usize>,
}

impl Catalog {
    /// A catalog of `entries`, indexed.
    pub fn new(entries: Vec<CatalogEntry>) -> Self {
        Self {
            by_movie: first_index(entries.iter().map(|e| e.movie_id)),
            by_tmdb: first_index(entries.iter().map(|e| e.tmdb_id)),
            entries,
        }
    }
    /// All entries, in input order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The entry of a MovieLens movie id.
    pub fn by_movie_id(&self, movie_id: RawId) -> Option<&CatalogEntry> {
        self.by_movie
            .get(&movie_id)
            .and_then(|&k| self.entries.get(k))
    }
    /// The (first) entry with a TMDB id.
    pub fn by_tmdb_id(&self, tmdb_id: RawId) -> Option<&CatalogEntry> {
        self.by_tmdb
            .get(&tmdb_id)
            .and_then(|&k| self.entries.get(k))
    }
}

/// Counts of a join, one field per step (serializable, e.g. to print as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JoinReport {
    /// Dataset name.
    pub dataset: String,
    /// Entries in the catalog.
    pub movies: usize,
    /// Movies with a row in the links file.
    pub with_link: usize,
    /// Movies with a TMDB id (from the links, or from the title match).
    pub with_tmdb_id: usize,
    /// Movies given a TMDB id by the title + year match (ml-100k, ml-1m).
    pub matched_by_title: usize,
    /// Movies matched to a metadata record.
    pub matched_metadata: usize,
    /// Of those, matched through the IMDb id because the TMDB id was not found.
    pub matched_by_imdb: usize,
    /// Movies found in the keyword source (`keywords.csv`; for tmdb-5000 the movies file itself).
    pub matched_keywords: usize,
    /// Movies found in the credits file.
    pub matched_credits: usize,
    /// Rows skipped as malformed in The Movies Dataset's `movies_metadata.csv`/`credits.csv`.
    pub skipped_rows: usize,
    /// The files read, relative to the data folder.
    pub sources: Vec<String>,
}

/// Joins MovieLens `movies` to `links` (by movie id), to `metadata` (by TMDB id, else IMDb id), and
/// to `keywords` and `credits` (by TMDB id). One entry per movie, in order; the report's
/// `dataset`, `matched_by_title`, `skipped_rows` and `sources` are left for the caller.
pub fn join(
    movies: &[Movie],
    links: &[Link],
    metadata: &[MovieMetadata],
    keywords: Option<&[MovieKeywords]>,
    credits: Option<&[Credits]>,
) -> (Catalog, JoinReport) {
    let link_of = first_index(links.iter().map(|l| Some(l.movie_id)));
    let by_tmdb = first_index(metadata.iter().map(|m| Some(m.tmdb_id)));
    let by_imdb = first_index(metadata.iter().map(|m| m.imdb_id.map(u64::from)));
    let mut j = Joiner::new(keywords, credits);
    j.report.movies = movies.len();
    let mut entries = Vec::with_capacity(movies.len());
    for mv in movies {
        let link = link_of.get(&mv.id).and_then(|&k| links.get(k));
        j.report.with_link += usize::from(link.is_some());
        let tmdb = link.and_then(|l| l.tmdb_id);
        j.report.with_tmdb_id += usize::from(tmdb.is_some());
        let mut meta = tmdb
            .and_then(|t| by_tmdb.get(&t))
            .and_then(|&k| metadata.get(k));
        if meta.is_none()
            && let Some(m) = link
                .and_then(|l| l.imdb_id)
                .and_then(|i| by_imdb.get(&u64::from(i)))
                .and_then(|&k| metadata.get(k))
        {
            meta = Some(m);
            j.report.matched_by_imdb += 1;
        }
        let mut e = j.entry(meta, meta.map_or(tmdb, |m| Some(m.tmdb_id)));
        e.movie_id = Some(mv.id);
        e.imdb_id = link.and_then(|l| l.imdb_id).or(e.imdb_id);
        e.year = mv.year.or(e.year);
        if meta.is_none() {
            e.title = movielens::display_title(&mv.title);
        }
        if !mv.genres.is_empty() {
            e.genres.clone_from(&mv.genres);
        }
        entries.push(e);
    }
    (Catalog::new(entries), j.report)
}

/// The catalog of metadata records themselves (one entry per record, no MovieLens ids); keywords
/// and credits are joined by TMDB id. Without `keywords`, every record counts as its own keyword
/// source.
pub fn from_metadata(
    metadata: &[MovieMetadata],
    keywords: Option<&[MovieKeywords]>,
    credits: Option<&[Credits]>,
) -> (Catalog, JoinReport) {
    let mut j = Joiner::new(keywords, credits);
    let entries: Vec<_> = metadata
        .iter()
        .map(|m| j.entry(Some(m), Some(m.tmdb_id)))
        .collect();
    let n = entries.len();
    j.report.movies = n;
    j.report.with_tmdb_id = n;
    j.report.matched_metadata = n;
    if keywords.is_none() {
        j.report.matched_keywords = n;
    }
    (Catalog::new(entries), j.report)
}

struct Joiner<'a> {
    keywords: Option<(&'a [MovieKeywords], IdHashMap<RawId, usize>)>,
    credits: Option<(&'a [Credits], IdHashMap<RawId, usize>)>,
    report: JoinReport,
}

impl<'a> Joiner<'a> {
    fn new(keywords: Option<&'a [MovieKeywords]>, credits: Option<&'a [Credits]>) -> Self {
        Self {
            keywords: keywords.map(|k| (k, first_index(k.iter().map(|x| Some(x.tmdb_id))))),
            credits: credits.map(|c| (c, first_index(c.iter().map(|x| Some(x.tmdb_id))))),
            report: JoinReport::default(),
        }
    }

    fn entry(&mut self, meta: Option<&MovieMetadata>, tmdb: Option<RawId>) -> CatalogEntry {
        let mut e = CatalogEntry {
            tmdb_id: tmdb,
            ..Default::default()
        };
        if let Some(m) = meta {
            self.report.matched_metadata += 1;
            e = CatalogEntry {
                movie_id: None,
                tmdb_id: tmdb,
                imdb_id: m.imdb_id,
                title: m.title.clone(),
                year: m.year,
                genres: m.genres.clone(),
                overview: m.overview.clone(),
                tagline: m.tagline.clone(),
                keywords: m.keywords.clone(),
                cast: m.cast.clone(),
                director: m.director.clone(),
                vote_count: m.vote_count,
                vote_average: m.vote_average,
                budget: m.budget,
                revenue: m.revenue,
                release_date: m.release_date.clone(),
                popularity: m.popularity,
            };
        }
        let Some(t) = tmdb else { return e };
        if let Some(kw) = lookup(&self.keywords, t) {
            self.report.matched_keywords += 1;
            e.keywords.clone_from(&kw.keywords);
        }
        if let Some(c) = lookup(&self.credits, t) {
            self.report.matched_credits += 1;
            e.cast = top_cast(&c.cast);
            e.director.clone_from(&c.director);
        }
        e
    }
}

fn lookup<'a, T>(src: &Option<(&'a [T], IdHashMap<RawId, usize>)>, id: RawId) -> Option<&'a T> {
    let (items, index) = src.as_ref()?;
    index.get(&id).and_then(|&k| items.get(k))
}

/// Index of the first occurrence of each (present) key.
fn first_index(
    keys: impl IntoIterator<Item = impl Into<Option<RawId>>>,
) -> IdHashMap<RawId, usize> {
    let mut m = IdHashMap::default();
    for (k, key) in keys.into_iter().enumerate() {
        if let Some(key) = key.into() {
            m.entry(key).or_insert(k);
        }
    }
    m
}

/// A title reduced for matching: lowercase, apostrophes dropped, every other run of
/// non-alphanumeric characters one space. `"Schindler's List"` → `"schindlers list"`.
pub fn normalize_title(title: &str) -> String {
    let lower = title.to_lowercase().replace(['\'', '’'], "");
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Matches MovieLens movies without links to metadata by normalized title and year: the
/// display title, its part before an alternative title in parentheses, and that alternative
/// title, against each record's title and original title; exact year first, then ±1 year.
/// Returns a synthetic [`Link`] (no IMDb id) per matched movie.
pub fn match_by_title(movies: &[Movie], metadata: &[MovieMetadata]) -> Vec<Link> {
    let mut index: HashMap<(String, u16), RawId> = HashMap::new();
    for m in metadata {
        let Some(y) = m.year else { continue };
        for t in [&m.title, &m.original_title] {
            index.entry((normalize_title(t), y)).or_insert(m.tmdb_id);
        }
    }
    let mut out = Vec::new();
    for mv in movies {
        let Some(year) = mv.year else { continue };
        let display = movielens::display_title(&mv.title);
        let mut keys = vec![normalize_title(&display)];
        if let Some((main, alt)) = display.split_once(" (") {
            keys.push(normalize_title(main));
            let alt = alt.strip_suffix(')').unwrap_or(alt);
            let alt = alt.strip_prefix("a.k.a. ").unwrap_or(alt);
            keys.push(normalize_title(&movielens::display_title(alt)));
        }
        let years = [Some(year), year.checked_sub(1), year.checked_add(1)];
        let found = years.iter().flatten().find_map(|&y| {
            keys.iter()
                .find_map(|k| index.get(&(k.clone(), y)).copied())
        });
        if let Some(t) = found {
            out.push(Link {
                movie_id: mv.id,
                imdb_id: None,
                tmdb_id: Some(t),
            });
        }
    }
    out
}

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
    fn required(&mut self, dir: &DataDir, ds: Dataset, name: &str) -> Result<std::path::PathBuf> {
        let p = dir.file(ds, name)?;
        self.note(ds, name);
        Ok(p)
    }
    fn optional(&mut self, dir: &DataDir, ds: Dataset, name: &str) -> Option<std::path::PathBuf> {
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

// ---- field parsing shared by the TMDB 5000 and The Movies Dataset readers ----

/// Parses a JSON or Python-literal field into a JSON value (error message without position).
pub(crate) type Literal = fn(&str) -> std::result::Result<Value, String>;

/// The metadata columns both files have, in the order [`metadata_row`] reads them.
pub(crate) const META_COLS: [&str; 13] = [
    "id",
    "title",
    "original_title",
    "overview",
    "tagline",
    "genres",
    "vote_count",
    "vote_average",
    "budget",
    "revenue",
    "release_date",
    "popularity",
    "runtime",
];

/// One CSV record with the positions of the columns the reader wants.
pub(crate) struct Fields<'a> {
    pub ctx: Ctx,
    pub rec: &'a csv::StringRecord,
    pub idx: &'a [usize],
}

impl<'a> Fields<'a> {
    /// A record at its line.
    pub fn new(path: &Path, rec: &'a csv::StringRecord, idx: &'a [usize], line: u64) -> Self {
        let mut ctx = Ctx::new(path);
        ctx.line = line;
        Self { ctx, rec, idx }
    }
    /// The `k`-th wanted column.
    pub fn get(&self, k: usize) -> Result<&'a str> {
        self.idx
            .get(k)
            .and_then(|&i| self.rec.get(i))
            .ok_or_else(|| self.ctx.err("too few fields").into())
    }
    /// A list of `{"name": ...}` objects (an empty field is an empty list).
    pub fn names(&self, k: usize, lit: Literal, what: &str) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Named {
            name: String,
        }
        let v: Vec<Named> = self.literal(k, lit, what)?;
        Ok(v.into_iter().map(|n| n.name).collect())
    }
    /// Field `k` parsed by `lit` and deserialized into `T`.
    pub fn literal<T: serde::de::DeserializeOwned>(
        &self,
        k: usize,
        lit: Literal,
        what: &str,
    ) -> Result<T> {
        let s = self.get(k)?.trim();
        let v = if s.is_empty() {
            Value::Array(Vec::new())
        } else {
            lit(s).map_err(|e| self.ctx.err(format!("{what}: {e}")))?
        };
        T::deserialize(v).map_err(|e| self.ctx.err(format!("{what}: {e}")).into())
    }
    /// A finite number; empty is `None`.
    pub fn number(&self, k: usize, what: &str) -> Result<Option<f64>> {
        let s = self.get(k)?.trim();
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.ctx.err(format!("{what} `{s}` is not a number")).into()),
        }
    }
    /// A non-negative whole number, also written as a float (`5415.0`); empty is `None`.
    pub fn count(&self, k: usize, what: &str) -> Result<Option<u64>> {
        match self.number(k, what)? {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v < 1.8e19 => Ok(Some(v as u64)),
            Some(v) => Err(self.ctx.err(format!("{what} {v} is not a whole number")).into()),
            None => Ok(None),
        }
    }
    /// The TMDB id (column 0 of [`META_COLS`] or another `k`).
    pub fn id(&self, k: usize, what: &str) -> Result<RawId> {
        Ok(self.ctx.u64(self.get(k)?.as_bytes(), what)?)
    }
    /// Credits from a cast and a crew list.
    pub fn credits(
        &self,
        tmdb_id: RawId,
        cast: usize,
        crew: usize,
        lit: Literal,
    ) -> Result<Credits> {
        #[derive(Deserialize)]
        struct Cast {
            name: String,
            #[serde(default)]
            order: i64,
        }
        #[derive(Deserialize)]
        struct Crew {
            name: String,
            #[serde(default)]
            job: String,
        }
        let mut c: Vec<Cast> = self.literal(cast, lit, "cast")?;
        c.sort_by_key(|m| m.order);
        let crew: Vec<Crew> = self.literal(crew, lit, "crew")?;
        Ok(Credits {
            tmdb_id,
            cast: c.into_iter().map(|m| m.name).collect(),
            director: crew
                .into_iter()
                .find(|m| m.job == "Director")
                .map(|m| m.name),
        })
    }
}

/// Reads the [`META_COLS`] of a record (indices `0..13` of `f.idx`).
pub(crate) fn metadata_row(f: &Fields<'_>, lit: Literal) -> Result<MovieMetadata> {
    let text = |k| f.get(k).map(str::to_string);
    let date = f.get(10)?.trim();
    let valid = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !date.is_empty() && !valid {
        return Err(f.ctx.err(format!("release_date `{date}` is not YYYY-MM-DD")).into());
    }
    let vote_count = f.count(6, "vote_count")?.unwrap_or(0);
    Ok(MovieMetadata {
        tmdb_id: f.id(0, "id")?,
        imdb_id: None,
        title: text(1)?,
        original_title: text(2)?,
        overview: text(3)?,
        tagline: text(4)?,
        genres: f.names(5, lit, "genres")?,
        keywords: Vec::new(),
        cast: Vec::new(),
        director: None,
        vote_count: u32::try_from(vote_count)
            .map_err(|_| f.ctx.err(format!("vote_count {vote_count} out of range")))?,
        vote_average: f.number(7, "vote_average")?.unwrap_or(0.0) as f32,
        budget: f.count(8, "budget")?.unwrap_or(0),
        revenue: f.count(9, "revenue")?.unwrap_or(0),
        year: date.get(..4).and_then(|y| y.parse().ok()),
        release_date: valid.then(|| date.to_string()),
        popularity: f.number(11, "popularity")?.unwrap_or(0.0),
        runtime: match f.number(12, "runtime")? {
            Some(v) if (0.0..1e6).contains(&v) => Some(v.round() as u32),
            Some(v) => return Err(f.ctx.err(format!("runtime {v} out of range")).into()),
            None => None,
        },
    })
}
