//! [`evaluate`]: HR@k and NDCG@k of trained weights on held-out candidates, for validation
//! during training and for tests.

use rayon::prelude::*;
use recsys_core::candidates::CandidateSet;

use crate::weights::NcfWeights;

/// HR@`k` and NDCG@`k` of `weights` on `candidates` (each held-out positive ranked among its
/// user's negatives; ties count against the positive, as in the peers' protocol).
pub fn evaluate(weights: &NcfWeights, candidates: &CandidateSet, k: usize) -> (f64, f64) {
    let per: Vec<(f64, f64, usize)> = candidates
        .entries()
        .par_iter()
        .map(|e| {
            if e.user as usize >= weights.n_users() {
                return (0.0, 0.0, e.positives.len());
            }
            let mut all = e.positives.clone();
            all.extend_from_slice(&e.negatives);
            let mut scores = vec![0.0f32; all.len()];
            weights.logits_into(e.user, &all, &mut scores);
            let (sp, negs) = scores.split_at(e.positives.len());
            let (mut hr, mut ndcg) = (0.0, 0.0);
            for &sp in sp {
                let rank = negs.iter().filter(|&&x| x >= sp || sp.is_nan()).count();
                if rank < k {
                    hr += 1.0;
                    ndcg += 1.0 / ((rank + 2) as f64).log2();
                }
            }
            (hr, ndcg, e.positives.len())
        })
        .collect();
    let n: usize = per.iter().map(|x| x.2).sum();
    if n == 0 {
        return (0.0, 0.0);
    }
    let hr: f64 = per.iter().map(|x| x.0).sum();
    let nd: f64 = per.iter().map(|x| x.1).sum();
    (hr / n as f64, nd / n as f64)
}
