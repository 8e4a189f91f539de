//! [`join`]: MovieLens movies joined to TMDB metadata, keywords and credits, with a
//! [`JoinReport`] of how much matched.

use serde::Serialize;

use super::{Catalog, CatalogEntry};
use crate::id_index::first_index;
use crate::kaggle::MovieKeywords;
use crate::metadata::{Credits, MovieMetadata, top_cast};
use crate::movielens::{self, Link, Movie};
use recsys_core::ids::{IdHashMap, RawId};

/// Counts of a join, one field per step (serializable, e.g. to print as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JoinReport {
    /// Dataset name.
    pub dataset: String,
    /// Entries in the catalog.
    pub movies: usize,
    /// Movies with a row in the links file.
    pub with_link: usize,
    /// Movies with a TMDB id (from the links, or from the title match).
    pub with_tmdb_id: usize,
    /// Movies given a TMDB id by the title + year match (ml-100k, ml-1m).
    pub matched_by_title: usize,
    /// Movies matched to a metadata record.
    pub matched_metadata: usize,
    /// Of those, matched through the IMDb id because the TMDB id was not found.
    pub matched_by_imdb: usize,
    /// Movies found in the keyword source (`keywords.csv`; for tmdb-5000 the movies file itself).
    pub matched_keywords: usize,
    /// Movies found in the credits file.
    pub matched_credits: usize,
    /// Rows skipped as malformed in The Movies Dataset's `movies_metadata.csv`/`credits.csv`.
    pub skipped_rows: usize,
    /// The files read, relative to the data folder.
    pub sources: Vec<String>,
}

/// Joins MovieLens `movies` to `links` (by movie id), to `metadata` (by TMDB id, else IMDb id), and
/// to `keywords` and `credits` (by TMDB id). One entry per movie, in order; the report's
/// `dataset`, `matched_by_title`, `skipped_rows` and `sources` are left for the caller.
pub fn join(
    movies: &[Movie],
    links: &[Link],
    metadata: &[MovieMetadata],
    keywords: Option<&[MovieKeywords]>,
    credits: Option<&[Credits]>,
) -> (Catalog, JoinReport) {
    let link_of = first_index(links.iter().map(|l| Some(l.movie_id)));
    let by_tmdb = first_index(metadata.iter().map(|m| Some(m.tmdb_id)));
    let by_imdb = first_index(metadata.iter().map(|m| m.imdb_id.map(u64::from)));
    let mut j = Joiner::new(keywords, credits);
    j.report.movies = movies.len();
    let mut entries = Vec::with_capacity(movies.len());
    for mv in movies {
        let link = link_of.get(&mv.id).and_then(|&k| links.get(k));
        j.report.with_link += usize::from(link.is_some());
        let tmdb = link.and_then(|l| l.tmdb_id);
        j.report.with_tmdb_id += usize::from(tmdb.is_some());
        let mut meta = tmdb
            .and_then(|t| by_tmdb.get(&t))
            .and_then(|&k| metadata.get(k));
        if meta.is_none()
            && let Some(m) = link
                .and_then(|l| l.imdb_id)
                .and_then(|i| by_imdb.get(&u64::from(i)))
                .and_then(|&k| metadata.get(k))
        {
            meta = Some(m);
            j.report.matched_by_imdb += 1;
        }
        let mut e = j.entry(meta, meta.map_or(tmdb, |m| Some(m.tmdb_id)));
        e.movie_id = Some(mv.id);
        e.imdb_id = link.and_then(|l| l.imdb_id).or(e.imdb_id);
        e.year = mv.year.or(e.year);
        if meta.is_none() {
            e.title = movielens::display_title(&mv.title);
        }
        if !mv.genres.is_empty() {
            e.genres.clone_from(&mv.genres);
        }
        entries.push(e);
    }
    (Catalog::new(entries), j.report)
}

/// The catalog of metadata records themselves (one entry per record, no MovieLens ids); keywords
/// and credits are joined by TMDB id. Without `keywords`, every record counts as its own keyword
/// source.
pub fn from_metadata(
    metadata: &[MovieMetadata],
    keywords: Option<&[MovieKeywords]>,
    credits: Option<&[Credits]>,
) -> (Catalog, JoinReport) {
    let mut j = Joiner::new(keywords, credits);
    let entries: Vec<_> = metadata
        .iter()
        .map(|m| j.entry(Some(m), Some(m.tmdb_id)))
        .collect();
    let n = entries.len();
    j.report.movies = n;
    j.report.with_tmdb_id = n;
    j.report.matched_metadata = n;
    if keywords.is_none() {
        j.report.matched_keywords = n;
    }
    (Catalog::new(entries), j.report)
}

struct Joiner<'a> {
    keywords: Option<(&'a [MovieKeywords], IdHashMap<RawId, usize>)>,
    credits: Option<(&'a [Credits], IdHashMap<RawId, usize>)>,
    report: JoinReport,
}

impl<'a> Joiner<'a> {
    fn new(keywords: Option<&'a [MovieKeywords]>, credits: Option<&'a [Credits]>) -> Self {
        Self {
            keywords: keywords.map(|k| (k, first_index(k.iter().map(|x| Some(x.tmdb_id))))),
            credits: credits.map(|c| (c, first_index(c.iter().map(|x| Some(x.tmdb_id))))),
            report: JoinReport::default(),
        }
    }

    fn entry(&mut self, meta: Option<&MovieMetadata>, tmdb: Option<RawId>) -> CatalogEntry {
        let mut e = CatalogEntry {
            tmdb_id: tmdb,
            ..Default::default()
        };
        if let Some(m) = meta {
            self.report.matched_metadata += 1;
            e = CatalogEntry {
                movie_id: None,
                tmdb_id: tmdb,
                imdb_id: m.imdb_id,
                title: m.title.clone(),
                year: m.year,
                genres: m.genres.clone(),
                details: m.details.clone(),
            };
        }
        let Some(t) = tmdb else { return e };
        if let Some(kw) = lookup(&self.keywords, t) {
            self.report.matched_keywords += 1;
            e.details.keywords.clone_from(&kw.keywords);
        }
        if let Some(c) = lookup(&self.credits, t) {
            self.report.matched_credits += 1;
            e.details.cast = top_cast(&c.cast);
            e.details.director.clone_from(&c.director);
        }
        e
    }
}

fn lookup<'a, T>(src: &Option<(&'a [T], IdHashMap<RawId, usize>)>, id: RawId) -> Option<&'a T> {
    let (items, index) = src.as_ref()?;
    index.get(&id).and_then(|&k| items.get(k))
}
