//! k-NN rating prediction with Surprise's semantics: `knn-basic`, `knn-means`, `knn-baseline`.
