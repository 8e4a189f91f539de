//! Matching MovieLens movies that have no links to TMDB metadata by normalized title and year.

use std::collections::HashMap;

use crate::metadata::MovieMetadata;
use crate::movielens::{self, Link, Movie};
use recsys_core::ids::RawId;

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
