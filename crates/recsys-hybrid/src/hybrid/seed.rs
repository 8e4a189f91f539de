//! The seed's hybrid, [`seed_hybrid`]: for a user and a movie they liked, the `pool` most
//! content-similar movies the user has not rated, re-ranked by the user's predicted rating from
//! any [`RatingPredictor`].

use recsys_core::WrapsCore;
use recsys_core::ids::RawId;
use recsys_core::{CoreError, Interactions, RatingPredictor};
use recsys_data::catalog::Catalog;

use crate::content::ContentRecommender;
use crate::error::HybridError;

/// One movie of [`seed_hybrid`]'s list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HybridItem {
    /// Position in the catalog's entries.
    pub index: usize,
    /// MovieLens movie id.
    pub movie_id: RawId,
    /// Title.
    pub title: String,
    /// Release year.
    pub year: Option<u16>,
    /// Cosine similarity with the liked movie.
    pub similarity: f32,
    /// The user's predicted rating.
    pub predicted: f32,
}

/// The seed's hybrid: for user `user` (raw id of `train`) and a movie they liked (`title`,
/// looked up forgivingly in `rec`'s catalog), the `pool` most content-similar movies that the user
/// has not rated and that `model` knows (they have an index in `train`), re-ranked by the user's
/// predicted rating, best `top` returned. The liked movie itself is never returned.
///
/// An unknown user is [`CoreError::UnknownId`] (in [`HybridError::Core`]); an unknown title is
/// [`HybridError::UnknownTitle`] with suggestions.
#[allow(clippy::too_many_arguments)]
pub fn seed_hybrid(
    rec: &ContentRecommender,
    catalog: &Catalog,
    train: &Interactions,
    model: &dyn RatingPredictor,
    user: RawId,
    title: &str,
    pool: usize,
    top: usize,
) -> Result<Vec<HybridItem>, HybridError> {
    if pool == 0 || top == 0 {
        return Err(HybridError::param("pool/top", "both must be at least 1"));
    }
    let u = train.users().index(user).ok_or(CoreError::UnknownId {
        kind: "user",
        id: user,
    })?;
    let seen = train.row(u);
    let entry = rec.titles().find_first(title)?;
    let entries = catalog.entries();
    // ask for enough neighbours that `pool` remain after dropping seen and unknown movies
    let mut want = pool + seen.len() + 1;
    let mut picked = Vec::new();
    loop {
        let ns = rec.neighbours(entry, want.min(entries.len()))?;
        picked.clear();
        for n in &ns {
            let Some(e) = entries.get(n.index) else {
                continue;
            };
            let Some(id) = e.movie_id else { continue };
            let Some(i) = train.items().index(id) else {
                continue;
            };
            if seen.items.binary_search(&i).is_ok() {
                continue;
            }
            picked.push((n.index, id, i, n.score));
            if picked.len() == pool {
                break;
            }
        }
        if picked.len() == pool || ns.len() < want || want >= entries.len() {
            break;
        }
        want = (want * 2).min(entries.len());
    }
    let mut out: Vec<HybridItem> = picked
        .into_iter()
        .map(|(index, movie_id, i, similarity)| HybridItem {
            index,
            movie_id,
            title: entries[index].title.clone(),
            year: entries[index].year,
            similarity,
            predicted: model.predict(u, i),
        })
        .collect();
    out.sort_by(|a, b| {
        b.predicted
            .total_cmp(&a.predicted)
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.index.cmp(&b.index))
    });
    out.truncate(top);
    Ok(out)
}
