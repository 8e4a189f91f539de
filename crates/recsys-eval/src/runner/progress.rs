//! [`Progress`]: what the runner is doing, for a progress bar.

/// What the runner is doing, for progress reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Fitting `model` on fold `fold` (0-based) of `folds`.
    Fitting {
        /// Model name.
        model: String,
        /// Fold index.
        fold: usize,
        /// Number of folds.
        folds: usize,
    },
    /// Evaluating `model` on fold `fold`.
    Evaluating {
        /// Model name.
        model: String,
        /// Fold index.
        fold: usize,
        /// Number of folds.
        folds: usize,
    },
    /// A model is done with every fold.
    Done {
        /// Model name.
        model: String,
    },
}

impl Progress {
    /// The message of a progress bar's step (`fitting svd (2/5)`, `evaluating svd (2/5)`), or
    /// `None` for [`Progress::Done`], which is no step: a runner of `m` models on `f` folds
    /// makes `2·m·f` steps.
    ///
    /// ```
    /// use recsys_eval::runner::Progress;
    /// let p = Progress::Fitting { model: "svd".into(), fold: 1, folds: 5 };
    /// assert_eq!(p.step().as_deref(), Some("fitting svd (2/5)"));
    /// assert_eq!(Progress::Done { model: "svd".into() }.step(), None);
    /// ```
    pub fn step(&self) -> Option<String> {
        match self {
            Progress::Fitting { model, fold, folds } => {
                Some(format!("fitting {model} ({}/{folds})", fold + 1))
            }
            Progress::Evaluating { model, fold, folds } => {
                Some(format!("evaluating {model} ({}/{folds})", fold + 1))
            }
            Progress::Done { .. } => None,
        }
    }
}
