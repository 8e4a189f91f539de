//! Fitting: [`fit_with`], and [`NcfParams`] as [`Fit`] and as a [`ModelSpec`].

use recsys_core::WrapsCore;
use recsys_core::candidates::CandidateSet;
use recsys_core::split;
use recsys_core::traits::{BoxError, EpochRecord, Fit, param_list, with_param};
use recsys_core::{Interactions, Model, ModelSpec};

use crate::backend::train_on;
use crate::error::{NcfError, Result};
use crate::fold_in_params::NcfFoldIn;
use crate::model::NcfModel;
use crate::params::NcfParams;
use crate::train::Job;

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
        param_list(self)
    }
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        let next = with_param(self, &self.name(), key, value)?;
        next.check()?;
        *self = next;
        Ok(())
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        Ok(Box::new(self.fit(train)?.into_model()))
    }
}

/// Checks `params` against `train` (beyond [`NcfParams::check`]).
fn check_data(params: &NcfParams, train: &Interactions) -> Result<()> {
    params.check()?;
    if train.is_empty() || train.n_users() == 0 || train.n_items() == 0 {
        return Err(NcfError::empty("no training interactions"));
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
        return Err(NcfError::empty(
            "no training interactions left after validation",
        ));
    }
    let job = Job {
        params,
        train: train_part,
        valid,
    };
    let trained = train_on(params.device, job, callback)?;
    Ok(NcfModel {
        params: params.clone(),
        weights: trained.weights,
        curve: trained.curve,
        best_epoch: trained.best_epoch,
        fold_in: NcfFoldIn::default(),
    })
}
