//! `links.csv`: MovieLens movie ids to IMDb and TMDB ids.

use std::path::Path;

use crate::error::Result;
use recsys_core::ids::RawId;
use recsys_core::reader;

/// A row of `links.csv`: MovieLens id ↔ IMDb id ↔ TMDB id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// MovieLens movie id.
    pub movie_id: RawId,
    /// IMDb id without `tt` (leading zeros dropped).
    pub imdb_id: Option<u32>,
    /// TMDB id; some rows have none.
    pub tmdb_id: Option<RawId>,
}

/// Reads `links.csv` (`movieId,imdbId,tmdbId`; an empty `tmdbId` becomes `None`).
pub fn read_links(path: &Path) -> Result<Vec<Link>> {
    let buf = reader::read_file(path)?;
    let mut out = Vec::new();
    let mut cols: Option<[usize; 3]> = None;
    reader::each_line(path, &buf, |ctx, bytes| -> recsys_core::Result<()> {
        let f: Vec<&[u8]> = reader::split_fields(bytes, b",").collect();
        let Some(c) = cols else {
            let names: Vec<String> = f
                .iter()
                .map(|h| String::from_utf8_lossy(reader::trim(h)).into_owned())
                .collect();
            let pos = |n: &str| {
                names.iter().position(|h| h == n).ok_or_else(|| {
                    ctx.err(format!(
                        "missing column `{n}` (header: {})",
                        names.join(",")
                    ))
                })
            };
            cols = Some([pos("movieId")?, pos("imdbId")?, pos("tmdbId")?]);
            return Ok(());
        };
        let field = |k: usize| {
            f.get(c[k])
                .copied()
                .ok_or_else(|| ctx.err("too few fields"))
        };
        let opt = |k: usize, what: &str| -> recsys_core::Result<Option<u64>> {
            let v = reader::trim(field(k)?);
            if v.is_empty() {
                Ok(None)
            } else {
                Ok(Some(ctx.u64(v, what)?))
            }
        };
        let imdb = match opt(1, "imdbId")? {
            Some(v) => {
                Some(u32::try_from(v).map_err(|_| ctx.err(format!("imdbId {v} out of range")))?)
            }
            None => None,
        };
        out.push(Link {
            movie_id: ctx.u64(field(0)?, "movieId")?,
            imdb_id: imdb,
            tmdb_id: opt(2, "tmdbId")?,
        });
        Ok(())
    })?;
    Ok(out)
}
