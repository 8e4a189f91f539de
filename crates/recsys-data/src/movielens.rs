//! MovieLens loaders: the 100K files (`u.data`, `u.item`, `u.user`, `u.genre`, official splits),
//! the `.dat` format of 1M/10M (`::`-separated, latin-1 `movies.dat`), and the CSV format of
//! ml-latest-small, ml-latest, ml-20m, ml-25m and ml-32m (`ratings.csv`, `movies.csv`,
//! `links.csv`, `tags.csv`).
//!
//! Every loader reads the whole file once, streams its lines into the result, and reports a
//! malformed record as [`DataError::Parse`] with the file and line.

use std::path::Path;

use crate::error::{DataError, Result};
use recsys_core::ids::RawId;
use recsys_core::interactions::{DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_core::reader::{self, Ctx, Encoding};
use recsys_core::split::Split;

/// MovieLens ratings lie in this range (100K and 1M use whole stars 1–5, later sets half stars).
pub const RATING_RANGE: (f32, f32) = (0.5, 5.0);

/// The 19 genres of MovieLens 100K, in `u.genre` order (flag columns of `u.item`).
pub const ML100K_GENRES: [&str; 19] = [
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western",
];

/// A movie of a MovieLens catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Movie {
    /// MovieLens movie id.
    pub id: RawId,
    /// The title as in the file, e.g. `"Shawshank Redemption, The (1994)"`.
    pub title: String,
    /// The year parsed from the title's trailing `(YYYY)` (or the 100K release date).
    pub year: Option<u16>,
    /// Genres; empty for `(no genres listed)`.
    pub genres: Vec<String>,
    /// 100K only: the release date as written (`01-Jan-1995`).
    pub release_date: Option<String>,
    /// 100K only: the IMDb URL as written.
    pub imdb_url: Option<String>,
}

impl Movie {
    /// The title without its trailing year and with a trailing article moved to the front:
    /// `"Shawshank Redemption, The (1994)"` → `"The Shawshank Redemption"`.
    pub fn display_title(&self) -> String {
        display_title(&self.title)
    }
}

/// A MovieLens user (100K `u.user`, 1M `users.dat`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// User id.
    pub id: RawId,
    /// Age (1M: the age-group code).
    pub age: u32,
    /// `M` or `F`.
    pub gender: String,
    /// Occupation (100K: name; 1M: code as text).
    pub occupation: String,
    /// Zip code as written.
    pub zip: String,
}

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

/// Splits `"Title (1995)"` into `("Title", Some(1995))`; titles without a trailing year are
/// returned whole.
pub fn split_title_year(title: &str) -> (&str, Option<u16>) {
    let t = title.trim_end();
    if let Some(open) = t.rfind('(') {
        let inner = &t[open + 1..];
        if let Some(y) = inner.strip_suffix(')')
            && y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
        {
            return (t[..open].trim_end(), y.parse().ok());
        }
    }
    (t, None)
}

/// The display form of a MovieLens title (see [`Movie::display_title`]).
pub fn display_title(title: &str) -> String {
    let (t, _) = split_title_year(title);
    // "Name, The" / "Name, A" / "Name, An" (also before an alternative title in parentheses).
    let (main, alt) = match t.find(" (") {
        Some(k) => (&t[..k], &t[k..]),
        None => (t, ""),
    };
    for art in [
        "The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El",
    ] {
        let suffix = format!(", {art}");
        if let Some(stem) = main.strip_suffix(&suffix) {
            let sep = if art.ends_with('\'') { "" } else { " " };
            return format!("{art}{sep}{stem}{alt}");
        }
    }
    t.to_string()
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
    let mut ctx = Ctx::new(path);
    let mut n = 0usize;
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if (header && line == 1) || reader::trim(bytes).is_empty() {
            continue;
        }
        let mut f = reader::split_fields(bytes, sep);
        let (Some(u), Some(i), Some(r)) = (f.next(), f.next(), f.next()) else {
            return Err(ctx.err(format!(
                "expected user{0}item{0}rating{0}timestamp, got `{1}`",
                String::from_utf8_lossy(sep),
                String::from_utf8_lossy(bytes)
            )).into());
        };
        let ts = match f.next() {
            Some(t) => Some(ctx.u32(t, "timestamp")?),
            None => None,
        };
        if f.next().is_some() {
            return Err(ctx.err("too many fields").into());
        }
        let user = ctx.u64(u, "user id")?;
        let item = ctx.u64(i, "item id")?;
        let rating = ctx.rating(r, RATING_RANGE.0, RATING_RANGE.1)?;
        builder
            .push(user, item, rating, ts)
            .map_err(|e| ctx.err(e.to_string()))?;
        n += 1;
    }
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
    read_ratings_into(path, format.separator(), format.has_header(), &mut b)?;
    Ok(b.build(policy)?)
}

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
}

