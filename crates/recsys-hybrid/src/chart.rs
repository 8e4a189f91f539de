//! Weighted-rating charts over a [`Catalog`]: the movies with at least `m` votes, ranked by the
//! IMDB weighted rating ([`WeightedRating`]).
//!
//! The rule is the peers' `weighted_rating.py` (and the Kaggle kernel it follows):
//!
//! - `C` is the mean vote average over **every** movie considered (movies with 0 votes included);
//! - `m` is the `quantile` of the vote counts over the same movies, interpolated linearly
//!   (pandas' default);
//! - a movie qualifies when `vote_count >= m`;
//! - qualified movies are ranked by WR, descending. Ties (equal WR) are broken by vote count
//!   (more first), then title, then catalog position, so the chart is deterministic.
//!
//! Vote averages are stored as `f32` in the catalog; they are widened through their shortest
//! decimal form (`6.1f32` becomes `6.1f64`, not `6.099999904…`), so `C` and WR equal those that
//! pandas computes from the CSV text.
//!
//! For catalogs joined from MovieLens, movies without TMDB metadata carry 0 votes and a 0 average
//! and so count in `C` and `m` like TMDB's own unvoted movies do.
//!
//! ```
//! use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
//! use recsys_hybrid::chart::chart;
//!
//! let movie = |title: &str, vote_count: u32, vote_average: f32| CatalogEntry {
//!     title: title.into(),
//!     details: MovieDetails { vote_count, vote_average, ..Default::default() },
//!     ..Default::default()
//! };
//! let catalog = Catalog::new(vec![
//!     movie("Obscure", 0, 5.0),
//!     movie("Cult", 10, 6.0),
//!     movie("Solid", 20, 7.0),
//!     movie("Classic", 30, 8.0),
//!     movie("Masterpiece", 40, 9.0),
//! ]);
//! // C = 7, m = quantile(0.6) of 0,10,20,30,40 = 24: Classic and Masterpiece qualify.
//! let top = chart(&catalog, 0.6, 10)?;
//! assert_eq!((top.rating.c, top.rating.m, top.qualified), (7.0, 24.0, 2));
//! assert_eq!(top.titles(&catalog), ["Masterpiece", "Classic"]);
//! assert_eq!(top.rows[0].wr, 8.25); // 40/64·9 + 24/64·7
//! # Ok::<(), recsys_hybrid::HybridError>(())
//! ```

use recsys_core::WrapsCore;
use std::cmp::Ordering;

use recsys_data::catalog::{Catalog, CatalogEntry};

use crate::error::HybridError;
use crate::weighted::WeightedRating;

/// One movie of a [`Chart`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartRow {
    /// Position of the movie in [`Catalog::entries`].
    pub index: usize,
    /// Its weighted rating.
    pub wr: f64,
}

/// A weighted-rating chart: the fitted `C` and `m`, how many movies qualified, and the top rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// `C` and `m` of the movies considered.
    pub rating: WeightedRating,
    /// Number of movies considered (the whole catalog, or one genre's movies).
    pub considered: usize,
    /// Number of movies with `vote_count >= m`.
    pub qualified: usize,
    /// The best `n` qualified movies, best first.
    pub rows: Vec<ChartRow>,
}

impl Chart {
    /// The catalog entries of the rows, best first (`catalog` must be the charted one).
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
    /// let catalog = Catalog::new(vec![CatalogEntry {
    ///     title: "Solo".into(),
    ///     details: MovieDetails { vote_count: 3, vote_average: 7.0, ..Default::default() },
    ///     ..Default::default()
    /// }]);
    /// let top = recsys_hybrid::chart::chart(&catalog, 0.5, 5)?;
    /// assert_eq!(top.entries(&catalog)[0].title, "Solo");
    /// # Ok::<(), recsys_hybrid::HybridError>(())
    /// ```
    pub fn entries<'c>(&self, catalog: &'c Catalog) -> Vec<&'c CatalogEntry> {
        self.rows
            .iter()
            .filter_map(|r| catalog.entries().get(r.index))
            .collect()
    }

    /// The titles of the rows, best first (`catalog` must be the charted one).
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
    /// let catalog = Catalog::new(vec![CatalogEntry {
    ///     title: "Solo".into(),
    ///     details: MovieDetails { vote_count: 3, vote_average: 7.0, ..Default::default() },
    ///     ..Default::default()
    /// }]);
    /// let top = recsys_hybrid::chart::chart(&catalog, 0.5, 5)?;
    /// assert_eq!(top.titles(&catalog), ["Solo"]);
    /// # Ok::<(), recsys_hybrid::HybridError>(())
    /// ```
    pub fn titles<'c>(&self, catalog: &'c Catalog) -> Vec<&'c str> {
        self.entries(catalog)
            .into_iter()
            .map(|e| e.title.as_str())
            .collect()
    }
}

