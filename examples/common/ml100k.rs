//! Shared by the examples that time or score SVD on ml-100k: its official folds.

use std::path::Path;

use recsys::core::Split;
use recsys::data::{DataDir, DataError, Dataset};

/// ml-100k's five official folds (`u1` to `u5`) in `--data DIR`, else `$RECSYS_DATA`.
pub fn official_folds(data: Option<&Path>) -> Result<Vec<Split>, DataError> {
    let root = DataDir::resolve(data)?.dataset_dir(Dataset::Ml100k)?;
    ["u1", "u2", "u3", "u4", "u5"]
        .iter()
        .map(|f| recsys::data::movielens::read_ml100k_split(&root, f))
        .collect()
}
