//! Fitting [`Bfm`]: the Gibbs chain of Freudenthaler, Schmidt-Thieme & Rendle (2011) on
//! relational blocks (Rendle 2013), with myFM's update order: α, w₀, λ_w, μ_w, w, λ_V, μ_V, V,
//! then the residuals from scratch. Iteration `t` draws from its own generator
//! `(seed, t)`; the per-row and per-case passes run on rayon, each row's sum in a fixed order,
//! so the chain does not depend on the thread count.

use std::time::Instant;

use rayon::prelude::*;

use recsys_core::traits::{EpochRecord, Fit};
use recsys_core::{Interactions, WrapsCore};

use super::case::CaseTerms;
use super::model::RowCache;
use super::one_class::one_class;
use super::ordinal::OrdinalChain;
use super::ordinal_terms::OrdinalTerms;
use super::relation::Relation;
use super::state::{Priors, Sampler, pair_within};
use super::{Bfm, BfmParams};
use crate::error::FmError;
use crate::features::{CaseFeatures, UserItemFeatures};
use crate::random::stream_rng;

impl Fit for BfmParams {
    type Model = Bfm;
    type Error = FmError;

    /// Fits on `train` with the one-hot user and item features and, with `implicit`, the
    /// normalized implicit sets ([`UserItemFeatures::from_interactions`]).
    fn fit(&self, train: &Interactions) -> Result<Bfm, FmError> {
        self.check()?;
        let features = UserItemFeatures::from_interactions(train, self.implicit)?;
        self.fit_features(train, features)
    }
}

impl BfmParams {
    /// Fits on the ratings of `train` with the caller's feature blocks (one row per user and
    /// per item index of `train`, e.g. with side columns added to
    /// [`UserItemFeatures::builders`]).
    pub fn fit_features(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
    ) -> Result<Bfm, FmError> {
        self.fit_blocks(train, features, None)
    }

    /// [`BfmParams::fit_features`] with an optional case block (checked by the caller).
    pub(super) fn fit_blocks(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
        cases: Option<CaseFeatures>,
    ) -> Result<Bfm, FmError> {
        self.check()?;
        if train.is_empty() {
            return Err(FmError::empty(
                "no training ratings to fit a Bayesian FM on",
            ));
        }
        if features.user.n_rows() != train.n_users() || features.item.n_rows() != train.n_items() {
            return Err(FmError::param(
                "features",
                format!(
                    "{} user rows and {} item rows for {} users and {} items",
                    features.user.n_rows(),
                    features.item.n_rows(),
                    train.n_users(),
                    train.n_items()
                ),
            ));
        }
        if self.negatives > 0 {
            if cases.is_some() {
                return Err(FmError::param(
                    "negatives",
                    "one-class ranking does not take a case block",
                ));
            }
            let one_class = one_class(train, self.negatives, self.seed)?;
            let p = Self {
                ordinal: true,
                ..self.clone()
            };
            return p.pooled(&one_class, features, None);
        }
        self.pooled(train, features, cases)
    }

    /// The chain on this model's pool of threads.
    fn pooled(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
        cases: Option<CaseFeatures>,
    ) -> Result<Bfm, FmError> {
        if self.threads == 0 {
            // the whole chain on one of the global pool's threads: its many short parallel
            // passes then start from a pool thread, not from the caller's, which would wait
            // for every one of them to be picked up and handed back
            return rayon::scope(|_| self.run_chains(train, features, cases));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| {
                FmError::param(
                    "threads",
                    format!("cannot build a pool of {} threads: {e}", self.threads),
                )
            })?;
        pool.install(|| self.run_chains(train, features, cases))
    }

    /// The `chains` chains, chain `c` with seed `seed + c`, their samples kept together (one
    /// chain: that chain's model).
    fn run_chains(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
        cases: Option<CaseFeatures>,
    ) -> Result<Bfm, FmError> {
        if self.chains <= 1 {
            return self.chain(train, features, cases);
        }
        // the chains run side by side on the pool (each still sums in its fixed order, so
        // every chain, and the merged model, is the same whatever the threads)
        let fits = (0..self.chains)
            .into_par_iter()
            .map(|c| {
                let one = Self {
                    seed: self.seed.wrapping_add(c as u64),
                    chains: 1,
                    ..self.clone()
                };
                one.chain(train, features.clone(), cases.clone())
            })
            .collect::<Result<Vec<Bfm>, FmError>>()?;
        Bfm::merge_chains(self.clone(), fits)
    }