/// Reads 100K `u.item` (latin-1, `|`-separated, 24 fields: id, title, release date, video release
/// date, IMDb URL, 19 genre flags).
pub fn read_ml100k_items(path: &Path) -> Result<Vec<Movie>> {
    let buf = reader::read_file(path)?;
    let mut ctx = Ctx::new(path);
    let mut out = Vec::with_capacity(1700);
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if reader::trim(bytes).is_empty() {
            continue;
        }
        let text = reader::decode(bytes, Encoding::Latin1, path, line)?;
        let f: Vec<&str> = text.split('|').collect();
        if f.len() != 5 + ML100K_GENRES.len() {
            return Err(ctx.err(format!("expected 24 `|`-separated fields, got {}", f.len())).into());
        }
        let id = ctx.u64(f[0].as_bytes(), "movie id")?;
        let mut genres = Vec::new();
        for (k, flag) in f[5..].iter().enumerate() {
            match flag.trim() {
                "1" => genres.push(ML100K_GENRES[k].to_string()),
                "0" => {}
                other => return Err(ctx.err(format!("genre flag `{other}` is not 0 or 1")).into()),
            }
        }
        let release = f[2].trim();
        let (_, title_year) = split_title_year(f[1]);
        let year = title_year.or_else(|| release.rsplit('-').next().and_then(|y| y.parse().ok()));
        out.push(Movie {
            id,
            title: f[1].to_string(),
            year,
            genres,
            release_date: (!release.is_empty()).then(|| release.to_string()),
            imdb_url: (!f[4].trim().is_empty()).then(|| f[4].trim().to_string()),
        });
    }
    Ok(out)
}

/// Reads 100K `u.user` (`id|age|gender|occupation|zip`).
pub fn read_ml100k_users(path: &Path) -> Result<Vec<User>> {
    read_users(path, b"|", |ctx, f| {
        Ok(User {
            id: ctx.u64(f[0].as_bytes(), "user id")?,
            age: ctx.u64(f[1].as_bytes(), "age")? as u32,
            gender: f[2].to_string(),
            occupation: f[3].to_string(),
            zip: f[4].to_string(),
        })
    })
}

/// Reads 1M `users.dat` (`UserID::Gender::Age::Occupation::Zip-code`).
pub fn read_dat_users(path: &Path) -> Result<Vec<User>> {
    read_users(path, b"::", |ctx, f| {
        Ok(User {
            id: ctx.u64(f[0].as_bytes(), "user id")?,
            gender: f[1].to_string(),
            age: ctx.u64(f[2].as_bytes(), "age")? as u32,
            occupation: f[3].to_string(),
            zip: f[4].to_string(),
        })
    })
}

fn read_users(
    path: &Path,
    sep: &[u8],
    make: impl Fn(&Ctx, &[&str]) -> Result<User>,
) -> Result<Vec<User>> {
    let buf = reader::read_file(path)?;
    let mut ctx = Ctx::new(path);
    let mut out = Vec::new();
    let sep_s = String::from_utf8_lossy(sep).into_owned();
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if reader::trim(bytes).is_empty() {
            continue;
        }
        let text = reader::decode(bytes, Encoding::Latin1, path, line)?;
        let f: Vec<&str> = text.split(sep_s.as_str()).collect();
        if f.len() != 5 {
            return Err(ctx.err(format!(
                "expected 5 `{sep_s}`-separated fields, got {}",
                f.len()
            )).into());
        }
        out.push(make(&ctx, &f)?);
    }
    Ok(out)
}

/// Reads 100K `u.genre` (`name|id`), returning names by id. The trailing empty line is ignored.
pub fn read_ml100k_genres(path: &Path) -> Result<Vec<String>> {
    let buf = reader::read_file(path)?;
    let mut ctx = Ctx::new(path);
    let mut out: Vec<(u64, String)> = Vec::new();
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if reader::trim(bytes).is_empty() {
            continue;
        }
        let text = reader::decode(bytes, Encoding::Latin1, path, line)?;
        let Some((name, id)) = text.rsplit_once('|') else {
            return Err(ctx.err("expected `name|id`").into());
        };
        out.push((ctx.u64(id.as_bytes(), "genre id")?, name.to_string()));
    }
    out.sort_by_key(|(id, _)| *id);
    Ok(out.into_iter().map(|(_, n)| n).collect())
}

/// Reads `movies.dat` (`MovieID::Title::Genres`, latin-1 in 1M; UTF-8 text is accepted too).
pub fn read_dat_movies(path: &Path) -> Result<Vec<Movie>> {
    read_dat_records(path, "MovieID::Title::Genres", |ctx, f| {
        movie_from_fields(ctx, f[0], f[1], f[2])
    })
}

