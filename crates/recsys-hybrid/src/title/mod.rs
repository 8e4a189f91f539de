//! Forgiving title lookup over a [`Catalog`]: [`TitleIndex`].
//!
//! Titles and queries are compared in a normalized form:
//!
//! - case is ignored, common Latin diacritics are folded (`"Amélie"` = `"amelie"`, `"Æon"` =
//!   `"aeon"`), apostrophes are dropped (`"Schindler's"` = `"schindlers"`), `&` reads `and`, and
//!   every other run of punctuation is one space (`"Spider-Man"` = `"spider man"`);
//! - a trailing article as MovieLens writes it is moved to the front (`"Dark Knight, The"` =
//!   `"The Dark Knight"`, also `"Misérables, Les"`, in any case);
//! - when the exact form finds nothing, a leading English article is optional (`"dark knight"`
//!   finds `"The Dark Knight"`), then spaces are (`"Spiderman"` finds `"Spider-Man"`);
//! - a year in the query, `"Heat (1995)"` or `"Heat 1995"`, picks among remakes: the movies of
//!   that year, else of a year either side (release dates differ between sources). A bare
//!   trailing number is a year only when the whole query is not itself a title
//!   (`"Death Race 2000"`).
//!
//! When several movies match, [`TitleIndex::find`] returns them all, **most-voted first** (then
//! catalog order): a caller that wants one movie takes the first ([`TitleIndex::find_first`]).
//! An unknown title is [`HybridError::UnknownTitle`] with the closest titles as suggestions
//! (trigram similarity, re-ranked by edit distance).
//!
//! ```
//! use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
//! use recsys_hybrid::{HybridError, TitleIndex};
//!
//! let movie = |title: &str, year: u16, vote_count: u32| CatalogEntry {
//!     title: title.into(),
//!     year: Some(year),
//!     details: MovieDetails { vote_count, ..Default::default() },
//!     ..Default::default()
//! };
//! let catalog = Catalog::new(vec![
//!     movie("The Dark Knight", 2008, 12002),
//!     movie("Batman", 1966, 203),
//!     movie("Batman", 1989, 2096),
//! ]);
//! let index = TitleIndex::new(&catalog);
//! assert_eq!(index.find("Dark Knight, The")?, [0]);
//! assert_eq!(index.find("batman")?, [2, 1]); // most-voted first
//! assert_eq!(index.find("Batman (1966)")?, [1]);
//! match index.find("Dark Knigt") {
//!     Err(HybridError::UnknownTitle { suggestions, .. }) => {
//!         assert_eq!(suggestions[0], "The Dark Knight (2008)");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), HybridError>(())
//! ```

use std::collections::HashMap;

use recsys_data::catalog::Catalog;
use recsys_data::movielens::split_title_year;

use crate::error::HybridError;

mod normalize;
mod suggest;
#[cfg(test)]
mod tests;

use normalize::{move_article, normalize, strip_article};
use suggest::{Trigram, trigrams};

/// How many suggestions an [`HybridError::UnknownTitle`] carries at most.
pub const SUGGESTIONS: usize = 5;

/// One indexed title.
#[derive(Debug, Clone)]
struct Title {
    /// Position in the catalog.
    index: usize,
    year: Option<u16>,
    votes: u32,
    /// `"Title (year)"`.
    label: String,
    /// The key without a leading article, as chars (for the edit distance).
    chars: Vec<char>,
    /// Number of distinct trigrams of that key.
    grams: usize,
}

/// A forgiving title index over a [`Catalog`] (see the [module](self) docs for the matching
/// rules). It owns its data: use it with the catalog it was built from, whose positions
/// ([`Catalog::entries`]) [`find`](Self::find) returns.
#[derive(Debug, Clone, Default)]
pub struct TitleIndex {
    titles: Vec<Title>,
    full: HashMap<String, Vec<u32>>,
    stripped: HashMap<String, Vec<u32>>,
    compact: HashMap<String, Vec<u32>>,
    trigrams: HashMap<Trigram, Vec<u32>>,
}

