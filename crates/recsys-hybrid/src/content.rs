//! The content-based recommender of the seed: TF-IDF (word 1–2 grams, English stop words) over
//! title + overview + tagline, the `pool` most cosine-similar movies to a title, re-ranked by the
//! IMDB weighted rating, top `top` returned — the Kaggle kernel's "improved recommendations", where
//! C and m are computed **within the candidate pool** (m = the `quantile` of the candidates' vote
//! counts; candidates with fewer votes are dropped).
//!
//! The recommender works over any [`Catalog`] and any document-term matrix of its entries
//! ([`ContentRecommender::from_matrix`]); this module also builds the corpora of the project:
//!
//! - TMDB 5000: [`description`] (title + overview + tagline) of each movie;
//! - ml-latest-small: [`movielens_documents`] (the peers' title without year + genres + tags), over
//!   the MovieLens catalog joined to TMDB metadata (`recsys_data::catalog::load_catalog`);
//! - the-movies-dataset `keywords.csv`: [`keywords_catalog`], every row (duplicated ids
//!   included, as pandas reads it) with titles from MovieLens links and TMDB 5000;
//! - the "metadata soup" of keywords, cast, director and genres: [`crate::soup`].

use std::collections::HashMap;
use std::path::Path;

use recsys_data::catalog::{Catalog, CatalogEntry};
use recsys_data::location::{DataDir, Dataset};
use recsys_data::movielens::{self, Movie, Tag};
use recsys_data::{kaggle, tmdb};
use recsys_core::{RawId, reader};
use recsys_text::{CosineIndex, CsrMatrix, Neighbour, StopWords, TfidfVectorizer};

use crate::chart::vote_average;
use crate::{HybridError, TitleIndex, WeightedRating};

/// Settings of [`ContentRecommender`] (defaults: the seed's — 30 candidates, top 10, m at the
/// 0.60 quantile).
#[derive(Debug, Clone, PartialEq)]
pub struct ContentParams {
    /// Candidates taken by cosine similarity (default 30).
    pub pool: usize,
    /// Movies returned (default 10).
    pub top: usize,
    /// Quantile of the candidates' vote counts used as m (default 0.60).
    pub quantile: f64,
}

impl Default for ContentParams {
    fn default() -> Self {
        Self {
            pool: 30,
            top: 10,
            quantile: 0.6,
        }
    }
}

/// One recommended movie.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ContentItem {
    /// Position in the catalog's entries.
    pub index: usize,
    /// Title.
    pub title: String,
    /// Release year.
    pub year: Option<u16>,
    /// Cosine similarity with the query movie.
    pub similarity: f32,
    /// Weighted rating within the candidate pool; `None` when no candidate of the pool has
    /// votes (the list is then the cosine order).
    pub wr: Option<f64>,
}

/// A cosine index over a catalog's documents, with a title index and the votes used to re-rank.
#[derive(Debug)]
pub struct ContentRecommender {
    index: CosineIndex,
    titles: TitleIndex,
    votes: Votes,
    terms: usize,
    nnz: usize,
}

/// Votes of the re-ranking, one per catalog entry: `(vote count, vote average)`, `None` where
/// unknown.
pub type Votes = Vec<Option<(f64, f64)>>;

/// The document of a catalog entry: `title + " " + overview + " " + tagline`, as the peers build it.
pub fn description(e: &CatalogEntry) -> String {
    format!("{} {} {}", e.title, e.overview, e.tagline)
}

/// The votes of every entry as the TMDB 5000 kernel uses them: `(vote_count, vote_average)`.
pub fn catalog_votes(catalog: &Catalog) -> Votes {
    catalog
        .entries()
        .iter()
        .map(|e| Some((f64::from(e.vote_count), vote_average(e))))
        .collect()
}

