//! Folding a new user into a fitted GMF, MLP or NeuMF ([`FoldIn`] for [`NcfModel`]): the user's
//! embeddings are fitted by a few Adam steps on the training loss, every other weight frozen.
//!
//! **Where it runs.** On the CPU in plain `f32`, over the model's [`NcfWeights`]
//! (`UserGradient`: the forward pass and the backward pass into the user's embeddings only),
//! not through burn: a fitted [`NcfModel`] keeps its weights as plain arrays and scores on the
//! CPU already, building a burn module per fold-in would copy every table, and autodiff would
//! form gradients of every weight only to throw them away. A fold-in of a 100-item history into
//! the seed's MLP (towers 32→64→128→64→32) takes a few milliseconds; into a GMF, tens of
//! microseconds.
//!
//! **The loss** is training's: binary cross entropy on logits, the mean over every history item
//! (a positive, whatever its value: the networks learn from implicit feedback) and, per
//! positive, [`NcfFoldIn::negatives`] (by default [`NcfParams::negatives`]) items outside the
//! history drawn uniformly with replacement, redrawn at every step from the generator
//! `recsys_core::random::stream_rng(seed, 0, 0)`: the same seed and history give the same user,
//! bit for bit, on any machine with the same SIMD level. A history covering every item has no
//! negatives to draw and is fitted on its positives alone.
//!
//! **The start** is the mean of the training users' embeddings (the model's average user), not
//! zeros: the networks are nonlinear and a zero embedding is no particular user, while the mean
//! is where a user with no evidence is best placed. An empty history (allowed, as
//! [`FoldIn`] documents) folds in that mean user, whose ranking is the model's for an average
//! training user.
//!
//! **The state** ([`FoldedUser::state`]) is the user's embeddings flattened: the GMF embedding
//! ([`NcfParams::gmf_embedding`] values; GMF and NeuMF), then the MLP embedding
//! ([`NcfParams::embedding`] values; MLP and NeuMF). A training user's row in that layout scores
//! exactly as [`CandidateScorer::score`] scores the user; scores are logits.
//!
//! [`NcfParams::negatives`]: crate::NcfParams::negatives
//! [`NcfParams::gmf_embedding`]: crate::NcfParams::gmf_embedding
//! [`NcfParams::embedding`]: crate::NcfParams::embedding
//! [`CandidateScorer::score`]: recsys_core::CandidateScorer::score

use rand::RngExt;
use recsys_core::random::stream_rng;
use recsys_core::sampling::nth_missing;
use recsys_core::traits::{FoldIn, FoldedUser, checked_history};
use recsys_core::{CoreError, Result};

use crate::fold_in_params::NcfFoldIn;
use crate::model::NcfModel;
use crate::user_gradient::UserGradient;
use crate::weights::{Matrix, NcfWeights, UserEmbedding, sigmoid};

/// Adam's first- and second-moment decay and epsilon (PyTorch's defaults, as training).
const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f32 = 1e-8;

/// The mean of the rows of `m` (zeros without rows), summed in `f64` in row order.
pub(crate) fn mean_row(m: &Matrix) -> Vec<f32> {
    let mut sum = vec![0.0f64; m.cols];
    for r in 0..m.rows {
        for (s, &x) in sum.iter_mut().zip(m.row(r)) {
            *s += f64::from(x);
        }
    }
    let n = m.rows.max(1) as f64;
    sum.into_iter().map(|s| (s / n) as f32).collect()
}

/// What one fold-in fits: the positives, the negatives per positive and the settings.
struct Job<'a> {
    positives: &'a [u32],
    negatives: usize,
    settings: &'a NcfFoldIn,
    n_items: usize,
}

impl NcfModel {
    /// The mean of the training users' embeddings in the [state layout](self): where a fold-in
    /// starts, and the state of an empty history.
    pub fn mean_user(&self) -> Vec<f32> {
        let w = &self.weights;
        let mut x = w.gmf_user.as_ref().map(mean_row).unwrap_or_default();
        x.extend(w.mlp_user.as_ref().map(mean_row).unwrap_or_default());
        x
    }

    /// The user's embeddings (state layout) in `x`, fitted to `job` by Adam.
    fn fit_user(&self, job: &Job<'_>, x: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { self.fit_user_avx2(job, x) };
            return;
        }
        self.fit_user_body(job, x);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn fit_user_avx2(&self, job: &Job<'_>, x: &mut [f32]) {
        self.fit_user_body(job, x);
    }

