//! The genre pictures of [`eda`](super::eda): genre popularity and the mean rating by genre.

use std::path::PathBuf;

use recsys_core::Interactions;
use recsys_data::movielens::Movie;
use recsys_data::stats;

use super::{Report, push, thousands};
use crate::{ChartSpec, Orientation, PlotError};

/// Genre popularity (share of movies and of ratings) and mean rating by genre.
pub(super) fn genres(
    report: &mut Report,
    name: &str,
    stem: &dyn Fn(&str) -> PathBuf,
    ratings: &Interactions,
    movies: &[Movie],
) -> Result<(), PlotError> {
    // the movies of the list that have ratings here (ratings-small borrows ml-latest-small's list)
    let movies: Vec<_> = movies
        .iter()
        .filter(|m| ratings.item_index(m.id).is_ok())
        .cloned()
        .collect();
    let movies = movies.as_slice();
    let counts = stats::genre_counts(movies);
    let by_genre = stats::genre_ratings(ratings, movies);
    if counts.is_empty() || by_genre.is_empty() {
        report.skipped.push("genres: no genre information".into());
        return Ok(());
    }
    let n_movies = movies.len().max(1) as f64;
    let n_ratings = ratings.nnz().max(1) as f64;
    let rating_share = |g: &str| {
        by_genre
            .iter()
            .find(|r| r.genre == g)
            .map_or(0.0, |r| r.ratings as f64 * 100.0 / n_ratings)
    };
    let cats: Vec<String> = counts.iter().map(|c| c.0.clone()).collect();
    let series = vec![
        (
            "% of rated movies".to_string(),
            counts
                .iter()
                .map(|c| c.1 as f64 * 100.0 / n_movies)
                .collect(),
        ),
        (
            "% of ratings".to_string(),
            counts.iter().map(|c| rating_share(&c.0)).collect(),
        ),
    ];
    let chart = ChartSpec::new(format!(
        "{name}: genre popularity (a movie can have several genres)"
    ))
    .labels("share (%)", "");
    push(
        report,
        crate::grouped_bars(
            &stem("genre-popularity"),
            &chart,
            &cats,
            &series,
            Orientation::Horizontal,
        )?,
    );
    let mut means = by_genre.clone();
    means.sort_by(|a, b| b.mean_rating.total_cmp(&a.mean_rating));
    let bars: Vec<(String, f64)> = means
        .iter()
        .map(|g| {
            (
                format!("{} ({})", g.genre, thousands(g.ratings)),
                g.mean_rating,
            )
        })
        .collect();
    let chart = ChartSpec::new(format!("{name}: mean rating by genre (number of ratings)"))
        .labels("mean rating", "");
    push(
        report,
        crate::bar_chart(
            &stem("genre-ratings"),
            &chart,
            &bars,
            Orientation::Horizontal,
        )?,
    );
    report.summary.push(format!(
        "genres of {} rated movies: most movies {} ({}), highest mean rating {} ({:.2}), lowest {} ({:.2})",
        thousands(movies.len()),
        counts[0].0,
        thousands(counts[0].1),
        means[0].genre,
        means[0].mean_rating,
        means[means.len() - 1].genre,
        means[means.len() - 1].mean_rating
    ));
    Ok(())
}
