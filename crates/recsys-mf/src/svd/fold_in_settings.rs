//! How a user is folded into a fitted SVD or SVD++ model: [`FoldInMethod`] (a hyperparameter)
//! and [`SvdFoldIn`] (what the fitted model keeps of it).

use serde::{Deserialize, Serialize};

/// How folding in places a user who was not in the training data (a hyperparameter of
/// [`SvdParams`](super::SvdParams) and [`SvdPpParams`](super::SvdPpParams)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoldInMethod {
    /// The closed-form ridge solve against the fixed items: the point the fit's per-rating
    /// SGD converges to for that user.
    Ridge,
    /// The fit's own SGD on the user alone, items fixed: as many epochs over the history,
    /// with the fit's learning rates and regularization, from zero factors. A retrained
    /// model's new user gets the same number of steps, so this lands where retraining does
    /// rather than at convergence (default).
    #[default]
    Sgd,
}

/// What a fitted model keeps to fold users in: the method and, for [`FoldInMethod::Sgd`], the
/// fit's epochs and learning rates (saved in its model file).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SvdFoldIn {
    /// [`FoldInMethod::Ridge`].
    Ridge,
    /// [`FoldInMethod::Sgd`] with the fit's settings.
    Sgd {
        /// Epochs over the history.
        epochs: usize,
        /// Learning rate of the factors.
        lr: f32,
        /// Learning rate of the bias.
        lr_bias: f32,
    },
}

impl Default for SvdFoldIn {
    /// [`SvdFoldIn::Ridge`], what model files written before the setting existed get.
    fn default() -> Self {
        Self::Ridge
    }
}

impl SvdFoldIn {
    /// The settings a fit with `method`, `epochs` and learning rates `lr`, `lr_bias` keeps.
    pub fn of(method: FoldInMethod, epochs: usize, lr: f32, lr_bias: f32) -> Self {
        match method {
            FoldInMethod::Ridge => Self::Ridge,
            FoldInMethod::Sgd => Self::Sgd {
                epochs,
                lr,
                lr_bias,
            },
        }
    }

    /// Checks the settings read from a file: positive epochs, learning rates in (0, 1).
    pub fn is_valid(&self) -> bool {
        match *self {
            Self::Ridge => true,
            Self::Sgd {
                epochs,
                lr,
                lr_bias,
            } => {
                epochs > 0
                    && [lr, lr_bias]
                        .iter()
                        .all(|&v| v.is_finite() && v > 0.0 && v < 1.0)
            }
        }
    }
}
