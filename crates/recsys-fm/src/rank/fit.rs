//! Fitting [`RankFm`]: LightFM's initialization (embeddings uniform in `[−0.5, 0.5) / rank`,
//! biases 0, adagrad accumulators 1), then `epochs` epochs of batches (`batch.rs`).

use std::time::Instant;

use rand::RngExt;
use recsys_core::traits::{EpochRecord, Fit};
use recsys_core::{Interactions, WrapsCore};

use super::batch::{Job, State, run_epoch};
use super::{RankFm, RankFmParams};
use crate::error::FmError;
use crate::features::UserItemFeatures;
use crate::random::stream_rng;

impl Fit for RankFmParams {
    type Model = RankFm;
    type Error = FmError;

    /// Fits on the one-hot user and item ids alone.
    fn fit(&self, train: &Interactions) -> Result<RankFm, FmError> {
        self.check()?;
        let features = UserItemFeatures::from_interactions(train, false)?;
        self.fit_features(train, features)
    }
}

impl RankFmParams {
    /// Fits on `features`: one user row per user index of `train` and one item row per item
    /// index (items without interactions included: they are scored from their features).
    pub fn fit_features(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
    ) -> Result<RankFm, FmError> {
        self.check()?;
        if train.is_empty() {
            return Err(FmError::empty(
                "no training interactions to fit the ranking FM on",
            ));
        }
        let (nu, ni) = (features.user.n_rows(), features.item.n_rows());
        if nu != train.n_users() || ni != train.n_items() {
            return Err(FmError::param(
                "features",
                format!(
                    "{nu} user and {ni} item rows for {} users and {} items",
                    train.n_users(),
                    train.n_items()
                ),
            ));
        }
        if ni < 2 {
            return Err(FmError::empty("the ranking FM needs at least 2 items"));
        }
        let k = self.rank;
        let (nuf, nif) = (features.user.n_features(), features.item.n_features());
        let mut init = stream_rng(self.seed, u64::MAX);
        let mut draw = |n: usize| -> Vec<f32> {
            (0..n)
                .map(|_| (init.random::<f32>() - 0.5) / k as f32)
                .collect()
        };
        let item_emb = draw(nif * k);
        let user_emb = draw(nuf * k);
        let mut state = State {
            user_acc: vec![1.0; user_emb.len()],
            item_acc: vec![1.0; item_emb.len()],
            user_emb,
            item_emb,
            item_bias: vec![0.0; nif],
            bias_acc: vec![1.0; nif],
        };
        let user_of: Vec<u32> = train.iter().map(|x| x.user).collect();
        let item_of: Vec<u32> = train.iter().map(|x| x.item).collect();
        let job = Job {
            train,
            features: &features,
            user_of: &user_of,
            item_of: &item_of,
            k,
            loss: self.loss,
            max_sampled: self.max_sampled,
            lr: self.learning_rate,
            item_alpha: self.item_alpha,
            user_alpha: self.user_alpha,
            batch: self.batch,
            seed: self.seed,
        };
        let mut curve = Vec::with_capacity(self.epochs);
        for epoch in 0..self.epochs {
            let start = Instant::now();
            let loss = run_epoch(&job, epoch, &mut state);
            curve.push(EpochRecord {
                epoch: epoch + 1,
                loss: loss / user_of.len() as f64,
                seconds: start.elapsed().as_secs_f64(),
                validation: Vec::new(),
            });
        }
        RankFm::from_parts(
            self.clone(),
            features,
            state.user_emb,
            state.item_emb,
            state.item_bias,
        )
        .map(|m| m.with_curve(curve))
    }
}