/// Reads a `::`-separated `.dat` file (UTF-8, else latin-1), one record per non-blank line with
/// exactly as many fields as `layout` names; `make` builds each record.
fn read_dat_records<T>(
    path: &Path,
    layout: &str,
    make: impl Fn(&Ctx, &[&str]) -> Result<T>,
) -> Result<Vec<T>> {
    let buf = reader::read_file(path)?;
    let enc = if std::str::from_utf8(&buf).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Latin1
    };
    let n_fields = layout.split("::").count();
    let mut ctx = Ctx::new(path);
    let mut out = Vec::new();
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if reader::trim(bytes).is_empty() {
            continue;
        }
        let text = reader::decode(bytes, enc, path, line)?;
        let f: Vec<&str> = text.split("::").collect();
        if f.len() != n_fields {
            return Err(ctx.err(format!("expected {layout}, got {} fields", f.len())).into());
        }
        out.push(make(&ctx, &f)?);
    }
    Ok(out)
}

fn movie_from_fields(ctx: &Ctx, id: &str, title: &str, genres: &str) -> Result<Movie> {
    let id = ctx.u64(id.as_bytes(), "movie id")?;
    let genres = match genres.trim() {
        "" | "(no genres listed)" => Vec::new(),
        g => g.split('|').map(str::to_string).collect(),
    };
    Ok(Movie {
        id,
        year: split_title_year(title).1,
        title: title.to_string(),
        genres,
        release_date: None,
        imdb_url: None,
    })
}

/// Reads `movies.csv` (`movieId,title,genres`; quoted titles with commas).
pub fn read_csv_movies(path: &Path) -> Result<Vec<Movie>> {
    let mut rows = reader::CsvRows::open(path, &["movieId", "title", "genres"])?;
    let mut ctx = Ctx::new(path);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    while let Some(line) = rows.next(&mut rec)? {
        ctx.line = line;
        let get = |k: usize| {
            rec.get(rows.idx[k])
                .ok_or_else(|| ctx.err("too few fields"))
        };
        out.push(movie_from_fields(&ctx, get(0)?, get(1)?, get(2)?)?);
    }
    Ok(out)
}

/// Reads `links.csv` (`movieId,imdbId,tmdbId`; an empty `tmdbId` becomes `None`).
pub fn read_links(path: &Path) -> Result<Vec<Link>> {
    let buf = reader::read_file(path)?;
    let mut ctx = Ctx::new(path);
    let mut out = Vec::new();
    let mut cols: Option<[usize; 3]> = None;
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if reader::trim(bytes).is_empty() {
            continue;
        }
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
            continue;
        };
        let field = |k: usize| {
            f.get(c[k])
                .copied()
                .ok_or_else(|| ctx.err("too few fields"))
        };
        let opt = |k: usize, what: &str| -> Result<Option<u64>> {
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
    }
    Ok(out)
}

/// Reads `tags.csv` (`userId,movieId,tag,timestamp`; tags may be quoted).
pub fn read_csv_tags(path: &Path) -> Result<Vec<Tag>> {
    let mut rows = reader::CsvRows::open(path, &["userId", "movieId", "tag", "timestamp"])?;
    let mut ctx = Ctx::new(path);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    while let Some(line) = rows.next(&mut rec)? {
        ctx.line = line;
        let get = |k: usize| {
            rec.get(rows.idx[k])
                .ok_or_else(|| ctx.err("too few fields"))
        };
        out.push(Tag {
            user: ctx.u64(get(0)?.as_bytes(), "userId")?,
            movie: ctx.u64(get(1)?.as_bytes(), "movieId")?,
            tag: get(2)?.to_string(),
            timestamp: ctx.u32(get(3)?.as_bytes(), "timestamp")?,
        });
    }
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

/// The official 100K splits: `u1`..`u5` (5-fold, 80/20) and `ua`/`ub` (10 test ratings per user).
pub const ML100K_SPLITS: [&str; 7] = ["u1", "u2", "u3", "u4", "u5", "ua", "ub"];

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
    read_ratings_into(train, format.separator(), format.has_header(), &mut b)?;
    let train_e = b.take_entries();
    read_ratings_into(test, format.separator(), format.has_header(), &mut b)?;
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
/// [`TieBreak::Order`](recsys_core::split::TieBreak::Order). `m` must have been read from that file (possibly filtered: records that
/// are not in `m` are skipped); a rating of `m` missing from the file is an error.
pub fn file_order(m: &Interactions, path: &Path, format: RatingsFormat) -> Result<Vec<u64>> {
    let (sep, header): (&[u8], bool) = match format {
        RatingsFormat::Tab => (b"\t", false),
        RatingsFormat::DoubleColon => (b"::", false),
        RatingsFormat::Csv => (b",", true),
    };
    let mut b = InteractionsBuilder::new();
    read_ratings_into(path, sep, header, &mut b)?;
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
