//! Every row of The Movies Dataset's `keywords.csv` ([`kaggle::KEYWORDS_FILE`]), as pandas and
//! the peers read it: **one record per row**, the 987 rows that repeat an earlier id included,
//! in file order. ([`kaggle::read_keywords`] keeps one record per id instead.)

use std::path::Path;

use crate::error::Result;
use crate::kaggle::{self, MovieKeywords};

/// Reads every row of `keywords.csv` (`id,keywords`, the keywords a Python literal list of
/// `{'id': …, 'name': …}`) as (TMDB id, keyword names), duplicated ids kept, in file order. An
/// empty keywords field is an empty list; any malformed row is a parse error naming the file
/// and line.
pub fn read_keyword_rows(path: &Path) -> Result<Vec<MovieKeywords>> {
    let mut out = Vec::new();
    kaggle::each_keywords_row(path, |k| out.push(k))?;
    Ok(out)
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
        for bad in [
            "id,keywords\nx,[]\n",
            "id,keywords\n1,[{'id': 1}]\n",
            "id\n1\n",
        ] {
            std::fs::write(&path, bad).unwrap();
            assert!(read_keyword_rows(&path).is_err(), "{bad:?}");
        }
    }
}
