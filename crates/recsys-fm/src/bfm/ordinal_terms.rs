//! The ordered probit's part of a fitted [`Bfm`](super::Bfm): every kept sample's cutpoints,
//! global bias and linear weights, and the expected rating they predict. The expectation is
//! not linear in the sample, so a prediction sums the samples one by one.

use super::model::RowView;
use super::ordinal::expected;
use crate::error::FmError;

/// Per-sample parameters of an ordered-probit model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrdinalTerms {
    /// The rating value of every class, ascending.
    pub levels: Vec<f64>,
    /// `[s][K − 1]` cutpoints.
    pub cuts: Vec<f64>,
    /// `[s]` global bias.
    pub w0: Vec<f64>,
    /// `[s][j]` linear weights of the user and item features.
    pub w: Vec<f32>,
}

impl OrdinalTerms {
    /// Checks the sizes against `n_samples` samples of `n_features` features and that every
    /// value is finite, the levels and each sample's cutpoints ascending.
    pub fn check(&self, n_samples: usize, n_features: usize) -> Result<(), FmError> {
        let bad = |what: String| Err(<FmError as recsys_core::WrapsCore>::param("ordinal", what));
        let nk = self.levels.len();
        if nk < 2 {
            return bad(format!("{nk} rating levels; at least 2 are needed"));
        }
        if Some(self.cuts.len()) != n_samples.checked_mul(nk - 1)
            || self.w0.len() != n_samples
            || Some(self.w.len()) != n_samples.checked_mul(n_features)
        {
            return bad(format!(
                "{} cutpoints, {} biases and {} weights for {n_samples} samples, {nk} levels, {n_features} features",
                self.cuts.len(),
                self.w0.len(),
                self.w.len()
            ));
        }
        let finite = self
            .levels
            .iter()
            .chain(&self.cuts)
            .chain(&self.w0)
            .all(|x| x.is_finite())
            && self.w.iter().all(|x| x.is_finite());
        if !finite {
            return bad("a value is not finite".into());
        }
        let ascending = |x: &[f64]| x.windows(2).all(|p| p[0] < p[1]);
        if !ascending(&self.levels) || !self.cuts.chunks(nk - 1).all(ascending) {
            return bad("levels or cutpoints are not ascending".into());
        }
        Ok(())
    }

    /// Sample `s`'s linear term of a feature row (`offset`: the block's first feature).
    pub fn linear(&self, s: usize, cols: &[u32], xs: &[f32], offset: usize) -> f64 {
        let nf = self.w.len() / self.w0.len().max(1);
        let ws = &self.w[s * nf..(s + 1) * nf];
        cols.iter()
            .zip(xs)
            .map(|(&j, &x)| f64::from(x) * f64::from(ws[offset + j as usize]))
            .sum()
    }

    /// The expected rating averaged over the samples, for the rows of a case (rank `k`): sample
    /// `s` predicts `f_s = w₀,s + Σ row terms_s + Σ_{pairs} q_s·q'_s` and expects
    /// `Σ level · P(level | f_s)`.
    pub fn predict(&self, rows: &[RowView<'_>], k: usize) -> f64 {
        let n_s = self.w0.len();
        let nc = self.levels.len() - 1;
        let mut sum = 0.0;
        for s in 0..n_s {
            let mut f = self.w0[s];
            for r in rows {
                f += r.bias_s.get(s).map_or(0.0, |&b| f64::from(b));
            }
            for (a, ra) in rows.iter().enumerate() {
                for rb in &rows[a + 1..] {
                    if !ra.z.is_empty() && ra.z.len() == rb.z.len() {
                        let (za, zb) = (&ra.z[s * k..(s + 1) * k], &rb.z[s * k..(s + 1) * k]);
                        f += za
                            .iter()
                            .zip(zb)
                            .map(|(x, y)| f64::from(*x) * f64::from(*y))
                            .sum::<f64>();
                    }
                }
            }
            sum += expected(&self.levels, &self.cuts[s * nc..(s + 1) * nc], f);
        }
        sum / n_s.max(1) as f64
    }
}

impl super::Bfm {
    /// The model with its ordered probit's per-sample parts: every row cache must hold its
    /// per-sample terms.
    pub(super) fn with_ordinal(mut self, terms: OrdinalTerms) -> Result<Self, FmError> {
        terms.check(self.n_samples, self.w.len())?;
        let (uc, ic) = self.caches();
        let case = self.case.as_ref().map(|c| &c.cache);
        if [Some(uc), Some(ic), case]
            .into_iter()
            .flatten()
            .any(|c| c.bias_s.is_empty() && !c.bias.is_empty())
        {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "ordinal",
                "a block has no per-sample row terms",
            ));
        }
        self.ordinal = Some(terms);
        Ok(self)
    }

    /// The rating levels of an ordered-probit model (`None` for regression).
    pub fn ordinal_levels(&self) -> Option<&[f64]> {
        self.ordinal.as_ref().map(|o| &o.levels[..])
    }
}
