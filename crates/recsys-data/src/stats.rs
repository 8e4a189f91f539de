//! Dataset statistics: sizes, sparsity, rating histogram, activity distributions, genres and
//! profit by year.

use serde::Serialize;

pub mod summary;

use crate::movielens::Movie;
use recsys_core::interactions::Interactions;

/// Summary of a count distribution (ratings per user or per item, among those with any).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountSummary {
    /// Smallest count.
    pub min: u32,
    /// 25th percentile.
    pub p25: u32,
    /// Median.
    pub median: u32,
    /// 75th percentile.
    pub p75: u32,
    /// 90th percentile.
    pub p90: u32,
    /// Largest count.
    pub max: u32,
    /// Mean count.
    pub mean: f64,
}

impl CountSummary {
    /// Summarizes the non-zero counts (`None` when all are zero). Percentiles are nearest-rank.
    pub fn of(counts: &[u32]) -> Option<Self> {
        let mut c: Vec<u32> = counts.iter().copied().filter(|&c| c > 0).collect();
        if c.is_empty() {
            return None;
        }
        c.sort_unstable();
        let q = |p: f64| c[(((c.len() as f64) * p).ceil() as usize).clamp(1, c.len()) - 1];
        Some(Self {
            min: c[0],
            p25: q(0.25),
            median: q(0.5),
            p75: q(0.75),
            p90: q(0.9),
            max: c[c.len() - 1],
            mean: c.iter().map(|&x| f64::from(x)).sum::<f64>() / c.len() as f64,
        })
    }
}

/// Statistics of a ratings matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingStats {
    /// Users with at least one rating.
    pub users: usize,
    /// Distinct rated items.
    pub items: usize,
    /// Number of ratings.
    pub ratings: usize,
    /// `1 - ratings / (users · items)`.
    pub sparsity: f64,
    /// Mean rating.
    pub mean_rating: f64,
    /// `(rating value, count)` for each distinct value, ascending.
    pub histogram: Vec<(f32, usize)>,
    /// Ratings per user.
    pub per_user: Option<CountSummary>,
    /// Ratings per item.
    pub per_item: Option<CountSummary>,
    /// Earliest and latest timestamp, when the data has them.
    pub time_range: Option<(u32, u32)>,
}

impl RatingStats {
    /// Computes the statistics of `m`.
    ///
    /// ```
    /// # use recsys_data::stats::RatingStats;
    /// # use recsys_core::{InteractionsBuilder, DuplicatePolicy};
    /// let mut b = InteractionsBuilder::new();
    /// b.push(1, 1, 4.0, None)?;
    /// b.push(1, 2, 3.0, None)?;
    /// b.push(2, 1, 4.0, None)?;
    /// let s = RatingStats::of(&b.build(DuplicatePolicy::KeepLast)?);
    /// assert_eq!((s.users, s.items, s.ratings), (2, 2, 3));
    /// assert!((s.sparsity - 0.25).abs() < 1e-12);
    /// assert_eq!(s.histogram, vec![(3.0, 1), (4.0, 2)]);
    /// # Ok::<(), recsys_data::DataError>(())
    /// ```
    pub fn of(m: &Interactions) -> Self {
        let uc = m.user_counts();
        let ic = m.item_counts();
        let users = uc.iter().filter(|&&c| c > 0).count();
        let items = ic.iter().filter(|&&c| c > 0).count();
        let ratings = m.nnz();
        let cells = users as f64 * items as f64;
        let sparsity = if cells > 0.0 {
            1.0 - ratings as f64 / cells
        } else {
            1.0
        };
        // Histogram over exact values: sort the bit patterns of the (finite) ratings.
        let mut vals: Vec<f32> = m.matrix().data().to_vec();
        vals.sort_unstable_by(f32::total_cmp);
        let mut histogram: Vec<(f32, usize)> = Vec::new();
        for v in vals {
            match histogram.last_mut() {
                Some((x, c)) if *x == v => *c += 1,
                _ => histogram.push((v, 1)),
            }
        }
        let time_range = if m.has_timestamps() && ratings > 0 {
            let t = m.timestamps();
            Some((
                t.iter().copied().min().unwrap_or(0),
                t.iter().copied().max().unwrap_or(0),
            ))
        } else {
            None
        };
        Self {
            users,
            items,
            ratings,
            sparsity,
            mean_rating: m.global_mean().unwrap_or(f64::NAN),
            histogram,
            per_user: CountSummary::of(&uc),
            per_item: CountSummary::of(&ic),
            time_range,
        }
    }
}

