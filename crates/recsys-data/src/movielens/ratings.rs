//! MovieLens ratings files: `u.data`-style (tab), `.dat` (`::`) and CSV, the official 100K
//! splits, and the file order of the ratings (the peers' tie-break).

use recsys_core::WrapsCore;
use std::path::Path;

use crate::error::{DataError, Result};
use recsys_core::interactions::{DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_core::reader;
use recsys_core::split::Split;

/// MovieLens ratings lie in this range (100K and 1M use whole stars 1–5, later sets half stars).
pub const RATING_RANGE: (f32, f32) = (0.5, 5.0);

/// The official 100K splits: `u1`..`u5` (5-fold, 80/20) and `ua`/`ub` (10 test ratings per user).
pub const ML100K_SPLITS: [&str; 7] = ["u1", "u2", "u3", "u4", "u5", "ua", "ub"];

/// The layout of a ratings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingsFormat {
    /// Tab-separated, no header (100K `u.data`, `u1.base`, ...).
    Tab,
    /// `::`-separated, no header (1M/10M `ratings.dat`).
    DoubleColon,
    /// Comma-separated with a header line (`ratings.csv`, `ratings_small.csv`).
    Csv,
}

impl RatingsFormat {
    fn separator(self) -> &'static [u8] {
        match self {
            RatingsFormat::Tab => b"\t",
            RatingsFormat::DoubleColon => b"::",
            RatingsFormat::Csv => b",",
        }
    }

    fn has_header(self) -> bool {
        matches!(self, RatingsFormat::Csv)
    }

    /// Streams the ratings file at `path` in this format into `builder`.
    fn read_into(self, path: &Path, builder: &mut InteractionsBuilder) -> Result<usize> {
        read_ratings_into(path, self.separator(), self.has_header(), builder)
    }
}

/// Streams a delimited ratings file (`user SEP item SEP rating SEP timestamp`, no quoting) into
/// `builder`. `header` skips the first line. Blank lines are skipped.
pub fn read_ratings_into(
    path: &Path,
    sep: &[u8],
    header: bool,
    builder: &mut InteractionsBuilder,
) -> Result<usize> {
    let buf = reader::read_file(path)?;
    let mut n = 0usize;
    reader::each_line(path, &buf, |ctx, bytes| {
        if header && ctx.line == 1 {
            return Ok(());
        }
        let mut f = reader::split_fields(bytes, sep);
        let (Some(u), Some(i), Some(r)) = (f.next(), f.next(), f.next()) else {
            return Err(ctx.err(format!(
                "expected user{0}item{0}rating{0}timestamp, got `{1}`",
                String::from_utf8_lossy(sep),
                String::from_utf8_lossy(bytes)
            )));
        };
        let ts = match f.next() {
            Some(t) => Some(ctx.u32(t, "timestamp")?),
            None => None,
        };
        if f.next().is_some() {
            return Err(ctx.err("too many fields"));
        }
        let user = ctx.u64(u, "user id")?;
        let item = ctx.u64(i, "item id")?;
        let rating = ctx.rating(r, RATING_RANGE.0, RATING_RANGE.1)?;
        builder
            .push(user, item, rating, ts)
            .map_err(|e| ctx.err(e.to_string()))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// Reads a ratings file into [`Interactions`]: `u.data`-style (tab), `.dat` (`::`) or CSV with a
/// `userId,movieId,rating,timestamp` header, chosen by [`RatingsFormat`].
pub fn read_ratings(
    path: &Path,
    format: RatingsFormat,
    policy: DuplicatePolicy,
) -> Result<Interactions> {
    let mut b = InteractionsBuilder::new();
    format.read_into(path, &mut b)?;
    Ok(b.build(policy)?)
}

/// Reads an official 100K split (`<name>.base` / `<name>.test`) from `dir`, train and test sharing
/// one index space (train's ids first).
pub fn read_ml100k_split(dir: &Path, name: &str) -> Result<Split> {
    if !ML100K_SPLITS.contains(&name) {
        return Err(DataError::param(
            "split",
            format!(
                "`{name}` is not an official ml-100k split ({})",
                ML100K_SPLITS.join(", ")
            ),
        ));
    }
    read_split_files(
        &dir.join(format!("{name}.base")),
        &dir.join(format!("{name}.test")),
        RatingsFormat::Tab,
    )
}

/// Reads a train file and a test file into one index space (train's ids first).
pub fn read_split_files(train: &Path, test: &Path, format: RatingsFormat) -> Result<Split> {
    let mut b = InteractionsBuilder::new();
    format.read_into(train, &mut b)?;
    let train_e = b.take_entries();
    format.read_into(test, &mut b)?;
    let test_e = b.take_entries();
    let ts = b.has_timestamps();
    let (users, items) = b.into_maps();
    Ok(Split {
        train: Interactions::from_parts(
            users.clone(),
            items.clone(),
            train_e,
            DuplicatePolicy::KeepLast,
            ts,
        )?,
        test: Interactions::from_parts(users, items, test_e, DuplicatePolicy::KeepLast, ts)?,
    })
}

/// For each rating of `m` in [`Interactions::iter`] order, the 0-based record number of its last
/// occurrence in the ratings file `path` — the tie-break of the peers' protocol, for
/// [`TieBreak::Order`](recsys_core::split::TieBreak::Order). `m` must have been read from that
/// file (possibly filtered: records that are not in `m` are skipped); a rating of `m` missing
/// from the file is an error.
pub fn file_order(m: &Interactions, path: &Path, format: RatingsFormat) -> Result<Vec<u64>> {
    let mut b = InteractionsBuilder::new();
    format.read_into(path, &mut b)?;
    let entries = b.take_entries();
    let (users, items) = b.into_maps();
    let ip = m.matrix().indptr();
    let mut order = vec![u64::MAX; m.nnz()];
    for (k, e) in entries.iter().enumerate() {
        let u = users.raw(e.user).and_then(|r| m.users().index(r));
        let i = items.raw(e.item).and_then(|r| m.items().index(r));
        if let (Some(u), Some(i)) = (u, i)
            && let Ok(p) = m.row(u).items.binary_search(&i)
        {
            order[ip.index(u as usize) + p] = k as u64;
        }
    }
    match order.iter().position(|&o| o == u64::MAX) {
        None => Ok(order),
        Some(k) => {
            let u = (0..m.n_users()).find(|&u| ip.index(u + 1) > k).unwrap_or(0);
            let i = m.matrix().indices()[k];
            Err(DataError::param(
                "path",
                format!(
                    "{} has no rating of user {} for item {}",
                    path.display(),
                    m.users().raw(u as u32).unwrap_or_default(),
                    m.items().raw(i).unwrap_or_default()
                ),
            ))
        }
    }
}
