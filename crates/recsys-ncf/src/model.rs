//! Fitting ([`NcfParams`] implements [`Fit`] and [`ModelSpec`]) and the fitted [`NcfModel`],
//! which scores through the workspace's model traits.

use burn::backend::Autodiff;
use burn::tensor::backend::AutodiffBackend;
use recsys_core::candidates::CandidateSet;
use recsys_core::split;
use recsys_core::traits::{BoxError, EpochRecord, Fit};
use recsys_core::{CandidateScorer, Interactions, Model, ModelSpec, Recommender};

use crate::error::{NcfError, Result};
use crate::net::{init_weights, neumf_from_pretrained};
use crate::params::{Device, NcfKind, NcfParams};
use crate::train::{Trained, train_weights};
use crate::weights::NcfWeights;

/// burn's CPU backend used for training on [`Device::Cpu`].
pub type CpuBackend = burn::backend::Flex;

/// A fitted GMF, MLP or NeuMF model.
///
/// Scores ([`CandidateScorer::score`]) are **logits**: `sigmoid(score)` is the predicted
/// probability of an interaction ([`NcfModel::predict`]); ranking by either is the same, and
/// logits do not saturate to ties. Users or items outside the training index space score
/// `f32::NEG_INFINITY`.
#[derive(Debug, Clone)]
pub struct NcfModel {
    /// The hyperparameters it was trained with.
    pub params: NcfParams,
    /// The trained weights.
    pub weights: NcfWeights,
    /// One record per training epoch (loss, seconds, validation HR@10 / NDCG@10).
    pub curve: Vec<EpochRecord>,
    /// The 1-based epoch whose weights were kept.
    pub best_epoch: usize,
}

impl NcfModel {
    /// The predicted probability that `user` interacts with `item` (`None` out of range).
    pub fn predict(&self, user: u32, item: u32) -> Option<f32> {
        let (u, i) = (user as usize, item as usize);
        if u >= self.weights.n_users() || i >= self.weights.n_items() {
            return None;
        }
        Some(crate::weights::sigmoid(self.weights.logit(
            u,
            i,
            &mut self.weights.scratch(),
        )))
    }
}

impl CandidateScorer for NcfModel {
    fn n_items(&self) -> usize {
        self.weights.n_items()
    }

    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        self.weights.logits_into(user, items, out);
    }
}

impl Recommender for NcfModel {}

impl Model for NcfModel {
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self)
    }
    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }
    fn as_save(&self) -> Option<&dyn recsys_core::traits::SaveModel> {
        Some(self)
    }
}

impl Fit for NcfParams {
    type Model = NcfModel;
    type Error = NcfError;
    fn fit(&self, train: &Interactions) -> Result<NcfModel> {
        fit_with(self, train, None, &mut |_| {})
    }
}

impl ModelSpec for NcfParams {
    fn name(&self) -> String {
        self.kind.name().to_string()
    }
    fn params(&self) -> Vec<(String, String)> {
        self.describe()
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        Ok(Box::new(self.fit(train)?))
    }
}

/// Checks `params` against `train` (beyond [`NcfParams::validate`]).
fn check_data(params: &NcfParams, train: &Interactions) -> Result<()> {
    params.validate()?;
    if train.is_empty() || train.n_users() == 0 || train.n_items() == 0 {
        return Err(NcfError::Empty("no training interactions".into()));
    }
    if params.negatives > train.n_items() {
        return Err(NcfError::param(
            "negatives",
            format!(
                "{} negatives per positive but only {} items",
                params.negatives,
                train.n_items()
            ),
        ));
    }
    if i32::try_from(train.n_users().max(train.n_items())).is_err() {
        return Err(NcfError::param("data", "more than i32::MAX users or items"));
    }
    Ok(())
}

