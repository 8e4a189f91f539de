//! Several chains as one [`Bfm`] ([`BfmParams::chains`]): the chains' kept samples side by
//! side, so every prediction, fold-in and model file reads them as one chain of
//! `Σ samples` samples.

use recsys_core::WrapsCore;
use recsys_core::traits::EpochRecord;

use super::case::CaseTerms;
use super::model::RowCache;
use super::ordinal_terms::OrdinalTerms;
use super::{Bfm, BfmParams};
use crate::error::FmError;

impl Bfm {
    /// One model holding the samples of `fits` (chains fitted on the same data and features
    /// with `params` but their own seeds), in chain order: the mean weights and each row's
    /// averaged terms weighted by the chains' sample counts, the factor samples and per-sample
    /// terms concatenated. Its learning curve has, per iteration, the chains' mean loss and
    /// their summed seconds.
    pub(super) fn merge_chains(params: BfmParams, fits: Vec<Bfm>) -> Result<Bfm, FmError> {
        let Some(first) = fits.first() else {
            return Err(FmError::empty("no chain to keep samples from"));
        };
        let total: usize = fits.iter().map(|m| m.n_samples).sum();
        let share = |m: &Bfm| m.n_samples as f64 / total as f64;
        let w0 = fits.iter().map(|m| share(m) * m.w0).sum();
        let mut w = vec![0.0; first.w.len()];
        for m in &fits {
            w.iter_mut().zip(&m.w).for_each(|(a, b)| *a += share(m) * b);
        }
        let v = fits.iter().flat_map(|m| m.v.iter().copied()).collect();
        let k = params.rank;
        let merge = |pick: fn(&Bfm) -> Option<&RowCache>| -> Option<RowCache> {
            let parts: Vec<(&RowCache, usize)> = fits
                .iter()
                .map(|m| pick(m).map(|c| (c, m.n_samples)))
                .collect::<Option<_>>()?;
            Some(merge_caches(&parts, k))
        };
        let user = merge(|m| Some(m.caches().0)).unwrap_or_default();
        let item = merge(|m| Some(m.caches().1)).unwrap_or_default();
        let case = merge(|m| m.case.as_ref().map(|c| &c.cache));
        let model = Bfm::from_parts(
            params,
            first.features.clone(),
            w0,
            w,
            v,
            total,
            first.range,
            merge_curves(&fits),
            user,
            item,
        )?;
        let model = match (&first.case, case) {
            (Some(c), Some(cache)) => model.with_case(CaseTerms {
                block: c.block.clone(),
                cache,
                days: c.days.clone(),
            })?,
            _ => model,
        };
        match &first.ordinal {
            Some(o) => model.with_ordinal(OrdinalTerms {
                levels: o.levels.clone(),
                cuts: concat(&fits, |t| &t.cuts),
                w0: concat(&fits, |t| &t.w0),
                w: concat(&fits, |t| &t.w),
            }),
            None => Ok(model),
        }
    }
}

/// One block's row terms of several chains (`(terms, samples)` each): a row's averaged term
/// weighted by the samples, its per-sample factor sums and terms chain after chain.
fn merge_caches(parts: &[(&RowCache, usize)], k: usize) -> RowCache {
    let rows = parts.first().map_or(0, |(c, _)| c.bias.len());
    let total: usize = parts.iter().map(|(_, s)| s).sum();
    let mut out = RowCache {
        bias: vec![0.0; rows],
        z: Vec::with_capacity(rows * total * k),
        bias_s: Vec::new(),
    };
    for (c, s) in parts {
        let share = *s as f64 / total as f64;
        out.bias
            .iter_mut()
            .zip(&c.bias)
            .for_each(|(a, b)| *a += share * b);
    }
    let per_sample = parts.iter().all(|(c, _)| !c.bias_s.is_empty());
    for r in 0..rows {
        for (c, s) in parts {
            out.z.extend_from_slice(&c.z[r * s * k..(r + 1) * s * k]);
            if per_sample {
                out.bias_s.extend_from_slice(&c.bias_s[r * s..(r + 1) * s]);
            }
        }
    }
    out
}

/// The chains' ordered-probit terms `field`, chain after chain.
fn concat<T: Copy>(fits: &[Bfm], field: fn(&OrdinalTerms) -> &Vec<T>) -> Vec<T> {
    fits.iter()
        .filter_map(|m| m.ordinal.as_ref())
        .flat_map(|t| field(t).iter().copied())
        .collect()
}

/// Per iteration, the chains' mean loss and summed seconds.
fn merge_curves(fits: &[Bfm]) -> Vec<EpochRecord> {
    let n = fits.iter().map(|m| m.curve.len()).min().unwrap_or(0);
    (0..n)
        .map(|i| {
            let recs = fits.iter().map(|m| &m.curve[i]);
            EpochRecord {
                epoch: i + 1,
                loss: recs.clone().map(|r| r.loss).sum::<f64>() / fits.len() as f64,
                seconds: recs.map(|r| r.seconds).sum(),
                validation: Vec::new(),
            }
        })
        .collect()
}