/// Number of movies per genre, most frequent first (ties by name).
pub fn genre_counts(movies: &[Movie]) -> Vec<(String, usize)> {
    let mut map: std::collections::BTreeMap<&str, usize> = Default::default();
    for m in movies {
        for g in &m.genres {
            *map.entry(g.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = map.into_iter().map(|(g, c)| (g.to_string(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Mean rating and number of ratings per genre of the rated movies (`movies` gives the genres of
/// the raw item ids of `m`), sorted by genre name.
pub fn genre_ratings(m: &Interactions, movies: &[Movie]) -> Vec<GenreRating> {
    let by_id: recsys_core::ids::IdHashMap<u64, &Movie> =
        movies.iter().map(|mv| (mv.id, mv)).collect();
    let mut acc: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    let by_item = m.by_item();
    for i in 0..m.n_items() as u32 {
        let (_, ratings) = by_item.item(i);
        if ratings.is_empty() {
            continue;
        }
        let Some(mv) = m.items().raw(i).and_then(|raw| by_id.get(&raw)) else {
            continue;
        };
        let s: f64 = ratings.iter().map(|&r| f64::from(r)).sum();
        for g in &mv.genres {
            let e = acc.entry(g.clone()).or_default();
            e.0 += s;
            e.1 += ratings.len();
        }
    }
    acc.into_iter()
        .map(|(genre, (s, n))| GenreRating {
            genre,
            ratings: n,
            mean_rating: s / n as f64,
        })
        .collect()
}

/// Ratings of one genre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenreRating {
    /// Genre name.
    pub genre: String,
    /// Number of ratings of movies of the genre.
    pub ratings: usize,
    /// Their mean.
    pub mean_rating: f64,
}

/// Money made by the movies released in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearProfit {
    /// Release year.
    pub year: i32,
    /// Movies released that year with both budget and revenue known (non-zero).
    pub movies: usize,
    /// Sum of budgets.
    pub budget: f64,
    /// Sum of revenues.
    pub revenue: f64,
    /// Sum of `revenue − budget`.
    pub profit: f64,
    /// Mean profit per movie.
    pub mean_profit: f64,
}

/// Profit (revenue − budget) by release year from `(year, budget, revenue)` triples; movies with a
/// zero budget or revenue (unknown in TMDB) are left out. Sorted by year.
///
/// ```
/// use recsys_data::stats::profit_by_year;
/// let p = profit_by_year([(2000, 10.0, 30.0), (2000, 5.0, 0.0), (2001, 10.0, 5.0)]);
/// assert_eq!(p.len(), 2);
/// assert_eq!((p[0].year, p[0].movies, p[0].profit), (2000, 1, 20.0));
/// assert_eq!(p[1].profit, -5.0);
/// ```
pub fn profit_by_year(movies: impl IntoIterator<Item = (i32, f64, f64)>) -> Vec<YearProfit> {
    let mut acc: std::collections::BTreeMap<i32, (usize, f64, f64)> = Default::default();
    for (year, budget, revenue) in movies {
        if budget > 0.0 && revenue > 0.0 && budget.is_finite() && revenue.is_finite() {
            let e = acc.entry(year).or_default();
            e.0 += 1;
            e.1 += budget;
            e.2 += revenue;
        }
    }
    acc.into_iter()
        .map(|(year, (n, b, r))| YearProfit {
            year,
            movies: n,
            budget: b,
            revenue: r,
            profit: r - b,
            mean_profit: (r - b) / n as f64,
        })
        .collect()
}
