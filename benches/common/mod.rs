//! What the benches share: a real dataset from `RECSYS_DATA` when it is there, else synthetic
//! ratings of the same shape from `recsys::data::synthetic`; and criterion's configuration.

use recsys::core::Interactions;
use recsys::data::synthetic::SyntheticConfig;
use recsys::data::{DataDir, Dataset};

/// `ds` from `RECSYS_DATA`, or `ratings` synthetic ratings over `users × items` (seed 0) when the
/// data is absent.
#[allow(dead_code)] // not every bench uses it
pub fn dataset_or_synthetic(ds: Dataset, users: u32, items: u32, ratings: u64) -> Interactions {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(m) = dir.load_ratings(ds)
    {
        return m;
    }
    eprintln!(
        "{} not found under RECSYS_DATA: synthetic {users} × {items}, {ratings} ratings",
        ds.name()
    );
    synthetic(users, items, ratings)
}

/// `ratings` synthetic ratings over `users × items`, seed 0.
#[allow(dead_code)] // not every bench uses it
pub fn synthetic(users: u32, items: u32, ratings: u64) -> Interactions {
    SyntheticConfig {
        users,
        items,
        ratings,
        ..SyntheticConfig::default()
    }
    .generate()
    .unwrap_or_else(|e| panic!("synthetic data: {e}"))
}

/// `criterion_group!` and `criterion_main!` for `targets`, with text reports only (criterion's
/// HTML plots need system fonts, which this project does not require).
#[macro_export]
macro_rules! bench_main {
    ($($target:path),+ $(,)?) => {
        criterion::criterion_group! {
            name = benches;
            config = criterion::Criterion::default().without_plots();
            targets = $($target),+
        }
        criterion::criterion_main!(benches);
    };
}