/// The vote average of an entry as `f64`, through its shortest decimal form.
///
/// ```
/// use recsys_data::catalog::{CatalogEntry, MovieDetails};
/// let details = MovieDetails { vote_average: 6.1, ..Default::default() };
/// let e = CatalogEntry { details, ..Default::default() };
/// assert_eq!(recsys_hybrid::chart::vote_average(&e), 6.1_f64);
/// ```
pub fn vote_average(entry: &CatalogEntry) -> f64 {
    let x = entry.details.vote_average;
    x.to_string().parse::<f64>().unwrap_or(f64::from(x))
}

/// The weighted-rating chart of the whole catalog: `C` and `m` (the `quantile` of the vote
/// counts) over every entry, then the top `n` qualified movies (see the [module](self) docs).
///
/// Errors: [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) for a `quantile` outside `[0, 1]`,
/// [`CoreError::Empty`](recsys_core::CoreError::Empty) for an empty catalog.
///
/// ```
/// use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
/// let movie = |title: &str, vote_count: u32, vote_average: f32| CatalogEntry {
///     title: title.into(),
///     details: MovieDetails { vote_count, vote_average, ..Default::default() },
///     ..Default::default()
/// };
/// let catalog = Catalog::new(vec![movie("A", 100, 8.0), movie("B", 100, 6.0), movie("C", 1, 10.0)]);
/// // C = 8, m = median(1, 100, 100) = 100; "C" has too few votes.
/// let top = recsys_hybrid::chart::chart(&catalog, 0.5, 10)?;
/// assert_eq!(top.titles(&catalog), ["A", "B"]);
/// assert_eq!(top.rows[1].wr, 7.0); // 100/200·6 + 100/200·8
/// assert!(recsys_hybrid::chart::chart(&catalog, 1.5, 10).is_err());
/// # Ok::<(), recsys_hybrid::HybridError>(())
/// ```
pub fn chart(catalog: &Catalog, quantile: f64, n: usize) -> Result<Chart, HybridError> {
    let all: Vec<usize> = (0..catalog.len()).collect();
    chart_of(catalog, &all, quantile, n)
}

/// The weighted-rating chart of one genre, as the Kaggle kernel's `build_chart(genre)`: the
/// movies listing `genre` (compared ignoring ASCII case) are the ones considered, and `C` and `m`
/// are computed **within the genre**, then the top `n` qualified movies of the genre.
///
/// Errors: [`HybridError::UnknownGenre`] (with the catalog's genres) when no movie lists
/// `genre`; [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) for a `quantile` outside `[0, 1]`.
///
/// ```
/// use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
/// let movie = |title: &str, genre: &str, vote_count: u32, vote_average: f32| CatalogEntry {
///     title: title.into(),
///     genres: vec![genre.into()],
///     details: MovieDetails { vote_count, vote_average, ..Default::default() },
///     ..Default::default()
/// };
/// let catalog = Catalog::new(vec![
///     movie("Big Drama", "Drama", 1000, 8.0),
///     movie("Small Comedy", "Comedy", 10, 6.0),
///     movie("Big Comedy", "Comedy", 30, 7.0),
/// ]);
/// // Within Comedy: C = 6.5, m = quantile(0.5) of 10, 30 = 20.
/// let top = recsys_hybrid::chart::chart_by_genre(&catalog, "comedy", 0.5, 10)?;
/// assert_eq!((top.rating.c, top.rating.m, top.considered), (6.5, 20.0, 2));
/// assert_eq!(top.titles(&catalog), ["Big Comedy"]);
/// assert!(recsys_hybrid::chart::chart_by_genre(&catalog, "Western", 0.5, 10).is_err());
/// # Ok::<(), recsys_hybrid::HybridError>(())
/// ```
pub fn chart_by_genre(
    catalog: &Catalog,
    genre: &str,
    quantile: f64,
    n: usize,
) -> Result<Chart, HybridError> {
    let genre = genre.trim();
    let members: Vec<usize> = catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.genres.iter().any(|g| g.eq_ignore_ascii_case(genre)))
        .map(|(k, _)| k)
        .collect();
    if members.is_empty() {
        let mut known: Vec<String> = catalog
            .entries()
            .iter()
            .flat_map(|e| e.genres.iter().cloned())
            .collect();
        known.sort_unstable();
        known.dedup();
        return Err(HybridError::UnknownGenre {
            genre: genre.to_string(),
            known,
        });
    }
    chart_of(catalog, &members, quantile, n)
}

