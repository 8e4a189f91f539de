//! The "metadata soup" of the well-known Kaggle recommender over TMDB 5000 ("Getting Started
//! with a Movie Recommendation System"): per movie, its keywords, top cast, director and genres,
//! each name lowercased with its spaces removed (so "Johnny Depp" is one token, `johnnydepp`,
//! distinct from "Johnny Galecki"), space-joined; then scikit-learn's
//! `CountVectorizer(stop_words='english')` and cosine similarity.
//!
//! The kernel keeps the first 3 keywords, cast members and genres ([`SoupParams::default`]);
//! `None` keeps every one.
//!
//! ```
//! use recsys_data::catalog::{CatalogEntry, MovieDetails};
//! use recsys_hybrid::soup::{soup, SoupParams};
//! let e = CatalogEntry {
//!     genres: vec!["Drama".into(), "Action".into()],
//!     details: MovieDetails {
//!         keywords: vec!["dc comics".into(), "joker".into()],
//!         cast: vec!["Christian Bale".into(), "Heath Ledger".into(), "Aaron Eckhart".into(),
//!                    "Michael Caine".into()],
//!         director: Some("Christopher Nolan".into()),
//!         ..Default::default()
//!     },
//!     ..Default::default()
//! };
//! assert_eq!(
//!     soup(&e, &SoupParams::default()),
//!     "dccomics joker christianbale heathledger aaroneckhart christophernolan drama action"
//! );
//! ```

use recsys_core::WrapsCore;
use recsys_data::catalog::{Catalog, CatalogEntry};
use recsys_text::{CountVectorizer, CsrMatrix, StopWords};

use crate::content::ContentRecommender;
use crate::error::HybridError;

/// How many names of each list go into the soup (`None`: all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoupParams {
    /// Keywords kept, in file order (kernel: 3).
    pub keywords: Option<usize>,
    /// Cast members kept, in billing order (kernel: 3; a catalog keeps at most 10).
    pub cast: Option<usize>,
    /// Genres kept, in file order (kernel: 3).
    pub genres: Option<usize>,
}

impl Default for SoupParams {
    fn default() -> Self {
        Self {
            keywords: Some(3),
            cast: Some(3),
            genres: Some(3),
        }
    }
}

/// A name as the kernel cleans it: lowercased, spaces removed.
///
/// ```
/// assert_eq!(recsys_hybrid::soup::clean_name("Christopher Nolan"), "christophernolan");
/// ```
pub fn clean_name(name: &str) -> String {
    name.replace(' ', "").to_lowercase()
}

fn push_names(out: &mut String, names: &[String], keep: Option<usize>) {
    let n = keep.unwrap_or(names.len()).min(names.len());
    for (k, name) in names[..n].iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&clean_name(name));
    }
}

/// The soup of one movie, as the kernel builds it:
/// `keywords + " " + cast + " " + director + " " + genres`, each list space-joined and each name
/// [cleaned](clean_name); a missing director is empty.
pub fn soup(e: &CatalogEntry, p: &SoupParams) -> String {
    let mut s = String::new();
    push_names(&mut s, &e.details.keywords, p.keywords);
    s.push(' ');
    push_names(&mut s, &e.details.cast, p.cast);
    s.push(' ');
    if let Some(d) = &e.details.director {
        s.push_str(&clean_name(d));
    }
    s.push(' ');
    push_names(&mut s, &e.genres, p.genres);
    s
}

/// The kernel's count matrix of a catalog: [`soup`] of every entry through
/// `CountVectorizer(stop_words='english')` (unigrams, lowercase, default token pattern); returns
/// the matrix and the vectorizer (for its vocabulary).
pub fn count_matrix(
    catalog: &Catalog,
    p: &SoupParams,
) -> Result<(CsrMatrix, CountVectorizer), HybridError> {
    let docs: Vec<String> = catalog.entries().iter().map(|e| soup(e, p)).collect();
    let mut v = CountVectorizer::new().stop_words(StopWords::english());
    let x = v.fit_transform(&docs)?;
    Ok((x, v))
}

impl ContentRecommender {
    /// A recommender over the kernel's metadata soup ([`count_matrix`]): cosine between count
    /// vectors, re-ranked by the weighted rating as [`ContentRecommender::similar`] does.
    pub fn fit_soup(catalog: &Catalog, p: &SoupParams) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::empty("the catalog has no movies"));
        }
        let (x, v) = count_matrix(catalog, p)?;
        Self::from_matrix(catalog, &x, v.vocabulary().map_or(0, |t| t.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_data::catalog::MovieDetails;

    fn movie(
        title: &str,
        kw: &[&str],
        cast: &[&str],
        director: &str,
        genres: &[&str],
    ) -> CatalogEntry {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        CatalogEntry {
            title: title.into(),
            genres: v(genres),
            details: MovieDetails {
                keywords: v(kw),
                cast: v(cast),
                director: (!director.is_empty()).then(|| director.into()),
                vote_count: 10,
                vote_average: 7.0,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn soup_by_hand() {
        let e = movie("A", &["a b", "c", "d", "e"], &["X Y"], "", &["Drama"]);
        assert_eq!(soup(&e, &SoupParams::default()), "ab c d xy  drama");
        let all = SoupParams {
            keywords: None,
            cast: None,
            genres: None,
        };
        assert_eq!(soup(&e, &all), "ab c d e xy  drama");
        assert_eq!(soup(&CatalogEntry::default(), &all), "   ");
    }

    #[test]
    fn cosine_of_count_vectors_by_hand() {
        // soups: "space alien tomhanks drama" / "space robot tomhanks comedy" / "romance paris"
        let cat = Catalog::new(vec![
            movie("A", &["space", "alien"], &["Tom Hanks"], "", &["Drama"]),
            movie("B", &["space", "robot"], &["Tom Hanks"], "", &["Comedy"]),
            movie("C", &["romance"], &[], "", &["Paris"]),
        ]);
        let (x, v) = count_matrix(&cat, &SoupParams::default()).unwrap();
        assert_eq!(
            v.vocabulary().unwrap().terms(),
            [
                "alien", "comedy", "drama", "paris", "robot", "romance", "space", "tomhanks"
            ]
        );
        assert_eq!(x.nnz(), 10);
        let rec = ContentRecommender::fit_soup(&cat, &SoupParams::default()).unwrap();
        // A and B share 2 of their 4 terms: cos = 2 / (2·2) = 0.5; C shares nothing
        let n = rec.neighbours(0, 5).unwrap();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].index, 1);
        assert!((n[0].score - 0.5).abs() < 1e-6);
        assert_eq!(rec.terms(), 8);
    }
}
