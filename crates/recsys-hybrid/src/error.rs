//! [`HybridError`], the one error type of the hybrid crate.

/// Errors of the hybrid crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HybridError {
    /// No movie of the catalog has a title matching `query`.
    #[error("unknown title `{query}`{}", did_you_mean(suggestions))]
    UnknownTitle {
        /// The query as given.
        query: String,
        /// The closest titles of the catalog, `"Title (year)"`, closest first (may be empty).
        suggestions: Vec<String>,
    },
    /// No movie of the catalog lists the genre.
    #[error("unknown genre `{genre}`; the catalog's genres: {}", known.join(", "))]
    UnknownGenre {
        /// The genre as given.
        genre: String,
        /// The catalog's genres, sorted.
        known: Vec<String>,
    },
    /// An error from the text layer.
    #[error(transparent)]
    Text(#[from] recsys_text::TextError),
    /// An error of the shared vocabulary (ids, splits, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
    /// An error from the data layer (finding and reading datasets).
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}