    #[inline(always)]
    fn fit_user_body(&self, job: &Job<'_>, x: &mut [f32]) {
        let pos = job.positives;
        let available = (job.n_items - pos.len()) as u32;
        let per = if available == 0 { 0 } else { job.negatives };
        let mut negatives = vec![0u32; pos.len() * per];
        let scale = 1.0 / (pos.len() * (1 + per)) as f32;
        let mut rng = stream_rng(job.settings.seed, 0, 0);
        let mut g = UserGradient::new(&self.weights);
        let mut grad = vec![0.0f32; x.len()];
        let (mut m, mut v) = (vec![0.0f32; x.len()], vec![0.0f32; x.len()]);
        let lr = job.settings.lr;
        for t in 1..=job.settings.steps {
            for o in negatives.iter_mut() {
                *o = nth_missing(pos, rng.random_range(0..available));
            }
            g.set_user(x);
            grad.iter_mut().for_each(|o| *o = 0.0);
            for &i in pos {
                g.accumulate(i as usize, &mut grad, |z| scale * (sigmoid(z) - 1.0));
            }
            for &i in &negatives {
                g.accumulate(i as usize, &mut grad, |z| scale * sigmoid(z));
            }
            let t = t as i32;
            let c1 = (1.0 - BETA1.powi(t)) as f32;
            let c2 = (1.0 - BETA2.powi(t)) as f32;
            let (b1, b2) = (BETA1 as f32, BETA2 as f32);
            let step = lr as f32 / c1;
            for (((xk, mk), vk), &gk) in x.iter_mut().zip(&mut m).zip(&mut v).zip(&grad) {
                *mk = b1 * *mk + (1.0 - b1) * gk;
                *vk = b2 * *vk + (1.0 - b2) * gk * gk;
                *xk -= step * *mk / ((*vk / c2).sqrt() + EPSILON);
            }
        }
    }

    /// The folded state `state` as the embeddings [`NcfWeights`] scores.
    fn embedding_of<'a>(&self, state: &'a [f32]) -> Option<UserEmbedding<'a>> {
        let w = &self.weights;
        let d = w.gmf_item.as_ref().map_or(0, |m| m.cols);
        let e = w.mlp_item.as_ref().map_or(0, |m| m.cols);
        if state.len() != d + e {
            return None;
        }
        let (p, q) = state.split_at(d);
        Some(UserEmbedding {
            gmf: w.gmf_item.as_ref().map(|_| p),
            mlp: w.mlp_item.as_ref().map(|_| q),
        })
    }
}

/// Folding in fits the user's embeddings by [`NcfFoldIn`]'s Adam steps (see the
/// [module](self)). Errors: the history's ([`checked_history`]: an item outside the model, a
/// non-finite value or an item twice, naming `history`), bad [`NcfFoldIn`] settings (naming
/// `fold_in.<field>`), and weights that do not fit together (naming `model`). A state of another
/// length than the model's embeddings scores `f32::NEG_INFINITY` everywhere.
impl FoldIn for NcfModel {
    fn fold_in_items(&self) -> usize {
        self.weights.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> Result<FoldedUser> {
        let n_items = self.weights.n_items();
        let h = checked_history(history, n_items)?;
        self.fold_in.check()?;
        check_weights(&self.weights)?;
        let seen: Vec<u32> = h.into_iter().map(|(i, _)| i).collect();
        let mut state = self.mean_user();
        if !seen.is_empty() && self.fold_in.steps > 0 {
            let job = Job {
                positives: &seen,
                negatives: self.fold_in.negatives.unwrap_or(self.params.negatives),
                settings: &self.fold_in,
                n_items,
            };
            self.fit_user(&job, &mut state);
        }
        Ok(FoldedUser { state, seen })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        match self.embedding_of(&user.state) {
            Some(e) => self.weights.embedding_logits_into(&e, items, out),
            None => out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY),
        }
    }
}

/// The weights' own check, as an error naming `model`.
fn check_weights(w: &NcfWeights) -> Result<()> {
    w.check()
        .map_err(|e| CoreError::param("model", e.to_string()))
}
