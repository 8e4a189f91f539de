//! Movie titles for output, and what to say about an unknown user.

use recsys::core::{IdMap, RawId};
use recsys::data::catalog::Catalog;
use recsys::data::{DataDir, Dataset};

/// `Title (year)`, or the title alone when the year is not known.
pub fn label(title: &str, year: Option<u16>) -> String {
    match year {
        Some(y) => format!("{title} ({y})"),
        None => title.to_string(),
    }
}

/// The titles of `items` (raw MovieLens ids, in index order) from `ds`'s catalog: `Title (year)`,
/// or an empty string where the catalog has no such movie. `None` when the catalog does not
/// load (then neither does the MovieLens movie list).
pub fn item_titles(dir: &DataDir, ds: Dataset, items: &IdMap) -> Option<Vec<String>> {
    let catalog = match recsys::data::catalog::load_catalog(dir, ds) {
        Ok((c, _)) => c,
        Err(_) => {
            let movies = dir.load_movies(ds).ok()?;
            Catalog::new(
                movies
                    .into_iter()
                    .map(|m| recsys::data::catalog::CatalogEntry {
                        movie_id: Some(m.id),
                        title: m.title,
                        year: None, // the MovieLens title already ends in "(year)"
                        ..Default::default()
                    })
                    .collect(),
            )
        }
    };
    Some(
        items
            .raw_ids()
            .iter()
            .map(|&id| {
                catalog
                    .by_movie_id(id)
                    .map_or_else(String::new, |e| label(&e.title, e.year))
            })
            .collect(),
    )
}

/// The title of item `id` from `titles` (by index in `items`), else `movie <id>`.
pub fn title_of(titles: Option<&[String]>, items: &IdMap, id: RawId) -> String {
    items
        .index(id)
        .and_then(|i| titles?.get(i as usize))
        .filter(|t| !t.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("movie {id}"))
}

/// What to add to an unknown-user error: how many users the model knows, their id range and a
/// few of them.
pub fn user_hint(users: &IdMap) -> String {
    let ids = users.raw_ids();
    let (Some(min), Some(max)) = (ids.iter().min(), ids.iter().max()) else {
        return "; the model knows no users".to_string();
    };
    let mut some: Vec<RawId> = ids.iter().take(5).copied().collect();
    some.sort_unstable();
    let some: Vec<String> = some.iter().map(u64::to_string).collect();
    format!(
        "; the model knows {} users with raw ids from {min} to {max} (e.g. {})",
        ids.len(),
        some.join(", ")
    )
}
