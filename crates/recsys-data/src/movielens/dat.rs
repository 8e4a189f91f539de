//! The `::`-separated `.dat` files of MovieLens 1M/10M.

use std::path::Path;

use crate::error::Result;
use recsys_core::reader::{self, Ctx, Encoding};

/// Reads a `::`-separated `.dat` file (UTF-8, else latin-1), one record per non-blank line with
/// exactly as many fields as `layout` names; `make` builds each record.
pub(super) fn read_dat_records<T>(
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
    let mut out = Vec::new();
    reader::each_line(path, &buf, |ctx, bytes| -> Result<()> {
        let text = reader::decode(bytes, enc, path, ctx.line)?;
        let f: Vec<&str> = text.split("::").collect();
        if f.len() != n_fields {
            return Err(ctx
                .err(format!("expected {layout}, got {} fields", f.len()))
                .into());
        }
        out.push(make(ctx, &f)?);
        Ok(())
    })?;
    Ok(out)
}
