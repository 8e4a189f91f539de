//! MovieLens tags: CSV `tags.csv` and 10M `tags.dat`.

use std::path::Path;

use super::dat::read_dat_records;
use crate::error::Result;
use crate::records::each_record;
use recsys_core::ids::RawId;

/// A tag applied by a user to a movie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// User id.
    pub user: RawId,
    /// Movie id.
    pub movie: RawId,
    /// The tag text.
    pub tag: String,
    /// Seconds since the epoch.
    pub timestamp: u32,
}

/// Reads `tags.csv` (`userId,movieId,tag,timestamp`; tags may be quoted).
pub fn read_csv_tags(path: &Path) -> Result<Vec<Tag>> {
    let mut out = Vec::new();
    each_record(path, &["userId", "movieId", "tag", "timestamp"], |f| {
        out.push(Tag {
            user: f.ctx.u64(f.get(0)?.as_bytes(), "userId")?,
            movie: f.ctx.u64(f.get(1)?.as_bytes(), "movieId")?,
            tag: f.get(2)?.to_string(),
            timestamp: f.ctx.u32(f.get(3)?.as_bytes(), "timestamp")?,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Reads 10M `tags.dat` (`UserID::MovieID::Tag::Timestamp`).
pub fn read_dat_tags(path: &Path) -> Result<Vec<Tag>> {
    read_dat_records(path, "UserID::MovieID::Tag::Timestamp", |ctx, f| {
        Ok(Tag {
            user: ctx.u64(f[0].as_bytes(), "user id")?,
            movie: ctx.u64(f[1].as_bytes(), "movie id")?,
            tag: f[2].to_string(),
            timestamp: ctx.u32(f[3].as_bytes(), "timestamp")?,
        })
    })
}
