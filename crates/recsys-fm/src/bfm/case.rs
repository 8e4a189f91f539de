//! A [`Bfm`] with a case block: features of the rating itself (its day, its context) beside
//! the user and item blocks — [`BfmParams::fit_cases`] and [`Bfm::predict_case`].

use recsys_core::Interactions;

use super::model::{RowCache, RowView};
use super::{Bfm, BfmParams};
use crate::dot::dot8;
use crate::error::FmError;
use crate::features::{CaseFeatures, FeatureBlock, RatingDays, UserItemFeatures};

/// The case block of a fitted model: its context rows, their terms (see [`RowCache`]) and, for
/// a block of rating days ([`BfmParams::fit_dated`]), the day of each row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaseTerms {
    pub block: FeatureBlock,
    pub cache: RowCache,
    pub days: Option<RatingDays>,
}

impl BfmParams {
    /// Fits on the ratings of `train` with the user and item blocks and a case block (one
    /// context row per training rating, e.g. [`crate::features::RatingDays::case_features`]):
    /// the Gibbs chain runs on three relational blocks, the case block's features with priors
    /// of their own groups.
    pub fn fit_cases(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
        cases: CaseFeatures,
    ) -> Result<Bfm, FmError> {
        cases.check_cases(train.nnz())?;
        self.fit_blocks(train, features, Some(cases))
    }

    /// [`BfmParams::fit_cases`] with the rating's day as the case block
    /// ([`RatingDays::case_features`] over `train`'s days). The model keeps the days, so
    /// [`predict_at`](recsys_core::RatingPredictor::predict_at), which `compare` calls, finds
    /// a rating's day row from its timestamp; a day without training ratings adds no term.
    pub fn fit_dated(
        &self,
        train: &Interactions,
        features: UserItemFeatures,
    ) -> Result<Bfm, FmError> {
        let days = RatingDays::from_interactions(train);
        let mut model = self.fit_cases(train, features, days.case_features(train)?)?;
        if let Some(c) = model.case.as_mut() {
            c.days = Some(days);
        }
        Ok(model)
    }
}

impl Bfm {
    /// The model with its case block's terms.
    pub(super) fn with_case(mut self, case: CaseTerms) -> Result<Self, FmError> {
        let sk = self.n_samples * self.params.rank;
        let rows = case.block.n_rows();
        if case.cache.bias.len() != rows || Some(case.cache.z.len()) != rows.checked_mul(sk) {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                format!(
                    "case terms of {} rows for {rows} rows",
                    case.cache.bias.len()
                ),
            ));
        }
        if !(case.cache.bias_s.is_empty()
            || Some(case.cache.bias_s.len()) == rows.checked_mul(self.n_samples))
        {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                format!(
                    "{} per-sample case terms for {rows} rows",
                    case.cache.bias_s.len()
                ),
            ));
        }
        if case.cache.bias.iter().any(|x| !x.is_finite())
            || case.cache.z.iter().any(|x| !x.is_finite())
            || case.cache.bias_s.iter().any(|x| !x.is_finite())
        {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                "a case term is not finite",
            ));
        }
        if let Some(d) = &case.days
            && d.n_days() != rows
        {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                format!("{} days for a case block of {rows} rows", d.n_days()),
            ));
        }
        self.case = Some(case);
        Ok(self)
    }

    /// The days of its case block's rows, when fitted with [`BfmParams::fit_dated`].
    pub fn days(&self) -> Option<&RatingDays> {
        self.case.as_ref().and_then(|c| c.days.as_ref())
    }

    /// The case block it was fitted with, if any.
    pub fn case_block(&self) -> Option<&FeatureBlock> {
        self.case.as_ref().map(|c| &c.block)
    }

    /// The prediction for a user and an item in context row `case` of the case block (the
    /// average of the kept samples' predictions, clipped as `RatingPredictor::predict`). Without a case
    /// block, or with `None` or a row outside it (a day without training ratings), the context
    /// contributes nothing: the prediction is `RatingPredictor::predict`'s.
    pub fn predict_case(&self, user: u32, item: u32, case: Option<u32>) -> f32 {
        let (uc, ic) = self.caches();
        let c = match (&self.case, case) {
            (Some(c), Some(r)) => self.row_of(&c.cache, r),
            _ => RowView::default(),
        };
        self.combine(&[self.row_of(uc, user), self.row_of(ic, item), c])
    }
}

/// `Σ a·b` in eight `f32` lanes ([`dot8`]), as `f64`.
pub(super) fn dot(a: &[f32], b: &[f32]) -> f64 {
    f64::from(dot8(a, b))
}