/// Fits `params` on `train` (every interaction is a positive), calling `callback` after each
/// epoch. Validation data for early stopping and the learning curve: `valid` (candidates in the
/// index space of `train`), or else, when [`NcfParams::validation_negatives`] is set, each
/// user's latest interaction of `train` is held out (and not trained on) and ranked among that
/// many sampled negatives. [`NcfParams::patience`] needs one or the other.
///
/// ```
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder, CandidateScorer};
/// use recsys_ncf::{NcfKind, NcfParams, fit_with};
/// let mut b = InteractionsBuilder::new();
/// for u in 0..20u64 {
///     for i in 0..6u64 { b.push(u, (u % 2) * 6 + i, 1.0, Some(i as u32))?; }
/// }
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let p = NcfParams::new(NcfKind::Gmf).with_epochs(3).with_batch(32).with_gmf_embedding(4);
/// let mut losses = Vec::new();
/// let model = fit_with(&p, &train, None, &mut |r| losses.push(r.loss))?;
/// assert_eq!(losses.len(), 3);
/// let mut s = [0.0; 2];
/// model.score(0, &[0, 99], &mut s);
/// assert!(s[0].is_finite() && s[1] == f32::NEG_INFINITY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fit_with(
    params: &NcfParams,
    train: &Interactions,
    valid: Option<&CandidateSet>,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<NcfModel> {
    check_data(params, train)?;
    let carved;
    let (train_part, valid) = match (valid, params.validation_negatives) {
        (Some(v), _) => {
            if !v.same_index_space(train) {
                return Err(NcfError::param(
                    "validation",
                    "candidates of another index space than the training data",
                ));
            }
            (train, Some(v))
        }
        (None, Some(n)) => {
            let s = split::leave_latest_out(train, 1)?;
            let c = CandidateSet::from_split(&s, n, params.seed ^ 0x7A11_DA7E)?;
            carved = (s.train, c);
            (&carved.0, Some(&carved.1))
        }
        (None, None) => (train, None),
    };
    if params.patience.is_some() && valid.is_none() {
        return Err(NcfError::param(
            "patience",
            "early stopping needs validation data (validation_negatives or a candidate set)",
        ));
    }
    if train_part.is_empty() {
        return Err(NcfError::Empty(
            "no training interactions left after validation".into(),
        ));
    }
    let trained = match params.device {
        Device::Cpu => {
            run::<Autodiff<CpuBackend>>(params, train_part, valid, &Default::default(), callback)?
        }
        Device::Cuda(k) => cuda::run(params, train_part, valid, k, callback)?,
    };
    Ok(NcfModel {
        params: params.clone(),
        weights: trained.weights,
        curve: trained.curve,
        best_epoch: trained.best_epoch,
    })
}

/// Initializes (or pretrains) and trains on backend `B`.
fn run<B: AutodiffBackend>(
    params: &NcfParams,
    train: &Interactions,
    valid: Option<&CandidateSet>,
    device: &B::Device,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<Trained> {
    let (nu, ni) = (train.n_users(), train.n_items());
    B::seed(device, params.seed);
    let init = if params.kind == NcfKind::NeuMf && params.pretrain {
        let sub = |kind| NcfParams {
            kind,
            pretrain: false,
            patience: None,
            ..params.clone()
        };
        let (g, m) = (sub(NcfKind::Gmf), sub(NcfKind::Mlp));
        let gw = init_weights::<B>(&g, nu, ni, device)?;
        let gmf = train_weights::<B>(&g, gw, train, None, device, &mut |_| {})?;
        let mw = init_weights::<B>(&m, nu, ni, device)?;
        let mlp = train_weights::<B>(&m, mw, train, None, device, &mut |_| {})?;
        neumf_from_pretrained(&gmf.weights, &mlp.weights, params.alpha as f32)?
    } else {
        init_weights::<B>(params, nu, ni, device)?
    };
    train_weights::<B>(params, init, train, valid, device, callback)
}

#[cfg(feature = "cuda")]
mod cuda {
    use super::*;
    use burn::backend::Cuda;
    use burn::backend::cuda::CudaDevice;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the CUDA runtime panicked".into())
    }

    /// Trains on GPU `k`; a missing driver or GPU is [`NcfError::BackendUnavailable`].
    pub(super) fn run(
        params: &NcfParams,
        train: &Interactions,
        valid: Option<&CandidateSet>,
        k: usize,
        callback: &mut dyn FnMut(&EpochRecord),
    ) -> Result<Trained> {
        let device = CudaDevice::new(k);
        catch_unwind(|| {
            burn::tensor::Tensor::<Cuda, 1>::zeros([1], &device)
                .into_data()
                .to_vec::<f32>()
                .is_ok()
        })
        .map_err(|e| {
            NcfError::BackendUnavailable(format!(
                "cuda:{k}: the CUDA device could not be initialized (no GPU, or no driver \
                 library libcuda.so; the runtime's panic message is printed above): {}",
                panic_text(e)
            ))
        })?;
        catch_unwind(AssertUnwindSafe(|| {
            super::run::<Autodiff<Cuda>>(params, train, valid, &device, callback)
        }))
        .map_err(|e| NcfError::BackendUnavailable(format!("cuda:{k}: {}", panic_text(e))))?
    }
}

#[cfg(not(feature = "cuda"))]
mod cuda {
    use super::*;

    /// Always [`NcfError::BackendUnavailable`]: this build has no `cuda` feature.
    pub(super) fn run(
        _params: &NcfParams,
        _train: &Interactions,
        _valid: Option<&CandidateSet>,
        k: usize,
        _callback: &mut dyn FnMut(&EpochRecord),
    ) -> Result<Trained> {
        Err(NcfError::BackendUnavailable(format!(
            "cuda:{k}: recsys-ncf was built without the `cuda` feature"
        )))
    }
}
