//! Every row of The Movies Dataset's `keywords.csv` ([`kaggle::KEYWORDS_FILE`]), as pandas and
//! the peers read it: **one record per row**, the 987 rows that repeat an earlier id included,
//! in file order. ([`kaggle::read_keywords`] keeps one record per id instead.)

use std::path::Path;

use csv::StringRecord;
use recsys_core::reader::{CsvRows, Ctx};
use serde::Deserialize;

use crate::error::Result;
use crate::kaggle::{self, MovieKeywords};

/// Reads every row of `keywords.csv` (`id,keywords`, the keywords a Python literal list of
/// `{'id': …, 'name': …}`) as (TMDB id, keyword names), duplicated ids kept, in file order. An
/// empty keywords field is an empty list; any malformed row is a parse error naming the file
/// and line.
pub fn read_keyword_rows(path: &Path) -> Result<Vec<MovieKeywords>> {
    let mut csv = CsvRows::open(path, &["id", "keywords"])?;
    let (mut out, mut rec, mut ctx) = (Vec::new(), StringRecord::new(), Ctx::new(path));
    while let Some(line) = csv.next(&mut rec)? {
        ctx.line = line;
        let field = |k: usize| {
            csv.idx
                .get(k)
                .and_then(|&i| rec.get(i))
                .ok_or_else(|| ctx.err("too few fields"))
        };
        out.push(MovieKeywords {
            tmdb_id: ctx.u64(field(0)?.as_bytes(), "id")?,
            keywords: names(&ctx, field(1)?)?,
        });
    }
    Ok(out)
}

/// The `name`s of a Python literal list of `{'id': …, 'name': …}`; an empty field has none.
fn names(ctx: &Ctx, field: &str) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Named {
        name: String,
    }
    let field = field.trim();
    if field.is_empty() {
        return Ok(Vec::new());
    }
    let err = |e: String| ctx.err(format!("keywords: {e}"));
    let value = kaggle::parse_py_literal(field)
        .map_err(|e| err(format!("invalid Python literal: {e}")))?;
    let list = Vec::<Named>::deserialize(value).map_err(|e| err(e.to_string()))?;
    Ok(list.into_iter().map(|n| n.name).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keywords.csv");
        let text = "id,keywords\n\
                    862,\"[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}]\"\n\
                    8844,[]\n\
                    862,\"[{'id': 931, 'name': 'jealousy'}]\"\n\
                    15602,\n";
        std::fs::write(&path, text).unwrap();
        let rows = read_keyword_rows(&path).unwrap();
        let got: Vec<(u64, Vec<&str>)> = rows
            .iter()
            .map(|r| (r.tmdb_id, r.keywords.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (862, vec!["jealousy", "toy"]),
                (8844, vec![]),
                (862, vec!["jealousy"]),
                (15602, vec![]),
            ]
        );
        for bad in ["id,keywords\nx,[]\n", "id,keywords\n1,[{'id': 1}]\n", "id\n1\n"] {
            std::fs::write(&path, bad).unwrap();
            assert!(read_keyword_rows(&path).is_err(), "{bad:?}");
        }
    }
}