    fn chain(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
        cases: Option<CaseFeatures>,
    ) -> Result<Bfm, FmError> {
        let n = train.nnz();
        let (mut users, mut items, mut y) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for x in train.iter() {
            users.push(x.user);
            items.push(x.item);
            y.push(x.rating as f64);
            lo = lo.min(x.rating);
            hi = hi.max(x.rating);
        }
        let nu = features.user.n_features();
        let mut group = features.user.feature_groups();
        let n_user_groups = features.user.groups().len() as u32;
        group.extend(
            features
                .item
                .feature_groups()
                .iter()
                .map(|g| g + n_user_groups),
        );
        let mut rel = vec![
            Relation::new(&features.user, 0, users),
            Relation::new(&features.item, nu, items),
        ];
        // the user and item features come first: the model keeps their weights
        let n_ui = nu + features.item.n_features();
        if let Some(c) = &cases {
            let n_groups = n_user_groups + features.item.groups().len() as u32;
            group.extend(c.block.feature_groups().iter().map(|g| g + n_groups));
            rel.push(Relation::new(&c.block, n_ui, c.case_row.clone()));
        }
        let priors = Priors {
            alpha_0: self.alpha_0,
            beta_0: self.beta_0,
            gamma_0: self.gamma_0,
            mu_0: self.mu_0,
            reg_0: self.reg_0,
        };
        let k = self.rank;
        let mut init = stream_rng(self.seed, u64::MAX);
        // the ordered probit fits latent values with unit noise in place of the ratings
        let mut ordinal = if self.ordinal {
            Some(OrdinalChain::new(&y)?)
        } else {
            None
        };
        let y = match &ordinal {
            Some(o) => o.initial_latent(),
            None => y,
        };
        let mut s = Sampler::new(rel, y, group, k, self.init_stdev, priors, &mut init);
        let nf = s.n_features;
        let kept = self.n_kept();
        let (mut w0_sum, mut w_sum) = (0.0, vec![0.0; n_ui]);
        let mut v_kept: Vec<f32> = Vec::with_capacity(kept * n_ui * k);
        let mut curve = Vec::with_capacity(self.n_iter);
        let mut caches: Vec<RowCache> = s
            .rel
            .iter()
            .map(|r| RowCache::zeros(r.n_rows(), kept * k))
            .collect();
        let mut kept_ord = OrdinalTerms {
            levels: ordinal
                .as_ref()
                .map(|o| o.levels.clone())
                .unwrap_or_default(),
            cuts: Vec::new(),
            w0: Vec::new(),
            w: Vec::new(),
        };
        if ordinal.is_some() {
            for c in &mut caches {
                c.bias_s = vec![0.0; c.bias.len() * kept];
            }
        }
        for it in 0..self.n_iter {
            let start = Instant::now();
            let mut rng = stream_rng(self.seed, it as u64);
            match ordinal.as_mut() {
                Some(o) => o.step(&mut s, self.seed, it),
                None => s.update_alpha(&mut rng),
            }
            s.update_w0(&mut rng);
            s.update_w_priors(&mut rng);
            for b in 0..s.rel.len() {
                s.update_w_block(b, &mut rng);
            }
            s.update_v_priors(&mut rng);
            s.update_v(&mut rng);
            s.recompute_e();
            if it >= self.burn_in {
                keep_rows(&mut caches, &s.terms, it - self.burn_in, kept, k);
                w0_sum += s.w0;
                w_sum.iter_mut().zip(&s.w).for_each(|(a, b)| *a += b);
                if let Some(o) = &ordinal {
                    kept_ord.cuts.extend(&o.cuts);
                    kept_ord.w0.push(s.w0);
                    kept_ord.w.extend(s.w[..n_ui].iter().map(|&x| x as f32));
                }
                for j in 0..n_ui {
                    for f in 0..k {
                        v_kept.push(s.v[f * nf + j] as f32);
                    }
                }
            }
            let loss = s.rmse();
            if !loss.is_finite() {
                return Err(FmError::param(
                    "bfm",
                    format!("the chain diverged at iteration {}", it + 1),
                ));
            }
            curve.push(EpochRecord {
                epoch: it + 1,
                loss,
                seconds: start.elapsed().as_secs_f64(),
                validation: Vec::new(),
            });
        }
        let kf = kept as f64;
        for c in &mut caches {
            c.bias.iter_mut().for_each(|b| *b /= kf);
        }
        let mut caches = caches.into_iter();
        let (user_cache, item_cache) = (
            caches.next().unwrap_or_default(),
            caches.next().unwrap_or_default(),
        );
        let model = Bfm::from_parts(
            self.clone(),
            features,
            w0_sum / kf,
            w_sum.into_iter().map(|x| x / kf).collect(),
            v_kept,
            kept,
            self.clip.then_some((lo, hi)),
            curve,
            user_cache,
            item_cache,
        )?;
        let model = match (cases, caches.next()) {
            (Some(c), Some(cache)) => model.with_case(CaseTerms {
                block: c.block,
                cache,
                days: None,
            })?,
            _ => model,
        };
        if ordinal.is_some() {
            model.with_ordinal(kept_ord)
        } else {
            Ok(model)
        }
    }
}

/// Adds kept sample `si` (of `kept`) to the row terms: the row's linear and within-row pairwise
/// term to `bias` (divided by `kept` at the end; for the ordered probit also to `bias_s` as
/// sample `si`'s own) and its factor sums to `z`.
fn keep_rows(caches: &mut [RowCache], terms: &[Vec<f64>], si: usize, kept: usize, k: usize) {
    let stride = 2 * k + 1;
    for (c, t) in caches.iter_mut().zip(terms) {
        for (r, row) in t.chunks_exact(stride).enumerate() {
            let (q, qs) = (&row[1..1 + k], &row[1 + k..]);
            let pair = pair_within(q, qs);
            c.bias[r] += row[0] + 0.5 * pair;
            if !c.bias_s.is_empty() {
                c.bias_s[r * kept + si] = (row[0] + 0.5 * pair) as f32;
            }
            let z = &mut c.z[(r * kept + si) * k..(r * kept + si + 1) * k];
            z.iter_mut().zip(q).for_each(|(z, q)| *z = *q as f32);
        }
    }
}
