//! Similar items by the cosine of SVD's item factors.

use ndarray::ArrayView2;
use recsys_core::traits::top_n;

use super::FactorModel;
use crate::error::MfError;

impl FactorModel {
    /// The `n` items most similar to `item` by cosine of their factors.
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, MfError> {
        similar_by_cosine(self.item_factors.view(), item, n)
    }
}

/// The `n` items most similar to `item` by cosine of the rows of `factors`, best first,
/// excluding the item itself and items with zero vectors.
fn similar_by_cosine(
    factors: ArrayView2<f32>,
    item: u32,
    n: usize,
) -> Result<Vec<(u32, f32)>, MfError> {
    let rows = factors.nrows();
    if item as usize >= rows {
        return Err(MfError::UnknownIndex {
            kind: "item",
            index: item,
        });
    }
    let norms: Vec<f32> = factors
        .rows()
        .into_iter()
        .map(|r| r.dot(&r).sqrt())
        .collect();
    let target = factors.row(item as usize);
    let tn = norms[item as usize];
    let scores: Vec<f32> = factors
        .rows()
        .into_iter()
        .enumerate()
        .map(|(j, r)| {
            if j == item as usize || norms[j] == 0.0 || tn == 0.0 {
                f32::NEG_INFINITY
            } else {
                target.dot(&r) / (tn * norms[j])
            }
        })
        .collect();
    Ok(top_n(&scores, n)
        .into_iter()
        .filter(|(_, s)| s.is_finite())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_by_hand() {
        let f = ndarray::array![[1.0f32, 0.0], [0.9, 0.1], [0.0, 1.0], [0.0, 0.0]];
        let s = similar_by_cosine(f.view(), 0, 5).unwrap();
        assert_eq!(s.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1, 2]);
        assert!(similar_by_cosine(f.view(), 9, 5).is_err());
    }
}
