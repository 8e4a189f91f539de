//! [`Corrector`]: corrections for users whose catalogues differ in size, cached by size.

use std::collections::HashMap;

use super::{Correction, FullMetric};
use crate::EvalError;

/// Corrected per-user values of several metrics for users whose catalogues differ in size: one
/// [`Correction`] per metric and catalogue size, sizes rounded down to 1% (at least 1 item) so
/// that a dataset needs few of them.
#[derive(Debug, Clone)]
pub struct Corrector {
    metrics: Vec<FullMetric>,
    m: usize,
    gamma: f64,
    cache: HashMap<usize, Vec<Correction>>,
}

impl Corrector {
    /// A corrector of `metrics` for `m` sampled negatives with trade-off `gamma`.
    pub fn new(metrics: &[FullMetric], m: usize, gamma: f64) -> Self {
        Self {
            metrics: metrics.to_vec(),
            m,
            gamma,
            cache: HashMap::new(),
        }
    }

    /// The corrected value of sampled rank `r`, for each metric, for a user with `n` candidate
    /// negatives.
    pub fn values(&mut self, r: usize, n: usize) -> Result<Vec<f64>, EvalError> {
        let step = (n / 100).max(1);
        let key = (n / step * step).max(self.m);
        if !self.cache.contains_key(&key) {
            let c = Correction::for_metrics(&self.metrics, key, self.m, self.gamma)?;
            self.cache.insert(key, c);
        }
        Ok(self
            .cache
            .get(&key)
            .map(|cs| cs.iter().map(|c| c.value(r)).collect())
            .unwrap_or_default())
    }
}
