//! MovieLens users: 100K `u.user` and 1M `users.dat`.

use std::path::Path;

use crate::error::Result;
use recsys_core::ids::RawId;
use recsys_core::reader::{self, Ctx, Encoding};

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

/// Reads a latin-1 user file of five `sep`-separated fields per line; `make` builds each user.
fn read_users(
    path: &Path,
    sep: &[u8],
    make: impl Fn(&Ctx, &[&str]) -> Result<User>,
) -> Result<Vec<User>> {
    let buf = reader::read_file(path)?;
    let mut out = Vec::new();
    let sep_s = String::from_utf8_lossy(sep).into_owned();
    reader::each_line(path, &buf, |ctx, bytes| -> Result<()> {
        let text = reader::decode(bytes, Encoding::Latin1, path, ctx.line)?;
        let f: Vec<&str> = text.split(sep_s.as_str()).collect();
        if f.len() != 5 {
            return Err(ctx
                .err(format!(
                    "expected 5 `{sep_s}`-separated fields, got {}",
                    f.len()
                ))
                .into());
        }
        out.push(make(ctx, &f)?);
        Ok(())
    })?;
    Ok(out)
}
