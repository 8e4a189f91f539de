//! The training loop: BCE on logits, Adam, negatives resampled every epoch, seeded shuffling,
//! a per-epoch callback, validation HR@10 / NDCG@10, early stopping and a learning curve; and
//! a whole run on one backend: initialization (or NeuMF's pretraining), then that loop.

use std::time::Instant;

use burn::module::AutodiffModule;
use burn::nn::loss::BinaryCrossEntropyLossConfig;
use burn::optim::{AdamConfig, GradientsParams, Optimizer};
use burn::tensor::backend::{AutodiffBackend, Backend};
use burn::tensor::{ElementConversion, Int, Tensor, TensorData};
use recsys_core::Interactions;
use recsys_core::candidates::CandidateSet;
use recsys_core::sampling::{NegativeSampler, pointwise_epoch};
use recsys_core::traits::EpochRecord;

use crate::batch::Batches;
use crate::error::{NcfError, Result};
use crate::evaluate::evaluate;
use crate::net::{Gmf, Mlp, NcfNetwork, NeuMf, init_weights, neumf_from_pretrained};
use crate::params::{NcfKind, NcfParams};
use crate::weights::NcfWeights;

/// The outcome of training.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The weights kept: the last epoch's, or the best validation epoch's under early stopping.
    pub weights: NcfWeights,
    /// One record per epoch run.
    pub curve: Vec<EpochRecord>,
    /// The 1-based epoch whose weights were kept.
    pub best_epoch: usize,
    /// Whether early stopping ended training before `epochs`.
    pub stopped_early: bool,
}

/// The shuffle seed of `epoch` (distinct from the sampling stream).
fn shuffle_seed(seed: u64, epoch: u64) -> u64 {
    let mut z = seed ^ 0x5DEE_CE66_D1CE_4E5B ^ epoch.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What a training run learns from: the hyperparameters, the training data and the validation
/// candidates, if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Job<'a> {
    /// The hyperparameters.
    pub params: &'a NcfParams,
    /// The positives.
    pub train: &'a Interactions,
    /// Validation candidates in the index space of `train`.
    pub valid: Option<&'a CandidateSet>,
}

