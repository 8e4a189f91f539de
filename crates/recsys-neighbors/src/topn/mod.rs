//! Top-N models on implicit data: `item-knn`, `user-knn`, `ease`, `rp3beta`, `slim`.