/// The votes of every entry from MovieLens ratings: `(number of ratings, mean rating)` of the
/// entry's `movie_id` in `ratings`, `None` for entries without a movie id or without ratings (as
/// the peers' `weighted_rating.py --source ml-latest-small` counts them).
///
/// ```
/// use recsys_data::catalog::{Catalog, CatalogEntry};
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// let cat = Catalog::new(vec![
///     CatalogEntry { movie_id: Some(7), ..Default::default() },
///     CatalogEntry { movie_id: Some(8), ..Default::default() },
/// ]);
/// let mut b = InteractionsBuilder::new();
/// for (u, r) in [(1, 4.0), (2, 2.0)] { b.push(u, 7, r, None)?; }
/// let ratings = b.build(DuplicatePolicy::KeepLast)?;
/// assert_eq!(recsys_hybrid::content::rating_votes(&ratings, &cat), vec![Some((2.0, 3.0)), None]);
/// # Ok::<(), recsys_data::DataError>(())
/// ```
pub fn rating_votes(ratings: &recsys_core::Interactions, catalog: &Catalog) -> Votes {
    let by_item = ratings.by_item();
    catalog
        .entries()
        .iter()
        .map(|e| {
            let i = ratings.items().index(e.movie_id?)?;
            let (_, r) = by_item.item(i);
            if r.is_empty() {
                return None;
            }
            let n = r.len() as f64;
            Some((n, r.iter().map(|&x| f64::from(x)).sum::<f64>() / n))
        })
        .collect()
}

impl ContentRecommender {
    /// TF-IDF over every entry's [`description`] (word 1–2 grams, scikit-learn's English stop
    /// words, smooth idf, l2 norm), votes from the catalog ([`catalog_votes`]).
    pub fn fit(catalog: &Catalog) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::Empty("the catalog has no movies"));
        }
        let docs: Vec<String> = catalog.entries().iter().map(description).collect();
        Self::fit_documents(catalog, &docs)
    }

    /// TF-IDF (as [`fit`](Self::fit)) over the given documents, one per catalog entry.
    pub fn fit_documents<S: AsRef<str> + Sync>(
        catalog: &Catalog,
        docs: &[S],
    ) -> Result<Self, HybridError> {
        let mut v = TfidfVectorizer::new()
            .ngram_range(1, 2)
            .stop_words(StopWords::english());
        let x = v.fit_transform(docs)?;
        let terms = v.vocabulary().map_or(0, |t| t.len());
        Self::from_matrix(catalog, &x, terms)
    }

    /// A recommender over `x`, whose row `i` describes catalog entry `i` (TF-IDF, counts, …;
    /// rows are L2-normalized by the cosine index), with `terms` the vocabulary size.
    ///
    /// Errors: [`HybridError::Empty`] for an empty catalog, [`HybridError::InvalidParameter`]
    /// when `x` has not one row per entry.
    pub fn from_matrix(
        catalog: &Catalog,
        x: &CsrMatrix,
        terms: usize,
    ) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::Empty("the catalog has no movies"));
        }
        if x.n_rows() != catalog.len() {
            return Err(HybridError::InvalidParameter {
                name: "x",
                reason: format!(
                    "{} rows for a catalog of {} movies",
                    x.n_rows(),
                    catalog.len()
                ),
            });
        }
        Ok(Self {
            index: CosineIndex::new(x),
            titles: TitleIndex::new(catalog),
            votes: catalog_votes(catalog),
            terms,
            nnz: x.nnz(),
        })
    }

    /// Replaces the votes used by the re-ranking: `(count, average)` per catalog entry, `None`
    /// where unknown (such candidates are left out of the re-ranked list, as the kernel drops
    /// missing vote counts). Errors when `votes` has not one entry per catalog entry.
    pub fn with_votes(mut self, votes: Votes) -> Result<Self, HybridError> {
        if votes.len() != self.votes.len() {
            return Err(HybridError::InvalidParameter {
                name: "votes",
                reason: format!("{} votes for {} movies", votes.len(), self.votes.len()),
            });
        }
        self.votes = votes;
        Ok(self)
    }

    /// Vocabulary size.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// Non-zeros of the document-term matrix.
    pub fn nnz(&self) -> usize {
        self.nnz
    }

    /// The cosine index (for all-neighbour runs).
    pub fn index(&self) -> &CosineIndex {
        &self.index
    }

    /// The title index.
    pub fn titles(&self) -> &TitleIndex {
        &self.titles
    }

    /// The `k` movies most similar to catalog entry `entry` by cosine.
    pub fn neighbours(&self, entry: usize, k: usize) -> Result<Vec<Neighbour>, HybridError> {
        Ok(self.index.neighbours(entry, k)?)
    }

    /// The seed's improved recommendations for `title` (looked up forgivingly; the most-voted
    /// match when several movies share it): the `pool` most similar, those with at least m votes,
    /// ranked by weighted rating, top `top`. An unknown title is [`HybridError::UnknownTitle`]
    /// with suggestions.
    pub fn similar(
        &self,
        catalog: &Catalog,
        title: &str,
        p: &ContentParams,
    ) -> Result<Vec<ContentItem>, HybridError> {
        let entry = self.titles.find_first(title)?;
        self.similar_to(catalog, entry, p)
    }

    /// [`ContentRecommender::similar`] for a catalog position.
    pub fn similar_to(
        &self,
        catalog: &Catalog,
        entry: usize,
        p: &ContentParams,
    ) -> Result<Vec<ContentItem>, HybridError> {
        let entries = catalog.entries();
        if entries.len() != self.votes.len() {
            return Err(HybridError::InvalidParameter {
                name: "catalog",
                reason: "not the catalog the recommender was fitted on".into(),
            });
        }
        let cands = self.neighbours(entry, p.pool)?;
        let item = |n: &Neighbour, wr: Option<f64>| ContentItem {
            index: n.index,
            title: entries[n.index].title.clone(),
            year: entries[n.index].year,
            similarity: n.score,
            wr,
        };
        let voted: Vec<(&Neighbour, (f64, f64))> = cands
            .iter()
            .filter_map(|n| self.votes[n.index].map(|v| (n, v)))
            .collect();
        if voted.is_empty() {
            return Ok(cands.iter().take(p.top).map(|n| item(n, None)).collect());
        }
        let pairs: Vec<(f64, f64)> = voted.iter().map(|x| x.1).collect();
        let wr = WeightedRating::fit(&pairs, p.quantile)?;
        let mut out: Vec<ContentItem> = voted
            .iter()
            .filter(|(_, (v, _))| *v >= wr.m)
            .map(|&(n, (v, r))| item(n, Some(wr.score(v, r))))
            .collect();
        out.sort_by(|a, b| {
            b.wr.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.wr.unwrap_or(f64::NEG_INFINITY))
                .then(a.index.cmp(&b.index))
        });
        out.truncate(p.top);
        Ok(out)
    }
}

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
/// Also returns the votes for [`ContentRecommender::with_votes`]: TMDB 5000's where it has the
/// movie, `None` (unknown, not zero) elsewhere.
pub fn keywords_catalog(dir: &DataDir) -> Result<(Catalog, Votes), HybridError> {
    let path = dir.file(Dataset::RatingsSmall, kaggle::KEYWORDS_FILE)?;
    let rows = read_keywords_rows(&path)?;
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
        .map(|(id, keywords)| {
            let mut e = CatalogEntry {
                tmdb_id: Some(id),
                keywords,
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
                e.overview.clone_from(&m.overview);
                e.tagline.clone_from(&m.tagline);
                e.vote_count = m.vote_count;
                e.vote_average = m.vote_average;
                e.popularity = m.popularity;
            }
            votes.push(
                meta.contains_key(&id)
                    .then(|| (f64::from(e.vote_count), vote_average(&e))),
            );
            e
        })
        .collect();
    Ok((Catalog::new(entries), votes))
}