/// The chart of the entries at `members` (positions in the catalog).
fn chart_of(
    catalog: &Catalog,
    members: &[usize],
    quantile: f64,
    n: usize,
) -> Result<Chart, HybridError> {
    let entries = catalog.entries();
    let picked: Vec<(usize, &CatalogEntry)> = members
        .iter()
        .filter_map(|&k| entries.get(k).map(|e| (k, e)))
        .collect();
    if picked.is_empty() {
        return Err(HybridError::empty("no movies to chart"));
    }
    let votes: Vec<(f64, f64)> = picked
        .iter()
        .map(|(_, e)| (f64::from(e.details.vote_count), vote_average(e)))
        .collect();
    let rating = WeightedRating::fit(&votes, quantile)?;
    let mut qualified: Vec<(ChartRow, &CatalogEntry)> = picked
        .iter()
        .zip(&votes)
        .filter(|(_, (v, r))| *v >= rating.m && r.is_finite())
        .map(|(&(index, e), &(v, r))| {
            let wr = rating.score(v, r);
            (ChartRow { index, wr }, e)
        })
        .collect();
    let count = qualified.len();
    let order = |a: &(ChartRow, &CatalogEntry), b: &(ChartRow, &CatalogEntry)| -> Ordering {
        b.0.wr
            .total_cmp(&a.0.wr)
            .then(b.1.details.vote_count.cmp(&a.1.details.vote_count))
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then(a.0.index.cmp(&b.0.index))
    };
    if n < count {
        qualified.select_nth_unstable_by(n, order);
        qualified.truncate(n);
    }
    qualified.sort_unstable_by(order);
    Ok(Chart {
        rating,
        considered: picked.len(),
        qualified: count,
        rows: qualified.into_iter().map(|(r, _)| r).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;
    use recsys_data::catalog::MovieDetails;

    fn movie(title: &str, genres: &[&str], vote_count: u32, vote_average: f32) -> CatalogEntry {
        CatalogEntry {
            title: title.into(),
            genres: genres.iter().map(|g| g.to_string()).collect(),
            details: MovieDetails {
                vote_count,
                vote_average,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The first `n` of six movies: counts 0, 50, 100, 200, 400, 400; averages 3, 9, 8, 7, 6, 6.
    fn sample(n: usize) -> Catalog {
        let mut movies = vec![
            movie("Zero", &["Drama"], 0, 3.0),
            movie("Few", &["Drama"], 50, 9.0),
            movie("Some", &["Comedy"], 100, 8.0),
            movie("Many", &["Drama", "Comedy"], 200, 7.0),
            movie("Lots B", &["Comedy"], 400, 6.0),
            movie("Lots A", &["Drama"], 400, 6.0),
        ];
        movies.truncate(n);
        Catalog::new(movies)
    }

    #[test]
    fn by_hand() {
        // counts 0, 50, 100, 200, 400, 400; averages 3, 9, 8, 7, 6, 6 → C = 39/6 = 6.5
        // m = quantile(0.6): position 0.6·5 = 3 → 200.
        let catalog = sample(6);
        let c = chart(&catalog, 0.6, 10).unwrap();
        assert_relative_eq!(c.rating.c, 6.5);
        assert_relative_eq!(c.rating.m, 200.0);
        assert_eq!((c.considered, c.qualified), (6, 3));
        // Many: 200/400·7 + 200/400·6.5 = 6.75; Lots: 400/600·6 + 200/600·6.5 = 6.1666…
        // Lots A and Lots B tie on WR and votes: title order.
        assert_eq!(c.titles(&catalog), ["Many", "Lots A", "Lots B"]);
        assert_relative_eq!(c.rows[0].wr, 6.75);
        assert_relative_eq!(c.rows[1].wr, 6.0 * 2.0 / 3.0 + 6.5 / 3.0);
        assert_eq!(c.rows[1].index, 5);
        // n truncates
        let top1 = chart(&catalog, 0.6, 1).unwrap();
        assert_eq!(top1.titles(&catalog), ["Many"]);
        assert_eq!(top1.qualified, 3);
        assert!(chart(&catalog, 0.6, 0).unwrap().rows.is_empty());
        // quantile 0: m = 0, everyone qualifies, WR = R for v > 0 and C for v = 0.
        let all = chart(&catalog, 0.0, 10).unwrap();
        assert_eq!(all.qualified, 6);
        assert_eq!(
            all.titles(&catalog),
            ["Few", "Some", "Many", "Zero", "Lots A", "Lots B"]
        );
        assert_relative_eq!(all.rows[3].wr, 6.5);
    }

    #[test]
    fn by_genre_within_genre() {
        // Zero, Few, Some, Many, Lots B
        let catalog = sample(5);
        // Drama: Zero, Few, Many → C = 19/3, m = quantile(0.5) of 0, 50, 200 = 50.
        let d = chart_by_genre(&catalog, "DRAMA", 0.5, 10).unwrap();
        assert_relative_eq!(d.rating.c, 19.0 / 3.0);
        assert_relative_eq!(d.rating.m, 50.0);
        assert_eq!((d.considered, d.qualified), (3, 2));
        // Few: 50/100·9 + 50/100·19/3 = 7.666…; Many: 200/250·7 + 50/250·19/3 = 6.8666…
        assert_eq!(d.titles(&catalog), ["Few", "Many"]);
        assert_relative_eq!(d.rows[0].wr, 4.5 + 19.0 / 6.0);
        assert_relative_eq!(d.rows[1].wr, 5.6 + 19.0 / 15.0);
        match chart_by_genre(&catalog, "Western", 0.5, 10) {
            Err(HybridError::UnknownGenre { genre, known }) => {
                assert_eq!(genre, "Western");
                assert_eq!(known, ["Comedy", "Drama"]);
            }
            other => panic!("expected UnknownGenre, got {other:?}"),
        }
    }

    #[test]
    fn errors() {
        let empty = Catalog::new(Vec::new());
        assert!(matches!(
            chart(&empty, 0.5, 3),
            Err(HybridError::Core(recsys_core::CoreError::Empty(_)))
        ));
        let one = Catalog::new(vec![movie("A", &[], 1, 1.0)]);
        for q in [-0.1, 1.1, f64::NAN] {
            assert!(matches!(
                chart(&one, q, 3),
                Err(HybridError::Core(
                    recsys_core::CoreError::InvalidParameter { .. }
                ))
            ));
        }
        // a NaN average is left out of C and never charted
        let nan = Catalog::new(vec![movie("A", &[], 5, 7.0), movie("B", &[], 5, f32::NAN)]);
        let c = chart(&nan, 0.5, 3).unwrap();
        assert_eq!(c.titles(&nan), ["A"]);
        assert_relative_eq!(c.rating.c, 7.0);
    }

    proptest! {
        #[test]
        fn chart_invariants(
            movies in proptest::collection::vec((0u32..500, 0u8..=100, 0u8..4), 1..60),
            q in 0f64..=1.0,
            n in 0usize..20,
        ) {
            let genres = ["Drama", "Comedy", "Action", "Horror"];
            let entries: Vec<CatalogEntry> = movies
                .iter()
                .enumerate()
                .map(|(k, &(v, r, g))| {
                    movie(&format!("m{k}"), &[genres[g as usize]], v, f32::from(r) / 10.0)
                })
                .collect();
            let catalog = Catalog::new(entries);
            let c = chart(&catalog, q, n).unwrap();
            let full = chart(&catalog, q, usize::MAX).unwrap();
            let expect_q = catalog.entries().iter().filter(|e| f64::from(e.details.vote_count) >= c.rating.m).count();
            prop_assert_eq!(c.qualified, expect_q);
            prop_assert_eq!(c.rows.len(), n.min(expect_q));
            prop_assert_eq!(full.rows.len(), expect_q);
            // top n is a prefix of the full chart
            prop_assert_eq!(&full.rows[..c.rows.len()], &c.rows[..]);
            for w in full.rows.windows(2) {
                prop_assert!(w[0].wr >= w[1].wr);
            }
            for r in &full.rows {
                let e = &catalog.entries()[r.index];
                prop_assert!(f64::from(e.details.vote_count) >= c.rating.m);
                let avg = vote_average(e);
                prop_assert!(r.wr >= avg.min(c.rating.c) - 1e-9 && r.wr <= avg.max(c.rating.c) + 1e-9);
            }
            // per-genre charts only hold their genre
            for g in genres {
                if let Ok(gc) = chart_by_genre(&catalog, g, q, usize::MAX) {
                    for r in &gc.rows {
                        prop_assert!(catalog.entries()[r.index].genres.iter().any(|x| x == g));
                    }
                    prop_assert!(gc.qualified <= gc.considered);
                }
            }
        }
    }
}
