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
//! use recsys_data::catalog::{Catalog, CatalogEntry};
//! use recsys_hybrid::{HybridError, TitleIndex};
//!
//! let movie = |title: &str, year: u16, vote_count: u32| CatalogEntry {
//!     title: title.into(), year: Some(year), vote_count, ..Default::default()
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

use crate::HybridError;

/// How many suggestions an [`HybridError::UnknownTitle`] carries at most.
pub const SUGGESTIONS: usize = 5;

/// Candidates kept from the trigram pass before the edit-distance re-ranking.
const RERANK: usize = 64;

/// Articles MovieLens moves to the end of a title (`"Name, The"`).
const TRAILING_ARTICLES: [&str; 12] = [
    "the", "a", "an", "les", "la", "le", "l'", "il", "das", "der", "die", "el",
];

/// Leading articles that are optional in a query.
const OPTIONAL_ARTICLES: [&str; 3] = ["the", "a", "an"];

type Trigram = [char; 3];

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
                votes: e.vote_count,
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
    /// use recsys_data::catalog::{Catalog, CatalogEntry};
    /// let movie = |year: u16, vote_count: u32| CatalogEntry {
    ///     title: "The Host".into(), year: Some(year), vote_count, ..Default::default()
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

    /// Up to `k` indexed titles closest to `query` (`"Title (year)"`, closest first, distinct):
    /// trigram (Dice) similarity over the normalized titles, the best candidates re-ranked by
    /// adding the normalized edit-distance similarity; ties go to the most-voted.
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry};
    /// let movie = |title: &str| CatalogEntry { title: title.into(), ..Default::default() };
    /// let catalog = Catalog::new(vec![movie("Alien"), movie("Aliens"), movie("Fargo")]);
    /// let index = recsys_hybrid::TitleIndex::new(&catalog);
    /// assert_eq!(index.suggest("Alein", 2), ["Alien", "Aliens"]);
    /// ```
    pub fn suggest(&self, query: &str, k: usize) -> Vec<String> {
        let key = normalize(&move_article(query));
        let key = strip_article(&key);
        let grams = trigrams(key);
        if grams.is_empty() || k == 0 {
            return Vec::new();
        }
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for g in &grams {
            if let Some(ids) = self.trigrams.get(g) {
                for &id in ids {
                    *shared.entry(id).or_insert(0) += 1;
                }
            }
        }
        let qn = grams.len() as f64;
        let mut scored: Vec<(f64, u32)> = shared
            .into_iter()
            .map(|(id, s)| {
                let t = &self.titles[id as usize];
                (2.0 * f64::from(s) / (qn + t.grams as f64), id)
            })
            .collect();
        let by_score = |titles: &[Title], a: &(f64, u32), b: &(f64, u32)| {
            let (ta, tb) = (&titles[a.1 as usize], &titles[b.1 as usize]);
            b.0.total_cmp(&a.0)
                .then(tb.votes.cmp(&ta.votes))
                .then(ta.index.cmp(&tb.index))
        };
        if scored.len() > RERANK {
            scored.select_nth_unstable_by(RERANK, |a, b| by_score(&self.titles, a, b));
            scored.truncate(RERANK);
        }
        let qc: Vec<char> = key.chars().collect();
        for s in &mut scored {
            let t = &self.titles[s.1 as usize];
            let longest = qc.len().max(t.chars.len()).max(1) as f64;
            s.0 += 1.0 - levenshtein(&qc, &t.chars) as f64 / longest;
        }
        scored.sort_unstable_by(|a, b| by_score(&self.titles, a, b));
        let mut out: Vec<String> = Vec::with_capacity(k);
        for (_, id) in scored {
            let label = &self.titles[id as usize].label;
            if !out.contains(label) {
                out.push(label.clone());
                if out.len() == k {
                    break;
                }
            }
        }
        out
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

/// `"Dark Knight, The"` → `"The Dark Knight"` (any case; also before an alternative title in
/// parentheses: `"Cité des enfants perdus, La (City of Lost Children)"`).
fn move_article(title: &str) -> String {
    let t = title.trim();
    let (main, alt) = match t.find(" (") {
        Some(k) if k > 0 => t.split_at(k),
        _ => (t, ""),
    };
    if let Some((stem, art)) = main.rsplit_once(',') {
        let art = art.trim();
        if let Some(a) = TRAILING_ARTICLES
            .iter()
            .find(|a| a.eq_ignore_ascii_case(art))
        {
            let sep = if a.ends_with('\'') { "" } else { " " };
            return format!("{art}{sep}{}{alt}", stem.trim_end());
        }
    }
    t.to_string()
}

/// The key without a leading optional article (unless nothing would be left).
fn strip_article(key: &str) -> &str {
    match key.split_once(' ') {
        Some((first, rest)) if OPTIONAL_ARTICLES.contains(&first) && !rest.is_empty() => rest,
        _ => key,
    }
}

/// Lowercase, diacritics folded, apostrophes dropped, `&` → `and`, other non-alphanumeric runs
/// one space, trimmed.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘' | '`' | '´') {
            continue;
        }
        if c == '&' {
            out.push_str(" and ");
        } else if let Some(f) = fold(c) {
            out.push_str(f);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ASCII for the common lowercase Latin letters with diacritics (and ligatures).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The distinct trigrams of `" key "`.
fn trigrams(key: &str) -> Vec<Trigram> {
    if key.is_empty() {
        return Vec::new();
    }
    let padded: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut g: Vec<Trigram> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Levenshtein distance between two char sequences (two rows).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use recsys_data::catalog::CatalogEntry;

    fn movie(title: &str, year: Option<u16>, vote_count: u32) -> CatalogEntry {
        CatalogEntry {
            title: title.into(),
            year,
            vote_count,
            ..Default::default()
        }
    }

    fn small() -> Catalog {
        Catalog::new(vec![
            movie("The Dark Knight", Some(2008), 12002),
            movie("The Dark Knight Rises", Some(2012), 9106),
            movie("Batman", Some(1989), 2096),
            movie("Batman", Some(1966), 203),
            movie("Amélie", Some(2001), 3310),
            movie("Schindler's List", Some(1993), 4329),
            movie("Spider-Man", Some(2002), 5265),
            movie("Death Race 2000", Some(1975), 90),
            movie("Secrets & Lies", Some(1996), 120),
            movie("Les Misérables", Some(2012), 1900),
            movie("Die Hard", Some(1988), 3200),
            movie("", None, 0),
        ])
    }

    #[test]
    fn normalization_by_hand() {
        assert_eq!(normalize("  Schindler's  List!"), "schindlers list");
        assert_eq!(normalize("WALL·E"), "wall e");
        assert_eq!(normalize("Æon Flux"), "aeon flux");
        assert_eq!(normalize("Secrets & Lies"), "secrets and lies");
        assert_eq!(normalize("?!"), "");
        assert_eq!(move_article("Dark Knight, The"), "The Dark Knight");
        assert_eq!(move_article("dark knight, the"), "the dark knight");
        assert_eq!(move_article("Misérables, Les"), "Les Misérables");
        assert_eq!(
            move_article("Cité des enfants perdus, La (City of Lost Children)"),
            "La Cité des enfants perdus (City of Lost Children)"
        );
        assert_eq!(move_article("Hello, World"), "Hello, World");
        assert_eq!(strip_article("the dark knight"), "dark knight");
        assert_eq!(strip_article("the"), "the");
        assert_eq!(levenshtein(&['a', 'b', 'c'], &['a', 'c']), 1);
        assert_eq!(levenshtein(&[], &['a', 'c']), 2);
        // " ab " → " ab", "ab "
        assert_eq!(trigrams("ab"), [[' ', 'a', 'b'], ['a', 'b', ' ']]);
    }

    #[test]
    fn lookups() {
        let c = small();
        let ix = TitleIndex::new(&c);
        assert_eq!(ix.len(), 11);
        for q in [
            "The Dark Knight",
            "the dark knight",
            "DARK KNIGHT",
            "Dark Knight, The",
            "dark knight, the (2008)",
            "Dark Knight 2008",
            "  the   dark-knight ",
        ] {
            assert_eq!(ix.find(q).unwrap(), [0], "{q}");
        }
        assert_eq!(ix.find("batman").unwrap(), [2, 3]);
        assert_eq!(ix.find("Batman (1966)").unwrap(), [3]);
        assert_eq!(ix.find("Batman 1989").unwrap(), [2]);
        assert_eq!(ix.find("Batman (1990)").unwrap(), [2]); // a year either side
        assert_eq!(ix.find_first("batman").unwrap(), 2);
        assert_eq!(ix.find("amelie").unwrap(), [4]);
        assert_eq!(ix.find("Schindlers List").unwrap(), [5]);
        assert_eq!(ix.find("spiderman").unwrap(), [6]);
        assert_eq!(ix.find("Death Race 2000").unwrap(), [7]);
        assert_eq!(ix.find("Death Race 2000 (1975)").unwrap(), [7]);
        assert_eq!(ix.find("Secrets and Lies").unwrap(), [8]);
        assert_eq!(ix.find("Miserables, Les").unwrap(), [9]);
        assert_eq!(ix.find("die hard").unwrap(), [10]);
    }

    #[test]
    fn unknown_titles() {
        let ix = TitleIndex::new(&small());
        let Err(HybridError::UnknownTitle { query, suggestions }) = ix.find("Dark Knigt") else {
            panic!("Dark Knigt is not a title");
        };
        assert_eq!(query, "Dark Knigt");
        assert_eq!(
            suggestions[..2],
            ["The Dark Knight (2008)", "The Dark Knight Rises (2012)"]
        );
        let Err(HybridError::UnknownTitle { suggestions, .. }) = ix.find("Batman (1970)") else {
            panic!("no Batman of 1970");
        };
        assert_eq!(suggestions, ["Batman (1966)", "Batman (1989)"]);
        for q in ["", "   ", "!!!", "(2008)", "zzzzqqq"] {
            match ix.find(q) {
                Err(HybridError::UnknownTitle { suggestions, .. }) => {
                    assert!(suggestions.len() <= SUGGESTIONS)
                }
                other => panic!("{q}: {other:?}"),
            }
        }
        assert!(TitleIndex::new(&Catalog::default()).find("x").is_err());
        let err = ix.find("Dark Knigt").unwrap_err().to_string();
        assert!(
            err.contains("did you mean: The Dark Knight (2008)"),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn every_title_finds_itself(
            titles in proptest::collection::vec(("[A-Za-zé' ,:&-]{1,20}", 1900u16..2020, 0u32..1000), 1..30),
        ) {
            let entries: Vec<CatalogEntry> = titles
                .iter()
                .map(|(t, y, v)| movie(t, Some(*y), *v))
                .collect();
            let catalog = Catalog::new(entries);
            let ix = TitleIndex::new(&catalog);
            for (k, e) in catalog.entries().iter().enumerate() {
                if normalize(&move_article(&e.title)).is_empty() {
                    continue;
                }
                let found = ix.find(&e.title).unwrap();
                prop_assert!(found.contains(&k), "{:?} not in {:?}", e.title, found);
                // most-voted first
                for w in found.windows(2) {
                    prop_assert!(catalog.entries()[w[0]].vote_count >= catalog.entries()[w[1]].vote_count);
                }
                let with_year = ix.find(&format!("{} ({})", e.title, e.year.unwrap_or(0))).unwrap();
                prop_assert!(with_year.contains(&k));
                let upper = ix.find(&e.title.to_uppercase()).unwrap();
                prop_assert!(upper.contains(&k));
            }
        }

        #[test]
        fn never_panics(q in "\\PC{0,40}") {
            let ix = TitleIndex::new(&small());
            match ix.find(&q) {
                Ok(found) => prop_assert!(!found.is_empty()),
                Err(HybridError::UnknownTitle { suggestions, .. }) => {
                    prop_assert!(suggestions.len() <= SUGGESTIONS)
                }
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }
}