/// Every row of `keywords.csv` as (TMDB id, keyword names), duplicates kept, in file order.
fn read_keywords_rows(path: &Path) -> Result<Vec<(RawId, Vec<String>)>, HybridError> {
    let mut rdr = reader::csv_reader(path)?;
    let headers = rdr
        .headers()
        .map_err(|e| reader::csv_error(path, &e))?
        .clone();
    let idx = reader::header_indices(path, &headers, &["id", "keywords"])?;
    let mut ctx = reader::Ctx::new(path);
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| reader::csv_error(path, &e))?;
        ctx.line = rec.position().map_or(0, |p| p.line());
        let field = |k: usize| rec.get(idx[k]).ok_or_else(|| ctx.err("too few fields"));
        let id = ctx.u64(field(0)?.as_bytes(), "id")?;
        let lit = field(1)?.trim();
        let mut names = Vec::new();
        if !lit.is_empty() {
            let v = kaggle::parse_py_literal(lit)
                .map_err(|e| ctx.err(format!("keywords: invalid Python literal: {e}")))?;
            let list = v
                .as_array()
                .ok_or_else(|| ctx.err("keywords: not a list"))?;
            for k in list {
                let name = k["name"]
                    .as_str()
                    .ok_or_else(|| ctx.err("keywords: an item without a string `name`"))?;
                names.push(name.to_string());
            }
        }
        out.push((id, names));
    }
    Ok(out)
}
