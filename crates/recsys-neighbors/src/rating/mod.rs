//! k-NN rating prediction with Surprise 1.1.5's semantics: `knn-basic` ([`KnnBasic`],
//! `KNNBasic`), `knn-means` ([`KnnMeans`], `KNNWithMeans`) and `knn-baseline`
//! ([`KnnBaseline`], `KNNBaseline`), user- or item-based, with the similarities cosine, msd,
//! pearson and pearson_baseline ([`Similarity`]). Each folds in a user it was not trained on
//! from their ratings (`recsys_core::traits::FoldIn`, and [`Knn::fold_in_as`] for a training
//! user standing for themself).
//!
//! ```
//! use recsys_core::traits::Fit;
//! use recsys_core::{DuplicatePolicy, InteractionsBuilder, RatingPredictor};
//! use recsys_neighbors::rating::{KnnBasicParams, Similarity};
//!
//! // users × items: u0 = [5, 4, -], u1 = [4, 3, 2], u2 = [1, 2, 5]
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(0, 0, 5.0), (0, 1, 4.0), (1, 0, 4.0), (1, 1, 3.0), (1, 2, 2.0),
//!                   (2, 0, 1.0), (2, 1, 2.0), (2, 2, 5.0)] {
//!     b.push(u, i, r, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = KnnBasicParams::default().with_similarity(Similarity::Msd).fit(&train)?;
//! // u0's neighbours for item 2: u1 (msd over items 0, 1: 1 → sim 1/2) and u2 (msd 10 → 1/11)
//! let expect = (0.5 * 2.0 + 5.0 / 11.0) / (0.5 + 1.0 / 11.0);
//! assert!((m.predict(0, 2) - expect as f32).abs() < 1e-6);
//! assert_eq!(m.estimate(0, 2).actual_k, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod estimate;
mod fit;
mod fold_in;
mod lists;
mod model;
mod params;
mod persist;
mod similar;
mod similarity;

pub use estimate::Estimate;
pub use model::{Knn, KnnBaseline, KnnBasic, KnnMeans};
pub use params::{
    Basic, Centring, Estimator, KnnBaselineParams, KnnBasicParams, KnnMeansParams, KnnParams,
    Means, Similarity, WithBaseline,
};
pub use similarity::MAX_SIMILARITY_BYTES;
