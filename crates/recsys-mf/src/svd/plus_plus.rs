//! [`SvdPpParams`]: the hyperparameters of SVD++ (Surprise's `SVDpp` defaults), which share
//! SVD's SGD settings.

use serde::{Deserialize, Serialize};

use super::{FoldInMethod, SvdParams, VisitOrder};

use crate::error::MfError;
use crate::factors::{InitStream, UserStart};
use recsys_core::param_setters;

/// Hyperparameters of SVD++; the defaults are Surprise's `SVDpp` defaults (20 factors, 20
/// epochs, lr 0.007, reg 0.02, init N(0, 0.1)). New users fold in by [`FoldInMethod::Sgd`]:
/// the implicit part from their history, then the fit's SGD steps on `p_u` and `b_u`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SvdPpParams {
    /// The shared SGD settings (`biased` is always true for SVD++, and SVD++ always runs on one
    /// thread). Flattened in the serde form, so the registry lists SVD's fields.
    #[serde(flatten)]
    pub sgd: SvdParams,
}

impl Default for SvdPpParams {
    fn default() -> Self {
        Self {
            sgd: SvdParams {
                factors: 20,
                lr: 0.007,
                ..SvdParams::default()
            },
        }
    }
}

param_setters!(SvdPpParams, |s| s.sgd;
    factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32, shuffle: bool,
    clip: bool, seed: u64, init_stream: InitStream, user_start: UserStart, visit_order: VisitOrder,
    fold_in: FoldInMethod);

impl SvdPpParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        self.sgd.check()
    }
}