/// Initializes (or, for a pretrained NeuMF, pretrains) and trains `job.params.kind`'s network
/// on backend `B`.
pub(crate) fn train_model<B: AutodiffBackend>(
    job: Job<'_>,
    device: &B::Device,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<Trained> {
    let (params, train) = (job.params, job.train);
    let (nu, ni) = (train.n_users(), train.n_items());
    B::seed(device, params.seed);
    let init = if params.kind == NcfKind::NeuMf && params.pretrain {
        let tower = |kind| -> Result<Trained> {
            let p = NcfParams {
                kind,
                pretrain: false,
                patience: None,
                ..params.clone()
            };
            let init = init_weights::<B>(&p, nu, ni, device)?;
            let job = Job {
                params: &p,
                train,
                valid: None,
            };
            train_weights::<B>(job, init, device, &mut |_| {})
        };
        let gmf = tower(NcfKind::Gmf)?;
        let mlp = tower(NcfKind::Mlp)?;
        neumf_from_pretrained(&gmf.weights, &mlp.weights, params.alpha as f32)?
    } else {
        init_weights::<B>(params, nu, ni, device)?
    };
    train_weights::<B>(job, init, device, callback)
}

/// Trains the network of `init.kind` from the weights `init` on backend `B`.
fn train_weights<B: AutodiffBackend>(
    job: Job<'_>,
    init: NcfWeights,
    device: &B::Device,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<Trained> {
    let net = match init.kind {
        NcfKind::Gmf => train_net::<B, Gmf<B>>,
        NcfKind::Mlp => train_net::<B, Mlp<B>>,
        NcfKind::NeuMf => train_net::<B, NeuMf<B>>,
    };
    net(job.params, init, job.train, job.valid, device, callback)
}

fn int_tensor<B: Backend>(v: &[u32], device: &B::Device) -> Tensor<B, 1, Int> {
    let data: Vec<i32> = v.iter().map(|&x| x as i32).collect();
    Tensor::from_data(TensorData::new(data, [v.len()]), device)
}

/// Adam as PyTorch's defaults (betas 0.9 / 0.999, epsilon 1e-8).
pub fn adam<B: AutodiffBackend, M: AutodiffModule<B>>() -> impl Optimizer<M, B> {
    AdamConfig::new().with_epsilon(1e-8).init::<B, M>()
}

/// One optimizer step on a mini-batch: logits, binary cross entropy on logits (mean over the
/// batch), backward pass, optimizer update with learning rate `lr`. Returns the updated network
/// and the batch's summed loss (a tensor, so that a GPU backend is not synchronized per step).
pub fn train_step<B, M, O>(
    model: M,
    optim: &mut O,
    users: &[u32],
    items: &[u32],
    labels: &[f32],
    lr: f64,
    device: &B::Device,
) -> (M, Tensor<B::InnerBackend, 1>)
where
    B: AutodiffBackend,
    M: NcfNetwork<B> + AutodiffModule<B>,
    O: Optimizer<M, B>,
{
    let n = users.len();
    let bce = BinaryCrossEntropyLossConfig::new()
        .with_logits(true)
        .init::<B>(device);
    let u = int_tensor::<B>(users, device);
    let i = int_tensor::<B>(items, device);
    let y: Vec<i32> = labels.iter().map(|&y| i32::from(y > 0.5)).collect();
    let y = Tensor::<B, 1, Int>::from_data(TensorData::new(y, [n]), device);
    let loss = bce.forward(model.logits(u, i), y);
    let sum = loss.clone().inner().mul_scalar(n as f64);
    let grads = GradientsParams::from_grads(loss.backward(), &model);
    (optim.step(lr, model, grads), sum)
}

/// The generic loop over one network type.
pub fn train_net<B, M>(
    params: &NcfParams,
    init: NcfWeights,
    train: &Interactions,
    valid: Option<&CandidateSet>,
    device: &B::Device,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<Trained>
where
    B: AutodiffBackend,
    M: NcfNetwork<B> + AutodiffModule<B>,
    M::InnerModule: NcfNetwork<B::InnerBackend>,
{
    if init.n_users() < train.n_users() || init.n_items() < train.n_items() {
        return Err(NcfError::Model(format!(
            "a network of {}x{} for data of {}x{}",
            init.n_users(),
            init.n_items(),
            train.n_users(),
            train.n_items()
        )));
    }
    let mut model = M::import(&init, device)?;
    let mut optim = adam::<B, M>();
    let sampler = NegativeSampler::new(&[train])?;
    let mut curve = Vec::with_capacity(params.epochs);
    let mut best: Option<(f64, NcfWeights, usize)> = None;
    let mut stopped_early = false;
    for epoch in 1..=params.epochs {
        let t0 = Instant::now();
        let inst = pointwise_epoch(
            train,
            &sampler,
            params.negatives,
            params.seed,
            epoch as u64,
            true,
        )?;
        let mut batches = Batches::new(
            &inst.users,
            &inst.items,
            &inst.labels,
            params.batch,
            shuffle_seed(params.seed, epoch as u64),
        )?;
        let mut total: Option<Tensor<B::InnerBackend, 1>> = None;
        while let Some(b) = batches.next_batch() {
            let (m, part) = train_step(
                model, &mut optim, b.users, b.items, b.labels, params.lr, device,
            );
            model = m;
            total = Some(match total {
                Some(t) => t + part,
                None => part,
            });
        }
        let loss_sum: f64 = total.map_or(0.0, |t| t.into_scalar().elem::<f64>());
        let loss = loss_sum / inst.len().max(1) as f64;
        let seconds = t0.elapsed().as_secs_f64();
        if !loss.is_finite() {
            return Err(NcfError::Diverged { epoch, loss });
        }
        let mut record = EpochRecord {
            epoch,
            loss,
            seconds,
            validation: Vec::new(),
        };
        if let Some(v) = valid {
            let w = model.valid().export()?;
            let (hr, ndcg) = evaluate(&w, v, 10);
            record.validation = vec![("hr@10".to_string(), hr), ("ndcg@10".to_string(), ndcg)];
            if best.as_ref().is_none_or(|b| ndcg > b.0) {
                best = Some((ndcg, w, epoch));
            }
        }
        callback(&record);
        curve.push(record);
        if let (Some(p), Some(b)) = (params.patience, best.as_ref())
            && epoch - b.2 >= p
            && epoch < params.epochs
        {
            stopped_early = true;
            break;
        }
    }
    let (weights, best_epoch) = match (params.patience, best) {
        (Some(_), Some((_, w, e))) => (w, e),
        _ => (model.valid().export()?, curve.len()),
    };
    Ok(Trained {
        weights,
        curve,
        best_epoch,
        stopped_early,
    })
}