impl TitleIndex {
    /// Indexes every entry of `catalog` with a non-empty title.
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry};
    /// let catalog = Catalog::new(vec![
    ///     CatalogEntry { title: "Amélie".into(), ..Default::default() },
    ///     CatalogEntry::default(), // no title: not indexed
    /// ]);
    /// let index = recsys_hybrid::TitleIndex::new(&catalog);
    /// assert_eq!(index.len(), 1);
    /// assert_eq!(index.find("AMELIE")?, [0]);
    /// # Ok::<(), recsys_hybrid::HybridError>(())
    /// ```
    pub fn new(catalog: &Catalog) -> Self {
        let mut ix = Self::default();
        for (index, e) in catalog.entries().iter().enumerate() {
            let full = normalize(&move_article(&e.title));
            if full.is_empty() {
                continue;
            }
            let Ok(id) = u32::try_from(ix.titles.len()) else {
                break;
            };
            let stripped = strip_article(&full).to_string();
            let compact: String = stripped.split(' ').collect();
            let grams = trigrams(&stripped);
            for g in &grams {
                ix.trigrams.entry(*g).or_default().push(id);
            }
            ix.titles.push(Title {
                index,
                year: e.year,
                votes: e.details.vote_count,
                label: match e.year {
                    Some(y) => format!("{} ({y})", e.title.trim()),
                    None => e.title.trim().to_string(),
                },
                chars: stripped.chars().collect(),
                grams: grams.len(),
            });
            ix.full.entry(full).or_default().push(id);
            ix.stripped.entry(stripped).or_default().push(id);
            ix.compact.entry(compact).or_default().push(id);
        }
        ix
    }

    /// Number of indexed titles.
    ///
    /// ```
    /// let index = recsys_hybrid::TitleIndex::new(&Default::default());
    /// assert_eq!(index.len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    /// Whether no title is indexed.
    ///
    /// ```
    /// assert!(recsys_hybrid::TitleIndex::new(&Default::default()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// The catalog positions of the movies matching `query`, most-voted first (then catalog
    /// order); never empty. With a year in the query, only the movies of that year (else of a
    /// year either side).
    ///
    /// Errors: [`HybridError::UnknownTitle`] when nothing matches, with the closest titles as
    /// suggestions (the same title's other years when only the year was wrong).
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry};
    /// use recsys_hybrid::{HybridError, TitleIndex};
    /// let movie = |title: &str, year: u16| CatalogEntry {
    ///     title: title.into(), year: Some(year), ..Default::default()
    /// };
    /// let catalog = Catalog::new(vec![movie("Heat", 1986), movie("Heat", 1995),
    ///     movie("Death Race 2000", 1975)]);
    /// let index = TitleIndex::new(&catalog);
    /// assert_eq!(index.find("heat 1995")?, [1]);
    /// assert_eq!(index.find("Death Race 2000")?, [2]); // a title, not a year
    /// let Err(HybridError::UnknownTitle { suggestions, .. }) = index.find("Heat (1970)") else {
    ///     panic!("1970 has no Heat");
    /// };
    /// assert_eq!(suggestions, ["Heat (1986)", "Heat (1995)"]);
    /// # Ok::<(), HybridError>(())
    /// ```
    pub fn find(&self, query: &str) -> Result<Vec<usize>, HybridError> {
        let q = query.trim();
        let mut attempts: Vec<(&str, Option<u16>)> = Vec::with_capacity(2);
        let (base, year) = split_title_year(q);
        if year.is_some() && !base.is_empty() {
            attempts.push((base, year));
            attempts.push((q, None));
        } else {
            attempts.push((q, None));
            if let Some((before, last)) = q.rsplit_once(char::is_whitespace)
                && let Some(y) = bare_year(last)
                && !before.trim().is_empty()
            {
                attempts.push((before.trim_end(), Some(y)));
            }
        }
        let mut wrong_year: Vec<u32> = Vec::new();
        for &(title, year) in &attempts {
            let ids = self.lookup(title);
            if ids.is_empty() {
                continue;
            }
            let picked = match year {
                None => ids.to_vec(),
                Some(y) => {
                    let exact: Vec<u32> = ids
                        .iter()
                        .copied()
                        .filter(|&i| self.titles[i as usize].year == Some(y))
                        .collect();
                    if exact.is_empty() {
                        ids.iter()
                            .copied()
                            .filter(|&i| {
                                self.titles[i as usize]
                                    .year
                                    .is_some_and(|t| t.abs_diff(y) <= 1)
                            })
                            .collect()
                    } else {
                        exact
                    }
                }
            };
            if picked.is_empty() {
                if wrong_year.is_empty() {
                    wrong_year = ids.to_vec();
                }
                continue;
            }
            return Ok(self.ranked(picked));
        }
        let suggestions = if wrong_year.is_empty() {
            let title = attempts.last().map_or(q, |a| a.0);
            let mut s = self.suggest(attempts.first().map_or(q, |a| a.0), SUGGESTIONS);
            if s.is_empty() && title != q {
                s = self.suggest(title, SUGGESTIONS);
            }
            s
        } else {
            let mut by_year: Vec<&Title> = wrong_year
                .iter()
                .map(|&i| &self.titles[i as usize])
                .collect();
            by_year.sort_by_key(|t| (t.year, t.index));
            by_year.iter().map(|t| t.label.clone()).collect()
        };
        Err(HybridError::UnknownTitle {
            query: query.to_string(),
            suggestions,
        })
    }

    /// The first (most-voted) movie of [`find`](Self::find).
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
    /// let movie = |year: u16, vote_count: u32| CatalogEntry {
    ///     title: "The Host".into(),
    ///     year: Some(year),
    ///     details: MovieDetails { vote_count, ..Default::default() },
    ///     ..Default::default()
    /// };
    /// let catalog = Catalog::new(vec![movie(2006, 537), movie(2013, 1817)]);
    /// assert_eq!(recsys_hybrid::TitleIndex::new(&catalog).find_first("host")?, 1);
    /// # Ok::<(), recsys_hybrid::HybridError>(())
    /// ```
    pub fn find_first(&self, query: &str) -> Result<usize, HybridError> {
        let found = self.find(query)?;
        found
            .first()
            .copied()
            .ok_or_else(|| HybridError::UnknownTitle {
                query: query.to_string(),
                suggestions: Vec::new(),
            })
    }

    /// The ids of the titles matching a title (no year): exact key, then without a leading
    /// article, then without spaces.
    fn lookup(&self, title: &str) -> &[u32] {
        let key = normalize(&move_article(title));
        if key.is_empty() {
            return &[];
        }
        if let Some(ids) = self.full.get(&key) {
            return ids;
        }
        let stripped = strip_article(&key);
        if let Some(ids) = self.stripped.get(stripped) {
            return ids;
        }
        let compact: String = stripped.split(' ').collect();
        self.compact.get(&compact).map_or(&[], Vec::as_slice)
    }

    /// Catalog positions, most-voted first, then catalog order.
    fn ranked(&self, ids: Vec<u32>) -> Vec<usize> {
        let mut t: Vec<&Title> = ids.iter().map(|&i| &self.titles[i as usize]).collect();
        t.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.index.cmp(&b.index)));
        t.into_iter().map(|t| t.index).collect()
    }
}

/// A plausible release year written as a bare number.
fn bare_year(s: &str) -> Option<u16> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok().filter(|y| (1870..=2100).contains(y))
    } else {
        None
    }
}
